"""Shared fixtures: paths, a temporary data directory, and the shared reference material."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakebot import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with a reason when it is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only present in the development checkout")
    return path


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BOT_DATA_DIR in a fresh temporary directory, and no token in the environment."""
    target = tmp_path / "data"
    monkeypatch.setenv("BOT_DATA_DIR", str(target))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return target


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API server on 127.0.0.1, for the bot token the tests use."""
    from tests.telegram_helpers import TOKEN

    fake = FakeBotApi(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()
