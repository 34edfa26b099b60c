"""The re-ranker and the confidence gate: two small logistic models over `features.FEATURE_NAMES`.

The weights are constants fitted by `scripts/fit_ranking.py` on the dev split of tests/data/users_vi.json and
tests/data/users_en.json (plus the sample questions and the out-of-scope list); the test split is only measured.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["GATE_NAMES", "confident", "gate_features", "gate_probability", "rerank", "unrelated"]

FloatArray = npt.NDArray[np.float64]

# Re-ranker: a candidate's log-odds of being the passage that answers, from its FEATURE_NAMES row.
RERANK_WEIGHTS = np.array([
    -0.3717, 0.0109, 3.1558, 1.1219, 3.0566, -0.6895, -0.2618, -0.0032,
    -2.0096, -1.1070, 0.4336, 1.1075, -1.9970, 1.2196, -0.0468, -2.8867,
])  # fmt: skip
RERANK_BIAS = -1.6601

GATE_NAMES = (
    "rerank_top", "rerank_margin", "body_words", "body_pairs", "title_words", "question_known",
    "question_pairs_known", "content_log", "bm25_log", "keyword_match", "accented", "unknown_words", "top_share",
)  # fmt: skip
GATE_WEIGHTS = np.array([
    -0.0647, 0.8308, 1.8972, 1.4458, 0.7464, -0.0771, -1.2073, 0.7742,
    0.5642, 1.1462, -0.3033, -2.8298, 2.8564,
])  # fmt: skip
GATE_BIAS = -9.6151
GATE_THRESHOLD = 0.27


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def rerank(features: FloatArray) -> tuple[list[int], FloatArray]:
    """Candidate order (best first) and each candidate's re-ranking score; ties keep the BM25 order."""
    if not len(features):
        return [], np.zeros(0)
    scores = features @ RERANK_WEIGHTS + RERANK_BIAS
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return order, scores


def gate_features(features: FloatArray, scores: FloatArray, order: list[int]) -> FloatArray:
    """What the gate sees of the best candidate: re-ranking score and margin, and how well it covers the question."""
    top = features[order[0]]
    margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else scores[order[0]]
    picked = [3, 4, 5, 8, 9, 10, 1, 13, 14, 15]
    weights = np.exp(scores - scores.max())
    share = float(weights[order[0]] / weights.sum())  # the top candidate's share of the re-ranker's belief
    return np.array([scores[order[0]], margin, *top[picked], share])


def gate_probability(gate: FloatArray) -> float:
    """Probability that the best candidate answers the question."""
    return _sigmoid(float(gate @ GATE_WEIGHTS + GATE_BIAS))


# A refused question is about nothing the bot covers when the gate finds almost no chance of an answer and the
# question shares few words or word pairs with what the bot is about (titles, headings, search phrases, glossary):
# it gets one line saying what the bot covers instead of "nearest passages" that are no use to anyone.
UNRELATED_PROBABILITY = 0.1
UNRELATED_WORDS = 0.4
UNRELATED_PAIRS = 0.3


def unrelated(gate: FloatArray, probability: float) -> bool:
    """Whether a refused question is off topic."""
    return probability < UNRELATED_PROBABILITY and bool(gate[5] < UNRELATED_WORDS or gate[6] < UNRELATED_PAIRS)


MIN_TOPIC_PAIRS = 0.1  # a question sharing (almost) no word pair with the bot's topics is never answered


def confident(probability: float, gate: FloatArray) -> bool:
    """Whether the answer may be given as an answer rather than as the nearest passages."""
    return probability >= GATE_THRESHOLD and bool(gate[6] >= MIN_TOPIC_PAIRS)
