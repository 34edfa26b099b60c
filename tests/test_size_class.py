"""A question on one size class's criteria is answered from Decree 80 Art. 5's clause for that class."""

from __future__ import annotations

import pytest

from app.asking import Ask, ask
from retrieval.engine import SearchEngine


@pytest.mark.parametrize(
    ("question", "cited"),
    [("sme criteria for trading co, max staff to count as small??", "Khoản 2 Điều 5 Nghị định 80/2021"),
     ("How many insured employees can a firm have and still be classed as a micro enterprise?", "Khoản 1 Điều 5 "),
     ("dn nho nganh thuong mai dv thi toi da bn lao dong dong bhxh", "Khoản 2 Điều 5 Nghị định 80/2021"),
     ("doanh nghiệp vừa lĩnh vực xây dựng bao nhiêu lao động", "Khoản 3 Điều 5 Nghị định 80/2021")],
)  # fmt: skip
def test_one_size_class_named_is_answered_from_its_clause(
    shipped_engine: SearchEngine, question: str, cited: str
) -> None:
    # Law 04 Art. 4 names the three classes and the SMEs' overall ceilings (200 workers); it answers none of these.
    answer = ask(shipped_engine, Ask(question))
    assert answer.results[0].citation.startswith(cited), answer.results[0].citation


@pytest.mark.parametrize(
    "question",
    ["Công ty nhỏ có tổng nguồn vốn 120 tỷ nhưng doanh thu năm trước chỉ 200 tỷ thì có được xem là DNNVV không?",
     "I run a small mobile game studio, are we an SME under the law?",
     "công ty vừa thành lập có được hỗ trợ không",
     "Doanh nghiệp siêu nhỏ có được coi là DNNVV không?",  # the SMEs as a whole: Law 04 Art. 4
     "tiêu chí DN nhỏ, vừa là gì"],  # two classes
)  # fmt: skip
def test_a_small_firm_described_or_just_set_up_names_no_class(shipped_engine: SearchEngine, question: str) -> None:
    answer = ask(shipped_engine, Ask(question))
    assert not answer.results[0].citation.startswith(("Khoản 1 Điều 5 N", "Khoản 2 Điều 5 N", "Khoản 3 Điều 5 N"))
