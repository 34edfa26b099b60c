"""`run [--webhook]`: the Telegram bot."""

from __future__ import annotations

import argparse

from bot.settings import Settings
from cli.services import build_services

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `run` command."""
    parser = sub.add_parser("run", help="run the Telegram bot (long polling, or --webhook)")
    parser.add_argument("--webhook", action="store_true", help="receive updates on WEBHOOK_URL instead of polling")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Start the bot; without a token, explain and exit 2."""
    from cli.main import UsageError

    if not settings.token():
        raise UsageError("TELEGRAM_BOT_TOKEN is not set; set it (see README) or try the bot offline with "
                         "'python run_bot.py chat'")
    if args.webhook and not settings.webhook_url:
        raise UsageError("--webhook needs WEBHOOK_URL (the public HTTPS address Telegram should call)")
    from telegram.error import InvalidToken, TelegramError

    from bot.app import build_application, run_application

    services = build_services(settings)
    application = build_application(settings, services)
    try:
        run_application(application, settings, webhook=args.webhook)
    except InvalidToken:
        raise UsageError(f"TELEGRAM_BOT_TOKEN was rejected by the Bot API at {settings.telegram_api_url}") from None
    except TelegramError as exc:  # PTB may quote the token in a message; never print it
        message = str(exc).replace(settings.token() or "", "<token>")
        raise UsageError(f"cannot reach the Bot API at {settings.telegram_api_url}: {message}") from None
    return 0
