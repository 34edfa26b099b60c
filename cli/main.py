"""`run_bot.py` command line: run | ask | chat | kb ... | eval | bench (DESIGN §2)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import NoReturn

from pydantic import ValidationError

from app.settings import Settings
from cli import ask, bench, evaluation, kb, run, sme
from cli.errors import EXIT_USAGE, UsageError
from knowledge.errors import KnowledgeError

__all__ = ["entry", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


def _version() -> str:
    try:
        return metadata.version("hanoi-policy-assistant")
    except metadata.PackageNotFoundError:  # a source checkout that was never installed
        return "0+unknown"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="run_bot.py", description="Hanoi policy assistant: Telegram bot and tools.")
    parser.add_argument("--version", action="version", version=f"hanoi-policy-bot {_version()}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    run.register(sub)
    ask.register(sub)
    kb.register(sub)
    evaluation.register(sub)
    bench.register(sub)
    sme.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run one command, turn every expected failure into one line and exit code 2."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv) or ["run"])
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    try:
        settings = Settings()
        logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        code = handler(args, settings)
        sys.stdout.flush()  # a reader that went away shows up here rather than in Python's exit handler
        return code
    except BrokenPipeError:
        # `kb list | head -1`: the reader has what it wanted; point stdout at devnull so the flush at exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, KnowledgeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]).upper()
        print(f"error: configuration {where}: {first['msg']}", file=sys.stderr)
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def entry() -> None:
    """The `hanoi-policy-bot` console script."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
