"""Subjects the knowledge base does not cover (knowledge/off_topics.yaml), and the questions that name them.

"ly hôn thuận tình mất bao lâu" shares "mất bao lâu" with the IP Law's time limits, and "đóng bảo hiểm xã hội tự
nguyện bao nhiêu" shares "bảo hiểm xã hội" with the SME criteria: close enough for the gate, which only sees how
well a passage matches. Naming a subject no passage names is the evidence it lacks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from knowledge.folding import fold_diacritics, normalize
from retrieval.query import asking_sentences

__all__ = ["OffTopics"]

_WORD = re.compile(r"[^\W_]+")
Phrase = tuple[str, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


class OffTopics:
    """Phrases naming subjects we do not cover, matched whole, with or without the diacritics they are written with."""

    def __init__(self, subjects: Mapping[str, Sequence[str]], present: Callable[[Phrase], bool]) -> None:
        """`present(folded words)`: whether the knowledge base has the phrase; such a phrase is no sign of a subject
        it lacks (searching another collection, ALQAC's laws on marriage or land, the list's phrases are its own)."""
        self._written: dict[Phrase, Phrase] = {}  # folded words -> the words as the list writes them
        for phrases in subjects.values():
            for phrase in phrases:
                words = tuple(_words(phrase))
                folded = tuple(fold_diacritics(w) for w in words)
                if words and not present(folded):
                    self._written[folded] = words
        self._longest = max((len(p) for p in self._written), default=0)

    def named(self, text: str) -> list[Phrase]:
        """The phrases a question names; a word typed with other marks ("sơ đồ" for "sổ đỏ") is another word."""
        typed = _words(" ".join(asking_sentences(text)))  # "Tôi đã nghỉ hưu, đang viết hồi ký." tells, not asks
        folded = [fold_diacritics(w) for w in typed]
        found: list[Phrase] = []
        for start in range(len(folded)):
            for size in range(min(self._longest, len(folded) - start), 0, -1):
                key = tuple(folded[start : start + size])
                written = self._written.get(key)
                if written is None:
                    continue
                as_typed = tuple(typed[start : start + size])
                if as_typed in (key, written):  # typed without marks, or with the list's own
                    found.append(key)
                    break
        return found

    def phrases(self) -> list[Phrase]:
        """The phrases in use: those of the list the knowledge base does not have."""
        return list(self._written.values())
