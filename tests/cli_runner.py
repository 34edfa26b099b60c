"""Running the CLI as a user does: in this process through `cli.main.main`, or as a real `python run_bot.py` process.

In-process is for what the command does (its output, its exit code); a process is kept where the process itself is
what is tested: signals, a closed pipe, the bot refusing to start, a CLI beside a running bot.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO
from unittest import mock

from cli.main import main

__all__ = ["assert_one_line_error", "run_cli", "run_cli_process"]

ROOT = Path(__file__).resolve().parent.parent


class _Output(io.StringIO):
    """A captured stream that keeps what this command writes; threads an earlier test left behind write elsewhere."""

    def __init__(self, elsewhere: TextIO) -> None:
        super().__init__()
        self._elsewhere = elsewhere
        self._foreign = {t.ident for t in threading.enumerate()} - {threading.get_ident()}

    def write(self, text: str) -> int:
        if threading.get_ident() in self._foreign:  # a separate process would never see these
            return self._elsewhere.write(text)
        return super().write(text)


def _environment(data: Path, env: dict[str, str] | None) -> dict[str, str]:
    """The environment a command sees: ours without the token, BOT_DATA_DIR, and what the test adds."""
    environ = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    environ.update({"BOT_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}, **(env or {}))
    return environ


@contextlib.contextmanager
def _as_a_process(environ: dict[str, str], cwd: Path, stdin: str, out: io.StringIO, err: io.StringIO) -> Iterator[None]:
    """Environment, working directory, standard streams and root logging as a fresh process has them; restored after."""
    root, previous = logging.getLogger(), Path.cwd()
    handlers, level = root.handlers[:], root.level
    root.handlers = []  # so that main's logging.basicConfig writes to this command's stderr, as in a process
    os.chdir(cwd)
    try:
        with (
            mock.patch.dict(os.environ, environ, clear=True),
            mock.patch.object(sys, "stdin", io.StringIO(stdin)),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            yield
    finally:
        os.chdir(previous)
        root.handlers, root.level = handlers, level
        gc.unfreeze()  # main may freeze what it loaded: in this long-lived process that pins earlier tests' garbage


def _exit_code(status: object) -> int:
    """The exit status Python gives `sys.exit(status)`: None is 0, a number is itself, anything else is printed, 1."""
    if status is None or isinstance(status, int):
        return status or 0
    print(status, file=sys.stderr)
    return 1


def run_cli(
    *args: str, data: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`run_bot.py ARGS` in this process (cwd data.parent), with what it wrote and the code it would exit with."""
    out, err = _Output(sys.stdout), _Output(sys.stderr)
    with _as_a_process(_environment(data, env), data.parent, stdin or "", out, err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: a bad argument, --help
            code = _exit_code(exc.code)
        except Exception:  # what the interpreter does with an uncaught exception: a traceback and exit code 1
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["run_bot.py", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, data: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python run_bot.py ARGS` as a real process (cwd data.parent)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), *args],
        capture_output=True,
        text=True,
        env=_environment(data, env),
        cwd=data.parent,
        input=stdin,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit code 2 and exactly one line on stderr, holding every needle, and no traceback."""
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0]
