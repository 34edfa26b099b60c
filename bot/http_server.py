"""Starting a small aiohttp server on the bot's event loop (the webhook, health and metrics)."""

from __future__ import annotations

from aiohttp import web

__all__ = ["listen"]


async def listen(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve `app` on host:port; raises OSError (port taken) after releasing what it set up."""
    runner = web.AppRunner(app, access_log=None)  # a request every few seconds would drown the bot's own lines
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError:
        await runner.cleanup()
        raise
    return runner
