"""`ask` and `chat`: answers in the terminal, the same as the bot gives."""

from __future__ import annotations

import argparse
import json

from app.limits import MAX_QUESTION_CHARS
from app.services import build_services
from app.settings import Settings
from bot.plain import to_plain
from bot.render import render_answer
from cli.errors import Subcommands, UsageError
from retrieval.answer import Answer

__all__ = ["format_answer", "register"]


def register(sub: Subcommands) -> None:
    """Add the `ask` and `chat` commands."""
    ask = sub.add_parser("ask", help="answer questions from the published knowledge base")
    ask.add_argument("--json", action="store_true", help="one JSON object per question per line (DESIGN §3)")
    ask.add_argument("--top", type=_positive, default=3, metavar="K", help="number of passages (default 3)")
    ask.add_argument("questions", nargs="+", metavar="QUESTION")
    ask.set_defaults(handler=run_ask)
    chat = sub.add_parser("chat", help="interactive console with the bot's answers, no token needed")
    chat.add_argument("--top", type=_positive, default=3, metavar="K")
    chat.set_defaults(handler=run_chat)


def _positive(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 50, got '{text}'")
    return value


def format_answer(answer: Answer) -> str:
    """Plain-text rendering of an answer for the terminal: the bot's own message, without markup."""
    if answer.message and not answer.results and not answer.parts:
        return answer.message
    return to_plain(render_answer(answer))


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer each question on the command line."""
    if any(not q.strip() for q in args.questions):
        raise UsageError("empty question: type what you want to know, e.g. 'DNNVV được hỗ trợ tư vấn bao nhiêu?'")
    if any(len(q) > MAX_QUESTION_CHARS for q in args.questions):
        raise UsageError(f"question too long: ask in at most {MAX_QUESTION_CHARS} characters")
    engine = build_services(settings).live.engine
    for question in args.questions:
        answer = engine.answer(question, top=args.top)
        print(json.dumps(answer.to_json_dict(), ensure_ascii=False) if args.json else format_answer(answer) + "\n")
    return 0


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Read questions until EOF or 'exit'."""
    engine = build_services(settings).live.engine
    print("Hỏi về Kế hoạch 33/KH-UBND, hỗ trợ DNNVV, sở hữu trí tuệ, FTA, KH&CN. Gõ 'exit' để thoát.")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            return 0
        if question.lower() in {"exit", "quit", "thoat", "thoát"}:
            return 0
        if len(question) > MAX_QUESTION_CHARS:
            print(f"Câu hỏi quá dài: hãy hỏi trong {MAX_QUESTION_CHARS} ký tự.")
        elif question:
            print(format_answer(engine.answer(question, top=args.top)) + "\n")
