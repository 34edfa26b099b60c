"""Everything the bot and the CLI share, built once at start-up and passed in explicitly."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.asking import Ask, ask
from app.live_engine import LiveEngine
from app.question_log import QuestionLog
from app.settings import Settings
from app.worker_pool import AnswerPool
from knowledge.lexicon import load_lexicon
from knowledge.seed import open_store
from knowledge.store import Store
from retrieval.answer import Answer
from retrieval.engine import SearchEngine

__all__ = ["Services", "build_services"]


@dataclass
class Services:
    """The store, the live engine, the question log and the answer workers, with the settings they came from."""

    settings: Settings
    store: Store
    live: LiveEngine
    log: QuestionLog | None = None
    pool: AnswerPool | None = None

    def question_log(self) -> QuestionLog:
        """The question log, opened on first use (the CLI's ask and eval never need it)."""
        if self.log is None:
            key = self.settings.analytics_salt.get_secret_value() if self.settings.analytics_salt else None
            self.log = QuestionLog(
                self.settings.bot_data_dir / "analytics.sqlite3", key, self.settings.analytics_retention_days
            )
        return self.log

    def start_workers(self) -> None:
        """Start ANSWER_WORKERS scoring processes and build their engine now rather than on the first question."""
        if self.settings.answer_workers and self.pool is None:
            self.pool = AnswerPool(self.store, self.settings.answer_workers)
            self.pool.warm_up(self.live.engine.version)

    async def answer(self, engine: SearchEngine, request: Ask) -> Answer:
        """Answer off the event loop from exactly this engine's version: in a worker process, or a thread."""
        if self.pool is not None:
            return await self.pool.answer(engine.version, request)
        return await asyncio.to_thread(ask, engine, request)

    def close(self) -> None:
        """Flush the question log and stop the workers."""
        if self.log is not None:
            self.log.close()
        if self.pool is not None:
            self.pool.close()


def build_services(settings: Settings) -> Services:
    """Open (and on first run seed) the store under BOT_DATA_DIR and build the live engine."""
    store = open_store(settings.bot_data_dir)
    return Services(settings=settings, store=store, live=LiveEngine(store, load_lexicon()))
