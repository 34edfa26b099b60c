"""Answer models: the fixed JSON contract of DESIGN §3 and the fields the second wave added."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Answer", "DirectAnswer", "Reading", "Result"]


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
    sources: list[str] = Field(default_factory=list)
    # English answers only: the citation, what the document is, and our English gloss of the passage.
    citation_en: str | None = None
    document_title_en: str | None = None
    document_about_en: str | None = None
    gloss_en: str | None = None


class Reading(BaseModel):
    """One way the question was read: a user's phrase and the documents' phrase searched for it."""

    model_config = ConfigDict(populate_by_name=True)

    source: str = Field(alias="from")
    target: str = Field(alias="to")

    @classmethod
    def of(cls, source: str, target: str) -> Reading:
        """A reading from the user's words to the documents' words."""
        return cls.model_validate({"from": source, "to": target})


class DirectAnswer(BaseModel):
    """The one sentence or point of the top passage that answers the question, cited exactly."""

    text: str
    citation: str
    passage_id: str
    clause: str | None = None
    point: str | None = None
    citation_en: str | None = None


# Added fields that appear in the JSON only when they apply (DESIGN §3, second wave).
_OPTIONAL = ("interpretation", "direct_answer", "parts", "sme", "scope")
_ENGLISH = ("citation_en", "document_title_en", "document_about_en", "gloss_en")


class Answer(BaseModel):
    """The answer to one question: whether it is reliable, and the passages behind it."""

    question: str
    answered: bool
    confidence: float = 0.0
    lookup: bool = False
    message: str = ""
    results: list[Result] = Field(default_factory=list)
    language: str = "vi"
    interpretation: list[Reading] = Field(default_factory=list)
    direct_answer: DirectAnswer | None = None
    parts: list[Answer] = Field(default_factory=list)
    sme: dict[str, Any] | None = None
    scope: str | None = None  # "out" when the question is about nothing the bot covers

    def cited_article(self) -> tuple[str, str] | None:
        """The document and article (or plan section) the top result cites."""
        if not self.results:
            return None
        top = self.results[0]
        return top.document_number, top.article or top.section or top.passage_id

    def cited_clause(self) -> tuple[str, str, str | None] | None:
        """The document, article (or plan section) and clause the top result cites."""
        article = self.cited_article()
        return None if article is None else (*article, self.results[0].clause)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON object printed by `ask --json`."""
        data = self.model_dump(mode="json", by_alias=True)
        for key in _OPTIONAL:
            if not data.get(key):
                data.pop(key, None)
        if "parts" in data:
            data["parts"] = [part.to_json_dict() for part in self.parts]
        for result in data["results"]:  # the English fields exist only on English answers
            for key in _ENGLISH:
                if result.get(key) is None:
                    result.pop(key, None)
        return data
