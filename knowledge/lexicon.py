"""Everything that helps search read a question, loaded from knowledge/*.yaml in one place.

- glossary.yaml and vocabulary.yaml: what users type -> the documents' words (abbreviations, everyday words);
- keywords/*.yaml: per passage, the phrases people use when they want that passage (indexed, never shown);
- lexicon_en.yaml: English words and phrases -> Vietnamese query terms;
- english.yaml: English titles of the documents and short English glosses of passages;
- off_topics.yaml: subjects we do not cover and the words that name them; our_subjects.yaml: ours;
- gaps.yaml: subjects on our topics that a document of ours names without answering what people ask about them.
Admins extend any of them; a malformed file is refused with its name and line.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from knowledge.errors import DocumentError, Problem
from knowledge.glossary import DEFAULT_GLOSSARY, VOCABULARY, load_glossary, read_pairs
from knowledge.yaml_loading import YamlSyntaxError, load_yaml

__all__ = ["DocumentEnglish", "Lexicon", "load_lexicon", "write_atomically"]

HERE = Path(__file__).parent
KEYWORDS_DIR = HERE / "keywords"
ENGLISH_LEXICON = HERE / "lexicon_en.yaml"
ENGLISH_TEXTS = HERE / "english.yaml"
OFF_TOPICS = HERE / "off_topics.yaml"
OUR_SUBJECTS = HERE / "our_subjects.yaml"
GAPS = HERE / "gaps.yaml"


@dataclass(frozen=True)
class DocumentEnglish:
    """A document's English title and one line saying what it is."""

    title: str
    about: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The language data search uses; every part may be empty (an ALQAC corpus has none of it).

    Compared and hashed by identity, so what is derived from one loaded lexicon can be cached for every engine.
    """

    glossary: dict[str, list[str]] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)
    english: dict[str, list[str]] = field(default_factory=dict)
    glosses: dict[str, str] = field(default_factory=dict)
    documents_en: dict[str, DocumentEnglish] = field(default_factory=dict)
    off_topics: dict[str, list[str]] = field(default_factory=dict)  # subject -> phrases naming it
    our_subjects: dict[str, list[str]] = field(default_factory=dict)
    gaps: dict[str, list[str]] = field(default_factory=dict)  # document id -> phrases naming what it lacks
    # sha256 of the files it was read from, so that what search derives from it can be cached on disk as well;
    # empty for a lexicon made in memory.
    digest: str = ""


def _yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        raise DocumentError([Problem(path.name, line, f"not valid YAML: {exc}")]) from None


def _keywords(folder: Path) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        for key, values in read_pairs(path).items():
            merged.setdefault(key, []).extend(values)
    return merged


def _english_texts(path: Path) -> tuple[dict[str, str], dict[str, DocumentEnglish]]:
    data = _yaml(path) if path.exists() else {}
    if not isinstance(data, dict):
        raise DocumentError([Problem(path.name, 1, "expected 'documents' and 'passages' mappings")])
    documents = {
        str(k): DocumentEnglish(str(v.get("title", "")), str(v.get("about", "")))
        for k, v in (data.get("documents") or {}).items()
        if isinstance(v, dict)
    }
    glosses = {str(k): str(v.get("gloss", "")) for k, v in (data.get("passages") or {}).items() if isinstance(v, dict)}
    return {k: g for k, g in glosses.items() if g}, documents


def _sources(folder: Path) -> list[Path]:
    names = (
        DEFAULT_GLOSSARY.name,
        VOCABULARY.name,
        ENGLISH_LEXICON.name,
        ENGLISH_TEXTS.name,
        OFF_TOPICS.name,
        OUR_SUBJECTS.name,
        GAPS.name,
    )
    files = [folder / name for name in names] + sorted((folder / KEYWORDS_DIR.name).glob("*.yaml"))
    return [path for path in files if path.exists()]


def load_lexicon(folder: Path = HERE, cache_dir: Path | None = None) -> Lexicon:
    """The shipped language data (or the same files under another folder).

    With `cache_dir`, the parsed result is kept as JSON keyed by the files' content: YAML takes ~0.1 s to
    parse, JSON a tenth of that, and every `ask` and bot start needs the lexicon.
    """
    hashed = hashlib.sha256()
    for path in _sources(folder):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest = hashed.hexdigest()
    if cache_dir is None:
        return _parse(folder, digest)
    cached = cache_dir / f"lexicon-{digest[:24]}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        documents = {k: DocumentEnglish(**v) for k, v in data.pop("documents_en").items()}
        return Lexicon(**{**data, "digest": digest}, documents_en=documents)  # files of earlier releases have none
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # absent, partial or from another release: parse the YAML and write it again
    lexicon = _parse(folder, digest)
    write_atomically(cached, json.dumps(asdict(lexicon), ensure_ascii=False))
    return lexicon


def write_atomically(path: Path, text: str) -> None:
    """Write a cache file under a temporary name and rename it into place; a read-only directory is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:  # a read-only data directory: working it out each time is slower, not wrong
        return


def _parse(folder: Path, digest: str) -> Lexicon:
    glossary = load_glossary(folder / DEFAULT_GLOSSARY.name, folder / VOCABULARY.name)
    english = read_pairs(folder / ENGLISH_LEXICON.name) if (folder / ENGLISH_LEXICON.name).exists() else {}
    glosses, documents = _english_texts(folder / ENGLISH_TEXTS.name)
    off_topics, ours, gaps = (
        read_pairs(folder / f.name) if (folder / f.name).exists() else {} for f in (OFF_TOPICS, OUR_SUBJECTS, GAPS)
    )
    keywords = _keywords(folder / KEYWORDS_DIR.name)
    return Lexicon(
        glossary, keywords, english, glosses, documents, off_topics=off_topics, our_subjects=ours, gaps=gaps,
        digest=digest,
    )  # fmt: skip
