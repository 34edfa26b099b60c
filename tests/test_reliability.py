"""What the attack on the bot broke, kept fixed: each test fails on the first wave's code."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sqlite3
import stat
import time
import zipfile
from pathlib import Path

import pytest

from app.question_log import QuestionLog
from app.question_stats import csv_export
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.harness import ADMIN
from bot.loopback.updates import text_update
from knowledge.errors import DocumentError, StoreError
from knowledge.importers import import_bytes
from knowledge.seed import SEEDED_MARKER, open_store
from tests.cli_runner import assert_one_line_error, run_cli, run_cli_process
from tests.conftest import RunningBot, start_bot
from tests.documents import markdown, parsed

NOTE = "\n### Điều 1. Hỗ trợ thử\nDoanh nghiệp được hỗ trợ {text}.\n"


async def test_a_killed_answer_worker_is_replaced(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir, answer_workers=1) as running:
        pool = running.services.pool
        assert pool is not None
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.3)
        reply = await running.user().say("thời hạn bảo hộ nhãn hiệu")
        assert "📌" in reply.text and "Đã có lỗi" not in reply.text


def test_webhook_mode_without_a_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://example.org/hook"}
    assert_one_line_error(run_cli_process("run", "--webhook", data=tmp_path / "data", env=env), "WEBHOOK_SECRET")


def test_a_long_run_of_spaces_in_a_heading_parses_at_once() -> None:
    started = time.perf_counter()
    doc = parsed("\n### Điều 1. a" + " " * 3000 + "b\nNội dung.\n")
    assert time.perf_counter() - started < 2.0  # 64 s before; a hang, not a benchmark
    assert doc.passages[0].heading.startswith("a") and doc.passages[0].heading.endswith("b")


def test_question_log_survives_a_locked_database(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "q.sqlite3", key="k")
    blocker = sqlite3.connect(tmp_path / "q.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    log.record("a", 1, "câu hỏi trong lúc khóa", True, None, None)
    assert not log.flush(timeout=1.0) and log.backlog() >= 1
    blocker.execute("ROLLBACK")
    blocker.close()
    assert log.flush(timeout=10.0), "the writer recovered and wrote the backlog"
    log.record("b", 1, "câu hỏi sau khi mở khóa", False, None, None)
    assert log.flush(timeout=10.0) and log.stats().total == 2
    log.close()


def test_a_docx_bomb_is_refused_before_it_inflates() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (64 * 1024 * 1024) + b"</w:document>")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(DocumentError, match="larger than 20 MB"):
        import_bytes(buffer.getvalue(), "bomb.docx")


def test_a_url_without_scheme_is_refused_in_one_line(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": "1:SECRET", "TELEGRAM_API_URL": "api.telegram.org"}
    proc = run_cli_process("run", data=tmp_path / "data", env=env)
    assert_one_line_error(proc, "TELEGRAM_API_URL")
    assert "SECRET" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("fault", [{"status": 429}, {"status": 502}, {"body": b"{not json"}])
async def test_a_429_502_or_malformed_reply_does_not_lose_the_answer(bot: RunningBot, fault: dict) -> None:
    bot.server.inject("sendMessage", **fault)
    reply = await bot.user().say("thời hạn bảo hộ nhãn hiệu")
    assert "📌" in reply.text and bot.server.refused, "the injected failure happened, and the answer still came"


async def test_a_flooding_user_is_told_once_and_others_are_not_delayed(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir, user_rate_per_minute=2) as running:
        mark = len(server.calls)
        for _ in range(12):
            server.push(text_update("nhãn hiệu bảo hộ bao lâu", uid=66))
        other = await running.user(67).say("thời hạn bảo hộ sáng chế")
        await server.wait_for("sendMessage", count=3, since=mark, where=lambda c: int(c.params["chat_id"]) == 66)
        await asyncio.sleep(0.5)  # a fourth message to the flooder would show by now
        to_flooder = [c for c in server.sent(mark) if int(c.params["chat_id"]) == 66]
        assert len(to_flooder) == 3 and sum("hơi nhanh" in c.params["seen"] for c in to_flooder) == 1
        assert "📌" in other.text


def test_rollback_never_brings_back_a_withdrawn_version(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    meta = {"id": "nq-9", "number": "9/2025/NQ-HĐND", "type": "nghi-quyet"}
    bad = store.publish(store.stage_change([parsed(NOTE.format(text="sai"), **meta)], [], "a", "bad"), "a")
    assert store.rollback("a") == 1
    good = store.publish(store.stage_change([parsed(NOTE.format(text="đúng"), **meta)], [], "a", "good"), "a")
    assert (bad, good) == (2, 3)
    assert store.rollback("a") == 1, "back to what was live before v3, not to v2"


def test_a_stale_stage_cannot_be_published(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    meta = {"id": "nq-9", "number": "9/2025/NQ-HĐND", "type": "nghi-quyet"}
    old = store.stage_change([parsed(NOTE.format(text="một"), **meta)], [], "a", "first")
    store.publish(store.stage_change([parsed(NOTE.format(text="hai"), **meta)], [], "a", "second"), "a")
    with pytest.raises(StoreError, match=r"prepared against version 1 and the live version has changed"):
        store.publish(old, "a")
    # Rolling back to the version it was prepared against does not make the set-aside edit publishable again.
    store.rollback("a")
    pending = store.stage()
    assert store.live_version() == 1 and pending is not None and pending.id == old.id and pending.stale
    with pytest.raises(StoreError, match=r"prepared against version 1 and the live version has changed"):
        store.publish(old, "a")


async def test_admin_commands_do_nothing_in_a_group(bot: RunningBot) -> None:
    await bot.user(5).say("thời hạn bảo hộ nhãn hiệu")
    mark = len(bot.server.calls)
    for command in ("/export", "/stats", "/kb"):
        bot.server.push(text_update(command, uid=ADMIN, chat_id=-100500, chat_type="supergroup"))
    await asyncio.sleep(1.0)
    assert [c.method for c in bot.server.calls[mark:]] == [], "nothing was posted to the group"


def test_user_hashes_are_keyed_private_and_not_plain_sha256(tmp_path: Path) -> None:
    import hashlib

    log = QuestionLog(tmp_path / "q.sqlite3")
    key_file = tmp_path / "q.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert log.user_hash(42) != hashlib.sha256(b"42").hexdigest()[:24]
    assert log.user_hash(42) != QuestionLog(tmp_path / "other.sqlite3").user_hash(42)
    log.close()


async def test_forged_callbacks_are_each_answered(bot: RunningBot) -> None:
    reply = await bot.user().say("thời hạn bảo hộ nhãn hiệu")
    key = reply.button("👍").split("|")[1]
    user = bot.user()
    for data in (f"pg|{key}|-5", f"pg|{key}|²", f"fa|{key}", "ar|nowhere", "ap|50-2005-qh11|zz", "zz|1", "pub|x"):
        call = await user.press_data(reply, data)
        assert call.method == "answerCallbackQuery"
    assert not [c for c in bot.server.sent() if "Đã có lỗi" in c.params["seen"]]


def test_csv_cells_cannot_run_as_formulas() -> None:
    text = csv_export([("2026-01-01", "h", '=HYPERLINK("x")', 1, "+1", "-2", "@SUM")]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-2" in text and "'@SUM" in text


async def test_error_logs_carry_no_chat_id(bot: RunningBot, caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: object) -> object:
        raise RuntimeError("scoring failed")

    bot.services.answer = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR):
        reply = await bot.user(987654321).say("nhãn hiệu")
    assert "lỗi" in reply.text
    assert "987654321" not in caplog.text and "scoring failed" in caplog.text


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("kb", "validate", "BAD_DATE"), "impossible value"), (("kb", "list"), "damaged")],
)
def test_bad_inputs_give_one_line_not_a_traceback(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(markdown(NOTE.format(text="x"), issued="2024-13-45"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "knowledge.sqlite3").write_bytes(b"this is not a database" * 100)
    args = tuple(str(bad) if a == "BAD_DATE" else a for a in args)
    assert_one_line_error(run_cli(*args, data=data), needle)


async def test_a_long_file_name_is_accepted_and_stored_short(bot: RunningBot) -> None:
    name = "nghi-dinh-" + "rat-dai-" * 60 + ".md"
    reply = await bot.user(ADMIN).upload(name, markdown(NOTE.format(text="kho lạnh")).encode())
    assert "Bản nháp" in reply.text
    stored = list((bot.services.settings.bot_data_dir / "uploads").iterdir())
    assert len(stored) == 1 and len(stored[0].name) < 120


async def test_a_refused_upload_is_not_kept(bot: RunningBot) -> None:
    reply = await bot.user(ADMIN).upload("bad.md", b"not a document")
    assert reply.text.startswith("❌")
    assert not list((bot.services.settings.bot_data_dir / "uploads").glob("*"))


async def test_doc_with_a_huge_or_empty_argument(bot: RunningBot) -> None:
    long = await bot.user().say("/doc " + "x" * 4091)
    assert len(long.text) < 300 and "Không tìm thấy" in long.text
    symbols = await bot.user().say("/doc <<<")
    assert "Không tìm thấy" in symbols.text


async def test_a_slow_bot_api_gives_the_answer_and_no_error(server: FakeBotApi, data_dir: Path) -> None:
    async with start_bot(server, data_dir, bot_api_timeout=0.5) as running:
        server.inject("sendMessage", delay=1.0)  # slower than the client waits: the answer still arrives
        mark = len(server.calls)
        server.push(text_update("thời hạn bảo hộ nhãn hiệu", uid=3))
        await server.wait_for("sendMessage", since=mark, where=lambda c: "📌" in c.params.get("seen", ""))
        await asyncio.sleep(0.5)  # an error reply would come at the client's timeout, before the delayed answer
        sent = server.sent(mark)
        assert [("📌" in c.params["seen"]) for c in sent] == [True], "one answer, no 'something went wrong'"
        del running


def test_an_emptied_store_is_refused_not_reseeded(tmp_path: Path) -> None:
    open_store(tmp_path)
    assert (tmp_path / SEEDED_MARKER).exists()
    (tmp_path / "knowledge.sqlite3").write_bytes(b"")
    with pytest.raises(StoreError, match="restore it"):
        open_store(tmp_path)
    assert_one_line_error(run_cli("kb", "list", data=tmp_path), "restore it")


async def test_read_only_views_work_on_a_read_only_store(bot: RunningBot) -> None:
    path = bot.services.store.path
    path.chmod(0o444)
    try:
        listing = await bot.user(ADMIN).say("/kb")
        history = await bot.user(ADMIN).say("/history")
    finally:
        path.chmod(0o644)
    assert "Phiên bản" in listing.text and "v1" in history.text


def test_parse_gaps_are_refused_or_kept() -> None:
    with pytest.raises(DocumentError, match="unknown heading"):
        parsed("\n### Điều 1. A\nx\n\n# Lạc đề\ny\n")
    big = parsed("\n### Điều 9999. A\nx\n\n### Điều 10000. B\ny\n")
    assert [p.article for p in big.passages] == ["9999", "10000"]
    many = "".join(f"\n### Điều {n}. Điều số {n}\nNội dung {n}.\n" for n in range(1, 5003))
    with pytest.raises(DocumentError, match="more than 5000"):
        parsed(many)


def test_a_worker_leaves_when_its_bot_is_killed(data_dir: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import os, sys, time\n"
        "from app.services import build_services\nfrom app.settings import Settings\n"
        "s = build_services(Settings(_env_file=None, bot_data_dir=sys.argv[1], answer_workers=1))\n"
        "s.start_workers()\nprint(*s.pool.worker_pids(), flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)  # fmt: skip
    assert proc.stdout is not None
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert alive == [], "no orphaned worker"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return "Z"
