"""An SME result's reasons and citations, written by app.sme_rules in Vietnamese (DESIGN §3b), read in English."""

from __future__ import annotations

import re

__all__ = ["citation_en", "reason_en"]

# The words of the rule's own reason templates (app.sme_rules.classify), longest first.
_WORDS = (
    ("chưa phát sinh doanh thu: chỉ xét tổng nguồn vốn", "no revenue yet: total capital alone decides"),
    ("vượt mức doanh nghiệp vừa: không phải doanh nghiệp nhỏ và vừa", "above the medium limits: not an SME"),
    ("không phải siêu nhỏ", "not micro"),
    ("không phải nhỏ", "not small"),
    ("không phải vừa", "not medium-sized"),
    ("doanh nghiệp siêu nhỏ", "micro enterprise"),
    ("doanh nghiệp nhỏ", "small enterprise"),
    ("doanh nghiệp vừa", "medium-sized enterprise"),
    ("lao động", "workers"),
    ("doanh thu", "revenue"),
    ("nguồn vốn", "capital"),
    ("tỷ", "billion"),
    (" và ", " and "),
)
_CITATION = re.compile(r"^(?:Điểm (?P<point>\S+) )?(?:Khoản (?P<clause>\S+) )?Điều (?P<article>\S+) (?P<document>.+)$")
_DOCUMENT = re.compile(r"^(?:Nghị định (?P<decree>\S+)|Luật .* số (?P<law>\S+))$")


def reason_en(reason: str) -> str:
    """'25 lao động > 10: không phải siêu nhỏ' -> '25 workers > 10: not micro'; other text is left as it is."""
    for vietnamese, english in _WORDS:
        reason = reason.replace(vietnamese, english)
    return reason


def citation_en(citation: str) -> str:
    """'Điểm b Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP' -> 'Article 13(2)(b), Decree 80/2021/NĐ-CP'."""
    cited = _CITATION.match(citation)
    document = _DOCUMENT.match(cited.group("document")) if cited else None
    if cited is None or document is None:
        return citation
    where = f"Article {cited.group('article')}"
    where += "".join(f"({cited.group(k)})" for k in ("clause", "point") if cited.group(k))
    named = f"Decree {document.group('decree')}" if document.group("decree") else f"Law {document.group('law')}"
    return f"{where}, {named}"
