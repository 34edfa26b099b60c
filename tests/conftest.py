"""Shared fixtures: paths, a data directory and engines made once, the fake Bot API, the bot, ports, PostgreSQL."""

from __future__ import annotations

import compileall
import shutil
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.services import Services, build_services
from app.settings import Settings
from bot.context import BotApplication, BotState
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.harness import TOKEN, running_bot, settings_for
from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon, load_lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine
from retrieval.evaluate import LabelledQuestion, load_questions
from tests.ports import reserve_port
from tests.postgres_server import PostgresServer, postgres_missing, postgres_server
from tests.telegram_user import TelegramUser

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_QUESTIONS = ROOT / "app" / "sample_questions.json"


PACKAGES = ("app", "bot", "cli", "knowledge", "retrieval", "tests")


def pytest_configure(config: pytest.Config) -> None:
    """Before the workers start: bring the project's bytecode cache up to date, once."""
    # The suite starts about 60 Python processes (the CLI, bots, replicas, workers). Where PYTHONDONTWRITEBYTECODE
    # is set (this machine, many CI images) each one would compile every project module from source again.
    if not hasattr(config, "workerinput"):
        for package in PACKAGES:
            compileall.compile_dir(ROOT / package, quiet=1)


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with a reason when it is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only present in the development checkout")
    return path


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory as the bot leaves its first start (store seeded, index cached), made once per worker."""
    template = tmp_path_factory.mktemp("seeded") / "data"
    build_services(Settings(_env_file=None, bot_data_dir=template, database_url=None)).close()  # type: ignore[call-arg]
    return template


@pytest.fixture
def data_dir(tmp_path: Path, seeded_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BOT_DATA_DIR holding a copy of the seeded store, and no token in the environment."""
    target = tmp_path / "data"
    shutil.copytree(seeded_template, target)
    monkeypatch.setenv("BOT_DATA_DIR", str(target))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return target


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The shipped lexicon, parsed once (nothing changes it)."""
    return load_lexicon()


@pytest.fixture(scope="session")
def shipped_engine(lexicon: Lexicon) -> SearchEngine:
    """The engine over the shipped documents, built once for every test that only asks it questions."""
    return SearchEngine(KnowledgeBase(shipped_documents()), lexicon)


@pytest.fixture(scope="session")
def alqac2024(lexicon: Lexicon) -> tuple[SearchEngine, list[LabelledQuestion]]:
    """The engine over the ALQAC 2024 law corpus and its train questions, built once (skipped without ../shared)."""
    corpus = load_alqac_corpus(shared_path("datasets", "alqac2024", "law.json"))
    questions = load_questions(shared_path("datasets", "alqac2024", "train.json"))
    return SearchEngine(KnowledgeBase(corpus), lexicon), questions


@pytest.fixture
def free_port() -> Iterator[Callable[[], int]]:
    """Reserve loopback ports for this test: nothing else is handed them until it ends (see reserve_port)."""
    held: list[socket.socket] = []

    def reserve() -> int:
        held.append(reserve_port())
        port: int = held[-1].getsockname()[1]
        return port

    yield reserve
    for sock in held:
        sock.close()


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API server on 127.0.0.1, for the bot token the tests use."""
    fake = FakeBotApi(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@dataclass
class RunningBot:
    """A started bot, the fake server it talks to, and a way to talk to it as any user."""

    server: FakeBotApi
    app: BotApplication

    @property
    def state(self) -> BotState:
        """The bot's typed state."""
        state: BotState = self.app.bot_data["state"]
        return state

    @property
    def services(self) -> Services:
        """The services the bot was built with."""
        return self.state.services

    def user(self, uid: int = 1) -> TelegramUser:
        """A Telegram user talking to this bot."""
        return TelegramUser(self.server, uid)


@asynccontextmanager
async def start_bot(server: FakeBotApi, data_dir: Path, **settings: Any) -> AsyncIterator[RunningBot]:
    """The real bot with these settings against the fake server (answers in a thread unless told otherwise)."""
    values: dict[str, Any] = {"answer_workers": 0, "user_rate_per_minute": 100, **settings}
    async with running_bot(settings_for(server.url, data_dir, **values)) as app:
        yield RunningBot(server, app)


@pytest.fixture
async def bot(server: FakeBotApi, data_dir: Path) -> AsyncIterator[RunningBot]:
    """The bot most tests talk to: seeded knowledge base, answers in a thread, generous rate limit."""
    async with start_bot(server, data_dir) as running:
        yield running


@pytest.fixture
def processes() -> Iterator[list[Any]]:
    """Subprocesses a test started; killed afterwards if a failed assertion left them running."""
    started: list[Any] = []
    yield started
    for proc in started:
        if proc.returncode is None:
            proc.kill()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run (skipped with the reason where it cannot start)."""
    reason = postgres_missing()
    if reason:
        pytest.skip(reason)
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives, once per backend: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "db.sqlite3")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.database()
