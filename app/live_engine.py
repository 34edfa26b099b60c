"""The engine in service: rebuilt off to the side and swapped in one assignment on publish or rollback."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from knowledge.models import Document
from knowledge.store import Store
from retrieval.engine import SearchEngine

__all__ = ["LiveEngine"]

log = logging.getLogger(__name__)


class LiveEngine:
    """Holds the SearchEngine in service; a question keeps the engine it started with until it finishes."""

    def __init__(self, store: Store, lexicon: Lexicon, cache_dir: Path | None = None) -> None:
        self.store, self.lexicon, self.cache_dir = store, lexicon, cache_dir
        self._lock = threading.Lock()
        self._engine = self.build(store.documents(), store.live_version() or 0)

    @property
    def engine(self) -> SearchEngine:
        """The engine to answer with right now."""
        return self._engine

    def build(self, documents: Sequence[Document], version: int = 0) -> SearchEngine:
        """An engine over any document set (the live one, or a staged one for a preview)."""
        return SearchEngine(KnowledgeBase(documents), self.lexicon, version=version, cache_dir=self.cache_dir)

    def reload(self) -> SearchEngine:
        """Rebuild from the store's live version and swap it in if it changed."""
        with self._lock:
            version = self.store.live_version()
            if version is None:  # an emptied store must not empty the bot: keep serving what it serves
                log.error(
                    "the knowledge-base store has no live version; still serving version %s", self._engine.version
                )
                return self._engine
            if version != self._engine.version:
                started, previous = time.perf_counter(), self._engine.version
                self._engine = self.build(self.store.documents(version), version)
                log.info(
                    "event=kb_switch from=%s to=%s passages=%d build_s=%.2f",
                    previous, version, len(self._engine.kb.passages), time.perf_counter() - started,
                )  # fmt: skip
            return self._engine
