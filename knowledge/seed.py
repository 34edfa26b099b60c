"""Seed the store from the shipped documents, and bring shipped edits of a new release in."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from knowledge.errors import StoreError
from knowledge.markdown import load_documents
from knowledge.models import Document
from knowledge.store import Store, document_hash

__all__ = ["SEEDED_MARKER", "SHIPPED_DIR", "open_store", "shipped_documents"]

SHIPPED_DIR = Path(__file__).with_name("documents")
_SEED_KEY = "shipped_hashes"
_FILES_KEY = "shipped_files"
# Written once the store holds a knowledge base: an empty store beside it was lost, not new (never reseed silently).
SEEDED_MARKER = "knowledge.seeded"


def shipped_documents(directory: Path = SHIPPED_DIR) -> list[Document]:
    """The knowledge base as shipped in knowledge/documents/."""
    return load_documents(directory.glob("*.md"))


def _mark_seeded(marker: Path) -> None:
    # A read-only data directory: the store itself already refuses writes with its own message.
    with contextlib.suppress(OSError):
        marker.write_text("the knowledge-base store here was seeded; do not reseed it silently\n", encoding="utf-8")


def open_store(data_dir: Path, shipped_dir: Path = SHIPPED_DIR, database_url: str | None = None) -> Store:
    """Open the store (SQLite in `data_dir`, or PostgreSQL); seed it on first run, publish shipped edits since."""
    if database_url:
        store = Store(database_url)  # the database itself says whether it was seeded: no marker file
        _seed_or_sync(store, shipped_dir)
        return store
    marker = data_dir / SEEDED_MARKER
    path = data_dir / "knowledge.sqlite3"
    if marker.exists() and (not path.exists() or path.stat().st_size == 0):
        raise StoreError(
            f"{path} is missing or empty, but {data_dir} held a knowledge base: restore it with "
            f"'kb restore FILE', or delete {marker} to start again from the shipped documents"
        )
    store = Store(path)
    if store.live_version() is None and marker.exists():
        raise StoreError(
            f"{path} holds no published version, but {data_dir} held a knowledge base: restore "
            f"it with 'kb restore FILE', or delete {marker} to start again"
        )
    _seed_or_sync(store, shipped_dir)
    _mark_seeded(marker)  # also for a store seeded before the marker existed
    return store


def _files_key(directory: Path) -> str:
    """A fingerprint of the shipped files' bytes: unchanged files need no parsing at start-up (~30 ms saved)."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.md")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _seed_or_sync(store: Store, shipped_dir: Path) -> None:
    """Seed an empty store, or publish what a new release changed in the shipped documents (once, atomically)."""
    files = _files_key(shipped_dir)
    if store.get_state(_FILES_KEY) == files and store.live_version() is not None:
        return
    shipped = shipped_documents(shipped_dir)
    now = {doc.meta.id: document_hash(doc) for doc in shipped}
    recorded = store.get_state(_SEED_KEY)
    if store.live_version() is not None and json.loads(recorded or "{}") == now:
        with contextlib.suppress(StoreError):  # a read-only store still serves; it just parses again next time
            store.set_state(_FILES_KEY, files)  # the same documents, written differently (or an older store)
        return
    if store.live_version() is None:
        comment = f"seeded from {len(shipped)} shipped documents"
        state = {_SEED_KEY: json.dumps(now), _FILES_KEY: files}
        store.publish_documents(shipped, "system", "seed", comment, state, only_if=(_SEED_KEY, recorded))
        return
    before: dict[str, str] = json.loads(recorded or "{}")
    live = {doc.meta.id: doc for doc in store.documents()}
    live_hashes = {doc_id: document_hash(doc) for doc_id, doc in live.items()}
    for doc in shipped:
        if now[doc.meta.id] != before.get(doc.meta.id):
            live[doc.meta.id] = doc  # a release's edit of a shipped document wins
    for doc_id, digest in before.items():
        if doc_id not in now and live_hashes.get(doc_id) == digest:
            live.pop(doc_id)  # dropped from the release and not changed by an admin since
    store.publish_documents(
        list(live.values()),
        "system",
        "release",
        "shipped documents changed",
        {_SEED_KEY: json.dumps(now), _FILES_KEY: files},
        only_if=(_SEED_KEY, recorded),  # another replica of the same release may have done it a moment ago
    )
