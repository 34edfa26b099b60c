"""build_application: all wiring in one place; run_application: polling or webhook, stopping on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import admin, callbacks, handlers
from bot.context import BotContext, BotState
from bot.http import AiohttpRequest
from bot.settings import Settings
from bot.state import UserRateLimiter
from cli.services import Services
from retrieval.pool import AnswerPool

__all__ = ["COMMANDS", "TokenRedactor", "build_application", "run_application"]

COMMANDS = [
    BotCommand("start", "Giới thiệu và câu hỏi mẫu"),
    BotCommand("help", "Cách hỏi, cách đọc trích dẫn, quyền riêng tư"),
    BotCommand("topics", "Duyệt theo chủ đề"),
    BotCommand("doc", "Thông tin một văn bản: /doc 80/2021"),
    BotCommand("ask", "Hỏi (dùng trong nhóm): /ask câu hỏi"),
]


class TokenRedactor(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line (URLs of HTTP libraries, tracebacks)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token and self.token in record.getMessage():
            record.msg, record.args = record.getMessage().replace(self.token, "<token>"), ()
        return True


def _protect_logs(token: str) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request URL, which holds the token
    redactor = TokenRedactor(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Learn the bot's username (for group mentions) and register the command menu."""
    state: BotState = application.bot_data["state"]
    if state.settings.answer_workers:
        services = state.services
        state.pool = AnswerPool(services.store, state.settings.answer_workers)
        await asyncio.to_thread(state.pool.warm_up, services.library.engine.version)
    await asyncio.to_thread(state.analytics.purge)  # drop questions older than the retention period
    me = await application.bot.get_me()
    state.username = me.username or ""
    await application.bot.set_my_commands(COMMANDS)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    state: BotState = application.bot_data["state"]
    state.analytics.close()
    if state.pool is not None:
        await asyncio.to_thread(state.pool.close)


def build_application(settings: Settings, services: Services, flood_limits: bool = True) -> Application:  # type: ignore[type-arg]
    """The bot with every handler; TELEGRAM_API_URL serves both API calls and file downloads."""
    token = settings.token()
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    _protect_logs(token)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(True)
        .request(AiohttpRequest(pool_size=64))
        .get_updates_request(AiohttpRequest(pool_size=1))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if flood_limits:
        builder = builder.rate_limiter(AIORateLimiter(
            overall_max_rate=settings.flood_limit_overall, group_max_rate=settings.flood_limit_group))
    application = builder.build()
    application.bot_data["state"] = BotState(
        settings=settings, services=services, analytics=services.open_analytics(),
        limiter=UserRateLimiter(settings.user_rate_per_minute))
    _add_handlers(application)
    return application


def _add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new = filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("start", handlers.start, filters=new))
    app.add_handler(CommandHandler("help", handlers.help_command, filters=new))
    app.add_handler(CommandHandler("topics", handlers.topics_command, filters=new))
    app.add_handler(CommandHandler("doc", handlers.doc_command, filters=new))
    app.add_handler(CommandHandler("ask", handlers.ask_command, filters=new))
    admin.add_handlers(app)
    app.add_handler(MessageHandler(filters.COMMAND & new, handlers.unknown_command))
    app.add_handler(MessageHandler(private & new & filters.TEXT, handlers.private_question))
    app.add_handler(MessageHandler(groups & new & filters.TEXT, handlers.group_message))
    app.add_handler(MessageHandler(private & new & ~filters.TEXT, handlers.non_text))
    app.add_handler(CallbackQueryHandler(callbacks.button, pattern=callbacks.USER_BUTTONS))
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    app.add_error_handler(handlers.error_handler)


def run_application(application: Application, settings: Settings, webhook: bool = False) -> None:  # type: ignore[type-arg]
    """Long polling, or a webhook server that checks Telegram's secret token; both stop cleanly on SIGTERM."""
    if not webhook:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    url = settings.webhook_url or ""
    application.run_webhook(
        listen=settings.webhook_listen, port=settings.webhook_port, url_path=urlsplit(url).path.strip("/"),
        webhook_url=url, secret_token=secret, allowed_updates=Update.ALL_TYPES,
    )
