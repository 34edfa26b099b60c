"""The live version's sample answers cached for previews: the same answers, recomputed when anything changes."""

from __future__ import annotations

from pathlib import Path

from app.preview_cache import live_tops
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from knowledge.seed import shipped_documents
from retrieval.engine import SearchEngine

QUESTIONS = ["thời hạn bảo hộ nhãn hiệu", "dnnvv duoc ho tro tu van bao nhieu", "EVFTA có hiệu lực khi nào"]


def _top(engine: SearchEngine, question: str) -> str:
    answer = engine.answer(question, top=1)
    return answer.results[0].citation if answer.results else ""


def test_cached_tops_equal_fresh_ones_and_follow_every_change(lexicon: Lexicon, tmp_path: Path) -> None:
    engine = SearchEngine(KnowledgeBase(shipped_documents()), lexicon)
    calls: list[str] = []

    def counted(e: SearchEngine, q: str) -> str:
        calls.append(q)
        return _top(e, q)

    fresh = live_tops(engine, QUESTIONS, tmp_path, counted)
    assert fresh == [_top(engine, q) for q in QUESTIONS] and len(calls) == 3
    assert live_tops(engine, QUESTIONS, tmp_path, counted) == fresh and len(calls) == 3  # read back, not recomputed
    (cached,) = tmp_path.glob("preview-*.json")
    cached.write_text("[1, 2", encoding="utf-8")  # damaged: recomputed, never trusted
    assert live_tops(engine, QUESTIONS, tmp_path, counted) == fresh and len(calls) == 6
    fewer = SearchEngine(KnowledgeBase(shipped_documents()[1:]), lexicon)  # another live version: another key
    live_tops(fewer, QUESTIONS, tmp_path, counted)
    assert len(calls) == 9 and len(list(tmp_path.glob("preview-*.json"))) == 2
