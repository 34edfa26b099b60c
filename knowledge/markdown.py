"""Our Markdown documents: YAML front matter validated, then the body handed to the passage builder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from knowledge.errors import DocumentError, Problem
from knowledge.models import Document, DocumentMeta
from knowledge.passages import Line, build_document
from knowledge.yaml_loading import YamlSyntaxError, load_yaml

__all__ = ["decode_text", "load_documents", "parse_document", "parse_file", "parse_meta"]

_FENCE = "---"
_DATE = re.compile(r":\s*\d{4}-\d{1,2}-\d{1,2}\s*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
# A control character (an escape sequence pasted from a terminal, a form feed) shows as nothing in Telegram and
# rewrites the admin's terminal when `kb` prints a title: refused, where it is, rather than stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control(text: str) -> str | None:
    """The first control character of a text, as U+XXXX, or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _strings(value: object) -> Iterable[str]:
    """Every string inside a front-matter value (lists and mappings included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def decode_text(data: bytes, source: str) -> str:
    """Bytes of an uploaded or stored file -> text, refusing binaries and empty files."""
    if not data.strip():
        raise DocumentError([Problem(source, 1, "the file is empty")])
    if b"\x00" in data[:4096]:
        raise DocumentError([Problem(source, 1, "this is a binary file, not UTF-8 text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError([Problem(source, line, "the file is not valid UTF-8 text")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str, source: str) -> tuple[list[str], list[Line]]:
    """Separate the YAML front matter lines from numbered body lines."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise DocumentError([Problem(source, 1, "missing YAML front matter: the file must start with '---'")])
    for index in range(1, len(lines)):
        if lines[index].strip() == _FENCE:
            body = [Line(number, line) for number, line in enumerate(lines[index + 1 :], start=index + 2)]
            return lines[1:index], body
    raise DocumentError([Problem(source, 1, "front matter is not closed with a second '---' line")])


def parse_meta(front: list[str], source: str) -> DocumentMeta:
    """Validate the front matter; every problem names its line."""
    try:
        data = load_yaml("\n".join(front))
    except YamlSyntaxError as exc:
        line = exc.line + 2 if exc.line is not None else 2
        raise DocumentError([Problem(source, line, f"front matter is not valid YAML: {exc}")]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # YAML reads 2024-13-45 as a date and fails to build it
        line = next((n for n, text in enumerate(front, start=2) if _DATE.search(text)), 2)
        raise DocumentError([Problem(source, line, f"front matter has an impossible value ({exc})")]) from None
    if not isinstance(data, dict):
        raise DocumentError([Problem(source, 2, "front matter must be a mapping of 'key: value' lines")])
    key_lines = {m.group(1): n for n, text in enumerate(front, start=2) if (m := _KEY.match(text))}
    controls = [(str(k), c) for k, v in data.items() for c in map(_control, _strings(v)) if c]
    if controls:
        problems = [
            Problem(source, key_lines.get(k, 2), f"front matter '{k}' has a control character ({c})")
            for k, c in controls
        ]
        raise DocumentError(problems)
    try:
        return DocumentMeta.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            where = key_lines.get(key, 1)
            problems.append(Problem(source, where, f"front matter '{key}': {err['msg']}"))
        raise DocumentError(problems) from None


def parse_document(text: str, source: str) -> Document:
    """Parse one Markdown document (front matter plus legal or plan structure)."""
    front, body = _split_front_matter(text, source)
    meta = parse_meta(front, source)
    controls = [
        Problem(source, line.number, f"a control character ({c}) in the text")
        for line in body
        if (c := _control(line.text))
    ]
    if controls:
        raise DocumentError(controls)
    return build_document(meta, body, source)


def parse_file(path: Path) -> Document:
    """Read and parse one Markdown file."""
    return parse_document(decode_text(path.read_bytes(), path.name), path.name)


def load_documents(paths: Iterable[Path]) -> list[Document]:
    """Parse several files; collect every problem and refuse duplicate document ids."""
    documents: list[Document] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(paths):
        try:
            doc = parse_file(path)
        except DocumentError as exc:
            problems.extend(exc.problems)
            continue
        if doc.meta.id in seen:
            problems.append(Problem(path.name, 2, f"document id '{doc.meta.id}' is also used by {seen[doc.meta.id]}"))
            continue
        seen[doc.meta.id] = path.name
        documents.append(doc)
    if problems:
        raise DocumentError(problems)
    return documents
