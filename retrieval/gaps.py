"""Subjects on our topics that the knowledge base names without answering them (knowledge/gaps.yaml).

"Bằng bảo hộ giống cây trồng có hiệu lực bao nhiêu năm?" finds IP Law Art. 93 (the terms of protection titles) and
Art. 3 (plant varieties are an object of IP rights): close enough for the gate, yet no passage of ours states that
term. Questions asking about such a subject are answered as unsure, with the nearest passages.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

from knowledge.folding import fold_diacritics, normalize
from retrieval.query import asking_sentences
from retrieval.text import words_of

__all__ = ["Gaps"]

Phrase = tuple[str, ...]


def _folded(text: str) -> list[str]:
    return [fold_diacritics(w) for w in words_of(normalize(text))]


class Gaps:
    """The listed gaps of the documents a knowledge base holds; each one a set of phrases that must all be asked."""

    def __init__(self, listed: Mapping[str, Sequence[str]], documents: Container[str]) -> None:
        """`listed`: document id -> phrases, where "a + b" needs both and "a | b" either; only the entries of
        `documents` (ids) apply."""
        self._gaps: list[tuple[tuple[Phrase, ...], ...]] = [
            tuple(tuple(tuple(_folded(a)) for a in part.split(" | ")) for part in phrase.split(" + "))
            for document, phrases in listed.items()
            if document in documents
            for phrase in phrases
        ]

    def asked(self, question: str, context: str = "") -> bool:
        """Whether the sentences that ask (the whole question when none or all do) ask about a listed gap; with
        `context` (the earlier question a later part leans on), one part of a gap may come from it: "EVFTA thuế gạo
        bao nhiêu? còn tôm thì sao?" asks the tariff on shrimp."""
        own = _folded(" ".join(asking_sentences(question)))
        lent = own + _folded(context)
        return any(all(_has(lent, part) for part in gap) and any(_has(own, part) for part in gap) for gap in self._gaps)


def _has(words: Sequence[str], alternatives: tuple[Phrase, ...]) -> bool:
    return any(a and _contains(words, a) for a in alternatives)


def _contains(words: Sequence[str], phrase: Phrase) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))
