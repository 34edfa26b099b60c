"""The alert outbox: queued alerts are claimed one at a time, marked 'sending' before the send and 'sent' after.

At most once: a row left in 'sending' (the process stopped mid-send, so the message may or may not have arrived)
is never claimed again; `stuck` counts such rows so start-up can log them. Rows that Telegram refused outright
(flood wait, a network error before delivery) go back to 'pending', and to 'failed' after MAX_TRIES.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.alerts import Alert, load_alert
from app.subscriptions import now
from knowledge.database import Database

__all__ = ["MAX_TRIES", "Outcome", "Queued", "claim_next", "finish", "purge", "stuck"]

MAX_TRIES = 3
KEEP_DAYS = 7  # finished rows are kept this long (for an operator's questions), then deleted


class Outcome(StrEnum):
    """How a claimed alert ended; each is the row's new state."""

    SENT = "sent"
    FAILED = "failed"  # refused for good, or may have arrived (a timeout): never tried again
    BLOCKED = "blocked"  # the chat blocked the bot or is gone; its follows were removed
    RETRY = "pending"  # certainly not delivered: claim it again later


@dataclass(frozen=True)
class Queued:
    """A claimed alert: where it goes and what it says."""

    id: int
    chat_id: int
    tries: int
    alert: Alert


def _since(stamp: str) -> float:
    """Seconds since an ISO-8601 UTC timestamp of these tables."""
    return (dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(stamp)).total_seconds()


def claim_next(db: Database, gap_s: float = 0.0) -> Queued | None:
    """The oldest pending alert, marked 'sending'; None if none is pending or any replica claimed one < gap_s ago."""
    with db.transaction(write=True) as tx:
        last = tx.one("SELECT MAX(claimed_at) FROM alert_outbox")
        if gap_s and last and last[0] and _since(str(last[0])) < gap_s:
            return None
        stamp = now()
        row = tx.one(
            "UPDATE alert_outbox SET state = 'sending', tries = tries + 1, updated_at = ?, claimed_at = ? "
            "WHERE id = (SELECT MIN(id) FROM alert_outbox WHERE state = 'pending') "
            "RETURNING id, chat_id, tries, payload",
            (stamp, stamp),
        )
    if row is None:
        return None
    return Queued(int(row[0]), int(row[1]), int(row[2]), load_alert(str(row[3])))


def finish(db: Database, queued: Queued, outcome: Outcome) -> None:
    """Record how a claimed alert ended; a retry past MAX_TRIES is a failure."""
    state = Outcome.FAILED if outcome is Outcome.RETRY and queued.tries >= MAX_TRIES else outcome
    with db.transaction(write=True) as tx:
        tx.execute(
            "UPDATE alert_outbox SET state = ?, updated_at = ? WHERE id = ? AND state = 'sending'",
            (state.value, now(), queued.id),
        )


def stuck(db: Database, older_than_s: float = 0.0) -> int:
    """Alerts left 'sending' by a process that stopped mid-send; they stay unsent rather than risk a duplicate."""
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=older_than_s)).isoformat(timespec="microseconds")
    with db.transaction() as tx:
        row = tx.one("SELECT COUNT(*) FROM alert_outbox WHERE state = 'sending' AND updated_at <= ?", (cutoff,))
    return int(row[0]) if row else 0


def purge(db: Database, days: int = KEEP_DAYS) -> int:
    """Delete finished (and long-stuck) alerts older than `days`; how many went."""
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="microseconds")
    with db.transaction(write=True) as tx:
        rows = tx.execute(
            "DELETE FROM alert_outbox WHERE state <> 'pending' AND updated_at < ? RETURNING id", (cutoff,)
        )
    return len(rows)
