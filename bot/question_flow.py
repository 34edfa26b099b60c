"""Answering a question in a chat: checks, rate limit, typing action, search off the event loop, render, send."""

from __future__ import annotations

import asyncio
import contextlib
import time

from telegram import Message, User
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError

from app.asking import Ask
from app.buttons import StoredQuestion
from app.limits import MAX_QUESTION_CHARS, RESULTS_PER_ANSWER, TYPING_AFTER_S
from app.rate_limit import SharedRateLimiter, Verdict
from bot.context import BotContext, BotState, Limiter, remembered_language
from bot.keyboards import answer_keyboard
from bot.messages import say
from bot.render import render_answer
from bot.sending import send_html
from knowledge.errors import StoreError
from retrieval.text import without_markup

__all__ = ["limit_verdict", "reply_answer"]


async def _typing(message: Message) -> None:
    with contextlib.suppress(TelegramError):
        await message.chat.send_action(ChatAction.TYPING)


async def limit_verdict(limiter: Limiter, key: int) -> Verdict:
    """The limiter's decision; the shared one asks the database, so off the event loop."""
    if isinstance(limiter, SharedRateLimiter):
        try:
            return await asyncio.to_thread(limiter.verdict, key)
        except StoreError:  # the database is away: answering matters more than counting
            return Verdict.ALLOW
    return limiter.verdict(key)


async def _admitted(message: Message, state: BotState, question: str, user_id: int, lang: str) -> bool:
    """Whether the question may be answered; if not, the asker is told why in one line (or, flooding, nothing)."""
    if not without_markup(question):  # nothing, or only the tags of pasted HTML
        await message.reply_text(say(lang, "empty"))
        return False
    if len(question) > MAX_QUESTION_CHARS:
        await message.reply_text(say(lang, "too_long", limit=MAX_QUESTION_CHARS))
        return False
    verdict = await limit_verdict(state.limiter, user_id)
    if verdict is Verdict.ALLOW and message.chat.type != ChatType.PRIVATE:
        verdict = await limit_verdict(state.group_limiter, message.chat.id)  # a busy group must not starve the rest
    if verdict is Verdict.WARN:
        await message.reply_text(say(lang, "rate_limited"))
    return verdict is Verdict.ALLOW


async def reply_answer(message: Message, context: BotContext, question: str, asker: User | None = None) -> None:
    """The whole question flow; the engine is pinned so a publish mid-question cannot mix versions."""
    received = time.perf_counter()
    state = context.state
    asker = asker or message.from_user
    chosen = context.user_data.get("lang") if context.user_data is not None else None
    hint = asker.language_code if asker else None
    remembered = remembered_language(context)  # for replies written before any answer
    lang = remembered or ("en" if hint and hint.startswith("en") else "vi")
    question = question.strip()
    user_id = asker.id if asker else message.chat.id
    if not await _admitted(message, state, question, user_id, lang):
        return
    services = state.services
    engine = services.live.engine
    request = Ask(question, RESULTS_PER_ANSWER, hint, chosen)
    pending = asyncio.ensure_future(services.answer(engine, request))
    done, _ = await asyncio.wait({pending}, timeout=TYPING_AFTER_S)
    if not done:  # only a slow answer shows "typing…"; a fast one arrives before it would be seen
        await _typing(message)
    answer = await pending
    if context.user_data is not None:
        context.user_data["asked_in"] = answer.language  # /topics, /help and buttons follow it until /lang
    services.metrics.observe_answer(answer, time.perf_counter() - received, engine.version)
    key = services.buttons.new_question(request, engine.version, answer)
    # Written while the answer is sent: the database never delays it, and a slow or absent one costs nothing here.
    stored = StoredQuestion(request, engine.version)
    context.application.create_task(asyncio.to_thread(services.buttons.save_question, key, stored))
    top = answer.results[0] if answer.results else None
    services.question_log().record(
        key, user_id, question, answer.answered, top.citation if top else None, top.document_number if top else None
    )
    await send_html(message, render_answer(answer), reply_markup=answer_keyboard(state, key, answer, 0))
