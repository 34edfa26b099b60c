"""Following a document, article or plan section: what `/follow` names, and the subscriptions kept in the state db.

Only what sending an alert needs is stored: the chat id (to send), what is followed, the reply language and when;
never a name. A chat can list and remove all of it (`/following`, `/unfollow all`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from app.documents import find_documents
from knowledge.database import Database, Migration
from knowledge.folding import fold_diacritics, normalize
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Citation, Document
from retrieval.lookup import resolve_documents

__all__ = ["MAX_FOLLOWS", "MIGRATIONS", "Problem", "Subscriptions", "Target", "describe", "now", "parse_target"]

MAX_FOLLOWS = 50  # per chat: enough for real use, and a bound on what one chat can make the bot store
_TABLES = """
CREATE TABLE IF NOT EXISTS subscriptions (chat_id BIGINT NOT NULL, doc_id TEXT NOT NULL, article TEXT NOT NULL,
    section TEXT NOT NULL, lang TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, doc_id, article, section));
CREATE INDEX IF NOT EXISTS subscriptions_doc ON subscriptions (doc_id);
CREATE TABLE IF NOT EXISTS alert_marker (name TEXT PRIMARY KEY, version INTEGER NOT NULL, change_no INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alert_outbox ({id}, change_no INTEGER NOT NULL, chat_id BIGINT NOT NULL,
    payload TEXT NOT NULL, state TEXT NOT NULL, tries INTEGER NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, claimed_at TEXT, UNIQUE (change_no, chat_id));
CREATE INDEX IF NOT EXISTS alert_outbox_state ON alert_outbox (state, id);
CREATE INDEX IF NOT EXISTS alert_outbox_claimed ON alert_outbox (claimed_at)
"""
MIGRATIONS = [
    Migration(1, _TABLES.format(id="id INTEGER PRIMARY KEY"), _TABLES.format(id="id BIGSERIAL PRIMARY KEY")),
]
_ARTICLE = re.compile(r"(?:\bdiem\s+[a-z]\)?\s*,?\s*)?(?:\bkhoan\s+\d{1,3}\s*,?\s*)?\bdieu\s+(\d{1,4}[a-z]?)\b")
_SECTION = re.compile(r"\bmuc\s+([ivxl]{1,6}(?:\.\d{1,3})?)(?![\w.])")


def now() -> str:
    """The current time as ISO-8601 UTC text, the form every timestamp of these tables takes."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Target:
    """What a chat follows: a whole document (article and section empty), one article, or one plan section."""

    doc_id: str
    article: str = ""
    section: str = ""


class Problem(StrEnum):
    """Why a `/follow` argument names nothing in the live knowledge base."""

    NO_DOCUMENT = "no_document"
    NO_ARTICLE = "no_article"
    NO_SECTION = "no_section"


def _has_part(doc: Document, target: Target) -> bool:
    if target.article:
        return bool(doc.article_passages(target.article))
    return any(p.section == target.section or (p.section or "").startswith(target.section + ".") for p in doc.passages)


def parse_target(kb: KnowledgeBase, text: str, strict: bool = True) -> Target | Problem:
    """'80/2021', 'Điều 13 Nghị định 80/2021', '80/2021 điều 13', 'Mục II.3 kế hoạch 33'; `strict` checks the part."""
    folded = fold_diacritics(normalize(text))
    article = _ARTICLE.search(folded)
    section = None if article else _SECTION.search(folded)
    found = article or section
    rest = (folded[: found.start()] + " " + folded[found.end() :]).strip() if found else folded.strip()
    docs = resolve_documents(rest, kb) or find_documents(kb, rest)
    if not docs:
        return Problem.NO_DOCUMENT
    part = Target(docs[0].meta.id, article.group(1) if article else "", section.group(1).upper() if section else "")
    if not (part.article or part.section):
        return part
    doc = next((d for d in docs if _has_part(d, part)), None)
    if doc is None:
        return (Problem.NO_ARTICLE if part.article else Problem.NO_SECTION) if strict else part
    return Target(doc.meta.id, part.article, part.section)


def describe(kb: KnowledgeBase, target: Target, lang: str = "vi") -> str:
    """'Điều 13 Nghị định 80/2021/NĐ-CP' (English: 'Article 13, Decree 80/2021/NĐ-CP'); the id for a gone document."""
    doc = kb.document(target.doc_id)
    if doc is None:
        return target.doc_id
    citation = Citation(
        document_number=doc.meta.number,
        document_title=doc.meta.title,
        document_type=doc.meta.type,
        article=target.article or None,
        section=target.section or None,
    )
    if lang != "en":
        return citation.text()
    return citation.english() if target.article or target.section else citation.english().split(", ", 1)[-1]


class Subscriptions:
    """The followed targets of every chat, in the state database (SQLite or PostgreSQL)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate(MIGRATIONS, "subscriptions")

    def follow(self, chat_id: int, target: Target, lang: str) -> bool | None:
        """Follow a target: True if new, False if already followed, None when the chat follows MAX_FOLLOWS already."""
        key = (chat_id, target.doc_id, target.article, target.section)
        with self.db.transaction(write=True) as tx:
            (count,) = tx.one("SELECT COUNT(*) FROM subscriptions WHERE chat_id = ?", (chat_id,)) or (0,)
            where = "chat_id = ? AND doc_id = ? AND article = ? AND section = ?"
            if tx.one(f"SELECT 1 FROM subscriptions WHERE {where}", key):
                tx.execute(f"UPDATE subscriptions SET lang = ? WHERE {where}", (lang, *key))
                return False
            if int(count) >= MAX_FOLLOWS:
                return None
            tx.execute(
                "INSERT INTO subscriptions (chat_id, doc_id, article, section, lang, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, doc_id, article, section) DO NOTHING",
                (*key, lang, now()),
            )
        return True

    def unfollow(self, chat_id: int, target: Target) -> bool:
        """Stop following one target; False when it was not followed."""
        with self.db.transaction(write=True) as tx:
            rows = tx.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND doc_id = ? AND article = ? AND section = ? "
                "RETURNING chat_id",
                (chat_id, target.doc_id, target.article, target.section),
            )
        return bool(rows)

    def following(self, chat_id: int) -> list[Target]:
        """What a chat follows, oldest first."""
        with self.db.transaction() as tx:
            rows = tx.execute(
                "SELECT doc_id, article, section FROM subscriptions WHERE chat_id = ? ORDER BY created_at, doc_id, "
                "article, section",
                (chat_id,),
            )
        return [Target(str(d), str(a), str(s)) for d, a, s in rows]

    def forget(self, chat_id: int) -> int:
        """Remove everything kept for a chat (its follows, its alerts sent or not); how many follows went."""
        with self.db.transaction(write=True) as tx:
            rows = tx.execute("DELETE FROM subscriptions WHERE chat_id = ? RETURNING chat_id", (chat_id,))
            tx.execute("DELETE FROM alert_outbox WHERE chat_id = ?", (chat_id,))  # a row in flight is never resent
        return len(rows)
