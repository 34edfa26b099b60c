"""An immutable, validated set of documents with the lookups answers need."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.errors import DocumentError, Problem
from knowledge.folding import number_key
from knowledge.models import Document, Passage

__all__ = ["KnowledgeBase"]


class KnowledgeBase:
    """Documents in a fixed order; passage i of `passages` is entry i of the search index."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = tuple(sorted(documents, key=lambda d: d.meta.id))
        self._by_id: dict[str, Document] = {}
        for doc in self.documents:
            if doc.meta.id in self._by_id:
                raise DocumentError([Problem(doc.source or doc.meta.id, 2, f"duplicate document id '{doc.meta.id}'")])
            self._by_id[doc.meta.id] = doc
        self.passages: list[tuple[Document, Passage]] = [(d, p) for d in self.documents for p in d.passages]
        self._passage = {p.id: (d, p) for d, p in self.passages}

    def __len__(self) -> int:
        return len(self.documents)

    def document(self, doc_id: str) -> Document | None:
        """The document with this id, if any."""
        return self._by_id.get(doc_id)

    def passage(self, passage_id: str) -> tuple[Document, Passage] | None:
        """A passage and its document by passage id."""
        return self._passage.get(passage_id)

    def by_number(self, number: str) -> list[Document]:
        """Every document (official text and summary) with this official number."""
        key = number_key(number)
        return [d for d in self.documents if number_key(d.meta.number) == key]

    def topics(self) -> dict[str, list[Document]]:
        """Documents grouped by topic, in a stable order."""
        out: dict[str, list[Document]] = {}
        for doc in self.documents:
            for topic in doc.meta.topics:
                out.setdefault(topic, []).append(doc)
        return out
