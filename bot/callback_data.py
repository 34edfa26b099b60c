"""Button codes: one enum that generates the callback patterns, the dispatch keys and the packed data."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Iterable
from enum import StrEnum

from app.buttons import ButtonStore
from app.limits import MAX_CALLBACK_BYTES
from knowledge.errors import StoreError

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
    FOLLOW = "fo"
    UNFOLLOW = "uf"
    SME_SECTOR = "ms"  # the /sme dialog's own buttons, handled by its ConversationHandler
    SME_SKIP = "mk"
    SME_FLAG = "mf"
    SME_DONE = "md"
    SME_CANCEL = "mc"


class CallbackRefs:
    """Short tokens standing for button arguments too long for Telegram's 64 bytes.

    Kept in the state database (with a small cache in front), so a button made before a restart, or by another
    replica, still works. Long arguments are rare (most callback data fits), so the one short query this costs
    is not moved off the event loop.
    """

    def __init__(self, store: ButtonStore | None = None, cached: int = 2000) -> None:
        self.store, self._cached = store, cached
        self._values: OrderedDict[str, str] = OrderedDict()

    def _remember(self, token: str, value: str) -> None:
        self._values[token] = value
        while len(self._values) > self._cached:
            self._values.popitem(last=False)

    def ref(self, value: str) -> str:
        """A token for a long argument."""
        token = "~" + (self.store.put_ref(value) if self.store is not None else secrets.token_urlsafe(6))
        self._remember(token, value)
        return token

    def deref(self, value: str) -> str | None:
        """The argument a token stands for (None once forgotten); plain arguments pass through."""
        if not value.startswith("~"):
            return value
        found = self._values.get(value)
        if found is None and self.store is not None:
            try:
                found = self.store.ref(value[1:])
            except StoreError:  # the database is away: the press gets "expired", not an error
                found = None
            if found is not None:
                self._remember(value, found)
        return found


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
