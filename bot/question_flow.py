"""Answering a question in a chat: checks, rate limit, typing action, search off the event loop, render, send."""

from __future__ import annotations

import asyncio
import contextlib

from telegram import Message
from telegram.constants import ChatAction
from telegram.error import TelegramError

from app.limits import MAX_QUESTION_CHARS, RESULTS_PER_ANSWER, TYPING_AFTER_S
from bot.context import BotContext
from bot.keyboards import answer_keyboard
from bot.render import render_answer
from bot.sending import send_html

__all__ = ["reply_answer"]

TOO_LONG = (
    f"✂️ Câu hỏi quá dài. Hãy hỏi ngắn gọn (dưới {MAX_QUESTION_CHARS} ký tự), "
    "ví dụ: «DNNVV được hỗ trợ tư vấn bao nhiêu?»"
)
RATE_LIMITED = "⏳ Bạn đang hỏi hơi nhanh. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé."
EMPTY = "✍️ Hãy nhập câu hỏi, ví dụ: «Điều kiện để là doanh nghiệp siêu nhỏ?»"


async def _typing(message: Message) -> None:
    with contextlib.suppress(TelegramError):
        await message.chat.send_action(ChatAction.TYPING)


async def reply_answer(message: Message, context: BotContext, question: str, user_id: int | None = None) -> None:
    """The whole question flow; the engine is pinned so a publish mid-question cannot mix versions."""
    state = context.state
    question = question.strip()
    if not question:
        await message.reply_text(EMPTY)
        return
    if len(question) > MAX_QUESTION_CHARS:
        await message.reply_text(TOO_LONG)
        return
    if user_id is None:
        user_id = message.from_user.id if message.from_user else message.chat.id
    if not state.limiter.allow(user_id):
        await message.reply_text(RATE_LIMITED)
        return
    services = state.services
    engine = services.live.engine
    pending = asyncio.ensure_future(services.answer(engine, question, RESULTS_PER_ANSWER))
    done, _ = await asyncio.wait({pending}, timeout=TYPING_AFTER_S)
    if not done:  # only a slow answer shows "typing…"; a fast one arrives before it would be seen
        await _typing(message)
    answer = await pending
    key = state.answers.put(answer, engine.version)
    top = answer.results[0] if answer.results else None
    services.question_log().record(
        key, user_id, question, answer.answered, top.citation if top else None, top.document_number if top else None
    )
    await send_html(message, render_answer(answer), reply_markup=answer_keyboard(state, key, answer, 0))
