"""HTML for alerts and the /following list; every text from documents and users is escaped."""

from __future__ import annotations

from app.alerts import Alert, PassageChange
from app.word_diff import Segment
from bot.html_split import split_html
from bot.messages import say
from bot.render import escape

__all__ = ["render_alert", "render_following"]

COMMENT_CHARS = 200


def _segment(segment: Segment) -> str:
    op, text = segment
    if op == "-":
        return f"<s>{escape(text)}</s>"
    if op == "+":
        return f"<b>{escape(text)}</b>"
    return escape(text)


def _change(lang: str, change: PassageChange) -> str:
    head = f"📌 <b>{escape(change.citation)}</b> ({say(lang, 'alert_' + change.kind)})"
    return head + "\n" + " ".join(_segment(s) for s in change.segments)


def render_alert(alert: Alert) -> str:
    """The one message a follower gets: version, the admin's note (or that it was a rollback), the word diffs."""
    lang = alert.lang
    lines = [say(lang, "alert_head", version=alert.version)]
    if alert.rollback:
        lines.append(say(lang, "alert_rollback", version=alert.version, previous=alert.previous))
    elif alert.comment.strip():
        comment = alert.comment.strip()
        shown = comment if len(comment) <= COMMENT_CHARS else comment[:COMMENT_CHARS] + "…"
        lines.append(say(lang, "alert_comment", comment=escape(shown)))
    lines += ["", "\n\n".join(_change(lang, c) for c in alert.changes)]
    if alert.more:
        lines.append(say(lang, "alert_more", count=alert.more))
    lines += ["", say(lang, "alert_footer")]
    return split_html("\n".join(lines))[0]  # bounded by construction; the split only guards Telegram's limit


def render_following(labels: list[str], lang: str) -> str:
    """The /following list: numbered labels, or how to follow something when there is nothing."""
    if not labels:
        return say(lang, "following_empty")
    items = [f"{n}. {escape(label)}" for n, label in enumerate(labels, 1)]
    return "\n".join([say(lang, "following_header", count=len(labels)), *items])
