"""Question text -> query tokens: boilerplate stripped, glossary abbreviations and synonyms expanded."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.folding import fold_diacritics, normalize
from retrieval.text import syllables, with_bigrams

__all__ = ["Expansion", "Glossary", "Query", "analyze"]

# Answer-format tails ("..., đúng hay sai?", "... không?") say nothing about the topic.
_TAIL = re.compile(r"\b(?:dung hay sai|hay khong|khong)\W*$")
# A short "X là gì?" asks for a definition, and definitions live in the "Giải thích từ ngữ" article.
_DEFINITION = re.compile(r"^(?:\S+\s+){1,8}(?:la gi|nghia la gi|duoc hieu la gi|duoc hieu nhu the nao)\W*$")
_DEFINITIONS_TITLE = ("giai", "thich", "tu", "ngu")


class Expansion(NamedTuple):
    """A phrase of the question and an alternative phrase searched alongside it."""

    source: tuple[str, ...]
    alternative: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """Folded syllable phrases mapped to the phrases that should also be searched."""

    expansions: Mapping[tuple[str, ...], Sequence[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Mapping[str, Sequence[str]]) -> Glossary:
        """Build from {'dnnvv': ['doanh nghiệp nhỏ và vừa'], ...}; keys and values are folded."""
        table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key, values in pairs.items():
            phrase = tuple(syllables(key))
            if not phrase:
                continue
            bucket = table.setdefault(phrase, [])
            for value in values:
                alt = tuple(syllables(value))
                if alt and alt != phrase and alt not in bucket:
                    bucket.append(alt)
        return cls(table)

    def expand(self, units: list[str]) -> tuple[list[str], list[Expansion]]:
        """Spell out one-syllable abbreviations inline; return every other expansion separately."""
        inline: list[str] = []
        extra: list[Expansion] = []
        for unit in units:
            alts = self.expansions.get((unit,), ())
            if alts and len(alts[0]) > 1:
                inline.extend(alts[0])
                extra.extend(Expansion(alts[0], alt) for alt in [(unit,), *alts[1:]])
            else:
                inline.append(unit)
                extra.extend(Expansion((unit,), alt) for alt in alts)
        longest = max((len(p) for p in self.expansions), default=0)
        for size in range(2, longest + 1):
            for start in range(len(inline) - size + 1):
                phrase = tuple(inline[start : start + size])
                extra.extend(Expansion(phrase, alt) for alt in self.expansions.get(phrase, ()))
        return inline, list(dict.fromkeys(extra))


@dataclass(frozen=True)
class Query:
    """An analysed question: its main syllables, glossary additions and final tokens."""

    text: str
    units: list[str]
    extra: list[Expansion]
    tokens: list[str]


def analyze(question: str, glossary: Glossary | None = None) -> Query:
    """Tokens for BM25; folded, so a question with or without diacritics gives the same tokens."""
    folded = _TAIL.sub("", fold_diacritics(normalize(question)).strip())
    units = syllables(folded)
    extra: list[Expansion] = []
    if glossary is not None:
        units, extra = glossary.expand(units)
    if _DEFINITION.match(folded):
        extra.append(Expansion((), _DEFINITIONS_TITLE))
    tokens = with_bigrams(units)
    for expansion in extra:
        tokens.extend(with_bigrams(list(expansion.alternative)))
    return Query(question, units, extra, tokens)
