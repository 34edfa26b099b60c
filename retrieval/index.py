"""BM25 over passages, with a title boost and a best-paragraph score, returning typed Hits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from knowledge import folding
from retrieval import bounds, text, tokens, vocabulary
from retrieval import fields as fields_module
from retrieval import postings as postings_module
from retrieval.bm25 import Bm25, FloatArray
from retrieval.fields import build_arrays
from retrieval.index_cache import content_key, load_or_build
from retrieval.maxscore import pruned
from retrieval.postings import AnyArray, Postings, QueryTerm
from retrieval.rescore import Fields, top
from retrieval.vocabulary import Vocabulary

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


# MaxScore's bookkeeping costs about 1.5 ms; reading every posting costs about 13 ns each (measured with
# `bench --search` on 2k to 100k passages). Small collections are always read in full.
PRUNE_ABOVE = 200_000  # postings of the query's terms, both fields
PRUNE_FROM = 10_000  # passages


class SearchIndex:
    """Passage-level BM25 plus the best paragraph's BM25, both exact rank-bm25 statistics."""

    def __init__(
        self, entries: Sequence[Entry], params: SearchParams | None = None, cache_dir: Path | None = None
    ) -> None:
        """Build the index, or map it from `cache_dir` when this content was indexed before (None: no cache)."""
        self.params = p = params or SearchParams()
        self.size = len(entries)
        key = content_key(_key_parts(entries, p)) if cache_dir is not None else ""
        arrays, self.from_cache = load_or_build(
            cache_dir, key, lambda: build_arrays(entries, p.k1, p.b, p.title_weight, p.paragraph_weight)
        )
        self._setup(arrays)

    @classmethod
    def from_arrays(cls, arrays: dict[str, AnyArray], params: SearchParams | None = None) -> SearchIndex:
        """An index over arrays from retrieval.fields.build_arrays (the scale benchmark times the steps apart)."""
        index = cls.__new__(cls)
        index.params, index.from_cache = params or SearchParams(), False
        index.size = len(arrays["priors"])
        index._setup(arrays)
        return index

    def _setup(self, arrays: dict[str, AnyArray]) -> None:
        p = self.params
        vocab = Vocabulary.from_blob(arrays["words"], arrays["pairs"])
        self.passages = Bm25.of(vocab, Postings.from_arrays(arrays, "passages", p.k1).weighed_if_small(), p.b)
        self.paragraphs = Bm25.of(vocab, Postings.from_arrays(arrays, "paragraphs", p.k1).weighed_if_small(), p.b)
        self._vocabulary: tuple[frozenset[str], frozenset[str]] | None = None
        self._priors: FloatArray = arrays["priors"]
        self._starts: AnyArray = arrays["starts"]
        self._ends = np.append(self._starts[1:], self.paragraphs.size).astype(np.int64)
        self._fields = Fields(self.passages.postings, self.paragraphs.postings, self._starts, self._ends, self._priors,
                              p.paragraph_weight, arrays["reach"], arrays["first"], arrays["bound"],
                              arrays["forward.indptr"], arrays["forward"], arrays["forward.terms"],
                              bool((self._priors == 1).all()),
                              float(self._priors.max(initial=0.0)))  # fmt: skip
        # MaxScore's bounds add non-negative contributions; a negative weight or prior would break them.
        self._prunable = p.paragraph_weight >= 0 and bool(self.size) and float(self._priors.min()) >= 0

    def words(self) -> frozenset[str]:
        """Every syllable the passages contain (to tell an unknown question apart)."""
        return self.passages.words()

    def vocabulary(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every syllable and every syllable pair the passages contain (to tell an unknown question apart)."""
        if self._vocabulary is None:
            terms = self.passages.terms()
            self._vocabulary = (frozenset(t for t in terms if "_" not in t), frozenset(t for t in terms if "_" in t))
        return self._vocabulary

    def containing(self, terms: Sequence[str], passages: Sequence[int]) -> dict[int, frozenset[str]]:
        """Which of the terms each passage has (in its number, title, text or search phrases).

        Read from the forward index: a passage's words are never tokenized again, and what a question asks about
        leaves no per-passage word sets behind for the garbage collector to walk.
        """
        vocabulary, postings, fields = self.passages.vocabulary, self.passages.postings, self._fields
        known = sorted((tid, t) for t in dict.fromkeys(terms) for tid in [vocabulary.id(t)] if tid is not None)
        ids = np.asarray([tid for tid, _ in known], dtype=np.int64)
        # A passage has term t when one of its posting positions lies in t's span [indptr[t], indptr[t + 1]).
        spans = np.stack((postings.indptr[ids], postings.indptr[ids + 1]), axis=1).ravel()
        found: dict[int, frozenset[str]] = {}
        for p in dict.fromkeys(passages):
            at = fields.forward[fields.forward_indptr[p] : fields.forward_indptr[p + 1]]
            where = np.searchsorted(at, spans).reshape(-1, 2)
            has = (where[:, 1] > where[:, 0]).tolist()
            found[p] = frozenset(t for (_, t), present in zip(known, has, strict=True) if present)
        return found

    def scores(self, query: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """Combined score of every passage, and every paragraph's own score."""
        return self._scores(self.passages.query_terms(query))

    def _scores(self, terms: Sequence[QueryTerm]) -> tuple[FloatArray, FloatArray]:
        combined = self.passages.scores_of(terms)
        para = self.paragraphs.scores_of(terms)
        if self.size and len(para):
            combined = combined + self.params.paragraph_weight * np.maximum.reduceat(para, self._starts)
        return combined * self._priors, para

    def search(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """Top-k passages with a positive score, best first; ties keep index order."""
        if not self.size or k <= 0 or not query:
            return []
        terms = self.passages.query_terms(query)
        tids = np.asarray([t for t, _ in terms], dtype=np.int64)
        cost = sum(
            int((b.postings.indptr[tids + 1] - b.postings.indptr[tids]).sum()) for b in (self.passages, self.paragraphs)
        )
        if self._prunable and cost > PRUNE_ABOVE and self.size >= PRUNE_FROM:
            return self._pruned(terms, k)
        return self._exhaustive(terms, k)

    def exhaustive_search(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """`search` by scoring every passage: what the pruned search must equal."""
        if not self.size or k <= 0 or not query:
            return []
        return self._exhaustive(self.passages.query_terms(query), k)

    def pruned_search(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """`search` through MaxScore whatever the query's size (`search` prunes only large queries)."""
        if not self.size or k <= 0 or not query or not self._prunable:
            return self.exhaustive_search(query, k)
        return self._pruned(self.passages.query_terms(query), k)

    def _exhaustive(self, terms: Sequence[QueryTerm], k: int) -> list[Hit]:
        combined, para = self._scores(terms)
        return [
            Hit(i, float(combined[i]), int(np.argmax(para[self._starts[i] : self._ends[i]])))
            for i in top(combined, k).tolist()
        ]

    def _pruned(self, terms: Sequence[QueryTerm], k: int) -> list[Hit]:
        return [Hit(*found) for found in pruned(self._fields, terms, k)]


def _key_parts(entries: Sequence[Entry], params: SearchParams) -> Iterator[bytes]:
    """What the index is built from: the code that turns text into arrays, the parameters and every entry."""
    for module in (folding, text, fields_module, tokens, postings_module, bounds, vocabulary):
        yield Path(str(module.__file__)).read_bytes()
    yield repr(astuple(params)).encode()
    parts = [
        part
        for e in entries
        for part in (e.title, e.context, e.keywords, repr((e.shares_title, e.prior, len(e.paragraphs))), *e.paragraphs)
    ]
    joined = "\0".join(parts)  # one encode for the whole corpus: hashing is most of a cache hit's time
    if joined.count("\0") == len(parts) - 1:
        yield joined.encode()
    else:  # some text holds NUL itself: length-prefix every part instead (content_key does)
        yield from (part.encode() for part in parts)
