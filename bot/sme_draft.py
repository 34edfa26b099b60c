"""The /sme dialog's answers so far, kept in `chat_data`, how long they live, and how typed figures are read."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from app.sme import Sector
from app.sme_extract import parse_amount
from knowledge.folding import fold_diacritics, normalize

__all__ = ["TIMEOUT_S", "SmeDraft", "drop_draft", "live_draft", "parse_figure"]

TIMEOUT_S = 15 * 60  # a dialog left alone this long is over
_KEY = "sme"

# A typed answer: a number with '.' or ',' and an optional unit; amounts in triệu are converted to tỷ.
_FIGURE = re.compile(r"(\d{1,12}(?:[.,]\d{1,6})?)\s*([a-z ]*?)\s*")
_PEOPLE = {"", "nguoi", "lao dong", "ld", "nhan vien", "nv", "cong nhan", "workers", "people", "employees"}
_MONEY = {"": 1.0, "ty": 1.0, "ti": 1.0, "ty dong": 1.0, "ti dong": 1.0, "trieu": 0.001, "tr": 0.001}
_MONEY |= {"trieu dong": 0.001, "billion": 1.0, "bn": 1.0, "billion vnd": 1.0}


@dataclass
class SmeDraft:
    """The answers so far, and when the user last moved the dialog on."""

    sector: Sector | None = None
    employees: float = 0.0
    revenue: float | None = None
    capital: float | None = None
    facts: set[str] = field(default_factory=set)
    touched: float = field(default_factory=time.monotonic)

    def capital_required(self) -> bool:
        """Điều 9 khoản 2 Nghị định 80/2021/NĐ-CP: a firm without revenue is judged on total capital alone."""
        return not self.revenue

    @classmethod
    def start(cls, chat_data: dict[Any, Any] | None) -> SmeDraft:
        """A new, empty draft kept in this chat's data (replacing any earlier one)."""
        draft = cls()
        if chat_data is not None:
            chat_data[_KEY] = draft
        return draft


def live_draft(chat_data: dict[Any, Any] | None) -> SmeDraft | None:
    """This chat's draft, touched now; None when there is none or it was left alone longer than TIMEOUT_S."""
    draft = chat_data.get(_KEY) if chat_data is not None else None
    if not isinstance(draft, SmeDraft) or time.monotonic() - draft.touched > TIMEOUT_S:
        return None
    draft.touched = time.monotonic()
    return draft


def drop_draft(chat_data: dict[Any, Any] | None) -> None:
    """Forget this chat's draft: the dialog ended, was cancelled or timed out."""
    if chat_data is not None:
        chat_data.pop(_KEY, None)


def parse_figure(text: str, money: bool) -> float | None:
    """A non-negative number typed by the user ('25', '1,5', '12 tỷ', '800 triệu'), or None."""
    match = _FIGURE.fullmatch(fold_diacritics(normalize(text)).strip())
    if match is None:
        return None
    unit = " ".join(match.group(2).split())
    if money:
        return parse_amount(match.group(1)) * _MONEY[unit] if unit in _MONEY else None
    return parse_amount(match.group(1)) if unit in _PEOPLE else None
