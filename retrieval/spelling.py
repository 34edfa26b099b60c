"""Typos in English questions: a misspelt word read as the lexicon word it stands for, alone or inside a phrase."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from retrieval.english_tokens import CODE, STOP, other_form, stem
from retrieval.naming import AGREEMENT_NAME

__all__ = ["Speller"]

TYPO_MIN_LENGTH = 5  # shorter words are too easily confused with other words to correct
# One typo is forgiven, whatever the length. Two turned real words the lexicon lacks into others it has: on the
# English dev splits "weather" became "water", "looking" "lodging", "running" "renting", "actually" "annually",
# "cheaper" "chapter"; every misspelling there ("priorty", "registraton", "industiral") is one edit away.
TYPOS = 1
PHRASE_TYPO_MIN_LENGTH = 4  # inside a known phrase a shorter word is still too often another word ("in", "on")
# A word with an inflection is a real word in another form, not a misspelling of a word without it:
# "worked" is not "worker", nor "started" "shared". "registred" may still become "registered".
_INFLECTED = ("ed", "ing")
# In a word of under 8 letters one changed letter makes another real word more often than a typo ("march"/"match",
# "stake"/"stage"); a letter missed, doubled or swapped is still forgiven ("tarif", "privat").
SHORT_WORD = 8
# Everyday words one edit from a lexicon word that none of the rules above protects: "write" would become "writer"
# (tác giả), "treats" "threats". Left as typed, they stay untranslated, as any other word the lexicon lacks.
_REAL_WORDS = frozenset({"write", "writes", "treat", "treats", "relate", "relates"})


def edits(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (a swap counts once), or limit + 1 once it is sure to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


class Speller:
    """The lexicon's English words and phrases, read for the word or phrase a misspelt one stands for."""

    def __init__(self, table: dict[tuple[str, ...], list[str]]) -> None:
        """`table`: the lexicon's English words of a phrase -> its Vietnamese terms."""
        self._table = table
        # Typos are corrected towards words of phrases that translate ("shirt" must not become "short" of "short-term").
        self._words = sorted({w for key, values in table.items() if values for w in key if len(w) >= TYPO_MIN_LENGTH})
        self._corrections: dict[str, str] = {}

    # The tables for typos inside a phrase are worked out on the first English question, not at start-up: a
    # translator made from the on-disk tables is otherwise ready in 3 ms, and these take 40.
    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Every word of a lexicon phrase."""
        return frozenset(w for key in self._table for w in key)

    @functools.cached_property
    def _spellings(self) -> dict[str, tuple[str, ...]]:
        """A one-word key -> the one-word keys one edit from it with the same translation ("trademak", "trademarks")."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for key, values in self._table.items():
            if len(key) == 1 and values:
                groups.setdefault(tuple(values), []).append(key[0])
        return {
            w: others for group in groups.values() for w in group
            if (others := tuple(o for o in group if o != w and o[0] == w[0] and edits(w, o, 1) <= 1))
        }  # fmt: skip

    def misspellings_of(self, word: str) -> tuple[str, ...]:
        """The words a listed misspelling stands for ("trademak": trademark); not other forms ("licensed": licenses)."""
        return tuple(o for o in self._spellings.get(word, ()) if not other_form(o, word))

    @functools.cached_property
    def _phrases(self) -> dict[tuple[str, int], list[tuple[str, ...]]]:
        """(A word, a length) -> the translating phrases of that many words holding it."""
        phrases: dict[tuple[str, int], list[tuple[str, ...]]] = {}
        for key, values in self._table.items():
            if values and len(key) > 1:
                for word in set(key):
                    phrases.setdefault((word, len(key)), []).append(key)
        return phrases

    def correct(self, word: str) -> str:
        """The lexicon word a misspelt one stands for, or the word itself."""
        if len(word) < TYPO_MIN_LENGTH or word in STOP or word in _REAL_WORDS:
            return word
        if (word,) in self._table or (stem(word),) in self._table:
            return word
        if AGREEMENT_NAME.fullmatch(word):  # VKFTA is another agreement, not a misspelt UKVFTA
            return word
        if word not in self._corrections:  # bounded: one entry per distinct unknown word seen
            if len(self._corrections) > 10_000:
                self._corrections.clear()
            self._corrections[word] = self._closest(word)
        return self._corrections[word]

    def _closest(self, word: str) -> str:
        """The lexicon word one typo from `word`, or `word` itself."""
        ending = next((e for e in _INFLECTED if word.endswith(e)), "")
        candidates = [w for w in self._words if w[0] == word[0] and w.endswith(ending)]
        if len(word) < SHORT_WORD:  # no change of one letter for another: the lengths or the letters differ
            candidates = [w for w in candidates if len(w) != len(word) or sorted(w) == sorted(word)]
        best = min(((d, w) for w in candidates if (d := edits(word, w, TYPOS)) <= TYPOS), default=None)
        return best[1] if best else word

    def _misspelt(self, word: str) -> bool:
        """Whether a word may be a typo: in no lexicon phrase, not a function word, a code or a known real word."""
        return (
            len(word) >= PHRASE_TYPO_MIN_LENGTH
            and word not in self.known
            and stem(word) not in self.known
            and word not in STOP
            and word not in _REAL_WORDS
            and not CODE.match(word)
        )

    def typos(self, words: Sequence[str]) -> list[bool]:
        """For each word of a question, whether it may be a typo inside a phrase (worked out once per question)."""
        # A misspelling the lexicon lists as a word of its own ("suport": hỗ trợ) is still a typo inside a phrase.
        return [self._misspelt(w) or w in self._spellings for w in words]

    def phrase_with_typos(self, words: Sequence[str], typos: Sequence[bool]) -> tuple[str, ...] | None:
        """The lexicon phrase these words spell with a typo or two ("enty into forse"), or None."""
        # The words around a typo tell which word was meant, so a short word may have a letter changed, which
        # `correct` alone never allows.
        exact = [w for w, typo in zip(words, typos, strict=True) if not typo]
        if not any(typos) or not exact or (len(words) == 2 and exact[0] in STOP):
            return None
        for key in self._phrases.get((exact[0], len(words)), ()):
            if all(
                k == w or (typo and k[0] == w[0] and edits(w, k, 1) <= 1 and self._same_word(w, k))
                for w, k, typo in zip(words, key, typos, strict=True)
            ):
                return key
        return None

    def _same_word(self, typed: str, meant: str) -> bool:
        """Whether a typed word one edit from a phrase's word stands for it: unknown, or a listed spelling of it."""
        return typed not in self.known or self._table.get((typed,)) == self._table.get((meant,))
