"""Knowledge-base administration shared by the CLI and the Telegram admin flow: stage, preview, publish, roll back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from app.documents import find_documents
from app.preview_cache import live_tops
from app.services import Services
from knowledge.diff import DocumentChange, diff_documents
from knowledge.errors import DocumentError, KnowledgeError, Problem, StoreError
from knowledge.importers import import_bytes
from knowledge.knowledge_base import KnowledgeBase
from knowledge.markdown import parse_meta
from knowledge.models import Document
from knowledge.store import Stage, Store, document_hash
from retrieval.engine import SearchEngine

__all__ = [
    "TOPICS",
    "USER_TOPICS",
    "AnswerChange",
    "NoChange",
    "Preview",
    "Progress",
    "check_file",
    "preview",
    "publish",
    "publish_stage",
    "resolve_document",
    "rollback",
    "sample_questions",
    "stage_documents",
    "stage_import",
    "stage_removal",
]

# The topics users browse (the keys of bot.messages.TOPIC_LABELS, which app may not import; a test keeps them equal),
# and those the importers give official texts.
USER_TOPICS = frozenset({"hoi-nhap", "dnnvv", "shtt", "fta", "khcn", "nhan-luc"})
TOPICS = USER_TOPICS | {"phap-dien", "van-ban-goc", "alqac"}
_NO_URL = "a summary document needs 'url'"

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    """The default progress reporter: the Telegram flow shows its own."""


class NoChange(KnowledgeError):
    """The file holds exactly what the live version already has: nothing to stage."""

    def __init__(self) -> None:
        super().__init__("no change compared with the live version")


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


def changed_answers(
    live: SearchEngine, staged: SearchEngine, questions: Sequence[str], cache_dir: Path | None = None
) -> list[AnswerChange]:
    """Run every question against both engines and keep those whose top citation changes."""
    before = live_tops(live, questions, cache_dir, _top)
    pairs = zip(questions, before, (_top(staged, q) for q in questions), strict=True)
    return [AnswerChange(q, old, new) for q, old, new in pairs if old != new]


def preview(services: Services, stage: Stage, progress: Progress = _quiet) -> Preview:
    """Diff the stage against the live version and re-run the sample questions on both."""
    live_engine = services.live.engine
    staged_docs = services.store.staged_documents(stage)
    changes = diff_documents(live_engine.kb.documents, staged_docs)
    questions = sample_questions()
    progress("building the index of the staged version…")
    staged_engine = services.live.build(staged_docs)
    progress(f"checking {len(questions)} sample questions against the staged version…")
    changed = changed_answers(live_engine, staged_engine, questions, services.live.cache_dir)
    return Preview(stage, changes, changed, len(questions))


def _previewed(services: Services, stage: Stage, author: str, progress: Progress) -> Preview:
    """The stage's preview; a stage whose preview was interrupted (Ctrl-C, an error) is discarded, not left for
    someone to publish unseen."""
    try:
        return preview(services, stage, progress)
    except BaseException:
        services.store.discard(stage, author)
        raise


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _front_end(lines: list[str]) -> int | None:
    """The index of the line closing the YAML front matter, if the text has one."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)


def _front_line(text: str, key: str) -> int | None:
    """The line number of `key:` in the front matter, to point a problem at it."""
    lines = text.split("\n")
    end = _front_end(lines) or 0
    return next((n for n in range(2, end + 1) if re.match(rf"{re.escape(key)}\s*:", lines[n - 1])), None)


def _as_official(text: str) -> str:
    """The same text, line for line, with `kind: official`, which needs no url: the model's missing-url check
    then no longer stops validation before the topics and the body."""
    lines = text.split("\n")
    kind = _front_line(text, "kind")
    if kind is not None:
        lines[kind - 1] = "kind: official"
    return "\n".join(lines)


def _front_topics(text: str, name: str) -> set[str]:
    """The topics a file's front matter declares, when the front matter is valid but the body is not."""
    lines = _as_official(text).split("\n")
    end = _front_end(lines)
    try:
        return set(parse_meta(lines[1:end], name).topics) if end else set()
    except DocumentError:
        return set()  # its own problems are already reported


def _topic_problems(topics: set[str], text: str, name: str) -> list[Problem]:
    unknown = sorted(topics - TOPICS)
    if not unknown:
        return []
    names = ", ".join(f"'{topic}'" for topic in unknown)
    message = f"front matter 'topics': unknown topic {names}; use {', '.join(sorted(TOPICS))}"
    return [Problem(name, _front_line(text, "topics") or 1, message)]


def _without_url(problems: list[Problem], text: str, name: str) -> list[Problem]:
    """Name the field of the model's missing-url check (it has no location of its own), plus the body's problems."""
    if not any(_NO_URL in p.message for p in problems):
        return problems
    line = _front_line(text, "url") or _front_line(text, "kind") or 1
    found = [Problem(name, line, f"front matter 'url': {_NO_URL}, a link to the official text")]
    try:
        import_bytes(_as_official(text).encode(), name)
    except DocumentError as exc:
        found += exc.problems
    return found


def check_file(data: bytes, name: str) -> list[Document]:
    """Validate a file for import: front matter, body and topics, every problem with file and line."""
    text = _text(data)
    try:
        documents, problems = import_bytes(data, name), []
    except DocumentError as exc:
        documents, problems = [], _without_url(exc.problems, text, name)
    topics = {topic for doc in documents for topic in doc.meta.topics} if documents else _front_topics(text, name)
    problems += _topic_problems(topics, text, name)
    if problems:
        raise DocumentError(sorted(problems, key=lambda p: p.line))
    return documents


def stage_documents(
    services: Services,
    documents: Sequence[Document],
    name: str,
    author: str,
    comment: str = "",
    progress: Progress = _quiet,
) -> Preview:
    """Stage validated documents; the live version does not change, and a file identical to it stages nothing."""
    live = services.store.document_hashes()
    if all(live.get(doc.meta.id) == document_hash(doc) for doc in documents):
        raise NoChange()
    stage = services.store.stage_change(documents, [], author, comment or f"import {name}")
    return _previewed(services, stage, author, progress)


def stage_import(
    services: Services, data: bytes, name: str, author: str, comment: str = "", progress: Progress = _quiet
) -> Preview:
    """Validate a file and stage its documents; the live version does not change."""
    return stage_documents(services, check_file(data, name), name, author, comment, progress)


def resolve_document(kb: KnowledgeBase, query: str) -> str:
    """The id of the one document `query` names: its id, or what /doc finds (number prefix, case and đ ignored)."""
    if kb.document(query) is not None:
        return query
    found = find_documents(kb, query)
    if not found:
        raise StoreError(f"no document '{query}' in the live version (see 'kb list')")
    if len(found) > 1:
        names = ", ".join(f"{d.meta.id} ({d.meta.number})" for d in found)
        raise StoreError(f"'{query}' matches {len(found)} documents: {names}; give one id")
    return found[0].meta.id


def stage_removal(services: Services, query: str, author: str, progress: Progress = _quiet) -> Preview:
    """Stage the removal of one live document (by id, or by number as /doc finds it)."""
    document_id = resolve_document(services.live.engine.kb, query)
    stage = services.store.stage_change([], [document_id], author, f"remove {document_id}")
    return _previewed(services, stage, author, progress)


def publish_stage(store: Store, author: str, stage_id: int | None = None, comment: str = "") -> int:
    """Publish a pending stage in the store; an engine serving it switches on its next live-version check."""
    stage = store.stage(stage_id)
    if stage is None:
        raise StoreError("nothing is staged: import a file first")
    return store.publish(stage, author, comment)


def publish(services: Services, author: str, stage_id: int | None = None, comment: str = "") -> int:
    """Publish a pending stage and swap the live engine without a restart."""
    version = publish_stage(services.store, author, stage_id, comment)
    services.live.reload()
    return version


def rollback(services: Services, author: str, version: int | None = None) -> int:
    """Serve an earlier version again and swap the live engine."""
    target = services.store.rollback(author, version)
    services.live.reload()
    return target
