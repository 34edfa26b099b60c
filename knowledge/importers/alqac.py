"""ALQAC corpus JSON ([{"id": law_id, "articles": [{"id", "text"}]}]) -> official Documents."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.errors import ImportFormatError
from knowledge.folding import slug
from knowledge.models import Document, DocumentMeta, Passage

__all__ = ["load_alqac_corpus", "parse_alqac_corpus"]


def _article(doc_id: str, article_id: str, text: str) -> Passage:
    title, _, body = text.strip().partition("\n")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    return Passage(
        id=f"{doc_id}/dieu-{slug(article_id)}",
        document_id=doc_id,
        heading=title.strip(),
        text="\n\n".join(paragraphs),
        article=article_id,
        marks=[(None, None)] * len(paragraphs),
    )


def _check_articles(ids: list[str], texts: list[str], where: str) -> None:
    """Every article has an id of its own and some text, as the Markdown format demands of an article."""
    seen: set[str] = set()
    for n, (article_id, text) in enumerate(zip(ids, texts, strict=True), start=1):
        problem = "has no id" if not article_id else "repeats an earlier id" if article_id in seen else None
        if problem is None and not text.strip():
            problem = "is empty"
        if problem is not None:
            raise ImportFormatError(f"{where}, article #{n} {problem}")
        seen.add(article_id)


def load_alqac_corpus(path: Path) -> list[Document]:
    """Every law becomes a document and every article one passage, as `eval --corpus` needs."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path}: not a readable ALQAC corpus JSON file ({exc})") from None
    return parse_alqac_corpus(text, str(path))


def parse_alqac_corpus(text: str, source: str) -> list[Document]:
    """The same, from the file's text (an upload has no path)."""
    try:
        laws = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{source}: not a readable ALQAC corpus JSON file ({exc})") from None
    if not isinstance(laws, list):
        raise ImportFormatError(f"{source}: expected a JSON array of laws")
    documents = []
    for n, law in enumerate(laws):
        if not isinstance(law, dict) or "id" not in law or not isinstance(law.get("articles"), list):
            raise ImportFormatError(f"{source}: law #{n + 1} needs 'id' and an 'articles' list")
        law_id = str(law["id"])
        doc_id = f"{slug(law_id)}-{n}"
        meta = DocumentMeta(
            id=doc_id,
            number=law_id,
            title=law_id,
            type="luat",
            issuer="ALQAC",
            status="chua-xac-dinh",
            url="",
            topics=["alqac"],
            kind="official",
        )
        if not all(isinstance(a, dict) for a in law["articles"]):
            raise ImportFormatError(f"{source}: law #{n + 1} has an article that is not a JSON object")
        ids = [str(a.get("id", "")).strip() for a in law["articles"]]
        _check_articles(ids, [str(a.get("text", "")) for a in law["articles"]], f"{source}: law #{n + 1} ({law_id})")
        passages = [_article(doc_id, i, str(a.get("text", ""))) for i, a in zip(ids, law["articles"], strict=True)]
        documents.append(Document(meta=meta, passages=passages, source=Path(source).name))
    return documents
