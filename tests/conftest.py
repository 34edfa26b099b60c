"""Shared fixtures: paths, a temporary data directory, and the shared reference material."""

from __future__ import annotations

import io
import zipfile
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


def make_docx(paragraphs: list[str]) -> bytes:
    """A minimal .docx (zipped WordprocessingML) with one paragraph per item."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()
