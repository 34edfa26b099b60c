"""Prometheus metrics of one bot process, in a registry of its own, and the key=value line logged per answer.

The `outcome` of a question: `answered` when a passage is a reliable match (`Answer.answered`) and is shown with
its citation; `unsure` when none is, but the nearest passages are shown with a warning; `refused` when nothing is
shown: the question is out of scope, a clause lookup found no such clause, or no passage matched at all.

Counters are created with every label value at zero, so a dashboard sees each series before its first event.
Privacy: nothing here sees a question's text, a user id or a chat id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from retrieval.answer import Answer

__all__ = ["CONTENT_TYPE", "LANGUAGES", "Metrics", "Outcome", "outcome"]

log = logging.getLogger(__name__)
CONTENT_TYPE = CONTENT_TYPE_LATEST
LANGUAGES = ("vi", "en")
# Answers take milliseconds; the upper buckets are queueing behind busy workers, which is what an alert wants.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Outcome(StrEnum):
    """What a question got (defined in the module docstring)."""

    ANSWERED = "answered"
    UNSURE = "unsure"
    REFUSED = "refused"


def outcome(answer: Answer) -> Outcome:
    """answered, unsure or refused (defined in the module docstring)."""
    if answer.answered:
        return Outcome.ANSWERED
    if answer.results and answer.scope != "out":
        return Outcome.UNSURE
    return Outcome.REFUSED


def _language(answer: Answer) -> str:
    return answer.language if answer.language in LANGUAGES else LANGUAGES[0]  # a label must stay a small set


class Metrics:
    """Every metric of one bot process; its own registry keeps several bots (or tests) in one process apart."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter(
            "bot_questions_total",
            "Questions asked in a chat, by outcome and reply language",
            ["outcome", "language"],
            registry=r,
        )
        self.inline = Counter(
            "bot_inline_queries_total", "Inline queries (@bot ...), by outcome", ["outcome"], registry=r
        )
        self.answer_seconds = Histogram(
            "bot_answer_seconds",
            "Seconds from a chat question received to its answer ready to send",
            buckets=_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "bot_errors_total", "Errors that reached the error handler, by exception class", ["kind"], registry=r
        )
        self.retries = Counter(
            "bot_api_retries_total",
            "Bot API requests sent again, by what caused it (429, 5xx, malformed)",
            ["status"],
            registry=r,
        )
        self.kb_version = Gauge("bot_kb_version", "Knowledge-base version in service", registry=r)
        self.backlog = Gauge("bot_question_log_backlog", "Question-log rows waiting to be written", registry=r)
        ProcessCollector(registry=r)  # process_* memory, CPU, open files, start time: free on Linux
        for result in Outcome:
            self.inline.labels(result.value)
            for language in LANGUAGES:
                self.questions.labels(result.value, language)

    def watch(self, kb_version: Callable[[], float], backlog: Callable[[], float]) -> None:
        """Read the live version and the question-log backlog at each scrape (both are cheap attribute reads)."""
        self.kb_version.set_function(kb_version)
        self.backlog.set_function(backlog)

    def observe_answer(self, answer: Answer, seconds: float, version: int) -> Outcome:
        """Count and time one chat question, and log it as key=value (never the question, nor who asked)."""
        result, language = outcome(answer), _language(answer)
        self.questions.labels(result.value, language).inc()
        self.answer_seconds.observe(seconds)
        log.info(
            "event=answer outcome=%s lang=%s ms=%d version=%d results=%d",
            result.value,
            language,
            round(seconds * 1000),
            version,
            len(answer.results),
        )
        return result

    def observe_inline(self, answer: Answer, seconds: float, version: int) -> Outcome:
        """Count one inline query; logged at DEBUG, since Telegram sends one per pause in typing."""
        result = outcome(answer)
        self.inline.labels(result.value).inc()
        log.debug("event=inline outcome=%s ms=%d version=%d", result.value, round(seconds * 1000), version)
        return result

    def error(self, kind: str) -> None:
        """Count an error of this kind (an exception class name)."""
        self.errors.labels(kind).inc()

    def retry(self, status: str) -> None:
        """Count a Bot API request sent again because of this status ('429', '502', 'malformed')."""
        self.retries.labels(status).inc()

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric, as GET /metrics serves it."""
        return generate_latest(self.registry)
