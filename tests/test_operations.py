"""Operating the bot for real, through the Telegram stack: buttons after a restart, a CLI publish reaching the
running bot, retention as a job, /stats without matplotlib."""

from __future__ import annotations

import asyncio
import builtins
import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from bot.loopback.fake_api import FakeBotApi
from bot.loopback.harness import ADMIN
from bot.messages import say
from tests.cli_runner import run_cli_process
from tests.conftest import start_bot
from tests.documents import markdown
from tests.test_store import META, NOTE


async def test_answer_buttons_work_after_a_restart(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir) as bot:
        answer = await bot.user().say("thời hạn bảo hộ nhãn hiệu")
    assert "➡️ Kết quả khác" in answer.buttons()
    async with start_bot(server, data_dir) as bot:  # a new process: nothing of the old one is in memory
        edited = await bot.user().press(answer, "➡️ Kết quả khác", method="editMessageText")  # page 2, recomputed
        assert "Trang 2/3" in edited.params["seen"] and "Luật Sở hữu trí tuệ" in edited.params["seen"]
        full = await bot.user().press(answer, "📖")  # the full article is a new message: sent only if not expired
        assert "Điều 93" in full.params["seen"]
        thanked = await bot.user().press(answer, "👍", method="answerCallbackQuery")
        assert thanked.params["text"] == say("vi", "thanks")


async def test_a_forgotten_button_still_says_it_expired(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir) as bot:
        answer = await bot.user().say("thời hạn bảo hộ nhãn hiệu")
        key = answer.button("➡️ Kết quả khác").split("|")[1]
        while await asyncio.to_thread(bot.services.buttons.question, key) is None:  # written beside the reply
            await asyncio.sleep(0.02)
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
        assert await asyncio.to_thread(bot.services.buttons.prune, later) >= 1
    async with start_bot(server, data_dir) as bot:
        pressed = await bot.user().press(answer, "➡️ Kết quả khác", method="answerCallbackQuery")
        assert pressed.params["text"] == say("vi", "expired")


async def test_a_cli_publish_reaches_the_running_bot(server: FakeBotApi, data_dir: Path, tmp_path: Path) -> None:
    note = tmp_path / "nq-99.md"
    note.write_text(markdown(NOTE.format(text="chi phí thuê kho lạnh ở Đông Anh"), **META), encoding="utf-8")
    async with start_bot(server, data_dir, kb_check_seconds=0.2) as bot:
        before = await bot.user().say("hỗ trợ chi phí thuê kho lạnh ở Đông Anh")
        assert "99/2024/NQ-HĐND" not in before.text
        imported = await asyncio.to_thread(run_cli_process, "kb", "import", str(note), data=data_dir)
        assert imported.returncode == 0, imported.stderr
        published = await asyncio.to_thread(run_cli_process, "kb", "publish", data=data_dir)  # a process, as ops do
        assert published.returncode == 0, published.stderr
        started = time.monotonic()
        while bot.services.live.engine.version != 2:
            assert time.monotonic() - started < 10, "the publish never reached the running bot"
            await asyncio.sleep(0.05)
        after = await bot.user().say("hỗ trợ chi phí thuê kho lạnh ở Đông Anh")
        assert "99/2024/NQ-HĐND" in after.text


async def test_retention_runs_as_a_job_at_start(
    server: FakeBotApi, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with start_bot(server, data_dir) as bot:
        await bot.user().say("thời hạn bảo hộ nhãn hiệu")
        log = bot.services.question_log()
        assert log.flush()
    real_purge = type(log).purge

    def purge_as_if_later(self: Any, now: dt.datetime | None = None) -> int:
        return real_purge(self, dt.datetime.now(dt.UTC) + dt.timedelta(days=3))

    monkeypatch.setattr(type(log), "purge", purge_as_if_later)
    async with start_bot(server, data_dir, analytics_retention_days=1) as bot:
        started = time.monotonic()
        while (await asyncio.to_thread(bot.services.question_log().stats)).total:
            assert time.monotonic() - started < 10, "nobody ran /stats, and the old question was never purged"
            await asyncio.sleep(0.1)
        assert bot.app.job_queue is not None and bot.app.job_queue.jobs(), "a daily job is scheduled"


async def test_stats_without_matplotlib_sends_a_text_chart(
    server: FakeBotApi, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "matplotlib":
            raise ImportError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None if name == "matplotlib" else object())
    async with start_bot(server, data_dir) as bot:
        await bot.user(77).say("thời hạn bảo hộ nhãn hiệu")
        mark = len(server.calls)
        stats = await bot.user(ADMIN).say("/stats")
        assert "1 câu hỏi" in stats.text and any(bar in stats.text for bar in "▁▂▃▄▅▆▇█")
        await asyncio.sleep(0.3)
        assert not [c for c in server.calls[mark:] if c.method == "sendPhoto"]
