"""Starting a small aiohttp server on the bot's event loop (the webhook, health and metrics)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from app.metrics import CONTENT_TYPE

if TYPE_CHECKING:
    from bot.health import HealthServer

__all__ = ["listen", "serve_health"]


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


async def serve_health(health: HealthServer, host: str, port: int) -> web.AppRunner:
    """GET /healthz (the server's `health()` as JSON) and GET /metrics (Prometheus text) on host:port."""

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response(health.health())

    async def metrics(request: web.Request) -> web.Response:
        response = web.Response(body=health.services.metrics.exposition())
        response.headers["Content-Type"] = CONTENT_TYPE  # aiohttp's content_type= refuses the version parameter
        return response

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return await listen(app, host, port)
