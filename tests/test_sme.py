"""The SME eligibility service: Điều 5 Nghị định 80/2021/NĐ-CP by hand, supports quoted verbatim, extraction."""

from __future__ import annotations

import re

import pytest

from app.sme import Size, SmeFlags, SmeInputError, assess
from app.sme_amounts import ELISION, MAX_CHARS, cut_for_size, with_points
from app.sme_rules import classify
from app.sme_supports import find_supports
from knowledge.importers.phapdien import load_phapdien
from knowledge.knowledge_base import KnowledgeBase
from knowledge.seed import shipped_documents
from tests.conftest import shared_path

AGRI, INDUSTRY, TRADE = "nong-lam-thuy-san", "cong-nghiep-xay-dung", "thuong-mai-dich-vu"
DECREE = "Nghị định 80/2021/NĐ-CP"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(shipped_documents())


# Expected sizes worked out by hand from Điều 5 (K1 micro, K2 small "không phải siêu nhỏ", K3 medium "không phải siêu
# nhỏ, nhỏ"): "sử dụng lao động có tham gia bảo hiểm xã hội bình quân năm không quá N người và tổng doanh thu của năm
# không quá R tỷ đồng hoặc tổng nguồn vốn của năm không quá C tỷ đồng", with (N, R, C) for farming and for industry:
# K1 (10, 3, 3), K2 (100, 50, 20), K3 (200, 200, 100); for trade and services: K1 (10, 10, 3), K2 (50, 100, 50),
# K3 (100, 300, 100). Điều 9 K2: "chưa phát sinh doanh thu thì ... căn cứ vào tiêu chí tổng nguồn vốn".
CASES = [
    # sector, employees, revenue, capital, expected
    (AGRI, 10, 3, None, "sieu-nho"),  # K1: exactly 10 people and exactly 3 tỷ revenue
    (AGRI, 11, 3, None, "nho"),  # 11 > 10 people: not K1; K2: 11 ≤ 100 and 3 ≤ 50
    (AGRI, 10, 3.5, None, "nho"),  # 3,5 tỷ > 3 and no capital: not K1; K2: 3,5 ≤ 50
    (AGRI, 10, 3.5, 3, "sieu-nho"),  # K1 "hoặc tổng nguồn vốn không quá 3 tỷ": capital alone decides
    (AGRI, 100, 50, None, "nho"),  # K2: exactly 100 people and exactly 50 tỷ
    (AGRI, 101, 50, None, "vua"),  # 101 > 100: not K2; K3: 101 ≤ 200 and 50 ≤ 200
    (AGRI, 100, 51, 20, "nho"),  # K2: revenue 51 > 50 but capital exactly 20 ≤ 20
    (AGRI, 100, 51, 21, "vua"),  # K2 fails on both (51 > 50, 21 > 20); K3: 51 ≤ 200
    (AGRI, 200, 200, None, "vua"),  # K3: exactly 200 people and exactly 200 tỷ
    (AGRI, 201, 1, 1, "khong-phai-dnnvv"),  # 201 > 200 people: above every clause
    (AGRI, 200, 201, 100, "vua"),  # K3: revenue 201 > 200 but capital exactly 100
    (AGRI, 200, 201, 101, "khong-phai-dnnvv"),  # K3 fails on both money tests
    (AGRI, 0, 0.1, None, "sieu-nho"),  # K1: no insured workers yet, 0,1 tỷ revenue
    (INDUSTRY, 5, 2, None, "sieu-nho"),  # K1: 5 ≤ 10 and 2 ≤ 3
    (INDUSTRY, 40, 30, None, "nho"),  # K2: 40 ≤ 100 and 30 ≤ 50
    (INDUSTRY, 150, 120, None, "vua"),  # K3: 150 ≤ 200 and 120 ≤ 200
    (INDUSTRY, 150, 250, 150, "khong-phai-dnnvv"),  # K3: 250 > 200 and 150 > 100 (Điều 4 Luật's 300 tỷ is not the rule)
    (INDUSTRY, 200, 300, None, "khong-phai-dnnvv"),  # K3 for industry caps revenue at 200 tỷ, not 300
    (INDUSTRY, 10, None, 3, "sieu-nho"),  # Đ9 K2 capital only; K1: capital exactly 3
    (INDUSTRY, 10, None, 3.01, "nho"),  # capital only: 3,01 > 3; K2: 3,01 ≤ 20
    (INDUSTRY, 50, None, 20, "nho"),  # capital only, K2: exactly 20
    (INDUSTRY, 50, None, 21, "vua"),  # capital only: 21 > 20; K3: 21 ≤ 100
    (INDUSTRY, 50, None, 100, "vua"),  # capital only, K3: exactly 100
    (INDUSTRY, 50, None, 101, "khong-phai-dnnvv"),  # capital only: 101 > 100
    (TRADE, 10, 10, None, "sieu-nho"),  # K1 trade: exactly 10 people and exactly 10 tỷ
    (TRADE, 10, 10.5, None, "nho"),  # 10,5 > 10: not K1; K2: 10,5 ≤ 100
    (TRADE, 10, 10.5, 3, "sieu-nho"),  # K1: capital exactly 3 decides alone
    (TRADE, 11, 1, 1, "nho"),  # 11 > 10: not K1; K2: 11 ≤ 50
    (TRADE, 50, 100, None, "nho"),  # K2 trade: exactly 50 people and exactly 100 tỷ
    (TRADE, 51, 100, None, "vua"),  # 51 > 50: not K2; K3: 51 ≤ 100 and 100 ≤ 300
    (TRADE, 50, 101, 50, "nho"),  # K2: revenue 101 > 100 but capital exactly 50
    (TRADE, 50, 101, 51, "vua"),  # K2 fails on both; K3: 101 ≤ 300
    (TRADE, 100, 300, None, "vua"),  # K3 trade: exactly 100 people and exactly 300 tỷ
    (TRADE, 101, 1, None, "khong-phai-dnnvv"),  # K3 trade allows at most 100 people
    (TRADE, 100, 301, 100, "vua"),  # K3: 301 > 300 but capital exactly 100
    (TRADE, 100, 301, 101, "khong-phai-dnnvv"),  # K3 fails on both
    (TRADE, 25, 12, None, "nho"),  # DESIGN §3b example: 25 > 10; 25 ≤ 50 and 12 ≤ 100
    (TRADE, 3, 0.8, None, "sieu-nho"),  # K1: 3 ≤ 10 and 0,8 ≤ 10
    (TRADE, 8, None, 2, "sieu-nho"),  # capital only, K1: 2 ≤ 3
    (TRADE, 30, 0, 60, "vua"),  # revenue 0 = none yet (Đ9 K2): 60 > 50 fails K2; K3: 60 ≤ 100
]


CLAUSE = {"sieu-nho": "1", "nho": "2", "vua": "3", "khong-phai-dnnvv": "3"}  # the clause that decides (or is exceeded)


@pytest.mark.parametrize(("sector", "workers", "revenue", "capital", "expected"), CASES)
def test_size_by_article_5(
    sector: str, workers: float, revenue: float | None, capital: float | None, expected: str
) -> None:
    verdict = classify(sector, workers, revenue, capital)
    assert verdict.size == expected
    assert verdict.citations[0] == f"Khoản {CLAUSE[expected]} Điều 5 {DECREE}"


def test_every_size_in_every_sector_is_covered() -> None:
    covered = {(case[0], case[4]) for case in CASES}
    sizes = ("sieu-nho", "nho", "vua", "khong-phai-dnnvv")
    assert covered == {(sector, size) for sector in (AGRI, INDUSTRY, TRADE) for size in sizes}


def test_design_example_reasons_and_citations(kb: KnowledgeBase) -> None:
    result = assess(kb, TRADE, 25, 12.0).to_json_dict()
    assert result["size"] == "nho"
    assert result["employees"] == 25 and result["revenue"] == 12.0 and result["capital"] is None
    assert result["reasons"] == [
        "25 lao động > 10: không phải siêu nhỏ",
        "25 lao động ≤ 50 và doanh thu 12 tỷ ≤ 100 tỷ: doanh nghiệp nhỏ",
    ]
    assert result["citations"] == [f"Khoản 2 Điều 5 {DECREE}"]
    assert result["supports"]


def test_citations_beyond_article_5(kb: KnowledgeBase) -> None:
    too_big = assess(kb, TRADE, 300, 1000.0, 500.0)
    assert too_big.size == "khong-phai-dnnvv" and too_big.supports == []
    assert "Điều 4 Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14" in too_big.citations
    no_revenue = assess(kb, INDUSTRY, 8, None, 2.0)
    assert f"Khoản 2 Điều 9 {DECREE}" in no_revenue.citations
    assert no_revenue.reasons[-1] == "8 lao động ≤ 10 và nguồn vốn 2 tỷ ≤ 3 tỷ: doanh nghiệp siêu nhỏ"


# An unknown sector, negative figures, neither revenue nor capital, no revenue yet without capital (Đ9 K2), NaN.
INVALID = [("ban-le", 5, 1.0, None), (TRADE, -1, 1.0, None), (TRADE, 5, -1.0, None), (TRADE, 5, 1.0, -0.5)]
INVALID += [(TRADE, 5, None, None), (TRADE, 5, 0.0, None), (TRADE, float("nan"), 1.0, None)]


@pytest.mark.parametrize(("sector", "n", "rev", "cap"), INVALID)
def test_invalid_input_raises_a_value_error(
    kb: KnowledgeBase, sector: str, n: float, rev: float | None, cap: float | None
) -> None:
    with pytest.raises(SmeInputError) as caught:
        assess(kb, sector, n, rev, cap)
    assert isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)


FLAG_SETS = [SmeFlags(), SmeFlags(nu_lam_chu=True), SmeFlags(True, True, True, True, True)]
SOURCES = ["note", "official"]  # our summary note (shipped), or the official text imported over it (Pháp điển)


@pytest.fixture(scope="module")
def official_kb() -> KnowledgeBase:
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    documents = load_phapdien(path.read_text(encoding="utf-8"), str(path))
    return KnowledgeBase([*shipped_documents(), *(d for d in documents if d.meta.number == "80/2021/NĐ-CP")])


def _kb(request: pytest.FixtureRequest, source: str) -> KnowledgeBase:
    kb: KnowledgeBase = request.getfixturevalue("kb" if source == "note" else "official_kb")
    return kb


def quoted_parts(amount: str) -> list[str]:
    """The verbatim cuts an amount is made of: split at the elision ' … ', at '; ' and at the ': ' before points."""
    return [p.strip(" …") for p in re.split(f"{ELISION}|; |(?<=:) ", amount) if p.strip(" …")]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("flags", FLAG_SETS)
@pytest.mark.parametrize("size", ["sieu-nho", "nho", "vua"])
def test_every_amount_is_quoted_verbatim_from_the_cited_passage(
    request: pytest.FixtureRequest, source: str, size: Size, flags: SmeFlags
) -> None:
    kb = _kb(request, source)
    supports = find_supports(kb, size, flags)
    assert len(supports) > 10
    for support in supports:
        found = kb.passage(support.passage_id)
        assert found is not None, support
        doc, passage = found
        assert doc.meta.number == "80/2021/NĐ-CP" and doc.meta.kind == (
            "official" if source == "official" else "summary"
        )
        assert support.title == doc.article_titles[passage.article or ""]
        parts = quoted_parts(support.amount)
        assert all(part in passage.text for part in parts), support
        holding = [i for i, text in enumerate(passage.paragraphs()) if parts and parts[0] in text] or [0]
        assert support.citation in {doc.citation(passage, i).text() for i in holding}, support


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("size", "point", "rate", "cap", "women_cap"),
    [  # Điều 13 khoản 2: a) micro 100%, 50 (70) triệu; b) small 50%, 100 (150) triệu; c) medium 30%, 150 (200) triệu
        ("sieu-nho", "a", "100%", "50 triệu", "70 triệu"),
        ("nho", "b", "50%", "100 triệu", "150 triệu"),
        ("vua", "c", "30%", "150 triệu", "200 triệu"),
    ],
)
def test_consulting_by_size(
    request: pytest.FixtureRequest, source: str, size: Size, point: str, rate: str, cap: str, women_cap: str
) -> None:
    kb = _kb(request, source)
    citation = f"Điểm {point} Khoản 2 Điều 13 {DECREE}"
    plain = {s.citation: s for s in find_supports(kb, size)}[citation]
    assert rate in plain.amount and cap in plain.amount and women_cap not in plain.amount
    women = {s.citation: s for s in find_supports(kb, size, SmeFlags(nu_lam_chu=True))}[citation]
    assert women_cap in women.amount


SIZE_NAMES = {"sieu-nho": "doanh nghiệp siêu nhỏ", "nho": "doanh nghiệp nhỏ", "vua": "doanh nghiệp vừa"}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("size", "clause", "cap", "others"),
    [  # Điều 11 khoản 1: ≤ 50% of the contract, ≤ 50 triệu (small), ≤ 100 triệu (medium), nothing for micro firms;
        # khoản 2: ≤ 50% of the cost, ≤ 20 triệu (micro), ≤ 50 triệu (small), ≤ 100 triệu (medium)
        ("nho", "1", "50 triệu", ["100 triệu"]),
        ("vua", "1", "100 triệu", ["50 triệu"]),
        ("sieu-nho", "2", "20 triệu", ["50 triệu", "100 triệu"]),
        ("nho", "2", "50 triệu", ["20 triệu", "100 triệu"]),
        ("vua", "2", "100 triệu", ["20 triệu", "50 triệu"]),
    ],
)
def test_per_size_caps_are_cut_to_the_firms_size(
    request: pytest.FixtureRequest, source: str, size: Size, clause: str, cap: str, others: list[str]
) -> None:
    supports = {s.citation: s for s in find_supports(_kb(request, source), size)}
    amount = supports[f"Khoản {clause} Điều 11 {DECREE}"].amount
    assert "50%" in amount and cap in amount and SIZE_NAMES[size] in amount, amount
    assert not [other for other in others if other in amount], amount
    assert not [name for key, name in SIZE_NAMES.items() if key != size and name in amount], amount
    assert supports[f"Khoản 3 Điều 11 {DECREE}"].amount.endswith("100 triệu đồng/hợp đồng/năm/doanh nghiệp")


def test_per_size_clauses_leave_out_other_sizes(kb: KnowledgeBase) -> None:
    # Điều 11 khoản 1 sets caps for small and medium firms only.
    micro = [s.citation for s in find_supports(kb, "sieu-nho")]
    small = [s.citation for s in find_supports(kb, "nho")]
    assert f"Khoản 1 Điều 11 {DECREE}" not in micro
    assert f"Khoản 1 Điều 11 {DECREE}" in small
    assert f"Khoản 2 Điều 11 {DECREE}" in micro


@pytest.mark.parametrize("source", SOURCES)
def test_a_lead_ending_in_a_colon_brings_its_points(request: pytest.FixtureRequest, source: str) -> None:
    # Điều 15 khoản 1: the Sở Kế hoạch và Đầu tư advises converting households free of charge "về:" a) the steps and
    # file to register the enterprise; b) the steps and file for a conditional line of business.
    supports = find_supports(_kb(request, source), "nho", SmeFlags(ho_kinh_doanh=True))
    amount = {s.citation: s for s in supports}[f"Khoản 1 Điều 15 {DECREE}"].amount
    assert "miễn phí" in amount and "doanh nghiệp về: Trình tự, thủ tục, hồ sơ đăng ký thành lập doanh nghiệp" in amount
    assert "; Trình tự, thủ tục, hồ sơ đ" in amount and len(amount) <= MAX_CHARS


@pytest.mark.parametrize(
    ("sentence", "size", "expected"),
    [
        (  # headings: each size's amounts follow its name
            "Doanh nghiệp siêu nhỏ: hỗ trợ 100%, không quá 10 triệu đồng; doanh nghiệp nhỏ: hỗ trợ 50%.",
            "nho",
            "doanh nghiệp nhỏ: hỗ trợ 50%",
        ),
        (  # one cap shared by a list of sizes
            "Hỗ trợ 50% chi phí, không quá 30 triệu đồng với doanh nghiệp siêu nhỏ, không quá 60 triệu đồng với"
            " doanh nghiệp nhỏ và doanh nghiệp vừa.",
            "vua",
            "Hỗ trợ 50% chi phí … không quá 60 triệu đồng với doanh nghiệp nhỏ và doanh nghiệp vừa",
        ),
        (  # a size named apart from its amount: too ambiguous to cut
            "Hỗ trợ 50% chi phí, không quá 30 triệu đồng, đối với doanh nghiệp siêu nhỏ, doanh nghiệp nhỏ.",
            "nho",
            None,
        ),
        (  # "doanh nghiệp nhỏ và vừa" is every SME, not a size: no cap for a micro firm here
            "Hỗ trợ 50%, không quá 40 triệu đồng với doanh nghiệp nhỏ và vừa, không quá 20 triệu đồng với doanh"
            " nghiệp vừa thành lập.",
            "sieu-nho",
            None,
        ),
    ],
)
def test_cut_for_size(sentence: str, size: str, expected: str | None) -> None:
    assert cut_for_size(sentence, 0, len(sentence), size, women=False) == expected


def test_with_points_clips_at_a_word_within_the_limit() -> None:
    lead = "Được tư vấn miễn phí về:"
    points = ["a) Thủ tục thành lập doanh nghiệp;", "b) Hồ sơ khai thuế, sổ sách kế toán và hóa đơn điện tử."]
    whole = (
        "Được tư vấn miễn phí về: Thủ tục thành lập doanh nghiệp; Hồ sơ khai thuế, sổ sách kế toán và hóa đơn điện tử"
    )
    assert with_points(lead, points) == whole
    assert with_points(lead, points, limit=100) == whole[: whole.index(" đơn")] + " …"  # cut at a word
    assert with_points(lead, points, limit=70) == "Được tư vấn miễn phí về: Thủ tục thành lập doanh nghiệp; …"
    for limit in (40, 70, 100):
        clipped = with_points(lead, points, limit=limit)
        assert len(clipped) <= limit and all(part in lead + " ".join(points) for part in quoted_parts(clipped))


def test_flag_specific_supports_are_conditional_until_claimed(kb: KnowledgeBase) -> None:
    plain = find_supports(kb, "nho")
    conditional = [s.applies_if for s in plain if s.applies_if]
    assert len(conditional) == 4  # household, start-up, cluster/value chain, interest: one teaser each
    assert any("khởi nghiệp sáng tạo" in (a or "") for a in conditional)
    startup = find_supports(kb, "nho", SmeFlags(khoi_nghiep=True))
    article_22 = [s for s in startup if "Điều 22 " in s.citation]
    assert len(article_22) == 6 and all(s.applies_if is None for s in article_22)
    interest = [s for s in startup if "Điều 27 " in s.citation]
    assert interest and interest[0].applies_if is None
    assert "khoản 2 Điều 23" in interest[0].conditions  # the eligibility rule of Điều 26 khoản 1
    household = find_supports(kb, "sieu-nho", SmeFlags(ho_kinh_doanh=True))
    assert any(s.citation == f"Điều 18 {DECREE}" and "miễn lệ phí môn bài" in s.amount for s in household)
    json_entry = next(s for s in plain if s.applies_if).to_json_dict()
    assert set(json_entry) == {"title", "amount", "conditions", "citation", "passage_id", "applies_if"}
