"""Where a message is cut into its questions, in either language."""

from __future__ import annotations

from retrieval.splitting import split_questions


def test_a_numbered_list_of_questions_is_split_at_its_numbers() -> None:
    parts = split_questions("1/ game do nv cty lam ra thi ai so huu ban quyen 2/ dk ban quyen mat bao lau thi co giay")
    assert [p.text for p in parts] == [
        "game do nv cty lam ra thi ai so huu ban quyen",
        "dk ban quyen mat bao lau thi co giay",
    ]
    english = split_questions("1) what is the patent term? 2) how long for a trademark?", "en")
    assert [p.text for p in english] == ["what is the patent term?", "how long for a trademark?"]
    assert len(split_questions("hợp đồng số 1/2021 ký ngày 2/3 có hiệu lực không")) == 1, "a date is no list"


def test_and_before_an_asking_wh_word_starts_a_question() -> None:
    def texts(message: str, language: str = "en") -> list[str]:
        return [p.text for p in split_questions(message, language)]

    assert texts("when was cptpp signed and when did it start applying to vn?") == [
        "when was cptpp signed", "and when did it start applying to vn?"]  # fmt: skip
    assert len(texts("ukvfta - when was it signed and how many articles does it have")) == 2, "a topic before a dash"
    assert len(texts("how do I know when and where to file")) == 1, "no wh-word that asks after 'and'"
    assert len(texts("We have 50 employees and how much revenue is allowed?")) == 1, "the first part tells, not asks"
    # Four pieces with the comma after a question: cut at the question marks only, three questions.
    many = "Có hỗ trợ tư vấn SHTT không, tối đa bao nhiêu? Hồ sơ gồm những gì? Nộp xong bao lâu thì có trả lời?"
    assert len(texts(many, "vi")) == 3


def test_a_question_asked_further_on_or_joined_by_va_is_a_question_of_its_own() -> None:
    def texts(message: str, language: str = "vi") -> list[str]:
        return [p.text for p in split_questions(message, language)]

    assert texts("do we declare our SME size ourselves? and if we find we declared wrong what then", "en") == [
        "do we declare our SME size ourselves?", "and if we find we declared wrong what then"]  # fmt: skip
    assert len(texts("For a trading company what is the capital limit, and which balance sheet counts?", "en")) == 2
    assert len(texts("if I can't prove how much I lost, what's the max the court can award?", "en")) == 1
    # "và" after a question word splits only where nothing else does.
    assert texts("RCEP có hiệu lực từ ngày nào và văn bản hiệp định gồm bao nhiêu chương?") == [
        "RCEP có hiệu lực từ ngày nào", "và văn bản hiệp định gồm bao nhiêu chương?"]  # fmt: skip
    assert len(texts("Ai được yêu cầu hủy bỏ văn bằng nhãn hiệu và thời hiệu là bao lâu?")) == 1
    assert len(texts("DN KH&CN vay vốn ở quỹ nào và hỗ trợ lãi suất bao nhiêu? Có được miễn tiền thuê đất không?")) == 2
    # A comma cut that leaves a piece asking nothing is undone: the question marks decide.
    assert texts("DTMarket la gi? va HanoTEX van hanh theo mo hinh nao, nha nuoc hay tu nhan lam") == [
        "DTMarket la gi?", "va HanoTEX van hanh theo mo hinh nao, nha nuoc hay tu nhan lam"]  # fmt: skip
    # Not "và" inside one question: paired question words, a short first piece, "đầu" (folded "dau") or a tail
    # that qualifies ("và trong thời gian bao lâu?").
    for one in ("Khi nào và ở đâu nộp hồ sơ đăng ký nhãn hiệu?", "Doanh nghiệp nào và hộ kinh doanh nào được hỗ trợ?",
                "Có ưu đãi gì cho dự án đầu tư giai đoạn đầu và được miễn thuế không?",
                "Hộ kinh doanh chuyển lên doanh nghiệp được hỗ trợ những gì và trong thời gian bao lâu?"):  # fmt: skip
        assert len(texts(one)) == 1, one
    # A relative "who"/"which" tells; it does not ask.
    assert len(texts("Who owns the patent? My employee, who was paid by us, invented a machine at work.", "en")) == 1
