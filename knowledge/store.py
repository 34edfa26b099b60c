"""Versioned knowledge-base store, in SQLite (WAL) or PostgreSQL: stage, publish atomically, roll back, audit.

Every write is one transaction, so a crash or SIGKILL at any point leaves either the previous state or
the new one, never a mix; readers keep seeing the live version meanwhile. On PostgreSQL a change of the
live version is also announced with NOTIFY, so every replica switches at once.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager, closing
from pathlib import Path

from knowledge import store_sql as sql
from knowledge.database import Database, SqliteDatabase, Tx, is_postgres_url
from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.postgres_database import PostgresDatabase
from knowledge.store_records import AuditEntry, Stage, Version, document_hash
from knowledge.store_restore import restore

__all__ = ["AuditEntry", "Stage", "Store", "Version", "document_hash", "restore"]

log = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """A comment as one line of printable text: a newline in it could forge a line of 'kb history' or the audit."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _get_state(tx: Tx, key: str) -> str | None:
    row = tx.one("SELECT value FROM state WHERE key = ?", (key,))
    return str(row[0]) if row else None


def _set_state(tx: Tx, key: str, value: str) -> None:
    tx.execute(
        "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


class Store:
    """The knowledge base's history, in SQLite (one file) or PostgreSQL (shared by replicas); safe across threads."""

    def __init__(self, location: Path | str | Database) -> None:
        if isinstance(location, str) and is_postgres_url(location):
            self.db: Database = PostgresDatabase(location)
        elif isinstance(location, str | Path):
            self.db = SqliteDatabase(Path(location), what="knowledge-base store")
        else:
            self.db = location
        self.path = self.db.path if isinstance(self.db, SqliteDatabase) else None
        self.location = self.db.url if isinstance(self.db, PostgresDatabase) else str(self.path)
        self.db.migrate(sql.MIGRATIONS, "store")
        with self._tx(write=True) as tx:
            if tx.one("SELECT COUNT(*) FROM live_log") == (0,) and (live := sql.live(tx)) is not None:
                tx.execute("INSERT INTO live_log (at, version) VALUES (?, ?)", (sql.now(), live))  # a first-wave store

    def _tx(self, write: bool = False) -> AbstractContextManager[Tx]:
        """One transaction: a consistent snapshot for reads; writes one at a time across every replica."""
        return self.db.transaction(write=write, lock="knowledge-store" if write else None)

    def _announce(self, tx: Tx, version: int) -> None:
        """Tell every replica listening that the live version changed (delivered when the transaction commits)."""
        if self.db.dialect == "postgres":
            tx.execute("SELECT pg_notify(?, ?)", (sql.NOTIFY_CHANNEL, str(version)))

    # -- reading -------------------------------------------------------------------------------
    def live_version(self) -> int | None:
        """The version in service, or None before the first publish."""
        with self._tx() as tx:
            return sql.live(tx)

    def documents(self, version: int | None = None) -> list[Document]:
        """The documents of a version (default: the live one)."""
        with self._tx() as tx:
            version = version if version is not None else sql.live(tx)
            if version is None:
                return []
            rows = tx.execute(
                "SELECT b.body FROM version_docs v JOIN blobs b ON b.hash = v.hash "
                "WHERE v.version = ? ORDER BY v.doc_id",
                (version,),
            )
        return [Document.model_validate_json(body) for (body,) in rows]

    def document_hashes(self, version: int | None = None) -> dict[str, str]:
        """doc id -> content hash for a version (default: live)."""
        with self._tx() as tx:
            version = version if version is not None else sql.live(tx)
            rows = tx.execute("SELECT doc_id, hash FROM version_docs WHERE version = ?", (version,))
        return {str(doc_id): str(digest) for doc_id, digest in rows}

    def history(self, limit: int = 20) -> list[Version]:
        """Newest versions first."""
        with self._tx() as tx:
            live = sql.live(tx)
            rows = tx.execute(
                "SELECT v.id, v.created_at, v.author, v.action, v.comment, COUNT(d.doc_id) FROM versions v "
                "LEFT JOIN version_docs d ON d.version = v.id "
                "GROUP BY v.id, v.created_at, v.author, v.action, v.comment ORDER BY v.id DESC LIMIT ?",
                (limit,),
            )
        return [
            Version(int(row[0]), row[1], row[2], row[3], row[4], documents=int(row[5]), live=row[0] == live)
            for row in rows
        ]

    def stage(self, stage_id: int | None = None) -> Stage | None:
        """A pending stage, stale or not (default: the newest one)."""
        with self._tx() as tx:
            query = (
                "SELECT id, author, comment, base_version, upserts, removals, state FROM stages "
                "WHERE state IN ('pending', 'stale')"
            )
            row = (
                tx.one(query + " AND id = ?", (stage_id,))
                if stage_id is not None
                else tx.one(query + " ORDER BY id DESC LIMIT 1")
            )
        if row is None:
            return None
        upserts, removals = tuple(json.loads(row[4])), tuple(json.loads(row[5]))
        return Stage(int(row[0]), row[1], row[2], int(row[3]), upserts, removals, stale=row[6] == "stale")

    def staged_documents(self, stage: Stage) -> list[Document]:
        """The documents the live version would have if this stage were published."""
        with self._tx() as tx:
            return sql.apply(tx, sql.live(tx) or 0, stage)

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """Newest audit entries first."""
        with self._tx() as tx:
            rows = tx.execute("SELECT at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        return [AuditEntry(*row) for row in rows]

    def get_state(self, key: str) -> str | None:
        """A value from the small key-value table."""
        with self._tx() as tx:
            return _get_state(tx, key)

    # -- writing -------------------------------------------------------------------------------
    def stage_change(self, upserts: Sequence[Document], removals: Sequence[str], author: str, comment: str) -> Stage:
        """Save validated documents (and ids to remove) as a pending stage; the live version is untouched."""
        comment = one_line(comment)
        with self._tx(write=True) as tx:
            live = sql.live(tx) or 0
            known = {doc_id for (doc_id,) in tx.execute("SELECT doc_id FROM version_docs WHERE version = ?", (live,))}
            missing = [doc_id for doc_id in removals if doc_id not in known]
            if missing:
                raise StoreError(f"no document '{missing[0]}' in the live version")
            hashes = [sql.put_blob(tx, doc) for doc in upserts]
            row = tx.one(
                "INSERT INTO stages (created_at, author, comment, base_version, upserts, removals, state) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending') RETURNING id",
                (sql.now(), author, comment, live, json.dumps(hashes), json.dumps(list(removals))),
            )
            stage_id = int(row[0]) if row else 0
            sql.audit(tx, author, "stage", f"stage {stage_id}: {len(upserts)} document(s), remove {list(removals)}")
        return Stage(stage_id, author, comment, live, tuple(hashes), tuple(removals))

    def publish(self, stage: Stage, author: str, comment: str = "") -> int:
        """Make a stage the live version in one transaction; returns the new version id."""
        comment = one_line(comment)
        with self._tx(write=True) as tx:
            row = tx.one("SELECT state, base_version FROM stages WHERE id = ?", (stage.id,))
            if row is None or row[0] not in ("pending", "stale"):
                raise StoreError(f"stage {stage.id} is not pending (already published or discarded)")
            live = sql.live(tx) or 0
            if row[0] == "stale" or row[1] != live:  # what was previewed and approved would not be what goes live
                raise StoreError(
                    f"stage {stage.id} was prepared against version {row[1]} and the live version has changed since "
                    f"(version {live} is live): discard it and import the file again"
                )
            docs = sql.apply(tx, live, stage)
            if not docs:  # every question would then be "out of scope": never the result of one removal too many
                raise StoreError(f"stage {stage.id} would leave the knowledge base with no documents; discard it")
            version = sql.new_version(tx, author, "publish", comment or stage.comment, docs)
            tx.execute("UPDATE stages SET state = 'published' WHERE id = ?", (stage.id,))
            sql.audit(tx, author, "publish", f"stage {stage.id} -> version {version}")
            self._announce(tx, version)
        return version

    def publish_documents(
        self,
        docs: Sequence[Document],
        author: str,
        action: str,
        comment: str,
        state: dict[str, str] | None = None,
        only_if: tuple[str, str | None] | None = None,
    ) -> int | None:
        """Publish a complete document set directly (first seed, release sync), with state updates, atomically.

        With `only_if=(key, value)`, nothing happens (None) unless that state key still holds that value (None:
        absent), checked inside the transaction: replicas starting together on one database seed or sync once.
        """
        with self._tx(write=True) as tx:
            if only_if is not None and _get_state(tx, only_if[0]) != only_if[1]:
                return None
            version = sql.new_version(tx, author, action, comment, list(docs))
            for key, value in (state or {}).items():
                _set_state(tx, key, value)
            sql.audit(tx, author, action, f"version {version}: {comment}")
            self._announce(tx, version)
        return version

    def discard(self, stage: Stage, author: str) -> None:
        """Drop a pending stage."""
        with self._tx(write=True) as tx:
            tx.execute(
                "UPDATE stages SET state = 'discarded' WHERE id = ? AND state IN ('pending', 'stale')", (stage.id,)
            )
            sql.audit(tx, author, "discard", f"stage {stage.id}")

    def rollback(self, author: str, version: int | None = None) -> int:
        """Serve an earlier version again (default: the one before the live one)."""
        with self._tx(write=True) as tx:
            live = sql.live(tx)
            if version is None:
                version = sql.previous_live(tx, live)
                if version is None:
                    raise StoreError("there is no earlier version to roll back to")
            if tx.one("SELECT 1 FROM versions WHERE id = ?", (version,)) is None:
                raise StoreError(f"no version {version}")
            sql.set_live(tx, version)
            sql.audit(tx, author, "rollback", f"version {live} -> version {version}")
            self._announce(tx, version)
        return version

    def set_state(self, key: str, value: str) -> None:
        """Store a small value (such as the fingerprint of the shipped documents)."""
        with self._tx(write=True) as tx:
            _set_state(tx, key, value)

    def audit(self, actor: str, action: str, detail: str) -> None:
        """Record an admin action that changes nothing else."""
        with self._tx(write=True) as tx:
            sql.audit(tx, actor, action, detail)

    def audit_view(self, actor: str, action: str, detail: str) -> None:
        """Record that an admin looked at something; a read-only store still lets them look."""
        try:
            self.audit(actor, action, detail)
        except StoreError as exc:
            log.warning("audit entry not written (%s): %s %s", exc, actor, action)

    def backup(self, target: Path) -> None:
        """An online, consistent copy of the whole store (SQLite's backup API), written atomically to `target`."""
        if self.path is None:
            raise StoreError("the store is in PostgreSQL (DATABASE_URL): back it up with pg_dump (see README)")
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        _drop_orphans(target)
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as src, closing(sqlite3.connect(partial)) as dst:
                src.backup(dst)  # one step, so a publish meanwhile cannot restart or tear the copy
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable without a -wal
            os.replace(partial, target)
        except sqlite3.Error as exc:  # the store was readable a moment ago: name the copy that could not be written
            raise StoreError(f"the backup to {target} failed: {exc}") from None
        finally:
            partial.unlink(missing_ok=True)


def _drop_orphans(target: Path) -> None:
    """Remove the hidden partial copies a killed backup to `target` left behind (their process is gone)."""
    for orphan in target.parent.glob(f".{target.name}.partial-*"):
        pid = orphan.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            orphan.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether a process with this id is running (a backup under way in another process keeps its partial)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
