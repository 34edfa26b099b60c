"""build_application: every handler registered in one place; run_bot: polling or webhook, stopping on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

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

from app.rate_limit import RateLimiter
from app.services import Services
from app.settings import Settings
from bot import admin_handlers, button_handlers, user_handlers
from bot.callback_data import pattern
from bot.context import BotApplication, BotBuilder, BotContext, BotState
from bot.http import RetryingRequest

__all__ = [
    "COMMANDS",
    "BotStartError",
    "RedactingFormatter",
    "TokenRedactor",
    "build_application",
    "protect_logs",
    "run_bot",
]

COMMANDS = [
    BotCommand("start", "Giới thiệu và câu hỏi mẫu"),
    BotCommand("help", "Cách hỏi, cách đọc trích dẫn, quyền riêng tư"),
    BotCommand("topics", "Duyệt theo chủ đề"),
    BotCommand("doc", "Thông tin một văn bản: /doc 80/2021"),
    BotCommand("ask", "Hỏi (dùng trong nhóm): /ask câu hỏi"),
    BotCommand("lang", "Ngôn ngữ trả lời / reply language: /lang vi|en"),
]


class BotStartError(Exception):
    """The bot could not start (token refused, Bot API unreachable); the message is one safe line."""


class TokenRedactor(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line's message."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token and self.token in record.getMessage():
            record.msg, record.args = record.getMessage().replace(self.token, "<token>"), ()
        return True


class RedactingFormatter(logging.Formatter):
    """Formats with the handler's own formatter, then removes the token from the whole text, traceback included
    (a chained exception's message can quote a request URL, and URLs carry the token)."""

    def __init__(self, inner: logging.Formatter | None, token: str) -> None:
        super().__init__()
        self.inner, self.token = inner or logging.Formatter(), token

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        return text.replace(self.token, "<token>") if self.token else text


def protect_logs(token: str) -> None:
    """Keep the token out of every log line and traceback the root logger's handlers write."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request URL, which holds the token
    redactor = TokenRedactor(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
        if not isinstance(handler.formatter, RedactingFormatter):
            handler.setFormatter(RedactingFormatter(handler.formatter, token))


async def _post_init(application: BotApplication) -> None:
    """Start the answer workers, purge old questions, learn the bot's username, register the command menu."""
    state: BotState = application.bot_data["state"]
    await asyncio.to_thread(state.services.start_workers)
    await asyncio.to_thread(state.services.question_log().purge)  # drop questions older than the retention period
    me = await application.bot.get_me()
    state.username = me.username or ""
    await application.bot.set_my_commands(COMMANDS)


async def _post_shutdown(application: BotApplication) -> None:
    state: BotState = application.bot_data["state"]
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


def build_application(settings: Settings, services: Services, flood_limits: bool = True) -> BotApplication:
    """The bot with every handler; TELEGRAM_API_URL serves both API calls and file downloads."""
    token = settings.token()
    if not token:
        raise BotStartError("TELEGRAM_BOT_TOKEN is not set")
    protect_logs(token)
    timeout = settings.bot_api_timeout
    builder: BotBuilder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(True)
        .request(RetryingRequest(connection_pool_size=64, read_timeout=timeout, write_timeout=timeout))
        .get_updates_request(RetryingRequest(connection_pool_size=1, read_timeout=timeout))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if flood_limits:
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=settings.flood_limit_overall, group_max_rate=settings.flood_limit_group)
        )
    application: BotApplication = builder.build()
    application.bot_data["state"] = BotState(services=services, limiter=RateLimiter(settings.user_rate_per_minute))
    _add_handlers(application)
    return application


def run_bot(settings: Settings, services: Services, webhook: bool = False) -> None:
    """Long polling, or a webhook server that checks Telegram's secret token; both stop cleanly on SIGTERM."""
    application = build_application(settings, services)
    try:
        if not webhook:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
            return
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        url = settings.webhook_url or ""
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(url).path.strip("/"),
            webhook_url=url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    except InvalidToken:
        raise BotStartError(f"TELEGRAM_BOT_TOKEN was rejected by the Bot API at {settings.telegram_api_url}") from None
    except TelegramError as exc:  # PTB may quote the token in a message; never print it
        message = str(exc).replace(settings.token() or "", "<token>")
        raise BotStartError(f"cannot reach the Bot API at {settings.telegram_api_url}: {message}") from None
