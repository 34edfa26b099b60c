"""20 publishes in a row while 50 users keep asking: no question fails, no answer mixes two versions."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

from app import kb_admin
from bot.loopback.calls import Call
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.updates import text_update
from tests.conftest import start_bot
from tests.documents import parsed

BODY = """
### Điều 1. Hỗ trợ thuê kho lạnh
Đợt {n}: doanh nghiệp được hỗ trợ thuê kho lạnh bảo quản nông sản.

### Điều 2. Hồ sơ thuê kho lạnh
Đợt {n}: hồ sơ thuê kho lạnh gồm hợp đồng và hóa đơn.
"""
META = {
    "id": "kho-lanh",
    "number": "98/2025/NĐ-CP",
    "title": "Nghị định thử nghiệm về kho lạnh",
    "url": "https://example.org/98-2025",
}
MARKER = re.compile(r"Đợt (\d+)")
THINK_S = 1.0  # each simulated user's pause between questions: still 50 questions a second in all


async def test_twenty_publishes_while_fifty_users_ask(server: FakeBotApi, data_dir: Path) -> None:
    replies: dict[int, asyncio.Future[Call]] = {}

    def on_call(call: Call) -> None:
        if call.method == "sendMessage" and (future := replies.pop(int(call.params["chat_id"]), None)):
            future.set_result(call)

    server.listeners.append(on_call)
    async with start_bot(server, data_dir, user_rate_per_minute=10**6, answer_workers=1) as running:
        services = running.services
        stage = services.store.stage_change([parsed(BODY.format(n=0), **META)], [], "tg:42", "v0")
        kb_admin.publish(services, "tg:42", stage.id)
        done = asyncio.Event()
        seen: list[set[str]] = []
        failures: list[str] = []

        async def user(uid: int) -> None:
            while not done.is_set():
                replies[uid] = asyncio.get_running_loop().create_future()
                server.push(text_update("hồ sơ và mức hỗ trợ thuê kho lạnh", uid=uid))
                text = (await asyncio.wait_for(replies[uid], 60)).params["seen"]
                if "📌" not in text:
                    failures.append(text)
                seen.append(set(MARKER.findall(text)))
                await asyncio.sleep(THINK_S)  # a person reads the answer before asking again

        users = [asyncio.create_task(user(1000 + i)) for i in range(50)]
        started = time.perf_counter()
        for n in range(1, 21):
            document = parsed(BODY.format(n=n), **META)
            stage = await asyncio.to_thread(services.store.stage_change, [document], [], "tg:42", f"v{n}")
            await asyncio.to_thread(kb_admin.publish, services, "tg:42", stage.id)
        elapsed = time.perf_counter() - started
        during = len(seen)
        while len(seen) < during + 50:  # about one more answer each, from the final version
            await asyncio.sleep(0.05)
        done.set()
        await asyncio.gather(*users)
    assert failures == [], failures[:2]
    assert len(seen) >= 100, "users kept asking throughout"
    mixed = [markers for markers in seen if len(markers) > 1]
    assert mixed == [], "an answer showed passages from two versions"
    assert {m for markers in seen for m in markers} >= {"0", "20"}, "answers followed the publishes"
    assert services.store.live_version() == 22
    print(f"\n20 publishes in {elapsed:.1f} s while 50 users asked {during} questions; {len(seen)} in all, 0 failed")
