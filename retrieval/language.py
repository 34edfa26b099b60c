"""Is a question Vietnamese or English? Read from the text first; the Telegram language only breaks a tie.

Accentless Vietnamese ("dnnvv duoc ho tro tu van bao nhieu") must never pass for English, so a word counts for a
language only when the other cannot claim it: Vietnamese diacritics settle it at once; otherwise each word is
looked up among the syllables Vietnamese uses (the knowledge base's own, plus the abbreviations of the glossary)
and among English words (the English lexicon's, plus common function words). Words both languages have ("to",
"an", "the" as thể) count for neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.folding import fold_diacritics

__all__ = ["DOCUMENT_NUMBER", "SYLLABLE", "LanguageDetector"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A document number with its type: 80/2021/NĐ-CP, 33/KH-UBND, 1175/QĐ-TTg (not a date such as 8/2020)
DOCUMENT_NUMBER = re.compile(r"\d+/\d{4}/[\w-]+|\d+/[\w-]*đ[\w-]*|\d+/[a-z]{2,}(?:-[a-z]+)+", re.IGNORECASE)
_ADDRESS = re.compile(r"\S*\w\.(?:vn|com|org|net|gov|int|eu|uk)\b\S*", re.IGNORECASE)
# A Vietnamese term an English question quotes or explains in brackets: "patent (Bằng độc quyền sáng chế)"
_QUOTED = re.compile(r"\([^()]{1,60}\)|[\"\u201c\u2018][^\"\u201d\u2019]{1,60}[\"\u201d\u2019]")
_VI_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
ENGLISH_FUNCTION_WORDS = frozenset(
    (
        "the a an of and or for to in on at by with from is are was were be been can could do does did how what "
        "when where which who whom why will would should may might must my our your their we you i it its this "
        "that these those there here please about any some much many long get got need needs if than then as "
        "not no yes have has had is it's what's how's us me they he she them vietnam vietnamese hanoi company "
        "companies firm firms business start date rules rule term terms form forms valid cost costs fee fees year "
        "years month months day days percent many much long apply get still under before after own give does "
        "we're i'm don't can't isn't new old rate number against into through only also just please thanks"
    ).split()
)


# A word of three letters or more that no Vietnamese syllable could spell ("bring", "plane", "dog", "love"), and that
# the knowledge base and glossary do not use, is English: a Vietnamese syllable is an onset, one to three vowels and
# one of eight codas. Shorter ones ("mn", "dc") are too often Vietnamese shorthand.
SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def _not_a_syllable(word: str) -> bool:
    return len(word) >= 3 and SYLLABLE.fullmatch(word) is None


# The words a Vietnamese question asks with; in a run of Vietnamese words they make the question Vietnamese.
# Matched as typed: folded, "máy" (a machine) and "vay" (a loan) would read as "mấy" and "vậy".
_VI_ASKING = re.compile(
    r"\b(?:là gì|la gi|gì|bao nhiêu|bao nhieu|bn|ở đâu|o dau|không|khong|ko|thế nào|the nao|ntn|ra sao|bao lâu|"
    r"bao lau|mấy|nào|chưa|ạ|vậy|nhé|nhỉ)\b"
)
ENGLISH_AROUND = 2  # English words per Vietnamese one that make marked words a term quoted in an English question


class LanguageDetector:
    """Built once per knowledge-base version from the words each language can claim."""

    def __init__(self, vietnamese: Iterable[str], english: Iterable[str]) -> None:
        vi, en = set(vietnamese), set(english) | ENGLISH_FUNCTION_WORDS
        self._vi = frozenset(vi)
        self._vi_only = frozenset(vi - en)
        self._en_only = frozenset(en - vi)

    def detect(self, text: str, hint: str | None = None) -> str:
        """'vi' or 'en'; `hint` is the user's Telegram language_code, used only when the text does not decide."""
        # "Decree 80/2021/NĐ-CP" is cited in English too; web addresses ("business.gov.vn") name a site, not a
        # language; a lone letter ("c/o", "k", "e") can be either.
        plain = _ADDRESS.sub(" ", DOCUMENT_NUMBER.sub(" ", text))
        quoted = [m.group() for m in _QUOTED.finditer(plain) if _VI_MARKS.search(m.group())]
        for term in quoted:  # each counts as one marked word, however many words it has
            plain = plain.replace(term, " ")
        typed = _WORD.findall(plain)
        marked = sum(bool(_VI_MARKS.search(w)) for w in typed) + len(quoted)
        words = [w.lower() for w in _WORD.findall(fold_diacritics(plain)) if len(w) > 1]
        vi = sum(w in self._vi_only for w in words)
        en = sum(w in self._en_only for w in words)
        if marked:  # a word with Vietnamese marks decides, unless it is a term quoted in English ("fee (môn bài)")
            # Only words a lexicon claims as English count here: shorthand ("ntn", "gpkd", "hok") is Vietnamese. A
            # term of several syllables typed in an English question ("what is lệ phí môn bài exemption") counts once.
            terms, asking = self._terms(typed)
            return "en" if not asking and en >= ENGLISH_AROUND * (terms + len(quoted)) else "vi"
        en += sum(w not in self._vi and w not in self._en_only and _not_a_syllable(w) for w in words)
        if en != vi:
            return "en" if en > vi else "vi"
        return "en" if hint and hint.lower().startswith("en") and en else "vi" if vi or not hint else _hint(hint)

    def _terms(self, typed: list[str]) -> tuple[int, bool]:
        """How many runs of Vietnamese words (marked, or only Vietnamese) the typed words hold, and whether one asks
        in Vietnamese: "Brand protection là gì?" is a Vietnamese question about an English term, not the reverse."""
        vietnamese = [bool(_VI_MARKS.search(w)) or fold_diacritics(w).lower() in self._vi_only for w in typed]
        joined = " ".join(w.lower() if v else "|" for w, v in zip(typed, vietnamese, strict=True))
        count = sum(v and (i == 0 or not vietnamese[i - 1]) for i, v in enumerate(vietnamese))
        return count, any(_VI_ASKING.search(run) for run in joined.split("|"))


def _hint(hint: str) -> str:
    return "en" if hint.lower().startswith("en") else "vi"
