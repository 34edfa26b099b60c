"""`bench --search`: build time, memory and query latency of the index on a synthetic corpus, beside bm25s.

Each system runs in a child process of its own (`python -m retrieval.scale_bench SYSTEM ...`), so that peak and
kept memory are that system's alone: peak is VmHWM and kept is VmRSS after the build, both from /proc/self/status
and less the RSS the process had once the corpus was loaded. Both index the same tokens (ours, from
retrieval.text), bm25s the passage field; ours also scores the paragraph field, and its scores are exact float64.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.fields import build_arrays, passage_tokens, tokenize_entries
from retrieval.index import SearchIndex, SearchParams
from retrieval.index_cache import load, save
from retrieval.synthetic import alqac_articles, alqac_queries, synthetic_entries

__all__ = ["run"]

K = 10  # hits per query, as bm25s's retrieve is asked for


def _status(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise OSError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Make VmHWM start again from the current RSS (Linux: writing 5 to clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def _latency(search: Any, queries: list[Any]) -> dict[str, float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        times.append(time.perf_counter() - started)
    p50, p95 = np.percentile(np.asarray(times) * 1000, [50, 95])
    return {"p50_ms": round(float(p50), 3), "p95_ms": round(float(p95), 3)}


def _ours(entries: list[Any], queries: list[list[str]]) -> dict[str, Any]:
    params = SearchParams()
    gc.collect()
    base = _status("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    layout = tokenize_entries(entries)
    tokenized = time.perf_counter()
    arrays = build_arrays(entries, params.k1, params.b, params.title_weight, params.paragraph_weight, layout)
    del layout
    index = SearchIndex.from_arrays(arrays, params)
    built = time.perf_counter()
    gc.collect()
    figures = {
        "tokenize_s": round(tokenized - started, 2), "build_s": round(built - tokenized, 2),
        "peak_mb": round(_status("VmHWM") - base), "kept_mb": round(_status("VmRSS") - base),
        "arrays_mb": round(sum(a.nbytes for a in arrays.values()) / 2**20),
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        save(Path(tmp), "bench", arrays)
        saved = time.perf_counter()
        mapped = load(Path(tmp), "bench")
        assert mapped is not None
        SearchIndex.from_arrays(mapped, params)
        figures |= {"cache_save_s": round(saved - started, 2), "cache_load_s": round(time.perf_counter() - saved, 3)}
    del arrays, mapped
    return figures | _latency(lambda q: index.search(q, K), queries)


def _bm25s(entries: list[Any], queries: list[list[str]]) -> dict[str, Any]:
    import bm25s  # type: ignore[import-untyped]  # the dev extra: only this benchmark uses it

    gc.collect()
    base = _status("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    layout = tokenize_entries(entries)
    tokenized = time.perf_counter()
    vocab, tokens = passage_tokens(layout, entries, SearchParams().title_weight)
    del layout
    shared = list(range(len(vocab)))  # one int object per id: the lists hold references, as token lists would
    corpus = [[shared[t] for t in doc.tolist()] for doc in tokens]
    del tokens
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    built = time.perf_counter()
    del corpus
    gc.collect()
    figures = {
        "tokenize_s": round(tokenized - started, 2), "build_s": round(built - tokenized, 2),
        "peak_mb": round(_status("VmHWM") - base), "kept_mb": round(_status("VmRSS") - base),
    }  # fmt: skip
    ids = [[i for t in q if (i := vocab.id(t)) is not None] for q in queries]
    return figures | _latency(lambda q: retriever.retrieve([q], k=K, show_progress=False), [q for q in ids if q])


def _child(system: str, datasets: Path, passages: int, seed: int) -> dict[str, Any]:
    entries = synthetic_entries(alqac_articles(datasets), passages, seed)
    queries = alqac_queries(datasets)
    return _ours(entries, queries) if system == "ours" else _bm25s(entries, queries)


def _spawn(system: str, datasets: Path, passages: int, seed: int) -> dict[str, Any]:
    args = [sys.executable, "-m", "retrieval.scale_bench", system, str(datasets), str(passages), str(seed)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(datasets: Path, passages: int, seed: int = 15) -> dict[str, Any]:
    """Both systems' figures on the same seeded corpus of `passages` passages, and ours over theirs."""
    ours = _spawn("ours", datasets, passages, seed)
    theirs = _spawn("bm25s", datasets, passages, seed)
    shared = [key for key in ("tokenize_s", "build_s", "peak_mb", "kept_mb", "p50_ms", "p95_ms") if key in theirs]
    ratio = {key: round(ours[key] / theirs[key], 2) for key in shared if key in ours and theirs[key]}
    return {"passages": passages, "seed": seed, "queries": "alqac2024/train", "k": K, "ours": ours,
            "bm25s": theirs, "ours_over_bm25s": ratio}  # fmt: skip


def main(argv: list[str]) -> int:
    """Child process: one system's figures as one JSON line."""
    system, datasets, passages, seed = argv
    print(json.dumps(_child(system, Path(datasets), int(passages), int(seed))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
