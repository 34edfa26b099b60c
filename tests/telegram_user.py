"""The one way tests drive the bot as a Telegram user: send, ask, press a button, upload, and read replies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.loopback.calls import Call
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.updates import callback_update, message, text_update

__all__ = ["Reply", "TelegramUser"]


@dataclass(frozen=True)
class Reply:
    """One message the bot sent, as the user sees it."""

    call: Call

    @property
    def text(self) -> str:
        """The text the user sees (HTML entities parsed)."""
        return str(self.call.params["seen"])

    @property
    def html(self) -> str:
        """The text as the bot sent it."""
        return str(self.call.params["text"])

    @property
    def markup(self) -> dict[str, Any] | None:
        """The inline keyboard, if any."""
        markup: dict[str, Any] | None = self.call.params.get("reply_markup")
        return markup

    @property
    def message(self) -> dict[str, Any]:
        """The sent message object, for a button press to point at."""
        result: dict[str, Any] = self.call.result
        return result

    def buttons(self) -> dict[str, str]:
        """Button label -> callback_data."""
        rows = (self.markup or {}).get("inline_keyboard", [])
        return {b["text"]: b.get("callback_data", "") for row in rows for b in row}

    def button(self, label: str) -> str:
        """The callback_data of the first button whose label contains `label`."""
        return next(data for text, data in self.buttons().items() if label in text)


def _chat_of(update: dict[str, Any]) -> str | None:
    """The chat an update happens in, so replies to other chats are not mistaken for ours."""
    message = update.get("message") or (update.get("callback_query") or {}).get("message") or {}
    chat = message.get("chat", {}).get("id")
    return str(chat) if chat is not None else None


@dataclass
class TelegramUser:
    """A user (in a private chat unless told otherwise) talking to the bot through the fake server."""

    server: FakeBotApi
    uid: int = 1

    async def send(
        self, update: dict[str, Any], method: str = "sendMessage", count: int = 1, timeout: float = 10.0
    ) -> list[Call]:
        """Push an update; the first `count` calls of `method` the bot makes to this chat after it."""
        mark = len(self.server.calls)
        chat = _chat_of(update)
        self.server.push(update)

        def here(call: Call) -> bool:
            return chat is None or "chat_id" not in call.params or str(call.params["chat_id"]) == chat

        return await self.server.wait_for(method, count=count, since=mark, timeout=timeout, where=here)

    async def ask(self, text: str, count: int = 1, **chat: Any) -> list[Reply]:
        """Send a text message; the bot's `count` replies."""
        return [Reply(c) for c in await self.send(text_update(text, self.uid, **chat), count=count)]

    async def say(self, text: str, **chat: Any) -> Reply:
        """Send a text message; the bot's one reply."""
        (reply,) = await self.ask(text, **chat)
        return reply

    async def press(self, reply: Reply, label: str, method: str = "sendMessage") -> Call:
        """Press the button labelled `label` under a reply; the first `method` call that follows."""
        (call,) = await self.send(callback_update(reply.message, reply.button(label), self.uid), method=method)
        return call

    async def press_data(self, reply: Reply, data: str, method: str = "answerCallbackQuery") -> Call:
        """Press a button with this exact callback_data (forged or real) under a reply."""
        (call,) = await self.send(callback_update(reply.message, data, self.uid), method=method)
        return call

    async def upload(self, name: str, data: bytes, size: int | None = None) -> Reply:
        """Send a document; the bot's reply."""
        file_id = f"f{len(self.server.files)}"
        self.server.add_file(file_id, data)
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(data) if size is None else size,
        }
        (call,) = await self.send({"message": message(None, uid=self.uid, document=document)})
        return Reply(call)
