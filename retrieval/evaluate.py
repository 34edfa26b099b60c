"""Retrieval quality over labelled questions: recall@k, MRR@10, latency (DESIGN §4) and the gate's confusion."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from retrieval.answer import Answer
from retrieval.engine import SearchEngine
from retrieval.questions import Expected, LabelledQuestion, load_questions, matches

__all__ = ["Expected", "GateCounts", "LabelledQuestion", "Report", "evaluate", "load_questions", "matches"]

CUTOFFS = (1, 3, 5, 10)


@dataclass
class GateCounts:
    """How the confidence gate split one category's questions."""

    answered_right: int = 0
    answered_wrong: int = 0  # confidently wrong: the worst outcome
    unanswered_right: int = 0  # right passage on top, but flagged unsure
    unanswered_wrong: int = 0
    out_of_scope_refused: int = 0
    out_of_scope_answered: int = 0

    def add(self, in_scope: bool, answered: bool, right: bool) -> None:
        """Count one question."""
        if not in_scope:
            self.out_of_scope_refused += not answered
            self.out_of_scope_answered += answered
        elif answered:
            self.answered_right += right
            self.answered_wrong += not right
        else:
            self.unanswered_right += right
            self.unanswered_wrong += not right

    def to_json_dict(self) -> dict[str, int | float]:
        """Counts, plus rates over the in-scope questions."""
        out: dict[str, int | float] = dict(vars(self))
        in_scope = self.answered_right + self.answered_wrong + self.unanswered_right + self.unanswered_wrong
        if in_scope:
            out["top1"] = round((self.answered_right + self.unanswered_right) / in_scope, 4)
            out["confidently_wrong_rate"] = round(self.answered_wrong / in_scope, 4)
            out["right_but_unsure_rate"] = round(self.unanswered_right / in_scope, 4)
        return out


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
    gate: dict[str, GateCounts] = field(default_factory=dict)
    direct_checked: int = 0
    direct_exact: int = 0

    def to_json_dict(self) -> dict[str, object]:
        """The fixed `eval --json` object, plus the answered rate, the gate's confusion and direct answers."""
        out: dict[str, object] = {"n": self.n}
        out.update({f"recall@{k}": round(v, 4) for k, v in self.recall.items()})
        out["mrr@10"] = round(self.mrr10, 4)
        out["latency_ms"] = {"p50": round(self.latency_p50_ms, 3), "p95": round(self.latency_p95_ms, 3)}
        out["index_build_s"] = round(self.index_build_s, 3)
        out["answered_rate"] = round(self.answered_rate, 4)
        if self.gate:
            out["gate"] = {name: counts.to_json_dict() for name, counts in self.gate.items()}
        if self.direct_checked:
            out["direct_answer"] = {"checked": self.direct_checked, "exact_point": self.direct_exact}
        return out


def _right(answer: Answer, item: LabelledQuestion) -> bool:
    """Top passage right; for a labelled multi-question message, every part's top passage right."""
    if item.parts:
        parts = answer.parts or [answer]
        return len(parts) == len(item.parts) and all(
            bool(p.results) and matches(p.results[0], expected) for p, expected in zip(parts, item.parts, strict=True)
        )
    return bool(answer.results) and matches(answer.results[0], item.expected)


def _direct_exact(answer: Answer, item: LabelledQuestion) -> bool | None:
    """Whether the answer cites the labelled clause and point; None when nothing is labelled that finely."""
    wanted = [e for e in item.expected if e.point or e.clause]
    if not wanted or item.parts or not answer.results or not matches(answer.results[0], item.expected):
        return None
    cited = answer.direct_answer or answer.results[0]  # the direct answer's point, else the top result's
    return any(cited.clause == e.clause and (e.point is None or cited.point == e.point) for e in wanted)


def _percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def evaluate(
    engine: SearchEngine,
    questions: Sequence[LabelledQuestion],
    top: int = 10,
    ask: Callable[[str, int], Answer] | None = None,
) -> Report:
    """Ask every question through the full answer path and score the ranked results and the gate.

    `ask(question, top)` replaces `engine.answer` when the caller adds to the engine's answer (the app's SME result).
    """
    ask = ask or (lambda question, k: engine.answer(question, top=k))
    hits = dict.fromkeys(CUTOFFS, 0)
    reciprocal, answered, checked, exact, in_scope = 0.0, 0, 0, 0, 0
    latencies: list[float] = []
    gate: dict[str, GateCounts] = {"all": GateCounts()}
    for item in questions:
        started = time.perf_counter()
        answer = ask(item.question, top)
        latencies.append((time.perf_counter() - started) * 1000)
        answered += answer.answered
        in_scope += item.scope == "in"
        for name in ("all", item.category or "uncategorised"):
            gate.setdefault(name, GateCounts()).add(item.scope == "in", answer.answered, _right(answer, item))
        if (direct := _direct_exact(answer, item)) is not None:
            checked, exact = checked + 1, exact + direct
        rank = next((i for i, r in enumerate(answer.results, start=1) if matches(r, item.expected)), None)
        if rank is None:
            continue
        reciprocal += 1 / rank if rank <= 10 else 0.0
        for k in CUTOFFS:
            hits[k] += rank <= k
    n = len(questions)
    ranked = max(in_scope, 1)  # recall and MRR are over the questions the knowledge base can answer
    return Report(
        n=n,
        recall={k: v / ranked for k, v in hits.items()},
        mrr10=reciprocal / ranked,
        latency_p50_ms=_percentile(latencies, 50),
        latency_p95_ms=_percentile(latencies, 95),
        index_build_s=engine.build_seconds,
        answered_rate=answered / n,
        gate=gate,
        direct_checked=checked,
        direct_exact=exact,
    )
