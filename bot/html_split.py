"""Telegram HTML split into messages of at most 4096 characters, between words and never inside a tag or entity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.limits import MAX_MESSAGE_CHARS

__all__ = ["split_html"]

_TOKENS = re.compile(r"(<[^>]+>|\n|[ \t]+)")
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")
OpenTags = list[tuple[str, str]]  # (name, opening tag) of the tags open at a point


def _close(stack: OpenTags) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _closing_len(stack: OpenTags) -> int:
    return sum(len(name) + 3 for name, _ in stack)


def _reopen(stack: OpenTags) -> str:
    return "".join(tag for _, tag in stack)


def _safe_cut(piece: str, room: int) -> int:
    """The largest cut position <= room that is not inside an HTML entity."""
    cut = min(room, len(piece))
    while cut > 0:
        before = piece[:cut]
        if before.rfind("&") <= before.rfind(";"):
            return cut
        cut -= 1
    return min(room, len(piece))


@dataclass
class _Splitter:
    """Accumulates tokens into the current message; tags open at a cut are closed and reopened in the next one."""

    limit: int
    chunks: list[str] = field(default_factory=list)
    current: str = ""
    stack: OpenTags = field(default_factory=list)
    last_break: tuple[int, OpenTags] | None = None  # a line break in `current` and the tags open there

    def _overflows(self, piece: str) -> bool:
        return len(self.current) + len(piece) + _closing_len(self.stack) > self.limit

    def _cut(self) -> None:
        """End the current message, at its last line break when that is in its second half."""
        if self.last_break and self.last_break[0] > len(self.current) // 2:
            cut, open_then = self.last_break
            self.chunks.append(self.current[:cut].rstrip() + _close(open_then))
            self.current = _reopen(open_then) + self.current[cut + 1 :]
        else:
            self.chunks.append(self.current.rstrip() + _close(self.stack))
            self.current = _reopen(self.stack)
        self.last_break = None

    def _track(self, piece: str) -> None:
        if (tag := _TAG.fullmatch(piece)) is None:
            return
        if not tag.group(1):
            self.stack.append((tag.group(2), piece))
        elif self.stack and self.stack[-1][0] == tag.group(2):
            self.stack.pop()

    def add(self, piece: str) -> None:
        """Append one token (a tag, a word, spaces or a line break)."""
        if self._overflows(piece) and self.current.strip():
            self._cut()
            if piece.isspace():
                return
        while self._overflows(piece):  # one word longer than a message
            cut = _safe_cut(piece, max(self.limit - len(self.current) - _closing_len(self.stack), 1))
            self.chunks.append(self.current + piece[:cut] + _close(self.stack))
            self.current, piece = _reopen(self.stack), piece[cut:]
        if piece == "\n":
            self.last_break = (len(self.current), list(self.stack))
        self.current += piece
        self._track(piece)


def split_html(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split HTML into messages of at most `limit` characters: at a line break where one is near, else between
    words; never inside a tag or an entity."""
    if len(text) <= limit:
        return [text]
    splitter = _Splitter(limit)
    for piece in _TOKENS.split(text):
        if piece:
            splitter.add(piece)
    if splitter.current.strip():
        splitter.chunks.append(splitter.current.rstrip())
    return splitter.chunks
