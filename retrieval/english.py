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

from retrieval.language import ENGLISH_FUNCTION_WORDS
from retrieval.naming import AGREEMENT_NAME
from retrieval.typed_vietnamese import VietnameseTerms, is_marker, with_runs

__all__ = ["Translation", "Translator", "english_words", "gloss_words", "stem"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[/&.'-][a-z0-9]+)*")
_CODE = re.compile(r"^(?:\d[\w/.-]*|[a-z]*\d[\w/.-]*|cptpp|evfta|ukvfta|rcep|tpp|wto|eu|uk|asean)$")
_STOP = ENGLISH_FUNCTION_WORDS - {"company", "companies", "firm", "firms", "business", "start", "date", "term",
                                  "terms", "rules", "rule", "long", "vietnam", "vietnamese", "hanoi"}  # fmt: skip
LONGEST_PHRASE = 6
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
# "What is X?" asks what X is: X's translation searches with "là gì", as the Vietnamese question would. Not "what is
# the maximum ...", "what's our share" (a value), nor "what is required/meant ..." (a participle follows).
_DEFINING = re.compile(
    r"^\W*(?:(?:and|also|so|but|then) )?"  # a later question of a message: "And what is a trade secret?"
    r"(?:(?:what(?: i|')s|what are) (?!the |my |our |your |its |their |this |that |it )|define "
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


def english_words(text: str) -> list[str]:
    """Lowercase English tokens; '80/2021' and 'c/o' stay whole, and a phone's curly apostrophe is a straight one."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def _defined_from(question: str) -> int | None:
    """The word from which "what is X" names its X (after the asking words), or None when it asks no definition."""
    text = question.lower().replace("\u2019", "'")
    if (start := _DEFINING.match(text)) is not None:
        return len(english_words(start.group()))
    return 0 if _DEFINING_MEAN.search(text) else None


def _other_form(a: str, b: str) -> bool:
    """Whether two words differ only in an ending of s, e and d ("licensed", "licenses") or in hyphens."""
    a, b = re.sub(r"\W", "", a), re.sub(r"\W", "", b)
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return set(a[common:] + b[common:]) <= set("sed")


def stem(word: str) -> str:
    """A light plural/possessive strip, so 'trademarks' finds 'trademark' (only when the lexicon lacks the form)."""
    for suffix in ("'s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


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


def _edits(a: str, b: str, limit: int = 2) -> int:
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
        # Typos are corrected towards words of phrases that translate ("shirt" must not become "short" of "short-term").
        self._words = sorted({w for key, values in table.items() if values for w in key if len(w) >= TYPO_MIN_LENGTH})
        self._corrections: dict[str, str] = {}

    # The tables for typos inside a phrase, and the lexicon's Vietnamese side (for Vietnamese terms typed in a
    # question), are worked out on the first English question, not at start-up: a translator made from the on-disk
    # tables (`from_table`) is otherwise ready in 3 ms, and these take 40.
    @functools.cached_property
    def _vietnamese(self) -> VietnameseTerms:
        return VietnameseTerms(v for values in self.table.values() for v in values)

    @functools.cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(w for key in self.table for w in key)

    @functools.cached_property
    def _spellings(self) -> dict[str, tuple[str, ...]]:
        """A one-word key -> the one-word keys one edit from it with the same translation ("trademak", "trademarks")."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for key, values in self.table.items():
            if len(key) == 1 and values:
                groups.setdefault(tuple(values), []).append(key[0])
        return {
            w: others for group in groups.values() for w in group
            if (others := tuple(o for o in group if o != w and o[0] == w[0] and _edits(w, o, 1) <= 1))
        }  # fmt: skip

    def misspellings_of(self, word: str) -> tuple[str, ...]:
        """The words a listed misspelling stands for ("trademak": trademark); not other forms ("licensed": licenses)."""
        return tuple(o for o in self._spellings.get(word, ()) if not _other_form(o, word))

    @functools.cached_property
    def _phrases(self) -> dict[tuple[str, int], list[tuple[str, ...]]]:
        """(A word, a length) -> the translating phrases of that many words holding it."""
        phrases: dict[tuple[str, int], list[tuple[str, ...]]] = {}
        for key, values in self.table.items():
            if values and len(key) > 1:
                for word in set(key):
                    phrases.setdefault((word, len(key)), []).append(key)
        return phrases

    def _english(self, word: str) -> bool:
        return word in _STOP or word in self._known or stem(word) in self._known

    def _lookup(self, words: Sequence[str]) -> list[str] | None:
        found = self.table.get(tuple(words))
        if found is None and len(words) == 1:
            found = self.table.get((stem(words[0]),))
        return found

    def correct(self, word: str) -> str:
        """The lexicon word a misspelt one stands for, or the word itself."""
        if len(word) < TYPO_MIN_LENGTH or word in _STOP or word in _REAL_WORDS:
            return word
        if (word,) in self.table or (stem(word),) in self.table:
            return word
        if AGREEMENT_NAME.fullmatch(word):  # VKFTA is another agreement, not a misspelt UKVFTA
            return word
        if word not in self._corrections:  # bounded: one entry per distinct unknown word seen
            if len(self._corrections) > 10_000:
                self._corrections.clear()
            self._corrections[word] = self._closest(word)
        return self._corrections[word]

    def _closest(self, word: str) -> str:
        ending = next((e for e in _INFLECTED if word.endswith(e)), "")
        candidates = [w for w in self._words if w[0] == word[0] and w.endswith(ending)]
        if len(word) < SHORT_WORD:  # no change of one letter for another: the lengths or the letters differ
            candidates = [w for w in candidates if len(w) != len(word) or sorted(w) == sorted(word)]
        best = min(((d, w) for w in candidates if (d := _edits(word, w, TYPOS)) <= TYPOS), default=None)
        return best[1] if best else word

    def _misspelt(self, word: str) -> bool:
        """Whether a word may be a typo: in no lexicon phrase, not a function word, a code or a known real word."""
        return (
            len(word) >= PHRASE_TYPO_MIN_LENGTH
            and word not in self._known
            and stem(word) not in self._known
            and word not in _STOP
            and word not in _REAL_WORDS
            and not _CODE.match(word)
        )

    def _typos(self, words: Sequence[str]) -> list[bool]:
        """For each word of a question, whether it may be a typo inside a phrase (worked out once per question)."""
        # A misspelling the lexicon lists as a word of its own ("suport": hỗ trợ) is still a typo inside a phrase.
        return [self._misspelt(w) or w in self._spellings for w in words]

    def _phrase_with_typos(self, words: Sequence[str], typos: Sequence[bool]) -> tuple[str, ...] | None:
        """The lexicon phrase these words spell with a typo or two ("enty into forse"): the words around a typo tell
        which word was meant, so a short word may have a letter changed, which `correct` alone never allows."""
        exact = [w for w, typo in zip(words, typos, strict=True) if not typo]
        if not any(typos) or not exact or (len(words) == 2 and exact[0] in _STOP):
            return None
        for key in self._phrases.get((exact[0], len(words)), ()):
            if all(
                k == w or (typo and k[0] == w[0] and _edits(w, k, 1) <= 1 and self._same_word(w, k))
                for w, k, typo in zip(words, key, typos, strict=True)
            ):
                return key
        return None

    def _same_word(self, typed: str, meant: str) -> bool:
        """Whether a typed word one edit from a phrase's word stands for it: unknown, or a listed spelling of it."""
        return typed not in self._known or self.table.get((typed,)) == self.table.get((meant,))

    def translate(self, question: str) -> Translation:
        """The Vietnamese query for an English question."""
        text, runs = self._vietnamese.runs(question, self._english)
        words = [w if is_marker(w) else self.correct(w) for w in english_words(text)]
        typos = self._typos(words)
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
            for size in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
                # "when" joining a clause is no date, though a phrase starting with it ("when signed") may be one.
                found = None if size == 1 and _joins_clause(words, i) else self._lookup(words[i : i + size])
                phrase = tuple(words[i : i + size])
                typed = self._phrase_with_typos(phrase, typos[i : i + size]) if found is None and size > 1 else None
                if typed is not None:
                    found, phrase = self.table[typed], typed
                if found is not None:  # an empty entry ("in terms of": []) is a phrase that asks for nothing
                    readings += [(" ".join(phrase), found[0])] if found else []
                    if defining and found:  # "what is DTMarket" searches "DTMarket là gì"
                        found, defined = [f"{found[0]} là gì", *found[1:]], None
                    out.extend(found)
                    used.update(words[i : i + size])
                    i += size
                    break
            else:
                if _CODE.match(words[i]):
                    out.append(f"{words[i]} là gì" if defining else words[i])  # a number or name searches as is
                    defined = None if defining else defined
                i += 1
        out = with_runs(out, runs)
        content = [w for w in words if w not in _STOP and not _CODE.match(w)]
        unknown_runs, long_runs = self._vietnamese.unknown(runs)  # "lý lịch tư pháp" is no more ours than in English
        missed, total = sum(w not in used for w in content) + unknown_runs, len(content) + long_runs
        untranslated = missed / total if total else 0.0
        english = [w for w in words if w not in _STOP and not is_marker(w)]
        return Translation(tuple(out), readings, english, untranslated)


def gloss_words(gloss: str) -> list[str]:
    """The words of an English gloss as its BM25 field indexes them: stemmed, function words left out."""
    return [stem(w) for w in english_words(gloss) if w not in _STOP]
