"""Dates as Vietnamese legal texts write them."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_vn_date"]

_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def parse_vn_date(text: str) -> dt.date | None:
    """'12/06/2017' or 'ngày 29 tháng 11 năm 2005' -> a date; None if absent or impossible."""
    match = _NUMERIC.search(text) or _WORDS.search(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
