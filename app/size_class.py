"""A question on one size class's criteria ("max staff to count as small") is answered from that class's clause."""

from __future__ import annotations

import re

from app.sme_rules import DECREE_NUMBER, decree_citation
from knowledge.folding import fold_diacritics, normalize
from retrieval.answer import Answer, Result
from retrieval.engine import SearchEngine

__all__ = ["cited_first", "with_class_clause"]

# Decree 80 Art. 5: clause 1 micro, 2 small, 3 medium. Law 04 Art. 4 gives only the SMEs' overall ceilings (200
# workers) and names the three classes, so it reads like every such question and answers none: 150 workers in
# trade is no SME (Art. 5(3): 100), though Art. 4(1) says 200.
_FIRM = r"(?:enterprises?|business(?:es)?|firms?|compan(?:y|ies))\b"
_FIRM_VI = r"(?:doanh nghiep|dn|loai|quy mo)"
_CLASSES = (
    ("1", re.compile(r"\b(?:sieu nho|micro)\b")),
    # "vừa" alone is also "just" ("công ty vừa thành lập"); "công ty nhỏ", "a small studio" describe, name no class
    ("3", re.compile(rf"\b{_FIRM_VI} vua\b|\bmedium(?:-sized)? {_FIRM}|\bas (?:a )?medium\b")),
    ("2", re.compile(rf"\b{_FIRM_VI} nho\b(?! va)|\bsmall(?:-sized)? {_FIRM}|\bas (?:a )?small\b")),
)
_BOTH = re.compile(r"\bnho va vua\b|\bvua va nho\b|\bsmall and medium|\bsmes?\b|\bdnnvv\b")
_STATUS = re.compile(
    r"\b(?:coi la|la|thuoc|count as|considered|classed as|an?) (?:dnnvv|doanh nghiep nho va vua|smes?)\b"
)
_CLASS_WORD = r"(?:sieu nho|nho|vua|micro|small|medium)"
_SEVERAL = re.compile(rf"\b{_CLASS_WORD}\s*(?:,|&|/|va|hay|hoac|and|or)\s*{_CLASS_WORD}\b")
_SIZE_ARTICLES = {("04/2017/QH14", "4"), (DECREE_NUMBER, "5")}


def _class_clause(question: str) -> str | None:
    """The clause of Art. 5 for the one size class the question names, or None for none or several."""
    folded = fold_diacritics(normalize(question)).lower()
    # "siêu nhỏ có được coi là DNNVV không" asks of the SMEs as a whole (Law 04 Art. 4); "nhỏ, vừa" names two
    if _STATUS.search(folded) or _SEVERAL.search(folded):
        return None
    named = [clause for clause, pattern in _CLASSES if pattern.search(_BOTH.sub(" ", folded))]
    # "siêu nhỏ" also reads as "nhỏ" (small) after "doanh nghiệp": the micro class wins it
    if named[:1] == ["1"]:
        named = ["1"] + [c for c in named[1:] if c != "2"]
    return named[0] if len(named) == 1 else None


def with_class_clause(engine: SearchEngine, question: str, answer: Answer) -> Answer:
    """The answer led by Art. 5's clause for the one size class named, when it opens with another criteria article."""
    top = answer.results[0] if answer.results and not answer.parts else None
    if top is None or (top.document_number, top.article) not in _SIZE_ARTICLES:
        return answer
    clause = _class_clause(question)
    if clause is None:
        return answer
    if top.document_number == DECREE_NUMBER and top.clause == clause:
        return answer
    results = cited_first(engine, answer, decree_citation("5", clause))
    return answer if results is None else answer.model_copy(update={"results": results, "direct_answer": None})


def cited_first(engine: SearchEngine, answer: Answer, citation: str) -> list[Result] | None:
    """The answer's results led by the passage `citation` names (as many as before), or None if it names none."""
    rule = engine.answer(citation, top=1, reply_in=answer.language)
    if not (rule.answered and rule.results):
        return None
    first = rule.results[0]
    return [first, *(r for r in answer.results if r.passage_id != first.passage_id)][: max(len(answer.results), 1)]
