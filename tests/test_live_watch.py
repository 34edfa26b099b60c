"""A publish from anywhere (the CLI, another replica) reaches the running engine without /reload."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from app.live_engine import LiveEngine
from app.live_watch import LiveWatcher
from knowledge.lexicon import load_lexicon
from knowledge.seed import open_store
from tests.test_store import note


def _wait_for(live: LiveEngine, version: int, timeout: float) -> float:
    started = time.monotonic()
    while live.engine.version != version:
        assert time.monotonic() - started < timeout, f"still serving {live.engine.version}, not {version}"
        time.sleep(0.02)
    return time.monotonic() - started


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_another_process_publishing_reaches_the_live_engine(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = None if backend == "sqlite" else request.getfixturevalue("pg_server").database()
    serving = open_store(tmp_path, database_url=url)
    live = LiveEngine(serving, load_lexicon())
    # PostgreSQL is told at once by NOTIFY; SQLite is checked every interval (0.2 s here, 3 s in service).
    watcher = LiveWatcher(live, interval=0.2 if backend == "sqlite" else 30.0)
    watcher.start()
    try:
        admin = open_store(tmp_path, database_url=url)  # the CLI, or another replica: its own connection
        version = admin.publish(admin.stage_change([note()], [], "cli:ops", "add nq-99"), "cli:ops")
        _wait_for(live, version, timeout=5.0)
        assert "nq-99" in {d.meta.id for d in live.engine.kb.documents}
        admin.rollback("cli:ops")
        _wait_for(live, version - 1, timeout=5.0)
    finally:
        watcher.stop()


def _failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "live_check_failed" in r.getMessage()]


def test_a_failing_store_keeps_the_engine_in_service(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(tmp_path)
    live = LiveEngine(store, load_lexicon())
    watcher = LiveWatcher(live, interval=0.05)
    watcher.start()
    try:
        (tmp_path / "knowledge.sqlite3").rename(tmp_path / "moved.sqlite3")
        deadline = time.monotonic() + 5.0
        while not _failures(caplog) and time.monotonic() < deadline:  # the first tick, however busy the machine
            time.sleep(0.02)
        time.sleep(0.3)  # several more ticks
        assert live.engine.version == 1 and live.engine.kb.passages
        assert len(_failures(caplog)) == 1, "said once, not every tick"
    finally:
        watcher.stop()
