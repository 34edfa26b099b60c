"""What the loopback Bot API records: each call with its answer, and the faults a test asks it to inject."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = ["Call", "Fault", "read_params"]


@dataclass
class Fault:
    """An injected failure for the next calls of one method."""

    method: str
    status: int
    body: bytes
    delay: float
    times: int


@dataclass
class Call:
    """One recorded Bot API call."""

    method: str
    params: dict[str, Any]
    result: Any = None  # what the server answered, e.g. the sent message
    error: str | None = None  # the refusal, when the server refused the call
    at: float = field(default_factory=time.monotonic)


async def read_params(request: web.Request) -> dict[str, Any]:
    """A Bot API call's parameters, sent as JSON or as a form (files included)."""
    if request.content_type == "application/json":
        body = await request.read()
        return dict(json.loads(body)) if body.strip() else {}
    params: dict[str, Any] = {}
    for key, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            params[key] = {"filename": value.filename, "data": value.file.read()}
            continue
        text = value if isinstance(value, str) else bytes(value).decode()
        try:
            params[key] = json.loads(text) if text[:1] in "[{" or text in ("true", "false") else text
        except ValueError:
            params[key] = text
    return params
