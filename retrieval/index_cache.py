"""Built index arrays on disk, one directory per content hash, memory-mapped read-only when loaded.

Each array is an .npy file written to a temporary name in its directory and renamed into place (os.replace is
atomic); manifest.json, written the same way and last, holds every file's sha256. A directory without a manifest,
or whose files do not match it, is a partial or corrupt write: it is rebuilt, never trusted. Two processes that
load the same version map the same files, so the kernel keeps one copy of them for both.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.postings import AnyArray

__all__ = ["FORMAT", "content_key", "load", "load_or_build", "save"]

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the arrays' meaning changes (2: the forward index's terms)
MANIFEST = "manifest.json"
KEEP = 4  # versions kept in a cache directory; older ones are removed when a new one is written
_STALE_SECONDS = 3600  # an unfinished write older than this was abandoned


def content_key(parts: Iterable[bytes]) -> str:
    """sha256 of the byte strings, each length-prefixed so that no two sequences hash alike."""
    digest = hashlib.sha256(f"index-cache/{FORMAT}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read(path: Path) -> AnyArray:
    """An .npy file, memory-mapped read-only."""
    mapped = np.load(path, mmap_mode="r", allow_pickle=False)
    array: AnyArray = mapped.view(np.ndarray)  # the same mapping without np.memmap's slow Python indexing
    return array


def load(cache_dir: Path, key: str) -> dict[str, AnyArray] | None:
    """The arrays stored under the key, if a complete write whose checksums match is there; else None."""
    folder = cache_dir / key
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("key") != key:
            raise ValueError("manifest of another format or key")
        arrays: dict[str, AnyArray] = {}
        for name, entry in manifest["files"].items():
            path = folder / f"{name}.npy"
            if _file_sha256(path) != entry["sha256"]:
                raise ValueError(f"{path.name}: checksum mismatch")
            arrays[name] = _read(path)
        os.utime(folder / MANIFEST)  # recently used: kept when old versions are removed
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("index cache %s is unusable (%s); rebuilding it", folder, exc)
        return None
    return arrays


def _write_atomically(folder: Path, name: str, write: Callable[[Any], None]) -> str:
    """Write a file through a temporary one in the same directory, then rename it; returns its sha256."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        digest = _file_sha256(Path(tmp))
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def _save_npy(handle: Any, array: AnyArray) -> None:
    np.save(handle, array, allow_pickle=False)


def save(cache_dir: Path, key: str, arrays: dict[str, AnyArray]) -> None:
    """Store the arrays under the key; the manifest goes last, so a reader never sees a partial version."""
    folder = cache_dir / key
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, array in arrays.items():
        digest = _write_atomically(folder, f"{name}.npy", functools.partial(_save_npy, array=array))
        files[name] = {"sha256": digest, "dtype": str(array.dtype), "shape": list(array.shape)}
    manifest = json.dumps({"format": FORMAT, "key": key, "files": files}, indent=1).encode("utf-8")
    _write_atomically(folder, MANIFEST, lambda h: h.write(manifest))
    _remove_old(cache_dir, keep=KEEP)


def _remove_old(cache_dir: Path, keep: int) -> None:
    """Remove all but the `keep` most recently used versions, and writes abandoned long ago."""
    # A process still using a removed version keeps its mapping: on POSIX an unlinked file lives while it is mapped.
    now = time.time()
    finished, abandoned = [], []
    for folder in cache_dir.iterdir():
        try:  # another process may be removing the same folders
            if (folder / MANIFEST).exists():
                finished.append(((folder / MANIFEST).stat().st_mtime, folder))
            elif folder.is_dir() and now - folder.stat().st_mtime > _STALE_SECONDS:
                abandoned.append(folder)
        except OSError:
            continue
    finished.sort(reverse=True)
    for folder in abandoned + [f for _, f in finished[keep:]]:
        shutil.rmtree(folder, ignore_errors=True)


def load_or_build(
    cache_dir: Path | None, key: str, build: Callable[[], dict[str, AnyArray]]
) -> tuple[dict[str, AnyArray], bool]:
    """The cached arrays for the key, or freshly built ones (stored, then mapped); whether they came from disk."""
    if cache_dir is None:
        return build(), False
    found = load(cache_dir, key)
    if found is not None:
        return found, True
    arrays = build()
    try:
        save(cache_dir, key, arrays)
    except OSError as exc:  # a read-only or full disk costs speed, not answers
        log.warning("could not write the index cache in %s: %s", cache_dir, exc)
        return arrays, False
    return load(cache_dir, key) or arrays, False
