"""Fit the re-ranker and the confidence gate (retrieval/ranking.py) on the dev split; print the constants.

Usage: python scripts/fit_ranking.py [--write]

Training data: the dev split of tests/data/users_vi.json and tests/data/users_en.json (each part of a labelled
multi-question message counts as a question), the shipped sample questions, and the out-of-scope list. The
test split is never read here. With --write the new constants replace those in retrieval/ranking.py.
The threshold is chosen with the gate's topic-pair rule only; the engine's other hard rules (a named document the
passage lacks, a figure asked outright that it does not state) refuse a few more, so `eval` is the final word.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.knowledge_base import KnowledgeBase  # noqa: E402
from knowledge.lexicon import load_lexicon  # noqa: E402
from knowledge.seed import shipped_documents  # noqa: E402
from retrieval import ranking  # noqa: E402
from retrieval.engine import SearchEngine  # noqa: E402
from retrieval.questions import Expected, load_questions, matches  # noqa: E402
from retrieval.results import build_result  # noqa: E402

DATA = ROOT / "tests" / "data"
LANGUAGE_FILES = ("users_vi.json", "users_en.json")
FloatArray = ranking.FloatArray


@dataclass
class Sample:
    """One training question: its candidates' features and which candidates answer it."""

    question: str
    scope: str
    features: FloatArray
    labels: np.ndarray


def training_questions() -> list[tuple[str, tuple[Expected, ...], str]]:
    """(question, expected, scope): scope is "in", "missing" (on topic, not covered) or "out" (off topic)."""
    out: list[tuple[str, tuple[Expected, ...], str]] = []
    for name in LANGUAGE_FILES:
        path = DATA / name
        if not path.exists():
            continue
        for q in load_questions(path, "dev"):
            if q.parts:
                raw = {item["id"]: item for item in json.loads(path.read_text(encoding="utf-8"))}[q.id]
                out += [(p["question"], e, "in") for p, e in zip(raw["parts"], q.parts, strict=True)]
            else:
                out.append((q.question, q.expected if q.scope == "in" else (), q.scope))
    out += [(q.question, q.expected, "sample") for q in load_questions(ROOT / "app" / "sample_questions.json")]
    out += [(text, (), "out") for text in json.loads((DATA / "out_of_scope.json").read_text(encoding="utf-8"))]
    return out


def collect(engine: SearchEngine) -> list[Sample]:
    """Candidates and labels for every training question the engine does not answer by clause lookup."""
    samples = []
    for question, expected, scope in training_questions():
        prepared = engine.prepare(question.strip())
        if engine._lookup(prepared.query.text, prepared.query) is not None:
            continue
        groups, features = engine.candidates(prepared)[:2]
        if not groups:
            continue
        idf = engine.index.passages.idf
        labels = np.array([bool(expected) and matches(build_result(engine.kb, g, [], idf), expected) for g in groups])
        samples.append(Sample(question, scope, features, labels.astype(float)))
    # The first-wave sample questions are in scope; their answered rate has a floor of its own (FIRST_WAVE_ANSWERED).
    return samples


def fit_logistic(x: FloatArray, y: np.ndarray, l2: float = 0.01, steps: int = 4000) -> tuple[np.ndarray, float]:
    """Plain gradient descent on standardised features; returns weights and bias for the raw features."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w, b = np.zeros(x.shape[1]), 0.0
    positive = y.mean()
    weight = np.where(y > 0, 0.5 / max(positive, 1e-9), 0.5 / max(1 - positive, 1e-9))  # balanced classes
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = weight * (p - y)
        w -= 0.5 * (z.T @ g / len(y) + l2 * w)
        b -= 0.5 * g.mean()
    return w / std, b - float((w / std) @ mean)


def fit_reranker(samples: list[Sample], l2: float = 0.01, steps: int = 3000) -> tuple[np.ndarray, float]:
    """Listwise: a softmax over each question's candidates, fitted to put its probability on those that answer.

    Only the order within one question matters to the re-ranker, and a pointwise fit spends itself on telling
    apart candidates of different questions; on dev (5-fold) top-1 went from 0.75 pointwise to 0.84 listwise.
    """
    useful = [s for s in samples if s.scope in ("in", "sample") and s.labels.any()]
    x = np.vstack([s.features for s in useful])
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    width = max(len(s.labels) for s in useful)
    z = np.zeros((len(useful), width, x.shape[1]))
    y = np.zeros((len(useful), width))
    present = np.zeros((len(useful), width), dtype=bool)
    for i, s in enumerate(useful):
        z[i, : len(s.labels)] = (s.features - mean) / std
        y[i, : len(s.labels)], present[i, : len(s.labels)] = s.labels, True
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        scores = np.where(present, z @ w, -np.inf)
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        q = y * p / (y * p).sum(axis=1, keepdims=True)  # the softmax restricted to the candidates that answer
        w -= 0.5 * (np.einsum("nk,nkd->d", p - q, z) / len(useful) + l2 * w)
    return w / std, -float((w / std) @ mean)


def gate_rows(samples: list[Sample]) -> tuple[FloatArray, np.ndarray, np.ndarray]:
    """Gate features with the current re-ranker, whether the top is right, whether the question is in scope."""
    rows, right, scope = [], [], []
    for s in samples:
        order, scores = ranking.rerank(s.features)
        rows.append(ranking.gate_features(s.features, scores, order))
        right.append(bool(s.labels[order[0]]))
        scope.append(s.scope)
    return np.vstack(rows), np.array(right, dtype=float), np.array(scope)


FIRST_WAVE_ANSWERED = 0.92  # tests/test_quality.py keeps the first wave's floor: 90% of its questions answered


def choose_threshold(p: np.ndarray, right: np.ndarray, scope: np.ndarray, wrong_budget: float) -> float:
    """The lowest threshold that keeps wrong answers (wrong passage, or a topic we do not cover) within budget and
    refuses every off-topic question; never so high that the first wave's answered floor breaks."""
    in_scope, missing, off_topic, first_wave = scope == "in", scope == "missing", scope == "out", scope == "sample"
    ceiling = max(t for t in np.arange(0.05, 0.99, 0.01) if (p[first_wave] >= t).mean() >= FIRST_WAVE_ANSWERED)
    for t in np.arange(0.05, ceiling + 1e-9, 0.01):
        answered = p >= t
        wrong = ((answered & in_scope & (right == 0)).sum() + (answered & missing).sum()) / (in_scope | missing).sum()
        if wrong <= wrong_budget and not (answered & off_topic).any():
            return float(round(t, 2))
    return float(round(ceiling, 2))


def confusion(p: np.ndarray, right: np.ndarray, scope: np.ndarray, t: float) -> str:
    """One line: answered right, confidently wrong, right but unsure, missing answered, off-topic answered."""
    first_wave = (p[scope == "sample"] >= t).mean() if (scope == "sample").any() else 0.0
    a, ins = p >= t, scope == "in"
    return (
        f"t={t:.2f} right {(a & ins & (right > 0)).sum()} wrong {(a & ins & (right == 0)).sum()} unsure-right "
        f"{(~a & ins & (right > 0)).sum()} missing-answered {(a & (scope == 'missing')).sum()} off-topic-answered "
        f"{(a & (scope == 'out')).sum()} (in-scope {ins.sum()}); first wave answered {first_wave:.3f}"
    )


def report(samples: list[Sample], threshold: float) -> None:
    """Top-1 before and after re-ranking, and the gate's confusion on the training questions."""
    x, right, scope = gate_rows(samples)
    p = 1 / (1 + np.exp(-(x @ ranking.GATE_WEIGHTS + ranking.GATE_BIAS)))
    p = np.where(x[:, 6] >= ranking.MIN_TOPIC_PAIRS, p, 0.0)
    bm25_top = np.mean([s.labels[0] for s in samples if s.scope in ("in", "sample")])
    print(f"top-1 bm25 {bm25_top:.3f} -> reranked {right[scope == 'in'].mean():.3f}", file=sys.stderr)
    print(confusion(p, right, scope, threshold), file=sys.stderr)


def _array(values: np.ndarray) -> str:
    rows = [", ".join(f"{v:.4f}" for v in values[i : i + 8]) for i in range(0, len(values), 8)]
    return "np.array([\n    " + ",\n    ".join(rows) + ",\n])  # fmt: skip"


def _replace_constant(text: str, name: str, value: str) -> str:
    """Put `name = value` in place of the constant's current definition (one line, or a skip-formatted array)."""
    if value.startswith("np.array"):
        pattern = re.compile(rf"^{name} = np\.array\(\[.*?\]\)  # fmt: skip$", re.MULTILINE | re.DOTALL)
    else:
        pattern = re.compile(rf"^{name} = [^\n]*$", re.MULTILINE)
    return pattern.sub(lambda _: f"{name} = {value}", text, count=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the constants into retrieval/ranking.py")
    parser.add_argument("--wrong-budget", type=float, default=0.02)
    parser.add_argument("--curve", action="store_true", help="print the gate's trade-off at several thresholds")
    parser.add_argument("--only", help="train on these question files only, comma-separated (e.g. users_vi.json)")
    parser.add_argument("--gate-only", action="store_true", help="keep the re-ranker's weights; fit the gate alone")
    args = parser.parse_args()
    global LANGUAGE_FILES
    if args.only:
        LANGUAGE_FILES = tuple(args.only.split(","))
    engine = SearchEngine(KnowledgeBase(shipped_documents()), load_lexicon())
    samples = collect(engine)
    if not args.gate_only:
        ranking.RERANK_WEIGHTS, ranking.RERANK_BIAS = fit_reranker(samples)
    x, right, scope = gate_rows(samples)
    label = (right > 0) & np.isin(scope, ["in", "sample"])
    ranking.GATE_WEIGHTS, ranking.GATE_BIAS = fit_logistic(x, label.astype(float))
    p = 1 / (1 + np.exp(-(x @ ranking.GATE_WEIGHTS + ranking.GATE_BIAS)))
    p = np.where(x[:, 6] >= ranking.MIN_TOPIC_PAIRS, p, 0.0)  # the gate's hard rule, as the engine applies it
    threshold = choose_threshold(p, right, scope, args.wrong_budget)
    report(samples, threshold)
    if args.curve:
        for t in np.arange(0.1, 0.95, 0.05):
            print(confusion(p, right, scope, t), file=sys.stderr)
    constants = {
        "RERANK_WEIGHTS": _array(ranking.RERANK_WEIGHTS),
        "RERANK_BIAS": f"{ranking.RERANK_BIAS:.4f}",
        "GATE_WEIGHTS": _array(ranking.GATE_WEIGHTS),
        "GATE_BIAS": f"{ranking.GATE_BIAS:.4f}",
        "GATE_THRESHOLD": f"{threshold:.2f}",
    }
    for name, value in constants.items():
        print(f"{name} = {value}")
    if args.write:
        path = ROOT / "retrieval" / "ranking.py"
        text = path.read_text(encoding="utf-8")
        for name, value in constants.items():
            text = _replace_constant(text, name, value)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
