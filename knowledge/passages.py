"""Units of a parsed body -> passages: a short article whole, a long one per clause, a plan per item."""

from __future__ import annotations

import re

from knowledge.body_parser import BodyParser, Line, Para, Unit, is_article_heading
from knowledge.errors import DocumentError
from knowledge.models import Document, DocumentMeta, Passage

__all__ = ["SPLIT_CHARS", "Line", "build_document", "take_sources"]

_CITED_URL = re.compile(r"\s*\[(https?://[^\]\s]+)\]")
# Articles longer than this are split at their clauses so a passage stays readable on a phone.
SPLIT_CHARS = 1500


def take_sources(text: str) -> tuple[str, list[str]]:
    """Split '[https://…]' source links out of a paragraph: they are shown as sources, never read as text."""
    urls = _CITED_URL.findall(text)
    return (_CITED_URL.sub("", text).strip(), urls) if urls else (text, [])


def _passage(doc_id: str, unit: Unit, pid: str, paras: list[Para], line: int, **where: str | None) -> Passage:
    """One passage of a unit: its paragraphs joined, each paragraph's (clause, point) kept for exact citations."""
    marks = [(p.clause, p.point) for p in paras]
    if where.get("section"):
        marks = [(None, point) for _, point in marks]  # plan items are cited by section, never as clauses
    texts: list[str] = []
    sources: list[str] = []
    for para in paras:
        text, urls = take_sources(para.text)
        texts.append(text)
        sources.extend(u for u in urls if u not in sources)
    return Passage(
        id=pid,
        document_id=doc_id,
        heading=unit.title,
        text="\n\n".join(texts),
        line=line,
        marks=marks,
        sources=sources,
        **where,
    )


def _article_passages(doc_id: str, unit: Unit) -> list[Passage]:
    base = f"{doc_id}/dieu-{unit.key.lower()}"
    every = unit.lead + [p for item in unit.items for p in item.paras]
    if len(unit.items) < 2 or sum(len(p.text) for p in every) <= SPLIT_CHARS:
        return [_passage(doc_id, unit, base, every, unit.line, article=unit.key)]
    out = [_passage(doc_id, unit, base, unit.lead, unit.line, article=unit.key)] if unit.lead else []
    for item in unit.items:
        pid = f"{base}/khoan-{item.number}"
        out.append(_passage(doc_id, unit, pid, item.paras, item.line, article=unit.key, clause=item.number))
    return out


def _section_passages(doc_id: str, unit: Unit) -> list[Passage]:
    base = f"{doc_id}/muc-{unit.key.lower()}"
    out = [_passage(doc_id, unit, base, unit.lead, unit.line, section=unit.key)] if unit.lead else []
    for item in unit.items:
        pid = f"{base}-{item.number}"
        out.append(_passage(doc_id, unit, pid, item.paras, item.line, section=f"{unit.key}.{item.number}"))
    return out


def build_document(meta: DocumentMeta, body: list[Line], source: str, lenient: bool = False) -> Document:
    """Turn numbered body lines into a validated Document, or raise with every problem."""
    articles = any(is_article_heading(line.text) for line in body)
    parser = BodyParser(meta, source, articles, lenient)
    for line in body:
        parser.feed(line)
    for unit in parser.units:
        if not unit.lead and not unit.items:
            parser.problem(unit.line, f"{parser.where(unit)} has no content")
    passages: list[Passage] = []
    if parser.preamble:  # the overview before the first article, headed by the document's title
        overview = Unit("", meta.title, parser.preamble[0].line)
        passages.append(_passage(meta.id, overview, f"{meta.id}/tong-quan", parser.preamble, overview.line))
    build = _article_passages if articles else _section_passages
    for unit in parser.units:
        passages.extend(build(meta.id, unit))
    if not parser.units and not parser.problems:
        first = body[0].number if body else 2
        parser.problem(first, "no articles ('Điều N. Title') or plan sections ('I. Title') found")
    if parser.problems:
        raise DocumentError(parser.problems)
    titles = {u.key: u.title for u in parser.units} if articles else {}
    return Document(meta=meta, passages=passages, source=source, article_titles=titles)
