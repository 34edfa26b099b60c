"""Safe YAML loading, with libyaml's C parser when PyYAML was built with it (about ten times faster)."""

from __future__ import annotations

from typing import Any

__all__ = ["YamlSyntaxError", "load_yaml"]


class YamlSyntaxError(Exception):
    """Text that is not valid YAML: the parser's message, and the 0-based line it points at when it knows."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def load_yaml(text: str) -> Any:
    """Parse YAML with a safe loader: plain data only, never Python objects.

    A malformed file is parsed again by the pure-Python loader, whose error marks the line people look at.
    """
    # PyYAML is ~15 ms of imports, and an `ask` or a bot start reads the lexicon and the documents from their
    # caches without parsing any YAML: it loads when something is parsed.
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The parser's own words, on one line: its full message quotes the text over several.
        said = [getattr(exc, "context", None), getattr(exc, "problem", None)]
        message = "; ".join(str(s) for s in said if s) or " ".join(str(exc).split())
        raise YamlSyntaxError(message, mark.line if mark is not None else None) from None
