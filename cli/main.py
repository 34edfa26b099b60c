"""`run_bot.py` command line: run | ask | chat | kb ... | eval | bench (DESIGN §2)."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Iterator, Sequence

from cli.errors import EXIT_USAGE, UsageError
from cli.handler import Handler
from cli.parser import build_parser
from knowledge.errors import KnowledgeError

__all__ = ["entry", "main"]


@contextlib.contextmanager
def _loading_modules() -> Iterator[None]:
    """Cyclic garbage collection paused while modules load, then told to skip what they made."""
    # Modules, classes and functions live as long as the process: collecting among them finds nothing, yet it took
    # ~15 ms of every command, and every later full collection would have walked them again.
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run one command, turn every expected failure into one line and exit code 2."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv) or ["run"])
    handler: Handler = args.handler
    with _loading_modules():
        # pydantic-settings is ~0.07 s of imports: loaded once the arguments are known to be good, so --help,
        # --version and a bad argument answer without it.
        from pydantic import ValidationError

        from app.settings import Settings

        command = handler.resolve()
    try:
        try:
            settings = Settings()
        except UnicodeDecodeError:  # pydantic-settings reads .env as UTF-8
            raise UsageError("configuration: the .env file is not UTF-8 text; save it as UTF-8") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]).upper()
            raise UsageError(f"configuration {where}: {first['msg']}") from None
        logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        code = command(args, settings)
        sys.stdout.flush()  # a reader that went away shows up here rather than in Python's exit handler
        return code
    except BrokenPipeError:
        # `kb list | head -1`: the reader has what it wanted; point stdout at devnull so the flush at exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, KnowledgeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except ValidationError as exc:  # stored data, not settings: a document in the store that no longer loads
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or exc.title
        print(f"error: data in {exc.title} does not load ({where}: {first['msg']}); see 'kb restore'", file=sys.stderr)
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
