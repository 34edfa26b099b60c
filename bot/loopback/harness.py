"""The real Application started with long polling against a loopback Bot API, and settings pointing at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from app.services import Services, build_services
from app.settings import Settings
from bot.app import build_application
from bot.context import BotApplication
from bot.loopback.fake_api import TOKEN

__all__ = ["ADMIN", "TOKEN", "running_bot", "settings_for"]

ADMIN = 42


def settings_for(api_url: str, data_dir: Path, **extra: Any) -> Settings:
    """Settings pointing the bot at a loopback Bot API server, with user ADMIN as the admin."""
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_url": api_url,
        "bot_data_dir": data_dir,
        "admin_ids": str(ADMIN),
        "database_url": None,  # the loopback bot never uses a DATABASE_URL the shell happens to export
        **extra,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_bot(
    settings: Settings, services: Services | None = None, flood_limits: bool = False
) -> AsyncIterator[BotApplication]:
    """Start the real Application with long polling; stop it afterwards."""
    app = build_application(settings, services or build_services(settings), flood_limits=flood_limits)
    async with app:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
