"""What a question asks for and names, and which figures a passage states: evidence for the re-ranker and the gate.

"bù lãi mấy %" wants the article that states "2%/năm", not the one setting out the principles of the same support;
"bằng sáng chế được bao nhiêu năm" wants the one stating "20 năm". A question naming a year or a document number
("Nghị định 31/2022", "năm 2024") is answered only by a passage that mentions it. A bare document type ("luật",
"nghị định", "kế hoạch", "hiệp định") says which kind of document the asker has in mind.
All patterns run on folded lowercase text (knowledge.folding).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from knowledge.folding import fold_diacritics

__all__ = ["Asked", "asked", "span_figures", "stated_figures", "states_a_figure"]

# What the question asks for: a rate, a term, a sum of money, a date, or just "how many".
_ASKS = {
    "percent": re.compile(r"%|\bphan tram\b|\bty le\b"),
    "duration": re.compile(
        # "hết hạn thì ..." sets a condition ("nhãn hiệu hết hạn thì gia hạn thế nào"); it asks no term
        r"\b(?:bao lau|(?:may|bao nhieu|bn) (?:nam|thang|ngay|tuan)|den bao gio|den khi nao|thoi han"
        r"|het han(?! thi\b))\b"
    ),
    "money": re.compile(
        r"\b(?:(?:bao nhieu|bn|may) (?:tien|trieu|ty|dong)|kinh phi|chi phi|muc chi|muc ho tro)\b"
        # "phải nộp bảo đảm bn", "đặt cọc bao nhiêu": a deposit, a fee or a security asked for is a sum of money;
        # not "bảo đảm bao nhiêu lao động nữ" nor "nộp bao nhiêu bộ hồ sơ" (no money word), which count things
        r"|\b(?:tien|le phi|phi|bao dam|dam bao|dat coc|coc|ky quy)(?: \w+){0,2} (?:bao nhieu|bn)\b"
        r"(?! (?:lao dong|nguoi|lan|bo|ban|loai|co quan|van ban|cau|ngay|thang|nam)\b)"
    ),
    "date": re.compile(r"\b(?:khi nao|nam nao|thang nao|bao gio)\b"),
    # "có hiệu lực từ ngày nào" wants the day: a passage naming only "năm 2013" does not answer it
    "day": re.compile(r"\b(?:ngay nao|tu ngay)\b"),
    "number": re.compile(r"\b(?:bao nhieu|bn)\b"),
}
# The words that ask for a figure outright; "mức chi", "chi phí" and "thời hạn" may only name the topic, "khi nào"
# often means "in which case" and "năm nào" which year's figures to use, and "may" is also the "may" of "dệt may".
_ASKING = re.compile(
    r"\b(?:bao nhieu|bn|bao lau|bao gio|ngay nao|(?<!det )may (?:nam|thang|ngay|tuan|phan tram|tien|trieu|ty)"
    r"|(?<!det )may %)(?:\b|(?<=%))"
)
# The same asks in an English question, read from the asker's own words: its translation loses them ("when" is
# "ngày", "how much" "mức hỗ trợ"), yet "when did EVFTA enter into force" wants the passage stating the date.
_ASKS_EN = {
    # "how much support do we get" is answered by "up to 50%" as well as by a sum; "100% foreign-owned" asks nothing
    "percent": re.compile(
        r"\b(?:what|which|how many|how much)\s+(?:%|per ?cent(?:age)?|share|proportion)|\bper ?cent(?:age)?\s*\?"
        r"|\bhow much\b(?! (?:time|longer)\b)"
    ),
    "duration": re.compile(
        r"\bhow long\b|\bhow many (?:years|months|weeks|days)\b|\bwithin how\b|\bhow much (?:time|longer)\b"
        r"|\bdeadline\b|\btime limit\b"
    ),
    "money": re.compile(
        r"\bhow much\b(?! (?:of|percent|time|longer)\b)|\bhow (?:big|large|high) (?:is|are|was|were)\b"
    ),
    # "When did it enter into force?", "signed when?"; not a story's "When I filed in 2016, ..."
    "date": re.compile(
        r"\bwhen (?:exactly |actually |officially )?(?:did|does|do|will|was|were|is|are|can|could|should|must)\b"
        r"|\bwhen\W*$|\b(?:what|which) year\b|\b(?:since|until|by) when\b"
    ),
    "day": re.compile(r"\b(?:what|which) (?:date|day)\b|\bstart date\b"),
    "number": re.compile(r"\bhow many\b"),
}
# What a passage states: the same kinds, written as the documents write them.
_STATES = {
    "percent": re.compile(r"%|\bphan tram\b"),
    "duration": re.compile(
        r"\b\d+\s*(?:nam|thang|ngay|tuan)\b|\b(?:hai|ba|bon|sau|bay|tam|chin|muoi|muoi lam) (?:nam|thang|ngay)\b"
        r"|\bvo thoi han\b"
    ),
    "money": re.compile(r"\b(?:trieu|ty|nghin) dong\b|\b\d+(?:[.,]\d+)?\s*(?:trieu|ty)\b"),
    "date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngay \d{1,2}\b|\bnam (?:19|20)\d{2}\b|\bthang \d{1,2}\b"),
    # "chậm nhất đến ngày nào" is answered by a term ("trong 15 ngày") as well as by a day
    "day": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngay \d{1,2}\b|\b\d+\s*(?:nam|thang|ngay|tuan)\b"),
    "number": re.compile(r"\d"),
}
# Clause and point numbers and references to articles are not figures a passage states; nor are document numbers
# ("80/2021/NĐ-CP"), removed after dates are looked for, since "01/08/2020" and "tháng 8/2020" end like one.
_NOT_FIGURES = re.compile(r"(?m)^[ \t]*(?:\d+|[a-zđ])[.)]\s|\b(?:dieu|khoan|diem|muc|chuong|phu luc)\s+\d+[a-z]?\b")
# For the direct answer only, the numbers listed after an article reference are no figures either ("Điều 20, 21 và 22
# Nghị định 80", "khoản 2 và 3 Điều này"), but a figure after one still is ("Điều 5 và 10 người"). Read by the gate
# too, it reordered the size clauses of Decree 80 Art. 5, whose overview's only digits are "theo Điều 7, 8, 9".
_LISTED_END = r"\s*(?:[.,;:)]|$|(?:va|hoac|den|dieu|khoan|diem|nghi dinh|luat|cua|nay|thong tu|quyet dinh)\b)"
_LISTED = re.compile(
    rf"\b(?:dieu|khoan|diem|muc|chuong|phu luc)\s+\d+[a-z]?(?:\s*(?:,|va|hoac|den|-)\s*\d+[a-z]?(?={_LISTED_END}))+"
)
_DOCUMENT_NUMBERS = re.compile(r"(?<!\d/)\b\d+/\d{4}(?:/[\w-]+)?")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DOCUMENT_NUMBER = re.compile(r"(?<!\d/)\b(\d{1,3})/((?:19|20)\d{2})\b")  # not the tail of "1/1/2021"
_NUMBER_PAIR = re.compile(r"\d+_\d{4}")
# Bare document types; "pháp luật", "luật sư" and "kế hoạch kinh doanh" name no document.
_TYPES = {
    "luat": re.compile(r"(?<!phap )\bluat\b(?! su)"),
    "nghi-dinh": re.compile(r"\bnghi dinh\b"),
    "nghi-quyet": re.compile(r"\bnghi quyet\b"),
    "ke-hoach": re.compile(r"\bke hoach\b(?! kinh doanh)"),
    "hiep-dinh": re.compile(r"\bhiep dinh\b"),
    "thong-tu": re.compile(r"\bthong tu\b"),
}


class Asked:
    """What one question asks for and names."""

    __slots__ = ("explicit", "kinds", "numbers", "types")

    def __init__(
        self, kinds: frozenset[str], numbers: tuple[str, ...], types: frozenset[str], explicit: bool = False
    ) -> None:
        self.kinds = kinds  # figure kinds wanted, as in _ASKS
        self.explicit = explicit  # asked outright: "bao nhiêu", "bao lâu", "mấy năm", "ngày nào"
        self.numbers = numbers  # years ("2024") and document numbers as word pairs ("31_2022")
        self.types = types  # document type codes named without a number

    def stated_by(self, text_of: Callable[[int], str]) -> Callable[[int], bool] | None:
        """For a figure asked outright, whether the passage at a position (`text_of` gives its text) states one."""
        if not (self.explicit and self.kinds):
            return None
        return lambda position: bool(stated_figures(text_of(position), self.kinds))

    def figure_match(self, stated: Callable[[frozenset[str]], frozenset[str]]) -> float:
        """1 when the passage states a figure of a kind asked for (`stated(kinds)`), -1 if none, 0 if none asked."""
        if not self.kinds:
            return 0.0  # most questions ask no figure: the passage's text is then never read for one
        return 1.0 if stated(self.kinds) else -1.0

    def numbers_missing(self, words: frozenset[str], pairs: frozenset[str]) -> float:
        """The share of the years and document numbers the question names that the passage does not mention."""
        # A question asking until when or for how long ("nộp đơn năm 2016, đến năm nào phải gia hạn") names years
        # of its own story: the passage states the term, never the asker's years; document numbers still count.
        numbers = [n for n in self.numbers if "_" in n] if self.kinds & {"date", "day", "duration"} else self.numbers
        if not numbers:
            return 0.0
        return sum(n not in (pairs if "_" in n else words) for n in numbers) / len(numbers)

    def terms(self) -> list[str]:
        """The terms a passage is checked for: the numbers, and each document number also zero-padded ("04_2017")."""
        padded = [
            f"{int(a):0{width}d}_{b}"
            for a, b in (n.split("_") for n in self.numbers if "_" in n)
            for width in (1, 2, 3)
        ]
        return [*self.numbers, *padded]

    def document_missing(self, pairs: frozenset[str]) -> bool:
        """Whether the question names a document number ("31/2022") that the passage neither belongs to nor cites."""
        named = [_unpadded(n) for n in self.numbers if "_" in n]
        return bool(named) and not set(named) <= {_unpadded(p) for p in pairs if _NUMBER_PAIR.fullmatch(p)}

    def type_cue(self, kind: str) -> float:
        """1 when the passage's document is of a type the question names, -1 when of another, 0 for none named."""
        if not self.types or not kind:
            return 0.0
        return 1.0 if kind in self.types else -1.0


def _unpadded(pair: str) -> str:
    number, year = pair.split("_")
    return f"{int(number)}_{year}"  # "04/2017" and "4/2017" are one number


def _fold(text: str) -> str:
    return fold_diacritics(text).lower()  # where the tone mark sits no longer matters once it is removed


def asked(question: str, english: str = "") -> Asked:
    """Read a question (as the index's query text, and an English asker's own words) for the figures, numbers and
    document types it asks about."""
    folded = _fold(question)
    kinds = frozenset(k for k, pattern in _ASKS.items() if pattern.search(folded))
    own = english.lower().replace("\u2019", "'")
    english_kinds = frozenset(k for k, pattern in _ASKS_EN.items() if pattern.search(own))
    kinds |= english_kinds
    if kinds - {"number"}:  # "bao nhiêu %" asks for a rate, not for any number
        kinds -= {"number"}
    documents = [f"{a}_{b}" for a, b in _DOCUMENT_NUMBER.findall(folded)]
    years = [y for y in _YEAR.findall(_DOCUMENT_NUMBER.sub(" ", folded))]
    types = frozenset(code for code, pattern in _TYPES.items() if pattern.search(_DOCUMENT_NUMBER.sub(" ", folded)))
    explicit = bool(kinds) and (bool(_ASKING.search(folded)) or bool(english_kinds))
    return Asked(kinds, tuple(dict.fromkeys(documents + years)), types, explicit)


@functools.lru_cache(maxsize=1024)  # keyed by the passage's own str, whose hash Python keeps: a hit costs a lookup
def _prepared(text: str) -> tuple[str, str]:
    """The folded text without clause numbering and article references; and without document numbers too."""
    with_numbers = _NOT_FIGURES.sub(" ", _fold(text))
    return with_numbers, _DOCUMENT_NUMBERS.sub(" ", with_numbers)


@functools.lru_cache(maxsize=32768)
def _states(text: str, kind: str) -> bool:
    """Whether the text states a figure of this kind."""
    with_numbers, plain = _prepared(text)
    return bool(_STATES[kind].search(with_numbers if kind in ("date", "day") else plain))


def stated_figures(text: str, kinds: Iterable[str]) -> frozenset[str]:
    """Of the given kinds of figure, those a passage's text states."""
    # Only the kinds a question asks for are looked for: each costs a pass over a long text.
    return frozenset(k for k in kinds if _states(text, k))


# Terms written in words that the gate's patterns leave out (read by the direct answer only: on the dev splits the
# gate's figure match with them made two wrong answers confident): "năm năm" unless it is "Việt Nam năm 2023", "một
# tháng", "tháng thứ mười chín".
_SPOKEN = {
    "duration": re.compile(
        r"(?<!viet )\bnam nam\b(?!\s*\d)|\bmot (?:nam|thang|ngay)\b"
        r"|\bthang thu (?:muoi|hai|ba|bon|nam|sau|bay|tam|chin)\b"
    )
}


@functools.lru_cache(maxsize=8192)  # the spans of the passages asked about most come back again and again
def span_figures(text: str, kinds: frozenset[str]) -> tuple[bool, bool]:
    """For the direct answer: whether a span states a figure, and whether one of these kinds (a term also in words:
    "một tháng"), the numbers listed after an article reference aside."""
    plain = _LISTED.sub(" ", _fold(text))
    spoken = _prepared(plain)[1]
    kind = bool(stated_figures(plain, kinds)) or any(_SPOKEN[k].search(spoken) for k in kinds if k in _SPOKEN)
    return states_a_figure(plain), kind


def states_a_figure(text: str) -> bool:
    """Whether the text states a figure of any kind; a digit outside numbering and document numbers settles it."""
    return any(_states(text, kind) for kind in ("number", *(k for k in _STATES if k != "number")))
