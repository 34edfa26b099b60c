"""The direct answer: the one point, clause or sentence of the top passage that answers the question, verbatim.

Each paragraph of the passage (a clause or a point) is a candidate, and so is each sentence of a long one. A span
scores by the idf-weighted question words and word pairs it contains; for a question asking an amount, a term or
a rate, a span stating a figure scores higher, so "công ty nhỏ được hỗ trợ bao nhiêu" picks the point for small
firms with its percentage and cap. A clause excluding a kind of firm that the asker names is the answer for that
asker. No span that covers too little of the question is offered.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.folding import fold_diacritics
from knowledge.models import Passage
from retrieval.answer import DirectAnswer
from retrieval.features import QueryTerms
from retrieval.figures import asked, span_figures, stated_figures
from retrieval.text import split_sentences, syllables

__all__ = ["BestSpan", "asks_amount", "best_span", "direct_answer"]

_AMOUNT = re.compile(
    r"\b(?:bao nhieu|bn|may phan tram|toi da|muc|ty le|bao lau|may nam|may thang|may ngay|bao gio|khi nao|"
    r"ngay nao|nam nao|thoi han|han muc|tran)\b|%"
)
LONG_PARAGRAPH = 280  # characters; a longer paragraph also offers its sentences
MIN_SHARE = 0.3  # of the question's weighted words a span must contain to be offered as the direct answer
FIGURE_BONUS = 0.25  # share added to a span stating a figure when the question asks an amount or a date
# ... and again when the figure is of the kind asked: "hộ kinh doanh hoạt động bao lâu mới được hỗ trợ" is answered by
# "liên tục ít nhất 01 năm", not by the condition sharing more of its words ("đã đăng ký và hoạt động đúng quy định").
KIND_BONUS = 0.2
# Not a date: the amendment notes' dates ("hiệu lực từ 01/04/2026") would answer "độc quyền đến năm nào".
_KINDS = frozenset({"duration", "percent", "money"})
# The asker's own figure ("hộ kinh doanh mới được 6 tháng") is checked against the condition stating that kind of
# figure ("liên tục ít nhất 01 năm"): the point that settles the asker's case.
CASE_BONUS = 0.15
_CASE_KINDS = ("duration", "money", "percent")
# A clause excluding someone ("không áp dụng cho DNNVV có vốn đầu tư nước ngoài") settles the case of an asker who
# names what it excludes ("100% foreign-owned"), however much more of the question the granting clause shares.
_EXCLUDES = re.compile(r"\b(?:khong ap dung|khong duoc huong|khong ho tro|khong duoc ho tro)\b")
EXCLUSION_BONUS = 0.3
EXCLUSION_SHARE = 0.1  # of the question's weighted words and pairs, counting only those no other span has
# ... and it is not what an asker gets who names none of it and asks nothing negative: "dn KH&CN được ưu đãi thuế gì"
# is the 4-year exemption, not "a year under 30% of revenue gets no incentive".
EXCLUSION_PENALTY = 0.15
# Read folded: not "mất" (mặt bằng, bí mật), "bị" (thiết bị) nor "no" (nợ).
_NEGATIVE = re.compile(r"\b(?:khong|ko|k|hong|hok|hem|chua|chu|duoi|not|never|without|under|below)\b")


@dataclass(frozen=True)
class _Span:
    text: str
    paragraph: int
    # A bullet is read with the lead-in it continues: Decree 80 Art. 5's "- Lĩnh vực thương mại và dịch vụ: ..." lines
    # differ only in their figures, and "2. Doanh nghiệp nhỏ:" above them tells whose they are.
    lead: str = ""


def asks_amount(folded_question: str) -> bool:
    """Whether the question asks how much, how long, how many, up to what, or when."""
    return _AMOUNT.search(folded_question) is not None


def _spans(passage: Passage) -> list[_Span]:
    spans = []
    lead = ""
    for index, paragraph in enumerate(passage.paragraphs()):
        bullet = paragraph.startswith(("- ", "– ", "+ "))
        spans.append(_Span(paragraph, index, lead if bullet else ""))
        if len(paragraph) > LONG_PARAGRAPH:
            spans.extend(_Span(s, index) for s in split_sentences(paragraph) if s != paragraph and len(s) > 20)
        if not bullet:
            lead = paragraph if paragraph.rstrip().endswith(":") else ""
    return spans


@functools.lru_cache(maxsize=8192)
def _span_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A span's words and word pairs, kept: the spans of the passages asked about most come back again and again."""
    words = syllables(text)
    return frozenset(words), frozenset(f"{a}_{b}" for a, b in itertools.pairwise(words))


def _share(span: _Span, terms: QueryTerms) -> float:
    """How much of the question's weighted words and pairs the span (with the lead-in it continues) contains."""
    words, pairs = _span_terms(f"{span.lead}\n{span.text}" if span.lead else span.text)
    word_share, pair_share = terms.coverage(words, pairs)
    return 0.6 * word_share + 0.4 * pair_share


def _bonus(span: _Span, amount: bool, case: frozenset[str], kinds: frozenset[str] = frozenset()) -> float:
    """For a span stating the figure asked for (more for the kind asked: "bao lâu" a duration), or the kind of figure
    the asker's own case names."""
    if amount:
        # A term written only in words ("một tháng") gets the kind's bonus, not the figure's: beside a clause stating
        # one in digits, "hai tháng" for trademarks stays ahead of "tháng thứ mười chín" for patents.
        figure, kind = span_figures(span.text, kinds)
        return (FIGURE_BONUS if figure else 0.0) + (KIND_BONUS if kind else 0.0)
    return CASE_BONUS if case and stated_figures(span.text, case) else 0.0


@functools.lru_cache(maxsize=8192)
def _excludes(text: str) -> bool:
    """Whether a span says who a rule does not apply to; kept, as `_span_terms` is, for the passages asked often."""
    return _EXCLUDES.search(fold_diacritics(text).lower()) is not None


def _names_exclusion(span: _Span, spans: list[_Span], terms: QueryTerms) -> bool:
    """Whether the span excludes someone and the question names them: words of its own that no other span has."""
    if not _excludes(span.text):
        return False
    words, pairs = _span_terms(span.text)
    for other in spans:
        if span.text not in other.text:  # not itself, nor the paragraph it is a sentence of
            other_words, other_pairs = _span_terms(other.text)
            words, pairs = words - other_words, pairs - other_pairs
    word_share, pair_share = terms.coverage(words, pairs)
    return 0.6 * word_share + 0.4 * pair_share >= EXCLUSION_SHARE


@dataclass(frozen=True)
class BestSpan:
    """The span of a passage that best answers, its paragraph, and whether it is good enough to state."""

    text: str
    paragraph: int
    sure: bool
    score: float = 0.0  # its share of the question with the bonuses: spans of one article's clauses compare by it


def _without_asking(terms: QueryTerms, folded_question: str) -> QueryTerms:
    """The question's terms less the words that ask ("bao lâu", "thời hạn", "mấy năm"): the figure bonus answers
    those. Counted as words, their mapping ("bao lâu" → "thời hạn") made "nhãn hiệu bảo hộ bao lâu" pick the clause
    saying a geographical indication has no "thời hạn" over the trademark clause stating 10 years."""
    # Read in the question as typed and as spelled out: "bn năm" asks as "bao nhiêu năm" does.
    spelled = " ".join(terms.query.units)
    asking = {w for text in (folded_question, spelled) for m in _AMOUNT.finditer(text) for w in m.group(0).split()}
    if not asking or asking >= set(terms.words):
        return terms
    words = {w: v for w, v in terms.words.items() if w not in asking}
    pairs = {p: v for p, v in terms.pairs.items() if not asking & set(p.split("_"))}
    return QueryTerms(words, pairs, terms.query)


def best_span(passage: Passage, terms: QueryTerms, folded_question: str) -> BestSpan | None:
    """The paragraph or sentence of the passage that best answers the question, or None for an empty question."""
    if not terms.words:
        return None
    amount = asks_amount(folded_question)
    if amount:
        terms = _without_asking(terms, folded_question)
    own = stated_figures(folded_question, _CASE_KINDS)  # the asker's own figures ("doanh thu chỉ 20%")
    case = frozenset() if amount else own
    kinds = asked(folded_question).kinds & _KINDS if amount else frozenset()
    spans = _spans(passage)
    shares = [(_share(span, terms), span) for span in spans]
    if not shares:
        return None
    excluding = {span.text for span in spans if _names_exclusion(span, spans, terms)}
    negative = _NEGATIVE.search(folded_question) is not None

    # The figure bonus picks the span; whether it is good enough to state is judged on its words alone.
    def score(item: tuple[float, _Span]) -> tuple[float, int]:
        share, span = item
        if span.text in excluding:
            excluded = EXCLUSION_BONUS
        # A lead-in is never offered anyway; the asker's own figure of the kind the span states ("doanh thu chỉ 20%"
        # beside "không đạt 30%") makes the exclusion their case.
        elif negative or not _excludes(span.text) or span.text.rstrip().endswith(":"):
            excluded = 0.0
        else:
            excluded = 0.0 if own & stated_figures(span.text, _CASE_KINDS) else -EXCLUSION_PENALTY
        return share + _bonus(span, amount, case, kinds) + excluded, -len(span.text)

    best_item = max(shares, key=score)
    plain_score, best = best_item
    # A lead-in ("Nội dung và mức hỗ trợ tư vấn:") announces the answer and states nothing: never offered as one.
    lead_in = best.text.rstrip().endswith(":")
    return BestSpan(best.text, best.paragraph, plain_score >= MIN_SHARE and not lead_in, score(best_item)[0])


def direct_answer(passage: Passage, span: BestSpan, cite: Callable[[int], str]) -> DirectAnswer | None:
    """The span as a direct answer with the citation of exactly its clause or point, when it is good enough."""
    if not span.sure:
        return None
    clause, point = passage.marks[span.paragraph] if span.paragraph < len(passage.marks) else (None, None)
    return DirectAnswer(
        text=span.text,
        citation=cite(span.paragraph),
        passage_id=passage.id,
        clause=clause or passage.clause,
        point=point,
    )
