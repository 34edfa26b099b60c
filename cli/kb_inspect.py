"""`kb` commands that only look: status, audit, history, list."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from app.settings import Settings
from cli.kb_common import author, open_kb_store
from knowledge.diff import diff_documents
from knowledge.knowledge_base import KnowledgeBase
from knowledge.store import Stage, Store

__all__ = ["run_audit", "run_history", "run_list", "run_status"]

# Audit actions after which a different version is live.
_GOES_LIVE = ("publish", "rollback", "seed", "release", "restore")


def _live_lines(store: Store) -> Iterator[str]:
    live = store.live_version()
    version = next((v for v in store.history(limit=2**62) if v.id == live), None)
    if version is None:
        yield "live version: none (the store has no published version)"
        return
    yield (
        f"live version: v{version.id}, published {version.created_at} by {version.author} "
        f"({version.action}: {version.comment}) [{version.documents} documents]"
    )
    made_live = next((e for e in store.audit_log(limit=1000) if e.action in _GOES_LIVE), None)
    if made_live is not None:
        yield f"made live: {made_live.at} by {made_live.actor} ({made_live.action}: {made_live.detail})"


def _stage_lines(store: Store, stage: Stage) -> Iterator[str]:
    yield f"pending stage: {stage.id} by {stage.author}: {stage.comment} (prepared against v{stage.base_version})"
    for c in diff_documents(store.documents(), store.staged_documents(stage)):
        yield f"  {c.status}: {c.number} ({c.document_id}) - {c.title}"
    live = store.live_version()
    if stage.base_version != live:
        # Publishing it would refuse: its preview compared against a version that is no longer live.
        yield f"stale: yes, prepared against v{stage.base_version} but v{live} is live; discard it and import again"
    elif stage.stale:
        yield f"stale: yes, prepared against v{live}, which has gone out of service and back since; discard it"
    else:
        yield "stale: no"


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """The live version (when, by whom), the pending stage and whether it is stale."""
    store = open_kb_store(settings)
    lines = list(_live_lines(store))
    stage = store.stage()
    lines += list(_stage_lines(store, stage)) if stage is not None else ["pending stage: none"]
    store.audit_view(author(), "status", "viewed")
    print("\n".join(lines))
    return 0


def run_audit(args: argparse.Namespace, settings: Settings) -> int:
    """The newest audit entries, newest first."""
    store = open_kb_store(settings)
    entries = store.audit_log(limit=args.limit)
    store.audit_view(author(), "audit", f"viewed {len(entries)} entries")  # after reading, so it does not list itself
    for e in entries:
        print(f"{e.at} {e.actor} {e.action}: {e.detail}")
    return 0


def run_history(args: argparse.Namespace, settings: Settings) -> int:
    """Print published versions, newest first."""
    store = open_kb_store(settings)
    store.audit_view(author(), "history", "viewed")
    for v in store.history():
        live = " (live)" if v.live else ""
        print(f"v{v.id}{live} {v.created_at} {v.author} {v.action}: {v.comment} [{v.documents} documents]")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the live documents."""
    store = open_kb_store(settings)
    version = store.live_version()
    kb = KnowledgeBase(store.documents())  # no search index needed to list
    store.audit_view(author(), "kb", f"listed version {version}")
    lines = [f"version {version}: {len(kb)} documents, {len(kb.passages)} passages"]
    lines += [f"  {d.meta.id}: {d.meta.number} [{d.meta.kind}, {d.meta.status}] {d.meta.title}" for d in kb.documents]
    print("\n".join(lines))
    return 0
