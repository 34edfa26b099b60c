"""SME in chat: the /sme dialog and the free-text shortcut, through the real bot and the fake Bot API; `ask --json`."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from app.asking import Ask, ask
from app.services import build_services
from app.settings import Settings
from bot.loopback.calls import Call
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.updates import callback_update, text_update
from bot.sme_draft import TIMEOUT_S, parse_figure
from tests.cli_runner import run_cli
from tests.conftest import RunningBot, start_bot
from tests.telegram_user import Reply, TelegramUser

DECREE = "Nghị định 80/2021/NĐ-CP"
FIGURES = "cty minh 25 nguoi doanh thu 12 ty lam bao bi dc ho tro j"
# Worked out by hand from Điều 5: 25 workers is more than the 10 of khoản 1 (micro) in every sector; khoản 2 (small)
# allows up to 100 workers and 50 tỷ revenue in industry (packaging is manufacturing) and up to 50 workers and 100 tỷ
# in trade and services, so 25 workers and 12 tỷ is a small firm, decided by Khoản 2 Điều 5.
SMALL = "Quy mô: doanh nghiệp nhỏ"
DECIDING_SMALL = f"Khoản 2 Điều 5 {DECREE}"
CONSULTING_SMALL = f"Điểm b Khoản 2 Điều 13 {DECREE}"  # small firms: 50% of the consulting contract, ≤ 100 triệu


def _has_keyboard(call: Call) -> bool:
    return call.params.get("reply_markup") is not None


async def _until_keyboard(bot: RunningBot, update: dict[str, Any]) -> list[Reply]:
    """Every message the bot sends in reply to `update`, up to the one carrying a keyboard (a long reply is split)."""
    mark = len(bot.server.calls)
    bot.server.push(update)
    await bot.server.wait_for("sendMessage", since=mark, where=_has_keyboard)
    sent = bot.server.sent(mark)
    last = next(i for i, call in enumerate(sent) if _has_keyboard(call))
    return [Reply(call) for call in sent[: last + 1]]


async def _press(user: TelegramUser, reply: Reply, label: str) -> Reply:
    return Reply(await user.press(reply, label))


async def _to_workers(user: TelegramUser, sector: str) -> Reply:
    """/sme and a sector button: the second question."""
    start = await user.say("/sme")
    assert len(start.buttons()) == 4  # three sectors and Cancel
    return await _press(user, start, sector)


async def test_sme_dialog_end_to_end(bot: RunningBot) -> None:
    user = bot.user()
    start = await user.say("/sme")
    assert "1/5" in start.text and "Điều 5 Nghị định 80/2021/NĐ-CP" in start.text
    sectors = {"🌾 Nông, lâm nghiệp, thủy sản", "🏭 Công nghiệp, xây dựng", "🛒 Thương mại, dịch vụ"}
    assert sectors <= set(start.buttons())
    workers = await _press(user, start, "Thương mại")
    assert "2/5" in workers.text
    chosen = next(c for c in bot.server.calls if c.method == "editMessageText")
    assert chosen.params["seen"] == "✔️ Lĩnh vực: thương mại và dịch vụ"  # the sector buttons are gone
    assert "3/5" in (await user.say("25")).text
    capital = await user.say("12")
    assert "4/5" in capital.text and "⏭ Bỏ qua" in capital.buttons()
    facts = await _press(user, capital, "Bỏ qua")
    assert "5/5" in facts.text and "✅ Xong" in facts.buttons()
    update = callback_update(facts.message, facts.button("Xong"), user.uid)
    (result,) = await _until_keyboard(bot, update)
    # Trade and services, 25 workers, 12 tỷ: khoản 1 needs ≤ 10 workers; khoản 2 allows ≤ 50 and ≤ 100 tỷ: small.
    assert result.text.startswith(f"🏢 {SMALL}")
    assert DECIDING_SMALL in result.text.split("🎁")[0]  # the deciding clause, before the supports
    assert "25 lao động > 10: không phải siêu nhỏ" in result.text
    assert "Hỗ trợ có thể nhận" in result.text and CONSULTING_SMALL in result.text and "100 triệu" in result.text
    assert "📖 Điều 5" in result.buttons() and "📖 Điều 13" in result.buttons()
    article = await user.press(result, "📖 Điều 5")
    assert article.params["seen"].startswith("📖 Điều 5 · 80/2021/NĐ-CP")
    assert "siêu nhỏ" in article.params["seen"]


async def test_sme_dialog_without_revenue_needs_capital_and_records_facts(bot: RunningBot) -> None:
    user = bot.user()
    await _to_workers(user, "Công nghiệp")
    await user.say("8 người")
    capital = await user.say("0")
    assert "Khoản 2 Điều 9" in capital.text and "⏭ Bỏ qua" not in capital.buttons()
    facts = await user.say("2,5 tỷ")
    assert "5/5" in facts.text
    toggled = await user.press(facts, "Nữ làm chủ", method="editMessageReplyMarkup")
    labels = [b["text"] for row in toggled.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "☑️ Nữ làm chủ, nhiều lao động nữ, DN xã hội" in labels
    (result,) = await _until_keyboard(bot, callback_update(facts.message, facts.button("Xong"), user.uid))
    # Industry, 8 workers, no revenue: judged on capital (Điều 9 khoản 2); khoản 1: ≤ 10 workers and capital ≤ 3 tỷ.
    assert result.text.startswith("🏢 Quy mô: doanh nghiệp siêu nhỏ")
    assert f"Khoản 1 Điều 5 {DECREE}" in result.text and f"Khoản 2 Điều 9 {DECREE}" in result.text
    assert "tổng nguồn vốn 2,5 tỷ đồng" in result.text
    assert "70 triệu" in result.text  # Điểm a Khoản 2 Điều 13: the women-owned micro firm's consulting cap


async def test_invalid_numbers_get_one_line_of_help_and_the_same_question(bot: RunningBot) -> None:
    user = bot.user()
    await _to_workers(user, "Nông")
    for bad in ("abc", "-5", "1e9999", "nan", "   ", "12 tỷ"):  # 12 tỷ is money, not a head count
        help_line, question = (await user.say(bad)).text.splitlines()
        assert help_line.startswith("⚠️") and "số" in help_line
        assert question.startswith("2/5.")
    assert (await user.say("25")).text.startswith("3/5.")
    help_line, question = (await user.say("<b>x</b>")).text.splitlines()
    assert "«<b>x</b>»" in help_line and question.startswith("3/5.")  # escaped: shown as typed, not as markup
    assert (await user.say("1.5")).text.startswith("4/5.")


async def test_text_where_a_button_is_expected_repeats_the_question(bot: RunningBot) -> None:
    user = bot.user()
    start = await user.say("/sme")
    again = await user.say("thuong mai")
    assert again.text.startswith("⚠️") and "1/5" in again.text and again.buttons() == start.buttons()


async def test_cancel_mid_way(bot: RunningBot) -> None:
    user = bot.user()
    await _to_workers(user, "Thương mại")
    await user.say("25")
    cancelled = await user.say("/cancel")
    assert cancelled.text == "✖️ Đã dừng /sme; gõ /sme để làm lại bất cứ lúc nào."
    after = await user.say("DNNVV được hỗ trợ tư vấn bao nhiêu?")
    assert "📌" in after.text and "3/5" not in after.text  # an ordinary question again
    start = await user.say("/sme")
    by_button = await _press(user, start, "Hủy")
    assert by_button.text.startswith("✖️ Đã dừng /sme")


async def test_timeout_ends_the_dialog(bot: RunningBot) -> None:
    user = bot.user()
    await _to_workers(user, "Thương mại")
    bot.app.chat_data[user.uid]["sme"].touched -= TIMEOUT_S + 1  # as if the user left for longer than the timeout
    expired = await user.say("25")
    assert expired.text.startswith("⌛") and len(expired.text.splitlines()) == 1
    await _to_workers(user, "Thương mại")
    bot.app.chat_data[user.uid]["sme"].touched -= TIMEOUT_S + 1
    question = await user.say("Nhãn hiệu được bảo hộ bao lâu?")
    assert "📌" in question.text  # after a timeout a question is simply answered
    assert "📌" in (await user.say("Nhãn hiệu được bảo hộ bao lâu?")).text


async def test_group_is_pointed_to_a_private_chat(bot: RunningBot) -> None:
    reply = await bot.user().say("/sme", chat_id=-100, chat_type="group")
    assert "chat riêng" in reply.text and not reply.buttons()


async def test_free_text_with_figures_leads_with_the_sme_result(bot: RunningBot) -> None:
    replies = await _until_keyboard(bot, text_update(FIGURES))
    first = replies[0].text
    assert SMALL in first and DECIDING_SMALL in first and CONSULTING_SMALL in first
    assert "📌" not in first.split(SMALL)[0], "the SME result comes before any passage"
    assert first.index(SMALL) < first.index("📚 Văn bản liên quan")
    assert all(len(r.html) <= 4096 for r in replies)
    assert "📌" in "\n".join(r.text for r in replies)  # the usual passages follow
    assert "➡️ Kết quả khác" in replies[-1].buttons()


async def test_plain_questions_get_no_sme_block(bot: RunningBot) -> None:
    for question in ("DNNVV được hỗ trợ tư vấn bao nhiêu?", "Điều 5 Nghị định 80/2021"):
        reply = await bot.user().say(question)
        assert "Quy mô:" not in reply.text and "📌" in reply.text


async def test_sme_block_in_english(bot: RunningBot) -> None:
    user = bot.user()
    await user.say("/lang en")
    replies = await _until_keyboard(bot, text_update(FIGURES))
    assert "Size: small enterprise" in replies[0].text and "Supports available" in replies[0].text
    assert DECIDING_SMALL in replies[0].text, "the passage of the deciding clause follows, in Vietnamese"
    # The rule's reasons and every citation the bot writes are English for an English reader.
    assert "• 25 workers > 10: not micro" in replies[0].text and "không phải siêu nhỏ" not in replies[0].text
    assert "Legal basis: Article 5(2), Decree 80/2021/NĐ-CP" in replies[0].text
    # Each support is headed by its kind in English; the amount under it is quoted from the decree.
    assert "Consulting support" in replies[0].text and "Hỗ trợ tư vấn cho doanh nghiệp" not in replies[0].text
    assert "If an innovative start-up: support for innovative start-ups" in replies[0].text


async def test_answer_workers_add_the_sme_result_too(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir, answer_workers=1) as running:
        replies = await _until_keyboard(running, text_update(FIGURES))
        assert SMALL in replies[0].text


def test_ask_adds_sme_only_for_figure_questions_and_stays_picklable(data_dir: Path) -> None:
    engine = build_services(Settings(_env_file=None, bot_data_dir=data_dir)).live.engine  # type: ignore[call-arg]
    answer = ask(engine, Ask(FIGURES))
    assert answer.sme is not None and answer.sme["size"] == "nho"
    assert pickle.loads(pickle.dumps(answer)) == answer  # it crosses into and out of the answer workers
    outside = ask(engine, Ask("xuong go nha minh 40 cong nhan, doanh thu 30 ty"))
    # Industry, 40 workers, 30 tỷ: more than 10 workers, so khoản 2: ≤ 100 and ≤ 50 tỷ, small.
    assert outside.sme is not None and outside.sme["size"] == "nho" and outside.scope is None


def test_a_support_asked_with_the_firms_figures_comes_before_the_size_articles(data_dir: Path) -> None:
    engine = build_services(Settings(_env_file=None, bot_data_dir=data_dir)).live.engine  # type: ignore[call-arg]
    question = (
        "cty e thuong mai 20 nv dong bhxh, dt 15 ty. mua phan mem ERP 120tr/nam de so hoa quan ly kho, dc ho tro bn"
    )
    answer = ask(engine, Ask(question))
    assert answer.sme is not None and answer.results[0].article == "11", answer.results[0].citation
    medium = ask(
        engine, Ask("cty thuong mai 60 nv dong bhxh, dt 80 ty. thue tu van vien trong mang luoi thi dc ho tro bn")
    )
    assert medium.results[0].citation.startswith("Điểm c Khoản 2 Điều 13"), "a medium firm's point, not (b)"
    both = "cty thuong mai 60 nv dong bhxh, dt 80 ty. thue tu van vien trong mang luoi thi dc ho tro bn? " + (
        "con dao tao quan tri thi sao?"
    )
    two = ask(engine, Ask(both))
    assert two.parts[0].results[0].citation.startswith("Điểm c Khoản 2 Điều 13"), "the reply shows the part's results"
    # Asking the criteria themselves keeps them first; a point that names no size keeps its own letter.
    limit = "cty em thương mại 60 lao động, doanh thu 80 tỷ. Doanh thu tối đa của doanh nghiệp vừa là bao nhiêu?"
    first = ask(engine, Ask(limit)).results[0]
    assert (first.article, first.clause) == ("5", "3"), first.citation
    rent = "Cty khởi nghiệp sáng tạo 10 lao động, doanh thu 3 tỷ, thuê mặt bằng ở cơ sở ươm tạo được hỗ trợ bao nhiêu?"
    assert ask(engine, Ask(rent)).results[0].citation.startswith("Điểm b Khoản 1 Điều 22"), "renting space, not (a)"
    asked = ask(engine, Ask("cty e thuong mai 20 nv dong bhxh, dt 15 ty thi la dn sieu nho hay nho"))
    assert (asked.results[0].article, asked.results[0].clause) == ("5", "2"), "asking the size keeps its rule first"
    phone = ask(engine, Ask("cty 8 nguoi dt 5 ty la dn gi"))
    assert phone.answered and (phone.results[0].article, phone.results[0].clause) == ("5", "1"), "micro, Art. 5(1)"
    workshop = "Our furniture workshop (manufacturing) has 120 employees, 150 billion VND revenue. What size category?"
    size = ask(engine, Ask(workshop))
    assert size.answered and (size.results[0].article, size.results[0].clause) == ("5", "3"), "medium, by Art. 5(3)"


def test_ask_json_has_sme_only_for_a_question_with_figures(data_dir: Path) -> None:
    plain = ["DNNVV được hỗ trợ tư vấn bao nhiêu?", "Điều 5 nghị định 80"]
    proc = run_cli("ask", "--json", FIGURES, *plain, data=data_dir)
    assert proc.returncode == 0, proc.stderr
    figures, *others = [json.loads(line) for line in proc.stdout.splitlines()]
    sme = figures["sme"]
    assert [sme[k] for k in ("size", "employees", "revenue", "capital")] == ["nho", 25, 12.0, None]
    assert sme["citations"][0] == DECIDING_SMALL
    consulting = [s for s in sme["supports"] if s["citation"] == CONSULTING_SMALL]
    assert consulting and "100 triệu" in consulting[0]["amount"]
    assert all({"title", "amount", "citation"} <= set(s) for s in sme["supports"])
    assert [o["question"] for o in others] == plain and all("sme" not in o for o in others)


@pytest.mark.parametrize(
    ("text", "money", "expected"),
    [
        ("25", False, 25.0),
        ("25 người", False, 25.0),
        ("1,5", True, 1.5),
        ("2.5 ty", True, 2.5),
        ("12 tỷ đồng", True, 12.0),
        ("800 triệu", True, 0.8),
        ("0", True, 0.0),
        ("abc", True, None),
        ("-5", False, None),
        ("1e9999", True, None),
        ("inf", True, None),
        ("", False, None),
        ("12 tỷ", False, None),
        ("25 người", True, None),
    ],
)
def test_parse_figure(text: str, money: bool, expected: float | None) -> None:
    assert parse_figure(text, money) == expected
