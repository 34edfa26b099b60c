"""Entries -> the index's two BM25 fields as arrays: each text tokenized once, both fields composed from its ids.

The passage field used to tokenize "\\n".join(context, title, paragraphs, keywords) and the paragraph field each
paragraph again. Folding and the word pattern never cross a newline, so the passage's syllables are its parts'
syllables in order and its bigrams the pairs of that sequence: each part is tokenized once, as syllable ids, and
both fields are composed from those ids (retrieval.tokens). A text seen before (a law's name as every article's
context, a clause repeated verbatim) is not tokenized again.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from retrieval.bounds import forward_index, paragraph_bounds
from retrieval.postings import AnyArray, IntArray, build_postings
from retrieval.text import syllables
from retrieval.tokens import Runs, field_keys
from retrieval.vocabulary import Vocabulary

__all__ = ["EntryLike", "Layout", "build_arrays", "tokenize_entries"]


class EntryLike(Protocol):
    """What the fields read of a retrieval.index.Entry."""

    @property
    def title(self) -> str: ...
    @property
    def paragraphs(self) -> Sequence[str]: ...
    @property
    def context(self) -> str: ...
    @property
    def shares_title(self) -> bool: ...
    @property
    def keywords(self) -> str: ...
    @property
    def prior(self) -> float: ...


@dataclass(frozen=True)
class Layout:
    """Every entry's syllable ids in one array, and where its whole text, title and paragraphs are in it."""

    words: list[str]
    ids: AnyArray  # int32 syllable ids: per entry its context, title, paragraphs and keywords, in that order
    entry: IntArray  # (lo, hi) rows: the whole passage text
    title: IntArray  # (lo, hi) rows
    paragraph: IntArray  # (lo, hi, entry) rows; an entry without paragraphs has its title as its one paragraph


def tokenize_entries(entries: Sequence[EntryLike]) -> Layout:
    """Syllables of each text, once, as ids."""
    words: dict[str, int] = {}
    seen: dict[str, array[int]] = {}
    ids = array("i")
    entry_rows: list[tuple[int, int]] = []
    title_rows: list[tuple[int, int]] = []
    paragraph_rows: list[tuple[int, int, int]] = []

    def add(text: str) -> tuple[int, int]:
        lo = len(ids)
        found = seen.get(text)
        if found is None:
            found = seen[text] = array("i", [words.setdefault(s, len(words)) for s in syllables(text)])
        ids.extend(found)
        return lo, len(ids)

    for n, e in enumerate(entries):
        lo = add(e.context)[0]
        title = add(e.title)
        rows = [(*add(p), n) for p in e.paragraphs]
        add(e.keywords)
        entry_rows.append((lo, len(ids)))
        title_rows.append(title)
        paragraph_rows.extend(rows or [(*title, n)])
    return Layout(
        list(words), np.frombuffer(ids, dtype=np.int32) if len(ids) else np.zeros(0, dtype=np.int32),
        np.asarray(entry_rows, dtype=np.int64).reshape(-1, 2), np.asarray(title_rows, dtype=np.int64).reshape(-1, 2),
        np.asarray(paragraph_rows, dtype=np.int64).reshape(-1, 3),
    )  # fmt: skip


def _passage_runs(layout: Layout, entries: Sequence[EntryLike], title_weight: int) -> Runs:
    """Each passage: its whole text, plus its title `title_weight` more times (once when it shares the title)."""
    n = len(entries)
    reps = np.asarray([1 if e.shares_title else title_weight for e in entries], dtype=np.int64)
    lo = np.concatenate((layout.entry[:, 0], np.repeat(layout.title[:, 0], reps)))
    hi = np.concatenate((layout.entry[:, 1], np.repeat(layout.title[:, 1], reps)))
    doc = np.concatenate((np.arange(n, dtype=np.int64), np.repeat(np.arange(n, dtype=np.int64), reps)))
    return Runs(lo, hi, doc, n)


def _paragraph_runs(layout: Layout) -> Runs:
    """Each paragraph: its own tokens plus its passage's title tokens (two separate runs)."""
    rows = layout.paragraph
    n = len(rows)
    owner_title = layout.title[rows[:, 2]]
    lo = np.concatenate((rows[:, 0], owner_title[:, 0]))
    hi = np.concatenate((rows[:, 1], owner_title[:, 1]))
    return Runs(lo, hi, np.tile(np.arange(n, dtype=np.int64), 2), n)


def build_arrays(
    entries: Sequence[EntryLike],
    k1: float,
    b: float,
    title_weight: int,
    paragraph_weight: float,
    layout: Layout | None = None,
) -> dict[str, AnyArray]:
    """Every array a SearchIndex reads: vocabulary, both fields' postings, paragraph ranges and priors."""
    layout = layout or tokenize_entries(entries)
    width = len(layout.words)
    keys, lengths, pairs = field_keys(layout.ids, _passage_runs(layout, entries, title_weight), width, None)
    vocab = Vocabulary(layout.words, pairs.pairs)
    passages = build_postings(keys, lengths, len(vocab), k1, b)
    del keys
    keys, lengths, _ = field_keys(layout.ids, _paragraph_runs(layout), width, pairs)
    paragraphs = build_postings(keys, lengths, len(vocab), k1, b)
    del keys
    owner = layout.paragraph[:, 2].astype(np.int32)
    starts = np.searchsorted(owner, np.arange(len(entries)))
    reach, first, bound = paragraph_bounds(passages, paragraphs, owner, paragraph_weight)
    forward_indptr, forward, forward_terms = forward_index(passages)
    return {
        "words": vocab.blob(), "pairs": vocab.pairs, "starts": starts.astype(np.int64), "owner": owner,
        "priors": np.asarray([e.prior for e in entries], dtype=np.float64),
        "reach": reach, "first": first, "bound": bound, "forward.indptr": forward_indptr, "forward": forward,
        "forward.terms": forward_terms,
        **passages.arrays("passages"), **paragraphs.arrays("paragraphs"),
    }  # fmt: skip


def passage_tokens(
    layout: Layout, entries: Sequence[EntryLike], title_weight: int
) -> tuple[Vocabulary, list[AnyArray]]:
    """The vocabulary, and each passage's term ids (what another BM25 implementation would index)."""
    runs = _passage_runs(layout, entries, title_weight)
    keys, lengths, pairs = field_keys(layout.ids, runs, len(layout.words), None)
    width = len(layout.words) + len(pairs.pairs)
    keys = (keys % runs.n_docs) * width + keys // runs.n_docs  # passage first: one sort groups the passages
    keys.sort()
    terms = keys % width
    return Vocabulary(layout.words, pairs.pairs), np.split(terms, np.cumsum(lengths)[:-1])
