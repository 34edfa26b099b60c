"""Question limits: a sliding window per user (and per group chat), so one flood never crowds out the others.

A user over the limit is told to slow down once per window; further messages in that window are dropped
silently, so a flood of 500 messages costs the bot one reply, not 500 from the bot-wide sending budget.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum

__all__ = ["RateLimiter", "Verdict"]


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
