"""Quality floors as real assertions on real data: our question file, and ALQAC when ../shared is present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.folding import fold_diacritics
from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine
from retrieval.evaluate import LabelledQuestion, evaluate, load_questions
from tests.conftest import DATA, SAMPLE_QUESTIONS, shared_path


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


@pytest.fixture(scope="module")
def questions() -> list:
    return load_questions(SAMPLE_QUESTIONS)


def test_question_file_covers_every_shipped_document(questions: list) -> None:
    assert len(questions) >= 150
    expected = {e.document for q in questions for e in q.expected}
    assert {d.meta.number for d in shipped_documents()} <= expected
    plain = [q for q in questions if q.question.isascii()]
    assert len(plain) >= len(questions) / 3, "at least a third typed without diacritics"


def test_own_questions_recall_at_3(engine: SearchEngine, questions: list) -> None:
    report = evaluate(engine, questions)
    assert report.recall[3] >= 0.95, report
    assert report.answered_rate >= 0.90, report


def test_out_of_scope_questions_are_never_answered(engine: SearchEngine) -> None:
    out_of_scope = json.loads((DATA / "out_of_scope.json").read_text(encoding="utf-8"))
    assert len(out_of_scope) >= 20
    answered = [q for q in out_of_scope if engine.answer(q).answered]
    assert answered == []


def _strip_marks(text: str) -> str:
    return fold_diacritics(text)


def test_accentless_form_retrieves_the_same_top_passage(engine: SearchEngine, questions: list) -> None:
    same = 0
    for q in questions:
        a, b = engine.answer(q.question, top=1), engine.answer(_strip_marks(q.question), top=1)
        same += bool(a.results and b.results and a.results[0].passage_id == b.results[0].passage_id)
    assert same / len(questions) >= 0.95


def _alqac(corpus: Path, qfile: Path) -> tuple[SearchEngine, list]:
    return SearchEngine(KnowledgeBase(load_alqac_corpus(corpus)), load_lexicon()), load_questions(qfile)


def test_alqac_2024_quality_floor(alqac2024: tuple[SearchEngine, list[LabelledQuestion]]) -> None:
    engine, qs = alqac2024  # the ALQAC 2024 law corpus and train questions (conftest)
    assert len(engine.kb.passages) == 2249
    report = evaluate(engine, qs)
    assert report.recall[1] >= 0.83, report
    assert report.mrr10 >= 0.88, report


def test_alqac_2022_quality_floor() -> None:
    engine, qs = _alqac(
        shared_path("datasets", "alqac2022", "law.json"), shared_path("datasets", "alqac2022", "question.json")
    )
    report = evaluate(engine, qs)
    assert report.recall[1] >= 0.90, report
