"""Records the versioned store hands out (versions, stages, audit entries), content hashes, and its error lines."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    at: str
    actor: str
    action: str
    detail: str


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """One line an operator can act on, for what SQLite reports."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(f"the knowledge-base store {path} is read-only: check the file and directory permissions")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"the knowledge-base store {path} is damaged ({exc}): restore it from a backup")
    if "locked" in text or "busy" in text:
        return StoreError(f"the knowledge-base store {path} is busy: another process holds it; try again")
    if "disk" in text or "full" in text:
        return StoreError(f"the knowledge-base store {path} cannot be written: the disk is full")
    return StoreError(f"the knowledge-base store {path} failed: {exc}")
