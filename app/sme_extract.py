"""A firm's figures from a free-text question ("cty minh 25 nguoi doanh thu 12 ty lam bao bi"), accented or not,
or in English ("we have 25 employees and revenue of 12 billion VND").

Only a question that states both a head count and a money amount counts as an SME question, so ordinary questions
("DNNVV được hỗ trợ tư vấn bao nhiêu?") never trigger it; nor does a question about the rule itself ("doanh nghiệp
nhỏ có dưới 50 lao động ... đúng không"): a comparison word before a figure and no sign that the asker speaks of
their own firm. Matching runs on folded text (knowledge.folding), so "doanh thu 12 tỷ" and "doanh thu 12 ty" read
the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.sme_rules import Sector, SmeFlags
from app.sme_sectors import sector_of
from knowledge.folding import fold_diacritics, normalize

__all__ = ["SmeQuery", "extract_figures", "parse_amount"]


@dataclass(frozen=True)
class SmeQuery:
    """What a question says about a firm; sector None when no word in it names the line of business."""

    employees: float
    revenue: float | None
    capital: float | None  # total capital (tổng nguồn vốn, Điều 8), the only capital Điều 5 counts
    sector: Sector | None
    flags: SmeFlags = field(default_factory=SmeFlags)
    capital_loose: bool = False  # said as plain "vốn"/"capital": read as total capital, and the reply says so
    other_capital: tuple[str, float] | None = None  # ("vốn điều lệ", 5.0): stated, but not total capital
    cooperative: bool = False  # a hợp tác xã, which Luật 04/2017/QH14 (Điều 2) does not cover


_NUM = r"(?<![\w.,$])(?P<num>\d+(?:[.,]\d+)?)"
# "12 tỷ", "800tr", "2 tỉ đồng", "12 billion VND", "12bn"; not "2 million USD", which is not a VND amount. After
# tỷ, spoken Vietnamese adds hundreds of millions: "1 tỷ 2" and "1 tỷ 200 triệu" are both 1,2 tỷ.
_UNIT = r"\s*(?P<unit>ty|ti|trieu|tr|billion|bn|million|mn|mil)(?:d|\s*vnd|\s+dong)?\b"
_UNIT += (
    r"(?!\s*(?:usd\b|\$|dollars?\b|eur))(?:\s*(?P<rest>\d{1,3})(?:\s*(?P<rest_unit>trieu|tr)\b|(?!\s*\w)(?![.,]\d)))?"
)
_BILLIONS = {"ty", "ti", "billion", "bn"}
_PEOPLE_WORDS = r"nguoi|ng|lao dong|ld|nhan vien|nv|cong nhan|tho|nhan su|xa vien"
_PEOPLE_WORDS += r"|(?:full[- ]time )?(?:employees?|staff|workers?|people|persons|personnel|labou?rers)"
_PEOPLE = re.compile(rf"{_NUM}\s*(?:{_PEOPLE_WORDS})\b")
# "số lao động: 25", "headcount of 40": the count after the word, but not "nhân viên 2 năm" or an amount.
_PEOPLE_AFTER = re.compile(
    rf"\b(?:lao dong|nhan vien|cong nhan|nhan su|headcount|employees|staff|workers)"
    rf"\s*(?:la|khoang|tam|co|of|is|about)?\s*[:=]?\s*{_NUM}"
    r"(?!\s*(?:ty|ti|trieu|tr|nam|thang|ngay|tuoi|%|billion|bn|million|years?|months?)\b)"
)
# A few words or a year may sit between the keyword and the amount ("doanh thu năm 2023 khoảng 12 tỷ", "turnover VND 80
# billion"), but not punctuation or another keyword, so "doanh thu chưa có, vốn 2 tỷ" does not read 2 tỷ as revenue.
_KEYWORDS = r"von|nguon|doanh|dt|capital|revenue|turnover|sales|equity"
_GAP = rf"(?:\s*[:=~]?\s*(?!(?:{_KEYWORDS})\b)(?:[a-z]+|(?:19|20)\d\d)){{0,4}}?\s*[:=~]?\s*"
_REVENUE = re.compile(rf"\b(?:doanh thu|doanh so|dt|revenues?|turnover|sales)\b{_GAP}{_NUM}{_UNIT}")
_REVENUE_AFTER = re.compile(rf"{_NUM}{_UNIT}\s+(?:in |of )?(?:annual |yearly )?(?:revenues?|turnover|sales)\b")
# Điều 8 counts total capital (tổng nguồn vốn) from the balance sheet; charter, contributed or owner's capital is
# only part of it, so it is told apart and never judged as the total. Longer names come first in the alternation.
_OTHER_CAPITAL = {
    "von dieu le": "vốn điều lệ",
    "vdl": "vốn điều lệ",
    "charter capital": "vốn điều lệ",
    "registered capital": "vốn điều lệ",
    "von gop": "vốn góp",
    "paid-in capital": "vốn góp",
    "von chu so huu": "vốn chủ sở hữu",
    "equity": "vốn chủ sở hữu",
    "von luu dong": "vốn lưu động",
    "working capital": "vốn lưu động",
}
_TOTAL_CAPITAL = ("tong nguon von", "nguon von", "total capital", "total assets")
_CAPITAL_NAMES = "|".join(re.escape(n) for n in (*_OTHER_CAPITAL, *_TOTAL_CAPITAL, "von", "capital"))
_CAPITAL = re.compile(rf"\b(?P<name>{_CAPITAL_NAMES})\b(?!\s+vay){_GAP}{_NUM}{_UNIT}")

# A comparison right before a figure ("dưới 50 lao động", "không quá 100 tỷ", "từ 10 đến 50 người", "≤ 10") ...
_COMPARE = re.compile(
    r"(?:\b(?:duoi|tren|khong qua|khong vuot qua|vuot qua|toi da|toi thieu|it hon|nhieu hon|lon hon|nho hon|tu"
    r"|up to|under|over|below|above|at most|at least|less than|more than|fewer than|no more than|not exceeding)"
    r"|len toi|len den|[<>≤≥]=?|\d\s*-|\bden)\s*$"
)
# ... asks about the rule unless the asker speaks of their own firm ("mình", "tôi", "cty em", "our", "we").
_OWN = r"mình|tôi|tui|tớ|em|chúng tôi|chúng em|xưởng|cửa hàng|tiệm|trang trại"
_OWN_ACCENTED = re.compile(rf"(?<!\w)(?:{_OWN})(?!\w)")
_OWN_FOLDED = re.compile(r"\b(?:(?<!chung )(?<!thong )minh(?! bach)|(?<!len )toi(?! (?:da|thieu|uu))|tui|em|shop)\b")
_OWN_ENGLISH = re.compile(r"\b(?:we|our|ours|us|my|i|i'm|im)\b")
# "cho em hỏi", "mình muốn hỏi", "can I ask": the asker asking, which says nothing about whose firm it is.
_ASKING = re.compile(
    r"(?:\b(?:cho|xin cho|giup)\s+)?\b(?:em|minh|toi|to|tui)\s+(?:muon\s+|xin\s+|can\s+)?hoi\b"
    r"|\b(?:can|could|may) i ask\b|\bi(?: would|'d)? (?:like|want) to (?:know|ask)\b"
)
_COOPERATIVE = re.compile(r"\b(?:hop tac xa|htx|cooperatives?|co-?op)\b")
_ENTERPRISE = re.compile(r"\b(?:cong ty|cty|doanh nghiep|dn|company|firm|enterprise|shop|xuong)\b")
_FLAGS = {
    "ho_kinh_doanh": re.compile(r"\bho kinh doanh\b|\bhkd\b|\bho ca the\b"),
    "khoi_nghiep": re.compile(r"\bkhoi nghiep\b|\bstart-?up\b"),
    "cum_lien_ket": re.compile(r"\bcum lien ket\b"),
    "chuoi_gia_tri": re.compile(r"\bchuoi gia tri\b"),
    "nu_lam_chu": re.compile(r"\bnu lam chu\b|\bchu (?:doanh nghiep )?la nu\b|\blao dong nu\b|\bdoanh nghiep xa hoi\b"),
}


def parse_amount(number: str) -> float:
    """'1,5' and '2.5' are decimals; '1.200' (three digits after the mark, not '0.xxx') groups thousands."""
    whole, mark, frac = number.replace(",", ".").partition(".")
    if not mark:
        return float(whole)
    if len(frac) == 3 and whole != "0":
        return float(whole + frac)
    return float(f"{whole}.{frac}")


def _money(match: re.Match[str]) -> float:
    """An amount in tỷ đồng: triệu and million are divided by 1000; "1 tỷ 2" is 1,2."""
    value = parse_amount(match.group("num"))
    if match.group("unit") not in _BILLIONS:
        return value / 1000
    rest = match.group("rest")
    if rest is None:
        return value
    return value + (int(rest) / 1000 if match.group("rest_unit") else int(rest) / 10 ** len(rest))


def _capitals(folded: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The first total-capital amount ("vốn", "nguồn vốn") and the first other one ("vốn điều lệ")."""
    total = other = None
    for match in _CAPITAL.finditer(folded):
        if match.group("name") in _OTHER_CAPITAL:
            other = other or match
        else:
            total = total or match
    return total, other


def _about_the_rule(folded: str, accented: str, starts: list[int]) -> bool:
    """A comparison before any figure, and nothing saying the firm is the asker's own."""
    if not any(_COMPARE.search(folded[max(0, at - 40) : at]) for at in starts):
        return False
    if len(folded) != len(accented):  # a lone combining mark was dropped: read the folded text alone
        accented = folded
    # Folding then keeps every character, so a span of the folded text is the same span of the accented one.
    for asking in reversed(list(_ASKING.finditer(folded))):
        folded = folded[: asking.start()] + folded[asking.end() :]
        accented = accented[: asking.start()] + accented[asking.end() :]
    own = _OWN_ACCENTED.search(accented) or _OWN_ENGLISH.search(folded)
    # Without any accent "minh"/"toi" are the only way to say "mình"/"tôi"; with accents they are other words.
    return not (own or (folded == accented and _OWN_FOLDED.search(folded)))


def _cooperative(folded: str) -> bool:
    """A question about a cooperative: it names one before (or without) any company."""
    coop, firm = _COOPERATIVE.search(folded), _ENTERPRISE.search(folded)
    return coop is not None and (firm is None or coop.start() < firm.start())


def extract_figures(text: str) -> SmeQuery | None:
    """A firm's figures (tỷ đồng), sector and flags; None without a head count and an amount, or about the rule."""
    accented = normalize(text)
    folded = fold_diacritics(accented)
    people = _PEOPLE.search(folded) or _PEOPLE_AFTER.search(folded)
    revenue_match = _REVENUE.search(folded) or _REVENUE_AFTER.search(folded)
    total, other = _capitals(folded)
    revenue = None if revenue_match is None else _money(revenue_match)
    capital = None if total is None else _money(total)
    if people is None or (not revenue and capital is None and other is None):
        return None
    starts = [m.start("num") for m in (people, revenue_match, total, other) if m is not None]
    if _about_the_rule(folded, accented, starts):
        return None
    flags = SmeFlags(**{name: bool(rx.search(folded)) for name, rx in _FLAGS.items()})
    loose = total is not None and total.group("name") in {"von", "capital"}
    stated = None if other is None else (_OTHER_CAPITAL[other.group("name")], _money(other))
    sector = sector_of(folded, accented)
    employees = parse_amount(people.group("num"))
    return SmeQuery(employees, revenue, capital, sector, flags, loose, stated, _cooperative(folded))
