"""A field's tokens as (term * n_docs + doc) keys, composed from syllable ids without building a single string.

retrieval.text.tokenize gives a text's syllables followed by its adjacent-syllable pairs. Here a field document
is a list of runs of syllable ids (each run one text that tokenize() would have been called on); its tokens are
the run's ids as unigram terms and each adjacent pair (a, b) within a run as a bigram term.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.postings import AnyArray, IntArray

__all__ = ["PairIds", "Runs", "field_keys"]

# Up to this many possible pairs (width ** 2), pairs are numbered through a dense table rather than a sort.
_DENSE = 1 << 25


@dataclass(frozen=True)
class Runs:
    """Runs of syllable ids [lo, hi) and the document each belongs to."""

    lo: IntArray
    hi: IntArray
    doc: IntArray
    n_docs: int


class PairIds:
    """Syllable pairs (a * width + b) -> term ids width + i, i its rank among the pairs the passage field has."""

    def __init__(self, raw: IntArray, width: int) -> None:
        self.width = width
        self._present: AnyArray | None = None
        if width * width <= _DENSE:
            self._present = np.zeros(width * width, dtype=bool)
            self._present[raw] = True
            self.pairs: IntArray = np.flatnonzero(self._present)
            self._rank = np.cumsum(self._present, dtype=np.int32) - 1
        else:
            self.pairs = np.unique(raw)

    def ids(self, raw: IntArray) -> AnyArray:
        """Term ids of the pairs; every pair must be one of the passage field's."""
        if self._present is not None:
            if not self._present[raw].all():
                raise AssertionError("a paragraph has a syllable pair its passage lacks")
            return self._rank[raw]
        pos = np.searchsorted(self.pairs, raw)
        if len(pos) and not np.array_equal(self.pairs[np.minimum(pos, len(self.pairs) - 1)], raw):
            raise AssertionError("a paragraph has a syllable pair its passage lacks")
        return pos


def _syllables(ids: AnyArray, runs: Runs) -> tuple[AnyArray, AnyArray, AnyArray]:
    """The runs' syllable ids back to back, each one's document, and whether the next syllable is in its run."""
    lens = runs.hi - runs.lo
    first = np.cumsum(lens) - lens
    total = int(lens.sum())
    index = np.int64 if total >= np.iinfo(np.int32).max else np.int32  # half the memory when it fits
    at = np.repeat((runs.lo - first).astype(index), lens)
    at += np.arange(total, dtype=index)
    syl = ids[at]
    del at
    docs = np.repeat(runs.doc.astype(np.int32), lens)
    paired = np.ones(max(total - 1, 0), dtype=bool)
    ends = (first + lens - 1)[lens > 0]
    paired[ends[ends < total - 1]] = False
    return syl, docs, paired


def _lengths(runs: Runs) -> IntArray:
    """Tokens per document: a run of n syllables gives n unigrams and n - 1 bigrams (with_bigrams)."""
    lens = runs.hi - runs.lo
    lengths = np.zeros(runs.n_docs, dtype=np.int64)
    np.add.at(lengths, runs.doc, lens + np.maximum(lens - 1, 0))
    return lengths


def field_keys(ids: AnyArray, runs: Runs, width: int, pairs: PairIds | None) -> tuple[IntArray, IntArray, PairIds]:
    """One term * n_docs + doc key per token, the documents' lengths, and the pair numbering (made when not given)."""
    syl, docs, paired = _syllables(ids, runs)
    n, total = runs.n_docs, len(syl)
    raw = np.multiply(syl[:-1][paired], width, dtype=np.int64)
    raw += syl[1:][paired]
    pairs = pairs or PairIds(raw, width)
    keys = np.empty(total + len(raw), dtype=np.int64)
    np.multiply(syl, n, out=keys[:total], dtype=np.int64)
    keys[:total] += docs
    del syl
    tail = keys[total:]
    np.add(pairs.ids(raw), width, out=tail, dtype=np.int64)
    del raw
    tail *= n
    tail += docs[:-1][paired]
    return keys, _lengths(runs), pairs
