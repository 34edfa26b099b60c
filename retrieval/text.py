"""Vietnamese text pipeline shared by the index and the query side."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from knowledge.folding import fold_diacritics

__all__ = ["split_sentences", "syllables", "tokenize", "with_bigrams", "without_markup", "words_and_pairs", "words_of"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)|\n+")
# An HTML tag by name ("<b>", "</p>", "<a href=...>"); "< 10 tỷ", "<b và doanh thu >c" and "<ten cong ty>" are text.
_MARKUP = re.compile(
    r"</?(?:a|b|i|u|s|p|br|hr|div|span|strong|em|code|pre|script|style|font|img|table|tr|td|th|ul|ol|li|h[1-6]"
    r"|blockquote|tg-spoiler|tg-emoji)(?:\s+[\w:-]+\s*=[^<>]*)?\s*/?>",  # attributes are name=value
    re.IGNORECASE,
)


def words_of(text: str) -> list[str]:
    """The words of a text as written: letters and digits, split at punctuation and symbols."""
    return _WORD.findall(text)


def without_markup(text: str) -> str:
    """A question without the tags of pasted HTML, stripped: their names are not the question's words."""
    return _MARKUP.sub(" ", text).strip()


def syllables(text: str) -> list[str]:
    """Folded lowercase syllables; punctuation and symbols separate them."""
    # Folding removes every mark, so where `normalize` would put a tone mark cannot matter: skipping it halves the
    # cost (same syllables on every shipped and ALQAC passage).
    return _WORD.findall(fold_diacritics(text).lower())


def with_bigrams(units: list[str]) -> list[str]:
    """Syllable unigrams followed by adjacent-syllable bigrams."""
    return units + [f"{a}_{b}" for a, b in itertools.pairwise(units)]


def words_and_pairs(texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Every syllable of the texts, and every pair of adjacent syllables within one text ("a_b")."""
    words: set[str] = set()
    pairs: set[str] = set()
    for text in texts:
        units = syllables(text)
        words.update(units)
        pairs.update(f"{a}_{b}" for a, b in itertools.pairwise(units))
    return frozenset(words), frozenset(pairs)


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
