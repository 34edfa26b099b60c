"""The live version's top answers to the sample questions, kept on disk: a preview then answers only for the stage.

Every preview (an upload in Telegram, `kb import`, `kb remove`) compares the live and the staged version on the
sample questions; the live half is the same until the next publish, about a second of work each time. The file is
keyed by the live documents, the lexicon, the questions and the retrieval code, so any change that could change an
answer makes a new key; an unreadable file is recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import retrieval
from knowledge.lexicon import write_atomically
from knowledge.store import document_hash
from retrieval.engine import SearchEngine

__all__ = ["live_tops"]

KEEP = 4  # files of recent live versions kept; older ones are removed


def _key(engine: SearchEngine, questions: Sequence[str]) -> str | None:
    if not engine.lexicon.digest:
        return None  # a lexicon built in memory (tests): nothing stable to key on
    digest = hashlib.sha256(f"preview/1/{engine.lexicon.digest}".encode())
    for doc_hash in sorted(document_hash(doc) for doc in engine.kb.documents):
        digest.update(doc_hash.encode())
    digest.update("\0".join(questions).encode())
    for source in sorted(Path(retrieval.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


def _read(path: Path, count: int) -> list[str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, list) and len(data) == count and all(isinstance(item, str) for item in data):
        return data
    return None


def _write(cache_dir: Path, path: Path, tops: list[str]) -> None:
    """Store the tops and forget all but the newest few; a cache that cannot be written costs only time."""
    write_atomically(path, json.dumps(tops, ensure_ascii=False))
    try:
        old = sorted(cache_dir.glob("preview-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        return


def live_tops(
    engine: SearchEngine, questions: Sequence[str], cache_dir: Path | None, top: Callable[[SearchEngine, str], str]
) -> list[str]:
    """`top(engine, q)` for every question, read from the cache when this live version was previewed before."""
    key = _key(engine, questions) if cache_dir is not None else None
    if cache_dir is None or key is None:
        return [top(engine, q) for q in questions]
    path = cache_dir / f"preview-{key}.json"
    cached = _read(path, len(questions))
    if cached is not None:
        return cached
    tops = [top(engine, q) for q in questions]
    _write(cache_dir, path, tops)
    return tops
