"""Question log for admins: what users ask, what goes unanswered, feedback. User ids only as salted hashes.

Writes go through a queue to one writer thread, so logging never blocks the bot's event loop.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import queue
import secrets
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QuestionLog", "Stats"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    key TEXT PRIMARY KEY, at TEXT NOT NULL, user_hash TEXT NOT NULL, question TEXT NOT NULL,
    answered INTEGER NOT NULL, citation TEXT, document TEXT, feedback TEXT)
"""


@dataclass(frozen=True)
class Stats:
    """Figures for /stats."""

    per_day: list[tuple[str, int, int]]  # (day, questions, answered)
    total: int
    answered: int
    feedback: dict[str, int]
    unanswered: list[tuple[str, int]]
    documents: list[tuple[str, int]]


class QuestionLog:
    """SQLite question log with a background writer; safe to call from the event loop."""

    def __init__(self, path: Path, salt: str | None = None, retention_days: int = 90) -> None:
        self.path, self.retention_days = path, retention_days
        path.parent.mkdir(parents=True, exist_ok=True)
        self._salt = salt or self._stored_salt(path.with_suffix(".salt"))
        with self._connect() as db:
            db.execute(_SCHEMA)
        self._queue: queue.Queue[tuple[str, tuple[object, ...]] | None] = queue.Queue()
        self._writer = threading.Thread(target=self._drain, name="analytics-writer", daemon=True)
        self._writer.start()

    @staticmethod
    def _stored_salt(path: Path) -> str:
        """A random salt kept beside the database, so hashes stay stable across restarts."""
        if not path.exists():
            path.write_text(secrets.token_hex(16), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def user_hash(self, user_id: int | None) -> str:
        """Salted SHA-256 of a Telegram user id; the id itself is never stored."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()[:16]

    def record(
        self, key: str, user_id: int | None, question: str, answered: bool, citation: str | None, document: str | None
    ) -> None:
        """Queue one question for writing."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row = (key, at, self.user_hash(user_id), question[:1000], int(answered), citation, document)
        self._queue.put(("INSERT OR REPLACE INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, NULL)", row))

    def feedback(self, key: str, value: str) -> None:
        """Queue 👍/👎 for an answered question."""
        self._queue.put(("UPDATE questions SET feedback = ? WHERE key = ?", (value, key)))

    def _drain(self) -> None:
        db = self._connect()
        while True:
            item = self._queue.get()
            batch = [item]
            while not self._queue.empty() and len(batch) < 500:
                batch.append(self._queue.get())
            writes = [b for b in batch if b is not None]
            if writes:
                with db:
                    for sql, params in writes:
                        db.execute(sql, params)
            for _ in batch:
                self._queue.task_done()
            if None in batch:
                db.close()
                return

    def flush(self) -> None:
        """Wait until every queued write is on disk."""
        self._queue.join()

    def close(self) -> None:
        """Flush and stop the writer."""
        self._queue.put(None)
        self._writer.join(timeout=10)

    def purge(self, now: dt.datetime | None = None) -> int:
        """Delete questions older than the retention period; returns how many."""
        self.flush()
        cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=self.retention_days)
        with self._connect() as db:
            return db.execute("DELETE FROM questions WHERE at < ?", (cutoff.isoformat(timespec="seconds"),)).rowcount

    def stats(self, days: int = 14) -> Stats:
        """Questions per day, answered rate, feedback, top unanswered questions, most-cited documents."""
        self.flush()
        with self._connect() as db:
            rows = db.execute("SELECT at, question, answered, document, feedback FROM questions").fetchall()
        per_day: dict[str, list[int]] = {}
        for at, _, answered, _, _ in rows:
            day = per_day.setdefault(at[:10], [0, 0])
            day[0] += 1
            day[1] += answered
        unanswered = Counter(" ".join(q.lower().split()) for _, q, a, _, _ in rows if not a)
        return Stats(
            per_day=[(d, n, a) for d, (n, a) in sorted(per_day.items())[-days:]],
            total=len(rows),
            answered=sum(r[2] for r in rows),
            feedback=dict(Counter(r[4] for r in rows if r[4])),
            unanswered=unanswered.most_common(5),
            documents=Counter(r[3] for r in rows if r[3] and r[2]).most_common(5),
        )

    def export_csv(self) -> bytes:
        """Every logged question as CSV (user ids appear only as salted hashes)."""
        self.flush()
        with self._connect() as db:
            rows = db.execute(
                "SELECT at, user_hash, question, answered, citation, document, feedback FROM questions ORDER BY at"
            ).fetchall()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["time", "user_hash", "question", "answered", "citation", "document", "feedback"])
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")
