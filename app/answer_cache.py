"""Answers behind buttons, keyed by short ids so callback_data stays within Telegram's 64 bytes."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field

from retrieval.answer import Answer

__all__ = ["AnswerCache", "CachedAnswer"]


@dataclass
class CachedAnswer:
    """An answer shown in a chat, and which page of it the message shows."""

    answer: Answer
    version: int
    page: int = 0
    feedback: str | None = None


@dataclass
class AnswerCache:
    """Bounded LRU of answers; a button whose answer was evicted reports that it has expired."""

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
