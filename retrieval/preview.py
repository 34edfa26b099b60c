"""Which labelled questions would get a different top answer if a staged version went live."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.engine import SearchEngine

__all__ = ["AnswerChange", "changed_answers"]


@dataclass(frozen=True)
class AnswerChange:
    """A question whose best citation (or answered flag) differs between live and staged."""

    question: str
    before: str
    after: str


def _top(engine: SearchEngine, question: str) -> str:
    answer = engine.answer(question, top=1)
    if not answer.results:
        return "(không có kết quả)"
    prefix = "" if answer.answered else "(không chắc) "
    return prefix + answer.results[0].citation


def changed_answers(live: SearchEngine, staged: SearchEngine, questions: Sequence[str]) -> list[AnswerChange]:
    """Run every question against both engines and keep those whose top citation changes."""
    out = []
    for question in questions:
        before, after = _top(live, question), _top(staged, question)
        if before != after:
            out.append(AnswerChange(question, before, after))
    return out
