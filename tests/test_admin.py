"""Admins keep the knowledge base current from Telegram: upload, preview, publish, roll back, refuse bad files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_docx
from tests.fakebot import FakeBotApi
from tests.telegram_helpers import ADMIN, RunningBot, callback_update, message, running_bot, settings_for, text_update

DECREE = """---
id: 99-2025-nd-cp
number: 99/2025/NĐ-CP
title: Nghị định thử nghiệm về hỗ trợ kho lạnh nông sản
type: nghi-dinh
issuer: Chính phủ
issued: 2025-05-01
effective: 2025-07-01
status: con-hieu-luc
url: https://example.org/99-2025
topics: [dnnvv]
kind: summary
---

### Điều 1. Hỗ trợ thuê kho lạnh nông sản
Doanh nghiệp nông sản được hỗ trợ 30% chi phí thuê kho lạnh bảo quản hàng xuất khẩu.

### Điều 2. Hồ sơ đề nghị hỗ trợ kho lạnh
Hồ sơ gồm hợp đồng thuê kho lạnh và hóa đơn thanh toán.
"""
QUESTION = "doanh nghiep nong san duoc ho tro thue kho lanh bao nhieu"


@pytest.fixture
async def bot(server: FakeBotApi, tmp_path: Path) -> AsyncIterator[RunningBot]:
    settings = settings_for(server.url, tmp_path / "data", answer_workers=0)
    async with running_bot(settings, server) as running:
        yield running


async def send(server: FakeBotApi, update: dict[str, Any], method: str = "sendMessage") -> dict[str, Any]:
    mark = len(server.calls)
    server.push(update)
    (call,) = await server.wait_for(method, since=mark)
    return call.params


def upload(server: FakeBotApi, name: str, data: bytes, uid: int = ADMIN, size: int | None = None) -> dict[str, Any]:
    file_id = f"f{len(server.files)}"
    server.add_file(file_id, data)
    document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name,
                "file_size": len(data) if size is None else size}
    return {"message": message(None, uid=uid, document=document)}


async def press(server: FakeBotApi, params: dict[str, Any], label: str, uid: int = ADMIN) -> dict[str, Any]:
    buttons = [b for row in params["reply_markup"]["inline_keyboard"] for b in row]
    data = next(b["callback_data"] for b in buttons if label in b["text"])
    chat_id, message_id = max(k for k in server.messages if k[0] == uid)
    return await send(server, callback_update(server.messages[(chat_id, message_id)], data, uid=uid))


async def test_upload_preview_publish_answer_rollback(bot: RunningBot) -> None:
    server = bot.server
    assert server is not None
    before = await send(server, text_update(QUESTION, uid=5))
    assert "99/2025" not in before["seen"]

    preview = await send(server, upload(server, "nd99.md", DECREE.encode()))
    assert "mới: 99/2025/NĐ-CP" in preview["seen"] and "Câu trả lời sẽ thay đổi" in preview["seen"]
    published = await press(server, preview, "Xuất bản")
    assert "Đã xuất bản phiên bản 2" in published["seen"]

    after = await send(server, text_update(QUESTION, uid=5))
    assert "📌 Điều 1 Nghị định 99/2025/NĐ-CP" in after["seen"] and "30%" in after["seen"]

    rolled = await send(server, text_update("/rollback", uid=ADMIN))
    assert "Đang dùng phiên bản 1" in rolled["seen"]
    again = await send(server, text_update(QUESTION, uid=5))
    assert "99/2025" not in again["seen"]

    history = await send(server, text_update("/history", uid=ADMIN))
    assert "v2" in history["seen"] and "v1" in history["seen"] and "đang dùng" in history["seen"]
    listing = await send(server, text_update("/kb", uid=ADMIN))
    assert "Phiên bản 1" in listing["seen"]
    audit = [e.action for e in bot.app.bot_data["state"].services.store.audit_log()]
    assert {"stage", "publish", "rollback", "history"} <= set(audit)


async def test_remove_goes_through_preview_and_discard_keeps_the_live_version(bot: RunningBot) -> None:
    server = bot.server
    assert server is not None
    preview = await send(server, text_update("/remove evfta", uid=ADMIN))
    assert "gỡ bỏ: EVFTA" in preview["seen"]
    discarded = await press(server, preview, "Bỏ")
    assert "không đổi" in discarded["seen"]
    answer = await send(server, text_update("evfta co hieu luc khi nao", uid=5))
    assert "EVFTA" in answer["seen"]


async def test_non_admins_see_no_admin_commands(bot: RunningBot) -> None:
    server = bot.server
    assert server is not None
    for command in ("/publish", "/rollback", "/stats", "/export", "/kb", "/history", "/remove evfta", "/reload"):
        reply = await send(server, text_update(command, uid=5))
        assert reply["seen"] == (await send(server, text_update("/frobnicate", uid=5)))["seen"]
    mark = len(server.calls)
    reply = await send(server, upload(server, "nd99.md", DECREE.encode(), uid=5))
    assert "dạng chữ" in reply["seen"]
    assert not [c for c in server.calls[mark:] if c.method == "getFile"]
    assert bot.app.bot_data["state"].services.store.stage() is None


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bad.md", DECREE.replace("type: nghi-dinh", "type: memo").encode(), "dòng 5: front matter 'type'"),
        ("dup.md", (DECREE + "\n### Điều 2. Lặp lại\nNội dung.\n").encode(), "duplicate Điều 2"),
        ("empty.md", b"", "dòng 1: the file is empty"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("plain.docx", make_docx(["Số: 12/2024/QĐ-UBND", "Ghi chú họp", "không có điều khoản"]), "no articles"),
        ("decree.pdf", b"%PDF-1.7", "Không hỗ trợ loại tệp"),
    ],
)
async def test_malformed_uploads_are_refused_and_nothing_changes(
    bot: RunningBot, name: str, data: bytes, expected: str
) -> None:
    server = bot.server
    assert server is not None
    store = bot.app.bot_data["state"].services.store
    reply = await send(server, upload(server, name, data))
    assert reply["seen"].startswith("❌") and expected in reply["seen"], reply["seen"]
    assert store.live_version() == 1 and store.stage() is None


async def test_oversized_upload_is_refused_before_download(bot: RunningBot) -> None:
    server = bot.server
    assert server is not None
    mark = len(server.calls)
    reply = await send(server, upload(server, "big.md", DECREE.encode(), size=11 * 1024 * 1024))
    assert "quá lớn" in reply["seen"]
    assert not [c for c in server.calls[mark:] if c.method == "getFile"]


async def test_stats_chart_and_export(bot: RunningBot) -> None:
    server = bot.server
    assert server is not None
    answer = await send(server, text_update("thời hạn bảo hộ nhãn hiệu", uid=77))
    await send(server, text_update("kết quả xổ số hôm nay", uid=77))
    chat_id, message_id = max(k for k in server.messages if k[0] == 77)
    feedback = next(b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row
                    if b["text"] == "👍")
    await send(server, callback_update(server.messages[(chat_id, message_id - 1)], feedback, uid=77),
               method="answerCallbackQuery")
    stats = await send(server, text_update("/stats", uid=ADMIN))
    assert "2 câu hỏi" in stats["seen"] and "👍 1" in stats["seen"] and "xổ số" in stats["seen"]
    await server.wait_for("sendPhoto")
    document = await send(server, text_update("/export", uid=ADMIN), method="sendDocument")
    csv = document["document"]["data"].decode("utf-8-sig")
    assert "thời hạn bảo hộ nhãn hiệu" in csv and ",77," not in csv  # the user id is only a salted hash
