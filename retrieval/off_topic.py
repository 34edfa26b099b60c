"""Subjects the knowledge base does not cover (knowledge/off_topics.yaml), and the questions that name them.

"ly hôn thuận tình mất bao lâu" shares "mất bao lâu" with the IP Law's time limits, and "đóng bảo hiểm xã hội tự
nguyện bao nhiêu" shares "bảo hiểm xã hội" with the SME criteria: close enough for the gate, which only sees how
well a passage matches. Naming a subject no passage names is the evidence it lacks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from knowledge.folding import fold_diacritics, normalize
from retrieval.features import FUNCTION_WORDS
from retrieval.query import asking_sentences
from retrieval.text import words_of

__all__ = ["OffTopics", "asked_part"]

OWN_SUBJECT = 6  # words an asking sentence needs to carry a subject of its own
Phrase = tuple[str, ...]


def _words(text: str) -> list[str]:
    return words_of(normalize(text))


def asked_part(text: str) -> str:
    """The part of a message its subject is read from: a story's asking sentences, when they can carry one."""
    # "Tôi đã nghỉ hưu, đang viết hồi ký. Con tôi hỏi ... bản quyền bao lâu?" asks about copyright, but in
    # "Tôi muốn ly hôn. Mất bao lâu?" the asking sentence is too short to hold its own subject.
    asking = " ".join(asking_sentences(text))
    return asking if len(_words(asking)) >= OWN_SUBJECT else text


def _folded(words: Sequence[str]) -> Phrase:
    return tuple(fold_diacritics(w) for w in words)


class OffTopics:
    """Phrases naming subjects we do not cover, matched whole, with or without the diacritics they are written with."""

    def __init__(
        self,
        subjects: Mapping[str, Sequence[str]],
        has: Callable[[str], bool],
        readings: Mapping[Phrase, Sequence[str]] | None = None,
        ours: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`has`: a passage has this folded word or pair; `readings`: English phrases' Vietnamese; `ours`: ours."""
        self._has = has
        self._ours = {_folded(_words(p)) for phrases in (ours or {}).values() for p in phrases} - {()}
        self._longest_ours = max((len(p) for p in self._ours), default=0)
        self._written: dict[Phrase, Phrase] = {}  # folded words -> the words as the list writes them
        for phrases in subjects.values():
            for phrase in phrases:
                words = tuple(_words(phrase))
                # A phrase some passage has, itself or as an English phrase reads, names no subject we lack; on
                # another collection (ALQAC's laws on marriage or land) the list's subjects are its own.
                read = [_folded(_words(v)) for v in (readings or {}).get(words, ())]
                if words and not any(self._present(p) for p in [_folded(words), *read]):
                    self._written[_folded(words)] = words
        self._longest = max((len(p) for p in self._written), default=0)

    def _present(self, words: Phrase) -> bool:
        """Whether the index has the words: the word alone, or each pair of them (not always in one passage)."""
        terms = list(words) if len(words) == 1 else [f"{a}_{b}" for a, b in itertools.pairwise(words)]
        return bool(terms) and all(self._has(t) for t in terms)

    def named(self, text: str, anywhere: bool = False) -> list[Phrase]:
        """The phrases a question asks about (`anywhere`: or tells of); "sơ đồ" typed is not "sổ đỏ" listed."""
        return self._find(text if anywhere else asked_part(text))

    def _find(self, text: str) -> list[Phrase]:
        typed = _words(text)
        folded = list(_folded(typed))
        found: list[Phrase] = []
        for start in range(len(folded)):
            for size in range(min(self._longest, len(folded) - start), 0, -1):
                key = tuple(folded[start : start + size])
                written = self._written.get(key)
                if written is None or tuple(typed[start : start + size]) not in (key, written):
                    continue  # not listed, or typed with marks other than the list's
                if size == 2 and self._split_otherwise(folded, start):
                    continue
                found.append(key)
                break
        return found

    def verdict(
        self,
        question: str,
        context: str = "",
        ours: bool | None = None,
        untranslated: bool = False,
        *,
        asked_elsewhere: str | None = None,
    ) -> str | None:
        """Out if the question asks about a subject we do not cover, unsure if it only tells of one (or a story of
        ours asks of one), else None."""
        # `context`: what a later part of a message searches with (an earlier part's words); `ours`: it names one
        # of our documents or subjects (worked out here when the caller has not); `untranslated`: most of an English
        # question's words have no translation, so a passage can only match the rest ("write me a python script ...
        # by invoice number" is not about "hóa đơn"). A question that also names one of our subjects ("nghỉ thai sản"
        # of a firm's female workers, "hộ chiếu" in a trademark filing) is ours.
        if ours if ours is not None else self.names_ours(question):
            # `asked_elsewhere`: the asking sentences of a story that names one of ours in its scene only ("e có 1
            # startup ..."), which does not make a listed subject they ask of ours ("... nv part time có phải khấu trừ
            # thuế tncn ko"): unsure.
            lacking = asked_elsewhere is not None and bool(self._find(asked_elsewhere))
            return "unsure" if untranslated or lacking else None
        asked = asked_part(question)
        if self._find(asked) or (context and not self.names_ours(context) and self.named(context, anywhere=True)):
            return "out"
        if asked != question and self._find(question):
            return "unsure"
        return "out" if untranslated else None

    def names_ours(self, text: str) -> bool:
        """Whether a text names one of our subjects (knowledge/our_subjects.yaml)."""
        folded = _folded(_words(text))
        return any(
            folded[start : start + size] in self._ours
            for start in range(len(folded))
            for size in range(1, min(self._longest_ours, len(folded) - start) + 1)
        )

    def _split_otherwise(self, folded: Sequence[str], start: int) -> bool:
        """Whether a two-word match reads better with a neighbour: "hop ly hon" is "hợp lý hơn", not "ly hôn"."""
        # A function word or a number beside it ("lương hưu không", "được ly hôn", "nợ bhxh 3 tháng") joins nothing:
        # "hưu không" is "sở hữu không", and a figure follows any phrase.
        before = folded[start - 1] if start > 0 else ""
        after = folded[start + 2] if start + 2 < len(folded) else ""
        pairs = [f"{before}_{folded[start]}" if before else "", f"{folded[start + 1]}_{after}" if after else ""]
        words = [before, after]
        joins = [w not in FUNCTION_WORDS and not w.isdigit() for w in words]
        return any(pair and join and self._has(pair) for pair, join in zip(pairs, joins, strict=True))

    def phrases(self) -> list[Phrase]:
        """The phrases in use: those of the list the knowledge base does not have."""
        return list(self._written.values())
