"""What MaxScore needs to run on the passage field alone: per passage posting, where that passage's paragraph
postings of the term are and an upper bound of what the term adds to the passage; per term, the largest of those.

A passage scores prior * (passage BM25 + w * best paragraph BM25). For a term t and passage P let
best(t, P) = max over P's paragraphs g of the paragraph weight of t in g. The best paragraph's score is a sum
over terms, so it is at most the sum of each term's best(t, P):

    max_g paragraph(g) <= sum_t best(t, P),   hence   score(P) <= prior * sum_t reach(t, P),

with reach(t, P) = passage weight of t in P + w * best(t, P), stored per passage posting as float32 rounded up.
"""

from __future__ import annotations

import numpy as np

from retrieval.postings import AnyArray, FloatArray, IntArray, Postings

__all__ = ["forward_index", "paragraph_bounds"]


def _round_up(values: FloatArray) -> AnyArray:
    """float32 values never below the float64 ones (float32 halves the memory; a bound may only err upward)."""
    narrow = values.astype(np.float32)
    low = narrow < values
    narrow[low] = np.nextafter(narrow[low], np.float32(np.inf))
    return narrow


def _chunk(passages: Postings, paragraphs: Postings, owner: AnyArray, t0: int, t1: int) -> tuple[AnyArray, AnyArray]:
    """best(t, P) (0 where no paragraph has t) and where P's paragraph postings of t start, for terms [t0, t1)."""
    plo, phi = int(passages.indptr[t0]), int(passages.indptr[t1])
    glo, ghi = int(paragraphs.indptr[t0]), int(paragraphs.indptr[t1])
    n = passages.size
    keys = passages.term_ids(plo, phi) * n + passages.docs[plo:phi]
    best = np.zeros(phi - plo)
    if ghi == glo:
        return best, np.full(phi - plo, glo, dtype=np.int64)
    terms = paragraphs.term_ids(glo, ghi)
    weights = paragraphs.weigh(paragraphs.idf[terms], paragraphs.tfs[glo:ghi], paragraphs.docs[glo:ghi])
    # Paragraph postings are sorted by (term, paragraph) and a passage's paragraphs are consecutive, so their
    # (term, passage) keys are sorted too, in runs: one run per passage posting that has any.
    owned = terms * n + owner[paragraphs.docs[glo:ghi]]
    starts = np.flatnonzero(np.r_[True, owned[1:] != owned[:-1]])
    best[np.searchsorted(keys, owned[starts])] = np.maximum.reduceat(weights, starts)
    return best, np.searchsorted(owned, keys) + glo


def paragraph_bounds(
    passages: Postings, paragraphs: Postings, owner: AnyArray, weight: float
) -> tuple[AnyArray, AnyArray, FloatArray]:
    """reach(t, P) and `first` per passage posting, and each term's largest reach (its MaxScore bound)."""
    # first[i] is where posting i's paragraph postings start; they end at first[i + 1] (one more entry at the end).
    reach = np.zeros(len(passages.docs), dtype=np.float32)
    small = len(paragraphs.docs) < np.iinfo(np.int32).max
    first = np.full(len(passages.docs) + 1, len(paragraphs.docs), dtype=np.int32 if small else np.int64)
    bound = np.zeros(len(passages.idf))
    for t0, t1 in passages.chunks():
        plo, phi = int(passages.indptr[t0]), int(passages.indptr[t1])
        best, first[plo:phi] = _chunk(passages, paragraphs, owner, t0, t1)
        terms = passages.term_ids(plo, phi)
        exact = passages.weigh(passages.idf[terms], passages.tfs[plo:phi], passages.docs[plo:phi]) + weight * best
        reach[plo:phi] = _round_up(exact)
        starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]])
        bound[terms[starts]] = np.maximum.reduceat(reach[plo:phi], starts)
    return reach, first, bound


def forward_index(passages: Postings) -> tuple[IntArray, AnyArray, AnyArray]:
    """Per passage, the positions of its postings (ascending, so in term order) and their terms: indptr,
    positions and terms."""
    # Scoring a few passages exactly then reads their own postings, not a search in every query term's list.
    n, count = passages.size, len(passages.docs)
    keys = passages.docs.astype(np.int64) * count
    keys += np.arange(count, dtype=np.int64)
    keys.sort()  # by passage, then position: a counting sort without argsort's cost
    positions = (keys % max(count, 1)).astype(np.int32 if count < np.iinfo(np.int32).max else np.int64)
    del keys
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(passages.docs, minlength=n), out=indptr[1:])
    n_terms = len(passages.idf)
    small = np.uint16 if n_terms <= np.iinfo(np.uint16).max + 1 else np.int32
    terms = np.repeat(np.arange(n_terms, dtype=small), np.diff(passages.indptr))[positions]
    return indptr, positions, terms
