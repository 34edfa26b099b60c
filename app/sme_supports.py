"""What an SME of a given size can get under Nghị định 80/2021/NĐ-CP, quoted from the knowledge base (never re-typed).

Every amount is a verbatim piece of a passage: the point or sentence that states the rate or cap for the firm's
size. When a clause sets amounts per size (Điều 11 khoản 1–2, Điều 13 khoản 2) only the part naming this size is
quoted, and a clause that names other sizes only (Điều 11 khoản 1 has no micro-firm amount) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from app.sme_rules import DECREE_NUMBER, Size, SmeFlags
from knowledge.folding import normalize
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document, Passage

__all__ = ["Support", "find_supports"]

Group = Literal["chung", "ho-kinh-doanh", "khoi-nghiep", "cum-chuoi", "lai-suat"]


@dataclass(frozen=True)
class Support:
    """One support: the article's heading, the amount quoted for this size, who it is for, and where it is."""

    title: str
    amount: str
    conditions: str
    citation: str
    passage_id: str
    applies_if: str | None = None  # set when the support needs a fact the caller did not state (a flag)

    def to_json_dict(self) -> dict[str, str]:
        """The DESIGN §3b support object; applies_if only when set."""
        out = {
            "title": self.title,
            "amount": self.amount,
            "conditions": self.conditions,
            "citation": self.citation,
            "passage_id": self.passage_id,
        }
        if self.applies_if:
            out["applies_if"] = self.applies_if
        return out


@dataclass(frozen=True)
class _Spec:
    """A clause that gives a firm something; `conditions_from` names the clause holding its eligibility rule."""

    article: str
    clause: str | None  # None: an article without clauses
    conditions_from: tuple[str, str | None] | None = None


# Only clauses a firm can claim: Điều 11 khoản 5 (state investment), Điều 12 khoản 2–4 (the portal's running) and
# Điều 13 khoản 1 (the consultant network) are duties of the state; Điều 20–21, 23–24, 26 are eligibility rules.
_GENERAL = [("11", "1"), ("11", "2"), ("11", "3"), ("11", "4"), ("12", "1"), ("13", "2")]
_GENERAL += [("14", "1"), ("14", "2"), ("14", "3"), ("14", "4")]
_HOUSEHOLD = [("15", "1"), ("16", None), ("17", None), ("18", None), ("19", "1")]
_GROUPS: tuple[tuple[Group, tuple[_Spec, ...]], ...] = (
    ("chung", tuple(_Spec(a, c) for a, c in _GENERAL)),
    ("ho-kinh-doanh", tuple(_Spec(a, c) for a, c in _HOUSEHOLD)),
    ("khoi-nghiep", tuple(_Spec("22", str(k)) for k in range(1, 7))),
    ("cum-chuoi", tuple(_Spec("25", str(k)) for k in range(1, 6))),
    ("lai-suat", (_Spec("27", "1", ("26", "1")),)),
)
_APPLIES_IF: dict[Group, str] = {
    "ho-kinh-doanh": "doanh nghiệp chuyển đổi từ hộ kinh doanh",
    "khoi-nghiep": "doanh nghiệp khởi nghiệp sáng tạo",
    "cum-chuoi": "doanh nghiệp tham gia cụm liên kết ngành, chuỗi giá trị",
    "lai-suat": "doanh nghiệp khởi nghiệp sáng tạo hoặc tham gia cụm liên kết ngành, chuỗi giá trị",
}

_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*(?:triệu|tỷ|tỉ)\s*đồng|miễn|không mất phí|không phải nộp")
_SIZE_NAMES: dict[str, re.Pattern[str]] = {
    "sieu-nho": re.compile(r"doanh nghiệp siêu nhỏ"),
    "nho": re.compile(r"doanh nghiệp nhỏ(?! và vừa)"),  # "doanh nghiệp nhỏ và vừa" is every SME, not a size
    "vua": re.compile(r"doanh nghiệp vừa"),
}
_WOMEN = re.compile(r"phụ nữ|lao động nữ|doanh nghiệp xã hội")
_BREAK = re.compile(r"(?<=[.;])\s+")
_SENTENCE = re.compile(r"(?<=\.)\s+")
_MARKER = re.compile(r"^(?:\d+\.|[a-zđ]\))\s+")


@dataclass(frozen=True)
class _Para:
    """One paragraph (a clause's lead or a point) of a passage, with its index for the exact citation."""

    doc: Document
    passage: Passage
    index: int
    text: str

    def citation(self) -> str:
        """'Điểm b Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP': down to the point."""
        return self.doc.citation(self.passage, self.index).text()


@dataclass(frozen=True)
class _Piece:
    """A sentence or semicolon piece of a paragraph, by position, so a quote stays a verbatim substring."""

    start: int
    end: int
    sentence: int  # pieces of one sentence share this number
    amount: bool
    women: bool


def _paragraphs(doc: Document, article: str, clause: str | None) -> list[_Para]:
    """The paragraphs of one clause (or of a whole article without clauses), in order."""
    out: list[_Para] = []
    for passage in doc.article_passages(article):
        for i, text in enumerate(passage.paragraphs()):
            mark = passage.marks[i][0] if i < len(passage.marks) else None
            if clause is None or (mark or passage.clause) == clause:
                out.append(_Para(doc, passage, i, text))
    return out


def _pieces(text: str) -> list[_Piece]:
    """The paragraph cut at '. ' and '; ', each piece marked for amounts and for women-owned firms."""
    bounds, start, sentence = [], 0, 0
    for match in _BREAK.finditer(text):
        bounds.append((start, match.start(), sentence))
        sentence += text[match.start() - 1] == "."
        start = match.end()
    bounds.append((start, len(text), sentence))
    out = []
    for a, b, n in bounds:
        piece = normalize(text[a:b])
        out.append(_Piece(a, b, n, bool(_AMOUNT.search(piece)), bool(_WOMEN.search(piece))))
    return out


def _names(pattern: re.Pattern[str], text: str, piece: _Piece) -> bool:
    return bool(pattern.search(normalize(text[piece.start : piece.end])))


def _trim(text: str) -> str:
    """Drop the leading '1.' or 'a)' and trailing punctuation; what is left is still a substring of the passage."""
    return _MARKER.sub("", text).rstrip(" ;.,")


def _quote(para: _Para, pieces: list[_Piece], first: int, last: int, women: bool) -> str:
    """The chosen pieces widened to their sentence (up to the next amount), without a women-only cap unless asked."""
    skip = [p.women and not women for p in pieces]
    while first > 0 and pieces[first - 1].sentence == pieces[first].sentence and not skip[first - 1]:
        first -= 1
    while last + 1 < len(pieces) and pieces[last + 1].sentence == pieces[last].sentence:
        if pieces[last + 1].amount or skip[last + 1]:
            break
        last += 1
    return _trim(para.text[pieces[first].start : pieces[last].end])


def _amount(paras: list[_Para], size: Size, women: bool) -> tuple[_Para, str] | None:
    """The paragraph and verbatim amount for this size; (first, '') when none states one; None: not for this size."""
    cut = [(p, _pieces(p.text)) for p in paras]
    found = [(p, ps, [i for i, x in enumerate(ps) if x.amount]) for p, ps in cut]
    found = [f for f in found if f[2]]
    if not found:
        return paras[0], ""
    if any(_names(rx, p.text, ps[i]) for p, ps, idx in found for i in idx for rx in _SIZE_NAMES.values()):
        mine = _SIZE_NAMES[size]
        found = [(p, ps, keep) for p, ps, idx in found if (keep := [i for i in idx if _names(mine, p.text, ps[i])])]
        if not found:
            return None
    if women:  # the point or the higher cap for women-owned firms, many women workers or social enterprises
        preferred = [(p, ps, idx) for p, ps, idx in found if any(ps[i].women for i in idx)]
    else:
        preferred = [(p, ps, keep) for p, ps, idx in found if (keep := [i for i in idx if not ps[i].women])]
    para, pieces, idx = (preferred or found)[0]
    return para, _quote(para, pieces, idx[0], idx[-1], women)


def _conditions(para: _Para) -> str:
    """The clause's first sentence; of 'Subject: amount' the subject, of 'Heading: rule' the rule."""
    sentence = _trim(_SENTENCE.split(_MARKER.sub("", para.text), maxsplit=1)[0])
    head, sep, tail = sentence.partition(": ")
    if not sep:
        return sentence
    return head if _AMOUNT.search(normalize(tail)) else tail


def _support(docs: list[Document], spec: _Spec, size: Size, women: bool) -> Support | None:
    """The support of one clause from the first document that has it, or None when it is not for this size."""
    for doc in docs:
        paras = _paragraphs(doc, spec.article, spec.clause)
        if not paras:
            continue
        chosen = _amount(paras, size, women)
        if chosen is None:
            return None
        para, amount = chosen
        rule = _paragraphs(doc, *spec.conditions_from) if spec.conditions_from else []
        title = doc.article_titles.get(spec.article) or para.passage.heading
        return Support(title, amount, _conditions((rule or paras)[0]), para.citation(), para.passage.id)
    return None


def _claimed(group: Group, flags: SmeFlags) -> bool:
    """Whether the caller stated the fact a group of supports needs (the general ones need none)."""
    chain = flags.cum_lien_ket or flags.chuoi_gia_tri
    return {
        "chung": True,
        "ho-kinh-doanh": flags.ho_kinh_doanh,
        "khoi-nghiep": flags.khoi_nghiep,
        "cum-chuoi": chain,
        # Điều 26 names both start-ups and firms in a cluster or value chain as the borrowers it supports.
        "lai-suat": flags.khoi_nghiep or chain,
    }[group]


def find_supports(kb: KnowledgeBase, size: Size, flags: SmeFlags | None = None) -> list[Support]:
    """Supports of Điều 11–27 for this size; a group needing an unstated fact appears once, with applies_if."""
    if size == "khong-phai-dnnvv":
        return []
    flags = flags or SmeFlags()
    # An admin-imported official text is preferred to our summary note when both are in the knowledge base.
    docs = sorted(kb.by_number(DECREE_NUMBER), key=lambda d: d.meta.kind != "official")
    out: list[Support] = []
    for group, specs in _GROUPS:
        found = [s for spec in specs if (s := _support(docs, spec, size, flags.nu_lam_chu))]
        if _claimed(group, flags):
            out.extend(found)
        elif found:
            out.append(replace(found[0], applies_if=_APPLIES_IF[group]))
    return out
