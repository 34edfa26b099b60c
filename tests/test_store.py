"""The versioned store: seed, stage, publish, roll back, audit, restart, release sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.errors import StoreError
from knowledge.models import Document
from knowledge.seed import SHIPPED_DIR, open_store, shipped_documents
from knowledge.store import Store
from tests.documents import markdown, parsed
from tests.postgres_server import PostgresServer

NOTE = """
### Điều 1. Hỗ trợ thử nghiệm
Doanh nghiệp được hỗ trợ {text}.
"""
META = {
    "id": "nq-99",
    "number": "99/2024/NQ-HĐND",
    "title": "Nghị quyết thử nghiệm",
    "type": "nghi-quyet",
    "issuer": "HĐND thành phố Hà Nội",
    "url": "https://example.org/nq-99",
}


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest) -> str | None:
    """The same tests on both backends: None is SQLite in the data directory, else a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.database()


def note(text: str = "chi phí thuê kho lạnh") -> Document:
    return parsed(NOTE.format(text=text), **META)


def test_first_open_seeds_from_the_shipped_documents(tmp_path: Path, url: str | None) -> None:
    store = open_store(tmp_path, database_url=url)
    assert store.live_version() == 1
    assert {d.meta.id for d in store.documents()} == {d.meta.id for d in shipped_documents()}
    assert store.history()[0].action == "seed"


def test_stage_changes_nothing_until_publish_then_rollback(tmp_path: Path, url: str | None) -> None:
    store = open_store(tmp_path, database_url=url)
    before = {d.meta.id for d in store.documents()}
    stage = store.stage_change([note()], [], "tg:42", "import nq-99")
    assert store.live_version() == 1 and {d.meta.id for d in store.documents()} == before
    assert "nq-99" in {d.meta.id for d in store.staged_documents(stage)}
    version = store.publish(stage, "tg:42")
    assert version == 2 and "nq-99" in {d.meta.id for d in store.documents()}
    with pytest.raises(StoreError, match="not pending"):
        store.publish(stage, "tg:42")
    assert store.rollback("tg:42") == 1
    assert {d.meta.id for d in store.documents()} == before
    assert store.rollback("tg:42", 2) == 2  # any earlier (or later) version can be served again
    actions = [e.action for e in store.audit_log()]
    assert actions[:4] == ["rollback", "rollback", "publish", "stage"]
    assert all(e.actor == "tg:42" for e in store.audit_log()[:4])


def test_restart_serves_the_last_published_version(tmp_path: Path, url: str | None) -> None:
    store = open_store(tmp_path, database_url=url)
    store.publish(store.stage_change([note()], [], "cli:me", "x"), "cli:me")
    reopened = open_store(tmp_path, database_url=url)
    assert reopened.live_version() == 2 and "nq-99" in {d.meta.id for d in reopened.documents()}


def test_removal_and_discard(tmp_path: Path, url: str | None) -> None:
    store = open_store(tmp_path, database_url=url)
    stage = store.stage_change([], ["evfta"], "tg:42", "remove evfta")
    assert "evfta" not in {d.meta.id for d in store.staged_documents(stage)}
    store.discard(stage, "tg:42")
    assert store.stage() is None and "evfta" in {d.meta.id for d in store.documents()}
    with pytest.raises(StoreError, match="no document 'nowhere'"):
        store.stage_change([], ["nowhere"], "tg:42", "remove")
    with pytest.raises(StoreError, match="no version 99"):
        store.rollback("tg:42", 99)
    everything = store.stage_change([], [d.meta.id for d in store.documents()], "tg:42", "remove all")
    with pytest.raises(StoreError, match="no documents"):
        store.publish(everything, "tg:42")
    assert store.live_version() == 1


def test_release_edits_of_shipped_documents_are_published(tmp_path: Path, url: str | None) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for path in SHIPPED_DIR.glob("*.md"):
        (shipped / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(tmp_path / "data", shipped, url)
    store.publish(store.stage_change([note()], [], "tg:42", "admin adds"), "tg:42")
    (shipped / "nq-99.md").write_text(markdown(NOTE.format(text="shipped later"), **META), encoding="utf-8")
    (shipped / "evfta.md").unlink()
    store = open_store(tmp_path / "data", shipped, url)
    docs = {d.meta.id: d for d in store.documents()}
    assert "evfta" not in docs and "shipped later" in docs["nq-99"].passages[0].text
    assert store.history()[0].action == "release"
    assert open_store(tmp_path / "data", shipped, url).live_version() == store.live_version()  # nothing new to sync


def test_database_is_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unknown_store_file_gets_schema(tmp_path: Path) -> None:
    assert Store(tmp_path / "x.sqlite3").live_version() is None
