"""The one catalogue of everything the bot writes, in Vietnamese and English; `say(lang, key)` picks the string.

Passages stay in Vietnamese (they are the legal text or our note on it); every string around them follows the
language the question was read in, or the one the user chose with /lang.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EXAMPLES",
    "LANGUAGES",
    "SME_BUTTONS",
    "TOPIC_LABELS",
    "say",
    "sme_label",
    "status_label",
    "topic_label",
]

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
        "nhóm · /sme – doanh nghiệp của bạn có phải DNNVV, được hỗ trợ gì · /lang en – English\n"
        "/follow &lt;văn bản hoặc điều&gt; – báo tin khi nội dung thay đổi · /following – danh sách theo dõi\n\n"
        "<b>Quyền riêng tư</b>\n"
        "Bot lưu câu hỏi để cải thiện nội dung, không lưu tên hay số điện thoại; mã người dùng chỉ lưu dưới dạng băm "
        "có muối\nvà tự xóa sau thời hạn lưu trữ.\n"
        "Khi bạn theo dõi (/follow), bot lưu mã cuộc trò chuyện (cần để gửi tin báo), mục theo dõi và ngôn ngữ, không "
        "lưu tên; /following để xem, /unfollow all để xóa hết."
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
    "sme_size": "🏢 <b>Quy mô: {size}</b> · lĩnh vực {sector}",
    "sme_figures": "Số liệu: {figures}",
    "sme_workers": "{n} lao động",
    "sme_revenue": "doanh thu {v} tỷ đồng",
    "sme_capital": "tổng nguồn vốn {v} tỷ đồng",
    "sme_basis": "⚖️ Căn cứ: <b>{citations}</b>",
    "sme_supports": "🎁 <b>Hỗ trợ có thể nhận</b> ({count}):",
    "sme_conditional": "➕ <b>Thêm nếu đúng điều kiện:</b>",
    "sme_if": "• Nếu là {who}: {title} — <i>{citation}</i>",
    "sme_no_supports": "Không phải DNNVV thì không thuộc diện hỗ trợ của Nghị định 80/2021/NĐ-CP.",
    "sme_passages": "📚 <b>Văn bản liên quan:</b>",
    "sme_start": (
        "🏢 <b>Doanh nghiệp của bạn có phải DNNVV, được hỗ trợ gì?</b>\n"
        "Trả lời 5 câu hỏi, mình đối chiếu Điều 5 Nghị định 80/2021/NĐ-CP. Gõ /cancel để dừng.\n\n"
        "<b>1/5.</b> Lĩnh vực hoạt động chính của doanh nghiệp?"
    ),
    "sme_sector_chosen": "✔️ Lĩnh vực: {sector}",
    "sme_ask_workers": "<b>2/5.</b> Số lao động tham gia bảo hiểm xã hội, bình quân năm? (ví dụ: 25)",
    "sme_ask_revenue": (
        "<b>3/5.</b> Tổng doanh thu năm trước, tính bằng <b>tỷ đồng</b>? (ví dụ: 12 hoặc 1,5; chưa có doanh thu: 0)"
    ),
    "sme_ask_capital": "<b>4/5.</b> Tổng nguồn vốn, tính bằng <b>tỷ đồng</b>? Không rõ thì bấm «Bỏ qua».",
    "sme_ask_capital_needed": (
        "<b>4/5.</b> Chưa có doanh thu thì quy mô xét theo tổng nguồn vốn (Khoản 2 Điều 9 Nghị định 80/2021/NĐ-CP): "
        "tổng nguồn vốn bao nhiêu <b>tỷ đồng</b>?"
    ),
    "sme_ask_flags": "<b>5/5.</b> Doanh nghiệp có đặc điểm nào dưới đây? Bấm để chọn (nhiều cũng được), rồi «Xong».",
    "sme_bad_number": "⚠️ «{text}» chưa phải một số hợp lệ: hãy gõ một số không âm, ví dụ 25 hoặc 1,5.",
    "sme_use_buttons": "⚠️ Hãy bấm một nút bên dưới.",
    "sme_capital_needed": "⚠️ Chưa có doanh thu thì cần tổng nguồn vốn để xét quy mô.",
    "sme_cancelled": "✖️ Đã dừng /sme; gõ /sme để làm lại bất cứ lúc nào.",
    "sme_expired": "⌛ Phiên /sme đã hết hạn sau {minutes} phút không trả lời; gõ /sme để làm lại.",
    "sme_private_only": "🔒 /sme hỏi số liệu của doanh nghiệp nên chỉ dùng trong chat riêng với bot: {link}",
    "sme_button_skip": "⏭ Bỏ qua",
    "sme_button_done": "✅ Xong",
    "sme_button_cancel": "✖️ Hủy",
    "button_follow": "🔔 Theo dõi",
    "follow_usage": "Dùng: /follow &lt;văn bản hoặc điều&gt;, ví dụ /follow 80/2021 hoặc /follow Điều 13 NĐ 80/2021",
    "follow_no_document": "Không tìm thấy văn bản «{query}». Ví dụ: /follow 80/2021",
    "follow_no_part": "Văn bản không có điều hoặc mục «{query}». Ví dụ: /follow Điều 13 Nghị định 80/2021",
    "followed": "🔔 Đã theo dõi <b>{label}</b>: khi nội dung này thay đổi, mình sẽ nhắn bạn. Danh sách: /following",
    "already_following": "🔔 Bạn đã theo dõi <b>{label}</b> rồi. /following để xem danh sách.",
    "follow_limit": "Bạn đã theo dõi {limit} mục, mức tối đa. Bỏ bớt trong /following.",
    "following_empty": "Bạn chưa theo dõi gì. Ví dụ: /follow 80/2021, hoặc nhấn 🔔 dưới một câu trả lời.",
    "following_header": "🔔 <b>Bạn đang theo dõi {count} mục</b> (nhấn 🔕 để bỏ):",
    "unfollow_usage": "Dùng: /unfollow &lt;văn bản hoặc điều&gt;, hoặc /unfollow all để bỏ hết. Xem /following.",
    "unfollowed": "🔕 Đã bỏ theo dõi <b>{label}</b>.",
    "unfollowed_toast": "🔕 Đã bỏ theo dõi {label}",
    "not_following": "Bạn không theo dõi <b>{label}</b>. Xem /following.",
    "unfollowed_all": "🔕 Đã xóa {count} mục theo dõi và mọi tin báo của bạn.",
    "alert_head": "🔔 <b>Nội dung bạn theo dõi đã thay đổi</b> (phiên bản {version})",
    "alert_comment": "📝 Ghi chú khi xuất bản: {comment}",
    "alert_rollback": "↩️ Quay lại phiên bản {version} (trước đó dùng phiên bản {previous}).",
    "alert_new": "mới",
    "alert_changed": "sửa đổi",
    "alert_removed": "bị bỏ",
    "alert_more": "… và {count} đoạn khác cũng thay đổi.",
    "alert_footer": "/following: xem hoặc bỏ theo dõi",
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
        "· /sme – is your firm an SME, and what support can it get · /lang vi – tiếng Việt\n"
        "/follow &lt;document or article&gt; – a message when it changes · /following – what you follow\n\n"
        "<b>Privacy</b>\n"
        "The bot keeps questions to improve its content, never names or phone numbers; user ids are stored only as "
        "keyed hashes and deleted after the retention period.\n"
        "When you follow something (/follow), the bot keeps the chat id (needed to send the alert), what you follow "
        "and your language, never your name; /following lists it, /unfollow all deletes it all."
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
    "sme_size": "🏢 <b>Size: {size}</b> · sector: {sector}",
    "sme_figures": "Figures: {figures}",
    "sme_workers": "{n} workers",
    "sme_revenue": "revenue {v} billion VND",
    "sme_capital": "total capital {v} billion VND",
    "sme_basis": "⚖️ Legal basis: <b>{citations}</b>",
    "sme_supports": "🎁 <b>Supports available</b> ({count}):",
    "sme_conditional": "➕ <b>More if eligible:</b>",
    "sme_if": "• If {who}: {title} — <i>{citation}</i>",
    "sme_no_supports": "A firm that is not an SME gets none of the supports of Decree 80/2021/NĐ-CP.",
    "sme_passages": "📚 <b>Related provisions:</b>",
    "sme_start": (
        "🏢 <b>Is your firm an SME, and what support can it get?</b>\n"
        "Answer 5 questions and I will check them against Article 5 of Decree 80/2021/NĐ-CP. /cancel stops.\n\n"
        "<b>1/5.</b> What is the firm's main line of business?"
    ),
    "sme_sector_chosen": "✔️ Sector: {sector}",
    "sme_ask_workers": "<b>2/5.</b> Workers with social insurance, yearly average? (e.g. 25)",
    "sme_ask_revenue": "<b>3/5.</b> Last year's revenue in <b>billion VND</b>? (e.g. 12 or 1.5; no revenue yet: 0)",
    "sme_ask_capital": "<b>4/5.</b> Total capital in <b>billion VND</b>? Press “Skip” if you do not know.",
    "sme_ask_capital_needed": (
        "<b>4/5.</b> Without revenue the size is judged on total capital (Article 9(2), Decree 80/2021/NĐ-CP): "
        "how many <b>billion VND</b>?"
    ),
    "sme_ask_flags": "<b>5/5.</b> Does any of these describe the firm? Press to choose (any number), then “Done”.",
    "sme_bad_number": "⚠️ “{text}” is not a valid number: type a number that is not negative, e.g. 25 or 1.5.",
    "sme_use_buttons": "⚠️ Please press one of the buttons below.",
    "sme_capital_needed": "⚠️ Without revenue, the total capital is needed to judge the size.",
    "sme_cancelled": "✖️ /sme stopped; type /sme to start again at any time.",
    "sme_expired": "⌛ The /sme session expired after {minutes} minutes without an answer; type /sme to start again.",
    "sme_private_only": "🔒 /sme asks for a firm's figures, so it works only in a private chat with the bot: {link}",
    "sme_button_skip": "⏭ Skip",
    "sme_button_done": "✅ Done",
    "sme_button_cancel": "✖️ Cancel",
    "button_follow": "🔔 Follow",
    "follow_usage": "Usage: /follow &lt;document or article&gt;, e.g. /follow 80/2021 or /follow 80/2021 điều 13",
    "follow_no_document": "No document “{query}” found. Example: /follow 80/2021",
    "follow_no_part": "That document has no article or section “{query}”. Example: /follow 80/2021 điều 13",
    "followed": "🔔 Following <b>{label}</b>: I will message you when it changes. /following lists what you follow.",
    "already_following": "🔔 You already follow <b>{label}</b>. /following lists what you follow.",
    "follow_limit": "You follow {limit} items, the most allowed. Remove some in /following.",
    "following_empty": "You follow nothing yet. Example: /follow 80/2021, or press 🔔 under an answer.",
    "following_header": "🔔 <b>You follow {count} item(s)</b> (press 🔕 to stop):",
    "unfollow_usage": "Usage: /unfollow &lt;document or article&gt;, or /unfollow all. See /following.",
    "unfollowed": "🔕 You no longer follow <b>{label}</b>.",
    "unfollowed_toast": "🔕 No longer following {label}",
    "not_following": "You do not follow <b>{label}</b>. See /following.",
    "unfollowed_all": "🔕 Deleted your {count} follow(s) and every alert kept for you.",
    "alert_head": "🔔 <b>Something you follow has changed</b> (version {version})",
    "alert_comment": "📝 Publish note: {comment}",
    "alert_rollback": "↩️ Rolled back to version {version} (version {previous} was in service).",
    "alert_new": "new",
    "alert_changed": "changed",
    "alert_removed": "removed",
    "alert_more": "… and {count} more passage(s) changed.",
    "alert_footer": "/following: see or stop what you follow",
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


# The SME service writes its sizes, sectors and conditions in Vietnamese (app.sme); these are their English names.
_SME_EN = {
    "sieu-nho": "micro enterprise", "nho": "small enterprise", "vua": "medium-sized enterprise",
    "khong-phai-dnnvv": "not a small or medium-sized enterprise",
    "nong-lam-thuy-san": "agriculture, forestry and fisheries", "cong-nghiep-xay-dung": "industry and construction",
    "thuong-mai-dich-vu": "trade and services",
    "doanh nghiệp chuyển đổi từ hộ kinh doanh": "a firm converted from a household business",
    "doanh nghiệp khởi nghiệp sáng tạo": "an innovative start-up",
    "doanh nghiệp tham gia cụm liên kết ngành, chuỗi giá trị": "a firm in an industry cluster or value chain",
    "doanh nghiệp khởi nghiệp sáng tạo hoặc tham gia cụm liên kết ngành, chuỗi giá trị":
        "an innovative start-up or a firm in an industry cluster or value chain",
}  # fmt: skip
# /sme buttons: the decree's three sectors (Điều 5), then the facts SmeFlags records.
SME_BUTTONS: dict[str, dict[str, str]] = {
    "vi": {
        "nong-lam-thuy-san": "🌾 Nông, lâm nghiệp, thủy sản", "cong-nghiep-xay-dung": "🏭 Công nghiệp, xây dựng",
        "thuong-mai-dich-vu": "🛒 Thương mại, dịch vụ", "ho_kinh_doanh": "Chuyển đổi từ hộ kinh doanh",
        "khoi_nghiep": "Khởi nghiệp sáng tạo", "cum_lien_ket": "Trong cụm liên kết ngành",
        "chuoi_gia_tri": "Trong chuỗi giá trị", "nu_lam_chu": "Nữ làm chủ, nhiều lao động nữ, DN xã hội",
    },
    "en": {
        "nong-lam-thuy-san": "🌾 Farming, forestry, fishing", "cong-nghiep-xay-dung": "🏭 Industry, construction",
        "thuong-mai-dich-vu": "🛒 Trade, services", "ho_kinh_doanh": "Converted household business",
        "khoi_nghiep": "Innovative start-up", "cum_lien_ket": "In an industry cluster",
        "chuoi_gia_tri": "In a value chain", "nu_lam_chu": "Women-owned, many women workers, social enterprise",
    },
}  # fmt: skip


def sme_label(vietnamese: str, lang: str, key: str | None = None) -> str:
    """An SME size, sector or condition in the reply's language; `key` looks it up when it differs from the text."""
    if lang != "en":
        return vietnamese
    return _SME_EN.get(key or vietnamese, vietnamese)
