"""One question, answered the same way everywhere (bot thread, answer worker, CLI): the engine, then the extras."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.size_class import cited_first, with_class_clause
from app.sme import assess_question
from app.sme_amounts import sizes_named
from app.sme_kind import with_kind_article
from app.sme_rules import SIZE_ARTICLES
from app.sme_supports import Support
from knowledge.folding import fold_diacritics, normalize
from knowledge.knowledge_base import KnowledgeBase
from retrieval.answer import Answer, Result
from retrieval.direct import asks_amount
from retrieval.engine import SearchEngine
from retrieval.query import asking_sentences

__all__ = ["Ask", "ask"]


@dataclass(frozen=True)
class Ask:
    """A question and how to answer it: how many passages, the asker's app language, a language they chose."""

    question: str
    top: int = 3
    hint: str | None = None  # the Telegram language_code: breaks a tie when the words do not tell the language
    reply_in: str | None = None  # "vi" or "en" when the user fixed the reply language with /lang


_WORD = re.compile(r"\w+")
_CLASSIFYING = frozenset("la thuoc coi xep phai is are count qualify considered".split())
_SIZES = frozenset("sieu nho vua dnnvv sme smes micro small medium".split())
# "được công nhận là DNNVV khởi nghiệp sáng tạo" asks about a kind of SME, with its own criteria, not the firm's size
_KINDS = frozenset("khoi startup innovative phu nu women woman female cum chuoi cluster clusters chain".split())


def _names_size(words: list[str], start: int) -> bool:
    """Whether the 4 words from `start` name a size, not a kind of SME ("DNNVV khởi nghiệp sáng tạo") just after."""
    sizes = [j for j in range(start, min(start + 4, len(words))) if words[j] in _SIZES]
    return bool(sizes) and not _KINDS.intersection(words[sizes[-1] + 1 : sizes[-1] + 6])


# ... or asks for the firm's size outright: "What size category is that?", "cty 8 người dt 5 tỷ là dn gì" ("quy mô
# nào", "which size" may ask which sizes get a support)
_SIZE_ASKED = re.compile(
    r"\bsize (?:category|class)\b|\bwhat size (?:is|are) (?:we|it|that|this|my|our|the (?:firm|company|business))\b"
    r"|\bla (?:dn|doanh nghiep|cty|cong ty)(?: loai)? (?:gi|j|nao)\b|\bthuoc loai (?:dn |doanh nghiep )?(?:gi|j|nao)\b"
)


def asks_size(question: str) -> bool:
    """Whether the question asks which size the firm is ("... thì là dn siêu nhỏ hay nhỏ", "are we an SME")."""
    folded = fold_diacritics(normalize(question)).lower()
    words = _WORD.findall(folded)
    classifying = any(w in _CLASSIFYING and _names_size(words, i + 1) for i, w in enumerate(words))
    return classifying or _SIZE_ASKED.search(folded) is not None


def _with_sme(engine: SearchEngine, question: str, answer: Answer) -> Answer:
    """The answer with DESIGN §3b's `sme` added when the question states a firm's figures."""
    kb = getattr(engine, "kb", None)  # stand-in engines in tests may have no knowledge base
    if not isinstance(kb, KnowledgeBase):
        return answer
    result = assess_question(kb, question)
    if result is None:
        return answer
    size_asked = asks_size(question)
    # Figures told around a subject we do not cover ("cty 5 nv dt 2 tỷ, thuế tncn tính ntn") ask neither the firm's
    # size nor a support: the one line on what the bot covers answers it, not a size card and its supports.
    if (
        answer.scope == "out"
        and not size_asked
        and not _SUPPORT_ASKED.search(fold_diacritics(normalize(question)).lower())
    ):
        return answer
    # A question about the firm's own size is in scope even when no passage matches its wording well.
    update: dict[str, object] = {"sme": result.to_json_dict(), "scope": None if answer.scope == "out" else answer.scope}
    if size_asked:
        if result.citations:
            # The size was worked out from the clause the service cites; that clause, not a passage that merely
            # reads like the question (Điều 4 of the Law defines the sizes in general), is the answer to show first.
            results = cited_first(engine, answer, result.citations[0])
            if results is not None:
                update |= {"results": results, "answered": True, "confidence": 1.0, "direct_answer": None}
        return answer.model_copy(update=update)
    shown = _support_first(answer.results, question) or answer.results
    shown = _at_size(engine, shown, result.supports, answer.language) or shown
    if shown is not answer.results:
        update |= {"results": shown, "direct_answer": None}
        if answer.parts:  # the first part's answer is the message's, and the reply shows each part's own
            lead = answer.parts[0].model_copy(update={"results": shown, "direct_answer": None})
            update["parts"] = [lead, *answer.parts[1:]]
    return answer.model_copy(update=update)


# A question stating the firm's figures to ask about a support ("60 lao động, doanh thu 80 tỷ ... thuê tư vấn thì được
# hỗ trợ bao nhiêu") is matched by its figures to the articles that decide a size; the support it asks about is the
# answer. On dev: 2 of 17 such questions had a size article first and the support next. One asking the criteria
# ("doanh thu tối đa của doanh nghiệp vừa là bao nhiêu") keeps them first, as does "... được hỗ trợ gì": the SME
# result lists every support after the deciding clause.
_SUPPORT_ASKED = re.compile(r"\b(?:ho tro|htro|tai tro|uu dai|supports?|subsid\w*|incentives?|benefits?)\b")


def _support_first(results: list[Result], question: str) -> list[Result] | None:
    """The results with the first support ahead of the size articles, when the question asks a support's amount."""
    asking = fold_diacritics(normalize(" ".join(asking_sentences(question)))).lower()
    if not results or not _sizes(results[0]) or not asks_amount(asking) or not _SUPPORT_ASKED.search(asking):
        return None
    supports = [r for r in results if not _sizes(r)]
    return [supports[0], *[r for r in results if r is not supports[0]]] if supports else None


def _at_size(
    engine: SearchEngine, results: list[Result], supports: list[Support], language: str
) -> list[Result] | None:
    """The results with the first re-cited at the point for the firm's size (Decree 80 Art. 13(2)(a)-(c))."""
    # Only where the points are sizes: in Art. 22(1) or 25(1) point (a) is just another kind of support.
    first = results[0] if results else None
    if first is None or first.point is None:
        return None
    clause = f"Khoản {first.clause} " if first.clause else ""
    for support in supports:
        same = support.passage_id == first.passage_id and support.citation != first.citation
        if same and f"{clause}Điều {first.article} " in support.citation and sizes_named(support.amount):
            cited = engine.answer(support.citation, top=1, reply_in=language)
            if cited.answered and cited.results and cited.results[0].point is not None:
                return [cited.results[0], *results[1:]]
    return None


def _sizes(result: Result) -> bool:
    """Whether a result is one of the articles that decide a firm's size."""
    return (result.document_number, result.article) in SIZE_ARTICLES


def ask(engine: SearchEngine, request: Ask) -> Answer:
    """The answer to one question from this engine's knowledge-base version, with the SME result if it applies."""
    answer = engine.answer(request.question, top=request.top, hint=request.hint, reply_in=request.reply_in)
    sized = _with_sme(engine, request.question, answer)
    if sized is not answer:
        return sized
    return with_kind_article(request.question, with_class_clause(engine, request.question, answer))
