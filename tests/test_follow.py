"""Following a clause: /follow, the 🔔 button, alerts after a publish or a rollback, /following, /unfollow."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from app.alert_outbox import Outcome, claim_next, finish, stuck
from app.alerts import queue_alerts
from app.services import build_services
from app.subscriptions import Problem, Subscriptions, Target, parse_target
from app.word_diff import word_diff
from bot.app import build_application
from bot.loopback.calls import Call
from bot.loopback.fake_api import FakeBotApi
from bot.loopback.harness import ADMIN, settings_for
from knowledge.database import Database, open_database
from knowledge.knowledge_base import KnowledgeBase
from knowledge.markdown import parse_document
from knowledge.seed import open_store
from knowledge.store import Store, restore
from tests.conftest import ROOT, RunningBot
from tests.postgres_server import PostgresServer

DECREE = (ROOT / "knowledge" / "documents" / "80-2021-nd-cp.md").read_text(encoding="utf-8")
CAP = "nhưng không quá 50 triệu đồng/năm/doanh nghiệp; mức trần là 70"  # Khoản 2 Điều 13 only
NEW_CAP = CAP.replace("50", "60")
CRITERIA, NEW_CRITERIA = "Lĩnh vực xác định theo Điều 6", "Lĩnh vực xác định theo Điều 6 (sửa đổi)"
AMENDED = DECREE.replace(CAP, NEW_CAP).replace(CRITERIA, NEW_CRITERIA)
FORBIDDEN = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}


# -- the store part, on SQLite and PostgreSQL --------------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh state database on each backend (a new database on the run's server; skipped where it cannot run)."""
    location: str | Path = tmp_path / "s.db"
    if request.param == "postgres":
        server: PostgresServer = request.getfixturevalue("pg_server")
        location = server.database()
    database = open_database(location)
    yield database
    database.close()


def publish(store: Store, text: str, comment: str) -> int:
    """Publish one document as an admin would, from the CLI."""
    stage = store.stage_change([parse_document(text, "80-2021-nd-cp.md")], [], "cli", comment)
    return store.publish(stage, "cli", comment)


def test_follow_list_unfollow_forget(db: Database) -> None:
    subs = Subscriptions(db)
    article, whole = Target("80-2021-nd-cp", "13"), Target("80-2021-nd-cp")
    assert subs.follow(7, article, "vi") is True and subs.follow(7, article, "vi") is False
    assert subs.follow(7, whole, "en") is True and subs.follow(8, whole, "vi") is True
    assert subs.following(7) == [article, whole]
    assert subs.unfollow(7, article) and not subs.unfollow(7, article)
    assert subs.forget(7) == 1 and subs.following(7) == [] and subs.following(8) == [whole]


def test_alerts_are_queued_once_per_change_and_sent_at_most_once(db: Database, data_dir: Path) -> None:
    store, subs = open_store(data_dir), Subscriptions(db)
    subs.follow(1, Target("80-2021-nd-cp", "13"), "vi")
    subs.follow(1, Target("80-2021-nd-cp"), "vi")  # two follows of one chat: still one message
    subs.follow(2, Target("80-2021-nd-cp", "14"), "vi")  # Điều 14 does not change
    assert queue_alerts(db, store) == 0  # first run: the marker starts at the live version
    publish(store, AMENDED, "raise the cap")
    assert queue_alerts(db, store) == 1 and queue_alerts(db, store) == 0  # a second process finds it claimed
    first = claim_next(db)
    assert first is not None and first.chat_id == 1 and first.alert.comment == "raise the cap"
    assert [(c.citation, c.kind) for c in first.alert.changes] == [
        ("Điều 5 Nghị định 80/2021/NĐ-CP", "changed"),
        ("Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP", "changed"),
    ]
    assert claim_next(db) is None and stuck(db) == 1  # left 'sending' (as by a crash): never claimed again
    finish(db, first, Outcome.SENT)
    assert stuck(db) == 0


def test_a_restored_backup_alerts_nobody(db: Database, data_dir: Path, tmp_path: Path) -> None:
    store, subs = open_store(data_dir), Subscriptions(db)
    subs.follow(1, Target("80-2021-nd-cp", "13"), "vi")
    assert queue_alerts(db, store) == 0
    backup = tmp_path / "before.sqlite3"
    store.backup(backup)
    publish(store, AMENDED, "raise the cap")
    assert queue_alerts(db, store) == 1  # the real change is told
    assert claim_next(db) is not None
    restore(backup, data_dir / "knowledge.sqlite3")  # back to the version before: the one alerted for is gone
    assert queue_alerts(db, Store(data_dir / "knowledge.sqlite3")) == 0 and claim_next(db) is None
    publish(Store(data_dir / "knowledge.sqlite3"), AMENDED, "again")  # and the next real change is told again
    assert queue_alerts(db, Store(data_dir / "knowledge.sqlite3")) == 1


def test_word_diff_and_targets(data_dir: Path) -> None:
    assert word_diff("hỗ trợ 50 triệu đồng", "hỗ trợ 60 triệu đồng") == [
        ("=", "hỗ trợ"),
        ("-", "50"),
        ("+", "60"),
        ("=", "triệu đồng"),
    ]
    assert sum(len(t) for _, t in word_diff("a " * 400, "b " * 400)) <= 302
    kb = KnowledgeBase(open_store(data_dir).documents())
    for text in ("Điều 13 Nghị định 80/2021", "80/2021 điều 13", "khoan 2 dieu 13 nd 80/2021"):
        assert parse_target(kb, text) == Target("80-2021-nd-cp", "13")
    assert parse_target(kb, "80/2021") == Target("80-2021-nd-cp")
    assert parse_target(kb, "Mục II.3 kế hoạch 33") == Target("33-kh-ubnd", section="II.3")
    assert parse_target(kb, "Điều 99 Nghị định 80/2021") is Problem.NO_ARTICLE
    assert parse_target(kb, "99/1999") is Problem.NO_DOCUMENT


# -- through the real Telegram stack -----------------------------------------------------------------------
@asynccontextmanager
async def alert_bot(server: FakeBotApi, data_dir: Path) -> AsyncIterator[RunningBot]:
    """The real bot whose alert job checks every 50 ms instead of every 3 s."""
    settings = settings_for(server.url, data_dir, answer_workers=0, user_rate_per_minute=100)
    app = build_application(settings, build_services(settings), flood_limits=False)
    app.bot_data["state"].alert_interval = 0.05
    async with app:
        assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield RunningBot(server, app)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)


def alerts(server: FakeBotApi, chat: int | None = None) -> list[Call]:
    """The alerts the bot has sent (to one chat)."""
    heads = ("đã thay đổi", "has changed")
    return [
        c
        for c in server.sent()
        if any(h in str(c.params.get("seen", "")) for h in heads) and (chat is None or int(c.params["chat_id"]) == chat)
    ]


async def wait_alerts(server: FakeBotApi, count: int, timeout: float = 5.0) -> None:
    """Until `count` alerts have been sent in all."""
    await server.wait_for("sendMessage", count=count, timeout=timeout, where=lambda c: c in alerts(server))


async def test_follow_publish_alert_unfollow_cycle(server: FakeBotApi, data_dir: Path) -> None:
    async with alert_bot(server, data_dir) as bot:
        vi, en, other, admin = bot.user(1), bot.user(2), bot.user(3), bot.user(ADMIN)
        answer = await vi.say("dnnvv duoc ho tro tu van bao nhieu")
        followed = await vi.press(answer, "🔔 Theo dõi")
        assert "Đã theo dõi Điều 13 Nghị định 80/2021/NĐ-CP" in followed.params["seen"]
        assert "Đã theo dõi Nghị định 80/2021/NĐ-CP" in (await vi.say("/follow 80/2021")).text
        english = await en.say("How much consulting support can an SME get?")
        assert "Following Article 13, Decree 80/2021/NĐ-CP" in (await en.press(english, "🔔 Follow")).params["seen"]
        assert "Đã theo dõi Điều 14" in (await other.say("/follow 80/2021 điều 14")).text
        assert "không có điều hoặc mục" in (await other.say("/follow Điều 99 Nghị định 80/2021")).text
        assert "/follow 80/2021" in (await other.say("/follow 99/1999")).text

        server.inject("sendMessage", status=429)  # flood control: the first alert waits retry_after, then goes
        # Published from outside the bot, as `kb publish --comment ...` does: the alerts come from the store.
        assert await asyncio.to_thread(publish, bot.services.store, AMENDED, "Mức <mới> & sửa Điều 5") == 2
        await wait_alerts(server, 2)
        await asyncio.sleep(0.2)  # several more checks: nobody gets a second message
        (mine,), (theirs,) = alerts(server, 1), alerts(server, 2)
        assert alerts(server, 3) == [] and len(alerts(server)) == 2 and server.refused[0].error == "injected 429"
        seen, html = str(mine.params["seen"]), str(mine.params["text"])
        assert "phiên bản 2" in seen and "Ghi chú khi xuất bản: Mức <mới> & sửa Điều 5" in seen
        assert "Khoản 2 Điều 13 Nghị định 80/2021/NĐ-CP (sửa đổi)" in seen and "📌 Điều 5 Nghị định" in seen
        assert "<s>50</s> <b>60</b>" in html
        assert "Article 13(2), Decree 80/2021/NĐ-CP (changed)" in str(theirs.params["seen"])
        assert "Article 5" not in str(theirs.params["seen"])

        listing = await vi.say("/following")
        assert "Bạn đang theo dõi 2 mục" in listing.text and len(listing.buttons()) == 2
        edited = await vi.press(listing, "🔕 1.", method="editMessageText")
        assert "1 mục" in edited.params["seen"] and "Điều 13" not in edited.params["seen"]
        assert "Đã bỏ theo dõi Nghị định 80/2021/NĐ-CP" in (await vi.say("/unfollow 80/2021")).text
        assert "chưa theo dõi gì" in (await vi.say("/following")).text
        assert "/unfollow all" in (await vi.say("/help")).text

        assert "Đang dùng phiên bản 1" in (await admin.say("/rollback")).text  # an admin, in Telegram
        await wait_alerts(server, 3)
        (back,) = alerts(server, 2)[1:]
        assert "Rolled back to version 1 (version 2 was in service)" in str(back.params["seen"])
        assert "<s>60</s> <b>50</b>" in str(back.params["text"])
        assert len(alerts(server, 1)) == 1
        assert "Đã xóa 1 mục theo dõi" in (await other.say("/unfollow all")).text
        assert await asyncio.to_thread(bot.state.subscriptions.following, 3) == []


async def in_flight(server: FakeBotApi, db: Database, timeout: float = 5.0) -> None:
    """Until an alert is marked 'sending' that the Bot API has not received yet: a send under way."""
    for _ in range(int(timeout / 0.01)):
        with db.transaction() as tx:
            sending = {int(c) for (c,) in tx.execute("SELECT chat_id FROM alert_outbox WHERE state = 'sending'")}
        if sending - {int(c.params["chat_id"]) for c in alerts(server)}:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("no alert was being sent")


async def test_restart_mid_broadcast_sends_nobody_a_duplicate(server: FakeBotApi, data_dir: Path) -> None:
    chats, blocked = range(101, 107), 101
    async with alert_bot(server, data_dir) as bot:
        for chat in chats:
            await asyncio.to_thread(bot.state.subscriptions.follow, chat, Target("80-2021-nd-cp", "13"), "vi")
        server.inject("sendMessage", status=403, body=json.dumps(FORBIDDEN).encode())  # chat 101, first in line
        server.inject("sendMessage", delay=0.3, times=3)  # a slow Bot API: the broadcast is under way for a while
        await asyncio.to_thread(publish, bot.services.store, AMENDED, "raise the cap")
        await wait_alerts(server, 2)
        await in_flight(server, bot.services.state_db)
        bot.app.bot_data["alert_job"].grace = 0.01  # stop as a crash would: the alert in flight is cut off
    before, cut_off = len(alerts(server)), stuck(open_database(data_dir / "state.sqlite3"))
    assert before == 2 and cut_off == 1  # the Bot API may still deliver the one cut off: it must not be resent
    async with alert_bot(server, data_dir) as bot:
        await wait_alerts(server, len(chats) - 2)
        await asyncio.sleep(0.3)
        assert await asyncio.to_thread(bot.state.subscriptions.following, blocked) == []
    # The one cut off reached the Bot API anyway (it finishes what it was sent), and was not sent again.
    assert {chat: len(alerts(server, chat)) for chat in chats} == {101: 0, 102: 1, 103: 1, 104: 1, 105: 1, 106: 1}
    assert [c.error for c in server.refused] == ["injected 403"]


async def test_a_stop_mid_broadcast_finishes_the_alert_in_flight(server: FakeBotApi, data_dir: Path) -> None:
    async with alert_bot(server, data_dir) as bot:
        for chat in range(201, 205):
            await asyncio.to_thread(bot.state.subscriptions.follow, chat, Target("80-2021-nd-cp"), "en")
        server.inject("sendMessage", delay=0.2)
        await asyncio.to_thread(publish, bot.services.store, AMENDED, "raise the cap")
        await in_flight(server, bot.services.state_db)
    with open_database(data_dir / "state.sqlite3").transaction() as tx:
        states = [state for (state,) in tx.execute("SELECT state FROM alert_outbox ORDER BY chat_id")]
    assert states == ["sent", "pending", "pending", "pending"]  # the next start sends the rest (test above)
    assert [c.params["chat_id"] for c in alerts(server)] == ["201"]
