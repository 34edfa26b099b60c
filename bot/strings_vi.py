"""Every string the bot writes, in Vietnamese (keys shared with bot/strings_en.py; `bot.messages.say` picks)."""

from __future__ import annotations

VI: dict[str, str] = {
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
    "part_out": "🤷 Câu này nằm ngoài những gì mình biết (xem /topics).",
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
