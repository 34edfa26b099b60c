"""The SQL layer under every store, on SQLite and on a real PostgreSQL server: migrations, locks, shared state."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.asking import Ask
from app.buttons import ButtonStore
from app.question_log import QuestionLog
from app.rate_limit import SharedRateLimiter, Verdict
from knowledge.database import Migration, SqliteDatabase, open_database, redact_url
from knowledge.errors import StoreError
from retrieval.answer import Answer
from tests.postgres_server import PostgresServer

COUNTER = Migration(
    1,
    "CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL)",
)
ROWS = Migration(
    2,
    "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rows (id BIGSERIAL PRIMARY KEY, v TEXT NOT NULL)",
)


def test_migrations_apply_once_in_order_and_are_recorded(database_url: str) -> None:
    db = open_database(database_url)
    db.migrate([COUNTER], "t")
    db.migrate([ROWS, COUNTER], "t")  # a later release adds step 2; step 1 is not run again
    db.migrate([ROWS, COUNTER], "t")
    with db.transaction() as tx:
        applied = tx.execute("SELECT number FROM schema_migrations WHERE scope = 't' ORDER BY number")
    assert [n for (n,) in applied] == [1, 2]
    with db.transaction(write=True) as tx:
        first = tx.one("INSERT INTO rows (v) VALUES (?) RETURNING id", ("50% off?",))  # % and ? in a value
        tx.execute("INSERT INTO counter (name, n) VALUES ('a', 1) ON CONFLICT (name) DO UPDATE SET n = counter.n + 1")
        tx.execute("INSERT INTO counter (name, n) VALUES ('a', 1) ON CONFLICT (name) DO UPDATE SET n = counter.n + 1")
    with db.transaction() as tx:
        assert tx.one("SELECT v FROM rows WHERE id = ?", (first[0] if first else 0,)) == ("50% off?",)
        assert tx.one("SELECT n FROM counter WHERE name = 'a'") == (2,)
    db.close()


def test_a_failed_transaction_leaves_nothing(database_url: str) -> None:
    db = open_database(database_url)
    db.migrate([ROWS], "t")
    with pytest.raises(RuntimeError), db.transaction(write=True) as tx:
        tx.execute("INSERT INTO rows (v) VALUES ('half')")
        raise RuntimeError("crash in the middle")
    with db.transaction() as tx:
        assert tx.execute("SELECT v FROM rows") == []
    db.close()


def test_writers_naming_one_lock_never_interleave(database_url: str) -> None:
    db = open_database(database_url)
    db.migrate([COUNTER], "t")
    with db.transaction(write=True) as tx:
        tx.execute("INSERT INTO counter (name, n) VALUES ('c', 0)")

    def bump() -> None:
        for _ in range(20):  # read-modify-write: a lost update would show up as a lower total
            with db.transaction(write=True, lock="counter") as tx:
                row = tx.one("SELECT n FROM counter WHERE name = 'c'")
                tx.execute("UPDATE counter SET n = ? WHERE name = 'c'", ((row[0] if row else 0) + 1,))

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with db.transaction() as tx:
        assert tx.one("SELECT n FROM counter WHERE name = 'c'") == (80,)
    db.close()


def test_shared_rate_limit_counts_every_replica_together(database_url: str) -> None:
    first = SharedRateLimiter(open_database(database_url), limit=3, window=60)
    second = SharedRateLimiter(open_database(database_url), limit=3, window=60)  # another replica
    verdicts = [limiter.verdict(7, now=1000.0 + i) for i, limiter in enumerate([first, second, first, second, first])]
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    assert second.verdict(8, now=1004.0) is Verdict.ALLOW  # another user has their own window
    assert first.verdict(7, now=1061.0) is Verdict.ALLOW  # the first question left the window
    with first.db.transaction() as tx:
        buckets = {b for (b,) in tx.execute("SELECT bucket FROM rate_events")}
    assert "7" not in buckets and "8" not in buckets  # only hashes are stored


def test_buttons_outlive_the_process_and_expire(database_url: str) -> None:
    answer = Answer(question="thời hạn bảo hộ nhãn hiệu", answered=True, results=[])
    key = ButtonStore(open_database(database_url)).put_question(
        Ask("thời hạn bảo hộ nhãn hiệu", 5, "en", "vi"), 3, answer
    )
    ref = ButtonStore(open_database(database_url)).put_ref("80-2021-nd-cp/dieu-13/khoan-2/diem-b" * 2)
    fresh = ButtonStore(open_database(database_url))  # after a restart, or on another replica
    assert fresh.cached(key) is None
    stored = fresh.question(key)
    assert stored is not None and stored.version == 3
    assert stored.request == Ask("thời hạn bảo hộ nhãn hiệu", 5, "en", "vi")
    assert fresh.ref(ref) == "80-2021-nd-cp/dieu-13/khoan-2/diem-b" * 2
    assert fresh.question("nope") is None and fresh.ref(key) is None  # a key only answers for its kind
    import datetime as dt

    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert fresh.prune(later) == 2 and fresh.question(key) is None


def test_buttons_are_bounded_by_count(tmp_path: Path) -> None:
    store = ButtonStore(open_database(tmp_path / "b.sqlite3"), max_rows=3)
    keys = [store.put_ref(f"value {n}") for n in range(5)]
    assert store.prune() == 2
    assert sum(store.ref(k) is not None for k in keys) == 3


def test_question_log_on_the_shared_database(pg_server: PostgresServer) -> None:
    url = pg_server.database()
    first, second = QuestionLog(open_database(url)), QuestionLog(open_database(url))
    assert first.user_hash(42) == second.user_hash(42), "replicas share the key, so a user is one user"
    # The 👍 reaches the second replica's writer before the first one has written the question it is about.
    second.feedback("k1", "up")
    assert second.flush()
    assert first.stats().total == 0, "a feedback without its question is not a question"
    first.record("k1", 42, "câu hỏi một", True, "Điều 4", "04/2017/QH14")
    second.record("k2", 43, "câu hỏi hai", False, None, None)
    assert first.flush() and second.flush()
    stats = first.stats()
    assert stats.total == 2 and stats.answered == 1 and stats.feedback.get("up") == 1
    first.close()
    second.close()


def test_unreachable_postgres_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_database("postgresql://bot:s3cret@127.0.0.1:1/policy")
    message = str(caught.value)
    assert "s3cret" not in message and "\n" not in message and "127.0.0.1" in message
    assert redact_url("postgresql://bot:s3cret@db:5432/x") == "postgresql://bot:***@db:5432/x"


def test_connections_racing_to_create_one_sqlite_file_all_succeed(tmp_path: Path) -> None:
    """A bot and a CLI command starting together on a new data directory: neither may fail with 'busy'."""
    errors: list[str] = []
    for n in range(100):  # the first wave failed 3-14 of these 400 openings
        path, barrier = tmp_path / f"s{n}.sqlite3", threading.Barrier(4)

        def open_and_migrate(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            db = SqliteDatabase(path, busy_timeout=5)
            barrier.wait()
            try:
                with db.transaction() as tx:
                    tx.execute("SELECT 1")
                db.migrate([Migration(1, "CREATE TABLE IF NOT EXISTS t (x INTEGER)", "")], "race")
            except StoreError as exc:
                errors.append(str(exc))

        threads = [threading.Thread(target=open_and_migrate) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
