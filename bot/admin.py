"""Admin commands: upload -> preview -> publish/discard, rollback, history, list, remove, reload, stats, export.

Only ADMIN_IDS may use them; anyone else gets the reply an unknown command gets, so they stay hidden.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.answering import send_html
from bot.charts import stats_chart
from bot.context import BotContext, pack
from bot.handlers import UNKNOWN_COMMAND, non_text
from bot.render import escape
from cli import kbops
from knowledge.errors import DocumentError, KnowledgeError
from knowledge.importers import SUPPORTED_SUFFIXES

__all__ = ["add_handlers"]

Handler = Callable[[Update, BotContext], Awaitable[None]]


def _admin_only(func: Handler) -> Handler:
    """Run the handler for admins; everyone else sees the unknown-command reply."""

    async def wrapper(update: Update, context: BotContext) -> None:
        user = update.effective_user
        if not context.state.is_admin(user.id if user else None):
            if update.callback_query is not None:
                await update.callback_query.answer()
            elif update.effective_message is not None:
                await update.effective_message.reply_text(UNKNOWN_COMMAND)
            return
        await func(update, context)

    wrapper.__doc__ = func.__doc__
    return wrapper


def _actor(update: Update) -> str:
    return f"tg:{update.effective_user.id}" if update.effective_user else "tg:?"


def _preview_html(preview: kbops.Preview) -> str:
    lines = [f"🗂 <b>Bản nháp {preview.stage.id}</b>: {escape(preview.stage.comment)}"]
    if not preview.changes:
        lines.append("Không có thay đổi so với phiên bản đang dùng.")
    labels = {"new": "🆕 mới", "changed": "✏️ thay đổi", "removed": "🗑 gỡ bỏ"}
    for c in preview.changes:
        lines.append(f"{labels.get(c.status, c.status)}: <b>{escape(c.number)}</b> — {escape(c.title)}")
        lines.append(f"   đoạn: {len(c.new)} mới, {len(c.changed)} sửa, {len(c.removed)} bỏ")
    lines.append(f"\n<b>Câu trả lời sẽ thay đổi:</b> {len(preview.answers)}/{preview.questions_checked} câu hỏi mẫu")
    for a in preview.answers[:8]:
        lines.append(f"• {escape(a.question)}\n   {escape(a.before)} → <b>{escape(a.after)}</b>")
    return "\n".join(lines)


def _decision_keyboard(context: BotContext, stage_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("✅ Xuất bản", callback_data=pack(context.state, "pub", str(stage_id))),
        InlineKeyboardButton("✖️ Bỏ", callback_data=pack(context.state, "dis", str(stage_id))),
    ]])


def _problems_html(name: str, exc: KnowledgeError) -> str:
    problems = exc.problems if isinstance(exc, DocumentError) else []
    lines = [f"❌ Không nhận <b>{escape(name)}</b>. Phiên bản đang dùng không thay đổi."]
    lines += [f"• dòng {p.line}: {escape(p.message)}" for p in problems[:10]] or [escape(str(exc))]
    if len(problems) > 10:
        lines.append(f"… và {len(problems) - 10} lỗi khác")
    return "\n".join(lines)


async def upload(update: Update, context: BotContext) -> None:
    """An admin's document: size and type checked before download, then validated, staged and previewed."""
    message = update.effective_message
    assert message is not None and message.document is not None
    user = update.effective_user
    if not context.state.is_admin(user.id if user else None):
        await non_text(update, context)
        return
    doc, settings = message.document, context.state.settings
    name = doc.file_name or "upload"
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        await message.reply_text(f"❌ Không hỗ trợ loại tệp này. Hãy gửi {', '.join(SUPPORTED_SUFFIXES)}.")
        return
    if doc.file_size is not None and doc.file_size > settings.max_upload_mb * 1024 * 1024:
        size = doc.file_size / 1048576
        await message.reply_text(f"❌ Tệp quá lớn ({size:.1f} MB); giới hạn {settings.max_upload_mb:g} MB.")
        return
    data = bytes(await (await doc.get_file()).download_as_bytearray())
    _keep_upload(settings.bot_data_dir, name, data)
    services = context.state.services
    try:
        preview = await asyncio.to_thread(kbops.stage_import, services, data, name, _actor(update))
    except KnowledgeError as exc:
        await send_html(message, _problems_html(name, exc))
        return
    await send_html(message, _preview_html(preview), reply_markup=_decision_keyboard(context, preview.stage.id))


def _keep_upload(data_dir: Path, name: str, data: bytes) -> None:
    folder = data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    (folder / f"{stamp}_{Path(name).name}").write_bytes(data)


async def _reply(update: Update, text: str) -> Message:
    assert update.effective_message is not None
    return await send_html(update.effective_message, text)


@_admin_only
async def publish_command(update: Update, context: BotContext) -> None:
    """/publish: publish the newest staged change."""
    version = await asyncio.to_thread(kbops.publish, context.state.services, _actor(update))
    await _reply(update, f"✅ Đã xuất bản phiên bản <b>{version}</b>.")


@_admin_only
async def rollback_command(update: Update, context: BotContext) -> None:
    """/rollback [version]: serve an earlier version again."""
    arg = (context.args or [""])[0]
    target = int(arg) if arg.isdigit() else None
    version = await asyncio.to_thread(kbops.rollback, context.state.services, _actor(update), target)
    await _reply(update, f"↩️ Đang dùng phiên bản <b>{version}</b>.")


@_admin_only
async def history_command(update: Update, context: BotContext) -> None:
    """/history: published versions."""
    store = context.state.services.store
    lines = ["🕘 <b>Lịch sử phiên bản</b>"]
    for v in store.history(15):
        mark = " ← đang dùng" if v.live else ""
        lines.append(f"v{v.id} {v.created_at[:16]} {escape(v.author)} {v.action}: {escape(v.comment)} "
                     f"({v.documents} văn bản){mark}")
    store.audit(_actor(update), "history", "viewed")
    await _reply(update, "\n".join(lines))


@_admin_only
async def kb_command(update: Update, context: BotContext) -> None:
    """/kb: documents and the live version."""
    engine = context.state.services.library.engine
    lines = [f"📚 Phiên bản <b>{engine.version}</b>: {len(engine.kb)} văn bản, {len(engine.kb.passages)} đoạn"]
    lines += [f"• <code>{escape(d.meta.id)}</code> {escape(d.meta.number)} [{d.meta.kind}]"
              for d in engine.kb.documents]
    store = context.state.services.store
    store.audit(_actor(update), "kb", f"viewed version {engine.version}")
    pending = store.stage()
    if pending:
        lines.append(f"\nBản nháp chờ xuất bản: {pending.id} ({escape(pending.comment)})")
    await _reply(update, "\n".join(lines))


@_admin_only
async def remove_command(update: Update, context: BotContext) -> None:
    """/remove <document>: stage a removal and preview it."""
    target = " ".join(context.args or []).strip()
    if not target:
        await _reply(update, "Dùng: /remove &lt;mã hoặc số hiệu văn bản&gt; (xem /kb)")
        return
    try:
        preview = await asyncio.to_thread(kbops.stage_removal, context.state.services, target, _actor(update))
    except KnowledgeError as exc:
        await _reply(update, f"❌ {escape(str(exc))}")
        return
    assert update.effective_message is not None
    await send_html(update.effective_message, _preview_html(preview),
                    reply_markup=_decision_keyboard(context, preview.stage.id))


@_admin_only
async def reload_command(update: Update, context: BotContext) -> None:
    """/reload: rebuild the engine from the store's live version."""
    engine = await asyncio.to_thread(context.state.services.library.reload)
    context.state.services.store.audit(_actor(update), "reload", f"version {engine.version}")
    await _reply(update, f"🔄 Đã tải lại phiên bản <b>{engine.version}</b>.")


@_admin_only
async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: questions per day, answered rate, feedback, unanswered questions, cited documents, a chart."""
    analytics = context.state.analytics
    await asyncio.to_thread(analytics.purge)  # retention is enforced whenever someone looks
    stats = await asyncio.to_thread(analytics.stats)
    rate = f"{stats.answered / stats.total:.0%}" if stats.total else "—"
    lines = [f"📊 <b>Thống kê</b>: {stats.total} câu hỏi, trả lời được {rate}",
             f"Góp ý: 👍 {stats.feedback.get('up', 0)} · 👎 {stats.feedback.get('down', 0)}",
             "<b>Câu hỏi chưa trả lời được nhiều nhất:</b>"]
    lines += [f"• {escape(q)} ({n})" for q, n in stats.unanswered] or ["• (không có)"]
    lines.append("<b>Văn bản được trích nhiều nhất:</b>")
    lines += [f"• {escape(d)} ({n})" for d, n in stats.documents] or ["• (không có)"]
    context.state.services.store.audit(_actor(update), "stats", "viewed")
    await _reply(update, "\n".join(lines))
    if stats.per_day:
        chart = await asyncio.to_thread(stats_chart, stats)
        assert update.effective_message is not None
        await update.effective_message.reply_photo(chart, caption="Câu hỏi mỗi ngày và tỉ lệ trả lời được")


@_admin_only
async def export_command(update: Update, context: BotContext) -> None:
    """/export: the question log as CSV."""
    data = await asyncio.to_thread(context.state.analytics.export_csv)
    context.state.services.store.audit(_actor(update), "export", f"{len(data)} bytes")
    assert update.effective_message is not None
    await update.effective_message.reply_document(data, filename="questions.csv")


@_admin_only
async def decision(update: Update, context: BotContext) -> None:
    """The Publish / Discard buttons under a preview."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, stage_id = query.data.split("|")[:2]
    services = context.state.services
    stage = services.store.stage(int(stage_id))
    if stage is None:
        await query.answer("Bản nháp này đã được xử lý.", show_alert=True)
        return
    await query.answer()
    assert update.effective_message is not None
    if action == "pub":
        version = await asyncio.to_thread(kbops.publish, services, _actor(update), stage.id)
        await update.effective_message.reply_html(f"✅ Đã xuất bản phiên bản <b>{version}</b>.")
    else:
        await asyncio.to_thread(services.store.discard, stage, _actor(update))
        await update.effective_message.reply_text("✖️ Đã bỏ bản nháp; phiên bản đang dùng không đổi.")


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Register admin commands, uploads and preview buttons."""
    new = filters.UpdateType.MESSAGE
    commands = {"publish": publish_command, "rollback": rollback_command, "history": history_command,
                "kb": kb_command, "remove": remove_command, "reload": reload_command, "stats": stats_command,
                "export": export_command}
    for name, handler in commands.items():
        app.add_handler(CommandHandler(name, handler, filters=new))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & new & filters.Document.ALL, upload))
    app.add_handler(CallbackQueryHandler(decision, pattern=r"^(pub|dis)\|"))
