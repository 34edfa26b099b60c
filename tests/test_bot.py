"""The Telegram bot end to end: the real python-telegram-bot over HTTP against the fake Bot API server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakebot import BOT_USERNAME, FakeBotApi
from tests.telegram_helpers import (
    callback_update,
    mention,
    message,
    reply_to_bot,
    running_bot,
    settings_for,
    text_update,
)


@dataclass
class Bot:
    """The fake server a started bot talks to."""

    server: FakeBotApi


@pytest.fixture
async def bot(server: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bot]:
    settings = settings_for(server.url, tmp_path / "data", user_rate_per_minute=100, answer_workers=0)
    async with running_bot(settings, server):
        yield Bot(server)


async def ask(server: FakeBotApi, text: str, uid: int = 1, count: int = 1, **kw: object) -> list[dict]:
    """Push a message; return each reply's text as the user sees it, its HTML, and its keyboard."""
    mark = len(server.calls)
    server.push(text_update(text, uid, **kw))
    calls = await server.wait_for("sendMessage", count=count, since=mark)
    return [{"text": c.params["seen"], "html": c.params["text"], "reply_markup": c.params.get("reply_markup")}
            for c in calls]


def last_message(server: FakeBotApi) -> dict:
    chat_id, message_id = max(server.messages)
    return server.messages[(chat_id, message_id)]


async def test_start_greets_registers_commands_and_offers_examples(bot: Bot) -> None:
    (reply,) = await ask(bot.server, "/start")
    assert "Xin chào" in reply["text"] and "33/KH-UBND" in reply["text"]
    buttons = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 3
    assert any(c.method == "setMyCommands" for c in bot.server.calls)


async def test_start_deep_link_opens_a_topic(bot: Bot) -> None:
    (reply,) = await ask(bot.server, "/start shtt")
    assert "Sở hữu trí tuệ" in reply["text"]
    assert any("50/2005/QH11" in b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row)


async def test_question_with_and_without_diacritics_gets_the_same_cited_answer(bot: Bot) -> None:
    (with_marks,) = await ask(bot.server, "Doanh nghiệp nhỏ và vừa được hỗ trợ tư vấn bao nhiêu?")
    (without,) = await ask(bot.server, "dnnvv duoc ho tro tu van bao nhieu")
    first_line = next(line for line in with_marks["text"].splitlines() if line.startswith("📌"))
    assert "Điều 13 Nghị định 80/2021/NĐ-CP" in first_line
    assert first_line in without["text"]
    assert 'href="https://' in with_marks["html"] and "Tình trạng: Còn hiệu lực" in with_marks["text"]
    assert "<b>" in with_marks["html"]  # matching sentences in bold


async def test_slow_answer_shows_typing_first(server: FakeBotApi, tmp_path: Path) -> None:
    settings = settings_for(server.url, tmp_path / "data", answer_workers=0)
    async with running_bot(settings, server) as running:
        state = running.app.bot_data["state"]
        fast = state.answer

        async def slow(*args: object) -> object:
            await asyncio.sleep(0.6)
            return await fast(*args)

        state.answer = slow
        await ask(server, "thời hạn bảo hộ nhãn hiệu")
        methods = [c.method for c in server.calls if c.method in ("sendChatAction", "sendMessage")]
        assert methods[-2:] == ["sendChatAction", "sendMessage"]
        assert next(c for c in server.calls if c.method == "sendChatAction").params["action"] == "typing"


async def test_every_answer_button(bot: Bot) -> None:
    server = bot.server
    (reply,) = await ask(server, "thời hạn bảo hộ nhãn hiệu")
    sent = last_message(server)
    buttons = {b["text"]: b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row}
    assert {"📖 Xem toàn văn Điều", "📚 Văn bản liên quan", "➡️ Kết quả khác", "👍", "👎"} <= set(buttons)

    mark = len(server.calls)
    server.push(callback_update(sent, buttons["➡️ Kết quả khác"]))
    (edit,) = await server.wait_for("editMessageText", since=mark)
    assert "Trang 2/3" in edit.params["seen"] and int(edit.params["message_id"]) == sent["message_id"]

    mark = len(server.calls)
    server.push(callback_update(sent, buttons["📖 Xem toàn văn Điều"]))
    (full,) = await server.wait_for("sendMessage", since=mark)
    assert full.params["seen"].startswith("📖")

    mark = len(server.calls)
    server.push(callback_update(sent, buttons["📚 Văn bản liên quan"]))
    (related,) = await server.wait_for("sendMessage", since=mark)
    assert "Văn bản liên quan" in related.params["seen"]

    mark = len(server.calls)
    server.push(callback_update(sent, buttons["👍"]))
    (thanks,) = await server.wait_for("answerCallbackQuery", since=mark, where=lambda c: c.params.get("text"))
    assert "Cảm ơn" in thanks.params["text"]


async def test_example_topic_document_and_article_buttons(bot: Bot) -> None:
    server = bot.server
    (start,) = await ask(server, "/start")
    example = start["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    mark = len(server.calls)
    server.push(callback_update(last_message(server), example))
    (answer,) = await server.wait_for("sendMessage", since=mark)
    assert "📌" in answer.params["seen"]

    (topics,) = await ask(server, "/topics")
    dnnvv = next(b for row in topics["reply_markup"]["inline_keyboard"] for b in row if "DNNVV" in b["text"])
    mark = len(server.calls)
    server.push(callback_update(last_message(server), dnnvv["callback_data"]))
    (docs,) = await server.wait_for("sendMessage", since=mark)
    decree = next(b for row in docs.params["reply_markup"]["inline_keyboard"] for b in row if "80/2021" in b["text"])
    mark = len(server.calls)
    server.push(callback_update(last_message(server), decree["callback_data"]))
    (card,) = await server.wait_for("sendMessage", since=mark)
    assert "Chính phủ" in card.params["seen"] and "Điều 5. Tiêu chí" in card.params["seen"]
    article = card.params["reply_markup"]["inline_keyboard"][1][0]
    more = card.params["reply_markup"]["inline_keyboard"][-1][0]
    mark = len(server.calls)
    server.push(callback_update(last_message(server), article["callback_data"]))
    (text,) = await server.wait_for("sendMessage", since=mark)
    assert text.params["seen"].startswith("📖") and "Điều 5" in text.params["seen"]
    mark = len(server.calls)
    server.push(callback_update(last_message(server), more["callback_data"]))
    await server.wait_for("editMessageReplyMarkup", since=mark)


async def test_clause_lookup_with_and_without_accents(bot: Bot) -> None:
    (reply,) = await ask(bot.server, "Điều 5 Nghị định 80/2021")
    assert "📌 Điều 5 Nghị định 80/2021/NĐ-CP" in reply["text"]
    (plain,) = await ask(bot.server, "khoan 2 dieu 4 luat 04/2017")
    assert "Khoản 2 Điều 4 Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14" in plain["text"]


async def test_document_card_is_split_below_4096_characters(bot: Bot) -> None:
    replies = await ask(bot.server, "/doc 50/2005", count=2)
    assert all(len(r["text"]) <= 4096 for r in replies)  # and the server accepted each as valid HTML
    assert "Điều 3." in replies[0]["text"] and "Điều 218." in replies[-1]["text"]


async def test_html_in_a_question_comes_back_escaped(bot: Bot) -> None:
    (reply,) = await ask(bot.server, "<b>thuế</b> & <script>alert(1)</script> nhãn hiệu")
    assert "<b>thuế</b> & <script>alert(1)</script>" in reply["text"]  # the server's plain text: escaped, not markup


async def test_low_confidence_answer_says_so(bot: Bot) -> None:
    (reply,) = await ask(bot.server, "Kết quả xổ số miền Bắc hôm nay")
    assert "Chưa tìm thấy đoạn văn bản đủ tin cậy" in reply["text"] and "/topics" in reply["text"]


async def test_inline_mode_offers_citation_cards(bot: Bot) -> None:
    mark = len(bot.server.calls)
    bot.server.push({"inline_query": {"id": "q1", "from": {"id": 5, "is_bot": False, "first_name": "A"},
                                      "query": "evfta co hieu luc khi nao", "offset": ""}})
    (call,) = await bot.server.wait_for("answerInlineQuery", since=mark)
    results = call.params["results"]
    assert 1 <= len(results) <= 50 and int(call.params["cache_time"]) > 0
    assert any("EVFTA" in r["title"] for r in results)


async def test_group_answers_only_ask_mentions_and_replies(bot: Bot) -> None:
    server, group = bot.server, -100
    mark = len(server.calls)
    server.push(text_update("thời hạn bảo hộ nhãn hiệu", uid=7, chat_id=group, chat_type="supergroup"))
    (ask_reply,) = await ask(server, "/ask thời hạn bảo hộ nhãn hiệu", uid=7, chat_id=group, chat_type="supergroup")
    assert len(server.sent(mark)) == 1, "a plain group message must be ignored"
    text = f"@{BOT_USERNAME} evfta co hieu luc khi nao"
    (by_mention,) = await ask(server, text, uid=7, chat_id=group, chat_type="supergroup", entities=[mention(text)])
    assert "EVFTA" in by_mention["text"]
    (by_reply,) = await ask(server, "còn RCEP thì sao?", uid=7, chat_id=group, chat_type="supergroup",
                            reply_to_message=reply_to_bot(group))
    assert "RCEP" in by_reply["text"]
    assert "📌" in ask_reply["text"]


async def test_non_text_messages_and_very_long_texts(bot: Bot) -> None:
    server = bot.server
    for kind in ({"sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
                              "is_video": False, "type": "regular"}},
                 {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
                 {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}}):
        mark = len(server.calls)
        server.push({"message": message(None, **kind)})
        (reply,) = await server.wait_for("sendMessage", since=mark)
        assert "dạng chữ" in reply.params["seen"]
    (long_reply,) = await ask(server, "thuế " * 1000)
    assert "quá dài" in long_reply["text"]
    mark = len(server.calls)
    server.push({"edited_message": message("sửa câu hỏi")})
    (unknown,) = await ask(server, "/frobnicate")
    assert "Không có lệnh này" in unknown["text"]
    assert len(server.sent(mark)) == 1, "an edited message is ignored"


async def test_rate_limit_per_user(server: FakeBotApi, tmp_path: Path) -> None:
    settings = settings_for(server.url, tmp_path / "data", user_rate_per_minute=2, answer_workers=0)
    async with running_bot(settings, server):
        for _ in range(2):
            (reply,) = await ask(server, "thời hạn bảo hộ sáng chế", uid=9)
            assert "📌" in reply["text"]
        (limited,) = await ask(server, "thời hạn bảo hộ sáng chế", uid=9)
        assert "hơi nhanh" in limited["text"]
        (other,) = await ask(server, "thời hạn bảo hộ sáng chế", uid=10)
        assert "📌" in other["text"], "another user is not limited"
