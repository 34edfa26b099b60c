"""Typed knowledge-base records: documents, passages and their citations."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.doctypes import DocTypeCode, doc_type, label

__all__ = ["STATUS_LABELS", "Citation", "Document", "DocumentMeta", "Passage"]

Kind = Literal["summary", "official"]
Status = Literal["con-hieu-luc", "da-sua-doi", "het-hieu-luc", "het-thoi-han", "chua-xac-dinh"]

STATUS_LABELS: dict[str, str] = {
    "con-hieu-luc": "Còn hiệu lực",
    "da-sua-doi": "Còn hiệu lực, đã được sửa đổi, bổ sung",
    "het-hieu-luc": "Hết hiệu lực",
    "het-thoi-han": "Đã hết thời hạn thực hiện",
    "chua-xac-dinh": "Chưa xác định được hiệu lực",
}


class DocumentMeta(BaseModel):
    """The YAML front matter of a knowledge-base document (DESIGN §6)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    number: str = Field(min_length=1, max_length=80)
    title: str = Field(min_length=1, max_length=300)
    type: DocTypeCode
    issuer: str = Field(min_length=1)
    issued: dt.date | None = None
    effective: dt.date | None = None
    status: Status
    status_note: str = ""
    url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    topics: list[str] = Field(min_length=1)
    kind: Kind
    # "own" marks section numbers we assigned because the official text was not available.
    numbering: Literal["official", "own"] = "official"
    sources: list[str] = Field(default_factory=list)
    # Other names people use for the document ("Luật SHTT", "HanoTEX"); a question naming it prefers it.
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _summary_needs_link(self) -> DocumentMeta:
        """Our own notes must point to the official text they summarise."""
        if self.kind == "summary" and not self.url:
            raise ValueError("a summary document needs 'url', a link to the official text")
        return self


class Citation(BaseModel):
    """Where a passage sits in its document, rendered the way officials cite it."""

    model_config = ConfigDict(frozen=True)

    document_number: str
    document_title: str
    document_type: DocTypeCode
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    section: str | None = None
    own_numbering: bool = False

    def document_label(self) -> str:
        """'Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14' or 'Nghị định 80/2021/NĐ-CP'."""
        if self.document_type == "luat" and self.document_title.lower().startswith("luật"):
            return f"{self.document_title} số {self.document_number}"
        return f"{label(self.document_type)} {self.document_number}"

    def text(self) -> str:
        """Full citation, e.g. 'Điểm a Khoản 2 Điều 5 Nghị định 80/2021/NĐ-CP'."""
        parts = []
        if self.point:
            parts.append(f"Điểm {self.point}")
        if self.clause:
            parts.append(f"Khoản {self.clause}")
        if self.article:
            parts.append(f"Điều {self.article}")
        if self.section:
            parts.append(f"Mục {self.section}")
        parts.append(self.document_label())
        cited = " ".join(parts)
        return f"{cited} (số mục theo bản tóm tắt)" if self.own_numbering and self.section else cited

    def english(self) -> str:
        """The citation in English, e.g. 'Article 13(2)(b), Decree 80/2021/NĐ-CP' or 'Section II.3, EVFTA'."""
        if self.article:
            where = f"Article {self.article}" + (f"({self.clause})" if self.clause else "")
            where += f"({self.point})" if self.point else ""
        elif self.section:
            where = f"Section {self.section}" + (f"({self.point})" if self.point else "")
        else:
            where = "Overview"
        kind = doc_type(self.document_type).english
        head = self.document_number.split("/")[0]
        document = f"{kind} {self.document_number}" if head.isdigit() and kind else self.document_number
        cited = f"{where}, {document}"
        return f"{cited} (our summary's numbering)" if self.own_numbering and self.section else cited


class Passage(BaseModel):
    """The unit of retrieval: an article, a clause of a long article, or a plan item."""

    model_config = ConfigDict(frozen=True)

    id: str
    document_id: str
    heading: str = ""
    text: str
    line: int = 0
    article: str | None = None
    clause: str | None = None
    section: str | None = None
    # (clause, point) of each paragraph, aligned with paragraphs(), so a best sentence can be cited exactly.
    marks: list[tuple[str | None, str | None]] = Field(default_factory=list)
    # Links the note cites for this passage's facts, kept out of the text (and out of the index).
    sources: list[str] = Field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """The passage split at blank lines: clauses, points and paragraphs."""
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


class Document(BaseModel):
    """A validated document: its front matter and its passages in reading order."""

    meta: DocumentMeta
    passages: list[Passage]
    source: str = ""
    # Titles of the articles, so a clause passage can show its article's full heading.
    article_titles: dict[str, str] = Field(default_factory=dict)

    def citation(self, passage: Passage, paragraph: int | None = None) -> Citation:
        """The citation of a passage, or of one of its paragraphs (down to the point)."""
        clause, point = passage.clause, None
        if paragraph is not None and paragraph < len(passage.marks):
            clause, point = passage.marks[paragraph]
            clause = clause or passage.clause
        return Citation(
            document_number=self.meta.number,
            document_title=self.meta.title,
            document_type=self.meta.type,
            article=passage.article,
            clause=clause,
            point=point,
            section=passage.section,
            own_numbering=self.meta.numbering == "own",
        )

    def article_passages(self, article: str) -> list[Passage]:
        """Every passage of one article, in order."""
        return [p for p in self.passages if p.article == article]
