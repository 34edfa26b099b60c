"""`kb ...`: validate, import, publish, roll back, inspect, back up and restore the knowledge base."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from cli.errors import Subcommands, whole_number
from cli.handler import Handler

__all__ = ["register", "version_number"]

# Where the handlers live; each is imported only when its command runs.
_CHANGES, _INSPECT, _BACKUP = "cli.kb_commands", "cli.kb_inspect", "cli.kb_backup"

_RESTORE_HELP = (
    "replace the knowledge-base store with a backup made by 'kb backup', after checking it (SQLite integrity check, "
    "a versions table, a live version whose every document loads); the question log is not touched. Stop the bot "
    "first and start it afterwards: a bot left running switches on its next check of the live version, but only "
    "when the restored version's number differs from the one it serves"
)


def version_number(text: str) -> int:
    """A version as `kb history` prints it (v3) or as a bare number (3)."""
    match = re.fullmatch(r"[vV]?([0-9]{1,9})", text.strip())
    if match is None or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"expected a version such as v3 or 3 (see 'kb history'), got '{text}'")
    return int(match.group(1))


_stage_number = whole_number(999_999_999, "a stage number such as 3 (see 'kb status')")
_limit = whole_number(10_000, "a whole number from 1 to 10000")


def _add_changes(kb: Subcommands) -> None:
    validate = kb.add_parser("validate", help="check documents as 'kb import' would; print every problem with line")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.set_defaults(handler=Handler(_CHANGES, "run_validate"))
    imp = kb.add_parser("import", help="validate a file and stage it (nothing changes until 'kb publish')")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--comment", default="")
    imp.set_defaults(handler=Handler(_CHANGES, "run_import"))
    pub = kb.add_parser("publish", help="publish the newest staged change (or --stage N)")
    pub.add_argument("--stage", type=_stage_number)
    pub.add_argument("--comment", default="")
    pub.set_defaults(handler=Handler(_CHANGES, "run_publish"))
    discard = kb.add_parser("discard", help="drop the newest staged change (or --stage N)")
    discard.add_argument("--stage", type=_stage_number)
    discard.set_defaults(handler=Handler(_CHANGES, "run_discard"))
    rb = kb.add_parser("rollback", help="serve an earlier version again (default: the previous one)")
    rb.add_argument("version", nargs="?", type=version_number, metavar="VERSION", help="v3 or 3, as in 'kb history'")
    rb.set_defaults(handler=Handler(_CHANGES, "run_rollback"))
    rm = kb.add_parser("remove", help="stage the removal of a document: its id, or its number as in /doc 80/2021")
    rm.add_argument("document")
    rm.set_defaults(handler=Handler(_CHANGES, "run_remove"))


def _add_inspection(kb: Subcommands) -> None:
    status = kb.add_parser("status", help="live version, pending stage and whether it is stale")
    status.set_defaults(handler=Handler(_INSPECT, "run_status"))
    audit = kb.add_parser("audit", help="the newest audit-log entries: at, actor, action, detail")
    audit.add_argument("--limit", type=_limit, default=20, metavar="N", help="entries to show (default 20)")
    audit.set_defaults(handler=Handler(_INSPECT, "run_audit"))
    history = kb.add_parser("history", help="published versions, newest first")
    history.set_defaults(handler=Handler(_INSPECT, "run_history"))
    listing = kb.add_parser("list", help="documents in the live version")
    listing.set_defaults(handler=Handler(_INSPECT, "run_list"))
    backup = kb.add_parser(
        "backup", help="copy the knowledge-base store to FILE (SQLite backup API; safe while the bot runs)"
    )
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.set_defaults(handler=Handler(_BACKUP, "run_backup"))
    restore = kb.add_parser("restore", help=_RESTORE_HELP, description=_RESTORE_HELP)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=Handler(_BACKUP, "run_restore"))


def register(sub: Subcommands) -> None:
    """Add `kb` and its subcommands."""
    kb = sub.add_parser("kb", help="knowledge-base administration").add_subparsers(dest="kb_command", required=True)
    _add_changes(kb)
    _add_inspection(kb)
