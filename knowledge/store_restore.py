"""`kb restore`: a backup is checked, down to every document of its live version, before it replaces the store."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.store_records import store_error

__all__ = ["restore"]


def _checked_live(path: Path, name: Path) -> int:
    """The live version of the store file at `path`, after SQLite's integrity check and a reading of every document
    the live version lists; refuses anything else, so a restore never swaps in a store the bot cannot serve from."""
    unusable = f"{name} is not a usable knowledge-base store"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=30)) as db:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(f"{unusable}: SQLite's integrity check failed")
            row = db.execute("SELECT value FROM state WHERE key = 'live'").fetchone()  # no table: "no such table"
            live = int(row[0]) if row else 0
            if db.execute("SELECT 1 FROM versions WHERE id = ?", (live,)).fetchone() is None:
                raise StoreError(f"{unusable}: it has no live version")
            listed = db.execute("SELECT COUNT(*) FROM version_docs WHERE version = ?", (live,)).fetchone()[0]
            bodies = db.execute(
                "SELECT b.body FROM version_docs v JOIN blobs b ON b.hash = v.hash WHERE v.version = ?", (live,)
            ).fetchall()
            if len(bodies) != listed:
                raise StoreError(
                    f"{unusable}: {listed - len(bodies)} of version {live}'s {listed} documents are missing"
                )
            for (body,) in bodies:
                Document.model_validate_json(body)
    except sqlite3.Error as exc:
        raise StoreError(f"{unusable} ({exc})") from None
    except ValueError as exc:  # a live version that is not a number, or a document that does not load
        raise StoreError(f"{unusable}: its live version does not load ({str(exc).splitlines()[0]})") from None
    return live


def restore(source: Path, target: Path) -> int:
    """Replace the store at `target` with a checked copy of the backup `source`; returns the version it serves."""
    copy = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        shutil.copyfile(source, copy)
        version = _checked_live(copy, source)
        try:
            in_service = _checked_live(target, target) > 0
        except StoreError:
            in_service = False  # missing or damaged: nothing serves from it
        if in_service:
            # Swapping the file under an open connection could pair it with the old -wal: write through SQLite's locks.
            with closing(sqlite3.connect(copy)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
                src.backup(dst)
        else:
            for sidecar in ("-wal", "-shm"):  # a stale -wal beside it would be replayed into the restored file
                Path(f"{target}{sidecar}").unlink(missing_ok=True)
            os.replace(copy, target)
    except sqlite3.Error as exc:
        raise store_error(target, exc) from None
    finally:
        copy.unlink(missing_ok=True)
    return version
