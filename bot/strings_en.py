"""Every string the bot writes, in English (keys shared with bot/strings_vi.py; `bot.messages.say` picks)."""

from __future__ import annotations

EN: dict[str, str] = {
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
    "part_out": "🤷 This one is outside what I cover (see /topics).",
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
    "sme_supports": "🎁 <b>Supports available</b> ({count}; amounts quoted in Vietnamese from the decree):",
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
