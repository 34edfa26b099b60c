"""Records the versioned store hands out (versions, stages, audit entries), content hashes, and its error lines."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from knowledge.database import sqlite_error
from knowledge.errors import StoreError
from knowledge.models import Document

__all__ = ["AuditEntry", "Stage", "Version", "document_hash", "store_error"]


def document_hash(doc: Document) -> str:
    """Content address of a document's validated form."""
    return hashlib.sha256(doc.model_dump_json().encode()).hexdigest()


@dataclass(frozen=True)
class Version:
    """One published knowledge-base version."""

    id: int
    created_at: str
    author: str
    action: str
    comment: str
    documents: int
    live: bool


@dataclass(frozen=True)
class Stage:
    """A validated change waiting to be published or discarded."""

    id: int
    author: str
    comment: str
    base_version: int
    upserts: tuple[str, ...]
    removals: tuple[str, ...]
    stale: bool = False  # another version went live after it was prepared; it can only be discarded


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    at: str
    actor: str
    action: str
    detail: str


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """One line an operator can act on, for what SQLite reports about the knowledge-base store."""
    return sqlite_error(path, exc, "knowledge-base store")
