"""Vietnamese text pipeline shared by the index and the query side."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "fold_diacritics",
    "normalize",
    "split_sentences",
    "syllables",
    "tokenize",
    "unify_tone_placement",
]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# "Hoà"/"khoẻ"/"thuỷ" (mark on the second vowel of an open oa/oe/uy syllable) -> "hòa"/"khỏe"/"thủy".
_OPEN_GLIDE = re.compile(
    r"(?<![\w])([^\W\d_]*?)(?<![qQ])([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)|\n+")


def unify_tone_placement(text: str) -> str:
    """Move the tone mark of open oa/oe/uy syllables onto the first vowel (hoà -> hòa)."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        onset, first, second, mark = match.groups()
        pair = (first + second).lower()
        if pair not in {"oa", "oe", "uy"}:
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
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if base and base != chr(code) and len(base) == 1:
            table[code] = base
    table.update({code: None for code in range(0x300, 0x370)})
    return table


_FOLD = _fold_table()


def fold_diacritics(text: str) -> str:
    """Strip every diacritic and map đ to d, so accentless typing matches."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def syllables(text: str) -> list[str]:
    """Folded lowercase syllables; punctuation and symbols separate them."""
    return _WORD.findall(fold_diacritics(normalize(text)))


def with_bigrams(units: list[str]) -> list[str]:
    """Syllable unigrams followed by adjacent-syllable bigrams."""
    return units + [f"{a}_{b}" for a, b in itertools.pairwise(units)]


def tokenize(text: str, stopwords: Iterable[str] = ()) -> list[str]:
    """Index/query tokens: folded syllable unigrams plus syllable bigrams."""
    units = syllables(text)
    if stopwords:
        drop = set(stopwords)
        units = [u for u in units if u not in drop]
    return with_bigrams(units)


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences and list items for highlighting."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
