"""Importers: any supported file -> validated Documents (nothing is stored here).

Supported: our Markdown (.md with front matter), Pháp điển Markdown exports, plain .txt and
.docx legal texts, and the ALQAC corpus JSON.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.errors import DocumentError, ImportFormatError, Problem
from knowledge.importers.alqac import parse_alqac_corpus
from knowledge.importers.docx import docx_text
from knowledge.importers.phapdien import is_phapdien, load_phapdien
from knowledge.importers.plaintext import load_legal_text
from knowledge.markdown import decode_text, parse_document
from knowledge.models import Document

__all__ = ["SUPPORTED_SUFFIXES", "import_bytes", "import_file"]

SUPPORTED_SUFFIXES = (".md", ".txt", ".docx", ".json")


def import_bytes(data: bytes, name: str) -> list[Document]:
    """Validate an uploaded or local file by its extension; raise with file and line on any problem."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportFormatError(f"{name}: unsupported file type '{suffix or 'none'}'; send .md, .txt, .docx or .json")
    if suffix == ".docx":
        if not data:
            raise DocumentError([Problem(name, 1, "the file is empty")])
        return [load_legal_text(docx_text(data, name), name)]
    text = decode_text(data, name)
    if suffix == ".md":
        return load_phapdien(text, name) if is_phapdien(text) else [parse_document(text, name)]
    if suffix == ".txt":
        return [load_legal_text(text, name)]
    return parse_alqac_corpus(text, name)


def import_file(path: Path) -> list[Document]:
    """import_bytes for a file on disk."""
    return import_bytes(path.read_bytes(), path.name)
