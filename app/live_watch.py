"""Keeps the engine in service on the store's live version, whoever changed it (the CLI, another replica, /publish).

A cheap query every few seconds catches every change; with PostgreSQL a LISTEN on the store's channel also
wakes it at once. Building the new index happens in this thread, so the bot answers from the old version
until the new one is ready, then switches in one assignment.
"""

from __future__ import annotations

import logging
import threading

from app.live_engine import LiveEngine
from knowledge.errors import StoreError
from knowledge.postgres_database import PostgresDatabase
from knowledge.store_sql import NOTIFY_CHANNEL

__all__ = ["LiveWatcher"]

log = logging.getLogger(__name__)


class LiveWatcher:
    """Background threads that reload the live engine when the live version changes."""

    def __init__(self, live: LiveEngine, interval: float = 3.0) -> None:
        self.live, self.interval = live, interval
        self._stop, self._wake = threading.Event(), threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start checking (and listening, on PostgreSQL)."""
        self._threads = [threading.Thread(target=self._poll, name="live-watch", daemon=True)]
        db = self.live.store.db
        if isinstance(db, PostgresDatabase):
            self._threads.append(
                threading.Thread(
                    target=db.listen, args=(NOTIFY_CHANNEL, self._notified, self._stop), name="live-listen", daemon=True
                )
            )
        for thread in self._threads:
            thread.start()

    def _notified(self, payload: str) -> None:
        self._wake.set()

    def _poll(self) -> None:
        failing = False
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.live.reload()
            except StoreError as exc:  # keep answering from the engine in memory; say so once
                if not failing:
                    log.error(
                        "event=live_check_failed error=%r: still serving version %s", str(exc), self.live.engine.version
                    )
                failing = True
                continue
            if failing:
                log.warning("event=live_check_recovered version=%s", self.live.engine.version)
                failing = False

    def check_now(self) -> None:
        """Ask for a check without waiting for the next tick (after /publish in this process)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop the threads (the listener notices within a second)."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=3)
