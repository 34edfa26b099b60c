"""Alerts derived from the store: when the live version changes, one queued message per follower of what changed.

Publishes can come from this bot, the CLI, another replica, or while the bot was down, so nothing here listens
for events: `queue_alerts` compares the live version with the one alerts were last computed for (a marker row),
claims the change with a compare-and-set on that row, and queues the alerts in the same transaction, so exactly
one process queues each change, and a crash leaves either nothing or everything queued.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from app.subscriptions import Target, now
from app.word_diff import Segment, excerpt, word_diff
from knowledge.database import Database, Tx
from knowledge.diff import diff_documents
from knowledge.models import Document, Passage
from knowledge.store import Store

__all__ = ["MAX_PASSAGES", "Alert", "Change", "PassageChange", "changed_passages", "load_alert", "queue_alerts"]

log = logging.getLogger(__name__)
MAX_PASSAGES = 3  # shown in one alert; the rest are counted, so a big publish stays one short message
DIFF_CHARS = 300


class PassageChange(BaseModel):
    """One changed passage as an alert shows it: its citation, what happened, and the words that changed."""

    citation: str
    kind: Literal["new", "changed", "removed"]
    segments: list[Segment]


class Alert(BaseModel):
    """The one message a follower gets for one change of the live version."""

    lang: str
    version: int
    previous: int
    rollback: bool
    comment: str
    changes: list[PassageChange]
    more: int = 0  # further changed passages of what this chat follows, not shown


@dataclass(frozen=True)
class Change:
    """A passage that was added, changed or removed, with its document (the new one, or the old when removed)."""

    doc: Document
    old: Passage | None
    new: Passage | None

    @property
    def passage(self) -> Passage:
        """The passage as it is now, or as it was when removed."""
        found = self.new or self.old
        assert found is not None
        return found

    def concerns(self, target: Target) -> bool:
        """Whether a follower of `target` should hear of this change."""
        p = self.passage
        if target.doc_id != self.doc.meta.id:
            return False
        if target.article:
            return p.article == target.article
        if target.section:
            return p.section == target.section or (p.section or "").startswith(target.section + ".")
        return True

    def shown(self, lang: str) -> PassageChange:
        """How an alert in `lang` shows this change."""
        cited = self.doc.citation(self.passage)
        citation = cited.english() if lang == "en" else cited.text()
        if self.old is None or self.new is None:
            kind: Literal["new", "removed"] = "new" if self.old is None else "removed"
            return PassageChange(
                citation=citation, kind=kind, segments=[("+" if kind == "new" else "-", excerpt(self.passage.text))]
            )
        return PassageChange(citation=citation, kind="changed", segments=word_diff(self.old.text, self.new.text))


def changed_passages(before: Sequence[Document], after: Sequence[Document]) -> list[Change]:
    """Every passage added, changed or removed between two versions' documents, in document order."""
    old_docs, new_docs = {d.meta.id: d for d in before}, {d.meta.id: d for d in after}
    out = []
    for change in diff_documents(before, after):
        old_doc, new_doc = old_docs.get(change.document_id), new_docs.get(change.document_id)
        old = {p.id: p for p in old_doc.passages} if old_doc else {}
        new = {p.id: p for p in new_doc.passages} if new_doc else {}
        doc = new_doc or old_doc
        assert doc is not None
        ids = [p.id for p in doc.passages] + [i for i in change.removed if i not in new]
        wanted = set(change.new) | set(change.changed) | set(change.removed)
        out += [Change(doc, old.get(i), new.get(i)) for i in ids if i in wanted]
    return out


def _claim(tx: Tx, seen: int, live: int) -> int | None:
    """Move the marker from `seen` to `live`; the change number, or None when another process got there first."""
    row = tx.one(
        "UPDATE alert_marker SET version = ?, change_no = change_no + 1 WHERE name = 'live' AND version = ? "
        "RETURNING change_no",
        (live, seen),
    )
    return int(row[0]) if row else None


def _alerts(tx: Tx, changes: list[Change], head: dict[str, object]) -> dict[int, Alert]:
    """One alert per chat following anything that changed, in the language it followed in."""
    doc_ids = sorted({c.doc.meta.id for c in changes})
    marks = ", ".join("?" for _ in doc_ids)
    rows = tx.execute(
        f"SELECT chat_id, doc_id, article, section, lang FROM subscriptions WHERE doc_id IN ({marks}) "
        "ORDER BY created_at DESC",
        doc_ids,
    )
    followed: dict[int, tuple[str, list[Target]]] = {}
    for chat_id, doc_id, article, section, lang in rows:
        followed.setdefault(int(chat_id), (str(lang), []))[1].append(Target(doc_id, article, section))
    cache: dict[tuple[int, str], PassageChange] = {}  # each diff is worked out once per language, not per follower

    def shown(n: int, lang: str) -> PassageChange:
        if (n, lang) not in cache:
            cache[n, lang] = changes[n].shown(lang)
        return cache[n, lang]

    alerts = {}
    for chat_id, (lang, targets) in followed.items():
        relevant = [n for n, c in enumerate(changes) if any(c.concerns(t) for t in targets)]
        if relevant:
            first = [shown(n, lang) for n in relevant[:MAX_PASSAGES]]
            more = max(0, len(relevant) - MAX_PASSAGES)
            alerts[chat_id] = Alert.model_validate({**head, "lang": lang, "changes": first, "more": more})
    return alerts


def _head(store: Store, seen: int, live: int) -> dict[str, object]:
    """Version, previous version and comment; a live version that is not the newest publish is a rollback."""
    newest = store.history(1)
    rollback = not newest or newest[0].id != live or live < seen
    comment = "" if rollback or not newest else newest[0].comment
    return {"version": live, "previous": seen, "rollback": rollback, "comment": comment}


def queue_alerts(db: Database, store: Store) -> int:
    """Queue alerts for a live-version change not handled yet; how many were queued (0 when nothing changed)."""
    live = store.live_version()
    if live is None:
        return 0
    with db.transaction() as tx:
        marker = tx.one("SELECT version FROM alert_marker WHERE name = 'live'")
    if marker is None:  # first run: start from the version in service; there is nothing to compare it with
        with db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO alert_marker (name, version, change_no) VALUES ('live', ?, 0) "
                "ON CONFLICT (name) DO NOTHING",
                (live,),
            )
        return 0
    seen = int(marker[0])
    if seen == live:
        return 0
    if not store.document_hashes(seen):
        # The version last alerted for is not in this store (it was restored from a backup made before): every
        # passage would look new, and every follower would be told of changes that did not happen.
        with db.transaction(write=True) as tx:
            _claim(tx, seen, live)
        log.info("event=alerts_skipped reason=unknown_version seen=%s live=%s", seen, live)
        return 0
    changes = changed_passages(store.documents(seen), store.documents(live))  # outside the write lock: slow part
    head = _head(store, seen, live)
    with db.transaction(write=True) as tx:
        change_no = _claim(tx, seen, live)
        if change_no is None:
            return 0
        alerts = _alerts(tx, changes, head) if changes else {}
        stamp = now()
        for chat_id, alert in sorted(alerts.items()):  # a stable order: by chat
            tx.execute(
                "INSERT INTO alert_outbox (change_no, chat_id, payload, state, tries, created_at, updated_at) "
                "VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (change_no, chat_id) DO NOTHING",
                (change_no, chat_id, alert.model_dump_json(), stamp, stamp),
            )
    log.info("knowledge base v%s -> v%s: %d passages changed, %d alerts queued", seen, live, len(changes), len(alerts))
    return len(alerts)


def load_alert(payload: str) -> Alert:
    """An alert from its queued form."""
    return Alert.model_validate_json(payload)
