"""Webhook mode: our own small aiohttp server feeding python-telegram-bot's update queue.

PTB's built-in webhook server calls setWebhook at every start. With several replicas behind one address only
one of them should (DESIGN §9), so the server is ours, as in PTB's custom-webhook example, and setWebhook
and the command menu are left to the replica that holds the owner lock.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from app.settings import Settings
from bot.context import BotApplication
from bot.http_server import listen

__all__ = ["WebhookServer", "serve_webhook"]

log = logging.getLogger(__name__)
MAX_UPDATE_BYTES = 1 << 20  # an update is a few kilobytes; anything near this is not from Telegram


class WebhookServer:
    """POST {path}: checks Telegram's secret header (403 otherwise), then queues the update and answers 200."""

    def __init__(self, application: BotApplication, listen: str, port: int, path: str, secret: str) -> None:
        self.application, self.listen, self.port = application, listen, port
        self.path, self.secret = "/" + path.strip("/"), secret
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen; raises OSError when the port is taken."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(self.path, self._update)
        self._runner = await listen(app, self.listen, self.port)

    async def stop(self) -> None:
        """Stop listening (updates already queued are still processed)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        await self.application.update_queue.put(update)
        return web.Response(status=200)


async def serve_webhook(application: BotApplication, settings: Settings, owner: bool) -> None:
    """Run the bot on its webhook until SIGTERM or SIGINT; only the owner tells Telegram where to send updates."""
    url = settings.webhook_url or ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    server = WebhookServer(application, settings.webhook_listen, settings.webhook_port, urlsplit(url).path, secret)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # The port first: a taken one fails here, before the start-up line says the bot started. An update that
    # arrives before the application starts waits in its queue.
    await server.start()
    try:
        await application.initialize()
        try:
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            if owner:
                await application.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            log.info(
                "event=webhook_listening address=%s:%s owner=%s", settings.webhook_listen, settings.webhook_port, owner
            )
            await stop.wait()
        finally:
            if application.running:
                await application.stop()
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
    finally:
        await server.stop()
