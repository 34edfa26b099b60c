"""One SQL interface over SQLite (the embedded default) and PostgreSQL (several replicas): transactions, migrations.

Queries are written once, with `?` placeholders and the SQL both engines share (`ON CONFLICT`, `RETURNING`);
only the schema differs, so each migration carries one DDL text per engine.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from knowledge.errors import StoreError

__all__ = [
    "Database",
    "Migration",
    "PostgresDatabase",
    "Row",
    "SqliteDatabase",
    "Tx",
    "is_postgres_url",
    "open_database",
    "redact_url",
]

log = logging.getLogger(__name__)
Row = tuple[Any, ...]
Params = Sequence[object]


@dataclass(frozen=True)
class Migration:
    """One numbered schema step; both texts are idempotent (`IF NOT EXISTS`), so a re-run changes nothing."""

    number: int
    sqlite: str
    postgres: str


class Tx(Protocol):
    """A transaction: statements run in it and are committed together, or not at all."""

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        """Run one statement and return its rows (none for most writes)."""

    def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""


class Database(Protocol):
    """Where state lives; every operation is one transaction."""

    dialect: str
    label: str  # for error messages: a path, or a URL without its password

    def transaction(self, write: bool = False, lock: str | None = None) -> AbstractContextManager[Tx]:
        """A consistent snapshot to read, or a write; writers naming the same `lock` run one at a time."""

    def migrate(self, migrations: Sequence[Migration], scope: str) -> None:
        """Apply the migrations of `scope` not applied yet, in order."""

    def close(self) -> None:
        """Release connections."""


class _SqliteTx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def execute(self, sql: str, params: Params = ()) -> list[Row]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def one(self, sql: str, params: Params = ()) -> Row | None:
        row: Row | None = self.db.execute(sql, tuple(params)).fetchone()
        return row


def _apply(tx: Tx, migrations: Sequence[Migration], scope: str, ddl: Callable[[Migration], str]) -> None:
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (scope TEXT NOT NULL, number INTEGER NOT NULL, "
        "applied_at TEXT NOT NULL, PRIMARY KEY (scope, number))"
    )
    done = {n for (n,) in tx.execute("SELECT number FROM schema_migrations WHERE scope = ?", (scope,))}
    for migration in sorted(migrations, key=lambda m: m.number):
        if migration.number in done:
            continue
        for statement in ddl(migration).split(";"):
            if statement.strip():
                tx.execute(statement)
        tx.execute(
            "INSERT INTO schema_migrations (scope, number, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
            (scope, migration.number),
        )


class SqliteDatabase:
    """A SQLite file in WAL mode; one short-lived connection per transaction, so it is safe across threads."""

    dialect = "sqlite"

    def __init__(self, path: Path, synchronous: str = "FULL", busy_timeout: float = 30.0, what: str = "store") -> None:
        self.path, self.label, self.synchronous, self.busy_timeout = path, str(path), synchronous, busy_timeout
        self.what = what  # how errors name it: "the knowledge-base store data/knowledge.sqlite3 is read-only"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {path.parent}: {exc.strerror or exc}") from None
        self._created = False

    @contextmanager
    def transaction(self, write: bool = False, lock: str | None = None) -> Iterator[Tx]:
        # SQLite has one writer at a time anyway (BEGIN IMMEDIATE), so every lock is already held.
        if self._created and not self.path.exists():
            # SQLite would quietly create an empty database and the bot would look freshly installed.
            raise StoreError(f"the {self.what} {self.path} has disappeared; restore it from a backup")
        try:
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise sqlite_error(self.path, exc, self.what) from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={self.synchronous}")
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield _SqliteTx(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise sqlite_error(self.path, exc, self.what) from None
        finally:
            db.close()
        self._created = True

    def migrate(self, migrations: Sequence[Migration], scope: str) -> None:
        with self.transaction(write=True) as tx:
            _apply(tx, migrations, scope, lambda m: m.sqlite)

    def close(self) -> None:
        return None


def sqlite_error(path: Path, exc: sqlite3.Error, what: str = "store") -> StoreError:
    """One line an operator can act on, for what SQLite reports."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(f"the {what} {path} is read-only: check the file and directory permissions")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"the {what} {path} is damaged ({exc}): restore it from a backup")
    if "locked" in text or "busy" in text:
        return StoreError(f"the {what} {path} is busy: another process holds it; try again")
    if "disk" in text or "full" in text:
        return StoreError(f"the {what} {path} cannot be written: the disk is full")
    return StoreError(f"the {what} {path} failed: {exc}")


def is_postgres_url(location: str) -> bool:
    """Whether a DATABASE_URL-style string names a PostgreSQL server."""
    return location.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """The URL without its password, for logs and errors."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


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


def open_database(location: str | Path, synchronous: str = "FULL") -> SqliteDatabase | PostgresDatabase:
    """PostgreSQL for a postgresql:// URL, else a SQLite file at that path."""
    if isinstance(location, str) and is_postgres_url(location):
        return PostgresDatabase(location)
    return SqliteDatabase(Path(location), synchronous)
