"""GET /healthz (JSON) and GET /metrics (Prometheus text) on METRICS_LISTEN:METRICS_PORT, and the start-up line.

The server runs on the bot's own event loop, in polling and in webhook mode alike. Both endpoints only read
attributes (the live version, a queue's size) and render a few kilobytes, so they never stall the loop.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from app.services import Services

if TYPE_CHECKING:
    from aiohttp import web

__all__ = ["HealthServer", "log_started"]

log = logging.getLogger(__name__)


class HealthServer:
    """The aiohttp server behind /healthz and /metrics; start() raises OSError when the port is taken."""

    def __init__(self, services: Services, mode: str) -> None:
        self.services, self.mode = services, mode
        self.username = ""
        self._started = time.monotonic()
        self._runner: web.AppRunner | None = None
        services.metrics.watch(lambda: services.live.engine.version, self.backlog)

    @property
    def address(self) -> str:
        """host:port the server listens on."""
        settings = self.services.settings
        return f"{settings.metrics_listen}:{settings.metrics_port}"

    def backlog(self) -> int:
        """Question-log rows waiting to be written (0 before the log is opened: reading must not open it)."""
        return self.services.log.backlog() if self.services.log is not None else 0

    def health(self) -> dict[str, object]:
        """The /healthz body."""
        return {
            "status": "ok",
            "kb_version": self.services.live.engine.version,
            "mode": self.mode,
            "bot": self.username,
            "uptime_s": round(time.monotonic() - self._started, 1),
            "question_log_backlog": self.backlog(),
            "workers": self.services.settings.answer_workers,
        }

    async def start(self) -> None:
        """Listen on METRICS_LISTEN:METRICS_PORT."""
        # aiohttp is ~0.1 s of imports (most of it the TLS contexts it makes): a bot without METRICS_PORT skips it.
        from bot.http_server import serve_health

        settings = self.services.settings
        self._runner = await serve_health(self, settings.metrics_listen, settings.metrics_port or 0)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def log_started(services: Services, mode: str, username: str, metrics: str | None) -> None:
    """One INFO line saying what is running: mode, bot, knowledge-base version and size, workers, metrics address."""
    engine = services.live.engine
    log.info(
        "started mode=%s bot=@%s kb_version=%d documents=%d passages=%d workers=%d metrics=%s",
        mode,
        username,
        engine.version,
        len(engine.kb.documents),
        len(engine.kb.passages),
        services.settings.answer_workers,
        metrics or "off",
    )
