"""Question limits: a sliding window per user (and per group chat), so one flood never crowds out the others.

A user over the limit is told to slow down once per window; further messages in that window are dropped
silently, so a flood of 500 messages costs the bot one reply, not 500 from the bot-wide sending budget.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum

from knowledge.database import Database, Migration

__all__ = ["RateLimiter", "SharedRateLimiter", "Verdict"]


class Verdict(Enum):
    """What to do with one more question."""

    ALLOW = "allow"
    WARN = "warn"  # refuse, and say so (the first refusal in this window)
    DROP = "drop"  # refuse silently (already told)


@dataclass
class RateLimiter:
    """At most `limit` events per key in any `window` seconds (sliding window); bounded memory."""

    limit: int
    window: float = 60.0
    max_keys: int = 100_000
    _hits: dict[int, deque[float]] = field(default_factory=dict)
    _warned: dict[int, float] = field(default_factory=dict)

    def verdict(self, key: int, now: float | None = None) -> Verdict:
        """Record an event and decide: allow it, refuse it with a word, or refuse it silently."""
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            self._forget_idle(now)
            return Verdict.ALLOW
        warned = self._warned.get(key)
        if warned is not None and now - warned < self.window:
            return Verdict.DROP
        self._warned[key] = now
        return Verdict.WARN

    def allow(self, key: int, now: float | None = None) -> bool:
        """Record an event and say whether it is within the limit."""
        return self.verdict(key, now) is Verdict.ALLOW

    def _forget_idle(self, now: float) -> None:
        if len(self._hits) <= self.max_keys:
            return
        for key in [k for k, hits in self._hits.items() if not hits or now - hits[-1] >= self.window]:
            self._hits.pop(key, None)
            self._warned.pop(key, None)


_RATE_TABLES = """
CREATE TABLE IF NOT EXISTS rate_events (bucket TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS rate_events_bucket ON rate_events (bucket, at);
CREATE TABLE IF NOT EXISTS rate_warned (bucket TEXT PRIMARY KEY, at DOUBLE PRECISION NOT NULL)
"""
RATE_MIGRATIONS = [Migration(1, _RATE_TABLES, _RATE_TABLES)]


class SharedRateLimiter:
    """The same sliding window kept in the shared database, so every replica counts one user's questions together.

    Blocking (one short transaction): call it off the event loop. Buckets are hashes, never raw Telegram ids.
    """

    def __init__(self, db: Database, limit: int, window: float = 60.0, scope: str = "user") -> None:
        self.db, self.limit, self.window, self.scope = db, limit, window, scope
        db.migrate(RATE_MIGRATIONS, "rate_limits")

    def verdict(self, key: int, now: float | None = None) -> Verdict:
        """Record an event and decide, atomically across replicas."""
        now = time.time() if now is None else now
        bucket = hashlib.sha256(f"{self.scope}:{key}".encode()).hexdigest()[:20]
        with self.db.transaction(write=True, lock=f"rate:{bucket}") as tx:
            tx.execute("DELETE FROM rate_events WHERE bucket = ? AND at <= ?", (bucket, now - self.window))
            row = tx.one("SELECT COUNT(*) FROM rate_events WHERE bucket = ?", (bucket,))
            if row is None or int(row[0]) < self.limit:
                tx.execute("INSERT INTO rate_events (bucket, at) VALUES (?, ?)", (bucket, now))
                return Verdict.ALLOW
            warned = tx.one("SELECT at FROM rate_warned WHERE bucket = ?", (bucket,))
            if warned is not None and now - float(warned[0]) < self.window:
                return Verdict.DROP
            tx.execute(
                "INSERT INTO rate_warned (bucket, at) VALUES (?, ?) "
                "ON CONFLICT (bucket) DO UPDATE SET at = excluded.at",
                (bucket, now),
            )
            return Verdict.WARN

    def prune(self, now: float | None = None) -> None:
        """Drop windows that ended (the daily job; each verdict already trims its own bucket)."""
        cutoff = (time.time() if now is None else now) - self.window
        with self.db.transaction(write=True) as tx:
            tx.execute("DELETE FROM rate_events WHERE at <= ?", (cutoff,))
            tx.execute("DELETE FROM rate_warned WHERE at <= ?", (cutoff,))
