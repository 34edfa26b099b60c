"""`bench`: performance figures (filled in with the Telegram layer)."""

from __future__ import annotations

import argparse

from bot.settings import Settings

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `bench` command."""
    parser = sub.add_parser("bench", help="throughput and latency of the bot against a local fake Bot API")
    parser.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace, settings: Settings) -> int:
    """Placeholder until the Telegram layer exists."""
    from cli.main import UsageError

    raise UsageError("bench is not available yet")
