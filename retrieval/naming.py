"""Which documents a question names: 'Nghị định 80', 'luật SHTT', 'EVFTA', 'kế hoạch 33', a title or an alias.

A named document is strong evidence: 'căn cứ khoản nào của Nghị định 80 quy định...' wants Decree 80, not the Law
its words also match. Names are matched as whole syllable sequences of the analysed question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from knowledge.doctypes import DOC_TYPES
from knowledge.folding import fold_diacritics, number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document
from retrieval.query import asking_sentences
from retrieval.text import syllables

__all__ = ["AGREEMENT_NAME", "DocumentNames", "agreement_names", "asks_of_another_agreement"]

# EVFTA, UKVFTA, VKFTA...; "UK-VFTA" is UKVFTA's. Also the agreements whose short names do not end in FTA (RCEP and
# AJCEP, VJEPA, ATIGA, the US BTA, the EVIPA investment treaty) and two named by their parties: the EAEU's, and
# Israel's (a party to none of ours), named beside Vietnam or an FTA ("Vietnam-Israel FTA"), not an Israeli firm.
# A question asking only of one that no passage mentions is about none of ours.
# ... and Vietnam's own agreements with one other party, named by the two joined with a dash ("Vietnam-Korea FTA",
# "FTA Việt Nam - Hàn Quốc"): ours with the EU and the UK are not in this list, nor are the partners Vietnam trades
# with only through CPTPP or RCEP ("a Vietnam-Canada trade agreement" is CPTPP's), and "Việt Nam nhất định", "VN
# lao động" or "Vietnam. My FTA ..." name no party: the dash is required.
_OTHER_PARTY = (
    r"(?:korea|han quoc|japan|nhat ban|chile|cuba|china|trung quoc|india|an do|usa?|my|hoa ky|efta|uae|laos?|lao|"
    r"cambodia|campuchia|israel|eurasian)"
)
_DASH = r"\s*[-\u2013\u2014/]\s*"
AGREEMENT_NAME = re.compile(
    r"(?<![\w-])(?:[a-z]{1,5}fta|[a-z]{1,3}cep|[a-z]{1,3}epa|atiga|bta|evipa)\b"
    r"|\b(?:eaeu|eurasian economic union|kinh te a\W*au|(?:viet ?nam|vn)\W+israel|israel\W+fta)\b"
    rf"|\b(?:viet ?nam|vn){_DASH}{_OTHER_PARTY}\W{{1,3}}(?:fta|epa|free trade|trade agreement|hiep dinh)\b"
    rf"|\b(?:fta|epa|hiep dinh(?: thuong mai tu do)?)\W{{1,3}}(?:viet ?nam|vn){_DASH}{_OTHER_PARTY}\b"
)


def agreement_names(text: str) -> list[str]:
    """The trade and investment agreements a text names, folded and lowercase ("vkfta", "vietnam-israel")."""
    return AGREEMENT_NAME.findall(fold_diacritics(text).lower())


def _names(doc: Document) -> set[tuple[str, ...]]:
    """Every syllable sequence that names this document."""
    meta = doc.meta
    number = syllables(meta.number)
    names = {tuple(syllables(meta.title)), *(tuple(syllables(a)) for a in meta.aliases)}
    if number and number[0].isdigit():
        kind = next(t for t in DOC_TYPES if t.code == meta.type)
        names |= {(*syllables(word), number[0]) for word in (*kind.words, *kind.abbreviations)}
        names.add(tuple(number[:2]))  # "80/2021"
        names.add(tuple(number))
    elif number:
        names.add(tuple(number))  # "EVFTA", "Quỹ phát triển KH&CN của doanh nghiệp"
    return {n for n in names if n}


class DocumentNames:
    """An index from name sequences to document numbers, built once per knowledge-base version."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for doc in kb.documents:
            for name in _names(doc):
                self._by_first.setdefault(name[0], []).append((name, number_key(doc.meta.number)))

    def named(self, units: Sequence[str]) -> frozenset[str]:
        """Number keys of the documents the question names."""
        found = set()
        for start, unit in enumerate(units):
            for name, key in self._by_first.get(unit, ()):
                if tuple(units[start : start + len(name)]) == name:
                    found.add(key)
        return frozenset(found)

    def strip(self, units: Sequence[str]) -> list[str]:
        """The units with every document name taken out."""
        named = self._marked(units)
        return [u for u, n in zip(units, named, strict=True) if not n]

    def names_in(self, units: Sequence[str]) -> list[str]:
        """Only the units that name a document, in order."""
        named = self._marked(units)
        return [u for u, n in zip(units, named, strict=True) if n]

    def _marked(self, units: Sequence[str]) -> list[bool]:
        marked = [False] * len(units)
        for start, unit in enumerate(units):
            for name, _ in self._by_first.get(unit, ()):
                if tuple(units[start : start + len(name)]) == name:
                    marked[start : start + len(name)] = [True] * len(name)
        return marked


def asks_of_another_agreement(
    question: str, names: DocumentNames, mentioned: Callable[[str], bool], answering_type: str | None = None
) -> bool:
    """Whether the question asks of an agreement no passage `mentioned` ("VKFTA") and of none that one does."""
    found = agreement_names(question)
    if not found:  # most questions: nothing more is read
        return False
    if any(map(mentioned, found)) or names.named(syllables(question)):
        return False  # "RCEP thay ATIGA?" asks of RCEP, "dùng ATIGA, CPTPP thì sao?" of CPTPP
    # Told of in a story only, it sinks an answer from another agreement's note (`answering_type`: the would-be
    # answer's document type): "Chúng tôi nhập máy theo ATIGA. Khi nào thuế về 0%?", not one from Decree 80
    # ("... theo ATIGA. DNNVV được hỗ trợ tư vấn bao nhiêu?").
    return bool(agreement_names(" ".join(asking_sentences(question)))) or answering_type == "hiep-dinh"
