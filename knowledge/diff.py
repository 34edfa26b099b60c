"""What a staged change does to the live knowledge base: documents and passages new, changed, removed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.models import Document

__all__ = ["DocumentChange", "diff_documents"]


@dataclass(frozen=True)
class DocumentChange:
    """One document's change, with the passage ids affected."""

    status: str  # "new", "changed", "removed" or "unchanged"
    document_id: str
    number: str
    title: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _passages(doc: Document | None) -> dict[str, str]:
    return {p.id: p.text for p in doc.passages} if doc else {}


def diff_documents(live: Sequence[Document], staged: Sequence[Document]) -> list[DocumentChange]:
    """Every document that differs between the two sets; unchanged ones are left out."""
    before = {d.meta.id: d for d in live}
    after = {d.meta.id: d for d in staged}
    changes = []
    for doc_id in sorted(before.keys() | after.keys()):
        old, new = before.get(doc_id), after.get(doc_id)
        if old is not None and new is not None and old == new:
            continue
        ref = new or old
        assert ref is not None
        old_p, new_p = _passages(old), _passages(new)
        status = "new" if old is None else "removed" if new is None else "changed"
        changes.append(
            DocumentChange(
                status=status,
                document_id=doc_id,
                number=ref.meta.number,
                title=ref.meta.title,
                new=[p for p in new_p if p not in old_p],
                changed=[p for p in new_p if p in old_p and old_p[p] != new_p[p]],
                removed=[p for p in old_p if p not in new_p],
            )
        )
    return changes
