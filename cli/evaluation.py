"""`eval`: retrieval quality on labelled questions, over the knowledge base or an ALQAC corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.services import build_services
from app.settings import Settings
from cli.errors import Subcommands
from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from retrieval.engine import SearchEngine
from retrieval.evaluate import evaluate, load_questions

__all__ = ["register"]


def register(sub: Subcommands) -> None:
    """Add the `eval` command."""
    parser = sub.add_parser("eval", help="recall@k, MRR@10 and latency over labelled questions")
    parser.add_argument("--questions", type=Path, required=True, help="our question JSON or ALQAC questions")
    parser.add_argument("--corpus", type=Path, help="ALQAC law.json; replaces the knowledge base for this run")
    parser.add_argument("--json", action="store_true", help="print the DESIGN §4 JSON object")
    parser.add_argument("--top", type=int, default=10, metavar="K", help="results ranked per question (default 10)")
    parser.set_defaults(handler=run_eval)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Build the engine, ask every question, print the figures."""
    questions = load_questions(args.questions)
    if args.corpus:
        engine = SearchEngine(KnowledgeBase(load_alqac_corpus(args.corpus)), load_lexicon())
    else:
        engine = build_services(settings).live.engine
    report = evaluate(engine, questions, top=max(args.top, 10))
    data = report.to_json_dict()
    if args.json:
        print(json.dumps(data))
        return 0
    print(f"questions: {report.n}")
    for k, value in report.recall.items():
        print(f"recall@{k}: {value:.4f}")
    print(f"mrr@10: {report.mrr10:.4f}")
    print(f"latency ms: p50 {report.latency_p50_ms:.2f}, p95 {report.latency_p95_ms:.2f}")
    print(f"index build: {report.index_build_s:.2f} s; answered: {report.answered_rate:.1%}")
    return 0
