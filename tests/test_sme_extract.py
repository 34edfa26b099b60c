"""A firm's figures read from free text (Vietnamese with or without accents, slang, English), and what is not read."""

from __future__ import annotations

import pytest

from app.asking import Ask, ask, asks_size
from app.sme import SmeFlags, assess_question, extract_figures
from knowledge.knowledge_base import KnowledgeBase
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine

AGRI, INDUSTRY, TRADE = "nong-lam-thuy-san", "cong-nghiep-xay-dung", "thuong-mai-dich-vu"
DECREE = "Nghị định 80/2021/NĐ-CP"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(shipped_documents())


# question, employees, revenue (tỷ), capital (tỷ, total capital only), sector: each read by hand. Amounts: tỷ/tỉ/ty/ti
# = 1 tỷ, triệu/tr = 1/1000 tỷ, "1 tỷ 2" = 1,2 tỷ, "1.200" = 1200, billion = tỷ, million = 1/1000 tỷ. Sectors by
# Điều 6 and VSIC: making anything (may, gỗ, in, bao bì, nhựa) is industry, selling and serving is trade/services.
EXTRACTIONS = [
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
    # slang: "ng" = người, "dt" = doanh thu, "tr" = triệu, "lđ" = lao động, "nv" = nhân viên, "e" = em
    ("cty e 12 ng, dt 5 ty, ban le my pham", 12, 5.0, None, TRADE),
    ("cty minh 25 ng dt 12ty", 25, 12.0, None, None),
    ("tiem tap hoa 2 nguoi dt 900tr", 2, 0.9, None, TRADE),
    ("nuoi ga 3 nguoi doanh thu 600tr", 3, 0.6, None, AGRI),
    ("dn nông nghiệp 60 lđ, doanh thu 45 tỷ", 60, 45.0, None, AGRI),
    ("khách sạn 25 nv, doanh thu 18 tỷ", 25, 18.0, None, TRADE),
    ("cty logistics 55 người, dt 320 tỷ", 55, 320.0, None, TRADE),
    # decimals and spoken amounts: "1,5" and "1.5" are 1,5; "2 tỉ"; "1 tỷ 2" and "1 tỷ 500 triệu"; "4 ty 5" = 4,5
    ("Công ty mình có 45 nhân sự, doanh thu 1,5 tỷ, làm dịch vụ vận tải", 45, 1.5, None, TRADE),
    ("xưởng may 80 công nhân dt 1.5 tỷ", 80, 1.5, None, INDUSTRY),
    ("nhà hàng 35 lao động đóng bảo hiểm, doanh thu 2 tỉ", 35, 2.0, None, TRADE),
    ("shop quần áo 4 nv, doanh thu 800 triệu/năm", 4, 0.8, None, TRADE),
    ("mình mở quán cà phê, 6 nhân viên, dt 1 tỷ 2", 6, 1.2, None, TRADE),
    ("cty 30 ng, doanh thu 1 tỷ 500 triệu, sx bao bì", 30, 1.5, None, INDUSTRY),
    ("xuong in 14 tho dt 4 ty 5", 14, 4.5, None, INDUSTRY),
    ("trang trại nuôi tôm 12 người doanh thu 3,2 tỷ", 12, 3.2, None, AGRI),
    ("công ty chế biến gỗ 95 công nhân, doanh thu 48 tỷ", 95, 48.0, None, INDUSTRY),
    ("công ty cơ khí chính xác 140 công nhân, doanh thu 160 tỷ", 140, 160.0, None, INDUSTRY),
    ("spa 7 nhân viên doanh thu 3 tỷ đồng", 7, 3.0, None, TRADE),
    ("doanh nghiep van tai 70 nguoi doanh thu 250 ty", 70, 250.0, None, TRADE),
    ("công ty 200 lao động, doanh thu 1.200 tỷ", 200, 1200.0, None, None),
    ("10 nhân viên, doanh thu 2,5 tỷ, chưa rõ ngành", 10, 2.5, None, None),
    # not a head count: "2 thành viên" is the kind of company (TNHH 2 thành viên); a year is not an amount
    ("Cty TNHH 2 thành viên, 15 người, doanh thu 20 tỷ, xuất nhập khẩu", 15, 20.0, None, TRADE),
    ("doanh thu năm 2023 là 40 tỷ, 22 lao động, ngành in ấn", 22, 40.0, None, INDUSTRY),
    ("doanh thu 12 tỷ 25 người", 25, 12.0, None, None),  # "12 tỷ 25" is not 12,25 when "người" follows
    # total capital named as such, and plain "vốn" (read as total capital, with a note in the result)
    ("co so det may 120 cong nhan, tong nguon von 25 ty", 120, None, 25.0, INDUSTRY),
    ("Công ty thương mại 9 lao động, tổng nguồn vốn 2,8 tỷ, doanh thu 12 tỷ", 9, 12.0, 2.8, TRADE),
    ("mình có công ty 40 người, vốn 10 tỷ, dt 60 tỷ, sản xuất nhựa", 40, 60.0, 10.0, INDUSTRY),
    ("cong ty xay dung 150 ld, doanh thu 180 ty, von 90 ty", 150, 180.0, 90.0, INDUSTRY),
    # charter capital is not total capital: it is kept apart (see test_charter_capital_is_not_total_capital)
    ("cong ty phan mem 18 nhan vien, doanh thu 6 ty, von dieu le 3 ty", 18, 6.0, None, TRADE),
    # English: billion = tỷ, million = triệu; sector words as in Vietnamese
    ("we have 25 employees and revenue of 12 billion VND in packaging, are we an SME?", 25, 12.0, None, INDUSTRY),
    ("Our software company: 60 staff, turnover VND 80 billion. Which support can we get?", 60, 80.0, None, TRADE),
    ("trading firm with 8 workers and 5 billion dong revenue", 8, 5.0, None, TRADE),
    ("my shop has 4 staff, sales 800 million VND", 4, 0.8, None, TRADE),
    ("fish farming company with 30 employees, revenue 20bn", 30, 20.0, None, AGRI),
    ("IT services firm, headcount of 45, revenue VND 30 billion, charter capital 5 billion", 45, 30.0, None, TRADE),
]


@pytest.mark.parametrize(("question", "n", "rev", "cap", "sector"), EXTRACTIONS)
def test_extraction(question: str, n: float, rev: float | None, cap: float | None, sector: str | None) -> None:
    query = extract_figures(question)
    assert query is not None
    assert (query.employees, query.revenue, query.capital, query.sector) == (n, rev, cap, sector)


NOT_SME = ["DNNVV được hỗ trợ tư vấn bao nhiêu?", "doanh nghiep nho va vua duoc ho tro gi", "Điều 5 Nghị định 80/2021"]
NOT_SME += ["công ty 25 người được hỗ trợ gì?", "doanh thu 12 tỷ thì là doanh nghiệp gì", "bảo hộ nhãn hiệu 10 năm"]
NOT_SME += ["garment factory, 150 workers, annual revenue 900 million USD"]  # dollars are not đồng
# Questions about the rule, not about a firm: a comparison before the figures and no "mình/tôi/our" in them.
RULE_QUESTIONS = [
    "doanh nghiệp nhỏ có dưới 50 lao động và doanh thu không quá 100 tỷ đúng không",
    "doanh nghiệp vừa là bao nhiêu lao động",
    "tiêu chí doanh nghiệp nhỏ và vừa theo nghị định 80",
    "dưới 10 người là siêu nhỏ à",
    "doanh nghiep duoi 50 nguoi doanh thu duoi 100 ty la nho phai khong",
    "từ 10 đến 50 lao động, doanh thu tối đa 100 tỷ là doanh nghiệp gì",
    "≤ 10 người và doanh thu ≤ 3 tỷ thì là siêu nhỏ?",
    "is a firm with under 50 employees and revenue up to 100 billion VND small?",
    "cho em hỏi doanh nghiệp dưới 50 người, doanh thu dưới 100 tỷ là doanh nghiệp nhỏ phải không",  # asking, not owning
    "Can I ask whether a company with under 50 employees and revenue below 100 billion VND is small?",
]


@pytest.mark.parametrize("question", NOT_SME + RULE_QUESTIONS)
def test_no_figures_no_extraction(kb: KnowledgeBase, question: str) -> None:
    assert extract_figures(question) is None
    assert assess_question(kb, question) is None


# Firm stories, sized by hand from Điều 5 (industry K1 ≤ 10 / 3 tỷ, K2 ≤ 100 / 50 tỷ / vốn 20, K3 ≤ 200 / 200 tỷ;
# trade K1 ≤ 10 / 10 tỷ, K2 ≤ 50 / 100 tỷ, K3 ≤ 100 / 300 tỷ).
STORIES = [
    ("cty minh 25 nguoi doanh thu 12 ty lam bao bi dc ho tro j", INDUSTRY, "nho"),  # 25 > 10; ≤ 100, 12 ≤ 50
    ("xuong go nha minh 40 cong nhan, doanh thu 30 ty", INDUSTRY, "nho"),  # 40 > 10; ≤ 100, 30 ≤ 50
    ("công ty tôi có 120 lao động, doanh thu 150 tỷ, ngành may mặc", INDUSTRY, "vua"),  # 120 > 100; ≤ 200, ≤ 200
    ("shop online 5 nhân viên doanh thu 2 tỷ", TRADE, "sieu-nho"),  # 5 ≤ 10, 2 ≤ 10
    ("mình làm phần mềm, 60 người, doanh thu năm ngoái 80 tỷ có phải dnnvv không", TRADE, "vua"),  # 60 > 50; ≤ 100
    ("doanh nghiệp xây dựng mới thành lập chưa có doanh thu, vốn 15 tỷ, 50 lao động", INDUSTRY, "nho"),  # vốn 15 ≤ 20
    ("cty mình dưới 10 người, doanh thu khoảng 2 tỷ", TRADE, "sieu-nho"),  # "mình": a story; 10 ≤ 10, 2 ≤ 10
    ("cho mình hỏi cty mình dưới 30 người doanh thu dưới 20 tỷ thì được hỗ trợ gì", TRADE, "nho"),  # 30 ≤ 50, ≤ 100
    ("we have 25 employees and revenue of 12 billion VND in packaging, are we an SME?", INDUSTRY, "nho"),
    ("Our software company: 60 staff, turnover VND 80 billion. Which support can we get?", TRADE, "vua"),
    ("trading firm with 8 workers and 5 billion dong revenue", TRADE, "sieu-nho"),
]


@pytest.mark.parametrize(("question", "sector", "size"), STORIES)
def test_firm_stories_get_a_size(kb: KnowledgeBase, question: str, sector: str, size: str) -> None:
    result = assess_question(kb, question)
    assert result is not None and (result.sector, result.size) == (sector, size)
    assert result.supports


def test_charter_capital_is_not_total_capital(kb: KnowledgeBase) -> None:
    # Điều 5 counts tổng nguồn vốn, which Điều 8 takes from the balance sheet; charter capital is not it. Industry,
    # 15 workers, 60 tỷ revenue: K2 fails on revenue (60 > 50); charter capital 18 ≤ 20 must not rescue it. K3: vừa.
    result = assess_question(kb, "cty xây dựng 15 người, doanh thu 60 tỷ, vốn điều lệ 18 tỷ")
    assert result is not None and (result.size, result.capital) == ("vua", None)
    assert result.reasons[0].startswith("vốn điều lệ 18 tỷ không phải tổng nguồn vốn")
    assert f"Điều 8 {DECREE}" in result.citations and result.citations[0] == f"Khoản 3 Điều 5 {DECREE}"
    only_charter = "công ty 8 người vốn điều lệ 5 tỷ"
    query = extract_figures(only_charter)
    assert query is not None and query.capital is None and query.other_capital == ("vốn điều lệ", 5.0)
    assert assess_question(kb, only_charter) is None  # nothing Điều 5 counts: no size rather than a guessed one


def test_plain_capital_is_read_as_total_capital_and_says_so(kb: KnowledgeBase) -> None:
    result = assess_question(kb, "doanh nghiệp xây dựng mới thành lập chưa có doanh thu, vốn 15 tỷ, 50 lao động")
    assert result is not None and result.capital == 15.0
    assert result.reasons[0].startswith("vốn 15 tỷ được hiểu là tổng nguồn vốn")
    assert f"Điều 8 {DECREE}" in result.citations


def test_a_cooperative_is_not_sized(kb: KnowledgeBase) -> None:
    # Luật 04/2017/QH14 Điều 2 covers enterprises under the law on enterprises; a hợp tác xã is not one.
    for question in ("hợp tác xã nông sản 30 xã viên, doanh thu 5 tỷ", "HTX chăn nuôi 9 lao động doanh thu 2 tỷ"):
        query = extract_figures(question)
        assert query is not None and query.cooperative
        assert assess_question(kb, question) is None
    selling_to_one = assess_question(kb, "công ty mình 20 người bán nông sản cho HTX, doanh thu 10 tỷ")
    assert selling_to_one is not None and selling_to_one.sector == TRADE  # K2 trade: 20 ≤ 50, 10 ≤ 100
    assert selling_to_one.size == "nho"


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


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("xưởng may nhà mình 45 công nhân, doanh thu 20 tỷ, vậy là doanh nghiệp nhỏ hay vừa?", True),
        ("shop online 3 nguoi doanh thu 800 trieu thi co phai dn sieu nho ko", True),
        ("we have 60 staff and 40 billion VND revenue, are we an SME?", True),
        ("cty minh 25 nguoi doanh thu 12 ty lam bao bi dc ho tro j", False),
        ("công ty 30 người doanh thu 70 tỷ thuê tư vấn được hỗ trợ tối đa bao nhiêu", False),
        ("startup 8 người, doanh thu 3 tỷ, muốn được công nhận là DNNVV khởi nghiệp sáng tạo thì cần gì", False),
        ("cty 20 nguoi, vo minh gop 60% von, vay co duoc coi la doanh nghiep nho va vua do phu nu lam chu ko", False),
    ],
)
def test_a_question_asking_the_firms_size_is_told_apart(question: str, asks: bool) -> None:
    assert asks_size(question) is asks


def test_a_size_question_leads_with_the_clause_the_size_came_from(shipped_engine: SearchEngine) -> None:
    engine = shipped_engine
    sized = ask(engine, Ask("xưởng may nhà mình 45 công nhân, doanh thu 20 tỷ, vậy là doanh nghiệp nhỏ hay vừa?"))
    assert sized.sme is not None and sized.sme["size"] == "nho"
    assert sized.answered and sized.results[0].citation == f"Khoản 2 Điều 5 {DECREE}" == sized.sme["citations"][0]
    english = ask(engine, Ask("we have 60 staff and 40 billion VND revenue in software, are we an SME?"))
    assert english.language == "en" and english.results[0].citation_en == "Article 5(3), Decree 80/2021/NĐ-CP"
    support = ask(engine, Ask("công ty 30 người doanh thu 70 tỷ thuê tư vấn được hỗ trợ tối đa bao nhiêu"))
    assert support.sme is not None and support.results[0].citation.startswith("Điểm b Khoản 2 Điều 13 ")
