"""BM25 from rank-bm25's own statistics, scored through precomputed posting lists."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi

__all__ = ["Bm25", "lucene_idf"]

FloatArray = npt.NDArray[np.float64]


def lucene_idf(corpus_size: int, doc_freq: int) -> float:
    """idf = ln(1 + (N - n + 0.5) / (n + 0.5)), as in Lucene's BM25Similarity; always positive."""
    return math.log(1.0 + (corpus_size - doc_freq + 0.5) / (doc_freq + 0.5))


class _Okapi(BM25Okapi):  # type: ignore[misc]
    """BM25Okapi with Lucene's idf.

    Okapi's idf is 0 for a term in exactly half the documents and negative above that, which
    rank-bm25 patches with epsilon * mean idf; in a one-document corpus the mean itself is
    negative, so a match would score below no match. Lucene's variant avoids all of that.
    """

    def _calc_idf(self, nd: Mapping[str, int]) -> None:
        self.idf = {word: lucene_idf(self.corpus_size, freq) for word, freq in nd.items()}
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0


class Bm25:
    """One BM25 field. `scores` is exact and fast; `reference_scores` is rank-bm25's own loop."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(corpus)
        self.k1, self.b = k1, b
        self._model: _Okapi | None = None
        self._vocab: dict[str, int] = {}
        self._indptr = np.zeros(1, dtype=np.int64)
        self._bounds: list[int] = [0]
        self._docs = np.zeros(0, dtype=np.int32)
        self._weights = np.zeros(0, dtype=np.float64)
        if self.size and any(corpus):
            self._model = _Okapi([list(doc) for doc in corpus], k1=k1, b=b)
            self._build_postings(self._model)

    def _build_postings(self, model: _Okapi) -> None:
        """Precompute idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)) per (term, doc)."""
        terms: list[int] = []
        docs: list[int] = []
        tfs: list[int] = []
        vocab = self._vocab
        for doc, freqs in enumerate(model.doc_freqs):
            for term, tf in freqs.items():
                terms.append(vocab.setdefault(term, len(vocab)))
                docs.append(doc)
                tfs.append(tf)
        idf = np.zeros(len(vocab))
        for term, tid in vocab.items():
            idf[tid] = model.idf[term]
        term_arr = np.asarray(terms, dtype=np.int64)
        doc_arr = np.asarray(docs, dtype=np.int32)
        tf_arr = np.asarray(tfs, dtype=np.float64)
        lengths = np.asarray(model.doc_len, dtype=np.float64)
        norm = self.k1 * (1 - self.b + self.b * lengths / model.avgdl)
        weights = idf[term_arr] * tf_arr * (self.k1 + 1) / (tf_arr + norm[doc_arr])
        order = np.argsort(term_arr, kind="stable")
        self._docs, self._weights = doc_arr[order], weights[order]
        self._indptr = np.concatenate(([0], np.cumsum(np.bincount(term_arr, minlength=len(vocab)))))
        self._bounds = self._indptr.tolist()  # plain ints: scalar lookups on a numpy array are slow

    def scores(self, query: Sequence[str]) -> FloatArray:
        """BM25 score of every document; repeated query terms count again, as in rank-bm25."""
        spans = [
            (self._bounds[tid], self._bounds[tid + 1], count)
            for term, count in Counter(query).items()
            if (tid := self._vocab.get(term)) is not None
        ]
        if not spans:
            return np.zeros(self.size)
        # One gather and one bincount instead of an add per term: fewer, larger numpy calls.
        docs = np.concatenate([self._docs[lo:hi] for lo, hi, _ in spans])
        weights = np.concatenate([self._weights[lo:hi] for lo, hi, _ in spans])
        if any(count > 1 for _, _, count in spans):
            weights = weights * np.repeat([c for _, _, c in spans], [hi - lo for lo, hi, _ in spans])
        return np.bincount(docs, weights=weights, minlength=self.size).astype(np.float64, copy=False)

    def reference_scores(self, query: Sequence[str]) -> FloatArray:
        """rank-bm25's get_scores, the slow path the fast one must equal."""
        if self._model is None:
            return np.zeros(self.size)
        return np.asarray(self._model.get_scores(list(query)), dtype=np.float64)

    def idf(self, term: str) -> float:
        """The idf of a term; an unseen term gets the idf of a term found in no document."""
        if self._model is not None and term in self._model.idf:
            return float(self._model.idf[term])
        return lucene_idf(self.size, 0)

    def terms(self) -> frozenset[str]:
        """Every term some document has."""
        return frozenset(self._vocab)

    def contains(self, term: str) -> bool:
        """Whether any document has the term."""
        return term in self._vocab
