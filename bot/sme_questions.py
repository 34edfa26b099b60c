"""The /sme dialog's steps: each one's question with its buttons, asked again after a one-line hint when needed."""

from __future__ import annotations

import html

from telegram import Message, Update

from bot.context import BotContext, user_language
from bot.keyboards import sme_flags_keyboard, sme_sectors_keyboard, sme_step_keyboard
from bot.messages import say
from bot.sme_draft import SmeDraft, parse_figure

__all__ = ["CAPITAL", "FACTS", "REVENUE", "SECTOR", "WORKERS", "ask_step", "message_of", "read_figure"]

SECTOR, WORKERS, REVENUE, CAPITAL, FACTS = range(5)
_QUESTIONS = {SECTOR: "sme_start", WORKERS: "sme_ask_workers", REVENUE: "sme_ask_revenue", CAPITAL: "sme_ask_capital"}
_QUESTIONS[FACTS] = "sme_ask_flags"


def message_of(update: Update) -> Message:
    """The message an update belongs to: the one typed, or the one under a pressed button."""
    message = update.effective_message
    assert message is not None
    return message


async def ask_step(update: Update, context: BotContext, state: int, draft: SmeDraft, hint: str = "") -> int:
    """Ask the question of `state` (after a one-line hint, if any) with its buttons; the dialog is now there."""
    lang, bot = user_language(update, context), context.state
    required = state == CAPITAL and draft.capital_required()
    if state == SECTOR:
        markup = sme_sectors_keyboard(bot, lang)
    elif state == FACTS:
        markup = sme_flags_keyboard(bot, draft.facts, lang)
    else:
        markup = sme_step_keyboard(bot, lang, skip=state == CAPITAL and not required)
    text = say(lang, "sme_ask_capital_needed" if required else _QUESTIONS[state])
    await message_of(update).reply_html(f"{hint}\n{text}" if hint else text, reply_markup=markup)
    return state


async def read_figure(update: Update, context: BotContext, draft: SmeDraft, state: int, money: bool) -> float | None:
    """The number typed for this step, or None after one line of help and the same question again."""
    text = message_of(update).text or ""
    value = parse_figure(text, money)
    if value is None:
        shown = html.escape(text if len(text) <= 40 else text[:40] + "…", quote=False)
        await ask_step(update, context, state, draft, say(user_language(update, context), "sme_bad_number", text=shown))
    return value
