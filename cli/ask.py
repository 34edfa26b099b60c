"""`ask` and `chat`: answers in the terminal, the same as the bot gives."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

from app import asking
from app.documents import find_documents
from app.limits import MAX_QUESTION_CHARS
from app.live_engine import LiveEngine
from app.services import build_services
from app.settings import Settings
from bot.messages import LANGUAGES, TOPIC_LABELS, say, topic_label
from bot.plain import to_plain
from bot.render import document_card, escape, render_answer
from cli.errors import UsageError
from knowledge.knowledge_base import KnowledgeBase
from retrieval.answer import Answer
from retrieval.text import without_markup

__all__ = ["format_answer", "run_ask", "run_chat"]


def format_answer(answer: Answer) -> str:
    """Plain-text rendering of an answer for the terminal: the bot's own message, without markup."""
    if answer.message and not answer.results and not answer.parts:
        return answer.message
    return to_plain(render_answer(answer))


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer each question on the command line."""
    if any(not without_markup(q) for q in args.questions):
        raise UsageError("empty question: type what you want to know, e.g. 'DNNVV được hỗ trợ tư vấn bao nhiêu?'")
    if any(len(q) > MAX_QUESTION_CHARS for q in args.questions):
        raise UsageError(f"question too long: ask in at most {MAX_QUESTION_CHARS} characters")
    engine = build_services(settings).live.engine
    for question in args.questions:
        answer = asking.ask(engine, asking.Ask(question, top=args.top))
        print(json.dumps(answer.to_json_dict(), ensure_ascii=False) if args.json else format_answer(answer) + "\n")
    return 0


def _topics_text(kb: KnowledgeBase, lang: str) -> str:
    """/topics as text: each topic's label and its documents, in the bot's order."""
    topics = kb.topics()
    order = [t for t in TOPIC_LABELS["vi"] if t in topics] + [t for t in topics if t not in TOPIC_LABELS["vi"]]
    lines = [say(lang, "choose_topic")]
    for topic in order:
        lines += ["", escape(topic_label(topic, lang))]
        lines += [f"  {escape(d.meta.number)} — {escape(d.meta.title)}" for d in topics[topic]]
    return "\n".join(lines)


def _doc_text(kb: KnowledgeBase, query: str, lang: str) -> str:
    """/doc X as text: the document card, or the bot's usage or not-found line."""
    if not query:
        return say(lang, "doc_usage")
    found = find_documents(kb, query)
    if not found:
        shown = query if len(query) <= 80 else query[:80] + "…"  # the bot's own cut: never echo a huge argument
        return say(lang, "doc_not_found", query=escape(shown))
    return document_card(found[0])


@dataclass
class _Chat:
    """One console session: the bot's replies to commands and questions, with the language chosen by /lang."""

    live: LiveEngine
    top: int
    chosen: str | None = None  # set by /lang; until then a question's own language decides, as in the bot

    def command(self, name: str, arg: str) -> str:
        """The bot's reply to /name arg, as HTML."""
        lang, kb = self.chosen or "vi", self.live.engine.kb
        if name == "start":
            return say(lang, "start", names=escape(", ".join(sorted({d.meta.number for d in kb.documents}))))
        if name == "help":
            return say(lang, "help")
        if name == "topics":
            return _topics_text(kb, lang)
        if name == "doc":
            return _doc_text(kb, arg, lang)
        if name == "lang":
            if arg.lower() not in LANGUAGES:
                return say(lang, "lang_usage")
            self.chosen = arg.lower()
            return say(self.chosen, "lang_set")
        return say(lang, "unknown_command")

    def question(self, text: str) -> str:
        """The rendered answer to a question in plain text, or the bot's reply to an empty or too long one."""
        lang = self.chosen or "vi"
        if not without_markup(text):
            return say(lang, "empty")
        if len(text) > MAX_QUESTION_CHARS:
            return say(lang, "too_long", limit=MAX_QUESTION_CHARS)
        return format_answer(asking.ask(self.live.engine, asking.Ask(text, top=self.top, reply_in=self.chosen)))

    def reply(self, line: str) -> str:
        """Plain text for one input line: a /command (as in the bot; /ask X asks X) or a question."""
        if not line.startswith("/"):
            return self.question(line)
        name, _, arg = line[1:].partition(" ")
        name = name.split("@")[0].lower()  # /help@botname, as Telegram sends it in groups
        return self.question(arg) if name == "ask" else to_plain(self.command(name, arg.strip()))


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Read questions and commands (/start, /help, /topics, /doc X, /lang en|vi) until EOF or 'exit'."""
    chat = _Chat(build_services(settings).live, args.top)
    print("Hỏi về Kế hoạch 33/KH-UBND, hỗ trợ DNNVV, sở hữu trí tuệ, FTA, KH&CN; /help, /topics. Gõ 'exit' để thoát.")
    while True:
        try:
            line = input("> ").strip()
        except EOFError:
            return 0
        if line.lower() in {"exit", "quit", "thoat", "thoát"}:
            return 0
        if line:
            print(chat.reply(line) + "\n")
