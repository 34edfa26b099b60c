"""The Telegram bot end to end: the real python-telegram-bot over HTTP against the fake Bot API server."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.loopback.fake_api import BOT_USERNAME, FakeBotApi
from bot.loopback.updates import mention, message, reply_to_bot, text_update
from tests.conftest import RunningBot, start_bot
from tests.telegram_user import Reply


async def test_start_greets_registers_commands_and_offers_examples(bot: RunningBot) -> None:
    reply = await bot.user().say("/start")
    assert "Xin chào" in reply.text and "33/KH-UBND" in reply.text
    assert len(reply.buttons()) == 3
    assert any(c.method == "setMyCommands" for c in bot.server.calls)


async def test_start_deep_link_opens_a_topic(bot: RunningBot) -> None:
    reply = await bot.user().say("/start shtt")
    assert "Sở hữu trí tuệ" in reply.text
    assert any("50/2005/QH11" in label for label in reply.buttons())


async def test_question_with_and_without_diacritics_gets_the_same_cited_answer(bot: RunningBot) -> None:
    user = bot.user()
    with_marks = await user.say("Doanh nghiệp nhỏ và vừa được hỗ trợ tư vấn bao nhiêu?")
    without = await user.say("dnnvv duoc ho tro tu van bao nhieu")
    first_line = next(line for line in with_marks.text.splitlines() if line.startswith("📌"))
    assert "Điều 13 Nghị định 80/2021/NĐ-CP" in first_line
    assert first_line in without.text
    assert 'href="https://' in with_marks.html and "Tình trạng: Còn hiệu lực" in with_marks.text
    assert "<b>" in with_marks.html  # matching sentences in bold


async def test_slow_answer_shows_typing_first(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir) as running:
        services = running.services
        fast = services.answer

        async def slow(*args: object) -> object:
            await asyncio.sleep(0.6)
            return await fast(*args)  # type: ignore[arg-type]

        services.answer = slow  # type: ignore[method-assign]
        await running.user().say("thời hạn bảo hộ nhãn hiệu")
        methods = [c.method for c in server.calls if c.method in ("sendChatAction", "sendMessage")]
        assert methods[-2:] == ["sendChatAction", "sendMessage"]
        assert next(c for c in server.calls if c.method == "sendChatAction").params["action"] == "typing"


async def test_every_answer_button(bot: RunningBot) -> None:
    user = bot.user()
    reply = await user.say("thời hạn bảo hộ nhãn hiệu")
    assert {"📖 Xem toàn văn Điều", "📚 Văn bản liên quan", "➡️ Kết quả khác", "👍", "👎"} <= set(reply.buttons())

    edit = await user.press(reply, "➡️ Kết quả khác", method="editMessageText")
    assert "Trang 2/3" in edit.params["seen"] and int(edit.params["message_id"]) == reply.message["message_id"]

    full = await user.press(reply, "📖 Xem toàn văn Điều")
    assert full.params["seen"].startswith("📖")

    related = await user.press(reply, "📚 Văn bản liên quan")
    assert "Văn bản liên quan" in related.params["seen"]

    thanks = await user.press(reply, "👍", method="answerCallbackQuery")
    assert "Cảm ơn" in thanks.params["text"]


async def test_example_topic_document_and_article_buttons(bot: RunningBot) -> None:
    user = bot.user()
    start = await user.say("/start")
    answer = await user.press(start, "?")
    assert "📌" in answer.params["seen"]

    topics = await user.say("/topics")
    docs = Reply(await user.press(topics, "DNNVV"))
    card = Reply(await user.press(docs, "80/2021"))
    assert "Chính phủ" in card.text and "Điều 5. Tiêu chí" in card.text
    rows = (card.markup or {})["inline_keyboard"]
    article, more = rows[1][0]["text"], rows[-1][0]["text"]
    text = await user.press(card, article)
    assert text.params["seen"].startswith("📖") and "Điều 5" in text.params["seen"]
    await user.press(card, more, method="editMessageReplyMarkup")


async def test_clause_lookup_with_and_without_accents(bot: RunningBot) -> None:
    reply = await bot.user().say("Điều 5 Nghị định 80/2021")
    assert "📌 Điều 5 Nghị định 80/2021/NĐ-CP" in reply.text
    plain = await bot.user().say("khoan 2 dieu 4 luat 04/2017")
    assert "Khoản 2 Điều 4 Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14" in plain.text


async def test_document_card_is_split_below_4096_characters(bot: RunningBot) -> None:
    replies = await bot.user().ask("/doc 50/2005", count=2)
    assert all(len(r.text) <= 4096 for r in replies)  # and the server accepted each as valid HTML
    assert "Điều 3." in replies[0].text and "Điều 218." in replies[-1].text


async def test_html_in_a_question_comes_back_escaped(bot: RunningBot) -> None:
    reply = await bot.user().say("<b>thuế</b> & <script>alert(1)</script> nhãn hiệu")
    assert "<b>thuế</b> & <script>alert(1)</script>" in reply.text  # the server's plain text: escaped, not markup
    # The tags' names are not searched: a pasted fragment is answered on its own words, and tags alone are empty.
    pasted = await bot.user().say("<p><b>nhãn hiệu</b> được bảo hộ bao nhiêu năm</p>")
    assert "Điều 93" in pasted.text
    only_tags = await bot.user().say("<b></b>")
    assert only_tags.text.startswith("✍️ Hãy nhập câu hỏi")


async def test_low_confidence_answer_says_so(bot: RunningBot) -> None:
    reply = await bot.user().say("hỗ trợ doanh nghiệp thế nào")
    assert "Chưa tìm thấy đoạn văn bản đủ tin cậy" in reply.text and "/topics" in reply.text
    assert "📌" in reply.text, "an unsure answer still shows the nearest passages"


async def test_out_of_scope_question_says_what_the_bot_covers(bot: RunningBot) -> None:
    reply = await bot.user().say("Kết quả xổ số miền Bắc hôm nay")
    assert "nằm ngoài" in reply.text and "/topics" in reply.text
    assert "33/KH-UBND" in reply.text and "sở hữu trí tuệ" in reply.text
    assert "📌" not in reply.text, "no absurd nearest passages for an off-topic question"


async def test_inline_mode_offers_citation_cards(bot: RunningBot) -> None:
    (call,) = await bot.user(5).send(
        {
            "inline_query": {
                "id": "q1",
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
                "query": "evfta co hieu luc khi nao",
                "offset": "",
            }
        },
        method="answerInlineQuery",
    )
    results = call.params["results"]
    assert 1 <= len(results) <= 50 and int(call.params["cache_time"]) > 0
    assert any("EVFTA" in r["title"] for r in results)


async def test_group_answers_only_ask_mentions_and_replies(bot: RunningBot) -> None:
    server, group, user = bot.server, -100, bot.user(7)
    chat = {"chat_id": group, "chat_type": "supergroup"}
    mark = len(server.calls)
    server.push(text_update("thời hạn bảo hộ nhãn hiệu", uid=7, **chat))
    ask_reply = await user.say("/ask thời hạn bảo hộ nhãn hiệu", **chat)
    assert len(server.sent(mark)) == 1, "a plain group message must be ignored"
    text = f"@{BOT_USERNAME} evfta co hieu luc khi nao"
    by_mention = await user.say(text, entities=[mention(text)], **chat)
    assert "EVFTA" in by_mention.text
    by_reply = await user.say("còn RCEP thì sao?", reply_to_message=reply_to_bot(group), **chat)
    assert "RCEP" in by_reply.text
    assert "📌" in ask_reply.text


async def test_non_text_messages_and_very_long_texts(bot: RunningBot) -> None:
    server, user = bot.server, bot.user()
    for kind in (
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}},
    ):
        (reply,) = await user.send({"message": message(None, **kind)})
        assert "dạng chữ" in reply.params["seen"]
    long_reply = await user.say("thuế " * 1000)
    assert "quá dài" in long_reply.text
    mark = len(server.calls)
    server.push({"edited_message": message("sửa câu hỏi")})
    unknown = await user.say("/frobnicate")
    assert "Không có lệnh này" in unknown.text
    assert len(server.sent(mark)) == 1, "an edited message is ignored"


async def test_rate_limit_per_user(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir, user_rate_per_minute=2) as running:
        for _ in range(2):
            reply = await running.user(9).say("thời hạn bảo hộ sáng chế")
            assert "📌" in reply.text
        limited = await running.user(9).say("thời hạn bảo hộ sáng chế")
        assert "hơi nhanh" in limited.text
        other = await running.user(10).say("thời hạn bảo hộ sáng chế")
        assert "📌" in other.text, "another user is not limited"


async def test_questions_answered_by_one_passage_share_one_section(bot: RunningBot) -> None:
    reply = await bot.user().say("nhan hieu dang ky xong dc bao ho bao lau, het han gia han dc may lan vay")
    assert "2 câu hỏi" in reply.text and reply.text.count("Khoản 6 Điều 93") == 1, reply.text
