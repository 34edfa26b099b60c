"""Term <-> integer id: syllables in a dict, syllable pairs ("a_b") as sorted numeric keys after them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from retrieval.postings import AnyArray, IntArray

__all__ = ["Vocabulary"]

# Bigram terms are written f"{a}_{b}" (retrieval.text.with_bigrams); a syllable never contains "_".
_JOIN = "_"
_SEEN = 1 << 16


class Vocabulary:
    """Ids 0..W-1 are words; id W + i is the pair whose key (a * W + b) is pairs[i]."""

    # Pairs are kept as numbers, never as strings: a large corpus has millions of distinct bigrams, and a Python
    # string and dict slot for each would cost more memory than the postings themselves.

    def __init__(self, words: Sequence[str], pairs: IntArray | None = None) -> None:
        self.words = list(words)
        self._ids = {w: i for i, w in enumerate(self.words)}
        self.pairs: IntArray = np.zeros(0, dtype=np.int64) if pairs is None else pairs
        self._seen: dict[str, int | None] = {}  # pairs looked up lately: the engine asks for the same ones often

    def __len__(self) -> int:
        return len(self.words) + len(self.pairs)

    def id(self, term: str) -> int | None:
        """The term's id, or None when no document has it."""
        found = self._ids.get(term)
        if found is not None or not len(self.pairs):
            return found
        if term in self._seen:
            return self._seen[term]
        if len(self._seen) >= _SEEN:
            self._seen.clear()
        self._seen[term] = found = self._pair(term)
        return found

    def _pair(self, term: str) -> int | None:
        a, sep, b = term.partition(_JOIN)
        left, right = self._ids.get(a), self._ids.get(b)
        if not sep or left is None or right is None:
            return None
        key = left * len(self.words) + right
        pos = int(np.searchsorted(self.pairs, key))
        return len(self.words) + pos if pos < len(self.pairs) and int(self.pairs[pos]) == key else None

    def terms(self, ids: Iterable[int]) -> list[str]:
        """The terms of the given ids."""
        width, words = len(self.words), self.words
        out = []
        for tid in ids:
            if tid < width:
                out.append(words[tid])
            else:
                a, b = divmod(int(self.pairs[tid - width]), width)
                out.append(f"{words[a]}{_JOIN}{words[b]}")
        return out

    def blob(self) -> AnyArray:
        """The words as one UTF-8 byte array, newline-separated, for the on-disk cache."""
        return np.frombuffer("\n".join(self.words).encode("utf-8"), dtype=np.uint8)

    @classmethod
    def from_blob(cls, blob: AnyArray, pairs: IntArray) -> Vocabulary:
        """The inverse of `blob`."""
        text = bytes(blob).decode("utf-8")
        return cls(text.split("\n") if text else [], pairs)
