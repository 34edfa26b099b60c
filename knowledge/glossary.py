"""The glossary of abbreviations and synonyms users type (knowledge/glossary.yaml)."""

from __future__ import annotations

from pathlib import Path

from knowledge.errors import DocumentError, Problem
from knowledge.yaml_loading import YamlSyntaxError, load_yaml

__all__ = ["DEFAULT_GLOSSARY", "VOCABULARY", "load_glossary", "read_pairs"]

DEFAULT_GLOSSARY = Path(__file__).with_name("glossary.yaml")
VOCABULARY = Path(__file__).with_name("vocabulary.yaml")  # everyday words -> the documents' words


def load_glossary(path: Path = DEFAULT_GLOSSARY, *more: Path) -> dict[str, list[str]]:
    """Abbreviations and synonyms, plus the everyday vocabulary (or the files given), merged."""
    merged: dict[str, list[str]] = {}
    for source in (path, *(more or ((VOCABULARY,) if path == DEFAULT_GLOSSARY else ()))):
        if not source.exists() and source.name == VOCABULARY.name:
            continue  # the everyday vocabulary is optional beside a custom glossary
        for key, values in read_pairs(source).items():
            bucket = merged.setdefault(key, [])
            bucket.extend(v for v in values if v not in bucket)
    return merged


def read_pairs(path: Path) -> dict[str, list[str]]:
    """Read `term: [expansion, ...]` pairs; a malformed file is refused with its line."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        raise DocumentError([Problem(path.name, line, f"not valid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise DocumentError([Problem(path.name, 1, "expected a mapping of each term to a list of phrases")])
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DocumentError([Problem(path.name, 1, f"term '{key}' must map to text or a list of text")])
        out[str(key)] = values
    return out
