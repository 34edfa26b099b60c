"""Vietnamese terms typed inside an English question ("a hộ kinh doanh", "lệ phí môn bài", "Nghị định 80")."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable

from knowledge.folding import fold_diacritics
from retrieval.language import SYLLABLE

__all__ = ["VietnameseTerms", "is_marker", "with_runs"]

_WORD = re.compile(r"[^\W_]+")
# A greeting or a form of address at a run's edge is no term: "Chào anh, how long ..." ("anh" is also the UK). Matched
# as typed, not folded: folded, "Hà" (Hà Nội) would read as "hả". One forming a pair of the lexicon with its neighbour
# stays ("cho vay", "ban quản lý").
_EDGE = frozenset(
    "chào chao anh chị chi em ơi oi ạ à nhé nhe nha nhỉ bạn ban ad admin cho hỏi hoi xin kính gửi thưa mình minh "
    "tôi toi tui mọi người mn vậy vay với voi là".split()
)
MARKER = "vnrun"  # a run is replaced by MARKER and its index: a token the lexicon never has ("vnrun0")
_MARKER = re.compile(MARKER + r"\d+")
# Typed by the asker, it is split from any digits after it, so it never reads as a marker.
_TYPED_MARKER = re.compile(MARKER, re.IGNORECASE)


def is_marker(word: str) -> bool:
    """Whether a word of the marked text stands for a Vietnamese run."""
    return _MARKER.fullmatch(word) is not None


def _folded(word: str) -> str:
    return fold_diacritics(word).lower()


def _accented(word: str) -> bool:
    return fold_diacritics(word) != word


class VietnameseTerms:
    """The syllables and word pairs of the English lexicon's Vietnamese side: what a typed run is judged by."""

    def __init__(self, phrases: Iterable[str]) -> None:
        split = [_folded(p).split() for p in phrases]
        self._syllables = frozenset(s for words in split for s in words)
        self._pairs = frozenset(pair for words in split for pair in itertools.pairwise(words))

    def runs(self, text: str, english: Callable[[str], bool]) -> tuple[str, list[str]]:
        """The text with each Vietnamese run (see `_joins`) replaced by a marker, and the runs in order."""
        text = _TYPED_MARKER.sub(f"{MARKER} ", unicodedata.normalize("NFC", text))  # a phone may send decomposed marks
        runs: list[str] = []
        out: list[str] = []
        position, i = 0, 0
        words = list(_WORD.finditer(text))
        while i < len(words):
            j = i
            while j < len(words) and self._joins(words, j, i, english) and (j == i or _spaced(text, words, j)):
                j += 1
            span = [m.group() for m in words[i:j]]
            if any(map(_accented, span)):  # a greeting alone ("Chào anh,") is left out altogether
                run = self._trimmed(span)
                out.append(f"{text[position : words[i].start()]} {f'{MARKER}{len(runs)}' if run else ''} ")
                runs += [" ".join(run).lower()] if run else []
                position = words[j - 1].end()
            i = max(j, i + 1)
        out.append(text[position:])
        return "".join(out), runs

    def unknown(self, runs: Iterable[str]) -> tuple[int, int]:
        """Of the runs of two syllables or more, those sharing no word pair with the lexicon, and all of them."""
        # "lý lịch tư pháp" is no subject of ours, "hộ kinh doanh" is: the first counts as untranslated.
        long = [_folded(r).split() for r in runs if " " in r]
        return sum(not self._pairs.intersection(itertools.pairwise(words)) for words in long), len(long)

    def _joins(self, words: list[re.Match[str]], j: int, start: int, english: Callable[[str], bool]) -> bool:
        """Whether words[j] belongs to the run started at `start`: a syllable in shape, marked, or one the lexicon's
        Vietnamese has and English does not claim, or one forming a lexicon pair with the word before ("Việt Nam")."""
        word = words[j].group()
        folded = _folded(word)
        # The shape of a syllable (language.SYLLABLE): "café" is not one; "kinh", "nghị" are, and so are English words
        # such as "team", which only the lexicon's Vietnamese syllables tell apart.
        if SYLLABLE.fullmatch(folded) is None:
            return False
        if _accented(word) or (j > start and (_folded(words[j - 1].group()), folded) in self._pairs):
            return True
        return folded in self._syllables and not english(folded)

    def _trimmed(self, run: list[str]) -> list[str]:
        """The run without the greetings and forms of address at its edges."""
        while len(run) > 1 and self._edge(run[0], run[1]):
            run = run[1:]
        while len(run) > 1 and self._edge(run[-1], run[-2]):
            run = run[:-1]
        return [] if len(run) == 1 and run[0].lower() in _EDGE else run

    def _edge(self, word: str, neighbour: str) -> bool:
        a, b = _folded(word), _folded(neighbour)
        return word.lower() in _EDGE and (a, b) not in self._pairs and (b, a) not in self._pairs


def _spaced(text: str, words: list[re.Match[str]], j: int) -> bool:
    """Whether words[j] follows the word before it across spaces or a hyphen only ("hộ-kinh-doanh")."""
    between = text[words[j - 1].end() : words[j].start()]
    return between.isspace() or between == "-"


def with_runs(phrases: list[str], runs: list[str]) -> list[str]:
    """The phrases with each run in its marker's place, unless the phrases already say it."""
    # "an invention patent (Bằng độc quyền sáng chế)" would otherwise weigh the patent's title twice.
    said = f" {fold_diacritics(' '.join(p for p in phrases if not is_marker(p)))} "
    out = []
    for phrase in phrases:
        if not is_marker(phrase):
            out.append(phrase)
        elif f" {fold_diacritics(run := runs[int(phrase.removeprefix(MARKER))])} " not in said:
            out.append(run)
    return out
