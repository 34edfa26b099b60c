"""Answers real users can act on: the gate on both splits, the vocabulary map, direct answers, several questions."""

from __future__ import annotations

import pytest

from app.asking import Ask, ask
from knowledge.folding import fold_diacritics
from knowledge.importers import import_bytes
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon, load_lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine
from retrieval.evaluate import Report, evaluate, load_questions
from retrieval.figures import asked, stated_figures
from retrieval.splitting import split_questions
from retrieval.text import syllables
from tests.conftest import DATA, shared_path


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


def _report(engine: SearchEngine, split: str) -> Report:
    questions = load_questions(DATA / "users_vi.json", split)
    return evaluate(engine, questions, 10, lambda q, k: ask(engine, Ask(q, top=k)))  # as `eval` and the bot answer


# Floors sit just below what is measured now (dev top-1 0.930, recall@3 0.975, confidently wrong 4.1%; test top-1
# 0.795, recall@3 0.940, confidently wrong 6.0%): a change that makes the gate bluff more fails here.
# Off-topic: always refused.
@pytest.mark.parametrize(("split", "top1", "recall3", "wrong"), [("dev", 0.91, 0.96, 0.05), ("test", 0.77, 0.92, 0.07)])
def test_gate_floors_on_both_splits(
    engine: SearchEngine, split: str, top1: float, recall3: float, wrong: float
) -> None:
    report = _report(engine, split)
    gate = report.gate["all"].to_json_dict()
    assert gate["top1"] >= top1, gate
    assert report.recall[3] >= recall3, report.recall
    assert gate["confidently_wrong_rate"] <= wrong, gate
    off_topic = report.gate["out_of_scope"]
    assert off_topic.out_of_scope_answered == 0 and off_topic.out_of_scope_refused >= 16


def test_vocabulary_maps_everyday_words_to_words_the_documents_use(lexicon: Lexicon) -> None:
    vocabulary = load_lexicon().glossary
    assert len(vocabulary) >= 150 + 80  # the everyday vocabulary on top of the first wave's glossary
    corpus = (
        " "
        + " ".join(
            " ".join(syllables(f"{d.meta.title} {p.heading} {p.text}")) for d in shipped_documents() for p in d.passages
        )
        + " "
    )
    missing = [v for values in vocabulary.values() for v in values if f" {' '.join(syllables(v))} " not in corpus]
    assert len(missing) <= 0.05 * sum(len(v) for v in vocabulary.values()), missing[:10]


def test_the_answer_reports_how_it_read_the_question(engine: SearchEngine) -> None:
    answer = engine.answer("mở công ty cần giấy phép kinh doanh không")
    pairs = {(r.source, r.target) for r in answer.interpretation}
    assert ("giấy phép kinh doanh", "giấy chứng nhận đăng ký doanh nghiệp") in pairs
    recipe = engine.answer("nv cu nghi viec mang cong thuc nuoc sot cua quan sang quan khac lam, kien dc ko")
    assert ("mang công thức", "bí mật kinh doanh") in {(r.source, r.target) for r in recipe.interpretation}
    assert recipe.results[0].article == "127", "a recipe taken by a former employee is a trade secret"
    song = engine.answer("ad oi e viet nhac, bai hat cua e dc bao ho ban quyen bao lau vay")
    assert song.answered and song.direct_answer is not None
    assert song.direct_answer.citation.startswith("Điểm b Khoản 2 Điều 27"), "a song is one of the 'other works'"
    late = engine.answer("Ông nội tôi là nhà văn, qua đời năm 1980. Các truyện ngắn của ông được bảo hộ đến năm nào?")
    assert (late.results[0].article, late.results[0].clause) == ("27", "2"), "'qua đời': the author died"
    software = engine.answer("Phần mềm máy tính có được cấp bằng độc quyền sáng chế không?")
    assert software.answered and (software.results[0].article, software.results[0].clause) == ("59", "2")
    japan = engine.answer("Hàng em xuất sang Nhật có được hưởng ưu đãi RCEP không ạ?")
    assert (japan.results[0].document_number, japan.results[0].section) == ("RCEP", "I.1"), "Japan is a member"
    both = engine.answer("co dc huong 2 muc ho tro cung luc cho 1 hop dong tu van ko a")
    assert both.results[0].article in {"4", "5"}, "one support at a time: the firm picks the best level"
    korean = engine.prepare("cty von han quoc 100% thue xuong thi co dc ho tro tien thue mat bang ko").readings
    assert ("vốn hàn quốc", "vốn đầu tư nước ngoài") in korean
    household = engine.prepare("ho kd nha e gio chuyen len dn thi co dc ho tro ko").readings
    assert ("chuyển lên doanh nghiệp", "chuyển đổi từ hộ kinh doanh") in household
    assert "interpretation" in answer.to_json_dict()


def test_texting_shorthand_for_how_much_asks_as_the_words_in_full(engine: SearchEngine) -> None:
    short = engine.answer("nhan hieu dang ky xong dc bao ho bn nam")
    full = engine.answer("nhan hieu dang ky xong dc bao ho bao nhieu nam")
    assert short.answered and short.direct_answer is not None and full.direct_answer is not None
    assert short.direct_answer.citation == full.direct_answer.citation
    assert short.direct_answer.citation.startswith("Khoản 6 Điều 93"), "the trademark clause, not the one on GIs"
    assert ("bn", "bao nhiêu") in {(r.source, r.target) for r in short.interpretation}


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("doanh nghiệp siêu nhỏ thuê tư vấn được hỗ trợ tối đa bao nhiêu", "Điểm a Khoản 2 Điều 13 Nghị định 80/2021"),
        (
            "cty mình là doanh nghiệp vừa, thuê tư vấn được hỗ trợ mấy phần trăm",
            "Điểm c Khoản 2 Điều 13 Nghị định 80/2021",
        ),
        (
            "ra tòa mà ko chứng minh được thiệt hại cụ thể bao nhiêu thì tòa cho bồi thường tối đa bn",
            "Điểm c Khoản 1 Điều 205 Luật Sở hữu trí tuệ",  # the court sets the sum, not the moral damages
        ),
        (
            "nhan hieu dk roi ma 5 nam lien ko dung thi co bi cham dut hieu luc ko",
            "Điểm d Khoản 1 Điều 95 Luật Sở hữu trí tuệ",  # the non-use note sits with it, not with clause 5
        ),
        (
            "Our company is based in Singapore and has no office in Vietnam. Do we need a local agent to file a mark?",
            "Khoản 2 Điều 89 Luật Sở hữu trí tuệ",  # without a base in Vietnam, only through a representative
        ),
        (
            "tham dinh noi dung don nhan hieu mat bao lau",
            "Khoản 2 Điều 119 Luật Sở hữu trí tuệ",  # the 2025 change sits with clause 2, not after clause 4
        ),
        # the law's own date, not an article whose amendment note says when Law 131/2025 takes effect
        ("luật shtt có hiệu lực từ khi nào", "Điều 221 Luật Sở hữu trí tuệ"),
        ("when did the ip law take effect", "Điều 221 Luật Sở hữu trí tuệ"),
    ],
)
def test_direct_answer_is_a_verbatim_point_for_the_askers_case(engine: SearchEngine, question: str, cited: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.direct_answer is not None
    direct = answer.direct_answer
    assert direct.citation.startswith(cited)
    passage = engine.kb.passage(direct.passage_id)
    assert passage is not None and direct.text in passage[1].text, "never text that is not in the passage"


@pytest.mark.parametrize(
    "question",
    [
        "I set up a small 100% foreign-owned manufacturing company in Hanoi. Can it get the SME rent support?",
        "doanh nghiệp nhà nước có được hỗ trợ thuê mặt bằng không",
    ],
)
def test_a_clause_excluding_the_asker_is_the_direct_answer(engine: SearchEngine, question: str) -> None:
    # Clause 2 grants the rent support and shares more of the question; clause 4 excludes the asker's kind of firm.
    answer = engine.answer(question)
    assert answer.direct_answer is not None and answer.direct_answer.citation.startswith("Khoản 4 Điều 11 Luật")
    granting = engine.answer("dnnvv thue mat bang trong khu cong nghiep dc ho tro bao lau").direct_answer
    assert granting is not None and granting.citation.startswith("Khoản 2 Điều 11 Luật")


def test_no_direct_answer_without_a_confident_answer(engine: SearchEngine) -> None:
    answer = engine.answer("hỗ trợ doanh nghiệp thế nào")
    assert not answer.answered and answer.direct_answer is None and answer.results


def test_the_askers_own_figure_points_to_the_condition_it_is_checked_against(engine: SearchEngine) -> None:
    # Six months of trading is checked against point b ("liên tục ít nhất 01 năm"), not point a (registered).
    answer = engine.answer("ho kd moi dang ky dc 6 thang, gio chuyen len dn thi co dc huong ho tro chuyen doi ko")
    assert answer.results[0].citation.startswith("Điểm b Khoản 1 Điều 16")
    assert answer.direct_answer is None or answer.direct_answer.citation.startswith("Điểm b Khoản 1 Điều 16")


def test_two_questions_in_one_message_are_each_answered(engine: SearchEngine) -> None:
    answer = engine.answer("EVFTA có hiệu lực ngày nào? UKVFTA thì sao?")
    assert [p.question for p in answer.parts] == ["EVFTA có hiệu lực ngày nào?", "UKVFTA thì sao?"]
    assert answer.parts[0].results[0].document_number == "EVFTA"
    assert answer.parts[1].results[0].document_number == "UKVFTA"
    assert answer.results == answer.parts[0].results
    collective = split_questions("nhãn hiệu bảo hộ bao lâu? còn nhãn hiệu tập thể thì sao?")[1]
    assert collective.own == "nhan hieu tap the", "'thể thì sao' is not 'thế thì sao'"
    assert answer.answered == all(p.answered for p in answer.parts)
    data = answer.to_json_dict()
    assert len(data["parts"]) == 2 and "parts" not in data["parts"][0]
    # The first question's words, lent as context, must not hold the second on the first one's article.
    tax, land = engine.answer("dn khcn được miễn thuế mấy năm, còn tiền thuê đất thì có được giảm không").parts
    assert (tax.results[0].article, land.results[0].article) == ("12", "13")
    mark, design = engine.answer("nhãn hiệu bảo hộ mấy năm? còn kiểu dáng công nghiệp thì sao").parts
    assert (mark.results[0].clause, design.results[0].clause) == ("6", "4")  # one article, each its own clause
    # Lent words holding it on the first one's very clause, the second part takes its own clause of that article.
    two = "Giải pháp hữu ích bảo hộ mấy năm? còn kiểu dáng công nghiệp thì bảo hộ bao lâu?"
    utility, design = engine.answer(two).parts
    assert (utility.results[0].clause, design.results[0].clause) == ("3", "4")
    # On the first one's article by the context alone, the second is asked again on its own words.
    question = "Nhãn hiệu đăng ký rồi được bảo hộ bao lâu? Còn tên thương mại thì có cần đăng ký không?"
    assert [p.results[0].article for p in engine.answer(question).parts] == ["93", "6"]  # Art. 6(3)(b) settles it
    # A later part asks what its own words ask: "năm 2023 đã hoạt động chưa" wants no day, as the first part did.
    launched, running = engine.answer("San giao dich cong nghe HN ra mat ngay nao, nam 2023 da hoat dong chua").parts
    assert launched.answered and running.answered and running.results[0].section == "IV.1"


@pytest.mark.parametrize(
    "question",
    ["Điều 5 Nghị định 80/2021, khoản 2", "Doanh nghiệp nhỏ và vừa được hỗ trợ tư vấn bao nhiêu?",
     "Nếu công ty không có doanh thu, thì xác định quy mô thế nào?"],
)  # fmt: skip
def test_one_question_is_never_split(engine: SearchEngine, question: str) -> None:
    assert engine.answer(question).parts == []


def test_out_of_scope_has_no_nearest_passages_but_on_topic_ones_keep_them(engine: SearchEngine) -> None:
    for question in ("Thời tiết Hà Nội ngày mai thế nào?", "what is the weather in hanoi"):
        weather = engine.answer(question)
        assert not weather.answered and weather.scope == "out" and weather.results == [], question
    vague = engine.answer("hỗ trợ doanh nghiệp thế nào")
    assert not vague.answered and vague.scope is None and vague.results
    # Few of its word pairs are the documents' ("cung nop", "giong nhau"), yet it is about trademarks.
    # Naming one of our subjects ("nhãn hiệu"), it keeps its nearest passages however few word pairs it shares.
    abroad = engine.answer("dk nhan hieu o vn roi thi sang campuchia ban co dc bao ho luon k")
    assert not abroad.answered and abroad.scope is None and abroad.results
    # ... or naming it in texting shorthand: "bq" is "bản quyền"
    shorthand = engine.answer("hinh sp mik tu chup ma shop khac lay ve dang ban, mik co bq ko hay phai dk moi co??")
    assert shorthand.scope is None and shorthand.results[0].document_number == "50/2005/QH11"
    first_to_file = engine.answer("2 cty cung nop don 1 nhan hieu giong nhau thi ai dc cap")
    assert first_to_file.scope is None and first_to_file.results[0].article == "90"
    # A long story shares few of its word pairs with our topics, yet asks about a trademark: it keeps its passages.
    story = engine.answer(
        "Công ty em muốn đặt tên Sao Mai cho dòng nước giặt mới, nhưng tra thì thấy có người đăng ký cho nước giặt từ "
        "2012. Em đi chợ, siêu thị, sàn online đều không thấy sản phẩm nào mang tên đó. Em có thể yêu cầu bỏ cái nhãn "
        "hiệu kia không?"
    )
    assert story.scope is None and "50/2005/QH11" in {r.document_number for r in story.results}
    long_one = "Cho mình hỏi cách nấu phở bò Hà Nội ngon như ngoài hàng thì cần chuẩn bị những nguyên liệu gì?"
    assert engine.answer(long_one).scope == "out", "one long sentence is no story"


def test_passage_text_has_no_links_and_sources_are_kept_apart() -> None:
    documents = shipped_documents()
    assert not [p.id for d in documents for p in d.passages if "http" in p.text]
    evfta = next(d for d in documents if d.meta.id == "evfta")
    assert any(p.sources for p in evfta.passages)


def test_copyright_terms_date_from_the_2009_amendment() -> None:
    ip_law = next(d for d in shipped_documents() if d.meta.id == "50-2005-qh11")
    (clause,) = [p for p in ip_law.passages if p.id == "50-2005-qh11/dieu-27/khoan-2"]
    folded = fold_diacritics(clause.text)
    assert "36/2009/QH12" in clause.text and "01/01/2010" in clause.text
    assert "Da sua doi nam 2019 (Luat 42/2019/QH14). Theo" not in folded


def test_a_known_status_on_our_note_wins_over_an_imported_unknown_one(lexicon: Lexicon) -> None:
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    official = [d for d in import_bytes(path.read_bytes(), path.name) if d.meta.number == "80/2021/NĐ-CP"]
    assert official[0].meta.status == "chua-xac-dinh"
    engine = SearchEngine(KnowledgeBase(shipped_documents() + official), lexicon)
    answer = engine.answer("doanh nghiệp siêu nhỏ được hỗ trợ tư vấn bao nhiêu phần trăm", top=5)
    merged = next(r for r in answer.results if r.note)
    assert merged.kind == "official" and merged.status == "con-hieu-luc"


def test_a_document_the_knowledge_base_lacks_is_never_answered_from_another(engine: SearchEngine) -> None:
    assert asked("luat 4/2017 quy dinh gi").document_missing(frozenset({"04_2017", "dieu_4"})) is False
    assert asked("tu ngay 1/1/2021").numbers == ("2021",), "a date is not a document number"
    # Asked until when, the years are the asker's own story; a document number named still has to be there.
    none = frozenset[str]()
    assert asked("nộp đơn năm 2016, đến năm nào phải gia hạn").numbers_missing(none, none) == 0.0
    assert asked("đến năm nào hết hạn theo nghị định 31/2022").numbers_missing(none, none) == 1.0
    assert asked("năm 2024 được hỗ trợ bao nhiêu tiền").numbers_missing(none, none) == 1.0
    # "hết hạn" asks a term ("nhãn hiệu bao giờ hết hạn"), not when it sets a condition ("hết hạn thì gia hạn ...")
    assert "duration" in asked("nhan hieu bao gio het han").kinds
    assert "duration" not in asked("nhan hieu het han thi gia han the nao").kinds
    recording = engine.answer("Bản ghi âm của tôi phát hành năm 2020, quyền của nhà sản xuất kéo dài tới năm nào?")
    assert recording.answered and (recording.results[0].article, recording.results[0].clause) == ("34", "2")
    other = engine.answer("Gói hỗ trợ lãi suất 2% theo Nghị định 31/2022 cho doanh nghiệp còn áp dụng không?")
    assert not other.answered and other.results, "shown as the nearest passages, not as the answer"
    own = engine.answer("Nghị định 80/2021 doanh nghiệp nhỏ thuê tư vấn được hỗ trợ tối đa bao nhiêu?")
    assert own.answered and own.results[0].document_number == "80/2021/NĐ-CP"


def test_a_figure_asked_outright_is_not_answered_from_a_passage_stating_none(engine: SearchEngine) -> None:
    assert asked("bảo hộ bao nhiêu năm").explicit and not asked("thời hạn bảo hộ nhãn hiệu").explicit
    assert not asked("khi nào hộ kinh doanh được hỗ trợ").explicit, "'khi nào' often asks in which case"
    assert not asked("xuất khẩu dệt may năm 2024 thuế thế nào").explicit, "the 'may' of 'dệt may' asks nothing"
    assert asked("phải nộp bảo đảm bn").kinds == {"money"}, "what is posted is a sum of money"
    assert asked("phải nộp bao nhiêu bộ hồ sơ").kinds == asked("bảo đảm bao nhiêu lao động nữ").kinds == {"number"}
    # "từ ngày nào" wants the day: a passage naming a law "năm 2013" states a year, which does not answer it.
    assert asked("luật mới có hiệu lực từ ngày nào").kinds == {"day"} and asked("năm nào ký").kinds == {"date"}
    assert not stated_figures("Luật Khoa học và Công nghệ năm 2013", {"day"})
    assert stated_figures("có hiệu lực từ ngày 01/08/2020", {"day"}) == {"day"}
    assert stated_figures("công khai trong thời hạn 15 ngày", {"day"}), "'chậm nhất đến ngày nào' is a term's end"
    security = engine.answer("cty em muon toa ap dung bien phap khan cap tam thoi thi phai nop dam bao bn")
    assert security.results[0].article == "208", "the article stating the 20% security, not the one on the right"
    when = engine.answer("Khi nào hộ kinh doanh chuyển lên doanh nghiệp được hỗ trợ?")
    assert when.answered and when.results[0].article == "16"
    # The law defines plant varieties but gives no term for their protection: the definition is not the answer.
    uncovered = engine.answer("Bằng bảo hộ giống cây trồng có hiệu lực bao nhiêu năm?")
    assert not uncovered.answered and uncovered.results
    covered = engine.answer("nhãn hiệu được bảo hộ bao nhiêu năm")
    assert covered.answered and covered.results[0].article == "93"
    # Of an article's clauses, the one stating the days asked for speaks for it, though another matched more words.
    days = engine.answer("hồ sơ xin hỗ trợ công nghệ nộp rồi bao lâu thì được xem xét")
    assert days.answered and (days.results[0].article, days.results[0].clause) == ("32", "3")
