"""Button presses: next page (edited in place), full article, related documents, feedback, browsing, admin decisions.

Each action is a small function taking the press and its arguments; `USER_ACTIONS` and `ADMIN_ACTIONS` map
every `Button` to its action, and the handler patterns are generated from those maps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from app import kb_admin
from app.documents import related_documents
from app.question_log import QuestionLogError
from bot.admin_handlers import admin_only
from bot.callback_data import Button, unpack
from bot.context import BotContext, remembered_language
from bot.follow_handlers import follow_button, unfollow_button
from bot.html_split import split_html
from bot.keyboards import answer_keyboard, articles_keyboard, topic_documents_keyboard
from bot.messages import EXAMPLES, say, topic_label
from bot.question_flow import reply_answer
from bot.render import document_card, escape, render_answer, render_full_article
from bot.sending import NO_PREVIEW, send_html
from knowledge.errors import StoreError
from retrieval.answer import Answer, Result

__all__ = ["ADMIN_ACTIONS", "USER_ACTIONS", "admin_button", "unknown_button", "user_button"]

Action = Callable[[CallbackQuery, BotContext, list[str]], Awaitable[None]]


def _lang(query: CallbackQuery, context: BotContext) -> str:
    """The presser's language: /lang's or their last question's, else their Telegram app's."""
    chosen = remembered_language(context)
    if chosen is not None:
        return chosen
    return "en" if (query.from_user.language_code or "").startswith("en") else "vi"


def _message(query: CallbackQuery) -> Message | None:
    return query.message if isinstance(query.message, Message) else None


async def _answer_behind(context: BotContext, args: list[str]) -> Answer | None:
    """The answer a button's key stands for: from this process's cache, else recomputed from the stored question
    (after a restart, or when another replica made the button); None once the key expired."""
    if not args:
        return None
    buttons, services = context.state.services.buttons, context.state.services
    cached = buttons.cached(args[0])
    if cached is not None:
        return cached[1]
    try:
        stored = await asyncio.to_thread(buttons.question, args[0])
    except StoreError:
        return None
    if stored is None:
        return None
    answer = await services.answer(services.live.engine, stored.request)
    buttons.remember(args[0], stored, answer)
    return answer


async def _page(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    answer, message = await _answer_behind(context, args), _message(query)
    if answer is None or message is None or len(args) < 2 or not args[1].isdecimal():
        await query.answer(say(_lang(query, context), "expired"), show_alert=True)
        return
    page = int(args[1])
    text = split_html(render_answer(answer, page, with_sme=False))[0]
    markup = answer_keyboard(context.state, args[0], answer, page)
    await query.answer()
    try:
        await message.edit_text(text, parse_mode="HTML", reply_markup=markup, link_preview_options=NO_PREVIEW)
    except BadRequest as exc:  # pressing twice asks Telegram for an edit that changes nothing
        if "not modified" not in str(exc).lower():
            raise


async def _result(query: CallbackQuery, context: BotContext, args: list[str]) -> tuple[Message, Result] | None:
    """The message and the result a 'key|index' button points at; says 'expired' when they are gone."""
    answer, message = await _answer_behind(context, args), _message(query)
    index = int(args[1]) if len(args) > 1 and args[1].isdecimal() else -1
    if answer is None or message is None or not 0 <= index < len(answer.results):
        await query.answer(say(_lang(query, context), "expired"), show_alert=True)
        return None
    return message, answer.results[index]


async def _full(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    found = await _result(query, context, args)
    if found is None:
        return
    await query.answer()
    await send_html(found[0], render_full_article(context.state.services.live.engine, found[1]))


async def _related(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    found = await _result(query, context, args)
    if found is None:
        return
    message, result = found
    lang = _lang(query, context)
    related = related_documents(context.state.services.live.engine.kb, result.document_id)
    await query.answer()
    if not related:
        await message.reply_text(say(lang, "no_related"))
        return
    markup = topic_documents_keyboard(context.state, related)
    await message.reply_html(say(lang, "related_header"), reply_markup=markup)


async def _feedback(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    if len(args) < 2 or args[1] not in ("up", "down") or not await _known(context, args[0]):
        await query.answer(say(_lang(query, context), "expired"))
        return
    context.state.services.question_log().feedback(args[0], args[1])
    await query.answer(say(_lang(query, context), "thanks"))


async def _known(context: BotContext, key: str) -> bool:
    """Whether a button's key stands for a question this bot answered (a forged one logs nothing)."""
    services = context.state.services
    if services.buttons.cached(key) is not None:
        return True
    try:
        if await asyncio.to_thread(services.buttons.question, key) is not None:
            return True
        # Buttons are kept 30 days, questions 90, and another replica may not have stored its button yet.
        return await asyncio.to_thread(services.question_log().logged, key)
    except (StoreError, QuestionLogError):
        return True  # the database is away: the feedback waits in the log's queue rather than being lost


async def _example(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    await query.answer()
    examples = EXAMPLES.get(args[0], ()) if len(args) > 1 else ()
    if message is not None and args[-1].isdecimal() and int(args[-1]) < len(examples):
        await reply_answer(message, context, examples[int(args[-1])], asker=query.from_user)


async def _topic(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    topic = args[0] if args else ""
    documents = context.state.services.live.engine.kb.topics().get(topic, [])
    await query.answer()
    if message is not None:
        lang = _lang(query, context)
        label = escape(topic_label(topic, lang))
        await message.reply_html(
            say(lang, "choose_document", label=label), reply_markup=topic_documents_keyboard(context.state, documents)
        )


async def _document(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    doc = context.state.services.live.engine.kb.document(args[0]) if args else None
    if doc is None or message is None:
        await query.answer(say(_lang(query, context), "gone"), show_alert=True)
        return
    await query.answer()
    lang = _lang(query, context)
    await send_html(message, document_card(doc), reply_markup=articles_keyboard(context.state, doc, lang=lang))


async def _article(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    engine = context.state.services.live.engine
    doc = engine.kb.document(args[0]) if len(args) > 1 else None
    if doc is None or message is None:
        await query.answer(say(_lang(query, context), "gone"), show_alert=True)
        return
    is_article = bool(doc.article_titles)
    results = engine.article(doc.meta.number, args[1] if is_article else None, None if is_article else args[1])
    await query.answer()
    if results:
        await send_html(message, render_full_article(engine, results[0]))


async def _article_page(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    doc = context.state.services.live.engine.kb.document(args[0]) if args else None
    await query.answer()
    if doc is not None and message is not None and len(args) > 1 and args[1].isdecimal():
        await message.edit_reply_markup(articles_keyboard(context.state, doc, int(args[1]), _lang(query, context)))


async def _decision(query: CallbackQuery, context: BotContext, args: list[str], publish: bool) -> None:
    services = context.state.services
    stage = services.store.stage(int(args[0])) if args and args[0].isdecimal() else None
    message = _message(query)
    if stage is None or message is None:
        await query.answer("Bản nháp này đã được xử lý.", show_alert=True)
        return
    await query.answer()
    who = f"tg:{query.from_user.id}"
    if publish:
        version = await asyncio.to_thread(kb_admin.publish, services, who, stage.id)
        await message.reply_html(f"✅ Đã xuất bản phiên bản <b>{version}</b>.")
    else:
        await asyncio.to_thread(services.store.discard, stage, who)
        await message.reply_text("✖️ Đã bỏ bản nháp; phiên bản đang dùng không đổi.")


async def _publish(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    await _decision(query, context, args, publish=True)


async def _discard(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    await _decision(query, context, args, publish=False)


USER_ACTIONS: dict[Button, Action] = {
    Button.PAGE: _page,
    Button.FULL_ARTICLE: _full,
    Button.RELATED: _related,
    Button.FEEDBACK: _feedback,
    Button.EXAMPLE: _example,
    Button.TOPIC: _topic,
    Button.DOCUMENT: _document,
    Button.ARTICLE: _article,
    Button.ARTICLE_PAGE: _article_page,
    Button.FOLLOW: follow_button,
    Button.UNFOLLOW: unfollow_button,
}
ADMIN_ACTIONS: dict[Button, Action] = {Button.PUBLISH: _publish, Button.DISCARD: _discard}


async def _dispatch(update: Update, context: BotContext, actions: dict[Button, Action]) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    parsed = unpack(context.state.refs, query.data)
    action = actions.get(parsed[0]) if parsed else None
    if parsed is None or action is None:
        await query.answer(say(_lang(query, context), "expired"), show_alert=True)
        return
    await action(query, context, parsed[1])


async def user_button(update: Update, context: BotContext) -> None:
    """A press on an answer, browsing or example button."""
    await _dispatch(update, context, USER_ACTIONS)


async def unknown_button(update: Update, context: BotContext) -> None:
    """A press this bot never made (forged, or from an older version): answered, so the spinner stops."""
    assert update.callback_query is not None
    await update.callback_query.answer(say(_lang(update.callback_query, context), "expired"), show_alert=True)


@admin_only
async def admin_button(update: Update, context: BotContext) -> None:
    """The Publish / Discard buttons under a preview."""
    await _dispatch(update, context, ADMIN_ACTIONS)
