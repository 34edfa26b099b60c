"""What the engine works out for one question: the prepared query, then the candidates it re-ranks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from retrieval.features import Candidate, QueryTerms
from retrieval.figures import Asked
from retrieval.index import Hit
from retrieval.query import Query
from retrieval.ranking import FloatArray

__all__ = ["Candidates", "Prepared"]


@dataclass(frozen=True)
class Prepared:
    """A question ready to search: its language, the Vietnamese query, and how it was read."""

    shown: str
    language: str
    query: Query
    readings: list[tuple[str, str]]
    gloss_scores: FloatArray | None = field(default=None, compare=False)
    style: tuple[float, float] | None = None  # (diacritics, unknown words); an English question's own measure
    searched: str = ""  # the words searched when they are not the question's own: a later part's, with context
    # Of an English question's content words, the share with no translation: in a story, of the sentences that ask
    untranslated: float = 0.0


class Candidates(NamedTuple):
    """The article groups a question is re-ranked over, their feature rows, and the question's terms and asks."""

    groups: list[list[Hit]]
    features: FloatArray
    terms: QueryTerms
    rows: list[Candidate]
    wants: Asked
