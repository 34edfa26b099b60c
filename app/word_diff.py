"""A short word-level diff of two passage texts, for alerts: what was removed and added, with a little context."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Segment", "excerpt", "word_diff"]

Op = Literal["=", "-", "+"]
Segment = tuple[Op, str]
CONTEXT_WORDS = 4  # kept on each side of a change, so a reader sees where it is
ELLIPSIS = "…"


def _context(words: list[str], first: bool, last: bool) -> str:
    """Unchanged words, cut to a few on the side that touches a change."""
    if len(words) <= 2 * CONTEXT_WORDS or (first and last):
        return " ".join(words) if not (first and last) else ""
    if first:
        return " ".join([ELLIPSIS, *words[-CONTEXT_WORDS:]])
    if last:
        return " ".join([*words[:CONTEXT_WORDS], ELLIPSIS])
    return " ".join([*words[:CONTEXT_WORDS], ELLIPSIS, *words[-CONTEXT_WORDS:]])


def _limited(segments: list[Segment], limit: int) -> list[Segment]:
    """At most `limit` characters of text in all; a cut segment ends with an ellipsis."""
    out: list[Segment] = []
    left = limit
    for op, text in segments:
        if len(text) > left:
            cut = text[:left].rsplit(" ", 1)[0] if " " in text[:left] else text[:left]
            out.append((op, f"{cut} {ELLIPSIS}".strip()))
            break
        out.append((op, text))
        left -= len(text)
    return [(op, text) for op, text in out if text]


def word_diff(old: str, new: str, limit: int = 300) -> list[Segment]:
    """Unchanged context ('='), removed ('-') and added ('+') runs of words, at most `limit` characters of text."""
    a, b = old.split(), new.split()
    opcodes = SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    segments: list[Segment] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            segments.append(("=", _context(a[i1:i2], n == 0, n == len(opcodes) - 1)))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(b[j1:j2])))
    return _limited(segments, limit)


def excerpt(text: str, limit: int = 300) -> str:
    """The start of a text, whitespace folded, cut at a word within `limit` characters."""
    return _limited([("=", " ".join(text.split()))], limit)[0][1] if text.strip() else ""
