"""Clause lookup: 'Điều 5 Nghị định 80/2021', 'khoan 2 dieu 4 luat 04/2017', 'Mục II.3 kế hoạch 33'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.doctypes import type_names
from knowledge.folding import fold_diacritics, normalize, number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document, Passage

__all__ = ["Reference", "matching_passages", "paragraph_of", "parse_reference", "resolve_documents"]

_ARTICLE_REF = re.compile(
    r"(?:\bdiem\s+(?P<point>[a-z])\)?\s*,?\s+)?(?:\bkhoan\s+(?P<clause>\d{1,3})\s*,?\s+)?"
    r"\bdieu\s+(?P<article>\d{1,4}[a-z]?)\b(?P<rest>.*)$"
)
_SECTION_REF = re.compile(r"\bmuc\s+(?P<section>[ivxl]{1,6}(?:\.\d{1,3})?)\b(?P<rest>.*)$")
_NUMBER = re.compile(r"\b(\d{1,4})\s*/\s*(\d{4}|[a-z][a-z0-9-]*)(?:\s*/\s*([a-z0-9][a-z0-9-]*))?")


@dataclass(frozen=True)
class Reference:
    """A parsed reference to an article, clause or point, or a plan section, and the words naming the document."""

    article: str | None
    clause: str | None
    point: str | None
    section: str | None
    document_words: str


def parse_reference(question: str) -> Reference | None:
    """Find an explicit article or section reference in a question, with or without diacritics."""
    text = fold_diacritics(normalize(question))
    if m := _ARTICLE_REF.search(text):
        return Reference(m.group("article"), m.group("clause"), m.group("point"), None, m.group("rest").strip())
    if m := _SECTION_REF.search(text):
        return Reference(None, None, None, m.group("section").upper(), m.group("rest").strip())
    return None


def _doc_type(words: str) -> str | None:
    for word, doc_type in type_names(folded=True):
        if re.search(rf"\b{word}\b", words):
            return doc_type
    return None


def resolve_documents(words: str, kb: KnowledgeBase) -> list[Document]:
    """Documents named by 'nghi dinh 80/2021', 'luat 04', 'evfta' or a title; all with the same number."""
    if not words:
        return []
    doc_type = _doc_type(words)
    if m := _NUMBER.search(words):
        wanted = number_key("/".join(g for g in m.groups() if g))
        found = [d for d in kb.documents if number_key(d.meta.number).startswith(wanted)]
        if found:
            return found
    folded_words = f" {re.sub(r'[^a-z0-9]+', ' ', words)} "
    for doc in kb.documents:
        short = number_key(doc.meta.number)
        head = short.split("/")[0]
        if doc_type == doc.meta.type and head.isdigit() and f" {head} " in folded_words:
            return kb.by_number(doc.meta.number)
        if not head.isdigit() and f" {re.sub(r'[^a-z0-9]+', ' ', short).strip()} " in folded_words:
            return kb.by_number(doc.meta.number)
    by_title = [d for d in kb.documents if _title_words(d) and _title_words(d) in folded_words]
    return kb.by_number(max(by_title, key=lambda d: len(d.meta.title)).meta.number) if by_title else []


def _title_words(doc: Document) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", fold_diacritics(doc.meta.title.lower())).strip() + " "


def matching_passages(doc: Document, ref: Reference) -> list[Passage]:
    """The passages of a document that a reference names: a section and its items, an article or one clause."""
    if ref.section:
        return [p for p in doc.passages if p.section == ref.section or (p.section or "").startswith(ref.section + ".")]
    passages = doc.article_passages(ref.article or "")
    if ref.clause:
        exact = [p for p in passages if p.clause == ref.clause]
        within = [p for p in passages if p.clause is None and any(c == ref.clause for c, _ in p.marks)]
        return exact or within
    return passages


def paragraph_of(passage: Passage, ref: Reference) -> int:
    """The paragraph of a passage that a clause or point reference names, or -1."""
    for i, (clause, point) in enumerate(passage.marks):
        if ref.point and point == ref.point and (ref.clause is None or clause == ref.clause):
            return i
        if ref.clause and not ref.point and clause == ref.clause:
            return i
    return -1
