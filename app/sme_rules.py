"""SME size by Điều 5 Nghị định 80/2021/NĐ-CP (with Điều 6–9 and Điều 4 Luật 04/2017/QH14): pure rules, no I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from app.sme_sectors import SECTORS, Sector
from knowledge.models import Citation

__all__ = [
    "DECREE_NUMBER",
    "SECTORS",
    "SECTOR_LABELS",
    "SIZE_ARTICLES",
    "SIZE_LABELS",
    "Sector",
    "Size",
    "SmeFlags",
    "SmeInputError",
    "Verdict",
    "classify",
    "decree_citation",
    "fmt_number",
    "validate_input",
]

Size = Literal["sieu-nho", "nho", "vua", "khong-phai-dnnvv"]
DECREE_NUMBER = "80/2021/NĐ-CP"

SECTOR_LABELS: dict[Sector, str] = {
    "nong-lam-thuy-san": "nông nghiệp, lâm nghiệp, thủy sản",
    "cong-nghiep-xay-dung": "công nghiệp và xây dựng",
    "thuong-mai-dich-vu": "thương mại và dịch vụ",
}
SIZE_LABELS: dict[Size, str] = {
    "sieu-nho": "doanh nghiệp siêu nhỏ",
    "nho": "doanh nghiệp nhỏ",
    "vua": "doanh nghiệp vừa",
    "khong-phai-dnnvv": "không phải doanh nghiệp nhỏ và vừa",
}


@dataclass(frozen=True)
class _Limit:
    """One line of Điều 5: workers ≤ N and (revenue ≤ R or capital ≤ C), revenue and capital in tỷ đồng."""

    workers: float
    revenue: float
    capital: float


_FARM_INDUSTRY: tuple[Sector, ...] = ("nong-lam-thuy-san", "cong-nghiep-xay-dung")
# (size, clause of Điều 5, name in reasons, limit for farming/industry, limit for trade/services), in the order
# the decree applies them: each size is "not a smaller size" (khoản 2 and 3 say so).
_STEPS: tuple[tuple[Size, str, str, _Limit, _Limit], ...] = (
    ("sieu-nho", "1", "siêu nhỏ", _Limit(10, 3, 3), _Limit(10, 10, 3)),
    ("nho", "2", "nhỏ", _Limit(100, 50, 20), _Limit(50, 100, 50)),
    ("vua", "3", "vừa", _Limit(200, 200, 100), _Limit(100, 300, 100)),
)


class SmeInputError(ValueError):
    """Figures the rule cannot judge: negative, not a number, an unknown sector, or neither revenue nor capital."""


@dataclass(frozen=True)
class SmeFlags:
    """Facts that add supports: a converted household business, a start-up, a cluster or chain, women-owned."""

    ho_kinh_doanh: bool = False
    khoi_nghiep: bool = False
    cum_lien_ket: bool = False
    chuoi_gia_tri: bool = False
    nu_lam_chu: bool = False


@dataclass(frozen=True)
class Verdict:
    """The size, the steps that led to it, and the clauses cited."""

    size: Size
    reasons: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


def decree_citation(article: str, clause: str | None = None) -> str:
    """'Khoản 2 Điều 5 Nghị định 80/2021/NĐ-CP', rendered by the same Citation model as every answer."""
    return Citation(
        document_number=DECREE_NUMBER,
        document_title="Nghị định quy định chi tiết một số điều của Luật Hỗ trợ doanh nghiệp nhỏ và vừa",
        document_type="nghi-dinh",
        article=article,
        clause=clause,
    ).text()


# The articles a firm's size is decided by: the Law's criteria (Art. 4) and the Decree's criteria and how workers,
# capital and revenue are counted (Art. 5-9).
SIZE_ARTICLES = frozenset({("04/2017/QH14", "4"), *((DECREE_NUMBER, a) for a in ("5", "6", "7", "8", "9"))})

_LAW_ARTICLE_4 = Citation(
    document_number="04/2017/QH14",
    document_title="Luật Hỗ trợ doanh nghiệp nhỏ và vừa",
    document_type="luat",
    article="4",
).text()


def fmt_number(value: float) -> str:
    """12.0 -> '12', 1.5 -> '1,5' (Vietnamese decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}".replace(".", ",")


def _check(name: str, value: float | None) -> None:
    if value is None:
        return
    if not math.isfinite(value):
        raise SmeInputError(f"{name} must be a number, got {value}")
    if value < 0:
        raise SmeInputError(f"{name} must not be negative, got {fmt_number(value)}")


def validate_input(sector: str, employees: float, revenue: float | None, capital: float | None) -> Sector:
    """The sector as a Sector, or SmeInputError naming the first bad figure."""
    if sector not in SECTORS:
        raise SmeInputError(f"unknown sector '{sector}': use one of {', '.join(SECTORS)}")
    _check("employees", employees)
    _check("revenue", revenue)
    _check("capital", capital)
    if not revenue and capital is None:
        # Điều 9 khoản 2: a firm without revenue is judged on total capital alone, so capital is then required.
        raise SmeInputError("give the revenue or, for a firm with no revenue yet, the total capital (both in tỷ đồng)")
    return next(s for s in SECTORS if s == sector)


def classify(sector: str, employees: float, revenue: float | None = None, capital: float | None = None) -> Verdict:
    """Apply Điều 5: micro, then small, then medium; above medium is not an SME (Điều 4 Luật 04/2017/QH14)."""
    checked = validate_input(sector, employees, revenue, capital)
    reasons: list[str] = []
    citations: list[str] = []
    money: list[tuple[str, float, int]] = []  # (name, value, which limit: 0 revenue, 1 capital)
    if revenue:
        money.append(("doanh thu", revenue, 0))
    else:
        reasons.append("chưa phát sinh doanh thu: chỉ xét tổng nguồn vốn")
        citations.append(decree_citation("9", "2"))
    if capital is not None:
        money.append(("nguồn vốn", capital, 1))
    workers = fmt_number(employees)
    for size, clause, name, farm_industry, trade in _STEPS:
        limit = farm_industry if checked in _FARM_INDUSTRY else trade
        caps = (limit.revenue, limit.capital)
        if employees > limit.workers:
            reasons.append(f"{workers} lao động > {fmt_number(limit.workers)}: không phải {name}")
            continue
        passing = [(n, v, caps[i]) for n, v, i in money if v <= caps[i]]
        if passing:
            what, value, cap = passing[0]
            reasons.append(
                f"{workers} lao động ≤ {fmt_number(limit.workers)} và {what} {fmt_number(value)} tỷ"
                f" ≤ {fmt_number(cap)} tỷ: doanh nghiệp {name}"
            )
            return Verdict(size, reasons, [decree_citation("5", clause), *citations])
        over = " và ".join(f"{n} {fmt_number(v)} tỷ > {fmt_number(caps[i])} tỷ" for n, v, i in money)
        reasons.append(f"{over}: không phải {name}")
    reasons.append("vượt mức doanh nghiệp vừa: không phải doanh nghiệp nhỏ và vừa")
    return Verdict("khong-phai-dnnvv", reasons, [decree_citation("5", "3"), _LAW_ARTICLE_4, *citations])
