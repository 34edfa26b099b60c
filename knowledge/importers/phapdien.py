"""National legal code (Pháp điển) Markdown -> official Documents that cite their source documents.

A topic file holds articles of many documents, each as `Điều 12.3.LQ.1. Title` followed by a
source line `(Điều 1 Luật số 04/2017/QH14 ...)`; some headings are glued to the end of the
previous line. A single-document file (the IP Law) uses `**Điều N. Title**` headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.doctypes import type_from_word
from knowledge.errors import DocumentError, Problem
from knowledge.folding import slug
from knowledge.importers.dates import parse_vn_date
from knowledge.importers.plaintext import load_legal_text
from knowledge.models import Document, DocumentMeta
from knowledge.passages import Line, build_document

__all__ = ["is_phapdien", "load_phapdien"]

_CODE_HEADING = re.compile(r"Điều (\d+\.\d+\.[A-ZĐ]+(?:\.\d+)+)\.(?: |$)")
_SOURCE = re.compile(
    r"^\(Điều (?P<article>\d+[a-z]?) (?P<type>Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết)"
    r" số (?P<number>[\w/.-]+?)[\s,)]+(?P<rest>.*)\)\s*$"
)
# The code's cross-reference notes, sometimes glued to the end of an article's last line.
_RELATED_NOTE = re.compile(r"\(Điều này có nội dung liên quan[^)]*\)")
_INDEX = "## Danh sách điều khoản"
_BODY = "## VĂN BẢN"


@dataclass
class _Article:
    code: str
    title: str
    line: int
    source: re.Match[str] | None = None
    body: list[Line] = field(default_factory=list)


def is_phapdien(text: str) -> bool:
    """Whether a Markdown file is a Pháp điển export rather than our own format."""
    return _BODY in text and ("permalink:" in text[:500] or "## THÔNG TIN VĂN BẢN" in text)


def _body_lines(text: str) -> list[Line]:
    lines = text.split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if line.strip() == _BODY), 0)
    stop = next((i for i, line in enumerate(lines) if line.strip().startswith(_INDEX)), len(lines))
    return [Line(n + 1, lines[n]) for n in range(start, stop)]


def _split_articles(body: list[Line]) -> list[_Article]:
    """Cut at every code heading, including headings glued mid-line onto the previous text."""
    articles: list[_Article] = []
    for line in body:
        text = _RELATED_NOTE.sub("", line.text)
        pieces = [m.start() for m in _CODE_HEADING.finditer(text)]
        head = text[: pieces[0]] if pieces else text
        if articles and head.strip():
            articles[-1].body.append(Line(line.number, head))
        for start in pieces:
            m = _CODE_HEADING.match(text, start)
            assert m is not None
            articles.append(_Article(m.group(1), text[m.end() :].strip(), line.number))
    return articles


def _take_source(body: list[Line]) -> tuple[str, list[Line]] | None:
    """Split '(Điều N ... số X ...)' off the top of an article body; it may wrap or have text glued after it."""
    depth = 0
    parts: list[str] = []
    for index, line in enumerate(body):
        text = line.text.strip() if not parts else " " + line.text.strip()
        if not parts and not text:
            continue
        if not parts and not text.startswith("(Điều "):
            return None
        for pos, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                parts.append(text[: pos + 1])
                rest = text[pos + 1 :].strip()
                tail = [Line(line.number, rest)] if rest else []
                return "".join(parts).strip(), tail + body[index + 1 :]
        parts.append(text)
    return None


def _attach_sources(articles: list[_Article], source: str) -> list[Problem]:
    problems = []
    for art in articles:
        taken = _take_source(art.body)
        if taken is not None:
            art.source = _SOURCE.match(taken[0])
            art.body = taken[1]
        if art.source is None:
            problems.append(Problem(source, art.line, f"Điều {art.code}: no source line '(Điều N ... số ...)'"))
    return problems


_ISSUED_BY = re.compile(r"\s*ngày (\d{1,2}/\d{1,2}/\d{4}) của ([^,]+?)\s*,\s*có hiệu lực")


def _meta(number: str, group: list[_Article]) -> DocumentMeta:
    """Front matter from the source line that names title, date and issuer ('... ngày D của X, có hiệu lực ...')."""
    rests = [a.source.group("rest") for a in group if a.source]
    full = next((r for r in rests if _ISSUED_BY.search(r)), max(rests, key=len))
    doc_type = group[0].source.group("type") if group[0].source else "Luật"
    found = list(_ISSUED_BY.finditer(full))
    last = found[-1] if found else None
    title_part = (full[: last.start()] if last else "").strip(" .,")
    if doc_type == "Luật":
        title_part = title_part[:1].upper() + title_part[1:]
    effective = re.search(r"có hiệu lực thi hành kể từ ngày (\d{1,2}/\d{1,2}/\d{4})", full)
    return DocumentMeta(
        id=f"{slug(number)}-vbg",
        number=number,
        title=f"{doc_type} {title_part}".strip()[:300],
        type=type_from_word(doc_type) or "huong-dan",
        issuer=last.group(2).strip() if last else "Chưa rõ",
        issued=parse_vn_date(last.group(1)) if last else None,
        effective=parse_vn_date(effective.group(1)) if effective else None,
        status="chua-xac-dinh",
        status_note="Văn bản gốc nhập từ Bộ pháp điển; kiểm tra văn bản sửa đổi, thay thế trước khi áp dụng.",
        url=f"https://vbpl.vn/TW/Pages/vbsearch.aspx?txtKeyword={number}",
        topics=["phap-dien"],
        kind="official",
    )


def load_phapdien(text: str, source: str) -> list[Document]:
    """Every source document in a Pháp điển topic file, or the single law in a one-law export."""
    if not _CODE_HEADING.search(text):
        body = _body_lines(text)
        first = body[0].number if body else 1
        return [load_legal_text("\n".join(line.text for line in body), source, first_line=first)]
    articles = _split_articles(_body_lines(text))
    problems = _attach_sources(articles, source)
    groups: dict[str, list[_Article]] = {}
    for art in articles:
        if art.source is not None:
            groups.setdefault(art.source.group("number"), []).append(art)
    documents = []
    for number, group in groups.items():
        group.sort(key=lambda a: _article_key(a))
        lines: list[Line] = []
        for art in group:
            assert art.source is not None
            lines.append(Line(art.line, f"Điều {art.source.group('article')}. {art.title}"))
            lines.extend(art.body)
        try:
            documents.append(build_document(_meta(number, group), lines, source, lenient=True))
        except DocumentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DocumentError(problems)
    return documents


def _article_key(art: _Article) -> tuple[int, str]:
    assert art.source is not None
    number = art.source.group("article")
    return int(re.sub(r"\D", "", number)), number
