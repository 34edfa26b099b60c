"""The bot token never shows: not in log lines, tracebacks or start errors, in whatever form a library quotes it."""

from __future__ import annotations

import logging
import sys

from app.settings import Settings
from bot.app import RedactingFormatter, hide_token


def test_the_token_never_reaches_a_traceback() -> None:
    token = "123456:SECRET-in-a-url"
    formatter = RedactingFormatter(logging.Formatter("%(message)s"), token)
    try:
        try:
            raise OSError(f"cannot connect to https://api.telegram.org/bot{token}/getMe")
        except OSError as exc:
            raise RuntimeError("start-up failed") from exc
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), exc_info=sys.exc_info())
    text = formatter.format(record)
    assert "getMe" in text and token not in text and "<token>" in text


def test_the_token_is_hidden_lowercased_or_url_encoded_too() -> None:
    token = "123456:SECRET-in-a-url"
    # python-telegram-bot lowercases some error messages; a URL carries the colon as %3A.
    said = f"bad request: {token.lower()} at /bot{token.replace(':', '%3A')}/getMe"
    assert hide_token(said, token) == "bad request: <token> at /bot<token>/getMe"
    assert Settings(_env_file=None, telegram_bot_token=f" {token} \n").token() == token  # type: ignore[call-arg]
