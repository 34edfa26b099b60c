"""The one catalogue of everything the bot writes, in Vietnamese and English; `say(lang, key)` picks the string.

Passages stay in Vietnamese (they are the legal text or our note on it); every string around them follows the
language the question was read in, or the one the user chose with /lang.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGUAGES", "say", "status_label"]

LANGUAGES = ("vi", "en")

_VI: dict[str, str] = {
    "low_confidence": (
        "⚠️ <b>Chưa tìm thấy đoạn văn bản đủ tin cậy</b> cho câu hỏi này. Dưới đây là các đoạn <i>gần nhất</i>, "
        "chỉ để tham khảo:"
    ),
    "rephrase": "💡 Thử diễn đạt lại, nêu tên văn bản (ví dụ «Nghị định 80/2021»), hoặc xem /topics.",
    "out_of_scope": (
        "🤷 Câu hỏi này nằm ngoài những gì mình biết. Mình trả lời về Kế hoạch hội nhập quốc tế 2023 của Hà Nội "
        "(33/KH-UBND), hỗ trợ doanh nghiệp nhỏ và vừa, sở hữu trí tuệ, các FTA (CPTPP, EVFTA, UKVFTA, RCEP) và "
        "khoa học công nghệ. Xem /topics."
    ),
    "nothing_found": "Không tìm thấy đoạn văn bản nào liên quan.",
    "understood_as": "🔎 Hiểu là: {readings}",
    "direct_answer": "✅ <b>{text}</b>\n<i>— {citation}</i>",
    "other_results": "<b>Kết quả khác:</b>",
    "nearest_others": "<b>Các đoạn gần nhất khác:</b>",
    "page": "<i>Trang {page}/{pages}</i>",
    "note": "📝 <b>Ghi chú dễ hiểu:</b> {note}",
    "document": "📄 Văn bản: {link} · {dates}",
    "status": "Tình trạng: {status}",
    "issued": "ban hành {date}",
    "effective": "hiệu lực {date}",
    "sources": "🔗 Nguồn: {links}",
    "part": "<b>{n}.</b> <i>{question}</i>",
    "part_unsure": "⚠️ Chưa chắc chắn; đoạn gần nhất: <b>{citation}</b> — {snippet}",
    "part_none": "⚠️ Chưa tìm thấy đoạn văn bản phù hợp.",
    "several": "📋 Tin nhắn có {count} câu hỏi; mình trả lời từng câu:",
}

_EN: dict[str, str] = {
    "low_confidence": (
        "⚠️ <b>No sufficiently reliable passage found</b> for this question. Below are the <i>nearest</i> passages, "
        "for reference only:"
    ),
    "rephrase": "💡 Try rephrasing, name the document (e.g. “Decree 80/2021”), or see /topics.",
    "out_of_scope": (
        "🤷 This question is outside what I know. I answer questions about Hanoi's 2023 international-integration "
        "plan (33/KH-UBND), support for small and medium-sized enterprises, intellectual property, the FTAs (CPTPP, "
        "EVFTA, UKVFTA, RCEP) and science and technology. See /topics."
    ),
    "nothing_found": "No related passage found.",
    "understood_as": "🔎 Read as: {readings}",
    "direct_answer": "✅ <b>{text}</b>\n<i>— {citation}</i>",
    "other_results": "<b>Other results:</b>",
    "nearest_others": "<b>Other nearest passages:</b>",
    "page": "<i>Page {page}/{pages}</i>",
    "note": "📝 <b>Plain-language note:</b> {note}",
    "document": "📄 Document: {link} · {dates}",
    "status": "Status: {status}",
    "issued": "issued {date}",
    "effective": "in force {date}",
    "sources": "🔗 Sources: {links}",
    "part": "<b>{n}.</b> <i>{question}</i>",
    "part_unsure": "⚠️ Not sure; nearest passage: <b>{citation}</b> — {snippet}",
    "part_none": "⚠️ No matching passage found.",
    "several": "📋 Your message has {count} questions; here is each answer:",
}

_CATALOGUE = {"vi": _VI, "en": _EN}


def say(lang: str, key: str, **values: Any) -> str:
    """The string for `key` in `lang` (Vietnamese when the language is unknown), with values filled in."""
    text = _CATALOGUE.get(lang, _VI).get(key) or _VI[key]
    return text.format(**values) if values else text


_STATUS_EN = {
    "con-hieu-luc": "In force",
    "da-sua-doi": "In force, amended",
    "het-hieu-luc": "No longer in force",
    "het-thoi-han": "Implementation period ended",
    "chua-xac-dinh": "Status not determined",
}


def status_label(status: str, lang: str) -> str:
    """A document status in the reply's language ('' for an unknown status, so the caller's label stands)."""
    if lang == "en":
        return _STATUS_EN.get(status, "")
    return ""
