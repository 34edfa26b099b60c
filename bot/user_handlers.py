"""User-facing handlers: thin functions that parse the update, call a service, render and send."""

from __future__ import annotations

import html
import logging
import time

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.error import NetworkError, TimedOut

from app.asking import Ask
from app.documents import find_documents
from app.question_log import QuestionLogError
from app.rate_limit import Verdict
from bot.context import BotContext, user_language
from bot.keyboards import articles_keyboard, examples_keyboard, topic_documents_keyboard, topics_keyboard
from bot.messages import LANGUAGES, TOPIC_LABELS, say, topic_label
from bot.question_flow import limit_verdict, reply_answer
from bot.render import document_card, escape, short_snippet
from bot.sending import NO_PREVIEW, send_html
from knowledge.errors import KnowledgeError
from knowledge.models import Document

__all__ = [
    "UNKNOWN_COMMAND",
    "ask_command",
    "doc_command",
    "error_handler",
    "group_message",
    "help_command",
    "inline_query",
    "lang_command",
    "non_text",
    "private_question",
    "start",
    "topics_command",
    "unknown_command",
]

log = logging.getLogger(__name__)
UNKNOWN_COMMAND = say("vi", "unknown_command")  # the admin-only commands answer strangers with exactly this


def _topics(context: BotContext) -> dict[str, list[Document]]:
    return context.state.services.live.engine.kb.topics()


async def start(update: Update, context: BotContext) -> None:
    """Greeting, what the bot knows, three example questions; `/start <topic>` opens a topic."""
    assert update.effective_message is not None
    lang = user_language(update, context)
    topics = _topics(context)
    if context.args and context.args[0] in topics:
        topic = context.args[0]
        await update.effective_message.reply_html(
            say(lang, "choose_document", label=escape(topic_label(topic, lang))),
            reply_markup=topic_documents_keyboard(context.state, topics[topic]),
        )
        return
    kb = context.state.services.live.engine.kb
    names = escape(", ".join(sorted({d.meta.number for d in kb.documents})))
    await update.effective_message.reply_html(
        say(lang, "start", names=names), reply_markup=examples_keyboard(context.state, lang),
        link_preview_options=NO_PREVIEW,
    )  # fmt: skip


async def help_command(update: Update, context: BotContext) -> None:
    """How to ask, how to read a citation, privacy."""
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        say(user_language(update, context), "help"), link_preview_options=NO_PREVIEW
    )


async def lang_command(update: Update, context: BotContext) -> None:
    """/lang en|vi: the language of every reply from now on, whatever the question's language."""
    assert update.effective_message is not None
    choice = (context.args or [""])[0].lower()
    if choice not in LANGUAGES:
        await update.effective_message.reply_text(say(user_language(update, context), "lang_usage"))
        return
    if context.user_data is not None:
        context.user_data["lang"] = choice
    await update.effective_message.reply_text(say(choice, "lang_set"))


async def topics_command(update: Update, context: BotContext) -> None:
    """Browse: topic, then document, then article."""
    assert update.effective_message is not None
    lang = user_language(update, context)
    known = [t for t in TOPIC_LABELS["vi"] if t in _topics(context)]
    topics = known + [t for t in _topics(context) if t not in TOPIC_LABELS["vi"]]
    markup = topics_keyboard(context.state, topics, lang)
    await update.effective_message.reply_html(say(lang, "choose_topic"), reply_markup=markup)


async def doc_command(update: Update, context: BotContext) -> None:
    """Document card: number, title, issuer, dates, status, link, articles."""
    assert update.effective_message is not None
    query = " ".join(context.args or []).strip()
    if not query:
        await update.effective_message.reply_html(say(user_language(update, context), "doc_usage"))
        return
    found = find_documents(context.state.services.live.engine.kb, query)
    if not found:
        lang = user_language(update, context)
        shown = query if len(query) <= 80 else query[:80] + "…"  # a 4,000-character argument must not be echoed
        await update.effective_message.reply_html(say(lang, "doc_not_found", query=escape(shown)))
        return
    doc = found[0]
    await send_html(update.effective_message, document_card(doc), reply_markup=articles_keyboard(context.state, doc))


async def private_question(update: Update, context: BotContext) -> None:
    """Any text in a private chat is a question."""
    assert update.effective_message is not None and update.effective_message.text is not None
    await reply_answer(update.effective_message, context, update.effective_message.text)


async def ask_command(update: Update, context: BotContext) -> None:
    """/ask <question>, the way to ask in a group."""
    assert update.effective_message is not None
    question = " ".join(context.args or [])
    await reply_answer(update.effective_message, context, question)


async def group_message(update: Update, context: BotContext) -> None:
    """In groups, answer only a mention of the bot or a reply to it; ignore everything else."""
    message = update.effective_message
    assert message is not None and message.text is not None
    username = context.state.username.lower()
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and (message.reply_to_message.from_user.id == context.bot.id)
    )
    mentions = [e for e in message.entities if e.type == MessageEntityType.MENTION]
    mentioned = any(message.parse_entity(e).lower() == f"@{username}" for e in mentions)
    if not (replied or mentioned):
        return
    text = message.text
    for entity in mentions:
        text = text.replace(message.parse_entity(entity), " ")
    await reply_answer(message, context, text)


async def non_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice notes and files from users: say what the bot can read."""
    message = update.effective_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    await message.reply_text(say(user_language(update, context), "non_text"))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Unknown commands (and admin commands for non-admins) get the same short reply."""
    if (
        update.effective_message is not None
        and update.effective_chat is not None
        and (update.effective_chat.type == ChatType.PRIVATE)
    ):
        await update.effective_message.reply_text(say(user_language(update, context), "unknown_command"))


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot <question> in any chat: citation cards to share."""
    received = time.perf_counter()
    assert update.inline_query is not None
    query = update.inline_query.query.strip()[:300]
    if len(query) < 3 or await limit_verdict(context.state.limiter, update.inline_query.from_user.id) != Verdict.ALLOW:
        await update.inline_query.answer([], cache_time=300, is_personal=False)
        return
    services = context.state.services
    engine = services.live.engine
    chosen = context.user_data.get("lang") if context.user_data is not None else None
    request = Ask(query, 10, update.inline_query.from_user.language_code, chosen)
    answer = await services.answer(engine, request)
    services.metrics.observe_inline(answer, time.perf_counter() - received, engine.version)
    cards = []
    for n, r in enumerate(answer.results[:50]):
        link = f'\n<a href="{html.escape(r.url)}">{escape(r.document_number)}</a>' if r.url else ""
        body = f"<b>{escape(r.citation)}</b>\n{escape(short_snippet(r, 700))}{link}"
        cards.append(
            InlineQueryResultArticle(
                id=f"{n}-{engine.version}"[:64],
                title=r.citation[:200],
                description=short_snippet(r, 120),
                input_message_content=InputTextMessageContent(body, parse_mode="HTML", link_preview_options=NO_PREVIEW),
            )
        )
    await update.inline_query.answer(cards, cache_time=300, is_personal=False)


async def error_handler(update: object, context: BotContext) -> None:
    """Log with context (never the token, never a chat id) and tell the user something short."""
    message = update.effective_message if isinstance(update, Update) else None
    error = context.error
    context.state.services.metrics.error(type(error).__name__ if error is not None else "unknown")
    if isinstance(error, KnowledgeError | QuestionLogError):  # a refused action: its one-line reason is the reply
        if message is not None:
            await message.reply_text(f"❌ {error}")
        return
    update_id = update.update_id if isinstance(update, Update) else None
    chat_type = message.chat.type if message is not None else None
    if isinstance(error, TimedOut | NetworkError):
        # A slow or flaky Bot API: the reply may well have arrived, so a "something went wrong" would contradict it.
        log.warning("Bot API call failed while handling update %s (%s chat): %s", update_id, chat_type, error)
        return
    log.error("error while handling update %s (%s chat)", update_id, chat_type, exc_info=error)
    if message is not None:
        await message.reply_text(say(user_language(update, context), "error"))
