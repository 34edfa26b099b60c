"""One BM25 field as term-major posting lists over integer ids, with rank-bm25's statistics and Lucene's idf.

A posting's weight is idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)), the formula of rank-bm25's
BM25Okapi.get_scores (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", FnTIR 3(4),
2009, eq. 3.15), with Lucene's idf ln(1 + (N - n + 0.5) / (n + 0.5)) (Lucene's BM25Similarity). avgdl and dl are
rank-bm25's: tokens per document, empty documents included. Postings keep tf (2 bytes), not the weight (8 bytes):
that is what keeps a large index small; the weight is computed when a posting is read, by one function.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["FloatArray", "IntArray", "Postings", "QueryTerm", "build_postings", "lucene_idf"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
AnyArray = npt.NDArray[Any]
QueryTerm = tuple[int, int]  # (term id, times it occurs in the query)

# Postings are weighed this many at a time while building, so the float temporaries stay small.
_CHUNK = 1 << 22
_ARRAYS = ("indptr", "docs", "tfs", "norm", "idf")
# Up to this many postings (16 MB of weights) a field keeps its weights: scoring a small index reads, not computes.
_SMALL = 1 << 21


def lucene_idf(corpus_size: int, doc_freq: int) -> float:
    """idf = ln(1 + (N - n + 0.5) / (n + 0.5)), as in Lucene's BM25Similarity; always positive."""
    return math.log(1.0 + (corpus_size - doc_freq + 0.5) / (doc_freq + 0.5))


@dataclass(frozen=True)
class Postings:
    """Per term, the documents that have it (ascending) and how often; weights are computed when read."""

    indptr: IntArray  # term t's postings are [indptr[t], indptr[t + 1])
    docs: AnyArray  # int32 document ids, ascending within a term
    tfs: AnyArray  # uint16 (int32 if some tf is larger) term frequencies
    norm: FloatArray  # k1 * (1 - b + b * dl / avgdl) per document
    idf: FloatArray  # Lucene idf per term
    k1: float
    weighed: FloatArray | None = None  # every posting's weight, kept for a small index (`weighed_if_small`)

    @property
    def size(self) -> int:
        """Number of documents."""
        return len(self.norm)

    def span(self, term: int) -> tuple[int, int]:
        """Where the term's postings are."""
        return int(self.indptr[term]), int(self.indptr[term + 1])

    def spans(self, terms: Sequence[QueryTerm]) -> list[tuple[int, int, int, int]]:
        """(term, lo, hi, count) of the terms that have postings, in the given order."""
        return [(tid, lo, hi, count) for tid, count in terms for lo, hi in [self.span(tid)] if hi > lo]

    def weigh(self, idf: FloatArray | np.float64, tfs: AnyArray, docs: AnyArray) -> FloatArray:
        """idf * tf * (k1 + 1) / (tf + norm[doc]): the one formula, and order of operations, every path uses."""
        tf = tfs.astype(np.float64)
        weights: FloatArray = idf * tf * (self.k1 + 1) / (tf + self.norm[docs])
        return weights

    def gather(self, terms: Sequence[QueryTerm]) -> tuple[AnyArray, FloatArray]:
        """The postings of all the terms, concatenated in the given order: documents and weights times count."""
        spans = self.spans(terms)
        if not spans:
            return np.zeros(0, dtype=self.docs.dtype), np.zeros(0)
        lens = [hi - lo for _, lo, hi, _ in spans]
        docs = np.concatenate([self.docs[lo:hi] for _, lo, hi, _ in spans])
        if self.weighed is not None:
            weights = np.concatenate([self.weighed[lo:hi] for _, lo, hi, _ in spans])
        else:
            tfs = np.concatenate([self.tfs[lo:hi] for _, lo, hi, _ in spans])
            weights = self.weigh(np.repeat(self.idf[[tid for tid, *_ in spans]], lens), tfs, docs)
        if any(count > 1 for *_, count in spans):
            weights = weights * np.repeat([count for *_, count in spans], lens)
        return docs, weights

    def find(self, term: int, ids: AnyArray) -> tuple[AnyArray, IntArray]:
        """Which of the ascending document ids have the term, and where those postings are."""
        lo, hi = self.span(term)
        if hi == lo or not len(ids):
            return np.zeros(len(ids), dtype=bool), np.zeros(0, dtype=np.int64)
        docs = self.docs[lo:hi]
        ids = ids.astype(docs.dtype, copy=False)  # searchsorted would otherwise copy the whole list to ids' type
        pos = np.minimum(np.searchsorted(docs, ids), hi - lo - 1)
        hit = docs[pos] == ids
        return hit, pos[hit] + lo

    def weighed_if_small(self) -> Postings:
        """These postings with every weight computed once, when that costs little memory (a small index)."""
        if len(self.docs) > _SMALL or not len(self.docs):
            return self
        weights = self.weigh(self.idf[self.term_ids(0, len(self.docs))], self.tfs, self.docs)
        return replace(self, weighed=weights)  # the same formula, so the same bits as weights computed when read

    def term_ids(self, lo: int, hi: int) -> IntArray:
        """The term of each posting in [lo, hi)."""
        first = int(np.searchsorted(self.indptr, lo, side="right")) - 1
        last = int(np.searchsorted(self.indptr, hi, side="left"))
        bounds = np.clip(self.indptr[first : last + 1], lo, hi)
        return np.repeat(np.arange(first, last, dtype=np.int64), np.diff(bounds))

    def chunks(self) -> list[tuple[int, int]]:
        """Term ranges [t0, t1) of about _CHUNK postings each, for building in bounded memory."""
        if not len(self.docs):
            return []
        cuts = np.unique(np.searchsorted(self.indptr, np.arange(0, len(self.docs), _CHUNK))).tolist()
        ends = [*cuts[1:], len(self.indptr) - 1]
        return [(a, b) for a, b in zip(cuts, ends, strict=True) if b > a]

    def arrays(self, prefix: str) -> dict[str, AnyArray]:
        """The arrays to store, named under a prefix."""
        return {f"{prefix}.{name}": getattr(self, name) for name in _ARRAYS}

    @classmethod
    def from_arrays(cls, arrays: dict[str, AnyArray], prefix: str, k1: float) -> Postings:
        """The inverse of `arrays` (the arrays may be read-only memory maps)."""
        return cls(**{name: arrays[f"{prefix}.{name}"] for name in _ARRAYS}, k1=k1)


def _idf(n_docs: int, df: IntArray) -> FloatArray:
    """Lucene idf per term through math.log, as rank-bm25's loop computes it; once per distinct df."""
    values, inverse = np.unique(df, return_inverse=True)
    table = np.asarray([lucene_idf(n_docs, int(v)) for v in values], dtype=np.float64)
    idf: FloatArray = table[inverse.reshape(-1)]
    return idf


def _count(keys: IntArray, n_docs: int, n_terms: int) -> tuple[IntArray, AnyArray, AnyArray]:
    """(term * n_docs + doc) keys, sorted here in place -> indptr, and each distinct pair's doc and count."""
    keys.sort()
    change = np.empty(len(keys), dtype=bool)
    change[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    del change
    unique = keys[starts]
    tf = np.diff(starts, append=len(keys))
    del starts
    small = int(tf.max()) <= np.iinfo(np.uint16).max
    tfs = tf.astype(np.uint16 if small else np.int32)
    del tf
    docs = np.empty(len(unique), dtype=np.int32)
    for lo in range(0, len(unique), _CHUNK):  # a chunk at a time: no second array as large as `unique`
        docs[lo : lo + _CHUNK] = unique[lo : lo + _CHUNK] % n_docs
    indptr = np.searchsorted(unique, np.arange(n_terms + 1, dtype=np.int64) * n_docs).astype(np.int64)
    return indptr, docs, tfs


def build_postings(keys: IntArray, lengths: IntArray, n_terms: int, k1: float, b: float) -> Postings:
    """Postings from one (term * n_docs + doc) key per token (sorted in place); `lengths`: tokens per document."""
    n_docs = len(lengths)
    total = int(lengths.sum())
    if total == 0:  # rank-bm25 cannot even be built (avgdl = 0): nothing scores
        return Postings(
            np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint16),
            np.zeros(n_docs), np.full(n_terms, lucene_idf(n_docs, 0)), k1,
        )  # fmt: skip
    avgdl = total / n_docs
    indptr, docs, tfs = _count(keys, n_docs, n_terms)
    norm = k1 * (1 - b + b * lengths.astype(np.float64) / avgdl)
    return Postings(indptr, docs, tfs, norm, _idf(n_docs, np.diff(indptr)), k1)
