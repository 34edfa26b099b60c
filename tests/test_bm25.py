"""BM25 on small and degenerate corpora, and the fast path against rank-bm25's own loop."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval.bm25 import Bm25, _Okapi, lucene_idf
from retrieval.index import Entry, SearchIndex
from retrieval.text import tokenize
from tests.conftest import shared_path


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


# --- Lean postings against rank-bm25 (issue 15) ---------------------------------------------------------------


def _okapi(corpus: list[list[str]]) -> _Okapi:
    return _Okapi([list(doc) for doc in corpus], k1=1.2, b=0.75)


def _assert_same(fast: np.ndarray, slow: np.ndarray, k: int = 10) -> None:
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)
    assert np.argsort(-fast, kind="stable")[:k].tolist() == np.argsort(-slow, kind="stable")[:k].tolist()


DEGENERATE = [
    [["von", "vay"]],  # one document
    [["a", "b"], ["a"], ["a", "c", "a"], ["a", "d", "d", "d"]],  # a term in every document
    [["a"], [], ["b", "b"], []],  # empty documents among others
    [["x"] * 70_000, ["y"]],  # a tf past uint16
]
QUERIES = [["a"], ["a", "a", "b"], ["zzz"], ["d", "zzz", "d"], ["von", "vay", "vay"], ["x", "y"], []]


@pytest.mark.parametrize("corpus", DEGENERATE)
def test_degenerate_corpora_equal_rank_bm25(corpus: list[list[str]]) -> None:
    model, reference = Bm25(corpus), _okapi(corpus)
    for query in QUERIES:
        _assert_same(model.scores(query), np.asarray(reference.get_scores(query), dtype=np.float64))
        _assert_same(model.scores(query), model.reference_scores(query))
    for term in ("a", "b", "zzz", "von", "x"):
        expected = reference.idf.get(term, lucene_idf(len(corpus), 0))
        assert model.idf(term) == expected
        assert model.contains(term) == (term in reference.idf)
    assert model.terms() == frozenset(reference.idf)


def test_empty_corpus_has_no_reference_either() -> None:
    model = Bm25([])
    assert model.reference_scores(["a"]).shape == (0,)
    assert model.idf("a") == lucene_idf(0, 0) and not model.contains("a") and model.terms() == frozenset()


def test_rank_bm25_is_built_only_for_the_reference() -> None:
    """The per-document dicts rank-bm25 keeps are never built for scoring, only when the reference is asked for."""
    model = Bm25(_random_corpus(5))
    assert not any(isinstance(value, BM25Okapi) for value in vars(model).values())
    model.reference_scores(["w1"])
    assert any(isinstance(value, BM25Okapi) for value in vars(model).values())


def _old_fields(entries: list[Entry], title_weight: int = 3) -> tuple[list[list[str]], list[list[str]]]:
    """The two fields as the index used to tokenize them: the whole text at once, then each paragraph again."""
    passages, paragraphs = [], []
    for e in entries:
        title = tokenize(e.title)
        body = "\n".join([e.context, e.title, *e.paragraphs, e.keywords])
        passages.append(tokenize(body) + title * (1 if e.shares_title else title_weight))
        paragraphs.extend(tokenize(p) + title for p in (e.paragraphs or [e.title]))
    return passages, paragraphs


def _alqac_entries() -> list[Entry]:
    from knowledge.importers.alqac import load_alqac_corpus
    from knowledge.knowledge_base import KnowledgeBase
    from knowledge.lexicon import load_lexicon
    from retrieval.signals import context_of

    kb = KnowledgeBase(load_alqac_corpus(shared_path("datasets", "alqac2024", "law.json")))
    keywords = load_lexicon().keywords
    return [
        Entry(p.heading, p.paragraphs(), context_of(d), shares_title=p.clause is not None,
              prior=0.5 if p.id.endswith("/tong-quan") else 1.0, keywords=" \n ".join(keywords.get(p.id, ())))
        for d, p in kb.passages
    ]  # fmt: skip


def test_alqac_fields_equal_rank_bm25_on_the_old_tokenization() -> None:
    """Both fields of the ALQAC 2024 index, composed from ids, score as rank-bm25 over the strings tokenized the old
    way; so do the combined scores and the ranking."""
    from retrieval.questions import load_questions

    entries = _alqac_entries()
    index = SearchIndex(entries)
    old_passages, old_paragraphs = _old_fields(entries)
    passages, paragraphs = _okapi(old_passages), _okapi(old_paragraphs)
    assert index.passages.terms() == frozenset(passages.idf) and index.paragraphs.terms() == frozenset(paragraphs.idf)
    starts = np.cumsum([0] + [len(e.paragraphs or [e.title]) for e in entries[:-1]])
    priors = np.asarray([e.prior for e in entries])
    questions = load_questions(shared_path("datasets", "alqac2024", "train.json"))
    for item in questions[::177]:  # three: rank-bm25 takes a quarter second a question over the paragraphs
        query = tokenize(item.question)
        slow_passages = np.asarray(passages.get_scores(query), dtype=np.float64)
        slow_paragraphs = np.asarray(paragraphs.get_scores(query), dtype=np.float64)
        _assert_same(index.passages.scores(query), slow_passages)
        _assert_same(index.paragraphs.scores(query), slow_paragraphs)
        combined = (slow_passages + np.maximum.reduceat(slow_paragraphs, starts)) * priors
        _assert_same(index.scores(query)[0], combined)
        assert [h.position for h in index.search(query, 10)] == np.argsort(-combined, kind="stable")[:10].tolist()


def test_index_fields_keep_a_working_reference() -> None:
    """reference_scores of an index field rebuilds rank-bm25 from the postings, only when asked."""
    from knowledge.knowledge_base import KnowledgeBase
    from knowledge.seed import shipped_documents

    kb = KnowledgeBase(shipped_documents())
    index = SearchIndex([Entry(p.heading, p.paragraphs()) for _, p in kb.passages])
    for question in ("thời hạn bảo hộ nhãn hiệu", "hỗ trợ tư vấn doanh nghiệp nhỏ và vừa"):
        query = tokenize(question)
        _assert_same(index.passages.scores(query), index.passages.reference_scores(query))
        _assert_same(index.paragraphs.scores(query), index.paragraphs.reference_scores(query))
    assert index.passages.contains("nhan_hieu") and not index.passages.contains("khong_co_dau")
