"""One question, answered the same way everywhere (bot thread, answer worker, CLI): the engine, then the extras."""

from __future__ import annotations

from dataclasses import dataclass

from app.sme import assess_question
from knowledge.knowledge_base import KnowledgeBase
from retrieval.answer import Answer
from retrieval.engine import SearchEngine

__all__ = ["Ask", "ask"]


@dataclass(frozen=True)
class Ask:
    """A question and how to answer it: how many passages, the asker's app language, a language they chose."""

    question: str
    top: int = 3
    hint: str | None = None  # the Telegram language_code: breaks a tie when the words do not tell the language
    reply_in: str | None = None  # "vi" or "en" when the user fixed the reply language with /lang


def _with_sme(engine: SearchEngine, question: str, answer: Answer) -> Answer:
    """The answer with DESIGN §3b's `sme` added when the question states a firm's figures."""
    kb = getattr(engine, "kb", None)  # stand-in engines in tests may have no knowledge base
    if not isinstance(kb, KnowledgeBase):
        return answer
    result = assess_question(kb, question)
    if result is None:
        return answer
    # A question about the firm's own size is in scope even when no passage matches its wording well.
    scope = None if answer.scope == "out" else answer.scope
    return answer.model_copy(update={"sme": result.to_json_dict(), "scope": scope})


def ask(engine: SearchEngine, request: Ask) -> Answer:
    """The answer to one question from this engine's knowledge-base version, with the SME result if it applies."""
    answer = engine.answer(request.question, top=request.top, hint=request.hint, reply_in=request.reply_in)
    return _with_sme(engine, request.question, answer)
