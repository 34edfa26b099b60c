"""An SME result's reasons and citations, written by app.sme_rules in Vietnamese (DESIGN §3b), read in English."""

from __future__ import annotations

import re

from knowledge.doctypes import type_from_number
from knowledge.models import Citation

__all__ = ["citation_en", "reason_en", "title_en"]

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
# The titles of Decree 80/2021/NĐ-CP's support articles (Điều 11–27), which head the supports a size gets.
_TITLES = {
    "Hỗ trợ công nghệ cho doanh nghiệp nhỏ và vừa": "Technology support",
    "Hỗ trợ thông tin cho doanh nghiệp nhỏ và vừa": "Information support",
    "Hỗ trợ tư vấn cho doanh nghiệp nhỏ và vừa": "Consulting support",
    "Hỗ trợ phát triển nguồn nhân lực cho doanh nghiệp nhỏ và vừa": "Training and human-resource support",
    "Hỗ trợ tư vấn, hướng dẫn hồ sơ, thủ tục thành lập doanh nghiệp": "advice on the papers to set up a company",
    "Hỗ trợ đăng ký doanh nghiệp, công bố thông tin doanh nghiệp": "free enterprise registration and publication",
    "Hỗ trợ thủ tục đăng ký ngành, nghề kinh doanh có điều kiện": "help with licences for conditional business lines",
    "Hỗ trợ lệ phí môn bài": "business licence fee (lệ phí môn bài) waiver",
    "Hỗ trợ tư vấn, hướng dẫn thủ tục hành chính thuế và chế độ kế toán": "free tax and accounting advice",
    "Nội dung hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo": "support for innovative start-ups",
    "Nội dung hỗ trợ doanh nghiệp nhỏ và vừa tham gia cụm liên kết ngành, chuỗi giá trị": (
        "support for firms in industry clusters and value chains"
    ),
    "Nội dung hỗ trợ lãi suất": "interest-rate support for loans",
}
# "Điểm b Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP", "Điều 4 Luật ... số 04/2017/QH14": the number comes last.
_CITATION = re.compile(
    r"^(?:Điểm (?P<point>\S+) )?(?:Khoản (?P<clause>\S+) )?Điều (?P<article>\S+) .*?(?P<number>\S+)$"
)


def reason_en(reason: str) -> str:
    """'25 lao động > 10: không phải siêu nhỏ' -> '25 workers > 10: not micro'; other text is left as it is."""
    for vietnamese, english in _WORDS:
        reason = reason.replace(vietnamese, english)
    return reason


def title_en(title: str) -> str:
    """A support article's title in English; a title we have no English for is shown as it is."""
    return _TITLES.get(title, title)


def citation_en(citation: str) -> str:
    """'Điểm b Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP' -> 'Article 13(2)(b), Decree 80/2021/NĐ-CP'."""
    cited = _CITATION.match(citation)
    kind = type_from_number(cited.group("number")) if cited else None
    if cited is None or kind is None:
        return citation
    article, clause, point = cited.group("article", "clause", "point")
    number = cited.group("number")
    return Citation(
        document_number=number, document_title="", document_type=kind, article=article, clause=clause, point=point
    ).english()
