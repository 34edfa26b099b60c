"""Per-user question limits: a sliding window per user, so one user's flood never crowds out the others."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

__all__ = ["UserRateLimiter"]


@dataclass
class UserRateLimiter:
    """At most `limit` questions per user in any `window` seconds (sliding window)."""

    limit: int
    window: float = 60.0
    _hits: dict[int, deque[float]] = field(default_factory=dict)

    def allow(self, user_id: int, now: float | None = None) -> bool:
        """Record a question and say whether it is within the limit."""
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True
