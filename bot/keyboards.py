"""Inline keyboards; every callback_data goes through `pack`, so it stays within 64 bytes."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from app.limits import ARTICLES_PER_PAGE, RESULTS_PER_PAGE
from bot.callback_data import Button, pack
from bot.context import BotState
from bot.messages import EXAMPLES, say, topic_label
from knowledge.models import Document
from retrieval.answer import Answer

__all__ = [
    "answer_keyboard",
    "articles_keyboard",
    "decision_keyboard",
    "examples_keyboard",
    "topic_documents_keyboard",
    "topics_keyboard",
]


def _button(state: BotState, text: str, button: Button, *args: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=pack(state.refs, button, *args))


def answer_keyboard(state: BotState, key: str, answer: Answer, page: int) -> InlineKeyboardMarkup:
    """Full article, next results, related documents, feedback."""
    lang = answer.language
    rows: list[list[InlineKeyboardButton]] = []
    index = page * RESULTS_PER_PAGE
    first: list[InlineKeyboardButton] = []
    if index < len(answer.results):
        main = answer.results[index]
        if main.article or main.section:
            label = say(lang, "button_full_article" if main.article else "button_full_section")
            first.append(_button(state, label, Button.FULL_ARTICLE, key, str(index)))
        first.append(_button(state, say(lang, "button_related"), Button.RELATED, key, str(index)))
    if first:
        rows.append(first)
    pages = (len(answer.results) + RESULTS_PER_PAGE - 1) // RESULTS_PER_PAGE
    second = []
    if pages > 1:
        second.append(_button(state, say(lang, "button_more"), Button.PAGE, key, str((page + 1) % pages)))
    second += [_button(state, "👍", Button.FEEDBACK, key, "up"), _button(state, "👎", Button.FEEDBACK, key, "down")]
    rows.append(second)
    return InlineKeyboardMarkup(rows)


def examples_keyboard(state: BotState, lang: str = "vi") -> InlineKeyboardMarkup:
    """The three example questions of /start, one per row, in the user's language."""
    examples = EXAMPLES.get(lang, EXAMPLES["vi"])
    return InlineKeyboardMarkup([[_button(state, q, Button.EXAMPLE, lang, str(n))] for n, q in enumerate(examples)])


def topics_keyboard(state: BotState, topics: list[str], lang: str = "vi") -> InlineKeyboardMarkup:
    """One button per topic."""
    return InlineKeyboardMarkup([[_button(state, topic_label(t, lang), Button.TOPIC, t)] for t in topics])


def topic_documents_keyboard(state: BotState, documents: list[Document]) -> InlineKeyboardMarkup:
    """One button per document of a topic."""
    return InlineKeyboardMarkup(
        [[_button(state, f"{d.meta.number} — {d.meta.title}"[:60], Button.DOCUMENT, d.meta.id)] for d in documents]
    )


def articles_keyboard(state: BotState, doc: Document, page: int = 0, lang: str = "vi") -> InlineKeyboardMarkup:
    """Article (or plan section) buttons of a document, paged."""
    keys = list(doc.article_titles) or list(dict.fromkeys(p.section for p in doc.passages if p.section))
    label = say(lang, "article_label" if doc.article_titles else "section_label")
    chunk = keys[page * ARTICLES_PER_PAGE : (page + 1) * ARTICLES_PER_PAGE]
    buttons = [_button(state, f"{label} {k}", Button.ARTICLE, doc.meta.id, k) for k in chunk]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    if len(keys) > ARTICLES_PER_PAGE:
        pages = (len(keys) + ARTICLES_PER_PAGE - 1) // ARTICLES_PER_PAGE
        following = (page + 1) % pages
        text = say(lang, "page_button", page=following + 1, pages=pages)
        rows.append([_button(state, text, Button.ARTICLE_PAGE, doc.meta.id, str(following))])
    return InlineKeyboardMarkup(rows)


def decision_keyboard(state: BotState, stage_id: int) -> InlineKeyboardMarkup:
    """Publish / Discard under an admin's preview."""
    return InlineKeyboardMarkup(
        [
            [
                _button(state, "✅ Xuất bản", Button.PUBLISH, str(stage_id)),
                _button(state, "✖️ Bỏ", Button.DISCARD, str(stage_id)),
            ]
        ]
    )
