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
    from bot.app import build_application, run_application

    services = build_services(settings)
    application = build_application(settings, services)
    run_application(application, settings, webhook=args.webhook)
    return 0
