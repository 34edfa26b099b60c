"""Per-process bot state: answers behind buttons (keyed by short ids) and per-user rate limits."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from retrieval.answer import Answer

__all__ = ["AnswerCache", "CachedAnswer", "UserRateLimiter"]


@dataclass
class CachedAnswer:
    """An answer shown in a chat, and which page of it the message shows."""

    answer: Answer
    version: int
    page: int = 0
    feedback: str | None = None


@dataclass
class AnswerCache:
    """Bounded LRU of answers, so callback_data carries only an 8-character key (Telegram allows 64 bytes)."""

    capacity: int = 5000
    _items: OrderedDict[str, CachedAnswer] = field(default_factory=OrderedDict)

    def put(self, answer: Answer, version: int) -> str:
        """Store an answer and return its key."""
        key = secrets.token_urlsafe(6)
        self._items[key] = CachedAnswer(answer, version)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> CachedAnswer | None:
        """The answer behind a button, or None once it has expired."""
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item


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
