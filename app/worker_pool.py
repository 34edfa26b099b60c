"""Answering in a worker process, so scoring runs on another core and never holds the bot's GIL.

Measured on the 2-core machine: answering in threads of the bot's process cut throughput by ~40%
(the GIL is handed back and forth on every numpy call); a worker process adds ~0.2 ms of pickling.
Each request names the knowledge-base version it must be answered from, so a question that
started before a publish is still answered from the version it started with.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
from pathlib import Path

from app.asking import Ask, ask
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.store import Store
from retrieval.answer import Answer
from retrieval.engine import SearchEngine

__all__ = ["AnswerPool"]

# Per worker process: engines by version (the newest two), built on first use from the store.
_ENGINES: dict[int, SearchEngine] = {}
_STORE: Store | None = None


def _init_worker(store_path: str) -> None:
    global _STORE
    _STORE = Store(Path(store_path))


def _answer_in_worker(version: int, request: Ask) -> Answer:
    engine = _ENGINES.get(version)
    if engine is None:
        assert _STORE is not None
        engine = SearchEngine(KnowledgeBase(_STORE.documents(version)), load_lexicon(), version=version)
        _ENGINES[version] = engine
        for old in sorted(_ENGINES)[:-2]:
            del _ENGINES[old]
    return ask(engine, request)


class AnswerPool:
    """A process pool that answers from a given store version; `answer` is awaitable."""

    def __init__(self, store: Store, workers: int = 1) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        self._executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(str(store.path),)
        )

    async def answer(self, version: int, request: Ask) -> Answer:
        """The answer from exactly this version, computed off the event loop and off this process."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _answer_in_worker, version, request)

    def warm_up(self, version: int) -> None:
        """Build the worker's engine now rather than on the first question."""
        self._executor.submit(_answer_in_worker, version, Ask("khởi động", 1)).result()

    def close(self) -> None:
        """Stop the workers."""
        self._executor.shutdown(wait=True, cancel_futures=True)
