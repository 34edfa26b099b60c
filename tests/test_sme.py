"""The SME eligibility service: Điều 5 Nghị định 80/2021/NĐ-CP by hand, supports quoted verbatim, extraction, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.sme import Size, SmeFlags, SmeInputError, assess, assess_question, extract_figures
from app.sme_rules import classify
from app.sme_supports import find_supports
from knowledge.importers.phapdien import load_phapdien
from knowledge.knowledge_base import KnowledgeBase
from knowledge.seed import shipped_documents
from tests.conftest import shared_path
from tests.test_cli import assert_one_line_error, run_cli

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


@pytest.mark.parametrize("flags", FLAG_SETS)
@pytest.mark.parametrize("size", ["sieu-nho", "nho", "vua"])
def test_every_amount_is_quoted_verbatim_from_the_cited_passage(kb: KnowledgeBase, size: Size, flags: SmeFlags) -> None:
    supports = find_supports(kb, size, flags)
    assert supports
    for support in supports:
        found = kb.passage(support.passage_id)
        assert found is not None, support
        doc, passage = found
        assert doc.meta.number == "80/2021/NĐ-CP"
        assert support.title == doc.article_titles[passage.article or ""]
        assert support.amount in passage.text, support
        paragraphs = passage.paragraphs()
        holding = [i for i, text in enumerate(paragraphs) if support.amount and support.amount in text] or [0]
        assert support.citation in {doc.citation(passage, i).text() for i in holding}, support


@pytest.mark.parametrize(
    ("size", "point", "rate", "cap", "women_cap"),
    [  # Điều 13 khoản 2: a) micro 100%, 50 (70) triệu; b) small 50%, 100 (150) triệu; c) medium 30%, 150 (200) triệu
        ("sieu-nho", "a", "100%", "50 triệu", "70 triệu"),
        ("nho", "b", "50%", "100 triệu", "150 triệu"),
        ("vua", "c", "30%", "150 triệu", "200 triệu"),
    ],
)
def test_consulting_by_size(kb: KnowledgeBase, size: Size, point: str, rate: str, cap: str, women_cap: str) -> None:
    citation = f"Điểm {point} Khoản 2 Điều 13 {DECREE}"
    plain = {s.citation: s for s in find_supports(kb, size)}[citation]
    assert rate in plain.amount and cap in plain.amount and women_cap not in plain.amount
    women = {s.citation: s for s in find_supports(kb, size, SmeFlags(nu_lam_chu=True))}[citation]
    assert women_cap in women.amount


def test_per_size_clauses_leave_out_other_sizes(kb: KnowledgeBase) -> None:
    # Điều 11 khoản 1 sets caps for small and medium firms only.
    micro = [s.citation for s in find_supports(kb, "sieu-nho")]
    small = [s.citation for s in find_supports(kb, "nho")]
    assert f"Khoản 1 Điều 11 {DECREE}" not in micro
    assert f"Khoản 1 Điều 11 {DECREE}" in small
    assert f"Khoản 2 Điều 11 {DECREE}" in micro


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


def test_official_text_is_preferred_and_quoted_verbatim() -> None:
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    documents = load_phapdien(path.read_text(encoding="utf-8"), str(path))
    kb = KnowledgeBase([*shipped_documents(), *(d for d in documents if d.meta.number == "80/2021/NĐ-CP")])
    supports = find_supports(kb, "nho", SmeFlags(khoi_nghiep=True, nu_lam_chu=True))
    assert len(supports) > 10
    for support in supports:
        found = kb.passage(support.passage_id)
        assert found is not None and found[0].meta.kind == "official"
        assert support.amount in found[1].text


EXTRACTIONS = [
    # question, employees, revenue (tỷ), capital (tỷ), sector
    ("xuong go nha minh 40 cong nhan, doanh thu 30 ty", 40, 30.0, None, INDUSTRY),
    ("cty minh 25 nguoi doanh thu 12 ty lam bao bi dc ho tro j", 25, 12.0, None, INDUSTRY),
    ("công ty phần mềm 8 nhân viên, vốn 2 tỷ", 8, None, 2.0, TRADE),
    ("shop online 3 nguoi doanh thu 800 trieu", 3, 0.8, None, TRADE),
    ("Xưởng gỗ 40 thợ, dt 2.5 ty", 40, 2.5, None, INDUSTRY),
    ("trang trai nuoi ca 15 ld doanh thu 1,5 ti", 15, 1.5, None, AGRI),
    ("cty 10 nv dt 2500tr", 10, 2.5, None, None),
    ("so lao dong: 30, tong nguon von 15 ty, che bien thuy san", 30, None, 15.0, INDUSTRY),
    ("Nhà hàng 20 người, nguồn vốn 1,2 tỷ đồng", 20, None, 1.2, TRADE),
    ("buôn bán nông sản 12 người, doanh thu 40 tỷ, vốn 8 tỷ", 12, 40.0, 8.0, TRADE),
    ("doanh thu chua co, von 2 ty, 5 nhan vien", 5, None, 2.0, None),
    ("1.200 công nhân may mặc, doanh thu 500 tỷ", 1200, 500.0, None, INDUSTRY),
    ("HTX chăn nuôi 9 lao động doanh thu năm ngoái khoảng 2 tỷ", 9, 2.0, None, AGRI),
    ("công ty xây dựng 60 người, doanh số 45 tỷ", 60, 45.0, None, INDUSTRY),
]


@pytest.mark.parametrize(("question", "n", "rev", "cap", "sector"), EXTRACTIONS)
def test_extraction(question: str, n: float, rev: float | None, cap: float | None, sector: str | None) -> None:
    query = extract_figures(question)
    assert query is not None
    assert (query.employees, query.revenue, query.capital, query.sector) == (n, rev, cap, sector)


NOT_SME = ["DNNVV được hỗ trợ tư vấn bao nhiêu?", "doanh nghiep nho va vua duoc ho tro gi", "Điều 5 Nghị định 80/2021"]
NOT_SME += ["công ty 25 người được hỗ trợ gì?", "doanh thu 12 tỷ thì là doanh nghiệp gì", "bảo hộ nhãn hiệu 10 năm"]


@pytest.mark.parametrize("question", NOT_SME)  # no figures, no head count, or no amount
def test_no_figures_no_extraction(kb: KnowledgeBase, question: str) -> None:
    assert extract_figures(question) is None
    assert assess_question(kb, question) is None


def test_extraction_flags() -> None:
    query = extract_figures("công ty 25 người doanh thu 12 tỷ do phụ nữ làm chủ, khởi nghiệp sáng tạo")
    assert query is not None and query.flags == SmeFlags(khoi_nghiep=True, nu_lam_chu=True)
    household = extract_figures("ho kinh doanh 5 nguoi doanh thu 2 ty muon len doanh nghiep")
    assert household is not None and household.flags.ho_kinh_doanh


def test_question_to_result(kb: KnowledgeBase) -> None:
    result = assess_question(kb, "cty minh 25 nguoi doanh thu 12 ty lam bao bi dc ho tro j")
    assert result is not None and (result.size, result.sector) == ("nho", INDUSTRY)  # K2: 25 ≤ 100 and 12 ≤ 50
    # Sector unknown: 10 people and 2,5 tỷ is micro in all three (K1: ≤ 10 and ≤ 3 tỷ, or ≤ 10 tỷ in trade).
    same = assess_question(kb, "cty 10 nv dt 2500tr")
    assert same is not None and same.size == "sieu-nho" and "cả ba lĩnh vực" in same.reasons[0]
    assert f"Điều 6 {DECREE}" in same.citations


def test_unknown_sector_differs_and_says_so(kb: KnowledgeBase) -> None:
    # 40 people, 80 tỷ: trade K2 (40 ≤ 50, 80 ≤ 100) small; farming/industry K2 fails (80 > 50), K3 medium.
    result = assess_question(kb, "cong ty 40 nguoi doanh thu 80 ty")
    assert result is not None and (result.size, result.sector) == ("nho", TRADE)
    assert "tạm tính theo thương mại và dịch vụ" in result.reasons[0]
    assert "doanh nghiệp vừa" in result.reasons[0]


def test_cli_json(data_dir: Path) -> None:
    proc = run_cli("sme", "--sector", TRADE, "--employees", "25", "--revenue", "12", "--json", data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    result = json.loads(proc.stdout)
    assert set(result) == {"size", "sector", "employees", "revenue", "capital", "reasons", "citations", "supports"}
    assert [result[k] for k in ("size", "sector", "employees", "revenue", "capital")] == ["nho", TRADE, 25, 12.0, None]
    assert result["citations"][0] == f"Khoản 2 Điều 5 {DECREE}"
    consulting = [s for s in result["supports"] if s["citation"] == f"Điểm b Khoản 2 Điều 13 {DECREE}"]
    assert consulting and "100 triệu" in consulting[0]["amount"]


def test_cli_text_and_flags(data_dir: Path) -> None:
    proc = run_cli(
        *f"sme --sector {INDUSTRY} --employees 8 --capital 2,5 --nu-lam-chu --khoi-nghiep".split(), data=data_dir
    )
    assert proc.returncode == 0, proc.stderr
    assert "Quy mô: doanh nghiệp siêu nhỏ" in proc.stdout
    assert "70 triệu" in proc.stdout  # Điểm a Khoản 2 Điều 13: the women-owned micro cap
    assert f"Khoản 1 Điều 22 {DECREE}" in proc.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ("--sector ban-le --employees 5 --revenue 1", "unknown sector"),
        (f"--sector {TRADE} --employees 5", "revenue"),  # neither revenue nor capital
        (f"--sector {TRADE} --employees 5 --revenue -2", "negative"),
        (f"--sector {TRADE} --employees nhieu --revenue 2", "expected a number"),
        ("--employees 5 --revenue 2", "--sector"),
    ],
)
def test_cli_bad_arguments(data_dir: Path, args: str, needle: str) -> None:
    assert_one_line_error(run_cli("sme", *args.split(), data=data_dir), needle)
