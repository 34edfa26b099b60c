"""MaxScore top-k equals exhaustive scoring: same passages, bitwise scores, same best paragraphs, ties by index."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retrieval.engine import SearchEngine
from retrieval.index import PRUNE_FROM, Entry, SearchIndex, SearchParams
from retrieval.postings import Postings
from retrieval.questions import LabelledQuestion
from retrieval.synthetic import alqac_articles, alqac_queries, synthetic_entries
from retrieval.text import tokenize
from tests.conftest import shared_path


def _same(index: SearchIndex, query: list[str], k: int) -> None:
    expected = index.exhaustive_search(query, k)
    assert index.pruned_search(query, k) == expected  # NamedTuples: positions, scores (exactly) and paragraphs
    if index.size >= PRUNE_FROM:  # below it `search` is the exhaustive path itself: nothing more to compare
        assert index.search(query, k) == expected


@pytest.fixture(scope="module")
def alqac(alqac2024: tuple[SearchEngine, list[LabelledQuestion]]) -> tuple[SearchEngine, list[list[str]]]:
    engine, questions = alqac2024  # the ALQAC 2024 law corpus and train questions (conftest)
    return engine, [engine.analyze(q.question).tokens for q in questions]


def test_alqac_top_k_equals_exhaustive(alqac: tuple[SearchEngine, list[list[str]]]) -> None:
    """Every ALQAC 2024 train question, at the engine's depth (40) and, for a fifth of them, at 10 and 1."""
    engine, queries = alqac
    assert len(queries) >= 500
    for n, query in enumerate(queries):
        _same(engine.index, query, 40)
        if n % 5 == 0:
            _same(engine.index, query, 10)
            _same(engine.index, query, 1)


@pytest.fixture(scope="module")
def synthetic() -> tuple[SearchIndex, list[list[str]]]:
    shared_path("datasets", "alqac2022", "law.json")
    datasets = shared_path("datasets")
    entries = synthetic_entries(alqac_articles(datasets), 20_000, seed=15)
    return SearchIndex(entries), alqac_queries(datasets)


def test_synthetic_20k_top_k_equals_exhaustive(synthetic: tuple[SearchIndex, list[list[str]]]) -> None:
    """20,000 passages: the ALQAC articles and seeded variants of them, near-duplicates that tie and crowd the top."""
    index, queries = synthetic
    assert index.size == 20_000
    for query in random.Random(7).sample(queries, 25):
        _same(index, query, 10)
        _same(index, query, 40)


def test_synthetic_search_reads_a_fraction_of_the_postings(
    synthetic: tuple[SearchIndex, list[list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pruned, a question reads a small part of the postings that exhaustive scoring reads."""
    index, queries = synthetic
    read: list[int] = []
    gather = Postings.gather

    def counting(self: Postings, terms: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        docs, weights = gather(self, terms)
        read.append(len(docs))
        return docs, weights

    monkeypatch.setattr(Postings, "gather", counting)
    pruned = exhaustive = 0
    for query in random.Random(3).sample(queries, 20):
        read.clear()
        index.pruned_search(query, 10)
        pruned += sum(read)
        read.clear()
        index.exhaustive_search(query, 10)
        exhaustive += sum(read)
    assert pruned < exhaustive / 5, (pruned, exhaustive)


def _corpus(seed: int) -> list[Entry]:
    rng = random.Random(seed)
    words = ["thuế", "đất", "vốn", "vay", "hỗ", "trợ", "doanh", "nghiệp", "lao", "động", "hợp", "đồng", "phí"]
    entries = []
    for n in range(300):
        paragraphs = [" ".join(rng.choices(words, k=rng.randint(0, 12))) for _ in range(rng.randint(0, 4))]
        entries.append(Entry(" ".join(rng.choices(words, k=rng.randint(0, 3))), paragraphs, context=f"văn bản {n % 7}",
                             shares_title=rng.random() < 0.3, prior=rng.choice([1.0, 1.0, 0.5])))  # fmt: skip
    return entries + entries[:40]  # exact duplicates: equal scores that only the index order breaks


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_corpora_with_duplicates(seed: int) -> None:
    index = SearchIndex(_corpus(seed))
    rng = random.Random(seed)
    words = ["thue", "dat", "von", "vay", "ho", "tro", "doanh", "nghiep", "lao", "dong", "phi", "khac"]
    for _ in range(40):
        query = tokenize(" ".join(rng.choices(words, k=rng.randint(1, 9))))
        for k in (1, 5, 10, 400):
            _same(index, query, k)


def test_degenerate_queries_and_indexes() -> None:
    entries = [Entry("Thuế", ["thuế đất"]), Entry("", []), Entry("Vốn", ["vốn vay", ""], prior=0.0)]
    index = SearchIndex(entries)
    for query in ([], ["khong_co"], tokenize("thuế thuế thuế đất"), tokenize("vốn")):
        for k in (0, 1, 3, 10):
            _same(index, query, k)
    assert index.pruned_search(tokenize("vốn"), 3) == []  # the only match has prior 0
    assert SearchIndex([]).pruned_search(["a"], 5) == []
    negative = SearchIndex([Entry("a", ["b"], prior=-1.0), Entry("b", ["a"])], SearchParams(paragraph_weight=-1.0))
    _same(negative, ["a", "b"], 2)  # bounds do not hold: it falls back to exhaustive scoring


def test_priors_far_apart_leave_no_rounding_residue_in_the_bound() -> None:
    """Bounds a billion times theta: what is left of them once every term is read must be 0, not a residue."""
    rng = random.Random(3)
    words = [f"w{chr(97 + i)}x" for i in range(rng.randint(4, 14))]
    n, big = len(words), rng.choice([1e8 / 3, 1e9 / 7, 2e7 / 3])
    entries = [Entry("", [" ".join(words)], prior=big)]
    entries += [Entry("", rng.sample(words, rng.randint(n - 2, n)), prior=1e-8) for _ in range(rng.randint(35, 45))]
    at = rng.randint(1, len(entries))  # a low-prior passage with every word in one paragraph: the second best
    entries.insert(at, Entry("", [" ".join(words + rng.sample(words, rng.randint(0, 3)))], prior=1e-8))
    entries += [Entry("", ["filler " * rng.randint(1, 5)]) for _ in range(rng.randint(0, 30))]
    query = tokenize(" ".join(rng.sample(words, rng.randint(n - 2, n))))
    for k in (1, 2, 3):
        _same(SearchIndex(entries), query, k)


def test_alqac_index_is_unchanged_by_pruning_depth(alqac: tuple[SearchEngine, list[list[str]]]) -> None:
    """A deeper search extends a shallower one: the first k hits do not depend on how many are asked for."""
    engine, queries = alqac
    for query in queries[:60]:
        assert engine.index.pruned_search(query, 40)[:10] == engine.index.pruned_search(query, 10)
