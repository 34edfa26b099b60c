"""Paragraph text of a .docx file, read with the standard library (a .docx is zipped XML)."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from knowledge.errors import DocumentError, Problem

__all__ = ["docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, source: str) -> str:
    """One line per Word paragraph; tabs and breaks become spaces."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise DocumentError([Problem(source, 1, "not a valid .docx file (no readable word/document.xml)")]) from None
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{_W}tab", f"{_W}br"):
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines)
