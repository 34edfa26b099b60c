"""The SQL steps of the versioned store, each run inside one of its transactions."""

from __future__ import annotations

import datetime as dt
import sqlite3

from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.store_records import Stage, document_hash

__all__ = ["apply", "audit", "live", "new_version", "now", "previous_live", "put_blob", "set_live"]


def now() -> str:
    """The current UTC time as stored."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def live(db: sqlite3.Connection) -> int | None:
    row = db.execute("SELECT value FROM state WHERE key = 'live'").fetchone()
    return int(row[0]) if row else None


def put_blob(db: sqlite3.Connection, doc: Document) -> str:
    digest = document_hash(doc)
    db.execute(
        "INSERT OR IGNORE INTO blobs (hash, doc_id, body) VALUES (?, ?, ?)",
        (digest, doc.meta.id, doc.model_dump_json()),
    )
    return digest


def apply(db: sqlite3.Connection, base: int, stage: Stage) -> list[Document]:
    rows = db.execute(
        "SELECT v.doc_id, b.body FROM version_docs v JOIN blobs b ON b.hash = v.hash WHERE v.version = ?", (base,)
    ).fetchall()
    docs = {doc_id: Document.model_validate_json(body) for doc_id, body in rows}
    for doc_id in stage.removals:
        docs.pop(doc_id, None)
    for digest in stage.upserts:
        row = db.execute("SELECT body FROM blobs WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            raise StoreError(f"stage {stage.id} refers to a missing document")
        doc = Document.model_validate_json(row[0])
        docs[doc.meta.id] = doc
    return [docs[k] for k in sorted(docs)]


def new_version(db: sqlite3.Connection, author: str, action: str, comment: str, docs: list[Document]) -> int:
    cur = db.execute(
        "INSERT INTO versions (created_at, author, action, comment) VALUES (?, ?, ?, ?)",
        (now(), author, action, comment),
    )
    version = int(cur.lastrowid or 0)
    for doc in docs:
        db.execute(
            "INSERT INTO version_docs (version, doc_id, hash) VALUES (?, ?, ?)",
            (version, doc.meta.id, put_blob(db, doc)),
        )
    set_live(db, version)
    return version


def set_live(db: sqlite3.Connection, version: int) -> None:
    db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('live', ?)", (str(version),))
    db.execute("INSERT INTO live_log (at, version) VALUES (?, ?)", (now(), version))


def previous_live(db: sqlite3.Connection, live: int | None) -> int | None:
    """The version that was live before the current one went live (not merely the next lower number: rolling
    back after 'publish bad, roll back, publish good' must not bring 'bad' back)."""
    rows = db.execute("SELECT version FROM live_log ORDER BY id DESC").fetchall()
    earlier = next((v for (v,) in rows[1:] if v != live), None)
    if earlier is not None:
        return int(earlier)
    row = db.execute("SELECT MAX(id) FROM versions WHERE id < ?", (live or 0,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def audit(db: sqlite3.Connection, actor: str, action: str, detail: str) -> None:
    db.execute("INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)", (now(), actor, action, detail))
