"""Body lines of a legal text or plan -> units (articles or sections) with their clauses, points and paragraphs.

One pass over the lines; every numbering problem is reported with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.errors import Problem
from knowledge.models import DocumentMeta

__all__ = ["POINT_LETTERS", "BodyParser", "Line", "Para", "Unit", "is_article_heading", "roman_to_int"]

# Vietnamese legal drafting skips f, j, w and z and puts đ after d.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

_MD = r"(?:#{1,6}\s*)?(?:\*\*|__)?"
# The title is the rest of the line, trimmed in Python: a lazy group before optional trailing markup and "$"
# backtracks cubically on a long run of spaces (an upload with "Điều 1. a" + 3,000 spaces + "b" froze the bot).
_ARTICLE = re.compile(_MD + r"Điều\s+(\d+[a-z]?)\s*\.(.*)$")
_GROUP = re.compile(_MD + r"(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+(?:[IVXLC]+|\d+|thứ\s+\w+|THỨ\s+\w+)(?:[\s.:]|$)")
_SECTION = re.compile(_MD + r"([IVXL]{1,6})\.\s(.*)$")
_GROUP_TITLE = re.compile(r"^##\s+\S")  # "## Các điều 28–32: ..." groups articles like a chapter does
MAX_UNITS = 5000  # articles or sections in one document; more is not a document people upload by hand
_CLAUSE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s+(\S.*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


ARTICLE_NOTE = "Lưu ý:"


class Line(NamedTuple):
    """A body line and its line number in the source file."""

    number: int
    text: str


@dataclass
class Para:
    """A paragraph with the clause and point it belongs to."""

    line: int
    text: str
    clause: str | None = None
    point: str | None = None


@dataclass
class Item:
    """A numbered clause (or plan item) and its paragraphs."""

    number: str
    line: int
    paras: list[Para] = field(default_factory=list)
    last_point: str | None = None


@dataclass
class Unit:
    """An article or plan section: its lead paragraphs and its items."""

    key: str
    title: str
    line: int
    lead: list[Para] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def _trim_title(text: str) -> str:
    """A heading's title without surrounding spaces or the bold markers around it."""
    title = text.strip()
    for mark in ("**", "__"):
        title = title.removesuffix(mark).strip()
    return title


def roman_to_int(numeral: str) -> int:
    """Value of a Roman numeral such as 'IV'."""
    values = [_ROMAN[ch] for ch in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _strip_markup(text: str) -> str:
    """Drop Markdown emphasis wrappers that official-text exports put around paragraphs."""
    text = text.strip()
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            text = text[len(mark) : -len(mark)].strip()
    return text


class BodyParser:
    """Single pass over body lines that builds units and reports located problems."""

    def __init__(self, meta: DocumentMeta, source: str, articles: bool, lenient: bool) -> None:
        self.meta, self.source, self.articles = meta, source, articles
        self.strict = meta.kind == "official" and not lenient
        self.lenient = lenient
        self.preamble: list[Para] = []
        self.units: list[Unit] = []
        self.problems: list[Problem] = []
        self.open_para: Para | None = None
        self.after_group = False

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def numbering_problem(self, line: int, message: str) -> None:
        """Clause and point order is checked in our files; imported official texts are kept as they are."""
        if not self.lenient:
            self.problem(line, message)

    def feed(self, line: Line) -> None:
        raw = line.text.strip()
        if not raw or raw == "---":
            self.open_para = None
            return
        if self._heading(line, raw):
            self.open_para = None
            return
        text = _strip_markup(raw)
        if self.after_group and text.isupper():
            return  # the title line under "Chương II" / "PHẦN THỨ HAI" belongs to the heading
        self.after_group = False
        if (m := _CLAUSE.match(text)) and self.units:
            self._clause(line.number, m.group(1), text)
        elif (m := _POINT.match(text)) and self.units:
            self._point(line.number, m.group(1), text)
        elif self.open_para is not None:
            self.open_para.text += " " + text
        else:
            self._paragraph(line.number, text)

    def _heading(self, line: Line, raw: str) -> bool:
        if self.articles and (m := _ARTICLE.match(raw)):
            self._unit(line.number, m.group(1), _trim_title(m.group(2)))
            return True
        if not self.articles and (m := _SECTION.match(raw)):
            self._unit(line.number, m.group(1), _strip_markup(_trim_title(m.group(2))))
            return True
        self.after_group = bool(_GROUP.match(raw))
        if self.after_group or _GROUP_TITLE.match(raw):
            return True  # a grouping heading: it organises articles and is not a passage
        if raw.startswith("#"):
            # A heading the format does not know would otherwise vanish into the article before it.
            self.problem(line.number, f"unknown heading '{raw[:60]}': use 'Điều N. Title', 'I. Title' or 'Chương'")
            return True
        return False

    def _unit(self, number: int, key: str, title: str) -> None:
        self.after_group = False
        if len(self.units) == MAX_UNITS:
            self.problem(number, f"more than {MAX_UNITS} articles or sections: split the document")
        if self.units:
            self._check_order(number, self.units[-1].key, key)
        self.units.append(Unit(key, title, number))

    def _check_order(self, line: int, previous: str, current: str) -> None:
        label = "Điều" if self.articles else "Mục"
        if self.articles:
            prev, cur = int(re.sub(r"\D", "", previous)), int(re.sub(r"\D", "", current))
            same_base_suffix = prev == cur and current > previous
            if same_base_suffix:
                return
        else:
            prev, cur = roman_to_int(previous), roman_to_int(current)
        if cur == prev:
            self.problem(line, f"duplicate {label} {current}")
        elif cur < prev or (self.strict and cur != prev + 1):
            self.problem(line, f"broken numbering: {label} {current} follows {label} {previous}")

    def _clause(self, number: int, key: str, text: str) -> None:
        unit = self.units[-1]
        if unit.items:
            prev = int(unit.items[-1].number)
            if int(key) <= prev or (self.strict and int(key) != prev + 1):
                where = self.where(unit)
                self.numbering_problem(number, f"broken numbering: clause {key} follows clause {prev} in {where}")
        elif self.strict and key != "1":
            self.numbering_problem(number, f"broken numbering: {self.where(unit)} starts at clause {key}")
        item = Item(key, number)
        self.open_para = Para(number, text, clause=key)
        item.paras.append(self.open_para)
        unit.items.append(item)

    def _point(self, number: int, letter: str, text: str) -> None:
        unit = self.units[-1]
        item = unit.items[-1] if unit.items else None
        last = item.last_point if item else None
        pos = POINT_LETTERS.index(letter) if letter in POINT_LETTERS else -1
        expected = POINT_LETTERS.index(last) + 1 if last else 0
        if pos < 0 or pos < expected or (self.strict and pos != expected):
            self.numbering_problem(
                number, f"broken numbering: point {letter}) follows {last or 'nothing'} in {self.where(unit)}"
            )
        self.open_para = Para(number, text, clause=item.number if item else None, point=letter)
        if item is None:
            unit.lead.append(self.open_para)
        else:
            item.paras.append(self.open_para)
            item.last_point = letter

    def _paragraph(self, number: int, text: str) -> None:
        self.open_para = Para(number, text)
        if not self.units:
            self.preamble.append(self.open_para)
        elif self.units[-1].items:
            item = self.units[-1].items[-1]
            # In our notes "Lưu ý: …" after the clauses is about the whole article (which texts amended it), so it
            # is cited as the article, not as the clause it happens to follow.
            if not (self.meta.kind == "summary" and text.startswith(ARTICLE_NOTE)):
                self.open_para.clause = item.number
            item.paras.append(self.open_para)
        else:
            self.units[-1].lead.append(self.open_para)

    def where(self, unit: Unit) -> str:
        return f"Điều {unit.key}" if self.articles else f"Mục {unit.key}"


def is_article_heading(text: str) -> bool:
    """Whether a line is an article heading ('### Điều 5. Title')."""
    return _ARTICLE.match(text.strip()) is not None
