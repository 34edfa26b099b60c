"""Inline keyboards; every callback_data goes through `pack`, so it stays within 64 bytes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from app.limits import ARTICLES_PER_PAGE, RESULTS_PER_PAGE
from app.sme import SECTORS, SmeFlags
from app.sme_rules import DECREE_NUMBER
from app.subscriptions import Target
from bot.callback_data import Button, pack
from bot.context import BotState
from bot.messages import EXAMPLES, SME_BUTTONS, say, topic_label
from knowledge.models import Document
from retrieval.answer import Answer

__all__ = [
    "answer_keyboard",
    "articles_keyboard",
    "decision_keyboard",
    "examples_keyboard",
    "following_keyboard",
    "sme_articles_keyboard",
    "sme_flags_keyboard",
    "sme_sectors_keyboard",
    "sme_step_keyboard",
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
        part = (main.article or "", "" if main.article else main.section or "")
        first.append(_button(state, say(lang, "button_follow"), Button.FOLLOW, lang, main.document_id, *part))
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


def _sme_cancel(state: BotState, lang: str) -> InlineKeyboardButton:
    return _button(state, say(lang, "sme_button_cancel"), Button.SME_CANCEL, "")


def sme_sectors_keyboard(state: BotState, lang: str = "vi") -> InlineKeyboardMarkup:
    """/sme step 1: the decree's three sectors, one per row, then Cancel."""
    labels = SME_BUTTONS.get(lang, SME_BUTTONS["vi"])
    rows = [[_button(state, labels[sector], Button.SME_SECTOR, sector)] for sector in SECTORS]
    return InlineKeyboardMarkup([*rows, [_sme_cancel(state, lang)]])


def sme_step_keyboard(state: BotState, lang: str = "vi", skip: bool = False) -> InlineKeyboardMarkup:
    """Under a typed-answer step: Skip where the step may be skipped, and Cancel."""
    row = [_button(state, say(lang, "sme_button_skip"), Button.SME_SKIP, "")] if skip else []
    return InlineKeyboardMarkup([[*row, _sme_cancel(state, lang)]])


def sme_flags_keyboard(state: BotState, chosen: Collection[str], lang: str = "vi") -> InlineKeyboardMarkup:
    """/sme step 5: one toggle per fact SmeFlags records (ticked when chosen), then Done and Cancel."""
    labels = SME_BUTTONS.get(lang, SME_BUTTONS["vi"])
    names = [f.name for f in fields(SmeFlags)]
    rows = [[_button(state, f"{'☑️' if n in chosen else '⬜'} {labels[n]}", Button.SME_FLAG, n)] for n in names]
    done = _button(state, say(lang, "sme_button_done"), Button.SME_DONE, "")
    return InlineKeyboardMarkup([*rows, [done, _sme_cancel(state, lang)]])


def sme_articles_keyboard(
    state: BotState, articles: list[tuple[str, str, str]], lang: str = "vi"
) -> InlineKeyboardMarkup:
    """One button per article an SME result cites, opening its full text like a document card's article buttons."""
    word = say(lang, "article_label")
    buttons = [
        _button(state, f"📖 {word} {a}" + ("" if number == DECREE_NUMBER else f" · {number}"), Button.ARTICLE, d, a)
        for d, a, number in articles
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def following_keyboard(state: BotState, targets: list[Target], labels: list[str], lang: str) -> InlineKeyboardMarkup:
    """One 🔕 button per followed item of /following."""
    return InlineKeyboardMarkup(
        [
            [_button(state, f"🔕 {n}. {label}"[:60], Button.UNFOLLOW, lang, t.doc_id, t.article, t.section)]
            for n, (t, label) in enumerate(zip(targets, labels, strict=True), 1)
        ]
    )
