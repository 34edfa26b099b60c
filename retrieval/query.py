"""Question text -> query tokens: boilerplate stripped, glossary abbreviations and synonyms expanded."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.folding import fold_diacritics, normalize
from retrieval.text import syllables, with_bigrams

__all__ = ["Expansion", "Glossary", "Query", "analyze", "asking_sentences", "tells_a_story", "without_seams"]

# Answer-format tails ("..., đúng hay sai?", "... không?") say nothing about the topic.
_TAIL = re.compile(r"\b(?:dung hay sai|hay khong|khong)\W*$")
# A short "X là gì?" asks for a definition, and definitions live in the "Giải thích từ ngữ" article.
_DEFINITION = re.compile(
    r"^(?:\S+\s+){1,8}(?:la (?:gi|j)|nghia la (?:gi|j)|duoc hieu la (?:gi|j)|duoc hieu nhu the nao)"
    r"(?:\s+(?:z|v|vay|a|ak|the|nhi|nhe|ad))*\W*$"  # "quỹ phát triển khcn là j z"
    # "thế nào thì được gọi là DNNVV do phụ nữ làm chủ", "với lại thế nào mới gọi là DN do phụ nữ làm chủ, vợ mình
    # đứng tên 40% có tính không": what it names ends at the first comma
    r"|^(?:(?:voi lai|cho (?:em|minh|toi) hoi|vay|con)\s+)?(?:the nao|nhu the nao|ntn)(?: thi| moi)*(?: (?:duoc|dc))?"
    r"(?: (?:goi|coi|xem|hieu|tinh))? la(?:\s+[^\s,]+){1,8}(?:\W*$|,)"
)
_DEFINITIONS_TITLE = ("giai", "thich", "tu", "ngu")


class Expansion(NamedTuple):
    """A phrase of the question and an alternative phrase searched alongside it."""

    source: tuple[str, ...]
    alternative: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """Folded syllable phrases mapped to the phrases that should also be searched."""

    expansions: Mapping[tuple[str, ...], Sequence[tuple[str, ...]]] = field(default_factory=dict)
    # Each folded phrase as written in the glossary, with its diacritics, for telling users how we read them.
    spelled: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    _reverse: dict[tuple[str, ...], list[str]] | None = field(default=None, repr=False, compare=False)
    _starts: dict[str, tuple[int, ...]] | None = field(default=None, repr=False, compare=False)
    _joins: dict[str, list[tuple[str, ...]]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_pairs(cls, pairs: Mapping[str, Sequence[str]]) -> Glossary:
        """Build from {'dnnvv': ['doanh nghiệp nhỏ và vừa'], ...}; keys and values are folded."""
        table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        spelled: dict[tuple[str, ...], str] = {}
        for key, values in pairs.items():
            phrase = tuple(syllables(key))
            if not phrase:
                continue
            spelled.setdefault(phrase, key)
            bucket = table.setdefault(phrase, [])
            for value in values:
                alt = tuple(syllables(value))
                if alt and alt != phrase and alt not in bucket:
                    bucket.append(alt)
                    spelled.setdefault(alt, value)
        return cls(table, spelled)

    def reading(self, expansion: Expansion) -> tuple[str, str] | None:
        """How to tell a user this expansion: (their words, the documents' words), or None for a reverse one."""
        if len(expansion.alternative) < 2 and len(expansion.source) > 1:
            return None  # "doanh nghiệp" searched as "dn" as well: nothing to tell
        source = self.spelled.get(expansion.source, " ".join(expansion.source))
        target = self.spelled.get(expansion.alternative, " ".join(expansion.alternative))
        return (source, target) if source and target else None

    def expand(self, units: list[str]) -> tuple[list[str], list[Expansion]]:
        """Spell out one-syllable abbreviations inline; return every other expansion separately."""
        inline: list[str] = []
        extra: list[Expansion] = []
        for unit in self.join(units):
            if isinstance(unit, tuple):  # "KH&CN" searched as typed (as the documents write it), not as "kế hoạch cn"
                inline.extend(unit)
                continue
            alts = self.expansions.get((unit,), ())
            if alts and len(alts[0]) > 1:
                inline.extend(alts[0])
                extra.extend(Expansion(alts[0], alt) for alt in [(unit,), *alts[1:]])
            else:
                inline.append(unit)
                extra.extend(Expansion((unit,), alt) for alt in alts)
        abbreviations = self._abbreviations()
        sizes = self._sizes()
        places = sorted((size, start) for start, w in enumerate(inline) for size in sizes.get(w, ()))
        for size, start in places:  # shorter phrases first, as the readings are listed
            phrase = tuple(inline[start : start + size])
            if len(phrase) == size and phrase not in self._joined().get(phrase[0], ()):
                extra.extend(Expansion(phrase, alt) for alt in self.expansions.get(phrase, ()))
                # Spelled out or abbreviated, a phrase reads the same: "doanh nghiệp nhỏ và vừa" is also "dnnvv".
                extra.extend(Expansion(phrase, (short,)) for short in abbreviations.get(phrase, ()))
        return inline, list(dict.fromkeys(extra))

    def join(self, units: list[str]) -> list[str | tuple[str, ...]]:
        """The units, with each abbreviation the glossary writes with "&" or "/" ("kh&cn", "c/o") as one tuple."""
        out: list[str | tuple[str, ...]] = []
        i = 0
        while i < len(units):
            phrase = next((p for p in self._joined().get(units[i], ()) if tuple(units[i : i + len(p)]) == p), None)
            out.append(phrase or units[i])
            i += len(phrase) if phrase else 1
        return out

    def _joined(self) -> dict[str, list[tuple[str, ...]]]:
        """First syllable -> the glossary's abbreviations written with "&" or "/" that `expand` would otherwise
        break up: "kh&cn" is not "kh" (kế hoạch) and "cn". Spelling one out as well cost more than it gained on
        the dev splits (the documents write "KH&CN" themselves): 2 Vietnamese and 3 English answers more wrong."""
        if self._joins is None:
            joins: dict[str, list[tuple[str, ...]]] = {}
            for phrase, alts in self.expansions.items():
                spelled = self.spelled.get(phrase, "")
                joined = len(phrase) > 1 and ("&" in spelled or "/" in spelled) and alts and len(alts[0]) > len(phrase)
                if joined and any(self._spelled_out(w) for w in phrase):  # else it is found as any phrase is
                    joins.setdefault(phrase[0], []).append(phrase)
            object.__setattr__(self, "_joins", joins)
        assert self._joins is not None
        return self._joins

    def _spelled_out(self, unit: str) -> bool:
        """Whether `expand` puts a longer phrase in place of this one-syllable abbreviation."""
        alts = self.expansions.get((unit,), ())
        return bool(alts) and len(alts[0]) > 1

    def _sizes(self) -> dict[str, tuple[int, ...]]:
        """First syllable -> the lengths of the multi-syllable phrases that start with it, worked out once: a
        question's words are then looked up only where a phrase can start."""
        if self._starts is None:
            sizes: dict[str, set[int]] = {}
            for phrase in [*self.expansions, *self._abbreviations()]:
                if len(phrase) > 1:
                    sizes.setdefault(phrase[0], set()).add(len(phrase))
            object.__setattr__(self, "_starts", {w: tuple(sorted(n)) for w, n in sizes.items()})
        assert self._starts is not None
        return self._starts

    def _abbreviations(self) -> dict[tuple[str, ...], list[str]]:
        """Spelled-out phrase -> the one-syllable abbreviations that stand for it."""
        if self._reverse is None:
            reverse: dict[tuple[str, ...], list[str]] = {}
            for key, alts in self.expansions.items():
                if len(key) == 1 and alts and len(alts[0]) > 1:
                    reverse.setdefault(alts[0], []).append(key[0])
            object.__setattr__(self, "_reverse", reverse)
        assert self._reverse is not None
        return self._reverse


@dataclass(frozen=True)
class Query:
    """An analysed question: its main syllables, glossary additions and final tokens."""

    text: str
    units: list[str]
    extra: list[Expansion]
    tokens: list[str]
    readings: list[tuple[str, str]] = field(default_factory=list)  # (user's words, documents' words)
    seams: frozenset[str] = frozenset()  # pairs that join two translated phrases: no pair the asker wrote


def without_seams(query: Query, phrases: Sequence[str]) -> Query:
    """A translated query without the word pairs that only exist where one phrase ends and the next begins."""
    # "rcep rules of origin circular" reads "... khu vực quy tắc xuất xứ thông tư": "vực quy" and "xứ thông" are no
    # one's words, yet a passage that happens to have them ("xuất xứ thống nhất") gained their high idf. A number's
    # join is the asker's own ("doanh thu 20 tỷ").
    pieces = [syllables(p) for p in phrases]
    inside = {f"{a}_{b}" for units in pieces for a, b in itertools.pairwise(units)}
    joins = itertools.pairwise(u for u in pieces if u)
    seams = {f"{a[-1]}_{b[0]}" for a, b in joins if not _has_digit(a[-1]) and not _has_digit(b[0])} - inside
    if not seams:
        return query
    tokens = [t for t in query.tokens if t not in seams]
    return Query(query.text, query.units, query.extra, tokens, query.readings, frozenset(seams))


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# "mấy" asks only before what it counts: folded, "máy tách hạt" and "dệt may" read the same
_ASKING = re.compile(
    r"\?|\b(?:khong|ko|k|hok|hong|chua|bao nhieu|bn|bao lau|bao gio|gi|j|nao|sao|the nao|ntn|ai|o dau|"
    r"may (?:nam|thang|ngay|tuan|lan|nguoi|loai|buoc|muc|phan tram|tien|trieu|ty|dieu|khoan)|"
    r"duoc khong|co phai|phai khong|dung khong|can)\b"
)
STORY_WEIGHT = 2


def _sentences(text: str) -> list[str]:
    return [s for s in _CLAUSE_END.split(text) if s.strip()]


def asking_sentences(text: str) -> list[str]:
    """The sentences of a story that ask; every sentence of a message where none, or each, asks."""
    sentences = _sentences(text)
    asking = [s for s in sentences if _ASKING.search(fold_diacritics(s).lower())]
    return asking if 0 < len(asking) < len(sentences) else sentences


STORY_WORDS = 16  # words a message of several sentences needs to be read as a story


def tells_a_story(text: str) -> bool:
    """Whether a message tells something around what it asks: several sentences, 16 words or more."""
    return len(_sentences(text)) > 1 and len(text.split()) >= STORY_WORDS


def _emphasis(folded: str, asked: str) -> list[str]:
    """The sentences to search; in a story, the ones that ask count twice: the details around them matter less."""
    # Which ones ask is read before the tail is dropped (`asked`): "... thu giữ hàng được không?" asks by its tail.
    sentences = _sentences(folded)
    asks = [_ASKING.search(s.lower()) is not None for s in _sentences(asked)]  # already folded
    asking = [s for s, a in zip(sentences, asks, strict=False) if a]
    if not 0 < len(asking) < len(sentences):
        return sentences
    return sentences + asking * (STORY_WEIGHT - 1)


def analyze(question: str, glossary: Glossary | None = None) -> Query:
    """Tokens for BM25; folded, so a question with or without diacritics gives the same tokens."""
    whole = fold_diacritics(normalize(question)).strip()
    folded = _TAIL.sub("", whole)
    # A phrase is read within one sentence: "... tối đa bao nhiêu? Chương trình ..." asks no "bao nhiêu chương".
    pieces = [syllables(s) for s in _emphasis(folded, whole)]
    raw = [u for piece in pieces for u in piece]
    units: list[str] = raw
    extra: list[Expansion] = []
    readings: list[tuple[str, str]] = []
    if glossary is not None:
        expanded = [glossary.expand(piece) for piece in pieces if piece]
        units = [u for inline, _ in expanded for u in inline]
        extra = list(dict.fromkeys(x for _, more in expanded for x in more))
        readings = _readings(glossary, raw, extra)
    if _DEFINITION.match(folded):
        extra.append(Expansion((), _DEFINITIONS_TITLE))
    tokens = with_bigrams(units)
    for expansion in extra:
        tokens.extend(with_bigrams(list(expansion.alternative)))
    return Query(question, units, extra, tokens, readings)


def _readings(glossary: Glossary, raw: list[str], extra: list[Expansion]) -> list[tuple[str, str]]:
    """Abbreviations spelled out, then phrases searched in the documents' words; each reading once."""
    found: dict[tuple[str, str], None] = {}
    for unit in dict.fromkeys(u for u in glossary.join(raw) if isinstance(u, str)):  # "KH&CN" is searched as typed
        alts = glossary.expansions.get((unit,), ())
        if alts and len(alts[0]) > 1:
            found[(glossary.spelled.get((unit,), unit), glossary.spelled.get(alts[0], " ".join(alts[0])))] = None
    for expansion in extra:
        if (pair := glossary.reading(expansion)) is not None and pair[0] != pair[1]:
            found[pair] = None
    return list(found)
