"""The PostgreSQL side of knowledge.database: a psycopg connection pool behind the same `Database` interface."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from knowledge.database import Migration, Params, Row, Tx, _apply, redact_url
from knowledge.errors import StoreError

__all__ = ["PostgresDatabase"]

log = logging.getLogger(__name__)


def _pg_sql(sql: str) -> str:
    # psycopg takes %s placeholders and reads a bare % as one; our SQL uses ? and no literal %.
    return sql.replace("%", "%%").replace("?", "%s")


class _PostgresTx:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        cur = self.conn.execute(_pg_sql(sql), tuple(params))
        return list(cur.fetchall()) if cur.description is not None else []

    def one(self, sql: str, params: Params = ()) -> Row | None:
        cur = self.conn.execute(_pg_sql(sql), tuple(params))
        row: Row | None = cur.fetchone() if cur.description is not None else None
        return row


class PostgresDatabase:
    """PostgreSQL through a psycopg connection pool; writers naming a lock serialise on an advisory lock."""

    dialect = "postgres"

    def __init__(self, url: str, max_size: int = 8, connect_timeout: float = 5.0, wait_timeout: float = 2.0) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        # The pool logs every failed reconnection attempt; we say an outage once, where it matters.
        logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
        self.url, self.label = url, redact_url(url)
        self._held: list[Any] = []  # connections holding session locks (the webhook owner's)
        # One plain connection first: its error says why (refused, bad password); the pool only says it timed out.
        try:
            psycopg.connect(url, connect_timeout=max(1, int(connect_timeout))).close()
            self.pool = ConnectionPool(
                url, min_size=1, max_size=max_size, timeout=wait_timeout, open=False,
                kwargs={"connect_timeout": max(1, int(connect_timeout))},
            )  # fmt: skip
            self.pool.open(wait=True, timeout=connect_timeout)
        except Exception as exc:  # psycopg's errors may quote the URL, password included
            raise StoreError(f"cannot reach PostgreSQL at {self.label}: {_first_line(exc, url)}") from None

    @contextmanager
    def transaction(self, write: bool = False, lock: str | None = None) -> Iterator[Tx]:
        import psycopg

        try:
            with self.pool.connection() as conn, conn.transaction():
                if write and lock is not None:
                    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
                elif not write:
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield _PostgresTx(conn)
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL at {self.label} failed: {_first_line(exc, self.url)}") from None
        except Exception as exc:
            if type(exc).__module__.startswith("psycopg_pool"):
                raise StoreError(f"PostgreSQL at {self.label} is unreachable: {_first_line(exc, self.url)}") from None
            raise

    def migrate(self, migrations: Sequence[Migration], scope: str) -> None:
        with self.transaction(write=True, lock="migrations") as tx:  # replicas starting together migrate once
            _apply(tx, migrations, scope, lambda m: m.postgres)

    def listen(self, channel: str, on_notify: Callable[[str], None], stop: threading.Event) -> None:
        """Call `on_notify(payload)` for each NOTIFY on `channel` until `stop` is set; reconnects with backoff.

        Blocking: run it in its own thread. A lost connection is said once in the log, and once when it is back;
        whatever was announced meanwhile is caught by the caller's periodic check.
        """
        import psycopg

        failures = 0
        while not stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {channel}")
                    if failures:
                        log.warning("event=db_reconnected channel=%s after=%d_failures", channel, failures)
                        on_notify("")  # something may have been announced while we were away
                    failures = 0
                    while not stop.is_set():
                        for note in conn.notifies(timeout=1.0, stop_after=1):
                            on_notify(note.payload)
            except psycopg.Error as exc:
                if not failures:
                    log.error("event=db_lost channel=%s error=%r: retrying", channel, _first_line(exc, self.url))
                failures += 1
                stop.wait(min(30.0, 0.5 * 2 ** min(failures, 6)))

    def hold_lock(self, name: str) -> bool:
        """Take a lock held until this process ends or `close` (a session advisory lock on its own connection);
        False when another process holds it. A crashed holder's lock goes with its connection."""
        import psycopg

        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        row = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (name,)).fetchone()
        if not (row and row[0]):
            conn.close()
            return False
        self._held.append(conn)
        return True

    def close(self) -> None:
        for conn in self._held:
            conn.close()
        self._held.clear()
        self.pool.close()


def _first_line(exc: BaseException, url: str) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text.replace(url, redact_url(url))
