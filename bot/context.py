"""The typed state every handler reaches through `context.state`."""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.settings import Settings
from bot.state import AnswerCache, UserRateLimiter
from cli.services import Services
from knowledge.analytics import Analytics
from retrieval.answer import Answer
from retrieval.engine import SearchEngine
from retrieval.pool import AnswerPool

__all__ = ["BotContext", "BotState", "pack"]

MAX_CALLBACK_BYTES = 64


@dataclass
class BotState:
    """Services plus per-process state (answers behind buttons, rate limits, long button arguments)."""

    settings: Settings
    services: Services
    analytics: Analytics
    answers: AnswerCache = field(default_factory=AnswerCache)
    limiter: UserRateLimiter = field(default_factory=lambda: UserRateLimiter(20))
    username: str = ""
    pool: AnswerPool | None = None
    _refs: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def ref(self, value: str) -> str:
        """A short token standing for a long button argument."""
        token = "~" + secrets.token_urlsafe(6)
        self._refs[token] = value
        while len(self._refs) > 20000:
            self._refs.popitem(last=False)
        return token

    def deref(self, value: str) -> str | None:
        """The argument a token stands for (None once forgotten)."""
        return self._refs.get(value) if value.startswith("~") else value

    async def answer(self, engine: SearchEngine, question: str, top: int) -> Answer:
        """Answer off the event loop from exactly this engine's version: in the worker process, or a thread."""
        if self.pool is not None:
            return await self.pool.answer(engine.version, question, top)
        return await asyncio.to_thread(engine.answer, question, top)

    def is_admin(self, user_id: int | None) -> bool:
        """Whether this user may use admin commands."""
        return user_id is not None and user_id in self.settings.admin_ids


def pack(state: BotState, action: str, *args: str) -> str:
    """callback_data 'action|arg|...' within Telegram's 64 bytes; long arguments go through state.ref."""
    data = "|".join((action, *args))
    if len(data.encode()) <= MAX_CALLBACK_BYTES:
        return data
    return "|".join((action, *(a if len(a.encode()) <= 20 else state.ref(a) for a in args)))


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the bot's state."""

    @property
    def state(self) -> BotState:
        """The state built by build_application."""
        state: BotState = self.bot_data["state"]
        return state
