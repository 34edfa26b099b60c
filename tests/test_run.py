"""`python run_bot.py` as users run it: polling and webhook against the fake Bot API, SIGTERM, no token in logs."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import aiohttp

from bot.loopback.fake_api import TOKEN, FakeBotApi
from bot.loopback.updates import text_update
from tests.cli_runner import assert_one_line_error, run_cli_process
from tests.conftest import ROOT


async def _start(server: FakeBotApi, tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    environ = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "BOT_DATA_DIR": str(tmp_path / "data"),
        "LOG_LEVEL": "DEBUG",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "run_bot.py"),
        *args,
        env=environ,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _until_listening(port: int, timeout: float = 30.0) -> None:
    """setWebhook can come just before the webhook server accepts connections."""
    for _ in range(int(timeout / 0.1)):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise TimeoutError(f"nothing listens on port {port}")


async def _stop(proc: asyncio.subprocess.Process) -> str:
    proc.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, stderr.decode()
    return stderr.decode()


async def test_polling_answers_and_stops_on_sigterm(server: FakeBotApi, tmp_path: Path, processes: list) -> None:
    proc = await _start(server, tmp_path)
    processes.append(proc)
    await server.wait_for("getMe", timeout=60)
    await server.wait_for("setMyCommands", timeout=30)
    server.push(text_update("thời hạn bảo hộ nhãn hiệu"))
    (reply,) = await server.wait_for("sendMessage", timeout=30)
    assert "Luật Sở hữu trí tuệ" in reply.params["seen"]
    logs = await _stop(proc)
    assert TOKEN not in logs and TOKEN.split(":")[1] not in logs, "the token must never reach the logs"
    assert "getUpdates" in logs or "Application" in logs  # debug logging really ran


async def test_webhook_mode_checks_the_secret_token(
    server: FakeBotApi, tmp_path: Path, processes: list, free_port: Callable[[], int]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    proc = await _start(
        server,
        tmp_path,
        "run",
        "--webhook",
        WEBHOOK_URL=url,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET="s3cret-value",
    )
    processes.append(proc)
    (hook,) = await server.wait_for("setWebhook", timeout=60)
    assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret-value"
    await _until_listening(port)
    update = {"update_id": 1, **text_update("evfta co hieu luc khi nao")}
    async with aiohttp.ClientSession() as session:
        async with session.post(
            url,
            data=json.dumps(update),
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong"},
        ) as bad:
            assert bad.status == 403
        async with session.post(
            url,
            data=json.dumps(update),
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret-value"},
        ) as good:
            assert good.status == 200
    (reply,) = await server.wait_for("sendMessage", timeout=30)
    assert "EVFTA" in reply.params["seen"]
    assert len(server.sent()) == 1, "the update with a wrong secret was not processed"
    logs = await _stop(proc)
    assert TOKEN not in logs


def test_an_unreachable_bot_api_or_a_taken_webhook_port_is_one_line_at_info_level(tmp_path: Path) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}"
    env = {"TELEGRAM_BOT_TOKEN": "1:SECRET", "TELEGRAM_API_URL": dead, "LOG_LEVEL": "INFO"}
    polling = run_cli_process("run", data=tmp_path / "data", env=env)
    assert_one_line_error(polling, "cannot reach the Bot API", dead)  # not python-telegram-bot's traceback first
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        webhook = {"WEBHOOK_URL": "https://bot.example.org/hook", "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_SECRET": "s"}
        env |= webhook | {"WEBHOOK_PORT": str(taken.getsockname()[1])}
        busy = run_cli_process("run", "--webhook", data=tmp_path / "data", env=env)
    assert_one_line_error(busy, "WEBHOOK_PORT")  # and no "started" line from a bot that never listened
    assert "SECRET" not in polling.stderr + busy.stderr
