"""The on-disk index cache: keyed by content, memory-mapped, written atomically, never trusted when damaged."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from knowledge.importers.alqac import load_alqac_corpus
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import load_lexicon
from knowledge.seed import shipped_documents
from retrieval.index import Entry, SearchIndex, SearchParams
from retrieval.index_cache import MANIFEST
from retrieval.signals import context_of
from retrieval.text import tokenize
from tests.conftest import ROOT, shared_path

QUESTIONS = ("thời hạn bảo hộ nhãn hiệu", "dnnvv duoc ho tro tu van bao nhieu", "EVFTA có hiệu lực", "thuế đất")


def shipped_entries() -> list[Entry]:
    """The shipped documents' passages as index entries (as the engine makes them, keywords aside)."""
    kb = KnowledgeBase(shipped_documents())
    return [Entry(p.heading, p.paragraphs(), context_of(d), shares_title=p.clause is not None) for d, p in kb.passages]


def _hits(index: SearchIndex) -> list[object]:
    return [index.search(tokenize(q), 10) for q in QUESTIONS]


def _version(cache: Path) -> Path:
    (folder,) = [p for p in cache.iterdir() if p.is_dir()]
    return folder


def test_second_build_maps_the_cached_arrays(tmp_path: Path) -> None:
    entries = shipped_entries()
    built = SearchIndex(entries, cache_dir=tmp_path)
    loaded = SearchIndex(entries, None, tmp_path)
    assert not built.from_cache and loaded.from_cache
    assert _hits(loaded) == _hits(built) == _hits(SearchIndex(entries))
    docs = loaded.passages.postings.docs
    assert isinstance(docs.base, np.memmap) or isinstance(getattr(docs.base, "base", None), np.memmap)
    assert not docs.flags.writeable  # read-only: two processes can share the pages
    assert not [p for p in _version(tmp_path).iterdir() if p.name.endswith(".tmp")]  # no temporary file left
    assert loaded.passages.idf("thue") == built.passages.idf("thue")
    assert loaded.vocabulary() == built.vocabulary()


def test_old_call_signature_still_works() -> None:
    entries = shipped_entries()[:30]
    assert _hits(SearchIndex(entries, SearchParams())) == _hits(SearchIndex(entries))


def test_key_follows_content_and_parameters(tmp_path: Path) -> None:
    entries = shipped_entries()[:50]
    SearchIndex(entries, cache_dir=tmp_path)
    SearchIndex([*entries[:-1], Entry(entries[-1].title, [*entries[-1].paragraphs, "thêm"])], cache_dir=tmp_path)
    SearchIndex(entries, SearchParams(title_weight=2), cache_dir=tmp_path)
    SearchIndex([*entries[:-1], Entry(entries[-1].title, entries[-1].paragraphs, prior=0.5)], cache_dir=tmp_path)
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 4
    assert SearchIndex(entries, cache_dir=tmp_path).from_cache


@pytest.mark.parametrize("damage", ["flip", "truncate", "no manifest", "bad manifest", "missing file"])
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    entries = shipped_entries()[:80]
    expected = _hits(SearchIndex(entries, cache_dir=tmp_path))
    folder = _version(tmp_path)
    target = folder / "passages.docs.npy"
    if damage == "flip":
        data = bytearray(target.read_bytes())
        data[-3] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "truncate":
        target.write_bytes(target.read_bytes()[:-40])
    elif damage == "no manifest":
        (folder / MANIFEST).unlink()
    elif damage == "bad manifest":
        (folder / MANIFEST).write_text("{", encoding="utf-8")
    else:
        target.unlink()
    rebuilt = SearchIndex(entries, cache_dir=tmp_path)
    assert not rebuilt.from_cache
    assert _hits(rebuilt) == expected
    assert SearchIndex(entries, cache_dir=tmp_path).from_cache  # and the rewrite is whole again


def test_manifest_holds_a_checksum_per_array(tmp_path: Path) -> None:
    SearchIndex(shipped_entries()[:20], cache_dir=tmp_path)
    manifest = json.loads((_version(tmp_path) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"] and all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_old_versions_are_removed(tmp_path: Path) -> None:
    entries = shipped_entries()[:20]
    for n in range(6):
        SearchIndex([*entries, Entry(f"phiên bản {n}", ["nội dung"])], cache_dir=tmp_path)
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 4


_CHILD = """
import sys
from pathlib import Path
from retrieval.index import SearchIndex
from tests.test_index_cache import shipped_entries
index = SearchIndex(shipped_entries(), cache_dir=Path(sys.argv[1]))
maps = Path("/proc/self/maps").read_text()
print(index.from_cache, sys.argv[1] in maps)
"""


def test_another_process_maps_the_same_files(tmp_path: Path) -> None:
    """The bot and its answer worker: the second process to load a version maps the first one's files."""
    SearchIndex(shipped_entries(), cache_dir=tmp_path)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]


def test_alqac_index_loads_from_cache_quickly(tmp_path: Path) -> None:
    """ALQAC 2024 with the engine's keywords: mapping the cached index (hash, checksums included) takes < 0.1 s."""
    # The work of this thread, not wall time: in a parallel run other processes hold the CPU for part of any interval.
    kb = KnowledgeBase(load_alqac_corpus(shared_path("datasets", "alqac2024", "law.json")))
    keywords = load_lexicon().keywords
    entries = [
        Entry(p.heading, p.paragraphs(), context_of(d), shares_title=p.clause is not None,
              keywords=" \n ".join(keywords.get(p.id, ())))
        for d, p in kb.passages
    ]  # fmt: skip
    built = SearchIndex(entries, cache_dir=tmp_path)
    timings = []
    for _ in range(3):
        started = time.thread_time()
        loaded = SearchIndex(entries, cache_dir=tmp_path)
        timings.append(time.thread_time() - started)
        assert loaded.from_cache
    assert min(timings) < 0.1, timings
    assert _hits(loaded) == _hits(built)
