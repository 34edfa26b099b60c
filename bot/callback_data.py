"""Button codes: one enum that generates the callback patterns, the dispatch keys and the packed data."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from app.limits import MAX_CALLBACK_BYTES

__all__ = ["Button", "CallbackRefs", "pack", "pattern", "unpack"]

_LONG_ARGUMENT = 20  # bytes; a longer argument travels as a short reference token


class Button(StrEnum):
    """The action a button press asks for; its value is the first field of callback_data."""

    PAGE = "pg"
    FULL_ARTICLE = "fa"
    RELATED = "rl"
    FEEDBACK = "fb"
    EXAMPLE = "ex"
    TOPIC = "tp"
    DOCUMENT = "dc"
    ARTICLE = "ar"
    ARTICLE_PAGE = "ap"
    PUBLISH = "pub"
    DISCARD = "dis"


@dataclass
class CallbackRefs:
    """Short tokens standing for button arguments too long for Telegram's 64 bytes; bounded."""

    capacity: int = 20000
    _values: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def ref(self, value: str) -> str:
        """A token for a long argument."""
        token = "~" + secrets.token_urlsafe(6)
        self._values[token] = value
        while len(self._values) > self.capacity:
            self._values.popitem(last=False)
        return token

    def deref(self, value: str) -> str | None:
        """The argument a token stands for (None once forgotten); plain arguments pass through."""
        return self._values.get(value) if value.startswith("~") else value


def pattern(buttons: Iterable[Button]) -> str:
    """The CallbackQueryHandler pattern matching exactly these buttons."""
    return rf"^({'|'.join(sorted(b.value for b in buttons))})\|"


def pack(refs: CallbackRefs, button: Button, *args: str) -> str:
    """callback_data 'code|arg|...' within Telegram's 64 bytes; long arguments go through refs."""
    data = "|".join((button.value, *args))
    if len(data.encode()) <= MAX_CALLBACK_BYTES:
        return data
    return "|".join((button.value, *(a if len(a.encode()) <= _LONG_ARGUMENT else refs.ref(a) for a in args)))


def unpack(refs: CallbackRefs, data: str) -> tuple[Button, list[str]] | None:
    """The button and its arguments, or None for data this bot never made."""
    code, *args = data.split("|")
    try:
        button = Button(code)
    except ValueError:
        return None
    return button, [refs.deref(a) or "" for a in args]
