"""Observability end to end: /healthz and /metrics served by the running bot, answers, retries and errors counted."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import BotStartError
from bot.loopback.fake_api import BOT_USERNAME, TOKEN, FakeBotApi
from tests.conftest import RunningBot, start_bot
from tests.test_run import _start, _stop, _until_listening

ANSWERED = "nhãn hiệu được bảo hộ bao nhiêu năm"
OUT_OF_SCOPE = "Thời tiết Hà Nội ngày mai thế nào?"
UNSURE_EN = "what support is there"


async def _get(port: int, path: str) -> tuple[str, Any]:
    """The Content-Type and body (JSON for /healthz, text otherwise) of GET http://127.0.0.1:port/path."""
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}{path}") as response:
        assert response.status == 200
        body = await response.json() if path == "/healthz" else await response.text()
        return response.headers["Content-Type"], body


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus exposition: (name, labels) -> value."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_health_and_metrics_report_what_users_asked(
    server: FakeBotApi, data_dir: Path, caplog: pytest.LogCaptureFixture, free_port: Callable[[], int]
) -> None:
    caplog.set_level(logging.INFO)
    port = free_port()
    async with start_bot(server, data_dir, metrics_port=port) as running:
        user = running.user()
        for question in (ANSWERED, OUT_OF_SCOPE, UNSURE_EN):
            await user.say(question)
        version = running.services.live.engine.version
        _, health = await _get(port, "/healthz")
        content_type, text = await _get(port, "/metrics")
    assert health["status"] == "ok" and health["kb_version"] == version
    assert health["mode"] == "polling" and health["bot"] == BOT_USERNAME and health["question_log_backlog"] >= 0
    assert content_type.startswith("text/plain") and "version=" in content_type
    samples = _samples(text)

    def questions(outcome: str, language: str) -> float:
        return samples[("bot_questions_total", frozenset({("outcome", outcome), ("language", language)}))]

    assert (questions("answered", "vi"), questions("refused", "vi"), questions("unsure", "en")) == (1, 1, 1)
    assert questions("unsure", "vi") == 0, "every series exists from the start"
    assert samples[("bot_answer_seconds_count", frozenset())] == 3
    assert samples[("bot_kb_version", frozenset())] == version
    assert ("bot_question_log_backlog", frozenset()) in samples
    lines = [r.getMessage() for r in caplog.records]
    started = f"started mode=polling bot=@{BOT_USERNAME} kb_version={version} "
    assert any(line.startswith(started) and line.endswith(f"metrics=127.0.0.1:{port}") for line in lines), lines
    answers = [line for line in lines if line.startswith("event=answer ")]
    assert len(answers) == 3 and answers[0].startswith("event=answer outcome=answered lang=vi ms=")
    assert not any(q in line for q in (ANSWERED, OUT_OF_SCOPE, UNSURE_EN) for line in lines), "questions stay private"


async def test_bot_api_retries_are_counted_by_cause(bot: RunningBot) -> None:
    bot.server.inject("sendMessage", body=b"{not json")
    bot.server.inject("sendMessage", status=429)
    reply = await bot.user().say(ANSWERED)
    registry = bot.services.metrics.registry
    assert "📌" in reply.text and len(bot.server.refused) == 2
    assert registry.get_sample_value("bot_api_retries_total", {"status": "malformed"}) == 1
    assert registry.get_sample_value("bot_api_retries_total", {"status": "429"}) == 1


async def test_handler_errors_are_counted_by_kind(bot: RunningBot, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(bot.services, "answer", broken)
    reply = await bot.user().say(ANSWERED)
    assert "lỗi" in reply.text
    assert bot.services.metrics.registry.get_sample_value("bot_errors_total", {"kind": "RuntimeError"}) == 1


async def test_a_taken_metrics_port_is_a_one_line_start_error(server: FakeBotApi, data_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(BotStartError) as caught:
            async with start_bot(server, data_dir, metrics_port=port):
                pass
    message = str(caught.value)
    assert "\n" not in message and f"127.0.0.1:{port}" in message and "METRICS_PORT" in message


async def test_webhook_mode_serves_health_and_a_taken_port_exits_2_in_one_line(
    server: FakeBotApi, data_dir: Path, processes: list[asyncio.subprocess.Process], free_port: Callable[[], int]
) -> None:
    hook, metrics = free_port(), free_port()
    url = f"http://127.0.0.1:{hook}/hook"
    webhook = {"WEBHOOK_URL": url, "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(hook), "WEBHOOK_SECRET": "s"}
    with socket.socket() as taken:  # both bots start at once: the suite waits for one start-up, not two
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        refused = await _start(server, data_dir.parent, METRICS_PORT=str(port), LOG_LEVEL="WARNING")
        proc = await _start(server, data_dir.parent, "run", "--webhook", METRICS_PORT=str(metrics), **webhook)
        processes.extend([refused, proc])
        _, stderr = await asyncio.wait_for(refused.communicate(), 60)
    lines = stderr.decode().strip().splitlines()
    assert refused.returncode == 2 and len(lines) == 1 and f"127.0.0.1:{port}" in lines[0], lines
    await server.wait_for("setWebhook", timeout=60)
    await _until_listening(metrics)
    _, health = await _get(metrics, "/healthz")
    assert health["status"] == "ok" and health["mode"] == "webhook" and health["kb_version"] >= 1
    logs = await _stop(proc)
    assert "started mode=webhook bot=@" in logs and f"metrics=127.0.0.1:{metrics}" in logs
    assert TOKEN not in logs
