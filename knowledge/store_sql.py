"""The versioned store's schema and SQL steps, each run inside one of its transactions, on SQLite or PostgreSQL."""

from __future__ import annotations

import datetime as dt

from knowledge.database import Migration, Tx
from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.store_records import Stage, document_hash

__all__ = [
    "MIGRATIONS",
    "NOTIFY_CHANNEL",
    "apply",
    "audit",
    "live",
    "new_version",
    "now",
    "previous_live",
    "put_blob",
    "set_live",
]

NOTIFY_CHANNEL = "kb_live"  # PostgreSQL: every change of the live version is announced here

_TABLES = """
CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id {id}, created_at TEXT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS version_docs (
    version INTEGER NOT NULL REFERENCES versions(id), doc_id TEXT NOT NULL, hash TEXT NOT NULL REFERENCES blobs(hash),
    PRIMARY KEY (version, doc_id));
CREATE TABLE IF NOT EXISTS stages (
    id {id}, created_at TEXT NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL,
    base_version INTEGER NOT NULL, upserts TEXT NOT NULL, removals TEXT NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (id {id}, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS live_log (id {id}, at TEXT NOT NULL, version INTEGER NOT NULL)
"""
MIGRATIONS = [
    Migration(1, _TABLES.format(id="INTEGER PRIMARY KEY"), _TABLES.format(id="BIGSERIAL PRIMARY KEY")),
]


def now() -> str:
    """The current UTC time as stored."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def live(tx: Tx) -> int | None:
    """The live version, or None before the first publish."""
    row = tx.one("SELECT value FROM state WHERE key = 'live'")
    return int(row[0]) if row else None


def put_blob(tx: Tx, doc: Document) -> str:
    """Store a document's validated form under its content hash (once)."""
    digest = document_hash(doc)
    tx.execute(
        "INSERT INTO blobs (hash, doc_id, body) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
        (digest, doc.meta.id, doc.model_dump_json()),
    )
    return digest


def apply(tx: Tx, base: int, stage: Stage) -> list[Document]:
    """The documents of `base` with a stage's removals and upserts applied."""
    rows = tx.execute(
        "SELECT v.doc_id, b.body FROM version_docs v JOIN blobs b ON b.hash = v.hash WHERE v.version = ?", (base,)
    )
    docs = {doc_id: Document.model_validate_json(body) for doc_id, body in rows}
    for doc_id in stage.removals:
        docs.pop(doc_id, None)
    for digest in stage.upserts:
        row = tx.one("SELECT body FROM blobs WHERE hash = ?", (digest,))
        if row is None:
            raise StoreError(f"stage {stage.id} refers to a missing document")
        doc = Document.model_validate_json(row[0])
        docs[doc.meta.id] = doc
    return [docs[k] for k in sorted(docs)]


def new_version(tx: Tx, author: str, action: str, comment: str, docs: list[Document]) -> int:
    """A new version holding exactly these documents, made live."""
    row = tx.one(
        "INSERT INTO versions (created_at, author, action, comment) VALUES (?, ?, ?, ?) RETURNING id",
        (now(), author, action, comment),
    )
    assert row is not None
    version = int(row[0])
    for doc in docs:
        tx.execute(
            "INSERT INTO version_docs (version, doc_id, hash) VALUES (?, ?, ?)",
            (version, doc.meta.id, put_blob(tx, doc)),
        )
    set_live(tx, version)
    return version


def set_live(tx: Tx, version: int) -> None:
    """Serve `version`; the switch is logged, which is how 'the previous version' is known."""
    tx.execute(
        "INSERT INTO state (key, value) VALUES ('live', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(version),),
    )
    tx.execute("INSERT INTO live_log (at, version) VALUES (?, ?)", (now(), version))
    # A stage previewed against another version is stale for good: a rollback to the version it was prepared
    # against must not make an edit an admin had set aside publishable again, unnoticed.
    tx.execute("UPDATE stages SET state = 'stale' WHERE state = 'pending' AND base_version <> ?", (version,))


def previous_live(tx: Tx, live: int | None) -> int | None:
    """The version that was live before the current one went live (not merely the next lower number: rolling
    back after 'publish bad, roll back, publish good' must not bring 'bad' back)."""
    rows = tx.execute("SELECT version FROM live_log ORDER BY id DESC")
    earlier = next((v for (v,) in rows[1:] if v != live), None)
    if earlier is not None:
        return int(earlier)
    row = tx.one("SELECT MAX(id) FROM versions WHERE id < ?", (live or 0,))
    return int(row[0]) if row and row[0] is not None else None


def audit(tx: Tx, actor: str, action: str, detail: str) -> None:
    """One line of the audit log."""
    tx.execute("INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)", (now(), actor, action, detail))
