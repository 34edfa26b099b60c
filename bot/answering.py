"""Answering a question in a chat: rate limit, typing action, search off the event loop, render, send."""

from __future__ import annotations

import asyncio
import contextlib

from telegram import LinkPreviewOptions, Message
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError

from bot.context import BotContext
from bot.keyboards import answer_keyboard
from bot.render import full_article, render_answer, split_html
from retrieval.answer import Result
from retrieval.engine import SearchEngine

__all__ = ["NO_PREVIEW", "TOO_LONG", "render_full_article", "reply_answer", "send_html"]

MAX_QUESTION_CHARS = 1000
RESULTS_PER_ANSWER = 9
TYPING_AFTER_S = 0.3
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TOO_LONG = (f"✂️ Câu hỏi quá dài. Hãy hỏi ngắn gọn (dưới {MAX_QUESTION_CHARS} ký tự), "
            "ví dụ: «DNNVV được hỗ trợ tư vấn bao nhiêu?»")
RATE_LIMITED = "⏳ Bạn đang hỏi hơi nhanh. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé."
EMPTY = "✍️ Hãy nhập câu hỏi, ví dụ: «Điều kiện để là doanh nghiệp siêu nhỏ?»"


async def send_html(message: Message, text: str, **kwargs: object) -> Message:
    """Reply with HTML split into messages of at most 4096 characters; the keyboard goes on the last one."""
    markup = kwargs.pop("reply_markup", None)
    chunks = split_html(text)
    quote = message.chat.type != ChatType.PRIVATE
    for chunk in chunks[:-1]:
        await message.reply_html(chunk, link_preview_options=NO_PREVIEW, do_quote=quote)
    return await message.reply_html(chunks[-1], link_preview_options=NO_PREVIEW, do_quote=quote,
                                    reply_markup=markup)  # type: ignore[arg-type]


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
    engine = state.services.library.engine
    pending = asyncio.ensure_future(state.answer(engine, question, RESULTS_PER_ANSWER))
    done, _ = await asyncio.wait({pending}, timeout=TYPING_AFTER_S)
    if not done:  # only a slow answer shows "typing…"; a fast one arrives before it would be seen
        await _typing(message)
    answer = await pending
    key = state.answers.put(answer, engine.version)
    top = answer.results[0] if answer.results else None
    state.analytics.record(key, user_id, question, answer.answered, top.citation if top else None,
                           top.document_number if top else None)
    await send_html(message, render_answer(answer), reply_markup=answer_keyboard(state, key, answer, 0))


def render_full_article(engine: SearchEngine, result: Result) -> str:
    """The text behind 'Xem toàn văn Điều': every clause of the article, or every item of the plan section."""
    section = result.section.split(".")[0] if result.section and not result.article else None
    results = engine.article(result.document_number, result.article, section) or [result]
    where = f"Điều {result.article}" if result.article else f"Mục {section}"
    heading = f" — {results[0].heading}" if results[0].heading else ""
    return full_article(results, f"{where} · {result.document_number}{heading}")
