"""`eval`: retrieval quality on labelled questions, over the knowledge base or an ALQAC corpus."""

from __future__ import annotations

import argparse
import json
import sys

from app.asking import Ask, ask
from app.services import build_services
from app.settings import Settings
from cli.errors import UsageError
from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine
from retrieval.evaluate import evaluate, load_questions

__all__ = ["run_eval"]


def _progress(step: str) -> None:
    print(step, file=sys.stderr, flush=True)


def _engine(args: argparse.Namespace, settings: Settings) -> tuple[SearchEngine, int | None, str]:
    """The engine to score, the knowledge-base version it serves (None off the store) and a line naming it."""
    if args.corpus:
        documents = load_alqac_corpus(args.corpus)  # a bad corpus fails before any progress line
        if not any(d.passages for d in documents):
            raise UsageError(f"{args.corpus}: the corpus has no articles to search")
        _progress(f"building the index of {args.corpus.name}…")
        engine = SearchEngine(KnowledgeBase(documents), load_lexicon())
        return engine, None, f"scored the ALQAC corpus {args.corpus.name} ({len(engine.kb.passages)} articles)"
    if args.shipped:
        documents = shipped_documents()
        _progress("building the index of the shipped documents…")
        engine = SearchEngine(KnowledgeBase(documents), load_lexicon())
        return engine, None, f"scored the shipped documents ({len(documents)} documents in knowledge/documents)"
    _progress("building the index of the live version…")
    engine = build_services(settings).live.engine
    return engine, engine.version, f"scored knowledge-base version {engine.version} (live)"


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Build the engine, ask every question, print the figures and which knowledge base they are for."""
    questions = load_questions(args.questions, args.split)
    engine, version, scored = _engine(args, settings)
    _progress(f"asking {len(questions)} questions…")
    # Through the app, as `ask --json` and the bot answer: the SME result can change which passage comes first.
    report = evaluate(engine, questions, max(args.top, 10), lambda q, k: ask(engine, Ask(q, top=k)))
    print(scored, file=sys.stderr)
    if args.json:
        source = "corpus" if args.corpus else "shipped" if args.shipped else "live"
        print(json.dumps({**report.to_json_dict(), "kb_version": version, "kb_source": source}))
        return 0
    print(f"questions: {report.n}")
    for k, value in report.recall.items():
        print(f"recall@{k}: {value:.4f}")
    print(f"mrr@10: {report.mrr10:.4f}")
    print(f"latency ms: p50 {report.latency_p50_ms:.2f}, p95 {report.latency_p95_ms:.2f}")
    print(f"index build: {report.index_build_s:.2f} s; answered: {report.answered_rate:.1%}")
    return 0
