"""One SQL interface over SQLite (the embedded default) and PostgreSQL (several replicas): transactions, migrations.

Queries are written once, with `?` placeholders and the SQL both engines share (`ON CONFLICT`, `RETURNING`);
only the schema differs, so each migration carries one DDL text per engine.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from knowledge.errors import StoreError

if TYPE_CHECKING:
    from knowledge.postgres_database import PostgresDatabase

__all__ = [
    "Database",
    "Migration",
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
            self._wal(db)
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

    def _wal(self, db: sqlite3.Connection) -> None:
        """WAL mode. Switching a new file to it takes an exclusive lock that SQLite does not wait for, so two
        processes creating the file at once (a bot and a CLI command) would see "database is locked": retried."""
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

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


def open_database(location: str | Path, synchronous: str = "FULL") -> SqliteDatabase | PostgresDatabase:
    """PostgreSQL for a postgresql:// URL, else a SQLite file at that path."""
    if isinstance(location, str) and is_postgres_url(location):
        from knowledge.postgres_database import PostgresDatabase  # psycopg only for a PostgreSQL URL

        return PostgresDatabase(location)
    return SqliteDatabase(Path(location), synchronous)
