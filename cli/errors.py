"""The command line's own error (a bad argument or input: one line, exit code 2) and the subcommand type."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeAlias

__all__ = ["EXIT_USAGE", "Subcommands", "UsageError", "whole_number"]

EXIT_USAGE = 2
Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """A bad argument or input: printed as one line, exit code 2."""


def whole_number(high: int, expected: str) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to `high`; anything else is a one-line error naming `expected`."""

    def parse(text: str) -> int:
        digits = text.strip()
        if not digits.isascii() or not digits.isdigit() or not 1 <= int(digits) <= high:
            raise argparse.ArgumentTypeError(f"expected {expected}, got '{text}'")
        return int(digits)

    return parse
