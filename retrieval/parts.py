"""Several questions in one message: each answered, a later one leaning on the words of those before it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from retrieval.answer import Answer
from retrieval.splitting import QuestionPart
from retrieval.text import syllables

if TYPE_CHECKING:  # the engine calls in here; only its type is needed
    from retrieval.engine import SearchEngine

__all__ = ["answer_parts"]

# Words pointing back at what the question before named (read folded, as a part's own words are kept).
_POINTS_BACK = re.compile(r"\b(?:it|its|it's|they|their|them|hiep dinh nay|hiep dinh do|van ban nay|van ban do)\b")


def answer_parts(engine: SearchEngine, question: str, parts: list[QuestionPart], top: int) -> Answer:
    """The message's answer: the first part's, with every part's answer in `parts`."""
    answers: list[Answer] = []
    for part in parts:
        own = bool(part.context) and bool(engine.names.named(syllables(part.own)))  # it names a document of its own
        answer = engine.answer_part(part.text, _search(engine, part, own), top)
        lent = part.context and answer.scope != "out" and not engine.gaps.asked(part.text, part.search)
        if lent and answer.cited_article() in {a.cited_article() for a in answers}:
            # Lent words may have pulled it onto the earlier part's article (3 of 6 such were wrong on dev): a
            # confident answer on its own words elsewhere replaces it; on another clause of that article ("bằng
            # sáng chế bao lâu? còn giải pháp hữu ích?" finds Art. 93(3)) only a surer one does.
            surer = answer.cited_clause() not in {a.cited_clause() for a in answers}
            answer = _alone(engine, part, answer, top, surer)
        # An earlier part asked a gap (gaps.yaml): the parts after it are no surer ("hồ sơ xin chứng nhận dn khcn gồm
        # gì, nộp ở sở khcn thì mất bao nhiêu ngày"). Sparing a part that is sure on its own words, as a question of
        # its own may be, was tried: on dev it let 3 of these 4 parts (all on the gap's subject) be answered again,
        # and kept no right answer; a question of its own after a gap is shown as unsure, its passage still first.
        # So with an agreement we hold no note on ("Has the EVIPA entered into force, and which states ratified it?"),
        # unless the part names a document of its own: "When did ATIGA take effect? And the RCEP?"
        earlier = parts[: len(answers)]
        missing = engine.scope.agreement_missing
        if lent and any(engine.gaps.asked(p.text) or (not own and missing(p.text)) for p in earlier):
            answer = answer.model_copy(update={"answered": False, "direct_answer": None})
        answers.append(answer)
    first = answers[0]
    readings = list({(r.source, r.target): r for a in answers for r in a.interpretation}.values())
    return first.model_copy(update={
        "question": question, "answered": all(a.answered for a in answers), "parts": answers,
        "confidence": min(a.confidence for a in answers), "interpretation": readings,
        "scope": "out" if all(a.scope == "out" for a in answers) else None,
    })  # fmt: skip


def _alone(engine: SearchEngine, part: QuestionPart, answer: Answer, top: int, surer: bool) -> Answer:
    """A later part on its own words, then with the documents the earlier parts name (first, if it names none:
    "EVFTA ký ngày nào, có hiệu lực từ ngày nào" asks of EVFTA): the first confident answer elsewhere."""
    named = " ".join(engine.names.names_in(syllables(part.context)))
    searches = [part.own, f"{part.own} {named}".strip()]
    for search in dict.fromkeys(searches if engine.names.names_in(syllables(part.own)) else searches[::-1]):
        alone = engine.answer_part(part.text, search, top)
        better = not surer or alone.confidence > answer.confidence
        # An answer repeating the earlier part's very clause gives way to another clause of its article as well.
        elsewhere = alone.cited_article() != answer.cited_article() or (
            not surer and alone.cited_clause() != answer.cited_clause()
        )
        if alone.answered and elsewhere and better:
            return alone
    return answer


def _search(engine: SearchEngine, part: QuestionPart, own: bool) -> str:
    """A later question that names its own document (`own`: "UKVFTA thì sao?") takes the earlier one's words, not
    its document: "EVFTA có hiệu lực ngày nào?" lends "có hiệu lực ngày nào"."""
    # ... unless it points back at the earlier one's ("and is its content the same as EVFTA?" asks of the UKVFTA)
    if not own or _POINTS_BACK.search(part.own):
        return part.search
    context = " ".join(engine.names.strip(syllables(part.context)))
    return QuestionPart(part.text, part.own, context).search
