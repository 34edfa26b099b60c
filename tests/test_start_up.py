"""What keeps a start cheap: parsing loads argparse only, `ask` skips the bot's stacks, derived tables are cached."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from app.services import INDEX_CACHE
from cli.handler import Handler
from cli.parser import build_parser
from knowledge.lexicon import load_lexicon
from retrieval.index import Entry, SearchIndex
from retrieval.lexicon_tables import LexiconTables, lexicon_tables
from tests.conftest import ROOT

HEAVY = ("numpy", "pydantic", "yaml", "telegram", "aiohttp", "prometheus_client", "app.services")


def _loaded_after(code: str, data: Path) -> list[str]:
    """Which of the HEAVY modules a fresh interpreter has loaded after running `code`."""
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    env = {**os.environ, "BOT_DATA_DIR": str(data)}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_parsing_any_command_line_loads_argparse_only(tmp_path: Path) -> None:
    code = "from cli.parser import build_parser\nbuild_parser().parse_args(['kb', 'list'])"
    assert _loaded_after(code, tmp_path / "data") == []


def test_ask_loads_neither_the_bot_nor_metrics_nor_yaml(data_dir: Path) -> None:
    load_lexicon(cache_dir=data_dir / INDEX_CACHE)  # as any run after the first finds it
    code = "from cli.main import main\nmain(['ask', 'thời hạn bảo hộ nhãn hiệu'])"
    assert _loaded_after(code, data_dir) == ["app.services", "numpy", "pydantic"]


def _handlers(parser: argparse.ArgumentParser) -> list[Handler]:
    found = [parser.get_default("handler")]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += [h for sub in action.choices.values() for h in _handlers(sub)]
    return [h for h in found if h is not None]


def test_every_command_names_a_handler_that_exists() -> None:
    handlers = _handlers(build_parser())
    assert len(handlers) == 18  # run, ask, chat, eval, bench, sme and 12 kb commands
    assert all(isinstance(h, Handler) and callable(h.resolve()) for h in handlers)


def test_the_index_words_are_its_vocabulary_without_pairs() -> None:
    index = SearchIndex([Entry("Điều 1. Phạm vi", ["Doanh nghiệp nhỏ và vừa được hỗ trợ."], "Luật 04/2017")])
    assert index.words() == index.vocabulary()[0] and "doanh" in index.words()


def _contents(tables: LexiconTables) -> tuple[object, ...]:
    """Everything in the tables, orders included (the glossary's and the translator's are searched in order)."""
    glossary, translator = tables.glossary, tables.translator
    expansions, english = list(glossary.expansions.items()), list(translator.table.items())
    return expansions, dict(glossary.spelled), tables.terms, english, tables.english_words, tables.gloss_words


def test_lexicon_tables_read_from_disk_equal_derived_ones_and_a_damaged_file_is_derived_again(tmp_path: Path) -> None:
    derived = lexicon_tables(load_lexicon())  # no cache directory: worked out in memory
    lexicon_tables(load_lexicon(cache_dir=tmp_path), tmp_path)  # a fresh load: derived, then written
    (cached,) = tmp_path.glob("lexicon-tables-*.json")
    assert _contents(lexicon_tables(load_lexicon(cache_dir=tmp_path), tmp_path)) == _contents(derived)
    cached.write_text('{"key": "', encoding="utf-8")  # a write cut off half-way
    assert _contents(lexicon_tables(load_lexicon(cache_dir=tmp_path), tmp_path)) == _contents(derived)
    assert json.loads(cached.read_text(encoding="utf-8"))["key"]  # and written again whole
