"""What the re-ranker and the confidence gate look at: how much of the question a passage and its title cover.

Coverage is idf-weighted, over the question's content words and word pairs, after vocabulary mapping:
a passage that has the documents' phrase for a user's phrase covers that phrase.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.figures import Asked, stated_figures
from retrieval.query import Query
from retrieval.text import syllables

__all__ = [
    "FEATURE_NAMES",
    "FUNCTION_WORDS",
    "Candidate",
    "PassageTerms",
    "QueryTerms",
    "candidate_features",
    "fixed_terms",
]

FloatArray = npt.NDArray[np.float64]

# Words that carry no topic; ignored when judging how much of a question a passage covers.
FUNCTION_WORDS = frozenset(
    (
        "la gi nao bao nhieu co khong duoc cua va cac nhung cho ve theo thi the nhu toi minh em anh chi ban "
        "oi a nhe vay sao hay hoac voi tai trong tu den de khi ai dau o mot nay do ra vao lam bi neu ma con "
        "da se dang phai can muon xin hoi cai gia gium giup biet cho hien nay bay gio hom "
        "may roi xong moi luc thi vi nhe ak ntn sau truoc ve ko k j dc ad nha z v ha ah u "
        "cty shop minh mk mik mn ok ah uh nhi nhe thoi luon nua lai cung van chac hok r ay"
    ).split()
)
FEATURE_NAMES = (
    "bm25_relative", "bm25_log", "rank_inverse", "body_words", "body_pairs", "title_words", "title_pairs",
    "overview", "question_known", "question_pairs_known", "content_log", "named_this", "named_other",
    "keyword_match", "accented", "unknown_words", "figure_match", "numbers_missing", "type_cue",
)  # fmt: skip


def _pairs(words: Sequence[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True)
class PassageTerms:
    """Of the terms a question asks about, those a passage's body (with its title and document label) has; and the
    syllables and pairs of its title, its search phrases and its own text."""

    words: frozenset[str]
    pairs: frozenset[str]
    title_words: frozenset[str]
    title_pairs: frozenset[str]
    keyword_pairs: tuple[frozenset[str], ...] = ()  # the word pairs of each search phrase of the passage
    texts: tuple[str, ...] = ()  # its own text (and its note's): read for figures only when a question asks one

    def figures(self, kinds: frozenset[str]) -> frozenset[str]:
        """Of the given kinds of figure, those its texts state (retrieval.figures)."""
        return frozenset().union(*(stated_figures(t, kinds) for t in self.texts))

    def having(self, found: frozenset[str]) -> PassageTerms:
        """These terms with `found` (the asked terms the body has, as index.containing reads them) as the body's."""
        pairs = frozenset(t for t in found if "_" in t)
        # Built directly: dataclasses.replace costs more than the rest of the candidate's terms together.
        return PassageTerms(
            words=found - pairs, pairs=pairs, title_words=self.title_words, title_pairs=self.title_pairs,
            keyword_pairs=self.keyword_pairs, texts=self.texts,
        )  # fmt: skip


def fixed_terms(title: str, keywords: Sequence[str] = (), text: str = "") -> PassageTerms:
    """What a passage's terms hold whatever the question: its title's, its search phrases' and its text."""
    heading = syllables(title)
    phrases = tuple(p for p in (frozenset(_pairs(syllables(k))) for k in keywords) if p)
    return PassageTerms(frozenset(), frozenset(), frozenset(heading), frozenset(_pairs(heading)), phrases,
                        (text,) if text else ())  # fmt: skip


@dataclass(frozen=True)
class QueryTerms:
    """The question's content words and pairs with their idf, and its vocabulary expansions."""

    words: dict[str, float]
    pairs: dict[str, float]
    query: Query

    @classmethod
    def of(cls, query: Query, idf: Callable[[str], float]) -> QueryTerms:
        """Content words (not function words, not bare numbers) and the pairs touching them."""
        units = query.units
        words = {u: idf(u) for u in units if u not in FUNCTION_WORDS and not u.isdigit()}
        pairs = {  # a seam between two translated phrases is no pair the asker wrote (query.without_seams)
            f"{a}_{b}": idf(f"{a}_{b}")
            for a, b in itertools.pairwise(units)
            if (a in words or b in words) and f"{a}_{b}" not in query.seams
        }
        return cls(words, pairs, query)

    def asked(self) -> list[str]:
        """Every term the coverage of a passage is judged on: content words, pairs, and mapped phrases' words."""
        mapped = [w for e in self.query.extra for w in e.alternative]
        return [*self.words, *self.pairs, *mapped]

    def pair_set(self) -> frozenset[str]:
        """Every word pair of the question and of the phrases it was mapped to."""
        pairs = set(_pairs(self.query.units)) - self.query.seams
        for expansion in self.query.extra:
            pairs |= set(_pairs(expansion.alternative))
        return frozenset(pairs)

    def keyword_match(self, phrases: Sequence[frozenset[str]]) -> float:
        """The largest share of one search phrase's word pairs that the question has."""
        asked = self.pair_set()
        return max((len(p & asked) / len(p) for p in phrases), default=0.0)

    def coverage(self, words: frozenset[str], pairs: frozenset[str]) -> tuple[float, float]:
        """Weighted shares of the question's words and pairs found; a mapped phrase found covers its source."""
        # The passage's sets are not copied: the domain's hold every word of the knowledge base.
        mapped_words: set[str] = set()
        mapped_pairs: set[str] = set()
        for expansion in self.query.extra:
            if expansion.alternative and all(w in words or w in mapped_words for w in expansion.alternative):
                mapped_words |= set(expansion.source)
                mapped_pairs |= set(_pairs(expansion.source))
        return _share(self.words, words, mapped_words), _share(self.pairs, pairs, mapped_pairs)


def _share(weights: dict[str, float], found: frozenset[str], mapped: set[str]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in found or t in mapped) / total if total else 0.0


@dataclass(frozen=True)
class Candidate:
    """What the features need of one candidate article group."""

    score: float
    terms: PassageTerms
    overview: bool
    document: str  # number key
    kind: str = ""  # document type code


def candidate_features(
    terms: QueryTerms,
    candidates: Sequence[Candidate],
    known: tuple[float, float],
    named: frozenset[str],
    wants: Asked,
    style: tuple[float, float] = (0.0, 0.0),
) -> FloatArray:
    """One row per candidate, columns as FEATURE_NAMES; `named` holds the documents the question names, `wants`
    what it asks for (retrieval.figures.asked)."""
    top = max((c.score for c in candidates), default=0.0) or 1.0
    content = math.log1p(len(terms.words))
    rows = []
    for rank, c in enumerate(candidates, start=1):
        body = terms.coverage(c.terms.words, c.terms.pairs)
        title = terms.coverage(c.terms.title_words, c.terms.title_pairs)
        this = c.document in named
        keywords = terms.keyword_match(c.terms.keyword_pairs)
        rows.append([c.score / top, math.log1p(c.score), 1 / rank, *body, *title, float(c.overview), *known, content,
                     float(this), float(bool(named) and not this), keywords, *style,
                     wants.figure_match(c.terms.figures), wants.numbers_missing(c.terms.words, c.terms.pairs),
                     wants.type_cue(c.kind)])  # fmt: skip
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))
