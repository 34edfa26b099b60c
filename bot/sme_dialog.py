"""/sme: a guided dialog (sector, workers, revenue, capital, facts) that ends with the firm's SME size and supports.

A python-telegram-bot ConversationHandler keeps the step; the answers so far are a `SmeDraft` in `chat_data` (the
dialog runs in private chats only, where the chat is the user). The timeout is checked when the user next writes,
because PTB's `conversation_timeout` needs the optional JobQueue, which this bot does not install: a dialog left
alone for TIMEOUT_S is over, and the next message is handled as if it had never started.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import fields
from functools import wraps
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from app.sme import SECTOR_LABELS, SECTORS, SmeFlags, assess
from bot.callback_data import Button, pattern, unpack
from bot.context import BotContext, user_language
from bot.keyboards import sme_articles_keyboard, sme_flags_keyboard
from bot.messages import say, sme_label
from bot.question_flow import reply_answer
from bot.render_sme import cited_articles, render_sme
from bot.sending import send_html
from bot.sme_draft import TIMEOUT_S, SmeDraft, drop_draft, live_draft, parse_figure
from bot.sme_questions import CAPITAL, FACTS, REVENUE, SECTOR, WORKERS, ask_step, message_of, read_figure

__all__ = ["sme_conversation"]

END = ConversationHandler.END
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, object]]
Step = Callable[[Update, BotContext, SmeDraft], Coroutine[Any, Any, object]]


def _live(step: Step) -> Callback:
    """Give a step the dialog's draft, or end a dialog that timed out (or was lost) instead of running the step."""

    @wraps(step)
    async def run(update: Update, context: BotContext) -> object:
        draft = live_draft(context.chat_data)
        if draft is None:
            return await _expired(update, context)
        return await step(update, context, draft)

    return run


async def _expired(update: Update, context: BotContext) -> object:
    """Drop the dialog; a number or a button press meant for it hears so, any other text is answered as a question."""
    drop_draft(context.chat_data)
    lang = user_language(update, context)
    notice = say(lang, "sme_expired", minutes=TIMEOUT_S // 60)
    if update.callback_query is not None:
        await update.callback_query.answer(notice, show_alert=True)
        return END
    message = update.effective_message
    if message is not None and message.text is not None:
        if any(parse_figure(message.text, money) is not None for money in (True, False)):
            await message.reply_text(notice)
        else:
            await reply_answer(message, context, message.text)
    return END


async def start(update: Update, context: BotContext) -> object:
    """/sme: the first question, in a private chat; a group is pointed to one (a firm's figures are private)."""
    message = message_of(update)
    if message.chat.type != ChatType.PRIVATE:
        link = f"https://t.me/{context.state.username}" if context.state.username else "/start"
        await message.reply_text(say(user_language(update, context), "sme_private_only", link=link))
        return END
    return await ask_step(update, context, SECTOR, SmeDraft.start(context.chat_data))


def _argument(update: Update, context: BotContext) -> str:
    """The argument of the pressed dialog button ('' when there is none)."""
    query = update.callback_query
    parsed = unpack(context.state.refs, query.data or "") if query is not None else None
    return parsed[1][0] if parsed and parsed[1] else ""


@_live
async def sector(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 1: a sector button; the question is replaced by the choice, so old buttons cannot be pressed again."""
    query, lang = update.callback_query, user_language(update, context)
    assert query is not None
    await query.answer()
    chosen = next((s for s in SECTORS if s == _argument(update, context)), None)
    if chosen is None:
        return SECTOR
    draft.sector = chosen
    await query.edit_message_text(say(lang, "sme_sector_chosen", sector=sme_label(SECTOR_LABELS[chosen], lang, chosen)))
    return await ask_step(update, context, WORKERS, draft)


@_live
async def workers(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 2: insured workers, yearly average."""
    value = await read_figure(update, context, draft, WORKERS, money=False)
    if value is None:
        return WORKERS
    draft.employees = value
    return await ask_step(update, context, REVENUE, draft)


@_live
async def revenue(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 3: last year's revenue in tỷ đồng (0 when there is none yet)."""
    value = await read_figure(update, context, draft, REVENUE, money=True)
    if value is None:
        return REVENUE
    draft.revenue = value
    return await ask_step(update, context, CAPITAL, draft)


@_live
async def capital(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 4: total capital in tỷ đồng."""
    value = await read_figure(update, context, draft, CAPITAL, money=True)
    if value is None:
        return CAPITAL
    draft.capital = value
    return await ask_step(update, context, FACTS, draft)


@_live
async def skip_capital(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 4 skipped: fine with revenue; without revenue the capital is what decides, so it is asked again."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    if draft.capital_required():
        hint = say(user_language(update, context), "sme_capital_needed")
        return await ask_step(update, context, CAPITAL, draft, hint=hint)
    return await ask_step(update, context, FACTS, draft)


@_live
async def toggle_fact(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Step 5: a fact button ticks or unticks that fact, in place."""
    query, name = update.callback_query, _argument(update, context)
    assert query is not None
    draft.facts ^= {name} & {f.name for f in fields(SmeFlags)}
    await query.answer()
    markup = sme_flags_keyboard(context.state, draft.facts, user_language(update, context))
    await query.edit_message_reply_markup(markup)
    return FACTS


@_live
async def done(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Done: the size by Điều 5, the reasons and the supports, with a button per cited article."""
    assert update.callback_query is not None
    drop_draft(context.chat_data)  # first, so a second press of Done finds the dialog over
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    kb = context.state.services.live.engine.kb
    flags = SmeFlags(**{name: True for name in draft.facts})
    # Quoting the supports scans the decree's passages (about 10 ms): off the event loop, like every answer.
    found = await asyncio.to_thread(
        assess, kb, draft.sector, draft.employees, draft.revenue, draft.capital, flags=flags
    )
    result = found.to_json_dict()
    lang = user_language(update, context)
    markup = sme_articles_keyboard(context.state, cited_articles(kb, result), lang)
    await send_html(message_of(update), render_sme(result, lang), reply_markup=markup)
    return END


@_live
async def remind(update: Update, context: BotContext, draft: SmeDraft) -> object:
    """Text where a button is expected: one line, and the same question with its buttons again."""
    state = FACTS if draft.sector else SECTOR  # the two steps answered with buttons only
    return await ask_step(update, context, state, draft, hint=say(user_language(update, context), "sme_use_buttons"))


async def cancel(update: Update, context: BotContext) -> object:
    """/cancel or the Cancel button: one line, and the dialog is over."""
    drop_draft(context.chat_data)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await message_of(update).reply_text(say(user_language(update, context), "sme_cancelled"))
    return END


def _press(button: Button, callback: Callback) -> CallbackQueryHandler[BotContext, object]:
    return CallbackQueryHandler(callback, pattern=pattern([button]))


def sme_conversation() -> ConversationHandler[BotContext]:
    """The /sme dialog; register it before the handlers that treat any text as a question."""
    new = filters.UpdateType.MESSAGE
    typed = new & filters.TEXT & ~filters.COMMAND
    states: dict[object, list[BaseHandler[Update, BotContext, object]]] = {
        SECTOR: [_press(Button.SME_SECTOR, sector), MessageHandler(typed, remind)],
        WORKERS: [MessageHandler(typed, workers)],
        REVENUE: [MessageHandler(typed, revenue)],
        CAPITAL: [MessageHandler(typed, capital), _press(Button.SME_SKIP, skip_capital)],
        FACTS: [_press(Button.SME_FLAG, toggle_fact), _press(Button.SME_DONE, done), MessageHandler(typed, remind)],
    }
    with warnings.catch_warnings():
        # PTB warns that buttons are not tracked per message; the dialog is per user on purpose, and its buttons
        # are its own (a stale one is answered by the steps or by the bot's unknown-button handler).
        warnings.filterwarnings("ignore", message=".*per_message=False.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("sme", start, filters=new)],
            states=states,
            fallbacks=[CommandHandler("cancel", cancel, filters=new), _press(Button.SME_CANCEL, cancel)],
            allow_reentry=True,  # /sme in the middle starts again
            name="sme",
        )
