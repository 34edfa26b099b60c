"""The parsed lexicon kept as JSON beside the index cache: equal to the YAML, rebuilt when damaged or changed."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path

from knowledge.lexicon import HERE, load_lexicon


def test_the_cached_lexicon_equals_the_yaml_and_a_damaged_one_is_parsed_again(tmp_path: Path) -> None:
    parsed = asdict(load_lexicon())
    first = load_lexicon(cache_dir=tmp_path)
    (cached,) = tmp_path.glob("lexicon-*.json")
    assert asdict(first) == parsed and asdict(load_lexicon(cache_dir=tmp_path)) == parsed
    cached.write_text('{"glossary": [', encoding="utf-8")  # a write cut off half-way
    assert asdict(load_lexicon(cache_dir=tmp_path)) == parsed


def test_an_edited_lexicon_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(HERE, folder, ignore=shutil.ignore_patterns("*.py", "documents", "__pycache__"))
    load_lexicon(folder, cache_dir=tmp_path / "cache")
    glossary = folder / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\nxyzzy: [thời hạn bảo hộ]\n", encoding="utf-8")
    assert "xyzzy" in load_lexicon(folder, cache_dir=tmp_path / "cache").glossary
