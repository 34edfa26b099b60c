"""Finding documents by what people type (/doc 80/2021) and the documents related to a passage."""

from __future__ import annotations

from knowledge.folding import number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document
from retrieval.text import syllables

__all__ = ["find_documents", "related_documents"]


def find_documents(kb: KnowledgeBase, query: str) -> list[Document]:
    """Documents by number (prefix, đ/d and case ignored), id, or words of the title."""
    key = number_key(query)
    words = set(syllables(query))
    if not key or not words:
        return []  # nothing searchable: punctuation alone must not match every document
    by_number = [d for d in kb.documents if number_key(d.meta.number).startswith(key) or d.meta.id == query]
    if by_number:
        return by_number
    return [d for d in kb.documents if words <= set(syllables(f"{d.meta.title} {d.meta.number}"))]


def related_documents(kb: KnowledgeBase, document_id: str) -> list[Document]:
    """Other documents sharing a topic with this one."""
    source = kb.document(document_id)
    if source is None:
        return []
    topics = set(source.meta.topics)
    return [d for d in kb.documents if topics & set(d.meta.topics) and d.meta.id != source.meta.id]
