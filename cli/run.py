"""`run [--webhook]`: the Telegram bot."""

from __future__ import annotations

import argparse

from app.services import build_services
from app.settings import Settings
from cli.errors import UsageError

__all__ = ["run"]


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Start the bot; without a token, explain and exit 2."""
    if not settings.token():
        raise UsageError(
            "TELEGRAM_BOT_TOKEN is not set; set it (see README) or try the bot offline with 'python run_bot.py chat'"
        )
    if args.webhook and not settings.webhook_url:
        raise UsageError("--webhook needs WEBHOOK_URL (the public HTTPS address Telegram should call)")
    if args.webhook and not settings.webhook_secret:
        # Without it anyone who finds the URL can post updates as an admin: /export, /publish, /remove.
        raise UsageError(
            "--webhook needs WEBHOOK_SECRET (a random string; Telegram sends it with every update and "
            "requests without it are refused with 403)"
        )
    # The Telegram stack costs about 0.6 s of imports, which only `run` and `bench` need.
    from bot.app import BotStartError, run_bot

    try:
        run_bot(settings, build_services(settings), webhook=args.webhook)
    except BotStartError as exc:
        raise UsageError(str(exc)) from None
    return 0
