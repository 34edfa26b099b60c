"""Load generator for `bench`: the fake Bot API plus N simulated users, in their own process.

It prints the server URL, waits for the bot's first getUpdates, lets every user ask `per_user`
questions (waiting for each reply, then thinking `think_ms`), and prints the figures as JSON.
Running apart from the bot keeps the server's own CPU out of the bot's measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bot.loopback.calls import Call
from bot.loopback.fake_api import TOKEN, FakeBotApi
from bot.loopback.updates import text_update


def question_texts(path: Path) -> list[str]:
    """The questions of a file of ours or of ALQAC (objects with "question" or "text"), or plain strings.

    Raises OSError, ValueError or TypeError for a file that is not such a list.
    """
    items = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise TypeError("expected a JSON list of questions")
    return [str(q.get("text") or q.get("question")) if isinstance(q, dict) else str(q) for q in items]


def reply_times(server: FakeBotApi) -> dict[int, asyncio.Future[float]]:
    """Futures by chat id, each set to the time the bot's next sendMessage to that chat arrives."""
    waiting: dict[int, asyncio.Future[float]] = {}

    def on_call(call: Call) -> None:
        if call.method == "sendMessage":
            future = waiting.pop(int(call.params["chat_id"]), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    server.listeners.append(on_call)
    return waiting


async def run(users: int, per_user: int, think_ms: float, questions: list[str]) -> dict[str, Any]:
    server = FakeBotApi(TOKEN)
    await server.start()
    print(server.url, flush=True)
    waiting = reply_times(server)
    await server.wait_for("setMyCommands", timeout=120)
    latencies: list[float] = []
    rng = random.Random(7)

    async def user(uid: int, count: int) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(rng.random() * think_ms / 1000)  # users do not all start at the same instant
        for n in range(count):
            waiting[uid] = loop.create_future()
            sent = time.perf_counter()
            server.push(text_update(questions[(uid * 7919 + n) % len(questions)], uid=uid))
            latencies.append(await asyncio.wait_for(waiting[uid], 60) - sent)
            await asyncio.sleep(think_ms / 1000)

    await asyncio.gather(*(user(100 + i, 3) for i in range(4)))  # warm-up
    latencies.clear()
    started = time.perf_counter()
    await asyncio.gather(*(user(1000 + i, per_user) for i in range(users)))
    elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    result = {
        "users": users,
        "think_ms": think_ms,
        "updates": len(ms),
        "seconds": round(elapsed, 2),
        "updates_per_s": round(len(ms) / elapsed, 1),
        "latency_ms": {
            "p50": round(statistics.median(ms), 1),
            "p95": round(ms[int(0.95 * (len(ms) - 1))], 1),
            "max": round(ms[-1], 1),
        },
    }
    print(json.dumps(result), flush=True)
    # Keep serving until the bot has stopped polling (the bench closes our stdin then).
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--per-user", type=int, default=20)
    parser.add_argument("--think-ms", type=float, default=0.0)
    parser.add_argument("--questions", required=True)
    args = parser.parse_args()
    asyncio.run(run(args.users, args.per_user, args.think_ms, question_texts(Path(args.questions))))
    sys.exit(0)


if __name__ == "__main__":
    main()
