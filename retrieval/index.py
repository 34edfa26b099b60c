"""BM25 over passages, with a title boost and a best-paragraph score, returning typed Hits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from retrieval.bm25 import Bm25, FloatArray
from retrieval.text import tokenize

__all__ = ["Entry", "Hit", "SearchIndex", "SearchParams"]


@dataclass(frozen=True)
class SearchParams:
    """Ranking parameters, tuned on ALQAC 2024 train and checked on ALQAC 2022."""

    k1: float = 1.2
    b: float = 0.75
    # An article's title is strong evidence: its tokens count this many extra times.
    title_weight: int = 3
    # Weight of the best single paragraph's own BM25 score; rewards a focused match in a long text.
    paragraph_weight: float = 1.0


@dataclass(frozen=True)
class Entry:
    """What the index sees of one passage: a title, extra context and its paragraphs."""

    title: str
    paragraphs: Sequence[str]
    context: str = ""
    # A clause passage shares its article's title with its sibling clauses, so it counts the title once.
    shares_title: bool = False
    # Phrases people use for this passage (knowledge/keywords); searched with the passage, never shown.
    keywords: str = ""
    # Multiplies the passage's score: a document's overview restates its sections and should not outrank them.
    prior: float = 1.0


class Hit(NamedTuple):
    """One ranked passage: its position in the index, its score and its best paragraph."""

    position: int
    score: float
    paragraph: int


class SearchIndex:
    """Passage-level BM25 plus the best paragraph's BM25, both exact rank-bm25 statistics."""

    def __init__(self, entries: Sequence[Entry], params: SearchParams | None = None) -> None:
        self.params = params or SearchParams()
        self.size = len(entries)
        passages: list[list[str]] = []
        paragraphs: list[list[str]] = []
        starts: list[int] = []
        for entry in entries:
            title = tokenize(entry.title)
            body = [entry.context, entry.title, *entry.paragraphs, entry.keywords]
            weight = 1 if entry.shares_title else self.params.title_weight
            passages.append(tokenize("\n".join(body)) + title * weight)
            starts.append(len(paragraphs))
            paragraphs.extend(tokenize(p) + title for p in (entry.paragraphs or [entry.title]))
        self.passages = Bm25(passages, self.params.k1, self.params.b)
        self.paragraphs = Bm25(paragraphs, self.params.k1, self.params.b)
        self._vocabulary: tuple[frozenset[str], frozenset[str]] | None = None
        self._priors = np.asarray([e.prior for e in entries], dtype=np.float64)
        self._starts = np.asarray(starts, dtype=np.int64)
        self._ends = np.append(self._starts[1:], len(paragraphs)).astype(np.int64)

    def vocabulary(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every syllable and every syllable pair the passages contain (to tell an unknown question apart)."""
        if self._vocabulary is None:
            terms = self.passages.terms()
            self._vocabulary = (frozenset(t for t in terms if "_" not in t), frozenset(t for t in terms if "_" in t))
        return self._vocabulary

    def scores(self, query: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """Combined score of every passage, and every paragraph's own score."""
        combined = self.passages.scores(query)
        para = self.paragraphs.scores(query)
        if self.size and len(para):
            combined = combined + self.params.paragraph_weight * np.maximum.reduceat(para, self._starts)
        return combined * self._priors, para

    def search(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """Top-k passages with a positive score, best first; ties keep index order."""
        if not self.size or k <= 0 or not query:
            return []
        combined, para = self.scores(query)
        k = min(k, self.size)
        candidates = np.argpartition(-combined, k - 1)[:k] if k < self.size else np.arange(self.size)
        ranked = sorted(candidates.tolist(), key=lambda i: (-combined[i], i))
        hits = []
        for i in ranked:
            if combined[i] <= 0:
                break
            lo, hi = self._starts[i], self._ends[i]
            hits.append(Hit(i, float(combined[i]), int(np.argmax(para[lo:hi]))))
        return hits
