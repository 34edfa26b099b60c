"""Inline keyboards; every callback_data goes through `pack`, so it stays within 64 bytes."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import BotState, pack
from knowledge.models import Document
from retrieval.answer import Answer

__all__ = ["EXAMPLES", "TOPIC_LABELS", "answer_keyboard", "articles_keyboard", "examples_keyboard",
           "topic_documents_keyboard", "topics_keyboard"]

PAGE_SIZE = 3
ARTICLES_PER_PAGE = 24
TOPIC_LABELS = {
    "hoi-nhap": "🌏 Hội nhập quốc tế (KH 33)",
    "dnnvv": "🏢 Hỗ trợ DNNVV",
    "shtt": "💡 Sở hữu trí tuệ",
    "fta": "🤝 Hiệp định thương mại tự do",
    "khcn": "🔬 Khoa học và công nghệ",
    "nhan-luc": "🎓 Nhân lực, học nghề",
}
EXAMPLES = (
    "DNNVV được hỗ trợ tư vấn bao nhiêu?",
    "Nhãn hiệu được bảo hộ bao lâu?",
    "EVFTA có hiệu lực từ khi nào?",
)


def answer_keyboard(state: BotState, key: str, answer: Answer, page: int) -> InlineKeyboardMarkup:
    """Full article, next results, related documents, feedback."""
    rows: list[list[InlineKeyboardButton]] = []
    index = page * PAGE_SIZE
    first: list[InlineKeyboardButton] = []
    if index < len(answer.results):
        main = answer.results[index]
        if main.article or main.section:
            label = "📖 Xem toàn văn Điều" if main.article else "📖 Xem toàn mục"
            first.append(InlineKeyboardButton(label, callback_data=pack(state, "fa", key, str(index))))
        first.append(InlineKeyboardButton("📚 Văn bản liên quan", callback_data=pack(state, "rl", key, str(index))))
    if first:
        rows.append(first)
    pages = (len(answer.results) + PAGE_SIZE - 1) // PAGE_SIZE
    second = []
    if pages > 1:
        following = str((page + 1) % pages)
        second.append(InlineKeyboardButton("➡️ Kết quả khác", callback_data=pack(state, "pg", key, following)))
    second += [InlineKeyboardButton("👍", callback_data=pack(state, "fb", key, "up")),
               InlineKeyboardButton("👎", callback_data=pack(state, "fb", key, "down"))]
    rows.append(second)
    return InlineKeyboardMarkup(rows)


def examples_keyboard(state: BotState) -> InlineKeyboardMarkup:
    """The three example questions of /start, one per row."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(q, callback_data=pack(state, "ex", str(n)))]
                                 for n, q in enumerate(EXAMPLES)])


def topics_keyboard(state: BotState, topics: list[str]) -> InlineKeyboardMarkup:
    """One button per topic."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(TOPIC_LABELS.get(t, t), callback_data=pack(state, "tp", t))]
                                 for t in topics])


def topic_documents_keyboard(state: BotState, documents: list[Document]) -> InlineKeyboardMarkup:
    """One button per document of a topic."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"{d.meta.number} — {d.meta.title}"[:60],
                                                       callback_data=pack(state, "dc", d.meta.id))]
                                 for d in documents])


def articles_keyboard(state: BotState, doc: Document, page: int = 0) -> InlineKeyboardMarkup:
    """Article (or plan section) buttons of a document, paged."""
    keys = list(doc.article_titles) or list(dict.fromkeys(p.section for p in doc.passages if p.section))
    label = "Điều" if doc.article_titles else "Mục"
    chunk = keys[page * ARTICLES_PER_PAGE : (page + 1) * ARTICLES_PER_PAGE]
    buttons = [InlineKeyboardButton(f"{label} {k}", callback_data=pack(state, "ar", doc.meta.id, k)) for k in chunk]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    if len(keys) > ARTICLES_PER_PAGE:
        pages = (len(keys) + ARTICLES_PER_PAGE - 1) // ARTICLES_PER_PAGE
        rows.append([InlineKeyboardButton(f"Trang {(page + 1) % pages + 1}/{pages} ➡️",
                                          callback_data=pack(state, "ap", doc.meta.id, str((page + 1) % pages)))])
    return InlineKeyboardMarkup(rows)
