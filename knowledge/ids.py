"""Stable ASCII ids for documents and passages."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slug"]


def slug(text: str) -> str:
    """A lowercase ASCII id fragment: '80/2021/NĐ-CP' -> '80-2021-nd-cp'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "doc"
