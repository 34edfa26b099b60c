"""A firm's figures from a free-text question ("cty minh 25 nguoi doanh thu 12 ty lam bao bi"), accented or not.

Only a question that states both a head count and a revenue or capital amount counts as an SME question, so
ordinary questions ("DNNVV được hỗ trợ tư vấn bao nhiêu?") never trigger it. Matching runs on folded text
(knowledge.folding), so "doanh thu 12 tỷ" and "doanh thu 12 ty" read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.sme_rules import Sector, SmeFlags
from knowledge.folding import fold_diacritics, normalize

__all__ = ["SmeQuery", "extract_figures", "parse_amount"]


@dataclass(frozen=True)
class SmeQuery:
    """What a question says about a firm; sector None when no word in it names the line of business."""

    employees: float
    revenue: float | None
    capital: float | None
    sector: Sector | None
    flags: SmeFlags = field(default_factory=SmeFlags)


_NUM = r"(?<![\w.,])(\d+(?:[.,]\d+)?)"
_UNIT = r"\s*(ty|ti|trieu|tr)(?:d|\s+dong)?\b"
_PEOPLE_WORDS = r"nguoi|lao dong|ld|nhan vien|nv|cong nhan|tho|nhan su"
_PEOPLE = re.compile(rf"{_NUM}\s*(?:{_PEOPLE_WORDS})\b")
# "số lao động: 25", "nhân viên khoảng 8": the count after the word, but not "nhân viên 2 năm" or an amount.
_PEOPLE_AFTER = re.compile(
    rf"\b(?:lao dong|nhan vien|cong nhan|nhan su)\s*(?:la|khoang|tam|co)?\s*[:=]?\s*{_NUM}"
    r"(?!\s*(?:ty|ti|trieu|tr|nam|thang|ngay|tuoi|%)\b)"
)
# A few words may sit between the keyword and the amount ("doanh thu năm ngoái khoảng 12 tỷ"), but not
# punctuation or the other keyword, so "doanh thu chưa có, vốn 2 tỷ" does not read 2 tỷ as revenue.
_GAP = r"(?:\s*[:=~]?\s*(?!von\b|nguon\b|doanh\b|dt\b)[a-z]+){0,4}?\s*[:=~]?\s*"
_REVENUE = re.compile(rf"\b(?:doanh thu|doanh so|dt)\b{_GAP}{_NUM}{_UNIT}")
_CAPITAL = re.compile(rf"\b(?:nguon von|von)\b(?!\s+vay){_GAP}{_NUM}{_UNIT}")

# The decree sorts a firm by its main registered line (Điều 6); the statistics office's grouping of VSIC 2018
# puts section A in farming, B–F in industry and construction, G–U in trade and services. So software and IT
# (section J) are services, making or processing anything is industry even when the input is farm produce
# ("chế biến thủy sản", section C), and buying and selling it is trade ("buôn bán nông sản", section G).
# Rules run in order and the first match wins; `True` marks words matched on the accented text only, because
# their folded form is an everyday word ("xuống", "có khi", "trong").
_SECTOR_RULES: tuple[tuple[Sector, bool, re.Pattern[str]], ...] = (
    ("thuong-mai-dich-vu", False, re.compile(r"\b(?:phan mem|cong nghe thong tin|lap trinh|ung dung di dong)\b")),
    (
        "cong-nghiep-xay-dung",
        False,
        re.compile(
            r"\b(?:may mac|det may|xay dung|san xuat|che bien|bao bi|nha may|nha xuong|gia cong|in an|do go"
            r"|xuong (?:go|may|in|moc|han|co khi|san xuat|che bien)|co khi (?:che tao|chinh xac)|cong nghiep)\b"
        ),
    ),
    ("cong-nghiep-xay-dung", True, re.compile(r"(?<!\w)(?:xưởng|gỗ|cơ khí)(?!\w)")),
    (
        "thuong-mai-dich-vu",
        False,
        re.compile(
            r"\b(?:thuong mai|buon ban|ban le|ban buon|ban hang|online|shop|cua hang|tap hoa|sieu thi"
            r"|xuat nhap khau|nha hang|quan (?:an|ca phe|cafe|tra sua)|du lich|khach san|homestay|van tai"
            r"|logistics|spa)\b"
        ),
    ),
    (
        "nong-lam-thuy-san",
        False,
        re.compile(
            r"\b(?:nong san|nong nghiep|trong trot|trong (?:cay|rau|lua|hoa|nam|ca phe|cafe|che|tieu)|chan nuoi"
            r"|thuy san|hai san|nuoi (?:ca|tom|lon|ga|bo)|lam nghiep|trong rung|trang trai)\b"
        ),
    ),
    ("nong-lam-thuy-san", True, re.compile(r"(?<!\w)trồng(?!\w)")),
    # "dịch vụ" and "tư vấn" often name the support asked about ("hỗ trợ tư vấn"), so they decide only last.
    ("thuong-mai-dich-vu", False, re.compile(r"(?<!ho tro )\b(?:dich vu|tu van)\b")),
)
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


def _money(match: re.Match[str] | None) -> float | None:
    """An amount in tỷ đồng; triệu are divided by 1000."""
    if match is None:
        return None
    value = parse_amount(match.group(1))
    return value if match.group(2) in {"ty", "ti"} else value / 1000


def _sector(folded: str, accented: str) -> Sector | None:
    """The sector of the first rule whose words the question uses, or None."""
    for sector, needs_accents, pattern in _SECTOR_RULES:
        if pattern.search(accented if needs_accents else folded):
            return sector
    return None


def extract_figures(text: str) -> SmeQuery | None:
    """Employees, revenue and capital (tỷ đồng), sector and flags, or None without a head count and an amount."""
    accented = normalize(text)
    folded = fold_diacritics(accented)
    people = _PEOPLE.search(folded) or _PEOPLE_AFTER.search(folded)
    revenue = _money(_REVENUE.search(folded))
    capital = _money(_CAPITAL.search(folded))
    if people is None or (not revenue and capital is None):
        return None
    flags = SmeFlags(**{name: bool(rx.search(folded)) for name, rx in _FLAGS.items()})
    return SmeQuery(parse_amount(people.group(1)), revenue, capital, _sector(folded, accented), flags)
