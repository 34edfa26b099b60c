"""The one registry of document types: code, label, the words and abbreviations that name them, number suffix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from knowledge.folding import fold_diacritics

__all__ = [
    "DOC_TYPES",
    "DocTypeCode",
    "DocTypeInfo",
    "doc_type",
    "label",
    "type_from_number",
    "type_from_word",
    "type_names",
]

DocTypeCode = Literal["luat", "nghi-dinh", "thong-tu", "quyet-dinh", "ke-hoach", "nghi-quyet", "hiep-dinh", "huong-dan"]


@dataclass(frozen=True)
class DocTypeInfo:
    """One document type: how citations name it and how questions and headers refer to it."""

    code: DocTypeCode
    label: str  # as in a citation: "Nghị định 80/2021/NĐ-CP"
    words: tuple[str, ...]  # full names in headers and questions, lowercase with diacritics
    abbreviations: tuple[str, ...] = ()  # what users type: "nđ 80", "tt 06"
    suffix: str | None = None  # the part of an official number that marks the type: "80/2021/NĐ-CP"
    english: str = ""


DOC_TYPES: tuple[DocTypeInfo, ...] = (
    DocTypeInfo("luat", "Luật", ("luật", "bộ luật"), suffix="QH", english="Law"),
    DocTypeInfo("nghi-dinh", "Nghị định", ("nghị định",), ("nđ",), "NĐ-CP", "Decree"),
    DocTypeInfo("thong-tu", "Thông tư", ("thông tư", "thông tư liên tịch"), ("tt",), "TT", "Circular"),
    DocTypeInfo("quyet-dinh", "Quyết định", ("quyết định",), ("qđ",), "QĐ", "Decision"),
    DocTypeInfo("nghi-quyet", "Nghị quyết", ("nghị quyết",), ("nq",), "NQ", "Resolution"),
    DocTypeInfo("ke-hoach", "Kế hoạch", ("kế hoạch",), ("kh",), "KH", "Plan"),
    DocTypeInfo("hiep-dinh", "Hiệp định", ("hiệp định",), english="Agreement"),
    DocTypeInfo("huong-dan", "Hướng dẫn", ("hướng dẫn",), english="Guide"),
)
_BY_CODE = {t.code: t for t in DOC_TYPES}
assert set(_BY_CODE) == set(get_args(DocTypeCode)), "every type code has a registry entry"


def doc_type(code: str) -> DocTypeInfo:
    """The registry entry of a type code."""
    return _BY_CODE[code]  # type: ignore[index]


def label(code: str) -> str:
    """'nghi-dinh' -> 'Nghị định'."""
    return doc_type(code).label


def type_from_word(word: str) -> DocTypeCode | None:
    """The type a full name denotes ('Nghị định', 'BỘ LUẬT'), or None."""
    wanted = word.strip().lower()
    return next((t.code for t in DOC_TYPES if wanted in t.words), None)


def type_from_number(number: str) -> DocTypeCode | None:
    """The type an official number's suffix marks ('80/2021/NĐ-CP' -> 'nghi-dinh'), or None."""
    upper = number.upper()
    return next((t.code for t in DOC_TYPES if t.suffix and t.suffix in upper), None)


def type_names(folded: bool = False) -> list[tuple[str, DocTypeCode]]:
    """Every name with its type, longest first; `folded` adds the abbreviations, diacritics removed."""
    if not folded:
        return sorted(((w, t.code) for t in DOC_TYPES for w in t.words), key=lambda kv: -len(kv[0]))
    names = {fold_diacritics(n): t.code for t in DOC_TYPES for n in (*t.words, *t.abbreviations)}
    return sorted(names.items(), key=lambda kv: -len(kv[0]))
