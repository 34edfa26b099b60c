"""What the `kb` commands share: who is acting, progress lines, and the store."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from app.settings import Settings
from knowledge.seed import open_store
from knowledge.store import Store

__all__ = ["STORE_FILE", "author", "open_kb_store", "progress", "store_path"]

STORE_FILE = "knowledge.sqlite3"  # the name knowledge.seed.open_store gives the SQLite store in BOT_DATA_DIR


def author() -> str:
    """The actor recorded in the audit log for a command-line action."""
    return f"cli:{getpass.getuser()}"


def progress(step: str) -> None:
    """One line on stderr before a step that can take over a second, so a slow command is never silent."""
    print(step, file=sys.stderr, flush=True)


def open_kb_store(settings: Settings) -> Store:
    """The store alone, opened as build_services opens it, for commands that need no search index."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    return open_store(settings.bot_data_dir, database_url=url)


def store_path(settings: Settings) -> Path:
    """Where the store lives, without opening it (a restore must work when it is missing or damaged)."""
    return settings.bot_data_dir / STORE_FILE
