"""`kb backup` and `kb restore`: the knowledge-base store only (the question log is separate)."""

from __future__ import annotations

import argparse

from app.settings import Settings
from cli.errors import UsageError
from cli.kb_common import author, open_kb_store, store_path
from knowledge.store import Store, restore

__all__ = ["run_backup", "run_restore"]


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the store to FILE with SQLite's backup API; safe while the bot runs."""
    target = args.file
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such directory for the backup")
    if target.is_dir():
        raise UsageError(f"'{args.file}' is a directory: give a file name for the backup")
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists: back up to a new file (nothing was overwritten)")
    store = open_kb_store(settings)
    if store.path is not None and target.resolve() == store.path.resolve():
        raise UsageError(f"{target} is the knowledge-base store itself: back it up to another file")
    store.backup(target)
    version = store.live_version()
    store.audit_view(author(), "backup", f"version {version} to {target}")
    print(f"backed up the knowledge-base store (live version {version}) to {target}")
    return 0


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    """Replace the store with a checked backup; the live version becomes the backup's."""
    source, target = args.file, store_path(settings)
    if settings.database_url is not None:
        raise UsageError(
            "DATABASE_URL is set: the store is in PostgreSQL; restore it with pg_restore, not 'kb restore'"
        )
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    if source.resolve() == target.resolve():
        raise UsageError(f"{source} is the knowledge-base store itself: give a backup file")
    settings.bot_data_dir.mkdir(parents=True, exist_ok=True)
    version = restore(source, target)
    Store(target).audit(author(), "restore", f"from {source}: version {version} is live")
    print(f"restored {source}: version {version} is live")
    print("Start the bot now if you stopped it; a bot left running switches on its next live-version check.")
    return 0
