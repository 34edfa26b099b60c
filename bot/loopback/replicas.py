"""`bench --replicas N`: N webhook replicas on one PostgreSQL database behind a round-robin sender.

The fake Bot API and the simulated users run in this process; each replica is a real `run --webhook` process.
Updates go to the replicas in turn, as a load balancer would send them, and each reply is timed from the POST
to the replica until the sendMessage that answers it. Then a publish made here (as `kb publish` would) is
timed until every replica's /healthz serves the new version; it is rolled back afterwards.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import socket
import statistics
import sys
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import aiohttp

from bot.loopback.fake_api import TOKEN, FakeBotApi
from bot.loopback.loadgen import reply_times
from bot.loopback.updates import text_update
from knowledge.markdown import parse_document
from knowledge.store import Store

__all__ = ["run_replicas"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # holds the cli, bot, app... packages

SECRET = "bench-replicas-secret"
PROBE = """---
id: bench-probe
number: 0/BENCH
title: Văn bản thử của bench
type: huong-dan
issuer: bench
status: con-hieu-luc
url: https://example.org/bench-probe
topics: [kh-cn]
kind: summary
---
### Điều 1. Thử
Văn bản này do bench xuất bản để đo thời gian đến mọi bản sao, rồi được thu hồi ngay.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Replica:
    """One `run --webhook` process and its two ports."""

    def __init__(self, number: int, hook: int, health: int, process: asyncio.subprocess.Process) -> None:
        self.number, self.hook, self.health, self.process = number, hook, health, process

    async def version(self, session: aiohttp.ClientSession) -> int | None:
        """The knowledge-base version it serves, or None while it is not up."""
        try:
            async with session.get(f"http://127.0.0.1:{self.health}/healthz") as response:
                return int((await response.json())["kb_version"])
        except (aiohttp.ClientError, ValueError, KeyError):
            return None

    async def listening(self) -> bool:
        """Whether its webhook accepts connections (it opens after /healthz, once the bot has started)."""
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", self.hook)
        except OSError:
            return False
        writer.close()
        return True

    async def stop(self) -> None:
        """SIGTERM, then wait for a clean exit; SIGKILL after 30 s."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


async def _start_replica(number: int, server: FakeBotApi, database_url: str, data: Path) -> Replica:
    hook, health = _free_port(), _free_port()
    data.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_URL": database_url,
        "BOT_DATA_DIR": str(data),
        "WEBHOOK_URL": "https://bench.invalid/hook",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(hook),
        "WEBHOOK_SECRET": SECRET,
        "METRICS_PORT": str(health),
        "USER_RATE_PER_MINUTE": "1000000",  # the bench's users ask far faster than people do
        "FLOOD_LIMIT_OVERALL": "1000000",  # measure the replicas, not Telegram's send limit (30/s per bot)
        "LOG_LEVEL": "WARNING",
        # `-m cli` from the replica's own directory: found through the path of this checkout or installation.
        "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli", "run", "--webhook", env=env, cwd=data, stdout=asyncio.subprocess.DEVNULL
    )
    return Replica(number, hook, health, process)


async def _until_up(replicas: list[Replica], session: aiohttp.ClientSession, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while any([await r.version(session) is None or not await r.listening() for r in replicas]):
        if time.monotonic() > deadline or any(r.process.returncode is not None for r in replicas):
            raise RuntimeError("a replica did not start (run it alone with the same settings to see why)")
        await asyncio.sleep(0.1)


async def _load(
    replicas: list[Replica], server: FakeBotApi, session: aiohttp.ClientSession, plan: dict[str, Any]
) -> dict[str, Any]:
    """Users ask their questions, each update to the next replica in turn; times from POST to reply."""
    waiting = reply_times(server)
    turn, update_ids = itertools.count(), itertools.count(1)
    latencies: list[float] = []
    questions: list[str] = plan["questions"]

    async def user(uid: int, count: int) -> None:
        for n in range(count):
            waiting[uid] = asyncio.get_running_loop().create_future()
            replica = replicas[next(turn) % len(replicas)]
            body = json.dumps(
                {"update_id": next(update_ids), **text_update(questions[(uid * 7919 + n) % len(questions)], uid=uid)}
            )
            sent = time.perf_counter()
            headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with session.post(f"http://127.0.0.1:{replica.hook}/hook", data=body, headers=headers) as response:
                response.raise_for_status()
            latencies.append(await asyncio.wait_for(waiting[uid], 60) - sent)
            await asyncio.sleep(plan["think_ms"] / 1000)

    await asyncio.gather(*(user(100 + i, 3) for i in range(2 * len(replicas))))  # warm-up: every replica answers
    latencies.clear()
    started = time.perf_counter()
    await asyncio.gather(*(user(1000 + i, plan["per_user"]) for i in range(plan["users"])))
    elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "updates": len(ms),
        "seconds": round(elapsed, 2),
        "updates_per_s": round(len(ms) / elapsed, 1),
        "latency_ms": {"p50": round(statistics.median(ms), 1), "p95": round(ms[int(0.95 * (len(ms) - 1))], 1)},
    }


async def _publish_latency(replicas: list[Replica], database_url: str, session: aiohttp.ClientSession) -> float:
    """Seconds from a publish's commit until every replica serves it; the probe is rolled back afterwards."""
    store = await asyncio.to_thread(Store, database_url)
    try:
        before = await asyncio.to_thread(store.live_version)
        probe = parse_document(PROBE, "bench-probe.md")
        stage = await asyncio.to_thread(store.stage_change, [probe], [], "bench", "bench probe")
        version = await asyncio.to_thread(store.publish, stage, "bench")
        try:
            started = time.perf_counter()
            while [await r.version(session) for r in replicas] != [version] * len(replicas):
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the publish did not reach every replica within 60 s")
                await asyncio.sleep(0.01)
            return time.perf_counter() - started
        finally:  # back to the version that was live before the probe, whatever happened meanwhile
            await asyncio.to_thread(store.rollback, "bench", before)
    finally:
        store.db.close()


async def run_replicas(count: int, database_url: str, data_root: Path, plan: dict[str, Any]) -> dict[str, Any]:
    """Start `count` replicas, load them round-robin, time a publish to all of them; the figures as a dict.

    SIGTERM or Ctrl-C cancels the run, which still stops every replica (and rolls back the probe) on the way out.
    """
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    assert task is not None
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    server = FakeBotApi(TOKEN)
    await server.start()
    async with AsyncExitStack() as stack:
        stack.push_async_callback(server.stop)
        session = await stack.enter_async_context(aiohttp.ClientSession())
        replicas: list[Replica] = []
        for n in range(count):  # one after another: the first seeds and migrates a new database
            for attempt in range(3):
                replica = await _start_replica(n, server, database_url, data_root / f"replica{n}")
                stack.push_async_callback(replica.stop)
                try:
                    await _until_up([replica], session)
                    break
                except RuntimeError:
                    # Its ports were free when picked but may have been taken before it bound them: new ports.
                    if replica.process.returncode is None or attempt == 2:
                        raise
            replicas.append(replica)
        load = await _load(replicas, server, session, plan)
        publish_s = await _publish_latency(replicas, database_url, session)
    return {"replicas": count, "users": plan["users"], "think_ms": plan["think_ms"], **load,
            "publish_to_all_s": round(publish_s, 3)}  # fmt: skip
