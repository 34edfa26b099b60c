"""Vietnamese terms typed inside an English question ("a hộ kinh doanh", "lệ phí môn bài", "Nghị định 80")."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.folding import fold_diacritics

__all__ = ["is_marker", "vietnamese_runs", "with_runs"]

_WORD = re.compile(r"[^\W_]+")
# The shape of one Vietnamese syllable without its marks: initial consonants, a vowel group, a final. "café"
# (f after a vowel) and "Nguyễn's" are not one; "kinh", "doanh", "nghị" are.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|oai|oay|oeo|uay|uoi|uou|ieu|yeu|ươ|[aeiouy]{1,3})"
    r"(?:ng|nh|ch|[cmnpt])?"
)
MARKER = "vnrun"  # a run is replaced by MARKER and its index: a token the lexicon never has ("vnrun0")
_MARKER = re.compile(MARKER + r"\d+")


def is_marker(word: str) -> bool:
    """Whether a word of the marked text stands for a Vietnamese run."""
    return _MARKER.fullmatch(word) is not None


def _accented(word: str) -> bool:
    return fold_diacritics(word) != word


def _syllable(word: str) -> bool:
    return _SYLLABLE.fullmatch(fold_diacritics(word).lower()) is not None


def vietnamese_runs(text: str, english: Callable[[str], bool]) -> tuple[str, list[str]]:
    """The text with each Vietnamese run replaced by a marker, and the runs in order.

    A run is a sequence of words, apart only by spaces, each a Vietnamese syllable in shape, holding at least one
    with Vietnamese marks; an unmarked word joins it unless `english` claims it ("Long Biên" keeps only "Biên").
    """
    runs: list[str] = []
    out: list[str] = []
    position = 0
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _in_run(words[j].group(), english) and (j == i or _spaced(text, words[j - 1 : j + 1])):
            j += 1
        run = [m.group() for m in words[i:j]]
        if run and any(map(_accented, run)):
            out.append(f"{text[position : words[i].start()]} {MARKER}{len(runs)} ")
            runs.append(" ".join(run).lower())
            position = words[j - 1].end()
        i = max(j, i + 1)
    out.append(text[position:])
    return "".join(out), runs


def _in_run(word: str, english: Callable[[str], bool]) -> bool:
    return _syllable(word) and (_accented(word) or not english(word.lower()))


def _spaced(text: str, pair: list[re.Match[str]]) -> bool:
    return text[pair[0].end() : pair[1].start()].isspace()


def with_runs(phrases: list[str], runs: list[str]) -> list[str]:
    """The phrases with each run in its marker's place, unless the phrases already say it: "an invention patent
    (Bằng độc quyền sáng chế)" would otherwise weigh the patent's title twice."""
    said = f" {fold_diacritics(' '.join(p for p in phrases if not is_marker(p)))} "
    out = []
    for phrase in phrases:
        if not is_marker(phrase):
            out.append(phrase)
        elif f" {fold_diacritics(run := runs[int(phrase.removeprefix(MARKER))])} " not in said:
            out.append(run)
    return out
