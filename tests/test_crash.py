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
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = Store(path)
    version = store.live_version()
    assert version is not None
    documents = store.documents(version)
    assert len(documents) == len(store.document_hashes(version))
    return version, len(documents)


def test_sigkill_during_import_and_publish_never_breaks_the_live_version(tmp_path: Path) -> None:
    source = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    data = tmp_path / "data"
    open_store(data)
    path = data / "knowledge.sqlite3"
    rng = random.Random(2026)
    base = _consistent(path)[1]
    allowed = {base, base + len(import_file(source))}  # the old set or the new one, never a mix
    killed = 0
    for _ in range(6):
        killed += _kill_after(_spawn(data, "kb", "import", str(source)), rng.uniform(0.1, 0.6))
        assert _consistent(path)[1] in allowed
        killed += _kill_after(_spawn(data, "kb", "publish"), rng.uniform(0.05, 0.35))
        assert _consistent(path)[1] in allowed
    assert killed >= 3, "the test must really kill processes mid-work"
    answer = subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), "ask", "--json", "Điều 5 Nghị định 80/2021"],
        env={**os.environ, "BOT_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["answered"] is True
