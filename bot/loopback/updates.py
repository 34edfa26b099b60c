"""Updates built the way Telegram sends them: messages, commands with their entities, button presses, mentions."""

from __future__ import annotations

import itertools
import time
from typing import Any

from bot.loopback.fake_api import BOT_ID, BOT_USERNAME

__all__ = ["callback_update", "mention", "message", "reply_to_bot", "text_update", "user"]

_ids = itertools.count(1)


def user(uid: int, language: str = "vi") -> dict[str, Any]:
    """A Telegram user object."""
    return {"id": uid, "is_bot": False, "first_name": f"User{uid}", "language_code": language}


def message(
    text: str | None = None, uid: int = 1, chat_id: int | None = None, chat_type: str = "private", **extra: Any
) -> dict[str, Any]:
    """A message object; a leading /command gets its bot_command entity as Telegram adds it."""
    chat_id = uid if chat_id is None else chat_id
    msg: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "from": user(uid),
        "chat": {"id": chat_id, "type": chat_type, **({"title": "Nhóm"} if chat_id < 0 else {})},
    }
    if text is not None:
        msg["text"] = text
        entities = list(extra.pop("entities", []))
        if text.startswith("/"):
            entities.insert(0, {"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        if entities:
            msg["entities"] = entities
    msg.update(extra)
    return msg


def text_update(text: str, uid: int = 1, **kw: Any) -> dict[str, Any]:
    """An update carrying a text message."""
    return {"message": message(text, uid, **kw)}


def callback_update(sent_message: dict[str, Any], data: str, uid: int = 1) -> dict[str, Any]:
    """A button press on a message the bot sent."""
    return {
        "callback_query": {
            "id": str(next(_ids)),
            "from": user(uid),
            "chat_instance": "ci",
            "data": data,
            "message": sent_message,
        }
    }


def mention(text: str) -> dict[str, Any]:
    """An @mention entity of the bot inside `text`."""
    handle = f"@{BOT_USERNAME}"
    return {
        "type": "mention",
        "offset": len(text[: text.index(handle)].encode("utf-16-le")) // 2,
        "length": len(handle),
    }


def reply_to_bot(chat_id: int) -> dict[str, Any]:
    """A message of the bot's, for a user's reply to point at."""
    return {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "group", "title": "Nhóm"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME},
        "text": "...",
    }
