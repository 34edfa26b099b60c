"""`kb ...`: validate, import, publish, roll back and inspect the knowledge base."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app import kb_admin
from app.services import build_services
from app.settings import Settings
from cli.errors import Subcommands
from knowledge.errors import DocumentError
from knowledge.importers import import_file

__all__ = ["format_preview", "register"]


def register(sub: Subcommands) -> None:
    """Add `kb` and its subcommands."""
    kb = sub.add_parser("kb", help="knowledge-base administration").add_subparsers(dest="kb_command", required=True)
    validate = kb.add_parser("validate", help="check documents; print every problem with file and line")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.set_defaults(handler=run_validate)
    imp = kb.add_parser("import", help="validate a file and stage it (nothing changes until 'kb publish')")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--comment", default="")
    imp.set_defaults(handler=run_import)
    pub = kb.add_parser("publish", help="publish the newest staged change (or --stage N)")
    pub.add_argument("--stage", type=int)
    pub.add_argument("--comment", default="")
    pub.set_defaults(handler=run_publish)
    rb = kb.add_parser("rollback", help="serve an earlier version again (default: the previous one)")
    rb.add_argument("version", nargs="?", type=int)
    rb.set_defaults(handler=run_rollback)
    rm = kb.add_parser("remove", help="stage the removal of a document (id or number)")
    rm.add_argument("document")
    rm.set_defaults(handler=run_remove)
    kb.add_parser("discard", help="drop the newest staged change").set_defaults(handler=run_discard)
    kb.add_parser("history", help="published versions, newest first").set_defaults(handler=run_history)
    kb.add_parser("list", help="documents in the live version").set_defaults(handler=run_list)


def _author() -> str:
    return f"cli:{getpass.getuser()}"


def run_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Validate files; every problem is printed as file:line: message."""
    problems = []
    for path in args.paths:
        try:
            for doc in import_file(path):
                articles = len({p.article for p in doc.passages if p.article})
                print(f"ok {path.name}: {doc.meta.number}, {articles} articles, {len(doc.passages)} passages")
        except DocumentError as exc:
            problems.extend(exc.problems)
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
    """Validate and stage one file, then show the preview."""
    data = args.file.read_bytes()
    preview = kb_admin.stage_import(build_services(settings), data, args.file.name, _author(), args.comment)
    print(format_preview(preview))
    print("Run 'python run_bot.py kb publish' to publish, or 'kb discard' to drop it.")
    return 0


def run_publish(args: argparse.Namespace, settings: Settings) -> int:
    """Publish the newest (or the given) stage."""
    version = kb_admin.publish(build_services(settings), _author(), args.stage, args.comment)
    print(f"published version {version}")
    return 0


def run_rollback(args: argparse.Namespace, settings: Settings) -> int:
    """Roll back to an earlier version."""
    version = kb_admin.rollback(build_services(settings), _author(), args.version)
    print(f"version {version} is live")
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Stage a removal and show its preview."""
    print(format_preview(kb_admin.stage_removal(build_services(settings), args.document, _author())))
    print("Run 'python run_bot.py kb publish' to publish, or 'kb discard' to drop it.")
    return 0


def run_discard(args: argparse.Namespace, settings: Settings) -> int:
    """Drop the newest pending stage."""
    services = build_services(settings)
    stage = services.store.stage()
    if stage is None:
        print("nothing is staged")
        return 0
    services.store.discard(stage, _author())
    print(f"discarded stage {stage.id}")
    return 0


def run_history(args: argparse.Namespace, settings: Settings) -> int:
    """Print published versions."""
    store = build_services(settings).store
    store.audit(_author(), "history", "viewed")
    for v in store.history():
        live = " (live)" if v.live else ""
        print(f"v{v.id}{live} {v.created_at} {v.author} {v.action}: {v.comment} [{v.documents} documents]")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the live documents."""
    services = build_services(settings)
    engine = services.live.engine
    services.store.audit(_author(), "kb", f"listed version {engine.version}")
    print(f"version {engine.version}: {len(engine.kb)} documents, {len(engine.kb.passages)} passages")
    for doc in engine.kb.documents:
        print(f"  {doc.meta.id}: {doc.meta.number} [{doc.meta.kind}, {doc.meta.status}] {doc.meta.title}")
    return 0
