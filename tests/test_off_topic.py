"""Subjects beside ours (knowledge/off_topics.yaml): refused as off topic, whatever their other words match; and
subjects ours only name (knowledge/gaps.yaml): never answered with confidence."""

from __future__ import annotations

import re

import pytest

from knowledge.folding import fold_diacritics, normalize
from knowledge.lexicon import Lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine
from retrieval.evaluate import evaluate, load_questions
from retrieval.gaps import Gaps
from retrieval.off_topic import OffTopics
from retrieval.text import words_of
from tests.conftest import DATA, RunningBot


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine


def test_every_listed_phrase_names_something_no_passage_has(engine: SearchEngine, lexicon: Lexicon) -> None:
    # A phrase some passage has is dropped when the engine is built: listed, it would only look in force.
    used = {tuple(fold_diacritics(w) for w in phrase) for phrase in engine.off_topics.phrases()}
    listed = [p for phrases in lexicon.off_topics.values() for p in phrases]
    assert len(listed) >= 100
    unused = [p for p in listed if tuple(fold_diacritics(w) for w in words_of(normalize(p))) not in used]
    assert unused == []


def test_a_subject_we_do_not_cover_is_refused_with_the_nearest_passages_kept(engine: SearchEngine) -> None:
    # "mất bao lâu" matches the IP Law's time limits well enough for the gate (0.63) on its own.
    divorce = engine.answer("ly hon thuan tinh mat bao lau vay ac")
    assert not divorce.answered and divorce.scope == "out"
    assert divorce.results, "the answer JSON keeps the nearest passages; the bot shows none for an off-topic question"
    pension = engine.answer("Tôi đã đóng bảo hiểm xã hội 18 năm, giờ 55 tuổi thì có được nhận lương hưu không?")
    assert not pension.answered and pension.scope == "out"
    assert engine.answer("How long does maternity leave last in Vietnam?").scope == "out"
    # Reviewers' questions: "apply for" is an IP filing word, and EVFTA's tariffs end in "0%" like a VAT rate.
    assert engine.answer("Which visa should I apply for as an investor coming to Vietnam?").scope == "out"
    assert engine.answer("Hàng xuất khẩu sang EU thì thuế GTGT là 0% hay 10% vậy?").scope == "out"


def test_a_short_question_after_its_subject_and_a_later_part_are_read_with_it(engine: SearchEngine) -> None:
    # "Mất bao lâu?" alone carries no subject: the sentence before it is what it asks about.
    assert engine.answer("Tôi muốn ly hôn. Mất bao lâu?").scope == "out"
    assert engine.answer("ly hôn thuận tình; mất bao lâu").scope == "out"
    both = engine.answer("ly hôn thuận tình mất bao lâu? còn đơn phương thì sao?")
    assert [(p.answered, p.scope) for p in both.parts] == [(False, "out"), (False, "out")]


def test_a_phrase_our_documents_have_or_an_english_one_reading_as_theirs_is_not_used(engine: SearchEngine) -> None:
    listed = {"x": ["inheritance", "thừa kế", "pension", "lương hưu"]}
    used = OffTopics(listed, engine.index.passages.contains, engine.translator.table).phrases()
    assert sorted(used) == [("lương", "hưu"), ("pension",)], "inheritance reads as kế thừa; thừa kế is in the IP Law"


def test_only_the_words_as_typed_name_a_subject(engine: SearchEngine) -> None:
    # Two listed words that belong to their neighbours: "hợp lý hơn" typed without marks, "tham gia điện tử".
    assert engine.off_topics.named("hop ly hon") == engine.off_topics.named("tham gia dien tu") == []
    # A function word beside them joins nothing ("hưu không" is also "sở hữu không").
    assert engine.off_topics.named("giờ có được nhận lương hưu không") == [("luong", "huu")]
    # "bằng lái" (driving licence) with or without its marks; "bảng lãi" (an interest table) is other words.
    assert engine.off_topics.named("bằng lái hết hạn 3 tháng") == engine.off_topics.named("bang lai het han") != []
    assert engine.off_topics.named("bảng lãi suất vay ưu đãi cho doanh nghiệp nhỏ") == []
    # In a story only the sentences that ask are read: having retired is who asks, not what is asked.
    memoir = "Tôi đã nghỉ hưu, đang viết hồi ký. Con tôi hỏi sau khi tôi mất thì con cháu còn hưởng bản quyền bao lâu?"
    answer = engine.answer(memoir)
    assert answer.scope is None and answer.results[0].article == "27"
    # Told of, such a subject still leaves the answer unsure: "it" is the house, not a trademark.
    house = "I inherited a house from my father but I hold a foreign passport. Can I register it in my name?"
    assert engine.off_topics.named(house) == [] and engine.off_topics.verdict(house) == "unsure"
    assert engine.off_topics.named("đăng ký kết hôn ở Hà Nội mất bao lâu") != [], "'ký kết' beside it is no split"
    # A foreign firm's representative office is company law, whatever the IP Law's note on the IP Office's own.
    office = engine.answer("cty nuoc ngoai mo van phong dai dien o ha noi can gi")
    assert not office.answered and office.scope == "out"
    assert engine.answer("how do i hire a vietnamese employee legally").scope == "out", "hiring staff is labour law"
    for company_law in ("cty e muon chuyen tu tnhh len co phan thi lam gi", "con dau cty bi mat thi lam lai the nao"):
        assert engine.answer(company_law).scope == "out", company_law
    assert engine.answer("cty e bi tru diem tin dung cic thi sao").scope == "out", "a credit score is the bank's"
    assert engine.answer("can i convert my llc into a joint stock company").scope == "out"
    assert engine.answer("do foreign applicants need a legal representative to file a trademark?").answered, "Art. 89"
    assert engine.answer("dn nho kho vay von ngan hang thi dc ho tro gi").answered, "Law 04 Art. 8 is ours"
    assert engine.answer("how to register a domain name .vn").answered is False, "how to register is not Art. 130"
    assert engine.answer("someone registered a domain name with my trademark, is that unfair competition?").answered


@pytest.mark.parametrize(("split", "most"), [("dev", 3), ("test", 4)])  # measured 2 and 3 of 60
def test_questions_beside_our_subjects_are_refused(engine: SearchEngine, split: str, most: int) -> None:
    # 120 questions on land, family, pensions, traffic, personal tax, schools... written by a helper session.
    report = evaluate(engine, load_questions(DATA / "adjacent_oos.json", split))
    assert report.gate["all"].out_of_scope_answered <= most, report.gate["all"]


async def test_the_bot_says_what_it_covers_for_a_subject_beside_ours(bot: RunningBot) -> None:
    reply = await bot.user().say("nghi viec ma cty ko chot so bhxh thi lam the nao")
    assert "nằm ngoài" in reply.text and "/topics" in reply.text
    assert "📌" not in reply.text, "no nearest passages from the SME criteria"


# Questions on our subjects that mention an everyday one as their setting (a review's probes).
OURS_IN_A_SETTING = [
    "Công ty tôi có 60% lao động nữ, nhiều chị em đang nghỉ thai sản, doanh nghiệp có được ưu tiên hỗ trợ không?",
    "Doanh nghiệp nhỏ có được vay tín chấp qua Quỹ bảo lãnh tín dụng không?",
    "Khi công ty phá sản, nhãn hiệu có bị chấm dứt hiệu lực không?",
    "Cá nhân nước ngoài nộp đơn đăng ký nhãn hiệu cần bản sao hộ chiếu không?",
    "Người nước ngoài tạm trú ở Việt Nam có được tự nộp đơn đăng ký nhãn hiệu không?",
    "Sáng chế vaccine covid có thể bị bắt buộc chuyển giao quyền sử dụng không?",
    "Can the government force a compulsory licence of a covid vaccine patent?",
    "Làm giả nhãn hiệu hàng hóa để lừa đảo người tiêu dùng bị phạt bao nhiêu?",
    "Tôi mới nghỉ hưu. Bản quyền bao lâu?",
    "Tôi sắp nghỉ hưu và muốn thành lập doanh nghiệp khởi nghiệp sáng tạo. Tôi được hỗ trợ gì?",
    "We pay our inventor a lump sum bonus; does he still have a right to remuneration?",
    "Công ty tôi sản xuất mũ bảo hiểm xuất khẩu sang EU, thuế EVFTA bao nhiêu?",
]


def test_a_question_naming_our_subject_in_an_everyday_setting_is_ours(engine: SearchEngine) -> None:
    answers = {q: engine.answer(q) for q in OURS_IN_A_SETTING}
    assert [q for q, a in answers.items() if a.scope == "out"] == []
    assert sum(a.answered for a in answers.values()) >= 11, "each was answered before the list existed"
    # A later part is judged on its own words when they name a subject of ours.
    both = engine.answer("ly hôn mất bao lâu? còn nhãn hiệu thì sao?")
    assert [(p.answered, p.scope) for p in both.parts] == [(False, "out"), (True, None)]


async def test_a_message_of_off_topic_questions_gets_no_passages(bot: RunningBot) -> None:
    reply = await bot.user().say("ly hôn thuận tình mất bao lâu? còn đơn phương thì sao?")
    assert "nằm ngoài" in reply.text and "Điều 119" not in reply.text


def test_a_subject_our_documents_only_name_is_never_answered_with_confidence(
    engine: SearchEngine, lexicon: Lexicon
) -> None:
    assert set(lexicon.gaps) <= {d.meta.id for d in shipped_documents()}, "a gap belongs to a document we ship"
    phrases = [p for listed in lexicon.gaps.values() for p in listed]
    assert not [p for p in phrases if re.search(r"\S[+|]|[+|]\S", p)], "' + ' and ' | ' are written with spaces"
    variety = engine.answer("Bằng bảo hộ giống cây trồng có hiệu lực bao nhiêu năm?")
    assert not variety.answered and variety.scope is None and variety.results, "unsure, with the nearest passages"
    fund = engine.answer("What interest rate does the SME Development Fund charge on its loans to startups?")
    assert not fund.answered and fund.results
    # Franchise registration is the Commercial Law's; legal-aid amounts are in Decree 55/2019, which we do not hold.
    franchise = engine.answer("hợp đồng franchise trà sữa có phải đăng ký với Bộ Công Thương không?")
    assert not franchise.answered and franchise.results
    lawyer = engine.answer("dn sieu nho thue luat su tu van vu tranh chap hop dong thi nha nuoc ho tro bn")
    assert not lawyer.answered and lawyer.results
    assert not engine.gaps.asked("startup thuê luật sư tư vấn đăng ký nhãn hiệu được hỗ trợ tối đa bao nhiêu")
    # A gap matches every question: one several agreements share is listed with the agreement's name.
    cptpp = engine.answer("CPTPP tự chứng nhận xuất xứ làm thế nào")
    assert not cptpp.answered and cptpp.results[0].document_number == "CPTPP"
    rex = engine.answer("lo hang nho duoi 6000 euro thi tu chung nhan xuat xu dc ko")
    assert rex.answered and rex.results[0].document_number == "EVFTA", "EVFTA's self-certification is covered"
    # Named in passing by plan 33, high-tech enterprises are ours; only their criteria and incentives are a gap.
    assert not engine.gaps.asked("Năm 2023 Hà Nội muốn có thêm nhiều công ty công nghệ cao đúng không")
    assert engine.gaps.asked("dieu kien de dc cong nhan doanh nghiep cong nghe cao la gi")
    assert engine.gaps.asked("Hồ sơ xin cấp giấy chứng nhận doanh nghiệp KH&CN nộp ở đâu?")
    assert not engine.gaps.asked("Điều kiện cấp giấy chứng nhận doanh nghiệp KH&CN là gì?"), "Decree 13 Art. 6"
    # A later part leans on the earlier one: "còn tôm thì sao?" asks the tariff on shrimp too.
    tariffs = engine.answer("EVFTA thuế gạo bao nhiêu? còn tôm thì sao?").parts
    assert len(tariffs) == 2 and not any(p.answered for p in tariffs)
    # ... and the parts after a part that asked a gap are no surer: they mostly ask on about its subject.
    office = engine.answer("ho so xin chung nhan dn khcn gom nhung gi, nop o so khcn ha noi thi mat bao nhieu ngay")
    assert len(office.parts) == 2 and not any(p.answered for p in office.parts)
    two = engine.answer("EVFTA thuế gạo bao nhiêu? Bằng sáng chế được bảo hộ bao lâu?").parts
    assert len(two) == 2 and not two[1].answered and two[1].results[0].article == "93", "unsure, its passage first"
    land = engine.answer("Làm sổ đỏ lần đầu cho mảnh đất ông bà để lại ở Đông Anh mất bao lâu?")
    assert not land.answered and land.scope == "out", "a plot of land is not ours, however long IP filings take"
    rent = engine.answer("Chủ nhà đòi tăng giá thuê mặt bằng giữa chừng hợp đồng 3 năm thì em có phải chịu không?")
    assert rent.scope == "out", "a landlord's demand is a lease dispute, not the SME rent support"
    assert engine.answer("chủ nhà hàng nhỏ được nhà nước hỗ trợ gì").scope is None, "a restaurant owner is ours"
    # One product's tariff or quota: the agreements' notes give only the overall commitments.
    assert engine.gaps.asked("xuất khẩu cà phê sang Anh theo UKVFTA thuế bao nhiêu")
    assert engine.gaps.asked("xuat ca phe sang anh theo ukvfta thue bn"), "typed without diacritics"
    # ... but a café owner hiring a consultant (thuê, not thuế) asks about SME support.
    assert not engine.gaps.asked("quán cà phê của em thuê tư vấn thì được hỗ trợ bao nhiêu?")
    assert engine.gaps.asked("What is the EU tariff-rate quota for Vietnamese rice under the EVFTA?")
    assert not engine.gaps.asked("EVFTA có hiệu lực thì EU bỏ thuế cho bao nhiêu phần trăm dòng thuế?")
    # Notes that name a subject and say they do not describe it: HanoTEX's fees, the fund's spending list, RCEP's
    # self-certification.
    assert engine.gaps.asked("dang cong nghe len hanotex mat phi bao nhieu")
    assert not engine.gaps.asked("HanoTEX giúp gì cho doanh nghiệp nhỏ?")
    assert engine.gaps.asked("thông tư 05/2022 cho chi quỹ khcn vào những việc gì cụ thể")
    assert not engine.gaps.asked("Thông tư nào hướng dẫn nội dung chi từ quỹ phát triển KH&CN của doanh nghiệp?")
    assert engine.gaps.asked("rcep có cho tự chứng nhận xuất xứ không")
    # Tax and land law beside ours: a household business's presumptive tax, a land lease's renewal, duty on goods
    # carried in; told of, not asked ("năm nào cũng nộp thuế khoán đủ"), presumptive tax is no gap.
    assert engine.gaps.asked("hộ kinh doanh nộp thuế khoán bao nhiêu một tháng")
    assert not engine.gaps.asked("Nhà tôi đăng ký hộ kinh doanh, năm nào cũng nộp thuế khoán đủ.")
    assert engine.gaps.asked("gia hạn hợp đồng thuê đất trong khu công nghiệp thủ tục thế nào")
    assert engine.gaps.asked("hang xach tay tu nhat ve co phai dong thue ko")
    assert not engine.gaps.asked("dn nho thue dat trong khu cong nghiep co dc ho tro gia thue ko"), "Law 04 Art. 11"
    # What a support pays for is ours; how to get that thing done is not (certification, ISO, the standard tax rate).
    assert engine.gaps.asked("Chứng nhận hợp quy sản phẩm đồ chơi trẻ em làm ở đâu?")
    assert not engine.gaps.asked("dn nho duoc ho tro chi phi chung nhan hop quy san pham bao nhieu"), "Art. 25(4)(c)"
    assert engine.gaps.asked("Làm sao để được cấp chứng chỉ ISO 9001?")
    assert engine.gaps.asked("dang ky thuong hieu ca phe cua minh o my thi lam sao"), "another country's procedure"
    assert not engine.gaps.asked("startup cua e muon dk nhan hieu o my, nha nuoc ho tro bn"), "Decree 80 Art. 22(2)"
    assert engine.gaps.asked("Thuế thu nhập doanh nghiệp phổ thông hiện nay là bao nhiêu phần trăm?")
    assert not engine.gaps.asked("DNNVV có được áp dụng thuế suất thuế thu nhập doanh nghiệp thấp hơn không?")
    assert not Gaps(lexicon.gaps, {"luat-trong-trot-5"}).asked("giống cây trồng được bảo hộ mấy năm"), "ALQAC's own"


def test_what_an_agreement_note_says_it_lacks_is_a_gap(engine: SearchEngine) -> None:
    # The notes name the decisions on each agreement's focal agency, never the agency; nor which resolution approved
    # the UKVFTA; Decree 80 pays towards vocational training at no stated rate.
    assert engine.gaps.asked("Which ministry is the focal point for implementing the EVFTA?")
    assert engine.gaps.asked("ha noi giao so nao lam dau moi thuc hien hiep dinh cptpp")
    assert not engine.gaps.asked("Which decision now designates the focal agency for UKVFTA?"), "VI.2 names it"
    assert not engine.gaps.asked("Cơ quan nào làm đầu mối hỗ trợ DNNVV ở địa phương?"), "Decree 80 Art. 31(1)"
    assert engine.gaps.asked("What's the number of the government resolution that approved the UKVFTA?")
    assert engine.gaps.asked("What percentage of vocational training costs does the SME decree pay?")
    assert not engine.gaps.asked("học nghề bao nhiêu tháng thì được hỗ trợ chi phí đào tạo?"), "Art. 14(4)"
    rcep = engine.answer("Which ministry is the official focal point coordinating Vietnam's RCEP?")
    assert not rcep.answered and rcep.scope is None and rcep.results[0].section == "VI.2", "unsure, nearest shown"
    # ... yet who guides an agreement's rules of origin, or issues its C/O, is in the notes (a reviewer's questions)
    assert not engine.gaps.asked("Which ministry is in charge of guiding the rules of origin under the CPTPP?")
    assert not engine.gaps.asked("Who is in charge of issuing C/O form EUR.1 under the EVFTA?")
    assert not engine.gaps.asked("UKVFTA xóa bỏ thuế cho bao nhiêu phần trăm số dòng thuế sau khi có nghị quyết?")
    assert not engine.gaps.asked("Theo kế hoạch 33, đơn vị nào chủ trì dự án sản xuất thử nghiệm?"), "II.6"
    assert not engine.gaps.asked("Hàng xuất sang EU được hưởng thuế suất thấp hơn với bao nhiêu phần trăm dòng thuế?")
    assert not engine.gaps.asked("DN do phụ nữ làm chủ mở lớp đào tạo nghề tại doanh nghiệp được hỗ trợ mấy phần trăm?")
    assert engine.gaps.asked("Which Hanoi department leads EVFTA implementation for the city?")
    assert engine.gaps.asked("kế hoạch 33 giao sở nào chủ trì tuyên truyền sở hữu trí tuệ?"), "I.2 names none"
    assert not engine.gaps.asked("Đơn vị nào thực hiện kế hoạch 33?"), "I.2: departments and districts"
    assert engine.gaps.asked("Small firms get a lower corporate tax rate - what is the actual rate?"), "Law 04 Art. 10"


def test_a_weak_best_passage_answers_only_a_question_naming_our_subjects(engine: SearchEngine) -> None:
    # These share words with an SME or IP passage that the re-ranker scores low, yet beats the others: unsure.
    for question in (
        "Hàng hóa nhập khẩu thuộc diện kiểm tra chuyên ngành thì đăng ký kiểm tra ở đâu?",
        "Mức phạt khi doanh nghiệp không đóng kinh phí công đoàn là bao nhiêu?",
    ):
        assert not engine.answer(question).answered, question
    # Naming one of our subjects keeps a right answer the re-ranker is as unsure of.
    unfair = engine.answer(
        "shop khac lam nhai y chang bao bi, ten goi cua tiem e. v co tinh la canh tranh ko lanh manh ko"
    )
    assert unfair.answered and unfair.results[0].article == "130"


def test_neighbouring_subjects_are_not_answered_from_ours(engine: SearchEngine) -> None:
    assert engine.answer("cty e no bhxh 3 thang roi gio bi phat ko mn").scope == "out", "a figure joins no phrase"
    for question in (
        "How much are the US reciprocal tariffs on Vietnamese goods right now?",
        "Hiệp định Thương mại tự do Việt Nam – Liên minh Kinh tế Á Âu gồm những nước thành viên nào?",
        "thu tuc dk thanh lap cty tnhh 1 tv o so kh dt can giay to j",
        "Thủ tục cấp Giấy chứng nhận quyền sử dụng đất lần đầu tại Hà Nội gồm những bước nào?",
        "Cơ sở sản xuất bánh kẹo cần đáp ứng điều kiện gì để được cấp Giấy chứng nhận an toàn thực phẩm?",
        "Người lao động nước ngoài làm việc tại Việt Nam có phải đóng bảo hiểm xã hội bắt buộc không?",
        "How do we register a change of business lines on our ERC?",
        "What do Vietnamese coffee exporters need to do to comply with the EU Deforestation Regulation?",
        "Startup e có nhãn hiệu rồi. Giờ e cần tuyển thực tập sinh 3 tháng, có bắt buộc trả lương thực tập ko ạ?",
    ):
        assert not engine.answer(question).answered, question
    # A converted household business is advised on setting up its company (Law 04 Art. 16(2)(a)).
    assert engine.answer("hkd chuyen len cty thi dc ho tro ho so thu tuc thanh lap dn ko").answered


def test_a_story_is_judged_by_what_it_asks_not_by_the_subjects_of_its_scene(engine: SearchEngine) -> None:
    # A start-up in the scene does not make a question on staff income tax ours: unsure, never answered.
    founder = (
        "e co 1 startup cong nghe lam app giao do an, doanh thu moi dc 50tr/thang, co 5 nv. "
        "mn cho e hoi tra luong cho nv part time thi co phai khau tru 10% thue tncn ko a"
    )
    answer = engine.answer(founder)
    assert not answer.answered and answer.scope is None
    # A subject we lack told of in the scene, with what it asks ours, is still answered.
    abroad = "Our startup is filing a trademark at the EUIPO. Is consulting for IP protection abroad supported?"
    assert engine.answer(abroad).answered


def test_our_subjects_beside_neighbouring_words_are_still_answered(engine: SearchEngine) -> None:
    # A review found these refused or made unsure by the phrases and the weak-passage rule of the commits before.
    for question, cited in (
        ("Dữ liệu thử nghiệm dược phẩm nộp cho Bộ Y tế được bảo mật mấy năm?", "Khoản 2 Điều 128"),
        (
            "Khi yêu cầu tạm dừng thủ tục hải quan, có thể nộp bảo lãnh của Vietcombank thay tiền mặt không?",
            "Khoản 2 Điều 217",
        ),
        ("Thông tư 05/2022/TT-BCT quy định gì?", "Mục V.2 Hiệp định RCEP"),
        ("Sở Kế hoạch và Đầu tư tư vấn hồ sơ thành lập doanh nghiệp miễn phí cho ai?", "Khoản 1 Điều 15"),
        (
            "Bị Mỹ áp thuế đối ứng, xuất sang Canada theo hiệp định xuyên Thái Bình Dương thì thuế dệt may ra sao?",
            "Mục IV.3",
        ),
        (
            "Doanh nghiệp không cần thế chấp vẫn được bảo lãnh vay dựa vào phương án kinh doanh khả thi không?",
            "Khoản 2 Điều 9",
        ),
    ):
        answer = engine.answer(question)
        assert answer.answered and answer.results[0].citation.startswith(cited), question
