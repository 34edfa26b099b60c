"""Knowledge-base administration shared by the CLI and the Telegram admin flow: stage, preview, publish, roll back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from app.services import Services
from knowledge.diff import DocumentChange, diff_documents
from knowledge.errors import StoreError
from knowledge.importers import import_bytes
from knowledge.store import Stage
from retrieval.engine import SearchEngine

__all__ = [
    "AnswerChange",
    "Preview",
    "preview",
    "publish",
    "rollback",
    "sample_questions",
    "stage_import",
    "stage_removal",
]


@dataclass(frozen=True)
class AnswerChange:
    """A sample question whose best citation (or answered flag) differs between live and staged."""

    question: str
    before: str
    after: str


@dataclass(frozen=True)
class Preview:
    """What publishing a stage would change, shown before an admin decides."""

    stage: Stage
    changes: list[DocumentChange]
    answers: list[AnswerChange] = field(default_factory=list)
    questions_checked: int = 0


def sample_questions() -> list[str]:
    """The labelled questions shipped with the package, replayed by every preview."""
    data = json.loads(resources.files("app").joinpath("sample_questions.json").read_text(encoding="utf-8"))
    return [str(item["question"]) for item in data]


def _top(engine: SearchEngine, question: str) -> str:
    answer = engine.answer(question, top=1)
    if not answer.results:
        return "(không có kết quả)"
    return ("" if answer.answered else "(không chắc) ") + answer.results[0].citation


def changed_answers(live: SearchEngine, staged: SearchEngine, questions: Sequence[str]) -> list[AnswerChange]:
    """Run every question against both engines and keep those whose top citation changes."""
    pairs = ((q, _top(live, q), _top(staged, q)) for q in questions)
    return [AnswerChange(q, before, after) for q, before, after in pairs if before != after]


def preview(services: Services, stage: Stage) -> Preview:
    """Diff the stage against the live version and re-run the sample questions on both."""
    live_engine = services.live.engine
    staged_docs = services.store.staged_documents(stage)
    changes = diff_documents(live_engine.kb.documents, staged_docs)
    questions = sample_questions()
    staged_engine = services.live.build(staged_docs)
    return Preview(stage, changes, changed_answers(live_engine, staged_engine, questions), len(questions))


def stage_import(services: Services, data: bytes, name: str, author: str, comment: str = "") -> Preview:
    """Validate a file and stage its documents; the live version does not change."""
    documents = import_bytes(data, name)
    stage = services.store.stage_change(documents, [], author, comment or f"import {name}")
    return preview(services, stage)


def stage_removal(services: Services, document_id: str, author: str) -> Preview:
    """Stage the removal of a document (by id or official number)."""
    live = services.live.engine.kb
    ids = [document_id] if live.document(document_id) else [d.meta.id for d in live.by_number(document_id)]
    if not ids:
        raise StoreError(f"no document '{document_id}' in the live version (see 'kb list')")
    stage = services.store.stage_change([], ids, author, f"remove {', '.join(ids)}")
    return preview(services, stage)


def publish(services: Services, author: str, stage_id: int | None = None, comment: str = "") -> int:
    """Publish a pending stage and swap the live engine without a restart."""
    stage = services.store.stage(stage_id)
    if stage is None:
        raise StoreError("nothing is staged: import a file first")
    version = services.store.publish(stage, author, comment)
    services.live.reload()
    return version


def rollback(services: Services, author: str, version: int | None = None) -> int:
    """Serve an earlier version again and swap the live engine."""
    target = services.store.rollback(author, version)
    services.live.reload()
    return target
