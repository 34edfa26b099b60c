"""Answer -> Telegram HTML: every string escaped, split at 4096 characters between words, never inside a tag."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from app.limits import RESULTS_PER_PAGE
from bot.messages import say, status_label
from bot.render_sme import render_sme
from knowledge.models import STATUS_LABELS, Document
from retrieval.answer import Answer, DirectAnswer, Result
from retrieval.engine import SearchEngine

__all__ = [
    "document_card",
    "escape",
    "full_article",
    "highlight",
    "render_answer",
    "render_full_article",
    "short_snippet",
]


def escape(text: str) -> str:
    """Escape user- or document-supplied text for parse_mode=HTML."""
    return html.escape(text, quote=False)


def highlight(text: str, sentences: list[str]) -> str:
    """Escaped text with the best-matching sentences in bold."""
    spans = sorted((m, m + len(s)) for s in sentences if s and (m := text.find(s)) >= 0)
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out += [escape(text[pos:start]), "<b>", escape(text[start:end]), "</b>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def short_snippet(result: Result, limit: int = 160) -> str:
    """One line of plain text for a further result or an inline card."""
    text = result.highlights[0] if result.highlights else result.text
    if text.rstrip().endswith(":"):  # a lead-in ("Bằng độc quyền sáng chế:") states nothing: show its paragraph
        start = max(result.text.find(text), 0)
        end = result.text.find("\n\n", start + len(text))
        text = result.text[start : end if end > 0 else None]
    return _shorten(" ".join(text.split()), limit)


def _dates(result: Result, lang: str = "vi") -> str:
    parts = [say(lang, "status", status=escape(status_label(result.status, lang) or result.status_label))]
    if result.issued:
        parts.append(say(lang, "issued", date=f"{result.issued:%d/%m/%Y}"))
    if result.effective:
        parts.append(say(lang, "effective", date=f"{result.effective:%d/%m/%Y}"))
    return " · ".join(parts)


def _cited(cited: Result | DirectAnswer, lang: str) -> str:
    """A result's or direct answer's citation in the reply's language (English when it has one)."""
    return cited.citation_en if lang == "en" and cited.citation_en else cited.citation


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{escape(text)}</a>' if url else escape(text)


def _document_line(result: Result, lang: str) -> str:
    """The cited document with its link, status and dates."""
    return say(lang, "document", link=_link(result.url, result.document_number), dates=_dates(result, lang))


def _english_head(result: Result) -> list[str]:
    """An English answer names the provision and the document in English above the Vietnamese text."""
    lines = [f"📌 <b>{escape(result.citation_en or result.citation)}</b>"]
    if result.document_title_en:
        lines.append(
            say("en", "about", title=escape(result.document_title_en), about=escape(result.document_about_en or ""))
        )
    lines.append(f"🇻🇳 <i>{escape(result.citation)}</i>")
    return lines


def _main_result(result: Result, confident: bool, lang: str) -> list[str]:
    if confident:
        body = highlight(_shorten(result.text, 1800), result.highlights)
    else:
        body = escape(_shorten(result.text, 600))
    lines = _english_head(result) if lang == "en" else [f"📌 <b>{escape(result.citation)}</b>"]
    if result.heading:
        lines.append(f"<i>{escape(result.heading)}</i>")
    lines += [body, ""]
    if lang == "en" and result.gloss_en:
        lines += [say(lang, "english_gloss", gloss=escape(result.gloss_en)), ""]
    if result.note:
        lines += [say(lang, "note", note=escape(_shorten(result.note, 700))), ""]
    lines.append(_document_line(result, lang))
    if result.status_note and lang == "vi":
        lines.append(f"ℹ️ <i>{escape(_shorten(result.status_note, 300))}</i>")
    if result.sources:
        links = ", ".join(_link(url, urlsplit(url).netloc or url) for url in result.sources[:3])
        lines.append(say(lang, "sources", links=links))
    return lines


def _interpretation(answer: Answer, limit: int = 3) -> list[str]:
    if not answer.interpretation:
        return []
    readings = "; ".join(f"{escape(r.source)} → {escape(r.target)}" for r in answer.interpretation[:limit])
    return [say(answer.language, "understood_as", readings=readings)]


def _direct(answer: Answer) -> list[str]:
    direct = answer.direct_answer
    if direct is None:
        return []
    text = escape(_shorten(direct.text, 700))
    citation = _cited(direct, answer.language)
    return [say(answer.language, "direct_answer", text=text, citation=escape(citation)), ""]


def _part_body(part: Answer) -> list[str]:
    """What one question of a message gets: its direct answer, or its best passage, or why there is none."""
    lang = part.language
    lines: list[str] = []
    if part.scope == "out":  # a subject we do not cover: no passage of ours is near it
        lines.append(say(lang, "part_out"))
    elif part.direct_answer is not None:
        lines += _direct(part)[:1]
    elif part.answered and part.results:
        top = part.results[0]
        cited = _cited(top, lang)
        lines.append(f"📌 <b>{escape(cited)}</b> — {escape(short_snippet(top, 300))}")
    elif part.results:
        top = part.results[0]
        cited = _cited(top, lang)
        lines.append(say(lang, "part_unsure", citation=escape(cited), snippet=escape(short_snippet(top))))
    else:
        lines.append(say(lang, "part_none"))
    gloss = part.results[0].gloss_en if lang == "en" and part.scope != "out" and part.results else None
    if gloss:  # an English asker reads each part's passage in English too, as under a single answer
        lines.append(say(lang, "english_gloss", gloss=escape(_shorten(gloss, 400))))
    return lines


def _sme_lead(answer: Answer, page: int = 0) -> list[str]:
    """A question stating a firm's figures is answered first with its SME size and supports, then the passages."""
    if not answer.sme or page:
        return []
    lines = [render_sme(answer.sme, answer.language), ""]
    return [*lines, say(answer.language, "sme_passages"), ""] if answer.results or answer.parts else lines


def _several(answer: Answer) -> str:
    lines = [*_sme_lead(answer), say(answer.language, "several", count=len(answer.parts)), ""]
    # Questions answered by the same passage ("bảo hộ bao lâu, gia hạn được mấy lần") share one section: the
    # same answer printed twice reads as a fault.
    sections: dict[tuple[str, ...], list[str]] = {}
    for n, part in enumerate(answer.parts, start=1):
        asked = say(part.language, "part", n=n, question=escape(_shorten(part.question, 200)))
        sections.setdefault(tuple(_part_body(part)), []).append(asked)
    for body, asked_lines in sections.items():
        lines += [*asked_lines, *body, ""]
    # Each document cited once, with its status and dates, as under a single answer: an official checks them.
    cited = {p.results[0].document_number: p.results[0] for p in answer.parts if p.scope != "out" and p.results}
    lines += [_document_line(r, answer.language) for r in cited.values()]
    return "\n".join([*lines, *([""] if cited else []), *_interpretation(answer)]).strip()


def _no_passages(answer: Answer) -> str:
    """Out of scope, the SME result alone, or nothing found: a reply without passages."""
    lang, asked = answer.language, f"❓ <i>{escape(_shorten(answer.question, 300))}</i>"
    if answer.scope == "out":
        return f"{asked}\n\n{say(lang, 'out_of_scope')}"
    if answer.sme:
        return "\n".join([asked, "", *_sme_lead(answer)]).strip()
    message = escape(answer.message) if answer.message else say(lang, "nothing_found")
    return f"🔎 {message}\n\n{say(lang, 'rephrase')}"


def render_answer(answer: Answer, page: int = 0, with_sme: bool = True) -> str:
    """One page of an answer: its SME result, the direct answer, the best passage, then two or three more."""
    lang = answer.language
    if not with_sme:  # a page edited in place by "more results" replaces only the passages' own message
        answer = answer.model_copy(update={"sme": None})
    if answer.parts and page == 0 and answer.scope != "out":
        return _several(answer)
    if answer.scope == "out" or not answer.results:
        return _no_passages(answer)
    chunk = answer.results[page * RESULTS_PER_PAGE : (page + 1) * RESULTS_PER_PAGE] or answer.results[:RESULTS_PER_PAGE]
    lines = [f"❓ <i>{escape(_shorten(answer.question, 300))}</i>", *_interpretation(answer), ""]
    lines += _sme_lead(answer, page)
    if not answer.answered:
        lines += [say(lang, "low_confidence"), ""]
    if page == 0:
        lines += _direct(answer)
    lines += _main_result(chunk[0], answer.answered, lang)
    if len(chunk) > 1:
        lines += ["", say(lang, "other_results" if answer.answered else "nearest_others")]
        for n, r in enumerate(chunk[1:], start=page * RESULTS_PER_PAGE + 2):
            cited = _cited(r, lang)
            lines.append(f"{n}. <b>{escape(cited)}</b> — {escape(short_snippet(r))}")
    if not answer.answered:
        lines += ["", say(lang, "rephrase")]
    pages = (len(answer.results) + RESULTS_PER_PAGE - 1) // RESULTS_PER_PAGE
    if pages > 1:
        lines += ["", say(lang, "page", page=page + 1, pages=pages)]
    return "\n".join(lines)


def full_article(results: list[Result], title: str) -> str:
    """Every passage of one article, official wording first, with its note."""
    lines = [f"📖 <b>{escape(title)}</b>", ""]
    for r in results:
        lines += [escape(r.text), ""]
    notes = [r.note for r in results if r.note]
    if notes:
        lines += [f"📝 <b>Ghi chú dễ hiểu:</b> {escape(notes[0])}", ""]
    if results:
        lines.append(f"📄 {_dates(results[0])}")
        if results[0].url:
            lines.append(f'🔗 <a href="{html.escape(results[0].url)}">Xem văn bản chính thức</a>')
    return "\n".join(lines)


def render_full_article(engine: SearchEngine, result: Result) -> str:
    """The text behind 'Xem toàn văn Điều': every clause of the article, or every item of the plan section."""
    section = result.section.split(".")[0] if result.section and not result.article else None
    results = engine.article(result.document_number, result.article, section) or [result]
    where = f"Điều {result.article}" if result.article else f"Mục {section}"
    heading = f" — {results[0].heading}" if results[0].heading else ""
    return full_article(results, f"{where} · {result.document_number}{heading}")


def document_card(doc: Document) -> str:
    """Number, title, issuer, dates, status, link and the article or section list."""
    m = doc.meta
    lines = [f"📄 <b>{escape(m.number)}</b> — {escape(m.title)}", f"Cơ quan ban hành: {escape(m.issuer)}"]
    if m.issued:
        lines.append(f"Ngày ban hành: {m.issued:%d/%m/%Y}")
    if m.effective:
        lines.append(f"Ngày hiệu lực: {m.effective:%d/%m/%Y}")
    lines.append(f"Tình trạng: {escape(STATUS_LABELS[m.status])}")
    if m.status_note:
        lines.append(f"<i>{escape(m.status_note)}</i>")
    kind = "văn bản gốc" if m.kind == "official" else "ghi chú tóm tắt của bot"
    lines.append(f"Loại nội dung: {kind}")
    if m.url:
        lines.append(f'🔗 <a href="{html.escape(m.url)}">Văn bản chính thức</a>')
    lines += ["", "<b>Nội dung:</b>"]
    if doc.article_titles:
        lines += [f"Điều {escape(k)}. {escape(t)}" for k, t in doc.article_titles.items()]
    else:
        seen: list[str] = []
        for p in doc.passages:
            label = f"Mục {p.section.split('.')[0]}. {p.heading}" if p.section else p.heading
            if label not in seen:
                seen.append(label)
        lines += [escape(s) for s in seen]
    return "\n".join(lines)
