"""An SME result (DESIGN §3b) -> Telegram HTML: size, reasons, the deciding clause, then the supports for that size."""

from __future__ import annotations

import html
import re
from itertools import groupby
from typing import Any

from app.sme import SECTOR_LABELS, SIZE_LABELS
from app.sme_rules import fmt_number
from bot.messages import say, sme_label
from bot.sme_english import citation_en, reason_en, title_en
from knowledge.knowledge_base import KnowledgeBase

__all__ = ["cited_articles", "render_sme"]

# "Khoản 2 Điều 5 Nghị định 80/2021/NĐ-CP", "Điều 4 Luật ... số 04/2017/QH14": the article, then the number last.
_CITED = re.compile(r"Điều (\S+) (?:.* )?(\S+)$")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def _clip_amount(amount: str, limit: int) -> str:
    """Shorten 'what is supported: the rate and cap' from the front part, so the figures always show."""
    head, sep, tail = amount.partition(": ")
    if len(amount) <= limit or not sep:
        return _clip(amount, limit)
    room = min(len(head), max(limit // 4, limit - len(tail) - 2))
    return f"{_clip(head, room)}: {_clip(tail, limit - room - 2)}"


def _cited(citation: str, lang: str) -> str:
    return citation_en(citation) if lang == "en" else citation


def _titled(title: str, lang: str) -> str:
    return title_en(title) if lang == "en" else title


def _number(value: float, lang: str) -> str:
    return fmt_number(value).replace(",", ".") if lang == "en" else fmt_number(value)


def _verdict(sme: dict[str, Any], lang: str) -> list[str]:
    """Size and sector, the figures judged, why, and the clauses cited (the deciding one first)."""
    size = sme_label(SIZE_LABELS.get(sme["size"], sme["size"]), lang, sme["size"])
    sector = sme_label(SECTOR_LABELS.get(sme["sector"], sme["sector"]), lang, sme["sector"])
    figures = [say(lang, "sme_workers", n=_number(sme["employees"], lang))]
    if sme["revenue"] is not None:
        figures.append(say(lang, "sme_revenue", v=_number(sme["revenue"], lang)))
    if sme["capital"] is not None:
        figures.append(say(lang, "sme_capital", v=_number(sme["capital"], lang)))
    lines = [say(lang, "sme_size", size=_escape(size), sector=_escape(sector))]
    lines.append(say(lang, "sme_figures", figures=_escape(", ".join(figures))))
    lines += [f"• {_escape(reason_en(reason) if lang == 'en' else reason)}" for reason in sme["reasons"]]
    lines.append(say(lang, "sme_basis", citations=_escape("; ".join(_cited(c, lang) for c in sme["citations"]))))
    return lines


def _supports(sme: dict[str, Any], lang: str, amount_chars: int) -> list[str]:
    """The supports this size gets, grouped under their article's title; then those that need a stated fact."""
    supports: list[dict[str, str]] = sme["supports"]
    if not supports:
        return ["", say(lang, "sme_no_supports")]
    claimed = [s for s in supports if not s.get("applies_if")]
    lines = ["", say(lang, "sme_supports", count=len(claimed))]
    for title, group in groupby(claimed, key=lambda s: s["title"]):
        lines.append(f"<b>{_escape(_titled(title, lang))}</b>")
        for s in group:
            amount = _clip_amount(s["amount"] or s["conditions"], amount_chars)
            lines.append(f"• {_escape(amount)} — <i>{_escape(_cited(s['citation'], lang))}</i>")
    conditional = [s for s in supports if s.get("applies_if")]
    if conditional:
        lines += ["", say(lang, "sme_conditional")]
    for s in conditional:
        who, title, cited = sme_label(s["applies_if"], lang), _titled(s["title"], lang), _cited(s["citation"], lang)
        lines.append(say(lang, "sme_if", who=_escape(who), title=_escape(title), citation=_escape(cited)))
    return lines


def render_sme(sme: dict[str, Any], lang: str = "vi", amount_chars: int = 400) -> str:
    """The SME block of a reply: the verdict with its reasons and citations, then the supports for that size."""
    return "\n".join([*_verdict(sme, lang), *_supports(sme, lang, amount_chars)])


def cited_articles(kb: KnowledgeBase, sme: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(document id, article, document number) of every article the result cites, the deciding one first."""
    found: list[tuple[str, str, str]] = []
    for citation in sme["citations"]:
        match = _CITED.search(citation)
        docs = kb.by_number(match.group(2)) if match else []
        if match and docs:
            found.append((docs[0].meta.id, match.group(1), docs[0].meta.number))
    for support in sme["supports"]:
        hit = kb.passage(support["passage_id"])
        if hit is not None and hit[1].article:
            found.append((hit[0].meta.id, hit[1].article, hit[0].meta.number))
    return list(dict.fromkeys(found))
