"""Everything the bot and the CLI share, built once at start-up and passed in explicitly."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.asking import Ask, ask
from app.buttons import ButtonStore
from app.live_engine import LiveEngine
from app.live_watch import LiveWatcher
from app.question_log import QuestionLog
from app.rate_limit import RateLimiter, SharedRateLimiter
from app.settings import Settings
from app.worker_pool import AnswerPool
from knowledge.database import Database, open_database
from knowledge.lexicon import load_lexicon
from knowledge.postgres_database import PostgresDatabase
from knowledge.seed import open_store
from knowledge.store import Store
from retrieval.answer import Answer
from retrieval.engine import SearchEngine

if TYPE_CHECKING:
    from app.metrics import Metrics

__all__ = ["INDEX_CACHE", "Services", "build_services"]

INDEX_CACHE = "index-cache"  # under BOT_DATA_DIR: built indexes, memory-mapped by every process that needs one


@dataclass
class Services:
    """The store, the live engine, the question log and the answer workers, with the settings they came from."""

    settings: Settings
    store: Store
    live: LiveEngine
    log: QuestionLog | None = None
    pool: AnswerPool | None = None
    _state_db: Database | None = None
    _buttons: ButtonStore | None = None
    _watcher: LiveWatcher | None = None
    _metrics: Metrics | None = None  # per Services, never global: tests run several bots

    @property
    def metrics(self) -> Metrics:
        """This process's Prometheus metrics, made on first use."""
        if self._metrics is None:
            from app.metrics import Metrics  # prometheus_client is ~15 ms of imports that `ask` and `kb` never use

            self._metrics = Metrics()
        return self._metrics

    @property
    def state_db(self) -> Database:
        """Where per-user state lives (buttons, subscriptions, alerts): DATABASE_URL, else state.sqlite3."""
        if self._state_db is None:
            shared = self.settings.database_url is not None  # one PostgreSQL database holds it all, one pool
            db = self.store.db if shared else open_database(self.settings.bot_data_dir / "state.sqlite3", "NORMAL")
            self._state_db = db
        return self._state_db

    @property
    def buttons(self) -> ButtonStore:
        """What answer buttons need, in the state database (so presses work after a restart and on any replica)."""
        if self._buttons is None:
            self._buttons = ButtonStore(self.state_db, max_age_days=self.settings.analytics_retention_days)
        return self._buttons

    def rate_limiter(self, limit: int, scope: str) -> RateLimiter | SharedRateLimiter:
        """A per-process limiter on one machine; with DATABASE_URL one shared by every replica."""
        if self.settings.database_url is not None:
            return SharedRateLimiter(self.state_db, limit, scope=scope)
        return RateLimiter(limit)

    def watch_live_version(self) -> None:
        """Follow publishes made anywhere (CLI, another replica) until `close`; KB_CHECK_SECONDS apart at most."""
        if self._watcher is None:
            self._watcher = LiveWatcher(self.live, self.settings.kb_check_seconds)
            self._watcher.start()

    def claim_webhook(self) -> bool:
        """Whether this process sets the webhook and the command menu: always on one machine; with several
        replicas only the one holding the lock, so they do not all call Telegram at every start."""
        db = self.store.db
        if isinstance(db, PostgresDatabase):
            return db.hold_lock("webhook-owner")
        return True

    def maintenance(self) -> dict[str, int]:
        """The daily clean-up: questions past retention, expired buttons, ended rate windows; blocking."""
        done = {"questions": self.question_log().purge(), "buttons": self.buttons.prune()}
        if self.settings.database_url is not None:
            SharedRateLimiter(self.state_db, 1).prune()
        return done

    def question_log(self) -> QuestionLog:
        """The question log, opened on first use (the CLI's ask and eval never need it)."""
        if self.log is None:
            key = self.settings.analytics_salt.get_secret_value() if self.settings.analytics_salt else None
            # With DATABASE_URL every replica logs to the shared database; else its own SQLite file.
            where = self.state_db if self.settings.database_url else self.settings.bot_data_dir / "analytics.sqlite3"
            self.log = QuestionLog(where, key, self.settings.analytics_retention_days)
        return self.log

    def start_workers(self) -> None:
        """Start ANSWER_WORKERS scoring processes and have them build their engine now, not on the first question."""
        if self.settings.answer_workers and self.pool is None:
            self.pool = AnswerPool(self.store, self.settings.answer_workers, self.live.cache_dir)
            self.pool.warm_up(self.live.engine.version)

    async def answer(self, engine: SearchEngine, request: Ask) -> Answer:
        """Answer off the event loop from exactly this engine's version: in a worker process, or a thread."""
        if self.pool is not None:
            return await self.pool.answer(engine.version, request)
        return await asyncio.to_thread(ask, engine, request)

    def close(self) -> None:
        """Stop watching, flush the question log, stop the workers, release the databases."""
        if self._watcher is not None:
            self._watcher.stop()
        if self.log is not None:
            self.log.close()
        if self.pool is not None:
            self.pool.close()
        if self._state_db is not None:
            self._state_db.close()
        self.store.db.close()


def build_services(settings: Settings) -> Services:
    """Open (and on first run seed) the store under BOT_DATA_DIR and build the live engine."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    store = open_store(settings.bot_data_dir, database_url=url)
    cache = settings.bot_data_dir / INDEX_CACHE
    live = LiveEngine(store, load_lexicon(cache_dir=cache), cache)
    return Services(settings=settings, store=store, live=live)
