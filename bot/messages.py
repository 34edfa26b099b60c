"""The one catalogue of everything the bot writes, in Vietnamese and English; `say(lang, key)` picks the string.

Passages stay in Vietnamese (they are the legal text or our note on it); every string around them follows the
language the question was read in, or the one the user chose with /lang.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EXAMPLES", "LANGUAGES", "TOPIC_LABELS", "say", "status_label", "topic_label"]

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
    "unknown_command": "❔ Không có lệnh này. Gõ /help để xem cách dùng bot.",
    "start": (
        "👋 Xin chào! Mình là <b>Trợ lý chính sách Hà Nội</b>: tra cứu Kế hoạch hội nhập quốc tế 2023 "
        "(33/KH-UBND), hỗ trợ DNNVV, sở hữu trí tuệ, FTA (CPTPP, EVFTA, UKVFTA, RCEP) và khoa học công nghệ, "
        "kèm trích dẫn điều khoản chính xác.\n\n<b>Văn bản:</b> {names}\n\n"
        "Hãy gõ câu hỏi (không dấu cũng được), hoặc thử một câu dưới đây. /help để xem hướng dẫn, /topics để duyệt. "
        "English: /lang en"
    ),
    "help": (
        "<b>Cách hỏi</b>\n"
        "Gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu, viết tắt cũng được (DNNVV, SHTT, KHCN, FTA, C/O...).\n"
        "Ví dụ: «dnnvv duoc ho tro tu van bao nhieu», «Nhãn hiệu được bảo hộ bao lâu?». Hai câu hỏi trong một tin "
        "nhắn cũng được.\n"
        "Tra đúng điều khoản: «Điều 5 Nghị định 80/2021», «khoản 2 điều 4 luật 04/2017», «Mục II.2 kế hoạch 33».\n\n"
        "<b>Cách đọc trích dẫn</b>\n"
        "«Điểm a Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP» là điểm a, khoản 2, Điều 13 của Nghị định số "
        "80/2021/NĐ-CP.\n"
        "Mỗi câu trả lời kèm tình trạng hiệu lực, ngày ban hành và đường dẫn tới văn bản chính thức. "
        "Nội dung đánh dấu\n"
        "«ghi chú tóm tắt» do bot diễn giải; hãy đối chiếu văn bản chính thức trước khi áp dụng.\n\n"
        "<b>Lệnh</b>\n"
        "/topics – duyệt theo chủ đề · /doc &lt;số hiệu&gt; – thông tin văn bản · /ask &lt;câu hỏi&gt; – hỏi trong "
        "nhóm · /lang en – English\n\n"
        "<b>Quyền riêng tư</b>\n"
        "Bot lưu câu hỏi để cải thiện nội dung, không lưu tên hay số điện thoại; mã người dùng chỉ lưu dưới dạng băm "
        "có muối\nvà tự xóa sau thời hạn lưu trữ."
    ),
    "choose_topic": "📚 <b>Chọn chủ đề</b>",
    "choose_document": "<b>{label}</b>: chọn văn bản",
    "doc_usage": "Dùng: /doc &lt;số hiệu hoặc tên&gt;, ví dụ /doc 80/2021",
    "doc_not_found": "Không tìm thấy văn bản «{query}». Xem /topics.",
    "non_text": "📝 Mình chỉ đọc được câu hỏi dạng chữ. Hãy gõ câu hỏi, ví dụ: «EVFTA có hiệu lực khi nào?»",
    "error": "⚠️ Đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút.",
    "too_long": (
        "✂️ Câu hỏi quá dài. Hãy hỏi ngắn gọn (dưới {limit} ký tự), ví dụ: «DNNVV được hỗ trợ tư vấn bao nhiêu?»"
    ),
    "rate_limited": "⏳ Bạn đang hỏi hơi nhanh. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.",
    "empty": "✍️ Hãy nhập câu hỏi, ví dụ: «Điều kiện để là doanh nghiệp siêu nhỏ?»",
    "button_full_article": "📖 Xem toàn văn Điều",
    "button_full_section": "📖 Xem toàn mục",
    "button_related": "📚 Văn bản liên quan",
    "button_more": "➡️ Kết quả khác",
    "related_header": "📚 <b>Văn bản liên quan</b>",
    "no_related": "Chưa có văn bản liên quan trong cơ sở tri thức.",
    "thanks": "Cảm ơn bạn đã góp ý! 🙏",
    "expired": "Nút này đã hết hạn. Vui lòng hỏi lại.",
    "gone": "Văn bản này không còn trong cơ sở tri thức.",
    "lang_set": "✅ Từ giờ mình trả lời bằng tiếng Việt.",
    "lang_usage": "Dùng: /lang vi hoặc /lang en",
    "article_label": "Điều",
    "section_label": "Mục",
    "page_button": "Trang {page}/{pages} ➡️",
    "english_gloss": "",
    "about": "",
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
    "unknown_command": "❔ Unknown command. Type /help to see how to use the bot.",
    "start": (
        "👋 Hello! I am the <b>Hanoi policy assistant</b>: I look up Hanoi's 2023 international-integration plan "
        "(33/KH-UBND), support for small and medium-sized enterprises, intellectual property, the FTAs (CPTPP, EVFTA, "
        "UKVFTA, RCEP) and science and technology, with exact citations.\n\n<b>Documents:</b> {names}\n\n"
        "Type a question in English or Vietnamese, or try one below. /help explains how, /topics lets you browse. "
        "Tiếng Việt: /lang vi"
    ),
    "help": (
        "<b>How to ask</b>\n"
        "Type your question in English or Vietnamese (with or without accents). Examples: “how long is a trademark "
        "protected in Vietnam”, “ukvfta start date”, “consulting support for a small company”.\n"
        "Exact provisions: “Article 5 Decree 80/2021” or in Vietnamese «Điều 5 Nghị định 80/2021».\n\n"
        "<b>How to read a citation</b>\n"
        "“Article 13(2)(a), Decree 80/2021/NĐ-CP” is point a, clause 2, Article 13 of Decree 80/2021/NĐ-CP. "
        "The legal text is shown in Vietnamese, with a short English gloss where we have one; each answer gives the "
        "document's status and dates and a link to the official text. Passages marked as our summary are our own "
        "notes: check the official text before relying on them.\n\n"
        "<b>Commands</b>\n"
        "/topics – browse by topic · /doc &lt;number&gt; – document details · /ask &lt;question&gt; – ask in a group "
        "· /lang vi – tiếng Việt\n\n"
        "<b>Privacy</b>\n"
        "The bot keeps questions to improve its content, never names or phone numbers; user ids are stored only as "
        "keyed hashes and deleted after the retention period."
    ),
    "choose_topic": "📚 <b>Choose a topic</b>",
    "choose_document": "<b>{label}</b>: choose a document",
    "doc_usage": "Usage: /doc &lt;number or name&gt;, e.g. /doc 80/2021",
    "doc_not_found": "No document “{query}” found. See /topics.",
    "non_text": "📝 I can only read text questions. Type a question, e.g. “When did the EVFTA enter into force?”",
    "error": "⚠️ Something went wrong while handling your request. Please try again in a few minutes.",
    "too_long": "✂️ Your question is too long. Please keep it under {limit} characters.",
    "rate_limited": "⏳ You are asking a little fast. Please wait about a minute before the next question.",
    "empty": "✍️ Type a question, e.g. “What counts as a micro enterprise?”",
    "button_full_article": "📖 Full article",
    "button_full_section": "📖 Full section",
    "button_related": "📚 Related documents",
    "button_more": "➡️ More results",
    "related_header": "📚 <b>Related documents</b>",
    "no_related": "No related documents in the knowledge base yet.",
    "thanks": "Thanks for the feedback! 🙏",
    "expired": "This button has expired. Please ask again.",
    "gone": "This document is no longer in the knowledge base.",
    "lang_set": "✅ From now on I will reply in English.",
    "lang_usage": "Usage: /lang en or /lang vi",
    "article_label": "Article",
    "section_label": "Section",
    "page_button": "Page {page}/{pages} ➡️",
    "english_gloss": "🇬🇧 <i>In short:</i> {gloss}",
    "about": "<i>{title}</i> — {about}",
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


EXAMPLES: dict[str, tuple[str, ...]] = {
    "vi": ("DNNVV được hỗ trợ tư vấn bao nhiêu?", "Nhãn hiệu được bảo hộ bao lâu?", "EVFTA có hiệu lực từ khi nào?"),
    "en": ("How much consulting support can an SME get?", "How long is a trademark protected?",
           "When did the EVFTA enter into force?"),
}  # fmt: skip
TOPIC_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "hoi-nhap": "🌏 Hội nhập quốc tế (KH 33)", "dnnvv": "🏢 Hỗ trợ DNNVV", "shtt": "💡 Sở hữu trí tuệ",
        "fta": "🤝 Hiệp định thương mại tự do", "khcn": "🔬 Khoa học và công nghệ", "nhan-luc": "🎓 Nhân lực, học nghề",
    },
    "en": {
        "hoi-nhap": "🌏 International integration (Plan 33)", "dnnvv": "🏢 SME support",
        "shtt": "💡 Intellectual property", "fta": "🤝 Free-trade agreements", "khcn": "🔬 Science and technology",
        "nhan-luc": "🎓 Human resources, vocational training",
    },
}  # fmt: skip


def topic_label(topic: str, lang: str) -> str:
    """A topic's button label in the language."""
    return TOPIC_LABELS.get(lang, TOPIC_LABELS["vi"]).get(topic) or TOPIC_LABELS["vi"].get(topic, topic)
