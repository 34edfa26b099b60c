"""The command line's arguments (DESIGN §2), argparse only: each command's modules load when that command runs.

`kb` and `bench` declare their own arguments (cli/kb.py, cli/bench.py); the commands whose modules load the search
engine or the bot are declared here, their handlers named by module and function.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.sme_sectors import SECTORS
from cli import bench, kb
from cli.errors import EXIT_USAGE, Subcommands, whole_number
from cli.handler import Handler

__all__ = ["build_parser"]

_SME_FLAGS = (
    ("--ho-kinh-doanh", "converted from a household business (Điều 15–19)"),
    ("--khoi-nghiep", "an innovative start-up (Điều 20–22, 26–27)"),
    ("--cum-lien-ket", "in an industry cluster (Điều 23, 25–27)"),
    ("--chuoi-gia-tri", "in a value chain (Điều 24–27)"),
    ("--nu-lam-chu", "women-owned, employs many women, or a social enterprise (higher caps in Điều 13, 14)"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


class _Version(argparse.Action):
    """`--version`, looked up only when asked for: importlib.metadata is ~15 ms of imports every other run skips."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show program's version number and exit"
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> NoReturn:
        from importlib import metadata

        try:
            version = metadata.version("hanoi-policy-assistant")
        except metadata.PackageNotFoundError:  # a source checkout that was never installed
            version = "0+unknown"
        print(f"hanoi-policy-bot {version}")
        parser.exit()


_positive = whole_number(50, "a whole number from 1 to 50")


def _number(text: str) -> float:
    """A decimal with '.' or ',' ('1,5'); anything else is a one-line argument error."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got '{text}'") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a number, got '{text}'")
    return value


def _add_run(sub: Subcommands) -> None:
    parser = sub.add_parser("run", help="run the Telegram bot (long polling, or --webhook)")
    parser.add_argument("--webhook", action="store_true", help="receive updates on WEBHOOK_URL instead of polling")
    parser.set_defaults(handler=Handler("cli.run", "run"))


def _add_ask(sub: Subcommands) -> None:
    ask = sub.add_parser("ask", help="answer questions from the published knowledge base")
    ask.add_argument("--json", action="store_true", help="one JSON object per question per line (DESIGN §3)")
    ask.add_argument("--top", type=_positive, default=3, metavar="K", help="number of passages (default 3)")
    ask.add_argument("questions", nargs="+", metavar="QUESTION")
    ask.set_defaults(handler=Handler("cli.ask", "run_ask"))
    chat = sub.add_parser("chat", help="interactive console with the bot's answers, no token needed")
    chat.add_argument("--top", type=_positive, default=3, metavar="K")
    chat.set_defaults(handler=Handler("cli.ask", "run_chat"))


def _add_eval(sub: Subcommands) -> None:
    parser = sub.add_parser("eval", help="recall@k, MRR@10 and latency over labelled questions")
    parser.add_argument("--questions", type=Path, required=True, help="our question JSON or ALQAC questions")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, help="ALQAC law.json; replaces the knowledge base for this run")
    source.add_argument(
        "--shipped", action="store_true", help="score the shipped documents (knowledge/documents), not the live version"
    )
    parser.add_argument("--json", action="store_true", help="print the DESIGN §4 JSON object, plus kb_version")
    parser.add_argument(
        "--top", type=_positive, default=10, metavar="K", help="results ranked per question (default 10)"
    )
    parser.add_argument("--split", help="only the questions of this split (e.g. dev or test)")
    parser.set_defaults(handler=Handler("cli.evaluation", "run_eval"))


def _add_sme(sub: Subcommands) -> None:
    sme = sub.add_parser("sme", help="SME size by Điều 5 Nghị định 80/2021/NĐ-CP and the supports it can get")
    sme.add_argument("--sector", required=True, metavar="S", help=f"one of {', '.join(SECTORS)}")
    sme.add_argument("--employees", required=True, type=_number, metavar="N", help="insured workers, yearly average")
    sme.add_argument("--revenue", type=_number, metavar="TỶ", help="last year's revenue in billion VND")
    sme.add_argument("--capital", type=_number, metavar="TỶ", help="total capital (tổng nguồn vốn) in billion VND")
    sme.add_argument("--json", action="store_true", help="one JSON object on one line (DESIGN §3b)")
    for flag, text in _SME_FLAGS:
        sme.add_argument(flag, action="store_true", help=text)
    sme.set_defaults(handler=Handler("cli.sme", "run_sme"))


def build_parser() -> argparse.ArgumentParser:
    """Every command and its arguments; `args.handler` is the chosen command's Handler."""
    parser = _Parser(prog="run_bot.py", description="Hanoi policy assistant: Telegram bot and tools.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    _add_run(sub)
    _add_ask(sub)
    kb.register(sub)
    _add_eval(sub)
    bench.register(sub)
    _add_sme(sub)
    return parser
