"""Sending HTML replies: split at Telegram's limit, quoted in groups, no link previews."""

from __future__ import annotations

from telegram import LinkPreviewOptions, Message
from telegram.constants import ChatType

from bot.html_split import split_html

__all__ = ["NO_PREVIEW", "send_html"]

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_html(message: Message, text: str, **kwargs: object) -> Message:
    """Reply with HTML split into messages of at most 4096 characters; the keyboard goes on the last one."""
    markup = kwargs.pop("reply_markup", None)
    chunks = split_html(text)
    quote = message.chat.type != ChatType.PRIVATE
    for chunk in chunks[:-1]:
        await message.reply_html(chunk, link_preview_options=NO_PREVIEW, do_quote=quote)
    return await message.reply_html(chunks[-1], link_preview_options=NO_PREVIEW, do_quote=quote, reply_markup=markup)  # type: ignore[arg-type]
