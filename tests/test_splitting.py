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
