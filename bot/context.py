"""The typed state every handler reaches through `context.state`, and the application type built on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram.ext import Application, ApplicationBuilder, CallbackContext, ExtBot, JobQueue

from app.limits import GROUP_QUESTIONS_PER_MINUTE
from app.rate_limit import RateLimiter, SharedRateLimiter
from app.services import Services
from app.settings import Settings
from app.subscriptions import Subscriptions
from bot.callback_data import CallbackRefs

__all__ = ["BotApplication", "BotBuilder", "BotContext", "BotState", "Limiter", "user_language"]

Limiter: TypeAlias = RateLimiter | SharedRateLimiter  # in memory on one machine; in PostgreSQL across replicas


@dataclass
class BotState:
    """Services plus what the handlers share: rate limits, long button arguments, the bot's username."""

    services: Services
    limiter: Limiter
    group_limiter: Limiter = field(default_factory=lambda: RateLimiter(GROUP_QUESTIONS_PER_MINUTE))
    refs: CallbackRefs = field(default_factory=CallbackRefs)
    username: str = ""
    alert_interval: float = 3.0  # seconds between checks for a new live version to alert followers of
    _subscriptions: Subscriptions | None = None

    @property
    def subscriptions(self) -> Subscriptions:
        """The follows of every chat, opened (and migrated) on first use; the alert job opens it at start-up."""
        if self._subscriptions is None:
            self._subscriptions = Subscriptions(self.services.state_db)
        return self._subscriptions

    @property
    def settings(self) -> Settings:
        """The settings the services were built from."""
        return self.services.settings

    def is_admin(self, user_id: int | None) -> bool:
        """Whether this user may use admin commands."""
        return user_id is not None and user_id in self.settings.admin_ids


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the bot's state."""

    @property
    def state(self) -> BotState:
        """The state built by build_application."""
        state: BotState = self.bot_data["state"]
        return state


# The bot is ExtBot[int] with the flood limiter and ExtBot[None] without it; both are this application.
def remembered_language(context: BotContext) -> str | None:
    """The language chosen with /lang, else the one the user last asked a question in; None before either."""
    data = context.user_data
    for key in ("lang", "asked_in"):  # an English asker's /topics and /help come in English without /lang en
        value = data.get(key) if data is not None else None
        if isinstance(value, str):
            return value
    return None


def user_language(update: object, context: BotContext) -> str:
    """The language to write in for this user: /lang's or their last question's, else their Telegram app's."""
    chosen = remembered_language(context)
    if chosen is not None:
        return chosen
    user = getattr(update, "effective_user", None)
    code = getattr(user, "language_code", None) or ""
    return "en" if code.lower().startswith("en") else "vi"


BotApplication: TypeAlias = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[Any]
]
BotBuilder: TypeAlias = ApplicationBuilder[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[Any]
]
