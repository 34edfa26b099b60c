"""The SME eligibility service (DESIGN §3b): "Am I an SME, and what can I get?" for the CLI, the bot and `ask`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.sme_extract import SmeQuery, extract_figures
from app.sme_rules import (
    SECTOR_LABELS,
    SECTORS,
    SIZE_LABELS,
    Sector,
    Size,
    SmeFlags,
    SmeInputError,
    Verdict,
    classify,
    decree_citation,
    fmt_number,
    validate_input,
)
from app.sme_supports import Support, find_supports
from knowledge.knowledge_base import KnowledgeBase

__all__ = [
    "ASSUMED_SECTOR",
    "SECTORS",
    "SECTOR_LABELS",
    "SIZE_LABELS",
    "Sector",
    "Size",
    "SmeFlags",
    "SmeInputError",
    "SmeQuery",
    "SmeResult",
    "Support",
    "assess",
    "assess_question",
    "extract_figures",
    "validate_input",
]

# Used when a question names no line of business: most Vietnamese firms, and most people asking, trade or serve.
ASSUMED_SECTOR: Sector = "thuong-mai-dich-vu"


@dataclass(frozen=True)
class SmeResult:
    """The size of a firm, why, the clauses cited and the supports it can get."""

    size: Size
    sector: Sector
    employees: float
    revenue: float | None
    capital: float | None
    reasons: list[str]
    citations: list[str]
    supports: list[Support]

    def to_json_dict(self) -> dict[str, Any]:
        """The DESIGN §3b object."""
        return {
            "size": self.size,
            "sector": self.sector,
            "employees": int(self.employees) if float(self.employees).is_integer() else self.employees,
            "revenue": None if self.revenue is None else float(self.revenue),
            "capital": None if self.capital is None else float(self.capital),
            "reasons": list(self.reasons),
            "citations": list(self.citations),
            "supports": [s.to_json_dict() for s in self.supports],
        }


def _unknown_sector(employees: float, revenue: float | None, capital: float | None) -> tuple[Sector, Verdict]:
    """Judge in every sector; report the assumed one, and say whether the others would differ."""
    verdicts = {s: classify(s, employees, revenue, capital) for s in SECTORS}
    chosen = verdicts[ASSUMED_SECTOR]
    others = [
        f"nếu thuộc {SECTOR_LABELS[s]} thì là {SIZE_LABELS[v.size]}"
        for s, v in verdicts.items()
        if v.size != chosen.size
    ]
    if others:
        note = f"chưa rõ lĩnh vực (Điều 6): tạm tính theo {SECTOR_LABELS[ASSUMED_SECTOR]}; {'; '.join(others)}"
    else:
        note = "chưa rõ lĩnh vực (Điều 6): cả ba lĩnh vực cho cùng kết quả"
    verdict = Verdict(chosen.size, [note, *chosen.reasons], [*chosen.citations, decree_citation("6")])
    return ASSUMED_SECTOR, verdict


def assess(
    kb: KnowledgeBase,
    sector: str | None,
    employees: float,
    revenue: float | None = None,
    capital: float | None = None,
    *,
    flags: SmeFlags | None = None,
) -> SmeResult:
    """Size by Điều 5 and the supports from `kb`; sector None judges all three sectors. Raises SmeInputError."""
    if sector is None:
        checked, verdict = _unknown_sector(employees, revenue, capital)
    else:
        checked = validate_input(sector, employees, revenue, capital)
        verdict = classify(checked, employees, revenue, capital)
    supports = find_supports(kb, verdict.size, flags, checked)
    return SmeResult(verdict.size, checked, employees, revenue, capital, verdict.reasons, verdict.citations, supports)


def _capital_notes(query: SmeQuery) -> list[str]:
    """How the capital the asker named was read, as reason lines."""
    # Điều 5 counts total capital, which Điều 8 takes from the balance sheet: charter capital is never judged as it,
    # and a plain "vốn" is judged as it only with a line saying so.
    notes = []
    if query.other_capital is not None:
        name, value = query.other_capital
        notes.append(
            f"{name} {fmt_number(value)} tỷ không phải tổng nguồn vốn (Điều 8: lấy theo bảng cân đối kế toán)"
            ": không dùng để xét"
        )
    if query.capital_loose and query.capital is not None:
        notes.append(
            f"vốn {fmt_number(query.capital)} tỷ được hiểu là tổng nguồn vốn trên bảng cân đối kế toán (Điều 8)"
            ", không phải vốn điều lệ"
        )
    return notes


def assess_question(kb: KnowledgeBase, text: str) -> SmeResult | None:
    """The §3b result for a question that states a firm's figures, or None for any other question."""
    query = extract_figures(text)
    # Luật 04/2017/QH14 (Điều 2) covers enterprises only: a cooperative gets no size rather than a pretended one.
    if query is None or query.cooperative:
        return None
    try:
        result = assess(kb, query.sector, query.employees, query.revenue, query.capital, flags=query.flags)
    except SmeInputError:  # figures the rule cannot judge (only charter capital, say) are not judged at all
        return None
    notes = _capital_notes(query)
    if not notes:
        return result
    return replace(result, reasons=[*notes, *result.reasons], citations=[*result.citations, decree_citation("8")])
