"""`run_bot.py` command line: run | ask | chat | kb ... | eval | bench (DESIGN §2)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from pydantic import ValidationError

from bot.settings import Settings
from knowledge.errors import KnowledgeError

__all__ = ["main"]

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad argument or input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    from cli import ask, bench, evalcmd, kb, run

    parser = _Parser(prog="run_bot.py", description="Hanoi policy assistant: Telegram bot and tools.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    run.register(sub)
    ask.register(sub)
    kb.register(sub)
    evalcmd.register(sub)
    bench.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run one command, turn every expected failure into one line and exit code 2."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv) or ["run"])
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    try:
        settings = Settings()
        logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return handler(args, settings)
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
