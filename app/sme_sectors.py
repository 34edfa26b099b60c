"""The decree's sector (Điều 6) from the words of a question, Vietnamese (accented or not) or English.

The decree sorts a firm by its main registered line (Điều 6); the statistics office's grouping of VSIC 2018 puts
section A in farming, B–F in industry and construction, G–U in trade and services. So software and IT (section J)
are services, making or processing anything is industry even when the input is farm produce ("chế biến thủy sản",
"seafood processing", section C), and buying and selling it is trade ("buôn bán nông sản", section G).
"""

from __future__ import annotations

import re
from typing import Literal, get_args

__all__ = ["SECTORS", "Sector", "sector_of"]

# The decree's three sectors, as the `sme` command and the JSON name them (DESIGN §2, §3b).
Sector = Literal["nong-lam-thuy-san", "cong-nghiep-xay-dung", "thuong-mai-dich-vu"]
SECTORS: tuple[Sector, ...] = get_args(Sector)

# Rules run in order and the first match wins; `True` marks words matched on the accented text only, because
# their folded form is an everyday word ("xuống", "có khi", "trong").
_SECTOR_RULES: tuple[tuple[Sector, bool, re.Pattern[str]], ...] = (
    (
        "thuong-mai-dich-vu",
        False,
        re.compile(
            r"\b(?:phan mem|cong nghe thong tin|lap trinh|ung dung di dong"
            r"|software|saas|information technology|it (?:company|firm|services?|outsourcing))\b"
        ),
    ),
    (
        "cong-nghiep-xay-dung",
        False,
        re.compile(
            r"\b(?:may mac|det may|xay dung|san xuat|che bien|bao bi|nha may|nha xuong|gia cong|in an|do go"
            r"|xuong (?:go|may|in|moc|han|co khi|san xuat|che bien)|co khi (?:che tao|chinh xac)|cong nghiep"
            r"|manufactur\w*|factory|factories|packaging|garments?|textiles?|apparel|construction|processing)\b"
        ),
    ),
    ("cong-nghiep-xay-dung", True, re.compile(r"(?<!\w)(?:xưởng|gỗ|cơ khí)(?!\w)")),
    (
        "thuong-mai-dich-vu",
        False,
        re.compile(
            r"\b(?:thuong mai|buon ban|ban le|ban buon|ban hang|ban (?:nong|thuy|hai) san|online|shop|cua hang"
            r"|tap hoa|sieu thi|xuat nhap khau|nha hang|quan (?:an|ca phe|cafe|tra sua)|du lich|khach san|homestay"
            r"|van tai|logistics|spa|trade|trading|traders?|retail\w*|wholesale\w*|stores?|e-?commerce|restaurants?"
            r"|hotels?|tourism|travel agency)\b"
        ),
    ),
    (
        "nong-lam-thuy-san",
        False,
        re.compile(
            r"\b(?:nong san|nong nghiep|trong trot|trong (?:cay|rau|lua|hoa|nam|ca phe|cafe|che|tieu)|chan nuoi"
            r"|thuy san|hai san|nuoi (?:ca|tom|lon|ga|bo)|lam nghiep|trong rung|trang trai"
            r"|farms?|farming|agricultur\w*|fisher(?:y|ies)|aquaculture|forestry|livestock)\b"
        ),
    ),
    ("nong-lam-thuy-san", True, re.compile(r"(?<!\w)trồng(?!\w)")),
    # "dịch vụ" and "tư vấn" often name the support asked about ("hỗ trợ tư vấn"), so they decide only last.
    (
        "thuong-mai-dich-vu",
        False,
        re.compile(r"(?<!ho tro )\b(?:dich vu|tu van|services? (?:company|firm|business|provider))\b"),
    ),
)


def sector_of(folded: str, accented: str) -> Sector | None:
    """The sector of the first rule whose words the question uses, or None."""
    for sector, needs_accents, pattern in _SECTOR_RULES:
        if pattern.search(accented if needs_accents else folded):
            return sector
    return None
