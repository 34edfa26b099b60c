"""The English glosses of passages as a BM25 field: an English question's words matched in English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from retrieval.bm25 import Bm25
from retrieval.english import gloss_words
from retrieval.english_tokens import stem

__all__ = ["EnglishGlosses"]

FloatArray = npt.NDArray[np.float64]


class EnglishGlosses:
    """BM25 over the English glosses of passages, aligned with the knowledge base's passage positions."""

    def __init__(self, glosses: Sequence[str], words: Mapping[str, list[str]] | None = None) -> None:
        """`words`: gloss_words of each gloss, when already known (retrieval.lexicon_tables keeps them on disk)."""
        self.size = len(glosses)
        known = words or {}
        corpus = [known[g] if g in known else gloss_words(g) for g in glosses]
        self._bm25 = Bm25(corpus) if any(corpus) else None

    def scores(self, words: Sequence[str]) -> FloatArray:
        """The gloss field's BM25 score of every passage (zeros when no gloss matches)."""
        if self._bm25 is None or not words:
            return np.zeros(self.size)
        return self._bm25.scores([stem(w) for w in words])
