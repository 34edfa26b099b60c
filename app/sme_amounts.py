"""The amount of a support for one size, cut from the decree's text: only clean cuts of the passage, never re-typed.

Two shapes of text need more than "the sentence that holds the figure":
- a sentence listing caps for several sizes ("..., nhưng không quá 20 triệu đồng/năm với doanh nghiệp siêu nhỏ,
  không quá 50 triệu đồng/năm với doanh nghiệp nhỏ và ..."): the firm gets the general rate and its own cap, the
  pieces joined by ELISION;
- a clause lead ending in ":" ("... hướng dẫn miễn phí ... về:"): its points follow, joined by "; ".
Every part between those joins is a verbatim substring of the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.folding import normalize

__all__ = [
    "AMOUNT",
    "ELISION",
    "MAX_CHARS",
    "WOMEN",
    "cut_for_size",
    "drop_women",
    "sizes_named",
    "trim",
    "with_points",
]

ELISION = " … "
MAX_CHARS = 300  # a lead with its points; longer quotes crowd a chat reply and the bot clips them anyway

# "doanh nghiệp siêu nhỏ", "doanh nghiệp nhỏ", "doanh nghiệp có quy mô vừa"; not "doanh nghiệp nhỏ và vừa" (every
# SME) nor "doanh nghiệp vừa thành lập" ("just founded").
_SIZE = r"(?:doanh nghiệp|dn)(?: có quy mô| quy mô)? (siêu nhỏ|nhỏ|vừa(?! (?:mới|được thành lập|thành lập|chuyển đổi)))"
_SIZE += r"(?!\w)(?! và (?:vừa|nhỏ))"
_SIZE_PHRASE = re.compile(_SIZE)
_ENDS_WITH_SIZE = re.compile(_SIZE + r"\s*$")
_STARTS_WITH_SIZE = re.compile(r"^(?:đối với |với |cho )?" + _SIZE)
_SIZE_KEYS = {"siêu nhỏ": "sieu-nho", "nhỏ": "nho", "vừa": "vua"}
AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*(?:triệu|tỷ|tỉ)\s*đồng|miễn|không mất phí|không phải nộp")
WOMEN = re.compile(r"phụ nữ|lao động nữ|doanh nghiệp xã hội")
# Where a per-size sentence falls apart: punctuation, "và", "hoặc", and before "nhưng" (which opens the cap).
_CUT = re.compile(r"\s*[,;:]\s+|\s+(?:và|hoặc)\s+|\s+(?=nhưng\s)")
_MARKER = re.compile(r"^(?:\d+\.|[a-zđ]\))\s+")
_GENERAL = "*"  # owner of an amount stated before any size is named: it applies to every size


def sizes_named(text: str) -> set[str]:
    """The sizes ('sieu-nho', 'nho', 'vua') a piece of text names."""
    return {_SIZE_KEYS[m.group(1)] for m in _SIZE_PHRASE.finditer(normalize(text))}


def trim(text: str) -> str:
    """Drop the leading '1.' or 'a)' and trailing punctuation; what is left is still a substring of the passage."""
    return _MARKER.sub("", text).rstrip(" ;.,")


@dataclass(frozen=True)
class _Chunk:
    """A stretch of a sentence between two cuts, with what it names."""

    start: int
    end: int
    heading: bool  # followed by ":" ("Doanh nghiệp nhỏ: ...")
    sizes: frozenset[str]
    amount: bool
    women: bool


def _chunks(text: str, start: int, end: int) -> list[_Chunk]:
    """The sentence text[start:end] cut at commas, semicolons, colons, 'và' and 'nhưng'."""
    spans: list[tuple[int, int, str]] = []
    pos = start
    for cut in _CUT.finditer(text, start, end):
        left, right = normalize(text[pos : cut.start()]), normalize(text[cut.end() : end])
        # "doanh nghiệp nhỏ và doanh nghiệp vừa" is one list of sizes sharing the amount, not two chunks
        if (
            cut.group().strip() in {",", "và", "hoặc"}
            and _ENDS_WITH_SIZE.search(left)
            and _STARTS_WITH_SIZE.match(right)
        ):
            continue
        spans.append((pos, cut.start(), cut.group().strip()))
        pos = cut.end()
    spans.append((pos, end, ""))
    out = []
    for a, b, sep in spans:
        piece = normalize(text[a:b])
        sizes = frozenset(_SIZE_KEYS[m.group(1)] for m in _SIZE_PHRASE.finditer(piece))
        out.append(_Chunk(a, b, sep == ":", sizes, bool(AMOUNT.search(piece)), bool(WOMEN.search(piece))))
    return out


def _owners(chunks: list[_Chunk]) -> list[frozenset[str]] | None:
    """Which sizes each chunk speaks for (_GENERAL: all), or None when the sentence's shape is not a clean list."""
    owners: list[frozenset[str]] = []
    heading: frozenset[str] = frozenset()  # sizes of a "Doanh nghiệp nhỏ:" heading, for the amounts after it
    seen = False
    for i, chunk in enumerate(chunks):
        if chunk.sizes and chunk.amount:  # "không quá 50 triệu đồng/năm với doanh nghiệp nhỏ"
            owner, heading = chunk.sizes, heading if chunk.sizes <= heading else frozenset()
        elif chunk.sizes:
            if not (chunk.heading or i == 0):
                return None  # a size named after its amount, apart from it: ambiguous, so do not cut
            owner = heading = chunk.sizes
        elif heading:
            owner = heading
        elif chunk.amount and not seen:
            owner = frozenset({_GENERAL})
        elif chunk.amount:
            return None  # an amount after the sizes naming none: whose it is is unclear
        else:
            owner = frozenset()  # the subject or linking words: not part of any amount
        seen = seen or bool(chunk.sizes)
        owners.append(owner)
    return owners


def cut_for_size(text: str, start: int, end: int, size: str, women: bool) -> str | None:
    """The general rate and this size's cap from a sentence that lists several sizes, or None if it cannot."""
    chunks = _chunks(text, start, end)
    owners = _owners(chunks)
    if owners is None:
        return None
    keep = [
        i
        for i, (chunk, owner) in enumerate(zip(chunks, owners, strict=True))
        if (size in owner or _GENERAL in owner) and (women or not chunk.women)
    ]
    if not any(size in owners[i] and chunks[i].amount for i in keep):
        return None
    runs: list[list[int]] = []
    for i in keep:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [trim(text[chunks[run[0]].start : chunks[run[-1]].end]) for run in runs]
    # After an elision "nhưng" ("but") has nothing to contrast with.
    parts = [parts[0], *(re.sub(r"^nhưng\s+", "", p) for p in parts[1:])]
    return ELISION.join(parts)


def drop_women(text: str, start: int, end: int) -> str | None:
    """text[start:end] cut before its cap for women-owned firms, or None when no amount comes before that cap."""
    # the official Điều 13 khoản 2: "... không quá 50 triệu ... hoặc không quá 70 triệu ... do phụ nữ làm chủ ..."
    chunks = _chunks(text, start, end)
    first = next((i for i, c in enumerate(chunks) if c.women), None)
    if not first or not any(c.amount for c in chunks[:first]):
        return None
    return trim(text[chunks[0].start : chunks[first - 1].end])


def _front_cut(text: str, room: int) -> str:
    """The end of `text` in at most `room` characters, cut at a word and marked with a leading '…'."""
    if len(text) <= room:
        return text
    tail = text[len(text) - room + 2 :]
    return "… " + tail[tail.find(" ") + 1 :]


def _clip(text: str, room: int) -> str:
    """The start of `text` in at most `room` characters, cut at a word and marked with a trailing '…'."""
    if len(text) <= room:
        return text
    head = text[: room - 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else head).rstrip(" ,;(") + " …"


def with_points(lead: str, points: list[str], limit: int = MAX_CHARS) -> str:
    """'... về: a; b' from a lead ending in ':' and its points, within `limit`; a point that does not fit is clipped."""
    # The lead says who does what: keep it whole unless it alone would leave no room for a point.
    text = _front_cut(lead, max(limit - 40, limit // 2))
    for i, item in enumerate(trim(p) for p in points):
        sep = " " if i == 0 else "; "
        room = limit - len(text) - len(sep)
        if len(item) > room:
            return text + (sep + _clip(item, room) if room >= 30 else "; …" if i else " …")
        text += sep + item
    return text
