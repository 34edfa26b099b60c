"""The key that user ids are hashed with: from ANALYTICS_SALT, or a random one in a file only the bot can read."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["user_key"]


def user_key(path: Path) -> str:
    """The key stored at `path`, created (mode 0600) on first use; an existing file is made private too."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32))
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # a key others can read lets them reverse every hash
    return path.read_text(encoding="utf-8").strip()
