"""/follow, /following, /unfollow and the 🔔 / 🔕 buttons: thin handlers over app.subscriptions."""

from __future__ import annotations

import asyncio

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from app.subscriptions import MAX_FOLLOWS, Problem, Target, describe, parse_target
from bot.context import BotContext, user_language
from bot.keyboards import following_keyboard
from bot.messages import LANGUAGES, say
from bot.render import escape
from bot.render_alerts import render_following

__all__ = ["follow_button", "follow_command", "following_command", "unfollow_button", "unfollow_command"]

_ALL = ("all", "tat ca", "tất cả", "het", "hết")


def _shown(query: str) -> str:
    """A user's argument, short and escaped, to quote back."""
    return escape(query if len(query) <= 80 else query[:80] + "…")


async def _follow(context: BotContext, chat_id: int, target: Target, lang: str) -> str:
    """Follow a target for a chat; the reply to show."""
    added = await asyncio.to_thread(context.state.subscriptions.follow, chat_id, target, lang)
    if added is None:
        return say(lang, "follow_limit", limit=MAX_FOLLOWS)
    label = escape(describe(context.state.services.live.engine.kb, target, lang))
    return say(lang, "followed" if added else "already_following", label=label)


async def _listing(context: BotContext, chat_id: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The /following text and its 🔕 buttons."""
    targets = await asyncio.to_thread(context.state.subscriptions.following, chat_id)
    kb = context.state.services.live.engine.kb
    labels = [describe(kb, t, lang) for t in targets]
    markup = following_keyboard(context.state, targets, labels, lang) if targets else None
    return render_following(labels, lang), markup


async def follow_command(update: Update, context: BotContext) -> None:
    """/follow <document or article>: a message whenever a publish changes it."""
    message, lang = update.effective_message, user_language(update, context)
    assert message is not None
    query = " ".join(context.args or []).strip()
    if not query:
        await message.reply_html(say(lang, "follow_usage"))
        return
    found = parse_target(context.state.services.live.engine.kb, query)
    if isinstance(found, Problem):
        key = "follow_no_document" if found is Problem.NO_DOCUMENT else "follow_no_part"
        await message.reply_html(say(lang, key, query=_shown(query)))
        return
    await message.reply_html(await _follow(context, message.chat_id, found, lang))


async def following_command(update: Update, context: BotContext) -> None:
    """/following: everything this chat follows, each with a 🔕 button."""
    message, lang = update.effective_message, user_language(update, context)
    assert message is not None
    text, markup = await _listing(context, message.chat_id, lang)
    await message.reply_html(text, reply_markup=markup)


async def unfollow_command(update: Update, context: BotContext) -> None:
    """/unfollow <same as /follow>, or /unfollow all: forget this chat's follows."""
    message, lang = update.effective_message, user_language(update, context)
    assert message is not None
    query = " ".join(context.args or []).strip()
    subscriptions = context.state.subscriptions
    if query.lower() in _ALL:
        count = await asyncio.to_thread(subscriptions.forget, message.chat_id)
        await message.reply_html(say(lang, "unfollowed_all", count=count))
        return
    kb = context.state.services.live.engine.kb
    found = parse_target(kb, query, strict=False) if query else Problem.NO_DOCUMENT
    if isinstance(found, Problem):
        await message.reply_html(say(lang, "unfollow_usage"))
        return
    removed = await asyncio.to_thread(subscriptions.unfollow, message.chat_id, found)
    label = escape(describe(kb, found, lang))
    await message.reply_html(say(lang, "unfollowed" if removed else "not_following", label=label))


def _target(args: list[str]) -> tuple[str, Target] | None:
    """'lang|doc|article|section' from a 🔔 or 🔕 button."""
    if len(args) != 4 or not args[1]:
        return None
    return (args[0] if args[0] in LANGUAGES else "vi"), Target(args[1], args[2], args[3])


async def follow_button(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    """🔔 under an answer: follow the article (or section, or document) of the result shown."""
    parsed = _target(args)
    kb = context.state.services.live.engine.kb
    if parsed is None or kb.document(parsed[1].doc_id) is None or not isinstance(query.message, Message):
        await query.answer(say(args[0] if args else "vi", "expired"), show_alert=True)
        return
    lang, target = parsed
    text = await _follow(context, query.message.chat.id, target, lang)
    await query.answer()
    await query.message.reply_html(text)


async def unfollow_button(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    """🔕 in the /following list: stop following that item and show the list again."""
    parsed, message = _target(args), query.message
    if parsed is None or not isinstance(message, Message):
        await query.answer(say(args[0] if args else "vi", "expired"), show_alert=True)
        return
    lang, target = parsed
    await asyncio.to_thread(context.state.subscriptions.unfollow, message.chat.id, target)
    label = describe(context.state.services.live.engine.kb, target, lang)
    await query.answer(say(lang, "unfollowed_toast", label=label)[:200])  # Telegram's limit for this text
    text, markup = await _listing(context, message.chat.id, lang)
    try:
        await message.edit_text(text, parse_mode="HTML", reply_markup=markup)
    except BadRequest as exc:  # a second press on an already updated list changes nothing
        if "not modified" not in str(exc).lower():
            raise
