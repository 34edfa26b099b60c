"""Paragraph text of a .docx file, read with the standard library (a .docx is zipped XML)."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from knowledge.errors import DocumentError, Problem

__all__ = ["docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# word/document.xml of a 10 MB upload is rarely over a few MB; a 92 KB zip that inflated to 1.47 GB did exist.
MAX_XML_BYTES = 20 * 1024 * 1024


def _document_xml(archive: zipfile.ZipFile, source: str) -> bytes:
    """The body XML, refused before it is inflated when it claims, or turns out, to be too large."""
    info = archive.getinfo("word/document.xml")
    too_big = DocumentError([Problem(source, 1, f"the .docx text is larger than {MAX_XML_BYTES // 1048576} MB")])
    if info.file_size > MAX_XML_BYTES:
        raise too_big
    with archive.open(info) as stream:
        xml = stream.read(MAX_XML_BYTES + 1)  # a forged header can understate the size: read no more than the cap
    if len(xml) > MAX_XML_BYTES:
        raise too_big
    return xml


def docx_text(data: bytes, source: str) -> str:
    """One line per Word paragraph; tabs and breaks become spaces."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = _document_xml(archive, source)
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, zipfile.LargeZipFile, OSError):
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
