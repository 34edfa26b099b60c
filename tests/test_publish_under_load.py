"""20 publishes in a row while 50 users keep asking: no question fails, no answer mixes two versions."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

from cli import kbops
from knowledge.parse import parse_document
from tests.fakebot import Call, FakeBotApi
from tests.telegram_helpers import running_bot, settings_for, text_update

DOC = """---
id: kho-lanh
number: 98/2025/NĐ-CP
title: Nghị định thử nghiệm về kho lạnh
type: nghi-dinh
issuer: Chính phủ
status: con-hieu-luc
url: https://example.org/98-2025
topics: [dnnvv]
kind: summary
---

### Điều 1. Hỗ trợ thuê kho lạnh
Đợt {n}: doanh nghiệp được hỗ trợ thuê kho lạnh bảo quản nông sản.

### Điều 2. Hồ sơ thuê kho lạnh
Đợt {n}: hồ sơ thuê kho lạnh gồm hợp đồng và hóa đơn.
"""
MARKER = re.compile(r"Đợt (\d+)")


async def test_twenty_publishes_while_fifty_users_ask(server: FakeBotApi, tmp_path: Path) -> None:
    settings = settings_for(server.url, tmp_path / "data", user_rate_per_minute=10**6)
    replies: dict[int, asyncio.Future[Call]] = {}

    def on_call(call: Call) -> None:
        if call.method == "sendMessage" and (future := replies.pop(int(call.params["chat_id"]), None)):
            future.set_result(call)

    server.listeners.append(on_call)
    async with running_bot(settings, server) as running:
        services = running.app.bot_data["state"].services
        stage = services.store.stage_change([parse_document(DOC.format(n=0), "k.md")], [], "tg:42", "v0")
        kbops.publish(services, "tg:42", stage.id)
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

        users = [asyncio.create_task(user(1000 + i)) for i in range(50)]
        started = time.perf_counter()
        for n in range(1, 21):
            document = parse_document(DOC.format(n=n), "k.md")
            stage = await asyncio.to_thread(services.store.stage_change, [document], [], "tg:42", f"v{n}")
            await asyncio.to_thread(kbops.publish, services, "tg:42", stage.id)
        elapsed = time.perf_counter() - started
        during = len(seen)
        while len(seen) < during + 100:  # every user gets answers from the final version too
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
