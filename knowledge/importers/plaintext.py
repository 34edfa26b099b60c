"""Plain text of one legal document (.txt, .docx, a one-law Markdown export) -> an official Document."""

from __future__ import annotations

import re

from knowledge.doctypes import DocTypeCode, type_from_number, type_names
from knowledge.errors import DocumentError, Problem
from knowledge.folding import slug
from knowledge.importers.dates import parse_vn_date
from knowledge.models import Document, DocumentMeta
from knowledge.passages import Line, build_document

__all__ = ["load_legal_text"]

_ARTICLE = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*|__)?Điều\s+\d+[a-z]?\s*\.")
_SECTION = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*|__)?[IVXL]{1,6}\.\s+\S")
_NUMBER = re.compile(r"Số\s*:\s*(\d{1,5}/\d{4}/[A-ZĐ0-9][A-ZĐ0-9-]*|\d{1,5}/[A-ZĐ][A-ZĐ0-9-]*)")
_EFFECTIVE = re.compile(
    r"(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết) này có hiệu lực"
    r"(?: thi hành)?(?: kể)? từ (ngày\s+[^.;]+)",
    re.IGNORECASE,
)
_ISSUER = re.compile(
    r"^(QUỐC HỘI|CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|BỘ [A-ZĐÀ-Ỹ ,-]+|ỦY BAN NHÂN DÂN [A-ZĐÀ-Ỹ ]+|"
    r"UỶ BAN NHÂN DÂN [A-ZĐÀ-Ỹ ]+|HỘI ĐỒNG NHÂN DÂN [A-ZĐÀ-Ỹ ]+)\b"
)
_SIGNATURE = re.compile(r"^(?:Luật này đã được Quốc hội|Nơi nhận\s*:|TM\.|KT\.|CHỦ TỊCH QUỐC HỘI|TỔNG BÍ THƯ)")


def _plain(text: str) -> str:
    return re.sub(r"[*_#]+", " ", text).strip()


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:].lower() if text.isupper() else text
    if text.startswith("Luật ") and len(text) > 5:
        text = "Luật " + text[5].upper() + text[6:]  # a law's name is a proper name
    return text


def _doc_type(header: list[str], number: str) -> tuple[DocTypeCode, int]:
    """The document type and the header line that names it ('LUẬT SỞ HỮU TRÍ TUỆ', 'NGHỊ ĐỊNH')."""
    names = type_names()
    for index, line in enumerate(header):
        upper = line.upper()
        if line.isupper() and (found := next((c for w, c in names if upper.startswith(w.upper())), None)):
            return found, index
    return type_from_number(number) or "huong-dan", -1


def _meta(header: list[str], full_text: str, number: str) -> DocumentMeta:
    doc_type, where = _doc_type(header, number)
    title = number
    if where >= 0:
        title = _sentence_case(header[where])
        if title.upper() in {w.upper() for w, _ in type_names()} and where + 1 < len(header):
            title = f"{title} {header[where + 1]}"
    issuer = next((m.group(1) for line in header if (m := _ISSUER.match(line))), "Chưa rõ")
    effective = _EFFECTIVE.search(full_text)
    return DocumentMeta(
        id=f"{slug(number)}-vbg",
        number=number,
        title=_sentence_case(title)[:300],
        type=doc_type,
        issuer=_sentence_case(issuer),
        issued=parse_vn_date(" ".join(header)),
        effective=parse_vn_date(effective.group(1)) if effective else None,
        status="chua-xac-dinh",
        status_note="Văn bản gốc do quản trị viên nhập; kiểm tra văn bản sửa đổi, thay thế trước khi áp dụng.",
        url=f"https://vbpl.vn/TW/Pages/vbsearch.aspx?txtKeyword={number}",
        topics=["van-ban-goc"],
        kind="official",
    )


def load_legal_text(text: str, source: str, first_line: int = 1) -> Document:
    """Header (number, type, title, issuer, dates) + Điều/khoản/điểm or I./1./a) body -> Document."""
    lines = [Line(n, raw) for n, raw in enumerate(text.split("\n"), start=first_line)]
    start = next((i for i, line in enumerate(lines) if _ARTICLE.match(line.text.strip())), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if _SECTION.match(line.text.strip())), len(lines))
    header = [p for line in lines[:start] if (p := _plain(line.text))]
    number = _NUMBER.search(" ".join(header))
    if number is None:
        raise DocumentError(
            [
                Problem(
                    source,
                    first_line,
                    "no document number found: the text needs a header line such as 'Số: 80/2021/NĐ-CP'",
                )
            ]
        )
    stop = next((i for i in range(start, len(lines)) if _SIGNATURE.match(_plain(lines[i].text))), len(lines))
    return build_document(_meta(header, text, number.group(1)), lines[start:stop], source, lenient=True)
