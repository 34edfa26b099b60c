"""Running the real bot against the fake Bot API server, and building updates the way Telegram sends them."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.settings import Settings
from cli.services import build_services
from tests.fakebot import BOT_ID, BOT_USERNAME, FakeBotApi

TOKEN = "123456:TEST-token-never-printed"
ADMIN = 42
_ids = itertools.count(1)


def settings_for(api_url: str, data_dir: Path, **extra: Any) -> Settings:
    """Settings pointing the bot at a fake Bot API server."""
    values: dict[str, Any] = {"telegram_bot_token": TOKEN, "telegram_api_url": api_url, "bot_data_dir": data_dir,
                              "admin_ids": str(ADMIN), **extra}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class RunningBot:
    """A started bot and the fake server it talks to."""

    server: FakeBotApi | None
    app: Application  # type: ignore[type-arg]


@asynccontextmanager
async def running_bot(settings: Settings, server: FakeBotApi | None = None,
                      flood_limits: bool = False) -> AsyncIterator[RunningBot]:
    """Start the real Application with long polling against the fake server; stop it afterwards."""
    app = build_application(settings, build_services(settings), flood_limits=flood_limits)
    async with app:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield RunningBot(server, app)
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)


def user(uid: int) -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": f"User{uid}", "language_code": "vi"}


def message(text: str | None = None, uid: int = 1, chat_id: int | None = None, chat_type: str = "private",
            **extra: Any) -> dict[str, Any]:
    """A message object; a leading /command gets its bot_command entity as Telegram adds it."""
    chat_id = uid if chat_id is None else chat_id
    msg: dict[str, Any] = {"message_id": next(_ids), "date": int(time.time()), "from": user(uid),
                           "chat": {"id": chat_id, "type": chat_type, **({"title": "Nhóm"} if chat_id < 0 else {})}}
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
    return {"message": message(text, uid, **kw)}


def callback_update(sent_message: dict[str, Any], data: str, uid: int = 1) -> dict[str, Any]:
    """A button press on a message the bot sent."""
    return {"callback_query": {"id": str(next(_ids)), "from": user(uid), "chat_instance": "ci", "data": data,
                               "message": sent_message}}


def mention(text: str) -> dict[str, Any]:
    """An @mention entity of the bot inside `text`."""
    handle = f"@{BOT_USERNAME}"
    return {"type": "mention", "offset": len(text[: text.index(handle)].encode("utf-16-le")) // 2,
            "length": len(handle)}


def reply_to_bot(chat_id: int) -> dict[str, Any]:
    return {"message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "group", "title": "Nhóm"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME}, "text": "..."}
