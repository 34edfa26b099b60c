"""Exceptions of the knowledge package.

KnowledgeError
 ├── DocumentError     one or more problems in a document, each with file and line
 ├── ImportFormatError a file the importers cannot read at all
 └── StoreError        the versioned store refused an operation
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DocumentError", "ImportFormatError", "KnowledgeError", "Problem", "StoreError"]


class KnowledgeError(Exception):
    """Base class for every error the knowledge package raises."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by file and line."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DocumentError(KnowledgeError):
    """A document failed validation; it is refused as a whole."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid document"
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class ImportFormatError(KnowledgeError):
    """The file is not in any format the importers understand."""


class StoreError(KnowledgeError):
    """The versioned store refused an operation (unknown version, nothing staged, ...)."""
