"""SIGKILL at any point of an import or a publish leaves the previous version intact and in service."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from knowledge.importers import import_file
from knowledge.seed import open_store
from knowledge.store import Store
from tests.conftest import ROOT, shared_path


def _spawn(data: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BOT_DATA_DIR": str(data)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "run_bot.py"), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL after `delay` seconds unless it already finished; True if it was killed."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def _consistent(path: Path) -> tuple[int, int]:
    """The store opens, passes SQLite's integrity check, and its live version loads completely."""
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = Store(path)
    try:
        version = store.live_version()
        assert version is not None
        documents = store.documents(version)
        assert len(documents) == len(store.document_hashes(version))
        return version, len(documents)
    finally:
        store.db.close()


def _rollback(path: Path, version: int) -> None:
    store = Store(path)
    try:
        store.rollback("test", version)
    finally:
        store.db.close()


def _staged(path: Path) -> bool:
    store = Store(path)
    try:
        return store.stage() is not None
    finally:
        store.db.close()


def _duration(data: Path, *args: str) -> float:
    """How long the command takes here when nobody kills it."""
    started = time.monotonic()
    assert _spawn(data, *args).wait(timeout=120) == 0
    return time.monotonic() - started


def test_sigkill_during_import_and_publish_never_breaks_the_live_version(tmp_path: Path) -> None:
    source = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    # Kill times are drawn across each command's own run time on this machine (start-up, parsing, the write), so
    # kills land in the write phase too however fast or loaded the machine is. Timed on a store of its own; this
    # process keeps no connection open meanwhile (copying or closing a file under one would drop SQLite's locks).
    probe = tmp_path / "probe"
    open_store(probe).db.close()  # seeded here, as `data` is below: a process started only to seed it is waste
    assert _duration(probe, "kb", "import", str(source)) and _duration(probe, "kb", "discard")  # warms the caches
    importing = _duration(probe, "kb", "import", str(source))  # as the imports below run: caches warm
    publishing = _duration(probe, "kb", "publish")
    data = tmp_path / "data"
    open_store(data).db.close()
    path = data / "knowledge.sqlite3"
    base = _consistent(path)[1]
    allowed = {base, base + len(import_file(source))}  # the old set or the new one, never a mix
    rng = random.Random(2026)
    # Kill points spread over each command's run: early, mid-write, late, and one well past its end, which finishes
    # even on a machine busier than when it was timed. Imports in a random order; the publish that finishes comes
    # last, when some import has staged.
    points = [0.3, 0.5, 0.7, 0.9, 1.1]
    import_at = rng.sample([*points, 2.5], len(points) + 1)
    publish_at = [*rng.sample(points, len(points)), 2.5]
    killed, staged, published = 0, 0, 0
    for n in range(len(import_at)):
        import_kill = import_at[n] * rng.uniform(0.9, 1.1) * importing
        killed += _kill_after(_spawn(data, "kb", "import", str(source)), import_kill)
        assert _consistent(path)[1] in allowed
        staged += _staged(path)
        before = _consistent(path)[0]
        killed += _kill_after(_spawn(data, "kb", "publish"), publish_at[n] * rng.uniform(0.9, 1.1) * publishing)
        assert _consistent(path)[1] in allowed
        if _consistent(path)[0] != before:  # it went live: back to the old set, so the next import changes it again
            published += 1
            _rollback(path, before)
    assert killed >= 3, "the test must really kill processes mid-work"
    assert staged and published, "some imports and publishes must get as far as their writes"
    answer = subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), "ask", "--json", "Điều 5 Nghị định 80/2021"],
        env={**os.environ, "BOT_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["answered"] is True
