"""What Telegram refuses, checked the way Telegram checks it: HTML entities, text length, inline buttons."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

__all__ = ["TelegramError", "check_markup", "parse_html", "utf16_len"]

_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "tg-emoji",
    "blockquote",
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_SPECIAL = re.compile(r"[<>&]")


class TelegramError(Exception):
    """A request Telegram would refuse with 400 Bad Request."""


def _tag(text: str, start: int, stack: list[str]) -> int:
    """Check the tag at `start` against Telegram's rules and the open-tag stack; the position after it."""
    m = _TAG.match(text, start)
    if m is None:
        raise TelegramError(f"Can't parse entities: unexpected '<' at byte offset {start}")
    closing, name = bool(m.group(1)), m.group(2).lower()
    if name not in _ALLOWED_TAGS:
        raise TelegramError(f'Can\'t parse entities: unsupported start tag "{name}" at byte offset {start}')
    if closing and (not stack or stack.pop() != name):
        raise TelegramError(f"Can't parse entities: unmatched end tag at byte offset {start}")
    if not closing:
        stack.append(name)
    return m.end()


def parse_html(text: str) -> str:
    """Telegram's HTML rules: allowed, well-nested tags; every bare < > & escaped. Returns the plain text."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for special in _SPECIAL.finditer(text):
        start = special.start()
        if start < pos:
            continue
        out.append(text[pos:start])
        char = special.group(0)
        if char == "<":
            pos = _tag(text, start, stack)
            continue
        if char == ">":
            raise TelegramError(f"Can't parse entities: unexpected '>' at byte offset {start}")
        m = _ENTITY.match(text, start)
        if m is None:
            raise TelegramError(f"Can't parse entities: unsupported entity at byte offset {start}")
        out.append(unescape(m.group(0)))
        pos = m.end()
    out.append(text[pos:])
    if stack:
        raise TelegramError(f"Can't parse entities: can't find end tag corresponding to start tag \"{stack[-1]}\"")
    return "".join(out)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def check_markup(markup: Any) -> None:
    """Every inline button has a label and 1 to 64 bytes of callback_data."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise TelegramError("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise TelegramError("BUTTON_TEXT_EMPTY")
