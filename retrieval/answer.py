"""Answer models (the fixed JSON contract of DESIGN §3) and how hits become results."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from knowledge.models import STATUS_LABELS, Document, Passage
from retrieval.text import split_sentences, syllables, with_bigrams

__all__ = ["FUNCTION_WORDS", "Answer", "Result", "best_sentences", "make_result"]

# Words that carry no topic; ignored when judging how much of a question a passage covers.
FUNCTION_WORDS = frozenset(
    (
        "la gi nao bao nhieu co khong duoc cua va cac nhung cho ve theo thi the nhu toi minh em anh chi ban "
        "oi a nhe vay sao hay hoac voi tai trong tu den de khi ai dau o mot nay do ra vao lam bi neu ma con "
        "da se dang phai can muon xin hoi cai gia gium giup biet cho hien nay bay gio hom "
        "may roi xong moi luc thi vi nhe ak ntn sau truoc ve"
    ).split()
)


class Result(BaseModel):
    """One cited passage; the first twelve fields are the fixed contract, the rest are additions."""

    passage_id: str
    document_id: str
    document_number: str
    document_title: str
    article: str | None
    clause: str | None
    point: str | None
    section: str | None
    citation: str
    score: float
    text: str
    url: str
    heading: str = ""
    kind: str = "summary"
    status: str = ""
    status_label: str = ""
    status_note: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    highlights: list[str] = Field(default_factory=list)
    note: str | None = None
    note_passage_id: str | None = None


class Answer(BaseModel):
    """The answer to one question: whether it is reliable, and the passages behind it."""

    question: str
    answered: bool
    confidence: float = 0.0
    lookup: bool = False
    message: str = ""
    results: list[Result] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON object printed by `ask --json`."""
        return self.model_dump(mode="json")


@functools.lru_cache(maxsize=65536)
def _sentence_terms(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    words = syllables(sentence)
    return frozenset(words), frozenset(with_bigrams(words)[len(words) :])


def best_sentences(text: str, units: Sequence[str], idf: Callable[[str], float], limit: int = 2) -> list[str]:
    """The sentences of a passage that share the most weighted words and word pairs with the question."""
    wanted = {u for u in units if u not in FUNCTION_WORDS}
    pairs = set(with_bigrams(list(units))[len(units) :])
    scored = []
    for position, sentence in enumerate(split_sentences(text)):
        words, bigrams = _sentence_terms(sentence)
        score = sum(idf(u) for u in wanted & words)
        score += 0.5 * sum(idf(p) for p in pairs & bigrams)
        if score > 0:
            scored.append((score, position, sentence))
    if not scored:
        return []
    top = max(s for s, _, _ in scored)
    chosen = sorted(sorted(scored, reverse=True)[:limit], key=lambda item: item[1])
    return [sentence for score, _, sentence in chosen if score >= 0.4 * top]


def make_result(doc: Document, passage: Passage, score: float, paragraph: int | None, highlights: list[str]) -> Result:
    """A Result for a passage, cited down to the point of its best paragraph."""
    citation = doc.citation(passage, paragraph)
    meta = doc.meta
    return Result(
        passage_id=passage.id,
        document_id=meta.id,
        document_number=meta.number,
        document_title=meta.title,
        article=citation.article,
        clause=citation.clause,
        point=citation.point,
        section=citation.section,
        citation=citation.text(),
        score=round(score, 4),
        text=passage.text,
        url=meta.url,
        heading=passage.heading,
        kind=meta.kind,
        status=meta.status,
        status_label=STATUS_LABELS[meta.status],
        status_note=meta.status_note,
        issued=meta.issued,
        effective=meta.effective,
        highlights=highlights,
    )
