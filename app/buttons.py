"""What answer buttons need, kept in the database under short keys, so a press works after a restart and on any
replica: the question and how it was asked (the answer is recomputed), and arguments too long for callback_data.

The answers themselves stay in a small in-process cache in front, so the usual press costs no query at all.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections import OrderedDict
from dataclasses import asdict, dataclass

from app.asking import Ask
from knowledge.database import Database, Migration
from knowledge.errors import StoreError
from retrieval.answer import Answer

__all__ = ["ButtonStore", "StoredQuestion"]

log = logging.getLogger(__name__)

MIGRATIONS = [
    Migration(
        1,
        "CREATE TABLE IF NOT EXISTS buttons (key TEXT PRIMARY KEY, created_at TEXT NOT NULL, kind TEXT NOT NULL, "
        "value TEXT NOT NULL); CREATE INDEX IF NOT EXISTS buttons_created ON buttons (created_at)",
        "CREATE TABLE IF NOT EXISTS buttons (key TEXT PRIMARY KEY, created_at TEXT NOT NULL, kind TEXT NOT NULL, "
        "value TEXT NOT NULL); CREATE INDEX IF NOT EXISTS buttons_created ON buttons (created_at)",
    )
]


@dataclass(frozen=True)
class StoredQuestion:
    """A question behind a message's buttons and the knowledge-base version it was answered from."""

    request: Ask
    version: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class ButtonStore:
    """Short keys for questions and long arguments; bounded by age and count, and by `prune` run daily."""

    def __init__(self, db: Database, max_age_days: int = 30, max_rows: int = 200_000, cached: int = 2000) -> None:
        self.db, self.max_age_days, self.max_rows = db, max_age_days, max_rows
        db.migrate(MIGRATIONS, "buttons")
        self._answers: OrderedDict[str, tuple[StoredQuestion, Answer]] = OrderedDict()
        self._cached = cached

    def _put(self, kind: str, value: str, key: str | None = None) -> str:
        key = key or secrets.token_urlsafe(6)  # 8 characters, 48 random bits: unguessable and short
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO buttons (key, created_at, kind, value) VALUES (?, ?, ?, ?)", (key, _now(), kind, value)
            )
        return key

    def _get(self, kind: str, key: str) -> str | None:
        with self.db.transaction() as tx:
            row = tx.one("SELECT value FROM buttons WHERE key = ? AND kind = ?", (key, kind))
        return str(row[0]) if row else None

    def new_question(self, request: Ask, version: int, answer: Answer) -> str:
        """A key for a question's buttons, known at once in this process; `save_question` makes it last."""
        key = secrets.token_urlsafe(6)
        self.remember(key, StoredQuestion(request, version), answer)
        return key

    def save_question(self, key: str, stored: StoredQuestion) -> bool:
        """Write a key's question to the database (blocking); False when the database is away, and then the
        buttons work in this process only, which is logged."""
        value = json.dumps({"version": stored.version, **asdict(stored.request)}, ensure_ascii=False)
        try:
            self._put("question", value, key)
        except StoreError as exc:
            log.warning("event=button_not_stored error=%r: its buttons work in this process only", str(exc))
            return False
        return True

    def put_question(self, request: Ask, version: int, answer: Answer) -> str:
        """`new_question` and `save_question` in one blocking call."""
        key = self.new_question(request, version, answer)
        self.save_question(key, StoredQuestion(request, version))
        return key

    def remember(self, key: str, stored: StoredQuestion, answer: Answer) -> None:
        """Cache an answer computed for a key (after a restart it is recomputed once, then cached)."""
        self._answers[key] = (stored, answer)
        self._answers.move_to_end(key)
        while len(self._answers) > self._cached:
            self._answers.popitem(last=False)

    def cached(self, key: str) -> tuple[StoredQuestion, Answer] | None:
        """The question and answer behind a key if this process still has the answer."""
        return self._answers.get(key)

    def question(self, key: str) -> StoredQuestion | None:
        """The question behind a key, from the database; None when it expired or never existed."""
        value = self._get("question", key)
        if value is None:
            return None
        data = json.loads(value)
        version = int(data.pop("version"))
        return StoredQuestion(Ask(**data), version)

    def put_ref(self, value: str) -> str:
        """A short key for a button argument too long for Telegram's 64 bytes."""
        try:
            return self._put("ref", value)
        except StoreError as exc:
            log.warning("event=button_not_stored error=%r", str(exc))
            return secrets.token_urlsafe(6)  # the caller's own cache still knows it

    def ref(self, key: str) -> str | None:
        """The argument a key stands for, or None once it expired."""
        return self._get("ref", key)

    def prune(self, now: dt.datetime | None = None) -> int:
        """Forget keys older than the age limit, then the oldest beyond the count limit; returns how many."""
        cutoff = ((now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=self.max_age_days)).isoformat(timespec="seconds")
        with self.db.transaction(write=True) as tx:
            old = tx.execute("DELETE FROM buttons WHERE created_at < ? RETURNING key", (cutoff,))
            count = tx.one("SELECT COUNT(*) FROM buttons")
            excess = int(count[0]) - self.max_rows if count else 0
            extra: list[tuple[object, ...]] = []
            if excess > 0:
                extra = tx.execute(
                    "DELETE FROM buttons WHERE key IN "
                    "(SELECT key FROM buttons ORDER BY created_at LIMIT ?) RETURNING key",
                    (excess,),
                )
        return len(old) + len(extra)
