"""Which supports a firm's sector leaves open: Decree 80's clauses that name a kind of business."""

from __future__ import annotations

from app.sme_supports import find_supports
from knowledge.knowledge_base import KnowledgeBase
from knowledge.seed import shipped_documents


def test_on_site_training_is_for_makers_so_a_shop_gets_it_only_if_it_makes_something() -> None:
    # Điều 14 khoản 3: training at the firm, for SMEs "trong lĩnh vực sản xuất, chế biến".
    def training(sector: str) -> list[str | None]:
        return [
            s.applies_if
            for s in find_supports(KnowledgeBase(shipped_documents()), "nho", None, sector)
            if "Khoản 3 Điều 14" in s.citation
        ]

    assert training("cong-nghiep-xay-dung") == [None]
    assert training("thuong-mai-dich-vu") == ["doanh nghiệp trong lĩnh vực sản xuất, chế biến"]
