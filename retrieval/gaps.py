"""Subjects on our topics that the knowledge base names without answering them (knowledge/gaps.yaml).

"Bằng bảo hộ giống cây trồng có hiệu lực bao nhiêu năm?" finds IP Law Art. 93 (the terms of protection titles) and
Art. 3 (plant varieties are an object of IP rights): close enough for the gate, yet no passage of ours states that
term. Questions asking about such a subject are answered as unsure, with the nearest passages.
"""

from __future__ import annotations

import itertools
from collections.abc import Container, Iterable, Mapping, Sequence

from knowledge.folding import fold_diacritics, normalize
from retrieval.query import asking_sentences
from retrieval.text import words_of

__all__ = ["Gaps"]

Phrase = tuple[str, ...]


class Gaps:
    """The listed gaps of the documents a knowledge base holds; each one a set of phrases that must all be asked."""

    def __init__(self, listed: Mapping[str, Sequence[str]], documents: Container[str]) -> None:
        """`listed`: document id -> phrases, where "a + b" needs both, "a | b" either, and "... - c | d" none of
        the phrases after the minus where the question asks; only the entries of `documents` (ids) apply."""
        self._gaps: list[tuple[tuple[frozenset[Phrase], ...], frozenset[Phrase]]] = [
            (tuple(_alternatives(part) for part in asked.split(" + ")), _alternatives(unless))
            for document, phrases in listed.items()
            if document in documents
            for phrase in phrases
            for asked, _, unless in (phrase.partition(" - "),)
        ]
        self._longest = max((len(a) for gap, unless in self._gaps for part in (*gap, unless) for a in part), default=0)

    def asked(self, question: str, context: str = "") -> bool:
        """Whether the sentences that ask (the whole question when none or all do) ask about a listed gap; with
        `context` (the earlier question a later part leans on), one part of a gap may come from it: "EVFTA thuế gạo
        bao nhiêu? còn tôm thì sao?" asks the tariff on shrimp."""
        if not self._gaps:  # another collection (ALQAC): nothing is read
            return False
        own = self._grams(_keys(" ".join(asking_sentences(question))))
        lent = own | self._grams(_keys(context))
        # The exceptions too are read where it asks: a story's "chuyển đổi số" or "được hỗ trợ đào tạo" tells the
        # asker's situation, and leaves "Lệ phí môn bài năm nay bao nhiêu?" the gap it is.
        return any(
            all(part & lent for part in gap) and any(part & own for part in gap) and not unless & own
            for gap, unless in self._gaps
        )

    def _grams(self, words: Sequence[str]) -> set[Phrase]:
        """Every run of up to the longest phrase's length of words."""
        return {tuple(words[i : i + n]) for n in range(1, self._longest + 1) for i in range(len(words) - n + 1)}


# A word typed with diacritics matches a phrase's word only as spelled, one typed without matches it folded: "quán cà
# phê thuê tư vấn" rents a consultant (thuê), it does not ask the tariff on coffee (thuế), as "ca phe thue" may.
def _keys(text: str) -> list[str]:
    """The text's lowercase words as typed, in the canonical accented form."""
    return words_of(normalize(text))


def _alternatives(part: str) -> frozenset[Phrase]:
    """Every spelling of each of the part's "a | b" phrases; none for an empty part."""
    return frozenset(v for a in part.split(" | ") if a.strip() for v in _spellings(a))


def _spellings(phrase: str) -> Iterable[Phrase]:
    """Every way a question may spell the phrase: each accented word as written or folded."""
    words = words_of(normalize(phrase))
    return itertools.product(*[dict.fromkeys([w, fold_diacritics(w)]) for w in words]) if words else ()
