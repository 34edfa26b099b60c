"""What search derives from the lexicon, worked out once per lexicon and kept as JSON beside the index cache.

Folding the ~6,000 glossary and search phrases into syllables took ~45 ms of every start (each `ask`, the bot, each
answer worker); the tables read back in ~6 ms. The file is keyed by the lexicon's digest and the source of the code
that derives the tables, so an edited lexicon or a changed text pipeline is worked out again, never served stale.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge import folding
from knowledge.lexicon import Lexicon, write_atomically
from retrieval import english as english_module
from retrieval import english_tokens as tokens_module
from retrieval import query as query_module
from retrieval import text as text_module
from retrieval.english import Translator, gloss_words
from retrieval.english_tokens import english_words
from retrieval.query import Glossary
from retrieval.signals import Terms
from retrieval.text import words_and_pairs

__all__ = ["LexiconTables", "lexicon_tables"]

FORMAT = 1  # bump when the file's layout changes


@dataclass(frozen=True)
class LexiconTables:
    """The lexicon as search reads it; the same for every knowledge-base version."""

    glossary: Glossary
    terms: Terms  # the search phrases' and the glossary's words and pairs: part of what the bot is about
    translator: Translator
    english_words: frozenset[str]  # words only English questions use: the lexicon's and the glosses'
    gloss_words: dict[str, list[str]]  # each English gloss as its BM25 field indexes it


@functools.lru_cache(maxsize=4)
def lexicon_tables(lexicon: Lexicon, cache_dir: Path | None = None) -> LexiconTables:
    """The tables of one loaded lexicon: read from `cache_dir` when worked out before, else derived (and stored)."""
    if cache_dir is None or not lexicon.digest:
        return _derive(lexicon)
    key = _key(lexicon)
    path = cache_dir / f"lexicon-tables-{key[:24]}.json"
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")), key)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # absent, partial or from other code: derive them and write them again
    tables = _derive(lexicon)
    write_atomically(path, json.dumps(_to_json(tables, key), ensure_ascii=False))
    return tables


def _key(lexicon: Lexicon) -> str:
    """sha256 of the lexicon's digest and of the code the tables come from."""
    digest = hashlib.sha256(f"lexicon-tables/{FORMAT}/{lexicon.digest}".encode())
    for module in (folding, text_module, query_module, english_module, tokens_module):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _derive(lexicon: Lexicon) -> LexiconTables:
    phrases = [phrase for phrases in lexicon.keywords.values() for phrase in phrases]
    phrases += [phrase for key, values in lexicon.glossary.items() for phrase in (key, *values)]
    english = {w for key in lexicon.english for w in english_words(key)}
    english |= {w for gloss in lexicon.glosses.values() for w in english_words(gloss)}
    return LexiconTables(
        glossary=Glossary.from_pairs(lexicon.glossary),
        terms=words_and_pairs(phrases),
        translator=Translator(lexicon.english),
        english_words=frozenset(english),
        gloss_words={gloss: gloss_words(gloss) for gloss in lexicon.glosses.values()},
    )


def _to_json(tables: LexiconTables, key: str) -> dict[str, Any]:
    glossary = tables.glossary
    return {
        "key": key,
        "expansions": [[list(k), [list(alt) for alt in alts]] for k, alts in glossary.expansions.items()],
        "spelled": [[list(k), spelled] for k, spelled in glossary.spelled.items()],
        "words": sorted(tables.terms[0]),
        "pairs": sorted(tables.terms[1]),
        "english": [[list(k), values] for k, values in tables.translator.table.items()],
        "english_words": sorted(tables.english_words),
        "gloss_words": tables.gloss_words,
    }


def _from_json(data: dict[str, Any], key: str) -> LexiconTables:
    if data["key"] != key:
        raise ValueError("tables of another lexicon or code")
    expansions = {tuple(k): [tuple(alt) for alt in alts] for k, alts in data["expansions"]}
    return LexiconTables(
        glossary=Glossary(expansions, {tuple(k): spelled for k, spelled in data["spelled"]}),
        terms=(frozenset(data["words"]), frozenset(data["pairs"])),
        translator=Translator.from_table({tuple(k): values for k, values in data["english"]}),
        english_words=frozenset(data["english_words"]),
        gloss_words=data["gloss_words"],
    )
