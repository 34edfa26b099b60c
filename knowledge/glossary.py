"""The glossary of abbreviations and synonyms users type (knowledge/glossary.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.errors import DocumentError, Problem

__all__ = ["DEFAULT_GLOSSARY", "load_glossary"]

DEFAULT_GLOSSARY = Path(__file__).with_name("glossary.yaml")


def load_glossary(path: Path = DEFAULT_GLOSSARY) -> dict[str, list[str]]:
    """Read `term: [expansion, ...]` pairs; a malformed file is refused with its line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DocumentError([Problem(path.name, mark.line + 1 if mark else 1, f"not valid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise DocumentError([Problem(path.name, 1, "the glossary must map each term to a list of expansions")])
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DocumentError([Problem(path.name, 1, f"glossary term '{key}' must map to text or a list of text")])
        out[str(key)] = values
    return out
