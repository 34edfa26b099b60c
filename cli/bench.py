"""`bench`: the real bot driven through a loopback Bot API by N concurrent users.

The fake server and the simulated users run in their own process (bot.loopback.loadgen), so the
figures are the bot's: answered updates per second and the update-to-reply time. The flood-limit
limiter is off, since this measures the bot's capacity; in production Telegram caps a bot at about
30 messages per second across chats and the limiter enforces that.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.errors import Subcommands, UsageError
from cli.handler import Handler

if TYPE_CHECKING:
    from app.settings import Settings

__all__ = ["register"]

_ALQAC = Path("shared") / "datasets" / "alqac2024" / "train.json"
# ../shared beside the working directory, or beside a source checkout.
ALQAC_CANDIDATES = (Path("..") / _ALQAC, Path(__file__).resolve().parents[2] / _ALQAC)


def register(sub: Subcommands) -> None:
    """Add the `bench` command."""
    parser = sub.add_parser("bench", help="answered updates/s and update-to-reply latency with N concurrent users")
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users (default 50)")
    parser.add_argument("--per-user", type=int, default=20, help="questions each user asks (default 20)")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="pause between a reply and the user's next question (default 0: as fast as possible)",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        help="question file (ALQAC or ours); default ../shared ALQAC 2024 train if present, "
        "else the shipped sample questions",
    )
    parser.add_argument(
        "--search",
        action="store_true",
        help="instead: the search index's build time, memory and query latency on a synthetic corpus, beside bm25s",
    )
    parser.add_argument(
        "--passages", type=int, default=100_000, help="with --search: passages in the corpus (default 100000)"
    )
    parser.add_argument("--seed", type=int, default=15, help="with --search: the corpus's random seed (default 15)")
    parser.add_argument(
        "--replicas",
        type=int,
        help="instead: N webhook replicas on one PostgreSQL database (--database-url) behind a round-robin sender, "
        "and how long a publish takes to reach them all",
    )
    parser.add_argument(
        "--database-url",
        help="with --replicas: a scratch PostgreSQL database, never the bot's own (the bench writes to it, publishes "
        "a probe version and rolls it back)",
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=Handler("cli.bench", "run_bench"))


async def _bench(args: argparse.Namespace, questions: Path) -> dict[str, Any]:
    from bot.loopback.harness import running_bot, settings_for  # the Telegram stack: only when benchmarking

    loadgen = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.loopback.loadgen",
        "--users",
        str(args.users),
        "--per-user",
        str(args.per_user),
        "--think-ms",
        str(args.think_ms),
        "--questions",
        str(questions),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert loadgen.stdout is not None and loadgen.stdin is not None
    url = (await loadgen.stdout.readline()).decode().strip()
    root = logging.getLogger()
    level = root.level
    # One INFO line per answer would bury the figures in thousands of lines and be part of what is measured.
    root.setLevel(max(level, logging.WARNING))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = settings_for(url, Path(tmp) / "data", user_rate_per_minute=10**6)
            async with running_bot(settings, flood_limits=False):
                line = await loadgen.stdout.readline()
    finally:
        root.setLevel(level)
    loadgen.stdin.close()  # the bot has stopped polling: the load generator may stop its server
    await loadgen.wait()
    if not line:
        raise UsageError("the load generator stopped without a result")
    result: dict[str, Any] = json.loads(line)
    return result


def _default_questions() -> Path:
    found = next((p for p in ALQAC_CANDIDATES if p.exists()), None)
    if found is not None:
        return found
    return Path(str(resources.files("app").joinpath("sample_questions.json")))


def _datasets() -> Path:
    """../shared/datasets with the ALQAC files the search benchmark needs, or a usage error."""
    needed = ("alqac2022/law.json", "alqac2024/law.json", "alqac2024/train.json")
    for folder in (p.parents[1] for p in ALQAC_CANDIDATES):
        if all((folder / name).exists() for name in needed):
            return folder
    raise UsageError("bench --search needs ../shared/datasets (ALQAC 2022 and 2024); it is not here")


def run_search_bench(args: argparse.Namespace) -> int:
    """`bench --search`: the index at scale, ours and bm25s's figures side by side."""
    if args.passages < 1:
        raise UsageError("--passages must be at least 1")
    from retrieval.scale_bench import run  # numpy-heavy: only when asked for

    result = run(_datasets(), args.passages, args.seed)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['passages']} passages (seed {result['seed']}), ALQAC 2024 train questions, top {result['k']}")
    for name in ("ours", "bm25s"):
        print(f"  {name}: " + ", ".join(f"{key} {value}" for key, value in result[name].items()))
    print("  ours / bm25s: " + ", ".join(f"{key} {value}" for key, value in result["ours_over_bm25s"].items()))
    return 0


def run_replicas_bench(args: argparse.Namespace, settings: Settings, texts: list[str]) -> int:
    """`bench --replicas N`: answered updates/s, update-to-reply latency and publish-to-all time."""
    url = args.database_url or ""
    if not url.startswith(("postgresql://", "postgres://")):
        raise UsageError("--replicas needs --database-url postgresql://...: a scratch database the bench may write to")
    if settings.database_url and url == settings.database_url.get_secret_value():
        raise UsageError("--database-url is the bot's own DATABASE_URL: give the bench a scratch database")
    if not 1 <= args.replicas <= 8:
        raise UsageError("--replicas must be from 1 to 8")
    from bot.loopback.replicas import run_replicas  # the replicas' processes and aiohttp: only when asked for

    plan = {"questions": texts, "users": args.users, "per_user": args.per_user, "think_ms": args.think_ms}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = asyncio.run(run_replicas(args.replicas, url, Path(tmp), plan))
    except RuntimeError as exc:  # a replica that would not start, a publish that did not arrive
        raise UsageError(str(exc)) from None
    except (asyncio.CancelledError, KeyboardInterrupt):
        print(
            "bench stopped: its replicas were stopped, and a probe version, if published, rolled back", file=sys.stderr
        )
        return 130
    more = f"; a publish reached every replica in {result['publish_to_all_s']} s"
    return _report(result, args.json, f"{result['replicas']} replica(s), ", more)


def run_bench(args: argparse.Namespace, settings: Settings) -> int:
    """Run the benchmark and print the figures."""
    if args.search:
        return run_search_bench(args)
    if args.users < 1 or args.per_user < 1 or args.think_ms < 0:
        raise UsageError("--users and --per-user must be at least 1, --think-ms at least 0")
    questions = args.questions or _default_questions()
    if not questions.exists():
        raise UsageError(f"question file not found: {questions}")
    from bot.loopback.loadgen import question_texts  # aiohttp and the fake API: only when benchmarking

    try:  # read here too, so that a bad file is one line before anything starts
        texts = question_texts(questions)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise UsageError(f"cannot read the questions in {questions}: {exc}") from None
    if args.replicas is not None:
        return run_replicas_bench(args, settings, texts)
    result = asyncio.run(_bench(args, questions))
    return _report(result, args.json, "", f", max {result['latency_ms']['max']} ms")


def _report(result: dict[str, Any], as_json: bool, lead: str, more: str) -> int:
    """The figures as one JSON object, or as one line of text."""
    if as_json:
        print(json.dumps(result))
        return 0
    lat = result["latency_ms"]
    print(
        f"{lead}{result['users']} users (think {result['think_ms']:g} ms), {result['updates']} questions in "
        f"{result['seconds']} s: {result['updates_per_s']} answered updates/s; update-to-reply "
        f"p50 {lat['p50']} ms, p95 {lat['p95']} ms{more}"
    )
    return 0
