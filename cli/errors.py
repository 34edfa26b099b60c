"""The command line's own error (a bad argument or input: one line, exit code 2) and the subcommand type."""

from __future__ import annotations

import argparse
from typing import Any, TypeAlias

__all__ = ["EXIT_USAGE", "Subcommands", "UsageError"]

EXIT_USAGE = 2
Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """A bad argument or input: printed as one line, exit code 2."""
