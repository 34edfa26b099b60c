"""Admin operations shared by the CLI and the Telegram admin flow: stage, preview, publish, roll back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cli.services import QUESTIONS_FILE, Services
from knowledge.diff import DocumentChange, diff_documents
from knowledge.errors import StoreError
from knowledge.importers import import_bytes
from knowledge.store import Stage
from retrieval.preview import AnswerChange, changed_answers

__all__ = ["Preview", "preview", "publish", "rollback", "stage_import", "stage_removal"]


@dataclass(frozen=True)
class Preview:
    """What publishing a stage would change, shown before an admin decides."""

    stage: Stage
    changes: list[DocumentChange]
    answers: list[AnswerChange] = field(default_factory=list)
    questions_checked: int = 0


def _questions() -> list[str]:
    try:
        data = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(item["question"]) for item in data if isinstance(item, dict) and "question" in item]


def preview(services: Services, stage: Stage) -> Preview:
    """Diff the stage against the live version and re-run the labelled questions on both."""
    live_engine = services.library.engine
    staged_docs = services.store.staged_documents(stage)
    changes = diff_documents(live_engine.kb.documents, staged_docs)
    questions = _questions()
    staged_engine = services.library.build(staged_docs)
    return Preview(stage, changes, changed_answers(live_engine, staged_engine, questions), len(questions))


def stage_import(services: Services, data: bytes, name: str, author: str, comment: str = "") -> Preview:
    """Validate a file and stage its documents; the live version does not change."""
    documents = import_bytes(data, name)
    stage = services.store.stage_change(documents, [], author, comment or f"import {name}")
    return preview(services, stage)


def stage_removal(services: Services, document_id: str, author: str) -> Preview:
    """Stage the removal of a document (by id or official number)."""
    live = services.library.engine.kb
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
    services.library.reload()
    return version


def rollback(services: Services, author: str, version: int | None = None) -> int:
    """Serve an earlier version again and swap the live engine."""
    target = services.store.rollback(author, version)
    services.library.reload()
    return target
