"""Labelled question files (DESIGN §4): our format with optional category, split, scope and parts, or ALQAC's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.errors import ImportFormatError
from knowledge.folding import number_key
from retrieval.answer import Result

__all__ = ["Expected", "LabelledQuestion", "load_questions", "matches"]

SCOPES = ("in", "missing", "out")


@dataclass(frozen=True)
class Expected:
    """One acceptable answer: a document number and, optionally, an article or plan section, clause and point."""

    document: str
    article: str | None = None
    section: str | None = None
    clause: str | None = None
    point: str | None = None


@dataclass(frozen=True)
class LabelledQuestion:
    """A question, the passages that answer it, and how it is filed (category, dev/test split, scope)."""

    id: str
    question: str
    expected: tuple[Expected, ...]
    category: str = ""
    split: str = ""
    scope: str = "in"  # "in": the knowledge base answers it; "missing": on topic but not covered; "out": off topic
    parts: tuple[tuple[Expected, ...], ...] = ()


def _expected(items: Any) -> tuple[Expected, ...]:
    def text(value: Any) -> str | None:
        return str(value) if value not in (None, "") else None

    return tuple(
        Expected(
            str(e["document"]),
            text(e.get("article")),
            text(e.get("section")),
            text(e.get("clause")),
            text(e.get("point")),
        )
        for e in items
    )


def _parse_item(item: object, n: int, path: Path) -> LabelledQuestion:
    if not isinstance(item, dict):
        raise ImportFormatError(f"{path}: question #{n} is not a JSON object")
    if "relevant_articles" in item:  # ALQAC
        expected = tuple(Expected(str(r["law_id"]), str(r["article_id"])) for r in item["relevant_articles"])
        return LabelledQuestion(str(item.get("question_id", item.get("id", n))), str(item["text"]), expected)
    if "question" not in item or "expected" not in item:
        raise ImportFormatError(
            f"{path}: question #{n} needs 'question' and 'expected' (or ALQAC 'text' and 'relevant_articles')"
        )
    expected = _expected(item["expected"])
    scope = str(item.get("scope") or ("in" if expected else "out"))
    if scope not in SCOPES:
        raise ImportFormatError(f"{path}: question #{n} has scope '{scope}'; use one of {', '.join(SCOPES)}")
    parts = tuple(_expected(p.get("expected", [])) for p in item.get("parts", []))
    return LabelledQuestion(
        str(item.get("id", n)),
        str(item["question"]),
        expected,
        str(item.get("category", "")),
        str(item.get("split", "")),
        scope,
        parts,
    )


def load_questions(path: Path, split: str | None = None) -> list[LabelledQuestion]:
    """Read our question format or ALQAC's, optionally one split; malformed files raise ImportFormatError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}:{exc.lineno}: malformed JSON ({exc.msg})") from None
    if not isinstance(data, list) or not data:
        raise ImportFormatError(f"{path}: expected a non-empty JSON array of questions")
    try:
        questions = [_parse_item(item, n, path) for n, item in enumerate(data, start=1)]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportFormatError(f"{path}: a question lacks a field ({exc})") from None
    if split is None:
        return questions
    chosen = [q for q in questions if q.split == split]
    if not chosen:
        raise ImportFormatError(f"{path}: no question has split '{split}'")
    return chosen


def _same(value: str | None, wanted: str | None) -> bool:
    return wanted is None or number_key(value or "") == number_key(wanted)


def matches(result: Result, expected: Sequence[Expected]) -> bool:
    """DESIGN §4: same document number (case, đ/d and spaces ignored) and, if given, same article or section."""
    number = number_key(result.document_number)
    return any(
        number == number_key(e.document)
        and _same(result.article, e.article)
        and (
            e.section is None
            or (result.section or "") == e.section
            or (result.section or "").startswith(e.section + ".")
        )
        for e in expected
    )
