"""The one home of Vietnamese text folding: canonical form, diacritics removed, ids and number keys."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold_diacritics", "normalize", "number_key", "slug", "unify_tone_placement"]

# "Hoà"/"khoẻ"/"thuỷ" (mark on the second vowel of an open oa/oe/uy syllable) -> "hòa"/"khỏe"/"thủy".
_OPEN_GLIDE = re.compile(
    r"(?<![\w])([^\W\d_]*?)(?<![qQ])([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])",
    re.IGNORECASE,
)


def unify_tone_placement(text: str) -> str:
    """Move the tone mark of open oa/oe/uy syllables onto the first vowel (hoà -> hòa)."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        onset, first, second, mark = match.groups()
        if (first + second).lower() not in {"oa", "oe", "uy"}:
            return match.group(0)
        return f"{onset}{first}{mark}{second}"

    return unicodedata.normalize("NFC", _OPEN_GLIDE.sub(move, decomposed))


def normalize(text: str) -> str:
    """NFC, unified tone placement and lowercase: the canonical accented form."""
    return unify_tone_placement(unicodedata.normalize("NFC", text)).lower()


def _fold_table() -> dict[int, str | None]:
    """Precomposed Latin letter -> base letter; lone combining marks -> removed. Built once."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x1F00):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed == char:  # nothing to strip (most code points): skipping them makes the import 2 ms cheaper
            continue
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base and base != char and len(base) == 1:
            table[code] = base
    table.update(dict.fromkeys(range(0x300, 0x370)))
    return table


_FOLD = _fold_table()


def fold_diacritics(text: str) -> str:
    """Strip every diacritic and map đ to d, so accentless typing matches."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


@functools.lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    """Comparable form of a document number: case, đ/d, diacritics and spaces ignored."""
    return re.sub(r"\s+", "", fold_diacritics(number).lower())


def slug(text: str) -> str:
    """A lowercase ASCII id fragment: '80/2021/NĐ-CP' -> '80-2021-nd-cp'."""
    return re.sub(r"[^a-z0-9]+", "-", fold_diacritics(text).lower()).strip("-") or "doc"
