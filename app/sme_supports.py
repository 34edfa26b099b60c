"""What an SME of a given size can get under Nghị định 80/2021/NĐ-CP, quoted from the knowledge base (never re-typed).

Every amount is cut from a passage (app.sme_clauses, app.sme_amounts): the point or sentence that states the rate
or cap for the firm's size. When a clause sets amounts per size (Điều 11 khoản 1–2, Điều 13 khoản 2) only the
general rate and this size's cap are quoted, and a clause that names other sizes only (Điều 11 khoản 1 has no
micro-firm cap) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from app.sme_clauses import amount_for, conditions_of, paragraphs
from app.sme_rules import DECREE_NUMBER, Size, SmeFlags
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document

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
    makers_only: bool = False  # for firms "trong lĩnh vực sản xuất, chế biến" (see MAKERS)


# Only clauses a firm can claim: Điều 11 khoản 5 (state investment), Điều 12 khoản 2–4 (the portal's running) and
# Điều 13 khoản 1 (the consultant network) are duties of the state; Điều 20–21, 23–24, 26 are eligibility rules.
_GENERAL = [("11", "1"), ("11", "2"), ("11", "3"), ("11", "4"), ("12", "1"), ("13", "2")]
_GENERAL += [("14", "1"), ("14", "2"), ("14", "3"), ("14", "4")]
_MAKERS_ONLY = ("14", "3")
_HOUSEHOLD = [("15", "1"), ("16", None), ("17", None), ("18", None), ("19", "1")]
_GROUPS: tuple[tuple[Group, tuple[_Spec, ...]], ...] = (
    ("chung", tuple(_Spec(a, c, makers_only=(a, c) == _MAKERS_ONLY) for a, c in _GENERAL)),
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


def _support(docs: list[Document], spec: _Spec, size: Size, women: bool) -> Support | None:
    """The support of one clause from the first document that has it, or None when it is not for this size."""
    for doc in docs:
        paras = paragraphs(doc, spec.article, spec.clause)
        if not paras:
            continue
        chosen = amount_for(paras, size, women)
        if chosen is None:
            return None
        para, amount = chosen
        rule = paragraphs(doc, *spec.conditions_from) if spec.conditions_from else []
        title = doc.article_titles.get(spec.article) or para.passage.heading
        conditions = conditions_of((rule or paras)[0])
        if conditions.endswith(":") and amount.startswith(conditions):  # the lead is the amount with its points
            conditions = amount
        return Support(title, amount, conditions, para.citation(), para.passage.id)
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


# Điều 14 khoản 3 trains staff at firms "trong lĩnh vực sản xuất, chế biến": a trading or service firm qualifies only
# if it also makes or processes something, which its sector does not tell.
MAKERS = "doanh nghiệp trong lĩnh vực sản xuất, chế biến"


def find_supports(
    kb: KnowledgeBase, size: Size, flags: SmeFlags | None = None, sector: str | None = None
) -> list[Support]:
    """Supports of Điều 11–27 for this size; a group needing an unstated fact appears once, with applies_if."""
    if size == "khong-phai-dnnvv":
        return []
    flags = flags or SmeFlags()
    # An admin-imported official text is preferred to our summary note when both are in the knowledge base.
    docs = sorted(kb.by_number(DECREE_NUMBER), key=lambda d: d.meta.kind != "official")
    out: list[Support] = []
    for group, specs in _GROUPS:
        found = [(spec, s) for spec in specs if (s := _support(docs, spec, size, flags.nu_lam_chu))]
        if _claimed(group, flags):
            trade = sector == "thuong-mai-dich-vu"
            out += [replace(s, applies_if=MAKERS) if spec.makers_only and trade else s for spec, s in found]
        elif found:
            out.append(replace(found[0][1], applies_if=_APPLIES_IF[group]))
    return out
