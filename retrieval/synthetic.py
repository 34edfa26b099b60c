"""A seeded corpus of any size from the ALQAC articles: the articles, then variants that drop and shuffle sentences."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from retrieval.index import Entry
from retrieval.query import analyze
from retrieval.questions import load_questions
from retrieval.text import split_sentences

__all__ = ["LAWS", "QUESTIONS", "alqac_articles", "alqac_queries", "synthetic_entries"]

LAWS = (Path("alqac2022") / "law.json", Path("alqac2024") / "law.json")
QUESTIONS = Path("alqac2024") / "train.json"


def alqac_articles(datasets: Path) -> list[Entry]:
    """Every ALQAC 2022 and 2024 article as an index entry: its title, paragraphs and its law as context."""
    entries = []
    for law in LAWS:
        kb = KnowledgeBase(load_alqac_corpus(datasets / law))
        entries += [Entry(p.heading, p.paragraphs(), f"{d.meta.number} {d.meta.title}") for d, p in kb.passages]
    return entries


def alqac_queries(datasets: Path) -> list[list[str]]:
    """The ALQAC 2024 train questions as query tokens (as the engine analyzes them, without a glossary)."""
    return [analyze(q.question).tokens for q in load_questions(datasets / QUESTIONS)]


def _variant(rng: random.Random, paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs with some sentences dropped, sentences shuffled within a paragraph, paragraphs reordered."""
    out = []
    for paragraph in paragraphs:
        if len(paragraphs) > 1 and rng.random() < 0.1:
            continue
        sentences = split_sentences(paragraph)
        kept = [s for s in sentences if rng.random() >= 0.2] or sentences[:1]
        if rng.random() < 0.5:
            rng.shuffle(kept)
        out.append(" ".join(kept))
    if rng.random() < 0.3:
        rng.shuffle(out)
    return out or list(paragraphs[:1])


def synthetic_entries(articles: Sequence[Entry], n: int, seed: int = 15) -> list[Entry]:
    """n entries: the articles first (cut at n), then seeded variants of randomly chosen ones."""
    rng = random.Random(seed)
    entries = list(articles[:n])
    while len(entries) < n:
        base = articles[rng.randrange(len(articles))]
        entries.append(Entry(base.title, _variant(rng, base.paragraphs), base.context))
    return entries
