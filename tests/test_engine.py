"""Answers: the JSON contract, confidence, clause lookup, and official text merged with our note."""

from __future__ import annotations

import functools
import gc
import weakref
from pathlib import Path

import pytest

from knowledge.importers import import_bytes
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import CANDIDATES, SearchEngine
from retrieval.questions import LabelledQuestion, load_questions
from retrieval.results import Grouping, group_hits
from tests.conftest import shared_path

CONTRACT = [
    "passage_id",
    "document_id",
    "document_number",
    "document_title",
    "article",
    "clause",
    "point",
    "section",
    "citation",
    "score",
    "text",
    "url",
]


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


def test_answer_json_has_the_fixed_fields(engine: SearchEngine) -> None:
    data = engine.answer("Tiêu chí xác định doanh nghiệp siêu nhỏ?").to_json_dict()
    assert isinstance(data["question"], str) and data["answered"] is True
    assert data["results"]
    for result in data["results"]:
        assert list(result)[: len(CONTRACT)] == CONTRACT
        assert isinstance(result["score"], float) and result["url"].startswith("https://")


def test_business_owner_question_without_accents_finds_the_consulting_clause(engine: SearchEngine) -> None:
    answer = engine.answer("dnnvv duoc ho tro tu van bao nhieu")
    top = answer.results[0]
    assert answer.answered
    assert (top.document_number, top.article) == ("80/2021/NĐ-CP", "13")
    assert any("50 triệu" in s or "100%" in s for s in top.highlights) or "50 triệu" in top.text
    # "hồ sơ đề nghị hỗ trợ" is the law's "Hồ sơ đề xuất nhu cầu hỗ trợ" (Decree 80 Art. 32(4))
    papers = engine.answer("ho so de nghi ho tro dnnvv gom nhung gi ad").results[0]
    assert (papers.article, papers.clause) == ("32", "4")


def test_abbreviations_people_type_for_ip_subjects_are_spelled_out(engine: SearchEngine) -> None:
    # "cddl" (chỉ dẫn địa lý) was read as an unknown word: the co-operative's question went to Art. 87.
    for question in ("chu so huu cddl la ai", "cddl thuoc ve ai"):
        top = engine.answer(question).results[0]
        assert (top.article, top.clause) == ("121", "4"), "the State owns a geographical indication"
    assert "kieu_dang" in engine.analyze("kdcn dc bao ho may nam").tokens


def test_chat_particles_are_not_counted_as_unknown_words(engine: SearchEngine) -> None:
    # "ad", "mn", "z", "j" carry no topic: a question typed with them is no less sure than one typed without.
    assert engine.signals.style("rex la cai j vay mn") == engine.signals.style("rex la cai gi vay")
    answer = engine.answer("REX la cai j vay mn")
    assert answer.answered and answer.results[0].citation.startswith("Mục V.2 Hiệp định EVFTA")


def test_same_top_passage_with_and_without_diacritics(engine: SearchEngine) -> None:
    a = engine.answer("Hà Nội có kế hoạch xây dựng sàn giao dịch công nghệ không?")
    b = engine.answer("Ha Noi co ke hoach xay dung san giao dich cong nghe khong?")
    assert a.results[0].passage_id == b.results[0].passage_id
    assert a.results[0].document_number == "33/KH-UBND"


def test_out_of_scope_question_is_not_answered_but_shows_nearest(engine: SearchEngine) -> None:
    answer = engine.answer("Kết quả xổ số miền Bắc hôm nay")
    assert answer.answered is False


def test_empty_question_is_not_answered(engine: SearchEngine) -> None:
    answer = engine.answer("   ")
    assert answer.answered is False and answer.results == [] and answer.message


@pytest.mark.parametrize(
    ("question", "number", "article", "clause", "point"),
    [
        ("Điều 5 Nghị định 80/2021", "80/2021/NĐ-CP", "5", None, None),
        ("khoan 2 dieu 4 luat 04/2017", "04/2017/QH14", "4", "2", None),
        ("điểm a khoản 2 điều 13 nghị định 80/2021/NĐ-CP", "80/2021/NĐ-CP", "13", "2", "a"),
        ("dieu 93 luat shtt", "50/2005/QH11", "93", None, None),
    ],
)
def test_clause_lookup_returns_exactly_that_article(
    engine: SearchEngine, question: str, number: str, article: str, clause: str | None, point: str | None
) -> None:
    answer = engine.answer(question)
    assert answer.lookup and answer.answered
    assert {r.document_number for r in answer.results} == {number}
    assert {r.article for r in answer.results} == {article}
    if clause:
        assert answer.results[0].clause == clause
    if point:
        assert answer.results[0].point == point


def test_plan_section_lookup(engine: SearchEngine) -> None:
    answer = engine.answer("Mục II.2 kế hoạch 33")
    assert [r.section for r in answer.results] == ["II.2"]


def test_lookup_of_missing_article_says_so(engine: SearchEngine) -> None:
    answer = engine.answer("Điều 99 Nghị định 80/2021")
    assert answer.lookup and not answer.answered and "Điều 99" in answer.message


def test_official_text_and_note_show_as_one_hit() -> None:
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    official = [d for d in import_bytes(path.read_bytes(), path.name) if d.meta.number == "80/2021/NĐ-CP"]
    engine = SearchEngine(KnowledgeBase(shipped_documents() + official), load_lexicon())
    answer = engine.answer("doanh nghiệp siêu nhỏ được hỗ trợ tư vấn bao nhiêu phần trăm", top=5)
    keys = [(r.document_number, r.article) for r in answer.results]
    assert len(keys) == len(set(keys)) or all(r.clause for r in answer.results)  # no competing duplicates
    merged = [r for r in answer.results if r.note]
    assert merged, "the official article should carry our plain-language note"
    top = merged[0]
    assert top.kind == "official" and top.note_passage_id and top.note_passage_id.startswith("80-2021-nd-cp/")


def test_containing_reads_each_passage_words_and_pairs_as_tokenizing_its_body_would(
    engine: SearchEngine,
) -> None:
    # The gate's coverage reads passages' words from the index instead of tokenizing them; both must agree.
    from retrieval.signals import context_of
    from retrieval.text import words_and_pairs

    def body(position: int) -> set[str]:
        doc, passage = engine.kb.passages[position]
        keywords = engine.lexicon.keywords.get(passage.id, [])
        words, pairs = words_and_pairs([" ".join([context_of(doc), passage.heading, passage.text, *keywords])])
        return set(words | pairs)

    size = len(engine.kb.passages)
    for position in range(size):
        own, other = body(position), body((position + 7) % size)
        # A third of its own terms, terms only another passage has, and a term no passage has.
        asked = sorted(own)[::3] + sorted(other - own)[:20] + ["khongcotu"]
        found = engine.index.containing(asked, [position])[position]
        assert found == frozenset(t for t in asked if t in own), engine.kb.passages[position][1].id


def test_groups_from_a_shallow_search_are_those_of_the_deep_search(
    alqac2024: tuple[SearchEngine, list[LabelledQuestion]],
) -> None:
    # With an official decree beside our notes on it, some articles can still take a note from a deeper hit.
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    official = [d for d in import_bytes(path.read_bytes(), path.name) if d.meta.number == "80/2021/NĐ-CP"]
    mixed = SearchEngine(KnowledgeBase(shipped_documents() + official), load_lexicon())
    assert mixed.grouping.mixed, "the official decree and our notes share articles"
    questions = [q.question for q in load_questions(Path(__file__).parent / "data" / "users_vi.json")]
    alqac, alqac_questions = alqac2024
    cases = [(mixed, q) for q in questions[::2]] + [(alqac, q.question) for q in alqac_questions[:60]]
    # Both collections are small enough to be scored whole, where the engine searches deep at once: try shallow.
    shallow = {id(e): Grouping(e.kb, shallow_from=0) for e in (mixed, alqac)}
    for engine, question in cases:
        tokens = engine.analyze(question).tokens
        deep = group_hits(engine.kb, engine.index.search(tokens, CANDIDATES * 4))[:CANDIDATES]
        grouping = shallow[id(engine)]
        assert grouping.top(functools.partial(engine.index.search, tokens), CANDIDATES, CANDIDATES * 4) == deep


def test_a_replaced_engine_is_freed_without_waiting_for_the_garbage_collector() -> None:
    # Publishes, rollbacks and previews build engines: one holding a reference to itself (a bound method kept by a
    # part of it) would keep every replaced index alive until a full collection.
    gc.disable()
    try:
        engine = SearchEngine(KnowledgeBase(shipped_documents()), load_lexicon())
        engine.answer("nhãn hiệu bảo hộ bao lâu? còn kiểu dáng thì sao")
        engine.answer("How long does a patent last?")
        freed = weakref.ref(engine)
        del engine
        assert freed() is None
    finally:
        gc.enable()
