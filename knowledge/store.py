"""Versioned knowledge-base store in SQLite (WAL): stage, publish atomically, roll back, audit.

Every write is one SQLite transaction, so a crash or SIGKILL at any point leaves either the
previous state or the new one, never a mix; readers keep seeing the live version meanwhile.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from knowledge import store_sql as sql
from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.store_records import AuditEntry, Stage, Version, document_hash, store_error

__all__ = ["AuditEntry", "Stage", "Store", "Version", "document_hash"]

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, author TEXT NOT NULL,
    action TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS version_docs (
    version INTEGER NOT NULL REFERENCES versions(id), doc_id TEXT NOT NULL, hash TEXT NOT NULL REFERENCES blobs(hash),
    PRIMARY KEY (version, doc_id));
CREATE TABLE IF NOT EXISTS stages (
    id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL,
    base_version INTEGER NOT NULL, upserts TEXT NOT NULL, removals TEXT NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS live_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, version INTEGER NOT NULL);
"""


class Store:
    """The knowledge base's history; one short-lived connection per operation, safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {path.parent}: {exc.strerror or exc}") from None
        with self._tx(write=True) as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            if db.execute("SELECT COUNT(*) FROM live_log").fetchone()[0] == 0 and (live := sql.live(db)) is not None:
                db.execute("INSERT INTO live_log (at, version) VALUES (?, ?)", (sql.now(), live))  # a first-wave store
        self._created = True

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction: a consistent snapshot for reads, the single writer lock for writes."""
        if getattr(self, "_created", False) and not self.path.exists():
            # SQLite would quietly create an empty database and the bot would look freshly installed.
            raise StoreError(f"the knowledge-base store {self.path} has disappeared; restore it from a backup")
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from None
        finally:
            db.close()

    # -- reading -------------------------------------------------------------------------------
    def live_version(self) -> int | None:
        """The version in service, or None before the first publish."""
        with self._tx() as db:
            return sql.live(db)

    def documents(self, version: int | None = None) -> list[Document]:
        """The documents of a version (default: the live one)."""
        with self._tx() as db:
            version = version if version is not None else sql.live(db)
            if version is None:
                return []
            rows = db.execute(
                "SELECT b.body FROM version_docs v JOIN blobs b ON b.hash = v.hash "
                "WHERE v.version = ? ORDER BY v.doc_id",
                (version,),
            ).fetchall()
        return [Document.model_validate_json(body) for (body,) in rows]

    def document_hashes(self, version: int | None = None) -> dict[str, str]:
        """doc id -> content hash for a version (default: live)."""
        with self._tx() as db:
            version = version if version is not None else sql.live(db)
            rows = db.execute("SELECT doc_id, hash FROM version_docs WHERE version = ?", (version,)).fetchall()
        return dict(rows)

    def history(self, limit: int = 20) -> list[Version]:
        """Newest versions first."""
        with self._tx() as db:
            live = sql.live(db)
            rows = db.execute(
                "SELECT v.id, v.created_at, v.author, v.action, v.comment, COUNT(d.doc_id) FROM versions v "
                "LEFT JOIN version_docs d ON d.version = v.id GROUP BY v.id ORDER BY v.id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [Version(row[0], row[1], row[2], row[3], row[4], documents=row[5], live=row[0] == live) for row in rows]

    def stage(self, stage_id: int | None = None) -> Stage | None:
        """A pending stage (default: the newest one)."""
        with self._tx() as db:
            query = "SELECT id, author, comment, base_version, upserts, removals FROM stages WHERE state = 'pending'"
            row = (
                db.execute(query + " AND id = ?", (stage_id,))
                if stage_id is not None
                else db.execute(query + " ORDER BY id DESC LIMIT 1")
            ).fetchone()
        if row is None:
            return None
        return Stage(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), tuple(json.loads(row[5])))

    def staged_documents(self, stage: Stage) -> list[Document]:
        """The documents the live version would have if this stage were published."""
        with self._tx() as db:
            return sql.apply(db, sql.live(db) or 0, stage)

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """Newest audit entries first."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [AuditEntry(*row) for row in rows]

    def get_state(self, key: str) -> str | None:
        """A value from the small key-value table."""
        with self._tx() as db:
            row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # -- writing -------------------------------------------------------------------------------
    def stage_change(self, upserts: Sequence[Document], removals: Sequence[str], author: str, comment: str) -> Stage:
        """Save validated documents (and ids to remove) as a pending stage; the live version is untouched."""
        with self._tx(write=True) as db:
            live = sql.live(db) or 0
            known = {doc_id for (doc_id,) in db.execute("SELECT doc_id FROM version_docs WHERE version = ?", (live,))}
            missing = [doc_id for doc_id in removals if doc_id not in known]
            if missing:
                raise StoreError(f"no document '{missing[0]}' in the live version")
            hashes = [sql.put_blob(db, doc) for doc in upserts]
            cur = db.execute(
                "INSERT INTO stages (created_at, author, comment, base_version, upserts, removals, state) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending')",
                (sql.now(), author, comment, live, json.dumps(hashes), json.dumps(list(removals))),
            )
            sql.audit(
                db, author, "stage", f"stage {cur.lastrowid}: {len(upserts)} document(s), remove {list(removals)}"
            )
            stage_id = int(cur.lastrowid or 0)
        return Stage(stage_id, author, comment, live, tuple(hashes), tuple(removals))

    def publish(self, stage: Stage, author: str, comment: str = "") -> int:
        """Make a stage the live version in one transaction; returns the new version id."""
        with self._tx(write=True) as db:
            row = db.execute("SELECT state, base_version FROM stages WHERE id = ?", (stage.id,)).fetchone()
            if row is None or row[0] != "pending":
                raise StoreError(f"stage {stage.id} is not pending (already published or discarded)")
            live = sql.live(db) or 0
            if (
                row[1] != live
            ):  # its preview compared against another version: what was approved is not what would go live
                raise StoreError(
                    f"stage {stage.id} was prepared against version {row[1]}, but version {live} is live "
                    "now: discard it and import the file again"
                )
            docs = sql.apply(db, live, stage)
            version = sql.new_version(db, author, "publish", comment or stage.comment, docs)
            db.execute("UPDATE stages SET state = 'published' WHERE id = ?", (stage.id,))
            sql.audit(db, author, "publish", f"stage {stage.id} -> version {version}")
        return version

    def publish_documents(
        self, docs: Sequence[Document], author: str, action: str, comment: str, state: dict[str, str] | None = None
    ) -> int:
        """Publish a complete document set directly (first seed, release sync), with state updates, atomically."""
        with self._tx(write=True) as db:
            version = sql.new_version(db, author, action, comment, list(docs))
            for key, value in (state or {}).items():
                db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))
            sql.audit(db, author, action, f"version {version}: {comment}")
        return version

    def discard(self, stage: Stage, author: str) -> None:
        """Drop a pending stage."""
        with self._tx(write=True) as db:
            db.execute("UPDATE stages SET state = 'discarded' WHERE id = ? AND state = 'pending'", (stage.id,))
            sql.audit(db, author, "discard", f"stage {stage.id}")

    def rollback(self, author: str, version: int | None = None) -> int:
        """Serve an earlier version again (default: the one before the live one)."""
        with self._tx(write=True) as db:
            live = sql.live(db)
            if version is None:
                version = sql.previous_live(db, live)
                if version is None:
                    raise StoreError("there is no earlier version to roll back to")
            if db.execute("SELECT 1 FROM versions WHERE id = ?", (version,)).fetchone() is None:
                raise StoreError(f"no version {version}")
            sql.set_live(db, version)
            sql.audit(db, author, "rollback", f"version {live} -> version {version}")
        return version

    def set_state(self, key: str, value: str) -> None:
        """Store a small value (such as the fingerprint of the shipped documents)."""
        with self._tx(write=True) as db:
            db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def audit(self, actor: str, action: str, detail: str) -> None:
        """Record an admin action that changes nothing else."""
        with self._tx(write=True) as db:
            sql.audit(db, actor, action, detail)

    def audit_view(self, actor: str, action: str, detail: str) -> None:
        """Record that an admin looked at something; a read-only store still lets them look."""
        try:
            self.audit(actor, action, detail)
        except StoreError as exc:
            log.warning("audit entry not written (%s): %s %s", exc, actor, action)
