"""One clause of Nghị định 80/2021/NĐ-CP read for the SME service: its paragraphs, the amount for a size, its rule.

A paragraph is cut at '. ' and '; ' into pieces; the pieces that state an amount (a rate, a cap, "miễn") and name
the firm's size decide which paragraph is quoted, and app.sme_amounts cuts the quote to that size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.sme_amounts import AMOUNT, WOMEN, cut_for_size, drop_women, sizes_named, trim, with_points
from app.sme_rules import Size
from knowledge.folding import normalize
from knowledge.models import Document, Passage

__all__ = ["Para", "amount_for", "conditions_of", "paragraphs"]

_BREAK = re.compile(r"(?<=[.;])\s+")
_SENTENCE = re.compile(r"(?<=\.)\s+")


@dataclass(frozen=True)
class Para:
    """One paragraph (a clause's lead or a point) of a passage, with its index for the exact citation."""

    doc: Document
    passage: Passage
    index: int
    text: str

    def citation(self) -> str:
        """'Điểm b Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP': down to the point."""
        return self.doc.citation(self.passage, self.index).text()

    def is_point(self) -> bool:
        """Whether this paragraph is a point ('a)') of its clause."""
        return self.index < len(self.passage.marks) and self.passage.marks[self.index][1] is not None


@dataclass(frozen=True)
class _Piece:
    """A sentence or semicolon piece of a paragraph, by position, so a quote stays a verbatim substring."""

    start: int
    end: int
    sentence: int  # pieces of one sentence share this number
    amount: bool
    women: bool


def paragraphs(doc: Document, article: str, clause: str | None) -> list[Para]:
    """The paragraphs of one clause (or of a whole article without clauses), in order."""
    out: list[Para] = []
    for passage in doc.article_passages(article):
        for i, text in enumerate(passage.paragraphs()):
            mark = passage.marks[i][0] if i < len(passage.marks) else None
            if clause is None or (mark or passage.clause) == clause:
                out.append(Para(doc, passage, i, text))
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
        out.append(_Piece(a, b, n, bool(AMOUNT.search(piece)), bool(WOMEN.search(piece))))
    return out


def _points(paras: list[Para], lead: Para) -> list[str]:
    """The points ('a)', 'b)') right after a clause lead, in order."""
    at = next(i for i, p in enumerate(paras) if p is lead)
    out: list[str] = []
    for para in paras[at + 1 :]:
        if para.passage is not lead.passage or not para.is_point():
            break
        out.append(para.text)
    return out


def _quote(paras: list[Para], para: Para, pieces: list[_Piece], idx: list[int], size: Size, women: bool) -> str:
    """The chosen pieces widened to their sentence (up to the next amount), cut to this size, with a lead's points."""
    first, last = idx[0], idx[-1]
    sentence = [p for p in pieces if p.sentence == pieces[first].sentence]
    start, end = sentence[0].start, sentence[-1].end
    if len(sizes_named(para.text[start:end])) > 1 and (cut := cut_for_size(para.text, start, end, size, women)):
        return cut
    skip = [p.women and not women for p in pieces]
    while first > 0 and pieces[first - 1].sentence == pieces[first].sentence and not skip[first - 1]:
        first -= 1
    while last + 1 < len(pieces) and pieces[last + 1].sentence == pieces[last].sentence:
        if pieces[last + 1].amount or skip[last + 1]:
            break
        last += 1
    start, end = pieces[first].start, pieces[last].end
    text = trim(para.text[start:end])
    if not women and WOMEN.search(normalize(text)):  # the official text puts both caps in one sentence
        text = drop_women(para.text, start, end) or text
    # "... hướng dẫn miễn phí ... về:" says nothing until its points are read
    return with_points(text, _points(paras, para)) if text.endswith(":") else text


def amount_for(paras: list[Para], size: Size, women: bool) -> tuple[Para, str] | None:
    """The paragraph and quoted amount for this size; (first, '') when none states one; None: not for this size."""
    cut = [(p, _pieces(p.text)) for p in paras]
    found = [(p, ps, [i for i, x in enumerate(ps) if x.amount]) for p, ps in cut]
    found = [f for f in found if f[2]]
    if not found:
        return paras[0], ""
    named = [[sizes_named(p.text[ps[i].start : ps[i].end]) for i in idx] for p, ps, idx in found]
    if any(any(n) for n in named):
        found = [
            (p, ps, keep)
            for (p, ps, idx), sizes in zip(found, named, strict=True)
            if (keep := [i for i, n in zip(idx, sizes, strict=True) if size in n])
        ]
        if not found:
            return None
    if women:  # the point or the higher cap for women-owned firms, many women workers or social enterprises
        preferred = [(p, ps, idx) for p, ps, idx in found if any(ps[i].women for i in idx)]
    else:
        preferred = [(p, ps, keep) for p, ps, idx in found if (keep := [i for i in idx if not ps[i].women])]
    para, pieces, idx = (preferred or found)[0]
    return para, _quote(paras, para, pieces, idx, size, women)


def conditions_of(para: Para) -> str:
    """The clause's first sentence; of 'Subject: amount' the subject, of 'Heading: rule' the rule."""
    sentence = trim(_SENTENCE.split(trim(para.text), maxsplit=1)[0])
    head, sep, tail = sentence.partition(": ")
    if not sep:
        return sentence
    return head if AMOUNT.search(normalize(tail)) else tail
