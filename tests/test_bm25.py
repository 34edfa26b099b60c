"""BM25 on small and degenerate corpora, and the fast path against rank-bm25's own loop."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retrieval.bm25 import Bm25, lucene_idf
from retrieval.index import Entry, SearchIndex
from retrieval.text import tokenize


def test_empty_corpus_scores_nothing() -> None:
    model = Bm25([])
    assert model.scores(["a"]).shape == (0,)
    assert SearchIndex([]).search(["a"]) == []


def test_corpus_of_empty_documents_scores_zero() -> None:
    assert Bm25([[], []]).scores(["a"]).tolist() == [0.0, 0.0]


def test_one_document_corpus_ranks_a_match_above_nothing() -> None:
    """Okapi's idf is negative for a one-document corpus; ours keeps a match positive."""
    model = Bm25([["von", "vay"]])
    assert model.scores(["von"])[0] > 0
    assert model.scores(["thue"])[0] == 0


def test_term_in_half_the_documents_still_counts() -> None:
    """With Okapi idf a term in exactly half the documents scores 0 (rank-bm25's quirk)."""
    model = Bm25([["thue", "dat"], ["von", "vay"]])
    scores = model.scores(["thue"])
    assert scores[0] > 0 and scores[1] == 0
    assert lucene_idf(2, 1) > 0


def test_query_with_no_known_words_returns_no_hits() -> None:
    index = SearchIndex([Entry("Tiêu đề", ["hỗ trợ tư vấn"])])
    assert index.search(tokenize("thời tiết hôm nay")) == []
    assert index.search([]) == []


def test_title_boost_prefers_the_article_named_by_the_question() -> None:
    entries = [
        Entry("Hỗ trợ tư vấn", ["Doanh nghiệp được hỗ trợ một phần chi phí."]),
        Entry("Hỗ trợ thuế", ["Doanh nghiệp được tư vấn về thuế."]),
    ]
    hits = SearchIndex(entries).search(tokenize("hỗ trợ tư vấn"))
    assert [h.position for h in hits] == [0, 1]


def test_best_paragraph_is_reported() -> None:
    index = SearchIndex([Entry("Điều khoản", ["Đoạn về thuế đất.", "Đoạn về vốn vay ngân hàng."])])
    assert index.search(tokenize("vốn vay"))[0].paragraph == 1


def _random_corpus(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(60)]
    return [[rng.choice(vocab[: rng.randint(5, 60)]) for _ in range(rng.randint(0, 40))] for _ in range(120)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_scores_equal_rank_bm25(seed: int) -> None:
    corpus = _random_corpus(seed)
    model = Bm25(corpus, k1=1.2, b=0.75)
    rng = random.Random(seed + 100)
    for _ in range(50):
        query = [f"w{rng.randint(0, 70)}" for _ in range(rng.randint(1, 8))]  # includes unknown and repeated terms
        fast, slow = model.scores(query), model.reference_scores(query)
        np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
        order_fast = sorted(range(len(fast)), key=lambda i: (-round(fast[i], 9), i))[:10]
        order_slow = sorted(range(len(slow)), key=lambda i: (-round(slow[i], 9), i))[:10]
        assert order_fast == order_slow


def test_fast_scores_equal_rank_bm25_on_the_shipped_documents() -> None:
    from knowledge.knowledge_base import KnowledgeBase
    from knowledge.seed import shipped_documents

    kb = KnowledgeBase(shipped_documents())
    corpus = [tokenize(p.heading + " " + p.text) for _, p in kb.passages]
    model = Bm25(corpus)
    for question in ("dnnvv duoc ho tro tu van bao nhieu", "thời hạn bảo hộ nhãn hiệu", "EVFTA có hiệu lực"):
        query = tokenize(question)
        fast, slow = model.scores(query), model.reference_scores(query)
        np.testing.assert_allclose(fast, slow, rtol=1e-9)
        assert np.argsort(-fast, kind="stable")[:10].tolist() == np.argsort(-slow, kind="stable")[:10].tolist()
