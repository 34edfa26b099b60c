"""BM25 with rank-bm25's statistics and Lucene's idf, scored through numpy posting lists over int ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.postings import FloatArray, Postings, QueryTerm, build_postings, lucene_idf
from retrieval.vocabulary import Vocabulary

__all__ = ["Bm25", "FloatArray", "lucene_idf"]


class _Okapi(BM25Okapi):  # type: ignore[misc]
    """BM25Okapi with Lucene's idf: the reference the posting lists must equal.

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
        ids: dict[str, int] = {}
        tokens = [[ids.setdefault(term, len(ids)) for term in doc] for doc in corpus]
        lengths = np.asarray([len(doc) for doc in tokens], dtype=np.int64)
        flat = np.fromiter((t for doc in tokens for t in doc), dtype=np.int64, count=int(lengths.sum()))
        keys = flat * len(corpus) + np.repeat(np.arange(len(corpus), dtype=np.int64), lengths)
        self._setup(Vocabulary(list(ids)), build_postings(keys, lengths, len(ids), k1, b), b)

    @classmethod
    def of(cls, vocabulary: Vocabulary, postings: Postings, b: float) -> Bm25:
        """A field over already built postings (the index builds both of its fields at once)."""
        field = cls.__new__(cls)
        field._setup(vocabulary, postings, b)
        return field

    def _setup(self, vocabulary: Vocabulary, postings: Postings, b: float) -> None:
        self.vocabulary, self.postings = vocabulary, postings
        self.size = postings.size
        self.k1, self.b = postings.k1, b
        self._reference: _Okapi | None = None

    def query_terms(self, query: Sequence[str]) -> list[QueryTerm]:
        """(term id, count) of each distinct query term the vocabulary has, in first-occurrence order."""
        found = []
        for term, count in Counter(query).items():
            tid = self.vocabulary.id(term)
            if tid is not None:
                found.append((tid, count))
        return found

    def scores(self, query: Sequence[str]) -> FloatArray:
        """BM25 score of every document; repeated query terms count again, as in rank-bm25."""
        return self.scores_of(self.query_terms(query))

    def scores_of(self, terms: Sequence[QueryTerm]) -> FloatArray:
        """`scores` for terms already looked up."""
        # One gather and one bincount instead of an add per term: fewer, larger numpy calls.
        docs, weights = self.postings.gather(terms)
        return np.bincount(docs, weights=weights, minlength=self.size).astype(np.float64, copy=False)

    def reference_scores(self, query: Sequence[str]) -> FloatArray:
        """rank-bm25's get_scores over the same documents, the slow path the fast one must equal (tests only)."""
        if not len(self.postings.docs):
            return np.zeros(self.size)
        if self._reference is None:
            self._reference = _Okapi(self._documents(), k1=self.k1, b=self.b)
        return np.asarray(self._reference.get_scores(list(query)), dtype=np.float64)

    def _documents(self) -> list[list[str]]:
        """Each document as a bag of its terms, rebuilt from the postings (order does not matter to BM25)."""
        post = self.postings
        df = np.diff(post.indptr)
        names = self.vocabulary.terms(np.flatnonzero(df).tolist())
        term_of = np.repeat(np.arange(len(names)), df[df > 0])
        documents: list[list[str]] = [[] for _ in range(self.size)]
        for term, doc, tf in zip(term_of.tolist(), post.docs.tolist(), post.tfs.tolist(), strict=True):
            documents[doc].extend([names[term]] * tf)
        return documents

    def idf(self, term: str) -> float:
        """The idf of a term; an unseen term gets the idf of a term found in no document."""
        tid = self.vocabulary.id(term)
        return lucene_idf(self.size, 0) if tid is None else float(self.postings.idf[tid])

    def terms(self) -> frozenset[str]:
        """Every term some document has."""
        return frozenset(self.vocabulary.terms(np.flatnonzero(np.diff(self.postings.indptr)).tolist()))

    def words(self) -> frozenset[str]:
        """Every one-syllable term some document has; without the pairs, whose strings take ~10 ms to make."""
        present = np.diff(self.postings.indptr[: len(self.vocabulary.words) + 1])
        return frozenset(self.vocabulary.terms(np.flatnonzero(present).tolist()))

    def contains(self, term: str) -> bool:
        """Whether any document has the term."""
        tid = self.vocabulary.id(term)
        return tid is not None and self.postings.indptr[tid + 1] > self.postings.indptr[tid]
