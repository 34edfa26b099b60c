"""A command's handler named by module and function, so that parsing a command line loads argparse only."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.settings import Settings

__all__ = ["Handler"]


@dataclass(frozen=True)
class Handler:
    """`Handler("cli.ask", "run_ask")`: the module is imported when the command runs, never when it is parsed."""

    module: str
    function: str

    def resolve(self) -> Callable[[argparse.Namespace, Settings], int]:
        """The handler function itself (imports its module)."""
        found: Callable[[argparse.Namespace, Settings], int] = getattr(
            importlib.import_module(self.module), self.function
        )
        return found
