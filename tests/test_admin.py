"""Admins keep the knowledge base current from Telegram: upload, preview, publish, roll back, refuse bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import kb_admin
from app.services import build_services
from app.settings import Settings
from bot.loopback.harness import ADMIN
from bot.loopback.updates import text_update
from tests.conftest import RunningBot
from tests.documents import make_docx, markdown

DECREE = markdown(
    """
### Điều 1. Hỗ trợ thuê kho lạnh nông sản
Doanh nghiệp nông sản được hỗ trợ 30% chi phí thuê kho lạnh bảo quản hàng xuất khẩu.

### Điều 2. Hồ sơ đề nghị hỗ trợ kho lạnh
Hồ sơ gồm hợp đồng thuê kho lạnh và hóa đơn thanh toán.
""",
    title="Nghị định thử nghiệm về hỗ trợ kho lạnh nông sản",
    issued="2025-05-01",
    effective="2025-07-01",
)
QUESTION = "doanh nghiep nong san duoc ho tro thue kho lanh bao nhieu"


async def test_upload_preview_publish_answer_rollback(bot: RunningBot) -> None:
    admin, citizen = bot.user(ADMIN), bot.user(5)
    before = await citizen.say(QUESTION)
    assert "99/2025" not in before.text

    preview = await admin.upload("nd99.md", DECREE.encode())
    assert "mới: 99/2025/NĐ-CP" in preview.text and "Câu trả lời sẽ thay đổi" in preview.text
    published = await admin.press(preview, "Xuất bản")
    assert "Đã xuất bản phiên bản 2" in published.params["seen"]

    after = await citizen.say(QUESTION)
    assert "📌 Điều 1 Nghị định 99/2025/NĐ-CP" in after.text and "30%" in after.text

    rolled = await admin.say("/rollback")
    assert "Đang dùng phiên bản 1" in rolled.text
    again = await citizen.say(QUESTION)
    assert "99/2025" not in again.text

    history = await admin.say("/history")
    assert "v2" in history.text and "v1" in history.text and "đang dùng" in history.text
    listing = await admin.say("/kb")
    assert "Phiên bản 1" in listing.text
    audit = [e.action for e in bot.services.store.audit_log()]
    assert {"stage", "publish", "rollback", "history"} <= set(audit)


async def test_remove_goes_through_preview_and_discard_keeps_the_live_version(bot: RunningBot) -> None:
    admin = bot.user(ADMIN)
    preview = await admin.say("/remove evfta")
    assert "gỡ bỏ: EVFTA" in preview.text
    discarded = await admin.press(preview, "Bỏ")
    assert "không đổi" in discarded.params["seen"]
    answer = await bot.user(5).say("evfta co hieu luc khi nao")
    assert "EVFTA" in answer.text


async def test_non_admins_see_no_admin_commands(bot: RunningBot) -> None:
    server, citizen = bot.server, bot.user(5)
    for command in ("/publish", "/rollback", "/stats", "/export", "/kb", "/history", "/remove evfta", "/reload"):
        reply = await citizen.say(command)
        assert reply.text == (await citizen.say("/frobnicate")).text
    mark = len(server.calls)
    reply = await citizen.upload("nd99.md", DECREE.encode())
    assert "dạng chữ" in reply.text
    assert not [c for c in server.calls[mark:] if c.method == "getFile"]
    assert bot.services.store.stage() is None


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
    store = bot.services.store
    reply = await bot.user(ADMIN).upload(name, data)
    assert reply.text.startswith("❌") and expected in reply.text, reply.text
    assert store.live_version() == 1 and store.stage() is None


async def test_oversized_upload_is_refused_before_download(bot: RunningBot) -> None:
    mark = len(bot.server.calls)
    reply = await bot.user(ADMIN).upload("big.md", DECREE.encode(), size=11 * 1024 * 1024)
    assert "quá lớn" in reply.text
    assert not [c for c in bot.server.calls[mark:] if c.method == "getFile"]


async def test_stats_chart_and_export(bot: RunningBot) -> None:
    user, admin = bot.user(77), bot.user(ADMIN)
    answer = await user.say("thời hạn bảo hộ nhãn hiệu")
    await user.say("kết quả xổ số hôm nay")
    await user.press(answer, "👍", method="answerCallbackQuery")
    stats = await admin.say("/stats")
    assert "2 câu hỏi" in stats.text and "👍 1" in stats.text and "xổ số" in stats.text
    await bot.server.wait_for("sendPhoto")
    (document,) = await admin.send(text_update("/export", uid=ADMIN), method="sendDocument")
    csv = document.params["document"]["data"].decode("utf-8-sig")
    assert "thời hạn bảo hộ nhãn hiệu" in csv and ",77," not in csv  # the user id is only a salted hash


def test_a_stage_whose_preview_is_interrupted_is_discarded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = build_services(Settings(_env_file=None, bot_data_dir=data_dir))  # type: ignore[call-arg]

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kb_admin, "preview", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kb_admin.stage_import(services, DECREE.encode(), "nd99.md", "cli:admin")
    assert services.store.stage() is None, "nobody saw what it would change: it is not left to publish"
    assert services.store.audit_log(limit=1)[0].action == "discard"
