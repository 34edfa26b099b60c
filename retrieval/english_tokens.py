"""The words of an English question: tokens, function words, codes that pass through, and light stemming."""

from __future__ import annotations

import re

from retrieval.language import ENGLISH_FUNCTION_WORDS

__all__ = ["CODE", "STOP", "english_words", "other_form", "stem"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[/&.'-][a-z0-9]+)*")
CODE = re.compile(r"^(?:\d[\w/.-]*|[a-z]*\d[\w/.-]*|cptpp|evfta|ukvfta|rcep|tpp|wto|eu|uk|asean)$")
STOP = ENGLISH_FUNCTION_WORDS - {"company", "companies", "firm", "firms", "business", "start", "date", "term",
                                 "terms", "rules", "rule", "long", "vietnam", "vietnamese", "hanoi"}  # fmt: skip


def english_words(text: str) -> list[str]:
    """Lowercase English tokens; '80/2021' and 'c/o' stay whole, and a phone's curly apostrophe is a straight one."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def other_form(a: str, b: str) -> bool:
    """Whether two words differ only in an ending of s, e and d ("licensed", "licenses") or in hyphens."""
    a, b = re.sub(r"\W", "", a), re.sub(r"\W", "", b)
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return set(a[common:] + b[common:]) <= set("sed")


def stem(word: str) -> str:
    """A light plural/possessive strip, so 'trademarks' finds 'trademark' (only when the lexicon lacks the form)."""
    for suffix in ("'s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word
