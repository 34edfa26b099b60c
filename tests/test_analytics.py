"""The question log: salted user hashes, feedback, stats, retention, CSV export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.question_log import QuestionLog
from tests.conftest import RunningBot


def test_log_stats_retention_and_export(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "a.sqlite3", key="pepper", retention_days=90)
    log.record("k1", 123456789, "thời hạn bảo hộ nhãn hiệu", True, "Điều 93 Luật SHTT", "50/2005/QH11")
    log.record("k2", 123456789, "xổ số hôm nay", False, None, None)
    log.record("k3", 987, "Xổ số  hôm nay", False, None, None)
    log.feedback("k1", "up")
    stats = log.stats()
    assert (stats.total, stats.answered, stats.feedback) == (3, 1, {"up": 1})
    assert stats.unanswered[0] == ("xổ số hôm nay", 2)
    assert stats.documents == [("50/2005/QH11", 1)]
    csv = log.export_csv().decode("utf-8-sig")
    assert "123456789" not in csv and log.user_hash(123456789) in csv
    assert log.user_hash(1) != QuestionLog(tmp_path / "b.sqlite3", key="other").user_hash(1)
    assert log.purge(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=89)) == 0
    assert log.purge(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=91)) == 3
    assert log.stats().total == 0
    log.close()


async def test_feedback_on_a_forged_key_is_not_logged(bot: RunningBot) -> None:
    reply = await bot.user().say("thời hạn bảo hộ nhãn hiệu")
    forged = await bot.user().press_data(reply, "fb|nokey|up")
    assert forged.method == "answerCallbackQuery" and "Cảm ơn" not in forged.params["text"]
    thanks = await bot.user().press(reply, "👍", method="answerCallbackQuery")
    assert "Cảm ơn" in thanks.params["text"]
    log = bot.services.question_log()
    assert log.flush()
    assert log.stats().feedback == {"up": 1}
    assert log._read("SELECT count(*) FROM questions")[0][0] == 1, "the forged key left no row"


def test_logged_tells_a_logged_question_from_a_feedback_without_one(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "a.sqlite3", key="pepper")
    log.record("k1", 1, "thời hạn bảo hộ nhãn hiệu", True, None, None)
    log.feedback("k2", "up")  # its question went to another replica, or never existed
    assert log.flush()
    assert log.logged("k1") and not log.logged("k2") and not log.logged("nokey")
    log.close()
