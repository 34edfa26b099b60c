"""Configuration from the environment or a .env file (names fixed by DESIGN §5), checked before anything starts."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["LOG_LEVELS", "Settings"]

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
Port = Annotated[int, Field(ge=1, le=65535)]


def _http_url(value: str, name: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise ValueError(f"{name} must be a full URL starting with {' or '.join(f'{s}://' for s in schemes)}")
    return value


class Settings(BaseSettings):
    """Every setting of the bot and the CLI; the token is a SecretStr and never printed."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    bot_data_dir: Path = Path("./data")
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: Port = 8443
    webhook_secret: SecretStr | None = None
    log_level: str = "INFO"
    database_url: SecretStr | None = None  # postgresql://user:password@host:port/db; unset = SQLite in BOT_DATA_DIR
    metrics_port: Port | None = None
    metrics_listen: str = "127.0.0.1"

    # Not fixed by DESIGN; named in the same style.
    user_rate_per_minute: int = Field(default=20, ge=1)
    flood_limit_overall: float = Field(default=30.0, gt=0)  # Telegram: about 30 messages/second per bot
    flood_limit_group: float = Field(default=20.0, gt=0)  # Telegram: 20 messages/minute per group
    max_upload_mb: float = Field(default=10.0, gt=0)
    analytics_retention_days: int = Field(default=90, ge=1)
    analytics_salt: SecretStr | None = None  # the key user ids are hashed with; a 0600 key file when unset
    answer_workers: int = Field(default=1, ge=0, le=8)  # processes that score questions; 0 = a thread instead
    bot_api_timeout: float = Field(default=15.0, gt=0, le=120)  # seconds to wait for one Bot API answer
    kb_check_seconds: float = Field(default=3.0, gt=0, le=3600)  # how soon a publish made elsewhere is served

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """ADMIN_IDS is '123,456'; spaces and empty items are ignored."""
        if isinstance(value, str):
            items = [item.strip() for item in value.split(",") if item.strip()]
            try:
                return frozenset(int(item) for item in items)
            except ValueError:
                raise ValueError("ADMIN_IDS must be comma-separated numeric Telegram user ids") from None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        """A full http(s) URL: without a scheme, an HTTP library would print it (token included) in its error."""
        return _http_url(value.strip().rstrip("/"), "TELEGRAM_API_URL")

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return _http_url(value, "WEBHOOK_URL") if value else None

    @field_validator("bot_data_dir", mode="before")
    @classmethod
    def _data_dir(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("BOT_DATA_DIR is set but empty: give a directory, or unset it for ./data")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value():
            parts = urlsplit(value.get_secret_value())
            if parts.scheme not in ("postgresql", "postgres") or not parts.netloc:
                raise ValueError("DATABASE_URL must look like postgresql://user:password@host:port/db")
            return value
        return None

    def token(self) -> str | None:
        """The bot token, for the one place that must hand it to python-telegram-bot; pasted spaces dropped."""
        token = self.telegram_bot_token.get_secret_value().strip() if self.telegram_bot_token else ""
        return token or None

    def max_upload_bytes(self) -> int:
        """The largest document an admin may upload or import, in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)

    def log_level_number(self) -> int:
        """The numeric logging level."""
        return int(logging.getLevelName(self.log_level))
