"""Telegram HTML -> plain text for the terminal, so `ask` and `chat` print exactly what the bot sends."""

from __future__ import annotations

import html
import re

__all__ = ["to_plain"]

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def to_plain(text: str) -> str:
    """Links become 'text (url)', other tags vanish, entities are decoded."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", text)
    return html.unescape(_TAG.sub("", text))
