"""Configuration from the environment or a .env file (names fixed by DESIGN §5)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Every setting of the bot and the CLI; the token is a SecretStr and never printed."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    bot_data_dir: Path = Path("./data")
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None
    log_level: str = "INFO"

    # Not fixed by DESIGN; named in the same style.
    user_rate_per_minute: int = Field(default=20, ge=1)
    flood_limit_overall: float = Field(default=30.0, gt=0)  # Telegram: about 30 messages/second per bot
    flood_limit_group: float = Field(default=20.0, gt=0)  # Telegram: 20 messages/minute per group
    max_upload_mb: float = Field(default=10.0, gt=0)
    analytics_retention_days: int = Field(default=90, ge=1)
    analytics_salt: SecretStr | None = None
    answer_workers: int = Field(default=1, ge=0, le=8)  # processes that score questions; 0 = a thread instead

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
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    def token(self) -> str | None:
        """The bot token, for the one place that must hand it to python-telegram-bot."""
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None
