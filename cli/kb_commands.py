"""`kb` commands that change the knowledge base: validate, import, publish, discard, roll back, remove."""

from __future__ import annotations

import argparse
import sys

from app import kb_admin
from app.services import build_services
from app.settings import Settings
from cli.errors import UsageError
from cli.kb_common import author, open_kb_store, progress
from knowledge.errors import DocumentError, Problem, StoreError
from knowledge.knowledge_base import KnowledgeBase

__all__ = [
    "format_preview",
    "run_discard",
    "run_import",
    "run_publish",
    "run_remove",
    "run_rollback",
    "run_validate",
]

_NEXT = "Next: 'kb publish' to publish it, or 'kb discard' to drop it."


def run_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Validate files as an import would; every problem is printed as file:line: message."""
    problems: list[Problem | str] = []
    for path in args.paths:
        try:
            for doc in kb_admin.check_file(path.read_bytes(), path.name):
                articles = len({p.article for p in doc.passages if p.article})
                print(f"ok {path.name}: {doc.meta.number}, {articles} articles, {len(doc.passages)} passages")
        except DocumentError as exc:
            problems.extend(exc.problems)
        except OSError as exc:  # one unreadable path does not stop the others being checked
            problems.append(f"{path}: {exc.strerror or exc}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2 if problems else 0


def format_preview(preview: kb_admin.Preview) -> str:
    """Plain-text preview of a staged change."""
    lines = [f"Stage {preview.stage.id}: {preview.stage.comment}"]
    if not preview.changes:
        lines.append("  no change compared with the live version")
    for c in preview.changes:
        lines.append(f"  {c.status}: {c.number} ({c.document_id}) - {c.title}")
        lines.append(f"    passages: {len(c.new)} new, {len(c.changed)} changed, {len(c.removed)} removed")
    lines.append(f"  answers that would change: {len(preview.answers)} of {preview.questions_checked} questions")
    lines.extend(f"    - {a.question}\n      {a.before} -> {a.after}" for a in preview.answers[:10])
    return "\n".join(lines)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    """Validate and stage one file, then show the preview; a file identical to the live version stages nothing."""
    if args.file.is_file() and args.file.stat().st_size > settings.max_upload_bytes():  # as for a bot upload
        limit = settings.max_upload_mb
        raise UsageError(f"{args.file.name} is larger than {limit:g} MB (MAX_UPLOAD_MB); nothing was staged")
    documents = kb_admin.check_file(args.file.read_bytes(), args.file.name)  # bad input fails before any progress
    progress("building the index of the live version…")
    services = build_services(settings)
    try:
        preview = kb_admin.stage_documents(services, documents, args.file.name, author(), args.comment, progress)
    except kb_admin.NoChange as exc:
        print(f"{exc}: nothing staged")
        return 0
    print(format_preview(preview))
    print(_NEXT)
    return 0


def run_publish(args: argparse.Namespace, settings: Settings) -> int:
    """Publish the newest (or the given) stage; a running bot switches on its next live-version check."""
    version = kb_admin.publish_stage(open_kb_store(settings), author(), args.stage, args.comment)
    print(f"published version {version}")
    return 0


def run_rollback(args: argparse.Namespace, settings: Settings) -> int:
    """Roll back to an earlier version (the store's rules, as /rollback; no search index is built here)."""
    version = open_kb_store(settings).rollback(author(), args.version)
    print(f"version {version} is live")
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Stage the removal of one document, named as /doc names it, and show its preview."""
    store = open_kb_store(settings)
    # Resolve on the documents alone, so a name that matches nothing or several fails fast and in one line.
    document_id = kb_admin.resolve_document(KnowledgeBase(store.documents()), args.document)
    progress("building the index of the live version…")
    services = build_services(settings)
    print(format_preview(kb_admin.stage_removal(services, document_id, author(), progress)))
    print(_NEXT)
    return 0


def run_discard(args: argparse.Namespace, settings: Settings) -> int:
    """Drop the newest (or the given) pending stage."""
    store = open_kb_store(settings)
    stage = store.stage(args.stage)
    if stage is None:
        which = f"stage {args.stage} is not pending" if args.stage is not None else "nothing is staged"
        raise StoreError(f"{which}: nothing to discard (see 'kb status')")
    store.discard(stage, author())
    print(f"discarded stage {stage.id}")
    return 0
