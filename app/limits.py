"""The one place for limits and page sizes that more than one module needs."""

from __future__ import annotations

__all__ = [
    "ARTICLES_PER_PAGE",
    "GROUP_QUESTIONS_PER_MINUTE",
    "MAINTENANCE_EVERY_S",
    "MAX_CALLBACK_BYTES",
    "MAX_MESSAGE_CHARS",
    "MAX_QUESTION_CHARS",
    "RESULTS_PER_ANSWER",
    "RESULTS_PER_PAGE",
    "TYPING_AFTER_S",
]

MAX_QUESTION_CHARS = 1000  # longer texts are refused with a hint; no real question needs more
RESULTS_PER_ANSWER = 9  # passages kept behind an answer's "more results" button
RESULTS_PER_PAGE = 3  # passages per page of an answer
ARTICLES_PER_PAGE = 24  # article buttons per page of a document card
MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one text message
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data
TYPING_AFTER_S = 0.3  # only an answer slower than this shows "typing…"
GROUP_QUESTIONS_PER_MINUTE = 10  # Telegram lets a bot send 20 messages a minute to a group
MAINTENANCE_EVERY_S = 24 * 3600.0  # the retention clean-up runs at start-up and then daily
