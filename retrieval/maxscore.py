"""Exact top-k over the passage and paragraph fields that reads a fraction of the postings (MaxScore).

MaxScore (Turtle and Flood, "Query evaluation: strategies and optimizations", IP&M 31(6), 1995) runs here on
the passage field alone, retrieval.bounds having folded the paragraph field into each passage posting as an upper
bound. Terms are taken largest bound first and read in full until the untaken ones together cannot lift an
unseen passage to theta, the k-th best exact score found so far; the untaken terms are then only looked up for
the passages still in the running, and a passage drops out as soon as its upper bound falls below theta. The
survivors are scored exactly (retrieval.rescore) in order of their upper bound, until the next one's bound is
below theta, so every passage that can be in the top k is scored exactly and nothing else needs to be.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from retrieval.postings import AnyArray, QueryTerm
from retrieval.rescore import Fields, Matches, Pool, Query, exact, subset, upper

__all__ = ["pruned"]

# Bounds are summed in another order than exact scores: no bound is trusted closer than this (relative) to theta.
_SLACK = 1e-6
# Passages scored exactly at a time, and when looking for a first theta; rescoring costs about the same for one
# passage or a few dozen (a fixed number of numpy calls), so the batches are not small.
_BATCH = 32
# The first batch of survivors scored exactly: one batch usually settles the top k.
_FINAL = 96
# The first read takes the largest-bound terms up to this many postings per passage, to find a first theta.
_SEED = 2.0
# A term with fewer postings than this many times the candidates is read in full rather than searched.
_CROSS = 4
# Below this many candidates, their bounds come from their own postings over all the terms at once.
_FORWARD = 32


class _Search:
    """One pruned query: per passage, what the terms taken so far give, and the bound of the terms not taken."""

    def __init__(self, fields: Fields, terms: Sequence[QueryTerm], k: int) -> None:
        self.f, self.k, self.query = fields, k, Query.of(terms, fields.passages)
        tids, counts = self.query.tids, self.query.counts
        bounds = counts * fields.most_prior * fields.bound[tids]
        order = np.argsort(-bounds, kind="stable")  # largest bound first
        self.terms = [terms[i] for i in order.tolist()]
        self.bounds = bounds[order].tolist()
        indptr, ordered = fields.passages.indptr, tids[order]
        self.sizes = (indptr[ordered + 1] - indptr[ordered]).tolist()
        # The bound of the terms not taken, per count taken: suffix sums, so that it is exactly 0 once all are taken
        # (subtracting term by term left a rounding residue, which priors far apart, 1e9 and more, made larger
        # than theta), and raised by far more than a float sum's relative error so it never falls below the sum.
        tail = np.append(np.cumsum(bounds[order][::-1])[::-1], 0.0) * (1 + 1e-9)
        self.tails: list[float] = tail.tolist()
        self.taken, self.theta = 0, 0.0
        # Per passage: reach summed over the terms taken; with `remaining`, an upper bound of its score.
        self.reach: AnyArray = np.zeros(0)  # sized by the first read
        # Most collections weigh every passage alike: then bounds over all passages need no product with priors.
        self.priors = None if fields.priors_all_one else fields.priors
        self.pool = Pool()
        self.scored = np.zeros(fields.passages.size, dtype=bool)

    @property
    def remaining(self) -> float:
        """An upper bound of what the terms not taken add to any passage's score."""
        return self.tails[self.taken]

    def _floor(self) -> float:
        return self.theta - _SLACK * abs(self.theta)

    def _upper(self, ids: AnyArray) -> AnyArray:
        return self.f.priors[ids] * self.reach[ids] + self.remaining

    def _read(self, upto: int) -> None:
        """Take terms[taken:upto], reading all their postings."""
        f, batch = self.f, self.terms[self.taken : upto]
        spans = f.passages.spans(batch)
        if not spans:
            if not len(self.reach):
                self.reach = np.zeros(f.passages.size)
            self.taken = upto
            return
        docs = np.concatenate([f.passages.docs[lo:hi] for _, lo, hi, _ in spans])
        # float64 weights: np.bincount over int32 ids with float32 weights takes a path about four times slower.
        # Only the few repeated terms are multiplied, not the whole concatenation.
        parts = [f.reach[lo:hi] if count == 1 else f.reach[lo:hi] * np.float64(count) for _, lo, hi, count in spans]
        reach = np.concatenate(parts, dtype=np.float64)
        added = np.bincount(docs, weights=reach, minlength=f.passages.size)
        if len(self.reach):
            self.reach += added
        else:
            self.reach = added  # the first read: no array of zeros to add it to
        self.taken = upto

    def _look_up(self, ids: AnyArray) -> None:
        """Take the next term, reading only its postings for the given passages."""
        f, (tid, count) = self.f, self.terms[self.taken]
        hit, at = f.passages.find(tid, ids)
        self.reach[ids[hit]] += f.reach[at].astype(np.float64) * count
        self.taken += 1

    def _needed(self) -> int:
        """How many of the largest-bound terms must be taken so that the others cannot reach theta."""
        floor, tail, n = self._floor(), 0.0, len(self.bounds)
        while n > 0 and tail + self.bounds[n - 1] < floor:
            tail += self.bounds[n - 1]
            n -= 1
        return n

    def _score(self, ids: AnyArray, read: tuple[AnyArray, Matches] | None = None) -> None:
        """Score passages exactly and raise theta to the k-th best exact score; `read`: candidates (ascending)
        whose postings were already gathered, and those postings."""
        ids = np.sort(ids[~self.scored[ids]])
        if len(ids):
            self.scored[ids] = True
            matches = subset(read[1], read[0], ids) if read is not None else None
            self.pool.add(exact(self.f, self.query, ids.astype(self.f.passages.docs.dtype), matches))
            self.theta = max(self.theta, self.pool.kth(self.k))

    def _seed(self) -> None:
        """Score the passages that look best so far, for a first theta."""
        likely = self.reach if self.priors is None else self.priors * self.reach
        count = min(max(_BATCH, 2 * self.k), len(likely))
        # Partitioning all passages costs a millisecond at 100k; those within half of the best are usually enough.
        ids = np.flatnonzero(likely >= 0.5 * likely.max())
        if len(ids) < count:
            ids = np.arange(len(likely))
        if len(ids) > count:
            ids = ids[np.argpartition(-likely[ids], count - 1)[:count]]
        self._score(ids)

    def _narrow(self, ids: AnyArray) -> AnyArray:
        """Take more terms for the candidates, dropping those whose bound falls below theta, until few are left."""
        while self.taken < len(self.terms) and len(ids) > _FORWARD:
            # Reading a short list in full costs less than searching it for many candidates.
            if self.sizes[self.taken] <= _CROSS * len(ids):
                self._read(self.taken + 1)
            else:
                self._look_up(ids)
            ids = ids[self._upper(ids) >= self._floor()]
        return ids

    def run(self) -> list[tuple[int, float, int]]:
        """(passage, score, best paragraph) of the top k."""
        self._read(max(1, int(np.searchsorted(np.cumsum(self.sizes), self.f.passages.size * _SEED))))
        self._seed()
        if self._needed() > self.taken:
            self._read(self._needed())
            self._seed()
        # The candidates: a bound above 0 and at least theta (the second implies the first once theta > 0).
        # `remaining` moves to the threshold's side: no sum over all passages, and one comparison instead of two.
        reach = self.reach if self.priors is None else self.priors * self.reach
        floor = self._floor()
        ids = self._narrow(np.flatnonzero(reach >= floor - self.remaining if floor > 0 else reach > -self.remaining))
        # Their bounds over all terms, from their own postings; then best bound first: once a batch's best bound
        # is below theta, no later passage can make the top k.
        bounds, matches = upper(self.f, self.query, ids.astype(self.f.passages.docs.dtype))
        read = (ids, matches)  # the survivors' postings: each batch below takes its share instead of reading again
        order = np.argsort(-bounds, kind="stable")
        ids, bounds = ids[order], bounds[order]
        size, done = max(_FINAL, 2 * self.k), 0
        while done < len(ids) and bounds[done] >= self._floor():
            self._score(ids[done : done + size], read)
            done, size = done + size, size * 2
        return self.pool.best(self.k)


def pruned(fields: Fields, terms: Sequence[QueryTerm], k: int) -> list[tuple[int, float, int]]:
    """(passage, score, best paragraph) of the top k by exact score, best first, ties in passage order."""
    return _Search(fields, terms, k).run() if terms and k > 0 else []
