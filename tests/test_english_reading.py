"""English questions read as the asker meant them: the figure asked for, whose goods, several questions in one
message, and everyday words."""

from __future__ import annotations

import pytest

from retrieval.engine import SearchEngine
from retrieval.figures import asked
from retrieval.splitting import split_questions
from tests.conftest import RunningBot


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


def test_an_english_question_asks_for_a_figure_in_its_own_words(engine: SearchEngine) -> None:
    # The translation loses the asking words ("when" is "ngày"), so the asker's own are read for them.
    assert asked("ngày evfta có hiệu lực", "When did the EVFTA enter into force?").kinds == {"date"}
    assert asked("mức hỗ trợ", "how much support can we get").explicit
    assert asked("", "How long is a patent protected?").kinds == {"duration"}
    assert asked("", "what percentage of tariff lines").kinds == {"percent"}
    assert not asked("", "calculated when deciding whether").kinds, "a 'when' joining a clause asks no date"
    assert not asked("", "When I filed in 2016, the examiner asked for more papers.").kinds, "a story's 'when'"
    assert (
        asked("", "how much time do we have to appeal").kinds == asked("", "what's the deadline").kinds == {"duration"}
    )
    assert asked("", "until when is it valid").kinds == asked("", "by when must we renew").kinds == {"date"}
    evfta = engine.answer("When exactly did the EU–Vietnam free trade agreement come into force?")
    assert evfta.answered and (evfta.results[0].document_number, evfta.results[0].section) == ("EVFTA", "II.3")


def test_whose_goods_tells_the_eu_tariff_commitments_from_vietnams(engine: SearchEngine) -> None:
    eu = engine.answer("What share of tariff lines did the EU remove duties on for Vietnamese goods under the EVFTA?")
    assert (eu.results[0].document_number, eu.results[0].section) == ("EVFTA", "IV.1")
    assert "trách nhiệm" not in {r.target for r in eu.interpretation}, "removed duties are tariffs, not obligations"
    vietnam = engine.answer("evfta vietnam tarif cuts for eu goods")
    assert (vietnam.results[0].document_number, vietnam.results[0].section) == ("EVFTA", "IV.2")
    year = engine.answer("cptpp tarif cuts vietnam by year 11")  # "97,8% vào năm thứ 11": Vietnam's schedule
    assert (year.results[0].document_number, year.results[0].section) == ("CPTPP", "IV.2")


def test_two_english_questions_in_one_message_are_each_answered(engine: SearchEngine) -> None:
    renew = engine.answer("How long does a registered trademark stay valid in Vietnam, and can we renew it?")
    assert [(p.results[0].article, p.results[0].clause) for p in renew.parts] == [("93", "6"), ("94", "2")]
    agreements = engine.answer("When did the EVFTA enter into force? What about the UKVFTA?").parts
    assert [p.results[0].document_number for p in agreements] == ["EVFTA", "UKVFTA"]
    assert agreements[1].question == "What about the UKVFTA?"
    # "it" is the CPTPP: asked again with the agreement the first part names, not with its "when ... signed".
    cptpp = engine.answer("When was the CPTPP signed, and how many chapters does it have?").parts
    assert [(p.results[0].document_number, p.results[0].section) for p in cptpp] == [
        ("CPTPP", "II.1"),
        ("CPTPP", "III.1"),
    ]
    # The second part leans on the first: asked about a visa, "can it be extended?" is about the visa too.
    visa = engine.answer("How long can I stay in Vietnam on an e-visa, and can it be extended?")
    assert visa.scope == "out" and len(visa.parts) == 2 and not any(p.answered for p in visa.parts)
    assert engine.answer("What is DTMarket and how does it relate to the Hanoi technology exchange?").parts == []
    assert len(split_questions("how long is a patent protected and can it be renewed?", "en")) == 1, "no comma"
    # A list of questions after a topic: a comma before "how"/"when"/"what"… starts the next one.
    rcep = engine.answer("RCEP: when was it signed, how many chapters, and is India a member?").parts
    assert [p.results[0].section for p in rcep] == ["II.1", "III.1", "I.1"] and all(p.answered for p in rcep)
    assert len(split_questions("how to register a trademark, how long does it take?", "en")) == 2
    for one in (
        "When we work out our size, how are part-time staff counted?",  # a clause setting the scene, then one question
        "We have 50 employees, how much consulting support can we get?",
        "Does the SME law also have support for startups?",
        "What is an SME? What about ???",
        "Is a trading company with 50 employees, and has revenue of 100 billion VND, a small enterprise?",
    ):
        assert len(split_questions(one, "en")) == 1, one  # fmt: skip
    # Another clause of the same article is kept unless asking the part alone is surer: 93(3) is the utility solution.
    utility = engine.answer("How long is a patent protected, and what about a utility solution?").parts
    assert [(p.results[0].article, p.results[0].clause) for p in utility] == [("93", "2"), ("93", "3")]


def test_an_invention_shown_at_a_fair_keeps_its_novelty_for_a_while(engine: SearchEngine) -> None:
    shown = engine.answer("We exhibited our machine at an international trade fair before filing. Do we lose novelty?")
    assert shown.answered and shown.direct_answer is not None
    assert shown.direct_answer.citation.startswith("Điểm c Khoản 3 Điều 60")
    women = engine.answer("women-owned SME definition")  # the term defined, not "SME definition" (the size criteria)
    assert (women.results[0].document_number, women.results[0].article, women.results[0].clause) == (
        "04/2017/QH14", "3", "1",
    )  # fmt: skip
    unused = engine.answer(
        "What happens to a registered trademark in Vietnam if the owner doesn't use it for a long time?"
    )
    assert unused.answered and unused.results[0].article in {"95", "136"}, "non-use ends a trademark"
    plain = dict(engine.prepare("Is our factory officially subsidised by the local budget within 3 years?").readings)
    assert plain["factory"] == "sản xuất" and plain["officially"] == "chính thức" and plain["within"] == "trong vòng"
    agent = dict(engine.prepare("Do we need a local agent to file a trademark?").readings)
    assert agent["need a local agent"] == "nộp qua đại diện hợp pháp", "Art. 89's words, not 'địa phương'"
    assert "địa phương" not in agent.values()
    automatic = engine.answer("is copyright protection automatic in vietnam")
    assert automatic.answered and automatic.results[0].citation.startswith("Khoản 1 Điều 6 Luật Sở hữu trí tuệ")
    cluster = engine.prepare("We are a parts maker in an industrial cluster").readings
    assert ("industrial cluster", "cụm liên kết ngành") in cluster and ("parts maker", "linh kiện") in cluster


async def test_two_english_questions_get_two_english_sections(bot: RunningBot) -> None:
    reply = await bot.user(43).say("How long does a registered trademark stay valid in Vietnam, and can we renew it?")
    assert "Your message has 2 questions" in reply.text
    assert "Article 93(6), Law 50/2005/QH11" in reply.text and "Article 94(2), Law 50/2005/QH11" in reply.text


def test_everyday_words_of_non_native_askers_read_as_the_law_words_them(engine: SearchEngine) -> None:
    circle = engine.answer("can i registr a simple circle logo as trademak")
    assert (circle.results[0].article, circle.results[0].clause) == ("74", "2"), "a simple shape is not distinctive"
    data = engine.answer("Can the regulator let a generic competitor rely on our clinical trial data?")
    assert data.results[0].article == "128"
    assert asked("", "How big is the fine for selling fakes?").kinds == {"money"}
    owed = engine.answer(
        "Our engineer invented a process that we now license to another company for royalties. What minimum share of "
        "those payments do we owe him?"
    )
    assert owed.results[0].article == "135", "what the owner pays the inventor"
    # "bằng độc quyền sáng chế" names a title; as a search phrase it drew every patent question to Art. 92.
    treatment = engine.answer("Can a new method of treating a disease be patented in Vietnam?")
    assert (treatment.results[0].article, treatment.results[0].clause) == ("59", "7")
    advise = engine.translator.translate("a local firm quoted 160 million VND to advise us on securing our IP").readings
    assert ("advise", "tư vấn") in advise, "the verb, not an adviser one typo away"
    assert ("securing our ip", "xác lập quyền sở hữu trí tuệ") in advise
    nationwide = engine.answer("Is a trademark registered in Vietnam valid all over the country, not just in Hanoi?")
    assert (nationwide.results[0].article, nationwide.results[0].clause) == ("93", "1"), "a title's whole territory"
    look = engine.answer("What does a product's look have to satisfy to be protected as an industrial design?")
    assert look.answered and look.results[0].article == "63", "the conditions a design must satisfy"
    lease = engine.answer("What's the maximum land lease term for a foreign-invested factory project, 50 or 70 years?")
    assert not lease.answered and lease.scope == "out", "land law, not the SME rent support"


def test_vietnamese_terms_typed_in_an_english_question_are_searched_as_typed(engine: SearchEngine) -> None:
    read = engine.translator.translate
    assert "hộ kinh doanh" in read("My family has run a hộ kinh doanh selling coffee").vietnamese
    assert "lệ phí môn bài" in read("how long are we exempt from lệ phí môn bài?").vietnamese
    assert "nghị định 80" in read("support under Nghị định 80 for women-owned firms").vietnamese
    # A Vietnamese term the English beside it already says is not searched twice.
    patent = read("requirements for an invention patent (Bằng độc quyền sáng chế)").vietnamese
    assert patent.count("bằng độc quyền sáng chế") == 1
    # A foreign word with an accent is no Vietnamese; an English word next to a Vietnamese one stays English.
    assert "café" not in read("my café in Tây Hồ").vietnamese
    assert "long" not in read("a shop in Long Biên").vietnamese
    # A greeting or form of address is no term ("anh" is also the UK); an English word after a Vietnamese one stays
    # English; a name that merely looks like the marker is no run.
    assert "anh" not in read("Chào anh, how long does a registered trademark stay valid?").vietnamese.split()
    assert (
        read("anh chị ơi, how long does a trademark last?").vietnamese
        == read("how long does a trademark last?").vietnamese
    )
    assert (
        "team" not in read("Hà Nội team wants a patent").vietnamese
        and "hà nội" in read("Hà Nội team wants a patent").vietnamese
    )
    assert "đống đa" in read("Mr Nguyễn Văn An owns a hộ kinh doanh in Đống Đa").vietnamese
    assert "hộ kinh doanh" in read("a hộ-kinh-doanh converting to a company").vietnamese
    assert read("what is vnrun0 in the hộ kinh doanh rules").vietnamese.count("hộ kinh doanh") == 1
    # A Vietnamese term none of our subjects uses counts as untranslated, as its English would.
    assert read("How do I get a criminal record certificate (lý lịch tư pháp)?").untranslated >= 0.5
    assert not engine.answer("How do I get a criminal record certificate (lý lịch tư pháp)?").answered
    answer = engine.answer(
        "Under Decree 80, what makes a company count as an innovative startup (doanh nghiệp khởi nghiệp sáng tạo)?"
    )
    assert answer.answered and answer.results[0].citation.startswith("Điều 20 Nghị định 80/2021")


def test_how_long_a_patent_lasts_is_answered_from_its_term(engine: SearchEngine) -> None:
    answer = engine.answer("How long does a patent last?")
    assert answer.answered and answer.results[0].citation.startswith("Khoản 2 Điều 93 Luật Sở hữu trí tuệ")
    assert not engine.answer("is a US patent valid in Vietnam?").answered, "validity is not the patent's term"


def test_renting_software_is_the_digital_transformation_support_not_premises_rent(engine: SearchEngine) -> None:
    answer = engine.answer("How much does the government pay for a small firm renting digital transformation software?")
    assert answer.answered and answer.results[0].citation.startswith("Khoản 2 Điều 11 Nghị định 80/2021")


def test_an_investors_wording_reaches_the_clause_a_vietnamese_asker_gets(engine: SearchEngine) -> None:
    # A helper's probes: each answered confidently from a neighbouring article before.
    export = engine.answer(
        "Our licensor put a clause in the trademark licence banning us from exporting to countries where they have no "
        "rights. Is that enforceable?"
    )
    assert export.answered and export.results[0].citation.startswith("Điểm b Khoản 2 Điều 144")
    own = engine.answer("Does Hanoi have its own implementation plan for EVFTA?")
    assert own.results[0].section == "VII.1", "Hanoi's own plan, not the national one (VI.1)"
    days = engine.answer("How long does the support agency have to decide on an application for consulting support?")
    assert days.results[0].citation.startswith("Điểm a Khoản 3 Điều 32"), "14 working days, not a consultant's 10"


def test_a_later_part_pointing_back_keeps_the_document_the_first_named(engine: SearchEngine) -> None:
    # "its" is the UKVFTA's, though the part names the EVFTA: the lent words keep the UKVFTA (III.1 compares them).
    first, second = engine.answer("When did UKVFTA enter into force, and is its content the same as EVFTA?").parts
    assert first.results[0].section == "II.3" and second.results[0].document_number == "UKVFTA"
    assert second.results[0].section == "III.1", second.results[0].citation


def test_can_software_be_patented_is_settled_not_defined(engine: SearchEngine) -> None:
    # "be patented" asks whether software is an invention at all: the note saying it is not (Art. 59(2)) answers,
    # not the definition of a computer program that opens Art. 22.
    direct = engine.answer("Can software be patented?").direct_answer
    assert direct is not None and "không được bảo hộ dưới danh nghĩa sáng chế" in direct.text, direct
    typed = engine.answer("wat is dtmarket in hanotex")
    assert typed.results[0].section == "III.3", "'wat is' asks what DTMarket is, as 'what is' does"
