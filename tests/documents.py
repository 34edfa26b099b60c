"""The one builder for knowledge-base documents in tests: front matter in the fixed field order, then a body."""

from __future__ import annotations

import io
import zipfile

from knowledge.markdown import parse_document
from knowledge.models import Document

__all__ = ["make_docx", "markdown", "parsed"]

# Field order matters: tests locate front-matter problems by line (line 5 is `type`).
_FRONT = """---
id: {id}
number: {number}
title: {title}
type: {type}
issuer: {issuer}
issued: {issued}
effective: {effective}
status: {status}
url: {url}
topics: [{topics}]
kind: {kind}
---
"""


def markdown(
    body: str,
    *,
    id: str = "99-2025-nd-cp",
    number: str = "99/2025/NĐ-CP",
    title: str = "Nghị định thử nghiệm",
    type: str = "nghi-dinh",
    issuer: str = "Chính phủ",
    issued: str = "",
    effective: str = "",
    status: str = "con-hieu-luc",
    url: str = "https://example.org/99-2025",
    topics: str = "dnnvv",
    kind: str = "summary",
) -> str:
    """A document in our Markdown format."""
    return (
        _FRONT.format(
            id=id,
            number=number,
            title=title,
            type=type,
            issuer=issuer,
            issued=issued,
            effective=effective,
            status=status,
            url=url,
            topics=topics,
            kind=kind,
        )
        + body
    )


def parsed(body: str, **meta: str) -> Document:
    """The same document, parsed and validated."""
    return parse_document(markdown(body, **meta), f"{meta.get('id', '99-2025-nd-cp')}.md")


def make_docx(paragraphs: list[str]) -> bytes:
    """A minimal .docx (zipped WordprocessingML) with one paragraph per item."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()
