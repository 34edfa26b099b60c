"""What a reply shows of a passage when space is short: never a lead-in that states nothing."""

from __future__ import annotations

from bot.render import render_answer
from retrieval.engine import SearchEngine


def test_a_part_shows_what_its_lead_in_announces(shipped_engine: SearchEngine) -> None:
    question = (
        "Anh mình là kỹ sư, chế ra cái máy bóc vỏ lạc, nộp đơn đăng ký sáng chê tháng 3/2022, đến 2024 mới được cấp "
        "bằng. Vậy độc quyền đến năm nào, tính từ lúc cấp bằng hay lúc nộp đơn?"
    )
    answer = shipped_engine.answer(question)
    assert len(answer.parts) == 2 and answer.parts[0].results[0].citation.startswith("Khoản 2 Điều 93")
    # Our note on the whole article ("Các thời hạn tính từ ngày nộp đơn") is cited as the article, not as clause 7.
    assert answer.parts[1].results[0].citation.startswith("Điều 93")
    reply = render_answer(answer)
    # Clause 2 reads "Bằng độc quyền sáng chế: hiệu lực … 20 năm …"; its first sentence alone says nothing.
    assert "Bằng độc quyền sáng chế: hiệu lực từ ngày cấp đến hết 20 năm kể từ ngày nộp đơn" in reply
    assert "3. Bằng độc quyền giải pháp hữu ích" not in reply, "the snippet stays within its clause"


def test_a_message_of_several_questions_names_each_cited_document_once_with_its_status(
    shipped_engine: SearchEngine,
) -> None:
    reply = render_answer(shipped_engine.answer("nhãn hiệu bảo hộ mấy năm? còn kiểu dáng công nghiệp thì sao"))
    assert reply.count("📄 Văn bản: ") == 1 and "50/2005/QH11" in reply and "Tình trạng: " in reply
