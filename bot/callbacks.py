"""Button presses: next page (edited in place), full article, related documents, feedback, browsing."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot.answering import NO_PREVIEW, render_full_article, reply_answer, send_html
from bot.context import BotContext
from bot.keyboards import EXAMPLES, TOPIC_LABELS, answer_keyboard, articles_keyboard, topic_documents_keyboard
from bot.render import document_card, escape, render_answer, split_html
from retrieval.answer import Result

__all__ = ["USER_BUTTONS", "button"]

USER_BUTTONS = r"^(pg|fa|rl|fb|ex|tp|dc|ar|ap)\|"
EXPIRED = "Nút này đã hết hạn. Vui lòng hỏi lại."


async def button(update: Update, context: BotContext) -> None:
    """Dispatch a button press by its action prefix."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, *args = query.data.split("|")
    args = [context.state.deref(a) or "" for a in args]
    handler = _ACTIONS[action]
    await handler(query, context, args)


def _message(query: CallbackQuery) -> Message | None:
    return query.message if isinstance(query.message, Message) else None


async def _page(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    cached = context.state.answers.get(args[0])
    message = _message(query)
    if cached is None or message is None:
        await query.answer(EXPIRED, show_alert=True)
        return
    page = int(args[1])
    text = split_html(render_answer(cached.answer, page))[0]
    markup = answer_keyboard(context.state, args[0], cached.answer, page)
    await query.answer()
    try:
        await message.edit_text(text, parse_mode="HTML", reply_markup=markup, link_preview_options=NO_PREVIEW)
    except BadRequest as exc:  # pressing twice asks Telegram for an edit that changes nothing
        if "not modified" not in str(exc).lower():
            raise


async def _result(query: CallbackQuery, context: BotContext, args: list[str]) -> tuple[Message, Result] | None:
    """The message and the result a 'key|index' button points at; says 'expired' when they are gone."""
    cached = context.state.answers.get(args[0])
    message = _message(query)
    if cached is None or message is None or not args[1].isdigit() or int(args[1]) >= len(cached.answer.results):
        await query.answer(EXPIRED, show_alert=True)
        return None
    return message, cached.answer.results[int(args[1])]


async def _full(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    found = await _result(query, context, args)
    if found is None:
        return
    await query.answer()
    await send_html(found[0], render_full_article(context.state.services.library.engine, found[1]))


async def _related(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    found = await _result(query, context, args)
    if found is None:
        return
    message, result = found
    kb = context.state.services.library.engine.kb
    source = kb.document(result.document_id)
    topics = set(source.meta.topics) if source else set()
    own = source.meta.id if source else None
    related = [d for d in kb.documents if topics & set(d.meta.topics) and d.meta.id != own]
    await query.answer()
    if not related:
        await message.reply_text("Chưa có văn bản liên quan trong cơ sở tri thức.")
        return
    markup = topic_documents_keyboard(context.state, related)
    await message.reply_html("📚 <b>Văn bản liên quan</b>", reply_markup=markup)


async def _feedback(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    cached = context.state.answers.get(args[0])
    if cached is None:
        await query.answer(EXPIRED)
        return
    cached.feedback = args[1]
    context.state.analytics.feedback(args[0], args[1])
    await query.answer("Cảm ơn bạn đã góp ý! 🙏")


async def _example(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    await query.answer()
    if message is not None and args[0].isdigit() and int(args[0]) < len(EXAMPLES):
        await reply_answer(message, context, EXAMPLES[int(args[0])], user_id=query.from_user.id)


async def _topic(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    documents = context.state.services.library.engine.kb.topics().get(args[0], [])
    await query.answer()
    if message is not None:
        label = escape(TOPIC_LABELS.get(args[0], args[0]))
        await message.reply_html(f"<b>{label}</b>: chọn văn bản",
                                 reply_markup=topic_documents_keyboard(context.state, documents))


async def _document(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    doc = context.state.services.library.engine.kb.document(args[0])
    if doc is None or message is None:
        await query.answer("Văn bản này không còn trong cơ sở tri thức.", show_alert=True)
        return
    await query.answer()
    await send_html(message, document_card(doc), reply_markup=articles_keyboard(context.state, doc))


async def _article(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    engine = context.state.services.library.engine
    doc = engine.kb.document(args[0])
    if doc is None or message is None:
        await query.answer("Văn bản này không còn trong cơ sở tri thức.", show_alert=True)
        return
    is_article = bool(doc.article_titles)
    results = engine.article(doc.meta.number, args[1] if is_article else None, None if is_article else args[1])
    await query.answer()
    if results:
        await send_html(message, render_full_article(engine, results[0]))


async def _article_page(query: CallbackQuery, context: BotContext, args: list[str]) -> None:
    message = _message(query)
    doc = context.state.services.library.engine.kb.document(args[0])
    await query.answer()
    if doc is not None and message is not None:
        await message.edit_reply_markup(articles_keyboard(context.state, doc, int(args[1])))


_ACTIONS = {"pg": _page, "fa": _full, "rl": _related, "fb": _feedback, "ex": _example, "tp": _topic,
            "dc": _document, "ar": _article, "ap": _article_page}
