"""python-telegram-bot's own HTTP client (HTTPXRequest), retrying what is worth retrying a few times.

A 429 waits the `retry_after` Telegram asks for; a 500/502/503/504 or a response that is not JSON (a proxy's
error page) is tried again after a short backoff. Everything else (a 400, a timeout: the request may have been
delivered) is returned at once, so nothing is sent twice. HTTPXRequest honours HTTPS_PROXY and closes its client.
Each retry is reported to `on_retry` (the metrics' bot_api_retries_total) with its cause: '429', '502', 'malformed'.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, HTTPXRequest, RequestData

__all__ = ["RetryingRequest"]

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 4
MAX_RETRY_AFTER_S = 30.0
_TRANSIENT = {500, 502, 503, 504}


def retry_wait(status: int, body: bytes, attempt: int, api_call: bool = True) -> float | None:
    """Seconds to wait before trying again, or None when the response should be returned as it is.

    Only a Bot API call's answer must be JSON; a file download (`api_call=False`) is whatever the file is.
    """
    if status == 429:
        try:
            after = float(json.loads(body)["parameters"]["retry_after"])
        except (ValueError, KeyError, TypeError):
            after = 1.0
        return float(min(max(after, 0.0), MAX_RETRY_AFTER_S))
    if status in _TRANSIENT:
        return 0.25 * float(2**attempt)
    if status == 200 and api_call:
        try:
            json.loads(body)
        except ValueError:
            return 0.25 * float(2**attempt)  # a truncated or foreign body: Telegram always answers JSON
    return None


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that retries 429, 5xx and malformed responses a bounded number of times."""

    def __init__(self, *args: Any, on_retry: Callable[[str], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_retry = on_retry

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request; on a retryable answer wait and send it again (at most MAX_ATTEMPTS times)."""
        timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        for attempt in range(MAX_ATTEMPTS):
            status, body = await super().do_request(url, method, request_data, *timeouts)
            last = attempt + 1 == MAX_ATTEMPTS
            wait = None if last else retry_wait(status, body, attempt, api_call=method.upper() == "POST")
            if wait is None:
                return status, body
            log.warning("Bot API answered %s; trying again in %.2f s", status, wait)
            if self.on_retry is not None:
                self.on_retry("malformed" if status == 200 else str(status))
            await asyncio.sleep(wait)
        return status, body
