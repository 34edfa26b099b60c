"""A fake Telegram Bot API server on 127.0.0.1 that validates requests the way Telegram does.

It serves the methods the bot uses, rejects what Telegram rejects (text over 4096 characters,
malformed HTML, callback_data over 64 bytes, more than 50 inline results, unchanged edits), and
records every call so tests assert on what users actually see.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from typing import Any

from aiohttp import web

from bot.loopback.calls import Call, Fault, read_params
from bot.loopback.telegram_rules import TelegramError, check_markup, parse_html, utf16_len

__all__ = ["BOT_ID", "BOT_USERNAME", "TOKEN", "Call", "FakeBotApi"]

TOKEN = "123456:TEST-token-never-printed"  # the token loopback bots use; never a real one
BOT_ID = 777000
BOT_USERNAME = "hanoi_policy_bot"


class FakeBotApi:
    """Start with `await server.start()`; the bot uses `server.url` as TELEGRAM_API_URL."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.refused: list[Call] = []  # calls answered with an injected fault
        self.files: dict[str, bytes] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.delivered: dict[int, float] = {}  # update_id -> when getUpdates handed it to the bot
        self.listeners: list[Any] = []  # callables run on every recorded call (used by the benchmark)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._faults: list[Fault] = []
        self.url = ""

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Release pending long polls, then stop listening; teardown waits for nothing."""
        self._stopping = True
        self._new_update.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- what tests push ----------------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return int(update["update_id"])

    def add_file(self, file_id: str, data: bytes) -> None:
        """Make a file downloadable through getFile."""
        self.files[file_id] = data

    # -- waiting for what the bot does ----------------------------------------------------------------
    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0, since: int = 0, where: Any = None
    ) -> list[Call]:
        """The first `count` calls of `method` (matching `where`) made after call number `since`."""

        def found() -> list[Call]:
            return [c for c in self.calls[since:] if c.method == method and (where is None or where(c))]

        async with self._new_call:
            await asyncio.wait_for(self._new_call.wait_for(lambda: len(found()) >= count), timeout)
        return found()[:count]

    def sent(self, since: int = 0) -> list[Call]:
        """sendMessage calls after call number `since`."""
        return [c for c in self.calls[since:] if c.method == "sendMessage"]

    # -- HTTP ----------------------------------------------------------------------------------------
    def inject(self, method: str, *, status: int = 0, body: bytes = b"", delay: float = 0.0, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail as a real network sometimes does: a status (429 with
        retry_after, 502), a body that is not JSON, or a delay before the (real) answer."""
        self._faults.append(Fault(method, status, body, delay, times))

    def _fault(self, method: str) -> Fault | None:
        for fault in self._faults:
            if fault.method == method and fault.times > 0:
                fault.times -= 1
                return fault
        return None

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await read_params(request)
        fault = self._fault(method)
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)
        elif fault is not None:
            self.refused.append(Call(method, params, error=f"injected {fault.status or 'malformed'}"))
            if fault.status == 429:
                body429 = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                           "parameters": {"retry_after": 0.2}}  # fmt: skip
                return web.json_response(body429, status=429)
            return web.Response(status=fault.status or 200, body=fault.body or b"<html>Bad Gateway</html>")
        handler = getattr(self, f"_m_{method}", None)
        status = 404
        body: dict[str, Any] = {"ok": False, "error_code": 404, "description": "Not Found"}
        if handler is not None:
            try:
                status, body = 200, {"ok": True, "result": await handler(params)}
            except TelegramError as exc:
                status, body = 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
        if method != "getUpdates":
            await self._record(Call(method, params, result=body.get("result"), error=body.get("description")))
        return web.json_response(body, status=status)

    async def _record(self, call: Call) -> None:
        """Keep a handled call (with what the bot got back) and wake whoever waits for it."""
        async with self._new_call:
            self.calls.append(call)
            self._new_call.notify_all()
        for listener in self.listeners:
            listener(call)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        data = self.files.get(request.match_info["path"].rsplit("/", 1)[-1])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # -- methods -------------------------------------------------------------------------------------
    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Chính sách Hà Nội",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return self._bot_user()

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset", 0) or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and not self._stopping:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout", 0) or 0))
            except TimeoutError:
                return []
        batch = self._updates[: int(params.get("limit", 100) or 100)]
        now = time.monotonic()
        for update in batch:
            self.delivered.setdefault(update["update_id"], now)
        return batch

    def _check_text(self, params: dict[str, Any], text: str, parse_mode: Any) -> str:
        """Validate a text as Telegram would; record what the user sees (entities parsed) as params['seen']."""
        plain = parse_html(text) if str(parse_mode).upper() == "HTML" else text
        if not plain.strip():
            raise TelegramError("message text is empty")
        if utf16_len(plain) > 4096:
            raise TelegramError("message is too long")
        params["seen"] = plain
        return plain

    def _message(self, chat_id: Any, **content: Any) -> dict[str, Any]:
        chat_id = int(chat_id)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "from": self._bot_user(),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            **content,
        }
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        plain = self._check_text(params, str(params.get("text", "")), params.get("parse_mode"))
        check_markup(params.get("reply_markup"))
        content = {"text": plain}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._message(params["chat_id"], **content)

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise TelegramError("message to edit not found")
        plain = self._check_text(params, str(params.get("text", "")), params.get("parse_mode"))
        check_markup(params.get("reply_markup"))
        old = self.messages[key]
        if old.get("text") == plain and old.get("reply_markup") == params.get("reply_markup"):
            raise TelegramError(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        old.update(text=plain, reply_markup=params.get("reply_markup"))
        return old

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise TelegramError("message to edit not found")
        check_markup(params.get("reply_markup"))
        self.messages[key]["reply_markup"] = params.get("reply_markup")
        return self.messages[key]

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if len(str(params.get("text", ""))) > 200:
            raise TelegramError("MESSAGE_TOO_LONG")
        return True

    async def _m_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        results = params.get("results", [])
        if len(results) > 50:
            raise TelegramError("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise TelegramError("RESULT_ID_INVALID")
        for result in results:
            content = result.get("input_message_content", {})
            self._check_text(content, str(content.get("message_text", "")), content.get("parse_mode"))
        return True

    async def _m_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            raise TelegramError("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    async def _m_sendDocument(self, params: dict[str, Any]) -> Any:
        doc = params.get("document", {})
        return self._message(
            params["chat_id"],
            document={"file_id": "sent", "file_unique_id": "sent", "file_name": doc.get("filename", "file")},
        )

    async def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        photo = params.get("photo", {})
        if not isinstance(photo, dict) or not photo.get("data", b"").startswith(b"\x89PNG"):
            raise TelegramError("IMAGE_PROCESS_FAILED")
        size = {"file_id": "p", "file_unique_id": "p", "width": 600, "height": 300}
        return self._message(params["chat_id"], photo=[size])

    async def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = params
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {}
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        for command in params.get("commands", []):
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")) or not command.get("description"):
                raise TelegramError("BOT_COMMAND_INVALID")
        return True
