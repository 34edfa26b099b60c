"""English questions: translated into the documents' Vietnamese terms, and matched against the English glosses.

The lexicon (knowledge/lexicon_en.yaml) maps English words and phrases to Vietnamese ones; the longest phrase wins,
so "rules of origin" becomes "quy tắc xuất xứ" before "origin" alone could. Document codes and numbers pass
through ("decree 80/2021", "CPTPP"). Words the lexicon does not know are dropped from the Vietnamese query but
still search the English glosses of the passages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from retrieval.english_tokens import CODE, STOP, english_words, stem
from retrieval.spelling import Speller
from retrieval.typed_vietnamese import VietnameseTerms, is_marker, with_runs

__all__ = ["Translation", "Translator", "gloss_words"]

LONGEST_PHRASE = 6
# "What is X?" asks what X is: X's translation searches with "là gì", as the Vietnamese question would. Not "what is
# the maximum ...", "what's our share" (a value), nor "what is required/meant ..." (a participle follows).
_DEFINING = re.compile(
    r"^\W*(?:(?:and|also|so|but|then) )?"  # a later question of a message: "And what is a trade secret?"
    r"(?:(?:what(?: i|')s|whats|wat is|wats|what are) (?!the |my |our |your |its |their |this |that |it )|define "
    r"|what(?: i|')s (?:this|that) (?=[\w.&-]+ thing\b))"  # "what is this DTMarket thing"
)
_DEFINING_MEAN = re.compile(r"^\W*what does .+ mean\W*$|\bwhat(?: i|')s (?:it|that|this)\W*$")
# "when" asks for a date at the start or end of a question, after "from"/"since"/"until", and before an auxiliary
# ("when did it enter into force"); elsewhere it joins a clause ("calculated when deciding whether", "duties when
# CPTPP started") and asks for no date, so it must not pull the question towards passages full of dates.
_WHEN_ASKS = {"did", "does", "do", "will", "was", "were", "is", "are", "and", "exactly"}
_WHEN_AFTER = {"from", "since", "until", "till"}


def _joins_clause(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is a "when" that joins a clause rather than asking when."""
    if words[i] != "when" or i == 0 or i == len(words) - 1:
        return False
    return words[i - 1] not in _WHEN_AFTER and words[i + 1] not in _WHEN_ASKS


def _defined_from(question: str) -> int | None:
    """The word from which "what is X" names its X (after the asking words), or None when it asks no definition."""
    text = question.lower().replace("\u2019", "'")
    if (start := _DEFINING.match(text)) is not None:
        return len(english_words(start.group()))
    return 0 if _DEFINING_MEAN.search(text) else None


@dataclass(frozen=True)
class Translation:
    """An English question read in Vietnamese: its Vietnamese phrases and each (English, Vietnamese) phrase used."""

    phrases: tuple[str, ...]  # the Vietnamese phrases, in order
    readings: list[tuple[str, str]]
    english: list[str]
    untranslated: float = 0.0  # share of the question's content words the lexicon could not translate

    @property
    def vietnamese(self) -> str:
        """The query text: the phrases joined."""
        return " ".join(self.phrases)


class Translator:
    """Longest-phrase-first English -> Vietnamese over the lexicon, forgiving small typos in longer words."""

    def __init__(self, lexicon: Mapping[str, Sequence[str]]) -> None:
        table: dict[tuple[str, ...], list[str]] = {}
        for key, values in lexicon.items():
            words = tuple(english_words(key))
            if words:  # an empty list of values is kept: the phrase asks for nothing
                table.setdefault(words, list(values))
        self._setup(table)

    @classmethod
    def from_table(cls, table: dict[tuple[str, ...], list[str]]) -> Translator:
        """A translator over a `table` another one made (retrieval.lexicon_tables keeps it on disk)."""
        translator = cls.__new__(cls)
        translator._setup(table)
        return translator

    def _setup(self, table: dict[tuple[str, ...], list[str]]) -> None:
        self.table = table  # English words of a lexicon phrase -> its Vietnamese terms
        self._speller = Speller(table)

    # The lexicon's Vietnamese side (for Vietnamese terms typed in a question) is worked out on the first English
    # question, not at start-up: a translator made from the on-disk tables (`from_table`) is otherwise ready in 3 ms.
    @functools.cached_property
    def _vietnamese(self) -> VietnameseTerms:
        return VietnameseTerms(v for values in self.table.values() for v in values)

    def correct(self, word: str) -> str:
        """The lexicon word a misspelt one stands for, or the word itself."""
        return self._speller.correct(word)

    def misspellings_of(self, word: str) -> tuple[str, ...]:
        """The words a listed misspelling stands for ("trademak": trademark); not other forms ("licensed": licenses)."""
        return self._speller.misspellings_of(word)

    def _english(self, word: str) -> bool:
        return word in STOP or word in self._speller.known or stem(word) in self._speller.known

    def _lookup(self, words: Sequence[str]) -> list[str] | None:
        found = self.table.get(tuple(words))
        if found is None and len(words) == 1:
            found = self.table.get((stem(words[0]),))
        return found

    def _phrase_at(
        self, words: Sequence[str], i: int, typos: Sequence[bool]
    ) -> tuple[tuple[str, ...], list[str]] | None:
        """The longest lexicon phrase starting at words[i], as written or with a typo, and its Vietnamese terms."""
        for size in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
            # "when" joining a clause is no date, though a phrase starting with it ("when signed") may be one.
            found = None if size == 1 and _joins_clause(words, i) else self._lookup(words[i : i + size])
            phrase = tuple(words[i : i + size])
            typed = self._speller.phrase_with_typos(phrase, typos[i : i + size]) if found is None and size > 1 else None
            if typed is not None:
                return typed, self.table[typed]
            if found is not None:  # an empty entry ("in terms of": []) is a phrase that asks for nothing
                return phrase, found
        return None

    def translate(self, question: str) -> Translation:
        """The Vietnamese query for an English question."""
        text, runs = self._vietnamese.runs(question, self._english)
        words = [w if is_marker(w) else self.correct(w) for w in english_words(text)]
        typos = self._speller.typos(words)
        out: list[str] = []
        readings: list[tuple[str, str]] = []
        used: set[str] = set()
        defined = _defined_from(text)
        i = 0
        while i < len(words):
            if is_marker(words[i]):  # a Vietnamese term typed as the documents have it is searched as typed
                out += [words[i], "là gì"] if defined is not None and i >= defined else [words[i]]
                defined, i = (None if defined is not None and i >= defined else defined), i + 1
                continue
            defining = defined is not None and i >= defined
            if defining and words[i].endswith("ed"):  # "what is required", "what is meant by": no term is defined
                defined, defining = None, False
            matched = self._phrase_at(words, i, typos)
            if matched is None:
                if CODE.match(words[i]):
                    out.append(f"{words[i]} là gì" if defining else words[i])  # a number or name searches as is
                    defined = None if defining else defined
                i += 1
                continue
            phrase, found = matched
            readings += [(" ".join(phrase), found[0])] if found else []
            if defining and found:  # "what is DTMarket" searches "DTMarket là gì"
                found, defined = [f"{found[0]} là gì", *found[1:]], None
            out.extend(found)
            used.update(words[i : i + len(phrase)])
            i += len(phrase)
        out = with_runs(out, runs)
        content = [w for w in words if w not in STOP and not CODE.match(w)]
        unknown_runs, long_runs = self._vietnamese.unknown(runs)  # "lý lịch tư pháp" is no more ours than in English
        missed, total = sum(w not in used for w in content) + unknown_runs, len(content) + long_runs
        untranslated = missed / total if total else 0.0
        english = [w for w in words if w not in STOP and not is_marker(w)]
        return Translation(tuple(out), readings, english, untranslated)


def gloss_words(gloss: str) -> list[str]:
    """The words of an English gloss as its BM25 field indexes them: stemmed, function words left out."""
    return [stem(w) for w in english_words(gloss) if w not in STOP]
