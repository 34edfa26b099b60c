"""Answering in a worker process, so scoring runs on another core and never holds the bot's GIL.

Measured on the 2-core machine: answering in threads of the bot's process cut throughput by ~40%
(the GIL is handed back and forth on every numpy call); a worker process adds ~0.2 ms of pickling.
Each request names the knowledge-base version it must be answered from, so a question that
started before a publish is still answered from the version it started with.

A worker that dies (killed, out of memory) breaks the pool; the next question starts a new pool and is asked
again once. A worker whose parent dies exits within a second instead of lingering with its memory.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from app.asking import Ask, ask
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.store import Store
from retrieval.answer import Answer
from retrieval.engine import SearchEngine

__all__ = ["AnswerPool"]

log = logging.getLogger(__name__)
PARENT_CHECK_S = 1.0

# Per worker process: engines by version (the newest two), built on first use from the store.
_ENGINES: dict[int, SearchEngine] = {}
_STORE: Store | None = None
_CACHE: Path | None = None


def _exit_with_parent(parent: int) -> None:
    """Poll the parent's pid; when the bot is gone (SIGKILL leaves no chance to stop us), leave too."""
    while True:
        time.sleep(PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(store_location: str, cache_dir: str | None, parent: int) -> None:
    global _STORE, _CACHE
    _STORE = Store(store_location)  # a SQLite path or the DATABASE_URL
    _CACHE = Path(cache_dir) if cache_dir else None  # the bot's own index files, mapped rather than rebuilt
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _answer_in_worker(version: int, request: Ask) -> Answer:
    engine = _ENGINES.get(version)
    if engine is None:
        assert _STORE is not None
        engine = SearchEngine(
            KnowledgeBase(_STORE.documents(version)), load_lexicon(cache_dir=_CACHE), version=version, cache_dir=_CACHE
        )
        _ENGINES[version] = engine
        for old in sorted(_ENGINES)[:-2]:
            del _ENGINES[old]
    return ask(engine, request)


def _warmed_up(done: concurrent.futures.Future[Answer]) -> None:
    """Report a warm-up that failed; the first question builds the engine again, or restarts a broken pool."""
    error = None if done.cancelled() else done.exception()
    if error is not None:
        log.error("event=worker_warm_up_failed error=%r", str(error) or type(error).__name__)


class AnswerPool:
    """A process pool that answers from a given store version; `answer` is awaitable and survives a dead worker."""

    def __init__(self, store: Store, workers: int = 1, cache_dir: Path | None = None) -> None:
        self._store_location, self._workers = store.location, workers
        self._cache = str(cache_dir) if cache_dir else None
        self._lock = threading.Lock()
        self._executor = self._start()

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self._workers, mp_context=context, initializer=_init_worker,
            initargs=(self._store_location, self._cache, os.getpid()),
        )  # fmt: skip

    def _restart(self, broken: concurrent.futures.ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:  # several questions may notice at once: restart only once
                log.warning("an answer worker died; starting a new one")
                broken.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start()

    async def answer(self, version: int, request: Ask) -> Answer:
        """The answer from exactly this version, computed off the event loop and off this process."""
        loop = asyncio.get_running_loop()
        executor = self._executor
        try:
            return await loop.run_in_executor(executor, _answer_in_worker, version, request)
        except BrokenProcessPool:
            self._restart(executor)
        return await loop.run_in_executor(self._executor, _answer_in_worker, version, request)

    def warm_up(self, version: int) -> None:
        """Build the worker's engine now rather than on the first question, without waiting for it."""
        # The worker takes ~0.3 s to start and build. The bot polls meanwhile, and a question that comes sooner
        # waits for the warm-up in the pool's queue, as it would otherwise have waited for the bot to start.
        self._executor.submit(_answer_in_worker, version, Ask("khởi động", 1)).add_done_callback(_warmed_up)

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (for tests and the health report)."""
        return list(getattr(self._executor, "_processes", {}) or {})

    def close(self) -> None:
        """Stop the workers."""
        self._executor.shutdown(wait=True, cancel_futures=True)
