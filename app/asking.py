"""One question, answered the same way everywhere (bot thread, answer worker, CLI): the engine, then the extras."""

from __future__ import annotations

from dataclasses import dataclass

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


def ask(engine: SearchEngine, request: Ask) -> Answer:
    """The answer to one question from this engine's knowledge-base version."""
    return engine.answer(request.question, top=request.top, hint=request.hint, reply_in=request.reply_in)
