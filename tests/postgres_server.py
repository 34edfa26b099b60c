"""A throw-away PostgreSQL server from the machine's own packages: initdb into a temporary directory, pg_ctl start.

The server refuses to run as root, so as root it runs as the `postgres` user (DESIGN §9).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.ports import reserve_port

__all__ = ["PostgresServer", "postgres_missing", "postgres_server"]

_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((str(d / name) for d in _BIN_DIRS if (d / name).exists()), None)


def postgres_missing() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    if _tool("initdb") is None or _tool("pg_ctl") is None:
        return "PostgreSQL is not installed (no initdb/pg_ctl); .ci/run installs it"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, so the server cannot be started as postgres"
    return None


class PostgresServer:
    """A running server; `database()` makes a fresh, empty database and returns its URL."""

    def __init__(self, port: int, pg_ctl: str = "", data: Path | None = None, options: str = "") -> None:
        self.port, self._pg_ctl, self._data, self._options = port, pg_ctl, data, options
        self._names = itertools.count(1)

    def stop(self) -> None:
        """Take the server away, as a crash or a network cut would (for fault tests)."""
        assert self._data is not None
        _run([self._pg_ctl, "-D", str(self._data), "-m", "immediate", "-w", "stop"])

    def start(self) -> None:
        """Bring it back on the same port."""
        assert self._data is not None
        log = self._data.parent / "log"
        _run([self._pg_ctl, "-D", str(self._data), "-o", self._options, "-l", str(log), "-w", "start"])

    def url(self, name: str = "postgres") -> str:
        """The URL of one database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def database(self) -> str:
        """A new empty database, so every test starts from nothing."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    subprocess.run(_as_server_user(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a server for the duration of the block; it is stopped and deleted afterwards."""
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    assert initdb and pg_ctl, postgres_missing()
    root = Path(tempfile.mkdtemp(prefix="pg-test-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    reserved = reserve_port()  # held while the server lives, stopped or not, so that its port stays its own
    data, port = root / "data", int(reserved.getsockname()[1])
    try:
        _run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        _run([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"])
        yield PostgresServer(port, pg_ctl, data, options)
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
        reserved.close()
