"""Question log for admins: what users ask, what goes unanswered, feedback. User ids only as keyed, slow hashes.

Writes go through a queue to one writer thread, so logging never blocks the bot's event loop. A database error
(a lock held by another process, a full disk) never stops the writer: the rows wait in a bounded backlog and
are written when the database recovers; the failure is logged once, and again when it is over.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import queue
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from app.question_stats import Stats, csv_export, summarise
from app.user_keys import user_key
from knowledge.database import Database, Migration, SqliteDatabase
from knowledge.errors import StoreError

__all__ = ["QuestionLog", "QuestionLogError", "Stats"]

log = logging.getLogger(__name__)
_TABLES = """
CREATE TABLE IF NOT EXISTS questions (
    key TEXT PRIMARY KEY, at TEXT NOT NULL, user_hash TEXT NOT NULL, question TEXT NOT NULL,
    answered INTEGER NOT NULL, citation TEXT, document TEXT, feedback TEXT);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)
"""
MIGRATIONS = [Migration(1, _TABLES, _TABLES)]
_RECORD = (
    "INSERT INTO questions (key, at, user_hash, question, answered, citation, document) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET at = excluded.at, user_hash = excluded.user_hash, question = excluded.question, "
    "answered = excluded.answered, citation = excluded.citation, document = excluded.document"
)
# Feedback may reach another replica's writer before the question's own row is written: it then leaves a row of its
# own, without a question, that the question's upsert completes. Reads skip rows whose question never came.
_FEEDBACK = (
    "INSERT INTO questions (key, at, user_hash, question, answered, feedback) VALUES (?, ?, '', '', 0, ?) "
    "ON CONFLICT (key) DO UPDATE SET feedback = excluded.feedback"
)
_LOGGED = "WHERE question <> ''"
MAX_BACKLOG = 20_000  # rows kept while the database is unavailable; the oldest go first beyond this
RETRY_S = (0.5, 1.0, 2.0, 5.0)  # waits between attempts while the database fails
HASH_ROUNDS = 20_000  # PBKDF2 rounds: ~5 ms per new user here, years to walk the id space without the key
Write = tuple[str, tuple[object, ...]]


class QuestionLogError(Exception):
    """The question log cannot be read right now; the message is one line for the admin."""


class QuestionLog:
    """Question log (a SQLite file, or PostgreSQL) with a background writer; safe to call from the event loop."""

    def __init__(self, db: Database | Path, key: str | None = None, retention_days: int = 90) -> None:
        self.db = SqliteDatabase(db, synchronous="NORMAL", busy_timeout=5.0) if isinstance(db, Path) else db
        self.retention_days = retention_days
        self.db.migrate(MIGRATIONS, "questions")
        self._key = (key or self._stored_key()).encode()
        self._queue: queue.Queue[Write | None] = queue.Queue()
        self._backlog: deque[Write] = deque()
        self.dropped = 0
        self._writer = threading.Thread(target=self._drain, name="question-log-writer", daemon=True)
        self._writer.start()

    def _stored_key(self) -> str:
        """A random key kept beside the rows: a 0600 file next to a SQLite log, a row shared by every replica."""
        if isinstance(self.db, SqliteDatabase):
            return user_key(self.db.path.with_suffix(".key"))
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO secrets (name, value) VALUES ('user_key', ?) ON CONFLICT (name) DO NOTHING",
                (secrets.token_hex(32),),
            )
            row = tx.one("SELECT value FROM secrets WHERE name = 'user_key'")
        assert row is not None
        return str(row[0])

    def user_hash(self, user_id: int | None) -> str:
        """Keyed, deliberately slow hash of a Telegram user id; the id itself is never stored."""
        return _slow_hash(self._key, str(user_id))

    def record(
        self, key: str, user_id: int | None, question: str, answered: bool, citation: str | None, document: str | None
    ) -> None:
        """Queue one question for writing."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row = (key, at, self.user_hash(user_id), question[:1000], int(answered), citation, document)
        self._queue.put((_RECORD, row))

    def feedback(self, key: str, value: str) -> None:
        """Queue 👍/👎 for an answered question."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._queue.put((_FEEDBACK, (key, at, value)))

    def backlog(self) -> int:
        """Rows waiting to be written."""
        return self._queue.qsize() + len(self._backlog)

    def _drain(self) -> None:
        failures = 0
        while True:
            try:  # with rows waiting for a failing database, wake up to retry even if nothing new comes
                item = self._queue.get(timeout=1.0) if self._backlog else self._queue.get()
                stop = item is None
            except queue.Empty:
                item, stop = None, False
            if item is not None:
                self._backlog.append(item)
            while not self._queue.empty() and len(self._backlog) < 500:
                more = self._queue.get_nowait()
                stop = stop or more is None
                if more is not None:
                    self._backlog.append(more)
            failures = self._write(failures)
            self._trim()
            if stop:
                return

    def _write(self, failures: int) -> int:
        """Write the backlog; on failure keep it and wait a little. Returns the run of failures so far."""
        try:
            with self.db.transaction(write=True) as tx:
                for sql, params in self._backlog:
                    tx.execute(sql, params)
        except StoreError as exc:
            if not failures:
                log.error("question log not written (%s); keeping %d rows until it recovers", exc, len(self._backlog))
            time.sleep(RETRY_S[min(failures, len(RETRY_S) - 1)])
            return failures + 1
        if failures:
            log.warning("question log written again after %d failed attempts", failures)
        self._backlog.clear()
        return 0

    def _trim(self) -> None:
        while len(self._backlog) > MAX_BACKLOG:
            self._backlog.popleft()
            self.dropped += 1

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until what was queued is on disk; False when the database is still failing after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.empty() and not self._backlog:
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        """Stop the writer, waiting a few seconds at most (a failing database must not hold up shutdown)."""
        self._queue.put(None)
        self._writer.join(timeout=5)

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        self.flush(timeout=2)
        try:
            with self.db.transaction() as tx:
                return tx.execute(sql, params)
        except StoreError as exc:
            raise QuestionLogError(f"the question log cannot be read right now ({exc}); try again shortly") from None

    def purge(self, now: dt.datetime | None = None) -> int:
        """Delete questions older than the retention period; returns how many."""
        self.flush(timeout=2)
        cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=self.retention_days)
        try:
            with self.db.transaction(write=True) as tx:
                cut = cutoff.isoformat(timespec="seconds")
                return len(tx.execute("DELETE FROM questions WHERE at < ? RETURNING key", (cut,)))
        except StoreError as exc:
            raise QuestionLogError(f"old questions could not be deleted ({exc}); will try again") from None

    def logged(self, key: str) -> bool:
        """Whether a question with this key was logged (and is still kept)."""
        return bool(self._read(f"SELECT 1 FROM questions {_LOGGED} AND key = ?", (key,)))

    def stats(self, days: int = 14) -> Stats:
        """Questions per day, answered rate, feedback, top unanswered questions, most-cited documents."""
        rows = self._read(f"SELECT at, question, answered, document, feedback FROM questions {_LOGGED}")
        return summarise(rows, days)

    def export_csv(self) -> bytes:
        """Every logged question as CSV (user ids appear only as keyed hashes; no cell can run as a formula)."""
        rows = self._read(
            "SELECT at, user_hash, question, answered, citation, document, feedback "
            f"FROM questions {_LOGGED} ORDER BY at"
        )
        return csv_export(rows)


@functools.lru_cache(maxsize=20_000)
def _slow_hash(key: bytes, user: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", user.encode(), key, HASH_ROUNDS).hex()[:24]
