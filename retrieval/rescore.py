"""Exact scores for a few passages, bitwise equal to exhaustive scoring, and the top k of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from retrieval.postings import AnyArray, FloatArray, IntArray, Postings, QueryTerm

__all__ = ["Fields", "Pool", "Query", "Scored", "exact", "top", "upper"]


@dataclass(frozen=True)
class Fields:
    """Both fields of an index, how paragraphs belong to passages, and the MaxScore bounds (retrieval.bounds)."""

    passages: Postings
    paragraphs: Postings
    starts: IntArray  # a passage's first paragraph
    ends: IntArray  # one past its last
    priors: FloatArray
    weight: float  # paragraph_weight
    reach: AnyArray  # float32 per passage posting: at least what the term adds to the passage's score
    first: AnyArray  # per passage posting: where the passage's paragraph postings of the term start
    bound: FloatArray  # per term: its largest reach
    forward_indptr: IntArray  # passage p's postings are forward[forward_indptr[p] : forward_indptr[p + 1]]
    forward: AnyArray  # their positions in the passage field, ascending
    forward_terms: AnyArray  # and their terms (uint16 when the vocabulary allows: half the memory)
    priors_all_one: bool  # every prior is 1: bounds over all passages need no product with them
    most_prior: float  # the largest prior, by which a term's bound is multiplied

    def paragraphs_of(self, ids: AnyArray) -> tuple[IntArray, IntArray]:
        """The paragraph ids of the given passages, concatenated, and where each passage's run starts."""
        lens = self.ends[ids] - self.starts[ids]
        local = np.cumsum(lens) - lens
        return np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(self.starts[ids] - local, lens), local


@dataclass(frozen=True)
class Scored:
    """Exact scores of some passages: combined, each of their paragraphs', and where each one's paragraphs start."""

    ids: AnyArray
    combined: FloatArray
    paragraph: FloatArray
    local: IntArray

    def best_paragraph(self, row: int) -> int:
        """The passage's best paragraph (the first of equals), counted within the passage."""
        end = self.local[row + 1] if row + 1 < len(self.local) else len(self.paragraph)
        return int(np.argmax(self.paragraph[self.local[row] : end]))


@dataclass(frozen=True)
class Query:
    """The query's distinct terms in query order with their counts, and a table from term id to index among them."""

    tids: IntArray
    counts: IntArray
    # Over the whole vocabulary (-1 for terms not asked), built per query: one gather maps postings to the query.
    places: AnyArray

    @classmethod
    def of(cls, terms: Sequence[QueryTerm], passages: Postings) -> Query:
        """From (term id, count) pairs in query order."""
        pairs = np.asarray(terms, dtype=np.int64).reshape(-1, 2)
        places = np.full(len(passages.idf), -1, dtype=np.int32)
        places[pairs[:, 0]] = np.arange(len(pairs), dtype=np.int32)
        return cls(pairs[:, 0], pairs[:, 1].copy(), places)


Matches = tuple[IntArray, IntArray, IntArray]  # (row in ids, posting position, index in the query)


def _matches(fields: Fields, query: Query, ids: AnyArray) -> Matches:
    """The passages' postings of query terms (row in ids, position, index in the query), row by row in query order."""
    # Query order within a row is the order in which exhaustive scoring adds a document's weights.
    lo = fields.forward_indptr[ids]
    lens = fields.forward_indptr[ids + 1] - lo
    ends = np.cumsum(lens)
    total = int(ends[-1]) if len(ends) else 0
    where = np.arange(total, dtype=np.int64) + np.repeat(lo - ends + lens, lens)
    # A table lookup per posting, not a search: most of a passage's postings are of terms the query lacks.
    place = query.places[fields.forward_terms[where]]
    # Keep the few matches first, then find their rows.
    hit = np.flatnonzero(place >= 0)
    at, place = fields.forward[where[hit]].astype(np.int64), place[hit].astype(np.int64)
    rows = np.searchsorted(ends, hit, side="right")
    order = np.argsort(rows * len(query.tids) + place)
    return rows[order], at[order], place[order]


def upper(fields: Fields, query: Query, ids: AnyArray) -> tuple[FloatArray, Matches]:
    """Upper bounds of the given passages' scores over all query terms (retrieval.bounds), and the postings read
    for them (`subset` takes a batch's share of them to `exact`)."""
    rows, at, place = matches = _matches(fields, query, ids)
    weights = fields.reach[at] * query.counts[place]
    bounds: FloatArray = np.bincount(rows, weights=weights, minlength=len(ids)) * fields.priors[ids]
    return bounds, matches


def subset(matches: Matches, ids: AnyArray, batch: AnyArray) -> Matches:
    """The matches of `batch` (ascending ids, all in `ids`, which ascend too), as `_matches` would give them."""
    member = np.zeros(len(ids), dtype=bool)
    member[np.searchsorted(ids, batch)] = True
    rows, at, place = matches
    keep = member[rows]
    renumber = np.cumsum(member) - 1  # a kept row's position in the batch
    return renumber[rows[keep]], at[keep], place[keep]


def exact(fields: Fields, query: Query, ids: AnyArray, matches: Matches | None = None) -> Scored:
    """Exact scores of the given passages (ascending ids), bitwise those of exhaustive scoring; `matches` are
    their postings when already read (`subset`)."""
    # Each score is summed from 0 over the terms in query order, which is also how np.bincount sums a document in
    # the exhaustive path: the same float operations in the same order give the same bits.
    pids, local = fields.paragraphs_of(ids)
    rows, at, place = matches if matches is not None else _matches(fields, query, ids)
    tids, counts = query.tids[place], query.counts[place]
    post, para = fields.passages, fields.paragraphs
    weights = post.weigh(post.idf[tids], post.tfs[at], post.docs[at]) * counts
    passage = np.bincount(rows, weights=weights, minlength=len(ids)).astype(np.float64, copy=False)
    # A passage posting's paragraph postings are first[at] up to first[at + 1]: no search needed.
    lo, lens = fields.first[at], fields.first[at + 1] - fields.first[at]
    offsets = np.cumsum(lens) - lens
    where = np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(lo - offsets, lens)
    docs = para.docs[where]
    weights = para.weigh(para.idf[np.repeat(tids, lens)], para.tfs[where], docs) * np.repeat(counts, lens)
    slot = docs - np.repeat(fields.starts[ids[rows]] - local[rows], lens)
    # Rows are in query order within each passage, and so are a paragraph's postings here: bincount adds them
    # in query order.
    paragraph = np.bincount(slot, weights=weights, minlength=len(pids)).astype(np.float64, copy=False)
    if not len(ids):
        return Scored(ids, passage, paragraph, local)
    combined = (passage + fields.weight * np.maximum.reduceat(paragraph, local)) * fields.priors[ids]
    return Scored(ids, combined, paragraph, local)


def top(scores: FloatArray, k: int, ids: AnyArray | None = None) -> IntArray:
    """Positions of the k best positive scores, best first; ties in order of id (default: position)."""
    pos = np.flatnonzero(scores > 0)
    if len(pos) > k:
        kth = np.partition(scores[pos], len(pos) - k)[len(pos) - k]
        pos = pos[scores[pos] >= kth]
    return pos[np.lexsort((pos if ids is None else ids[pos], -scores[pos]))[:k]]


@dataclass
class Pool:
    """Passages scored exactly so far."""

    batches: list[Scored] = field(default_factory=list)

    def add(self, scored: Scored) -> None:
        """Keep a batch of exact scores."""
        self.batches.append(scored)

    def ids(self) -> AnyArray:
        """Every passage scored, in batch order."""
        return np.concatenate([b.ids for b in self.batches]) if self.batches else np.zeros(0, dtype=np.int64)

    def kth(self, k: int) -> float:
        """The k-th best exact score so far (0 when fewer than k): no passage below it can be in the top k."""
        scores = np.concatenate([b.combined for b in self.batches]) if self.batches else np.zeros(0)
        return 0.0 if len(scores) < k else float(np.partition(scores, len(scores) - k)[len(scores) - k])

    def best(self, k: int) -> list[tuple[int, float, int]]:
        """(passage, score, best paragraph) of the k best, best first; ties in passage order."""
        if not self.batches:
            return []
        starts = np.cumsum([0, *(len(b.ids) for b in self.batches)])
        scores = np.concatenate([b.combined for b in self.batches])
        found = []
        for i in top(scores, k, self.ids()).tolist():
            batch = int(np.searchsorted(starts, i, side="right")) - 1
            b, j = self.batches[batch], i - int(starts[batch])
            found.append((int(b.ids[j]), float(b.combined[j]), b.best_paragraph(j)))
        return found
