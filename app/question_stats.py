"""What /stats and /export show of the question log: daily counts, unanswered questions, a CSV safe to open."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Stats", "csv_export", "safe_cell", "summarise"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


@dataclass(frozen=True)
class Stats:
    """Figures for /stats."""

    per_day: list[tuple[str, int, int]]  # (day, questions, answered)
    total: int
    answered: int
    feedback: dict[str, int]
    unanswered: list[tuple[str, int]]
    documents: list[tuple[str, int]]


def summarise(rows: Sequence[Sequence[object]], days: int) -> Stats:
    """Stats from (at, question, answered, document, feedback) rows."""
    per_day: dict[str, list[int]] = {}
    for at, _, answered, _, _ in rows:
        day = per_day.setdefault(str(at)[:10], [0, 0])
        day[0] += 1
        day[1] += int(str(answered) in ("1", "True"))
    unanswered = Counter(" ".join(str(q).lower().split()) for _, q, a, _, _ in rows if str(a) in ("0", "False"))
    return Stats(
        per_day=[(d, n, a) for d, (n, a) in sorted(per_day.items())[-days:]],
        total=len(rows),
        answered=sum(int(str(r[2]) in ("1", "True")) for r in rows),
        feedback=dict(Counter(str(r[4]) for r in rows if r[4])),
        unanswered=unanswered.most_common(5),
        documents=Counter(str(r[3]) for r in rows if r[3] and str(r[2]) in ("1", "True")).most_common(5),
    )


def safe_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_export(rows: Sequence[Sequence[object]]) -> bytes:
    """The question log as UTF-8 CSV with a BOM, so spreadsheets read Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time", "user_hash", "question", "answered", "citation", "document", "feedback"])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
