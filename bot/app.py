"""build_application: every handler registered in one place; run_bot: polling or webhook, stopping on SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import re
from collections.abc import Iterator
from urllib.parse import quote

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from app.limits import GROUP_QUESTIONS_PER_MINUTE, MAINTENANCE_EVERY_S
from app.question_log import QuestionLogError
from app.services import Services
from app.settings import Settings
from bot import admin_handlers, button_handlers, follow_handlers, sme_dialog, user_handlers
from bot.alert_sender import start_alert_job, stop_alert_job
from bot.callback_data import CallbackRefs, pattern
from bot.context import BotApplication, BotBuilder, BotContext, BotState
from bot.health import HealthServer, log_started
from bot.http import RetryingRequest
from knowledge.errors import StoreError

__all__ = [
    "COMMANDS",
    "BotStartError",
    "RedactingFormatter",
    "TokenRedactor",
    "build_application",
    "protect_logs",
    "run_bot",
]

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("start", "Giới thiệu và câu hỏi mẫu"),
    BotCommand("help", "Cách hỏi, cách đọc trích dẫn, quyền riêng tư"),
    BotCommand("topics", "Duyệt theo chủ đề"),
    BotCommand("doc", "Thông tin một văn bản: /doc 80/2021"),
    BotCommand("ask", "Hỏi (dùng trong nhóm): /ask câu hỏi"),
    BotCommand("sme", "Doanh nghiệp của bạn có phải DNNVV, được hỗ trợ gì"),
    BotCommand("lang", "Ngôn ngữ trả lời / reply language: /lang vi|en"),
    BotCommand("follow", "Báo tin khi văn bản, điều thay đổi: /follow 80/2021 điều 13"),
    BotCommand("following", "Danh sách đang theo dõi"),
    BotCommand("unfollow", "Bỏ theo dõi: /unfollow 80/2021, hoặc /unfollow all"),
]


class BotStartError(Exception):
    """The bot could not start (token refused, Bot API unreachable); the message is one safe line."""


@functools.lru_cache(maxsize=4)
def _token_forms(token: str) -> re.Pattern[str]:
    """The token as written or URL-encoded, in any case (PTB lowercases some errors): compiled once, for every line."""
    forms = sorted({token, quote(token, safe=""), quote(token)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(form) for form in forms), re.IGNORECASE)


def hide_token(text: str, token: str) -> str:
    """The text with the token taken out, in whatever form it appears."""
    return _token_forms(token).sub("<token>", text) if token else text


class TokenRedactor(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line's message."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = hide_token(message, self.token)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


class RedactingFormatter(logging.Formatter):
    """Formats with the handler's own formatter, then removes the token from the whole text, traceback included
    (a chained exception's message can quote a request URL, and URLs carry the token)."""

    def __init__(self, inner: logging.Formatter | None, token: str) -> None:
        super().__init__()
        self.inner, self.token = inner or logging.Formatter(), token

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        return hide_token(text, self.token)


def protect_logs(token: str) -> None:
    """Keep the token out of every log line and traceback the root logger's handlers write."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request URL, which holds the token
    redactor = TokenRedactor(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
        if not isinstance(handler.formatter, RedactingFormatter):
            handler.setFormatter(RedactingFormatter(handler.formatter, token))


async def _serve_health(services: Services, mode: str) -> HealthServer | None:
    """The /healthz and /metrics server when METRICS_PORT is set; a taken port is a one-line start error."""
    if services.settings.metrics_port is None:
        return None
    health = HealthServer(services, mode)
    try:
        await health.start()
    except OSError as exc:  # asyncio's message repeats the address; the errno's own text is the one-line reason
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or str(exc)
        raise BotStartError(f"cannot serve metrics on {health.address} (METRICS_PORT): {reason}") from None
    return health


async def _post_init(application: BotApplication) -> None:
    """Serve health and metrics, start the workers, purge old questions, learn the username, register the menu."""
    state: BotState = application.bot_data["state"]
    mode = str(application.bot_data.get("mode", "polling"))
    health = await _serve_health(state.services, mode)  # first, so that a taken port fails before workers start
    application.bot_data["health"] = health
    await asyncio.to_thread(state.services.start_workers)
    state.services.watch_live_version()  # a publish from the CLI or another replica reaches this bot by itself
    if application.job_queue is not None:  # retention promised in /help holds even if nobody runs /stats
        application.job_queue.run_repeating(_daily_maintenance, interval=MAINTENANCE_EVERY_S, first=1.0)
    me = await application.bot.get_me()
    state.username = me.username or ""
    if application.bot_data.get("owner", True):  # with several replicas, one sets the menu for all
        await application.bot.set_my_commands(COMMANDS)
    if health is not None:
        health.username = state.username
    log_started(state.services, mode, state.username, health.address if health else None)
    start_alert_job(application)


async def _daily_maintenance(context: BotContext) -> None:
    """Delete questions past retention, expired buttons and ended rate windows, off the event loop."""
    state: BotState = context.bot_data["state"]
    try:
        done = await asyncio.to_thread(state.services.maintenance)
    except (StoreError, QuestionLogError) as exc:  # tomorrow's run tries again; the bot keeps answering
        log.error("event=maintenance_failed error=%r", str(exc))
        return
    log.info("event=maintenance %s", " ".join(f"{k}_deleted={v}" for k, v in done.items()))


async def _post_shutdown(application: BotApplication) -> None:
    """Stop serving health and metrics, then flush the question log and stop the workers."""
    state: BotState = application.bot_data["state"]
    health = application.bot_data.pop("health", None)
    if isinstance(health, HealthServer):
        await health.stop()
    await stop_alert_job(application)
    await asyncio.to_thread(state.services.close)


def _add_handlers(app: BotApplication) -> None:
    """Every handler of the bot, in the order they are tried."""
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new = filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("start", user_handlers.start, filters=new))
    app.add_handler(CommandHandler("help", user_handlers.help_command, filters=new))
    app.add_handler(CommandHandler("topics", user_handlers.topics_command, filters=new))
    app.add_handler(CommandHandler("doc", user_handlers.doc_command, filters=new))
    app.add_handler(CommandHandler("ask", user_handlers.ask_command, filters=new))
    app.add_handler(CommandHandler("lang", user_handlers.lang_command, filters=new))
    app.add_handler(CommandHandler("follow", follow_handlers.follow_command, filters=new))
    app.add_handler(CommandHandler("following", follow_handlers.following_command, filters=new))
    app.add_handler(CommandHandler("unfollow", follow_handlers.unfollow_command, filters=new))
    app.add_handler(sme_dialog.sme_conversation())  # before any handler that reads text or /cancel as something else
    for name, handler in admin_handlers.COMMANDS.items():
        app.add_handler(CommandHandler(name, handler, filters=new))
    app.add_handler(MessageHandler(private & new & filters.Document.ALL, admin_handlers.upload))
    app.add_handler(MessageHandler(filters.COMMAND & new, user_handlers.unknown_command))
    app.add_handler(MessageHandler(private & new & filters.TEXT, user_handlers.private_question))
    app.add_handler(MessageHandler(groups & new & filters.TEXT, user_handlers.group_message))
    app.add_handler(MessageHandler(private & new & ~filters.TEXT, user_handlers.non_text))
    app.add_handler(CallbackQueryHandler(button_handlers.user_button, pattern=pattern(button_handlers.USER_ACTIONS)))
    app.add_handler(CallbackQueryHandler(button_handlers.admin_button, pattern=pattern(button_handlers.ADMIN_ACTIONS)))
    app.add_handler(CallbackQueryHandler(button_handlers.unknown_button))  # every press gets an answer
    app.add_handler(InlineQueryHandler(user_handlers.inline_query))
    app.add_error_handler(user_handlers.error_handler)


def build_application(
    settings: Settings, services: Services, flood_limits: bool = True, updater: bool = True
) -> BotApplication:
    """The bot with every handler; TELEGRAM_API_URL serves both API calls and file downloads."""
    token = settings.token()
    if not token:
        raise BotStartError("TELEGRAM_BOT_TOKEN is not set")
    protect_logs(token)
    timeout, retried = settings.bot_api_timeout, services.metrics.retry
    builder: BotBuilder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(True)
        .request(
            RetryingRequest(connection_pool_size=64, read_timeout=timeout, write_timeout=timeout, on_retry=retried)
        )
        .get_updates_request(RetryingRequest(connection_pool_size=1, read_timeout=timeout, on_retry=retried))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if not updater:  # webhook mode: our own server feeds the update queue (bot/webhook.py)
        builder = builder.updater(None)
    if flood_limits:
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=settings.flood_limit_overall, group_max_rate=settings.flood_limit_group)
        )
    application: BotApplication = builder.build()
    application.bot_data["state"] = BotState(
        services=services,
        limiter=services.rate_limiter(settings.user_rate_per_minute, "user"),
        group_limiter=services.rate_limiter(GROUP_QUESTIONS_PER_MINUTE, "group"),
        refs=CallbackRefs(services.buttons),
    )
    _add_handlers(application)
    return application


class _BootstrapFailure(logging.Filter):
    """Drops python-telegram-bot's traceback for a failed start-up call; BotStartError says it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and "Bootstrap" in record.getMessage())


@contextlib.contextmanager
def _quiet_bootstrap() -> Iterator[None]:
    quiet = _BootstrapFailure()
    logger = logging.getLogger("telegram.ext")
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def run_bot(settings: Settings, services: Services, webhook: bool = False) -> None:
    """Long polling, or a webhook server that checks Telegram's secret token; both stop cleanly on SIGTERM."""
    application = build_application(settings, services, updater=not webhook)
    application.bot_data["mode"] = "webhook" if webhook else "polling"  # for /healthz and the start-up line
    try:
        if not webhook:
            with _quiet_bootstrap():
                application.run_polling(allowed_updates=Update.ALL_TYPES)
            return
        from bot.webhook import serve_webhook  # aiohttp is ~0.1 s of imports that polling without METRICS_PORT skips

        owner = services.claim_webhook()
        application.bot_data["owner"] = owner
        asyncio.run(serve_webhook(application, settings, owner))
    except OSError as exc:  # the webhook port is taken, or the address does not exist here
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or str(exc)
        where = f"{settings.webhook_listen}:{settings.webhook_port}"
        raise BotStartError(f"cannot listen for the webhook on {where} (WEBHOOK_PORT): {reason}") from None
    except InvalidToken:
        raise BotStartError(f"TELEGRAM_BOT_TOKEN was rejected by the Bot API at {settings.telegram_api_url}") from None
    except TelegramError as exc:  # PTB may quote the token in a message; never print it
        message = hide_token(str(exc), settings.token() or "")
        raise BotStartError(f"cannot reach the Bot API at {settings.telegram_api_url}: {message}") from None
