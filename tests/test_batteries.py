"""Batteries of questions the bot must not answer, beside our subjects: how many it still answers with confidence."""

from __future__ import annotations

import pytest

from retrieval.engine import SearchEngine
from tests.conftest import DATA


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine


# Helper sessions wrote each battery without seeing the bot (social insurance, company registration, banks, land,
# labour, tax, other agreements, stories naming our subjects around another question). The second to fourth were
# tuned on once measured; the fifth was written after the last change and never tuned on. Ceilings are what is
# answered now; at 692bb9f they were 2, 20, 21, 18 and 18. One of the fifth's 13 was fixed later (an agreement named
# by its parties, "the Vietnam-Korea FTA"), so it is no longer wholly blind.
CEILINGS = [("battery1.txt", 2), ("battery2.txt", 1), ("battery3.txt", 3), ("battery4.txt", 6), ("battery5.txt", 12)]


@pytest.mark.parametrize(("name", "ceiling"), CEILINGS)
def test_a_battery_of_questions_beside_ours_is_refused(engine: SearchEngine, name: str, ceiling: int) -> None:
    questions = [line for line in (DATA / "batteries" / name).read_text(encoding="utf-8").splitlines() if line]
    assert len(questions) >= 180
    answered = [q for q in questions if engine.answer(q).answered]
    assert len(answered) <= ceiling, answered
