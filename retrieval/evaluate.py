"""Retrieval quality over labelled questions: recall@k, MRR@10 and latency (DESIGN §4)."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import ImportFormatError
from knowledge.folding import number_key
from retrieval.answer import Result
from retrieval.engine import SearchEngine

__all__ = ["Expected", "LabelledQuestion", "Report", "evaluate", "load_questions", "matches"]

CUTOFFS = (1, 3, 5, 10)


@dataclass(frozen=True)
class Expected:
    """One acceptable answer: a document number and, optionally, an article."""

    document: str
    article: str | None = None


@dataclass(frozen=True)
class LabelledQuestion:
    """A question and the passages that answer it."""

    id: str
    question: str
    expected: tuple[Expected, ...]


@dataclass(frozen=True)
class Report:
    """Figures printed by `eval`."""

    n: int
    recall: dict[int, float]
    mrr10: float
    latency_p50_ms: float
    latency_p95_ms: float
    index_build_s: float
    answered_rate: float

    def to_json_dict(self) -> dict[str, object]:
        """The fixed `eval --json` object, plus the answered rate."""
        out: dict[str, object] = {"n": self.n}
        out.update({f"recall@{k}": round(v, 4) for k, v in self.recall.items()})
        out["mrr@10"] = round(self.mrr10, 4)
        out["latency_ms"] = {"p50": round(self.latency_p50_ms, 3), "p95": round(self.latency_p95_ms, 3)}
        out["index_build_s"] = round(self.index_build_s, 3)
        out["answered_rate"] = round(self.answered_rate, 4)
        return out


def _parse_item(item: object, n: int, path: Path) -> LabelledQuestion:
    if not isinstance(item, dict):
        raise ImportFormatError(f"{path}: question #{n} is not a JSON object")
    if "relevant_articles" in item:  # ALQAC
        expected = tuple(Expected(str(r["law_id"]), str(r["article_id"])) for r in item["relevant_articles"])
        return LabelledQuestion(str(item.get("question_id", item.get("id", n))), str(item["text"]), expected)
    if "question" in item and "expected" in item:
        expected = tuple(
            Expected(str(e["document"]), str(e["article"]) if e.get("article") else None) for e in item["expected"]
        )
        return LabelledQuestion(str(item.get("id", n)), str(item["question"]), expected)
    raise ImportFormatError(
        f"{path}: question #{n} needs 'question' and 'expected' (or ALQAC 'text' and 'relevant_articles')"
    )


def load_questions(path: Path) -> list[LabelledQuestion]:
    """Read our question format or ALQAC's; malformed files raise ImportFormatError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}:{exc.lineno}: malformed JSON ({exc.msg})") from None
    if not isinstance(data, list) or not data:
        raise ImportFormatError(f"{path}: expected a non-empty JSON array of questions")
    try:
        return [_parse_item(item, n, path) for n, item in enumerate(data, start=1)]
    except (KeyError, TypeError) as exc:
        raise ImportFormatError(f"{path}: a question lacks a field ({exc})") from None


def matches(result: Result, expected: Sequence[Expected]) -> bool:
    """DESIGN §4: same document number (case, đ/d and spaces ignored) and, if given, same article."""
    number = number_key(result.document_number)
    article = number_key(result.article or "")
    return any(
        number == number_key(e.document) and (e.article is None or article == number_key(e.article)) for e in expected
    )


def _percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def evaluate(engine: SearchEngine, questions: Sequence[LabelledQuestion], top: int = 10) -> Report:
    """Ask every question through the full answer path and score the ranked results."""
    hits = dict.fromkeys(CUTOFFS, 0)
    reciprocal = 0.0
    answered = 0
    latencies: list[float] = []
    for item in questions:
        started = time.perf_counter()
        answer = engine.answer(item.question, top=top)
        latencies.append((time.perf_counter() - started) * 1000)
        answered += answer.answered
        rank = next((i for i, r in enumerate(answer.results, start=1) if matches(r, item.expected)), None)
        if rank is None:
            continue
        reciprocal += 1 / rank if rank <= 10 else 0.0
        for k in CUTOFFS:
            hits[k] += rank <= k
    n = len(questions)
    return Report(
        n=n,
        recall={k: v / n for k, v in hits.items()},
        mrr10=reciprocal / n,
        latency_p50_ms=_percentile(latencies, 50),
        latency_p95_ms=_percentile(latencies, 95),
        index_build_s=engine.build_seconds,
        answered_rate=answered / n,
    )
