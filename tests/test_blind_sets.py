"""Question sets written blind to the bot (from the documents alone), held to floors on both splits."""

from __future__ import annotations

import pytest

from app.asking import Ask, ask
from retrieval.engine import SearchEngine
from retrieval.evaluate import evaluate, load_questions
from tests.conftest import DATA


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


# Helper sessions wrote these sets from the knowledge documents without seeing the bot, its code or the other sets;
# each was split once. Floors sit just below what is measured now (see the notes of issues 9 and 10).
FLOORS = [
    ("fresh_vi3.json", "dev", 0.88, 0.92, 0.03),
    ("fresh_vi3.json", "test", 0.84, 0.94, 0.06),
    ("fresh_en4.json", "dev", 0.76, 0.92, 0.11),
    ("fresh_en4.json", "test", 0.64, 0.84, 0.15),
]


@pytest.mark.parametrize(("name", "split", "top1", "recall3", "wrong"), FLOORS)
def test_blind_set_floors(
    engine: SearchEngine, name: str, split: str, top1: float, recall3: float, wrong: float
) -> None:
    questions = load_questions(DATA / name, split)
    report = evaluate(engine, questions, 10, lambda q, k: ask(engine, Ask(q, top=k)))
    gate = report.gate["all"].to_json_dict()
    assert gate["top1"] >= top1 and report.recall[3] >= recall3, (gate, report.recall)
    assert gate["confidently_wrong_rate"] <= wrong, gate
    off_topic = report.gate["out_of_scope"]
    assert off_topic.out_of_scope_answered == 0 and off_topic.out_of_scope_refused >= 2
