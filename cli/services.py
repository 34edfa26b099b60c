"""Everything the bot and the CLI share, built once at start-up and passed in explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings
from knowledge.analytics import Analytics
from knowledge.glossary import load_glossary
from knowledge.store import Store
from knowledge.sync import open_store
from retrieval.live import Library

__all__ = ["QUESTIONS_FILE", "Services", "build_services"]

QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.json"


@dataclass
class Services:
    """The store, the live library, the question log and the settings they came from."""

    settings: Settings
    store: Store
    library: Library
    analytics: Analytics | None = None

    def open_analytics(self) -> Analytics:
        """The question log, opened on first use (the CLI's ask and eval never need it)."""
        if self.analytics is None:
            salt = self.settings.analytics_salt.get_secret_value() if self.settings.analytics_salt else None
            self.analytics = Analytics(self.settings.bot_data_dir / "analytics.sqlite3", salt,
                                       self.settings.analytics_retention_days)
        return self.analytics


def build_services(settings: Settings) -> Services:
    """Open (and on first run seed) the store under BOT_DATA_DIR and build the live engine."""
    store = open_store(settings.bot_data_dir)
    return Services(settings=settings, store=store, library=Library(store, load_glossary()))
