"""Two bot replicas in webhook mode on one PostgreSQL database, updates sent to each in turn as a load balancer would:
a CLI publish reaches both, a button made on one works on the other, the rate limit is shared, one webhook owner,
and killing one leaves the other answering."""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from app.buttons import ButtonStore
from bot.loopback.calls import Call
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.harness import ADMIN
from bot.loopback.updates import callback_update, text_update
from bot.messages import say
from knowledge.database import open_database
from tests.cli_runner import assert_one_line_error, run_cli_process
from tests.conftest import start_bot
from tests.documents import markdown
from tests.postgres_server import PostgresServer, postgres_missing, postgres_server
from tests.test_run import _start, _until_listening
from tests.test_store import META, NOTE

SECRET = "replica-shared-secret"
_update_ids = itertools.count(1000)


async def _post(port: int, update: dict[str, Any]) -> int:
    """Deliver an update to one replica's webhook, as Telegram through the load balancer would."""
    body = json.dumps({"update_id": next(_update_ids), **update})
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    hook = f"http://127.0.0.1:{port}/hook"
    async with aiohttp.ClientSession() as session, session.post(hook, data=body, headers=headers) as response:
        return response.status


async def _health(port: int) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        data: dict[str, Any] = await response.json()
        return data


async def _reply(server: FakeBotApi, port: int, update: dict[str, Any], method: str = "sendMessage") -> Call:
    mark = len(server.calls)
    assert await _post(port, update) == 200
    (call,) = await server.wait_for(method, since=mark, timeout=20)
    return call


async def _until_stored(url: str, key: str, timeout: float = 20.0) -> None:
    """Until a button's question is in the shared database, where any replica finds it when the button is pressed."""
    # The replica writes it while the reply is sent (the database never delays an answer): a person cannot press the
    # button before the write lands, but a test that presses the moment the reply arrives, on a busy machine, can.
    db = open_database(url)
    try:
        buttons, deadline = ButtonStore(db), time.monotonic() + timeout
        while await asyncio.to_thread(buttons.question, key) is None:
            assert time.monotonic() < deadline, "the button's question never reached the database"
            await asyncio.sleep(0.02)
    finally:
        db.close()


async def test_two_replicas_share_one_database(
    server: FakeBotApi, pg_server: PostgresServer, tmp_path: Path, processes: list[Any], free_port: Callable[[], int]
) -> None:
    url = pg_server.database()
    hooks, metrics = [free_port(), free_port()], [free_port(), free_port()]
    for n in range(2):  # both start together on a new database: it is seeded once, migrated once
        (tmp_path / f"replica{n}").mkdir()
        processes.append(
            await _start(
                server,
                tmp_path / f"replica{n}",
                "run",
                "--webhook",
                DATABASE_URL=url,
                WEBHOOK_URL="https://bot.example.org/hook",
                WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(hooks[n]),
                WEBHOOK_SECRET=SECRET,
                METRICS_PORT=str(metrics[n]),
                USER_RATE_PER_MINUTE="3",
                ANSWER_WORKERS="0",
                KB_CHECK_SECONDS="30",  # so that only NOTIFY can make the publish below arrive in time
                LOG_LEVEL="INFO",
            )
        )
    for n in range(2):
        await _until_listening(hooks[n])
        await _until_listening(metrics[n])
    await server.wait_for("setWebhook", timeout=20)
    await asyncio.sleep(0.3)  # the other replica is listening too: had it called setWebhook, it would show by now
    assert [c.method for c in server.calls].count("setWebhook") == 1, "only the owner tells Telegram"
    assert [c.method for c in server.calls].count("setMyCommands") == 1

    # A button made on replica 0 works on replica 1.
    answer = await _reply(server, hooks[0], text_update("thời hạn bảo hộ nhãn hiệu", uid=7))
    more = next(b["callback_data"] for row in answer.params["reply_markup"]["inline_keyboard"] for b in row
                if "Kết quả khác" in b["text"])  # fmt: skip
    await _until_stored(url, more.split("|")[1])
    edited = await _reply(server, hooks[1], callback_update(answer.result, more, uid=7), method="editMessageText")
    assert "Trang 2/3" in edited.params["seen"]

    # One user's questions are counted together, whichever replica gets them (limit 3 a minute).
    replies = [await _reply(server, hooks[n % 2], text_update(f"evfta {n}", uid=8)) for n in range(4)]
    assert [r.params["text"] == say("vi", "rate_limited") for r in replies] == [False, False, False, True]

    # A publish from the command line reaches both replicas through NOTIFY, well before their 30 s check.
    note = tmp_path / "nq-99.md"
    note.write_text(markdown(NOTE.format(text="chi phí thuê kho lạnh ở Đông Anh"), **META), encoding="utf-8")
    cli = {"DATABASE_URL": url}
    imported = await asyncio.to_thread(run_cli_process, "kb", "import", str(note), data=tmp_path / "cli", env=cli)
    assert imported.returncode == 0, imported.stderr
    started = time.monotonic()
    published = await asyncio.to_thread(run_cli_process, "kb", "publish", data=tmp_path / "cli", env=cli)
    assert published.returncode == 0, published.stderr
    while [(await _health(port))["kb_version"] for port in metrics] != [2, 2]:
        assert time.monotonic() - started < 5 + 3, "the publish did not reach both replicas within 5 s"
        await asyncio.sleep(0.05)
    found = await _reply(server, hooks[1], text_update("hỗ trợ chi phí thuê kho lạnh ở Đông Anh", uid=9))
    assert "99/2024/NQ-HĐND" in found.params["seen"]

    # SIGKILL one replica: the other keeps answering, and nothing committed is lost.
    processes[0].send_signal(signal.SIGKILL)
    await processes[0].wait()
    survivor = await _reply(server, hooks[1], text_update("evfta co hieu luc khi nao", uid=10))
    assert "EVFTA" in survivor.params["seen"]
    assert (await _health(metrics[1]))["kb_version"] == 2
    processes[1].send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(processes[1].communicate(), 30)
    assert processes[1].returncode == 0, stderr.decode()[-2000:]


@pytest.mark.skipif(postgres_missing() is not None, reason=str(postgres_missing()))
async def test_postgres_going_away_keeps_the_bot_answering(
    server: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The question log retries a failing database every 0.5-5 s; a tenth of that shows the same, sooner.
    monkeypatch.setattr("app.question_log.RETRY_S", (0.05, 0.1, 0.2, 0.5))
    with postgres_server() as own:  # its own server: this test stops it
        url = own.database()
        async with start_bot(server, tmp_path / "data", database_url=url, kb_check_seconds=0.1) as bot:
            user = bot.user(11)
            await user.say("thời hạn bảo hộ nhãn hiệu")
            own.stop()
            during = await user.say("evfta co hieu luc khi nao")  # answered from the index in memory
            assert "EVFTA" in during.text
            pressed = await user.press(during, "➡️ Kết quả khác", method="editMessageText")  # its button too
            assert "Trang 2/3" in pressed.params["seen"]
            refused = await bot.user(ADMIN).say("/rollback")  # an admin write: one line, nothing half-done
            assert "\n" not in refused.text.strip() and "PostgreSQL" in refused.text
            await asyncio.sleep(0.5)
            lost = [r for r in caplog.records if "live_check_failed" in r.getMessage()]
            assert len(lost) == 1, "the outage is said once, not at every check"
            own.start()
            log = bot.services.question_log()
            assert await asyncio.to_thread(log.flush, 20.0), "the rows kept meanwhile are written once it is back"
            assert (await asyncio.to_thread(log.stats)).total == 2
            after = await user.say("thời hạn bảo hộ sáng chế")
            assert "Luật Sở hữu trí tuệ" in after.text


def test_bench_with_replicas_reports_throughput_and_publish_reach(pg_server: PostgresServer, tmp_path: Path) -> None:
    url = pg_server.database()
    proc = run_cli_process(
        "bench", "--replicas", "2", "--database-url", url, "--users", "3", "--per-user", "2", "--think-ms", "0",
        "--json", data=tmp_path / "data",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert (result["replicas"], result["updates"]) == (2, 6)
    assert 0 < result["latency_ms"]["p50"] <= result["latency_ms"]["p95"]
    assert 0 < result["publish_to_all_s"] < 5, "a publish reaches every replica within 5 s"
    assert url not in proc.stdout + proc.stderr, "the database URL (it may hold a password) is never printed"


def test_bench_with_replicas_refuses_the_bots_own_database_and_bad_questions(tmp_path: Path) -> None:
    url = "postgresql://bench:secret@127.0.0.1:1/bot"
    own = run_cli_process("bench", "--replicas", "2", "--database-url", url, data=tmp_path, env={"DATABASE_URL": url})
    assert_one_line_error(own, "DATABASE_URL")
    bad = tmp_path / "q.json"
    bad.write_text('[{"question": "x", ', encoding="utf-8")
    other = "postgresql://bench:secret@127.0.0.1:1/scratch"
    args = ("bench", "--replicas", "1", "--database-url", other, "--questions", str(bad))
    broken = run_cli_process(*args, data=tmp_path)
    assert_one_line_error(broken, "q.json")
    assert "secret" not in own.stderr + broken.stderr
