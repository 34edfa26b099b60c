"""Admin commands: upload -> preview -> publish/discard, rollback, history, list, remove, reload, stats, export.

Only ADMIN_IDS may use them; anyone else gets the reply an unknown command gets, so they stay hidden.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType

from app import kb_admin
from bot.charts import sparkline, stats_chart
from bot.context import BotContext
from bot.keyboards import decision_keyboard
from bot.render import escape
from bot.sending import send_html
from bot.user_handlers import UNKNOWN_COMMAND, non_text
from knowledge.errors import DocumentError, KnowledgeError
from knowledge.importers import SUPPORTED_SUFFIXES

__all__ = ["COMMANDS", "actor", "admin_only", "upload"]

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def admin_only(func: Handler) -> Handler:
    """Run the handler for admins; everyone else sees the unknown-command reply."""

    async def wrapper(update: Update, context: BotContext) -> None:
        user, chat = update.effective_user, update.effective_chat
        private = chat is not None and chat.type == ChatType.PRIVATE
        # Only in a private chat with the admin: in a group, /export or /stats would show users' questions to all.
        if not private or not context.state.is_admin(user.id if user else None):
            if update.callback_query is not None:
                await update.callback_query.answer()
            elif update.effective_message is not None and private:
                await update.effective_message.reply_text(UNKNOWN_COMMAND)
            return
        await func(update, context)

    wrapper.__doc__ = func.__doc__
    return wrapper


def actor(update: Update) -> str:
    """Who did an admin action, for the audit log."""
    return f"tg:{update.effective_user.id}" if update.effective_user else "tg:?"


def _preview_html(preview: kb_admin.Preview) -> str:
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
    if doc.file_size is not None and doc.file_size > settings.max_upload_bytes():
        size = doc.file_size / 1048576
        await message.reply_text(f"❌ Tệp quá lớn ({size:.1f} MB); giới hạn {settings.max_upload_mb:g} MB.")
        return
    data = bytes(await (await doc.get_file()).download_as_bytearray())
    if len(data) > settings.max_upload_bytes():  # the size Telegram reported was missing or wrong
        await message.reply_text(f"❌ Tệp quá lớn; giới hạn {settings.max_upload_mb:g} MB.")
        return
    services = context.state.services
    try:
        preview = await asyncio.to_thread(kb_admin.stage_import, services, data, name, actor(update))
    except KnowledgeError as exc:
        await send_html(message, _problems_html(name, exc))
        return  # a refused file is not kept
    await asyncio.to_thread(_keep_upload, settings.bot_data_dir, name, data, preview.stage.id)
    await send_html(message, _preview_html(preview), reply_markup=decision_keyboard(context.state, preview.stage.id))


def _keep_upload(data_dir: Path, name: str, data: bytes, stage_id: int) -> None:
    """Keep a staged upload beside the audit log, under a short safe name (an upload's own name may be 1,000 bytes)."""
    folder = data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in SUPPORTED_SUFFIXES else ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem)[:60].strip("-.") or "upload"
    (folder / f"{stamp}_stage{stage_id}_{stem}{suffix}").write_bytes(data)


async def _reply(update: Update, text: str) -> Message:
    assert update.effective_message is not None
    return await send_html(update.effective_message, text)


@admin_only
async def publish_command(update: Update, context: BotContext) -> None:
    """/publish: publish the newest staged change."""
    version = await asyncio.to_thread(kb_admin.publish, context.state.services, actor(update))
    await _reply(update, f"✅ Đã xuất bản phiên bản <b>{version}</b>.")


@admin_only
async def rollback_command(update: Update, context: BotContext) -> None:
    """/rollback [version]: serve an earlier version again."""
    arg = (context.args or [""])[0]
    target = int(arg) if arg.isdigit() else None
    version = await asyncio.to_thread(kb_admin.rollback, context.state.services, actor(update), target)
    await _reply(update, f"↩️ Đang dùng phiên bản <b>{version}</b>.")


@admin_only
async def history_command(update: Update, context: BotContext) -> None:
    """/history: published versions."""
    store = context.state.services.store
    lines = ["🕘 <b>Lịch sử phiên bản</b>"]
    for v in store.history(15):
        mark = " ← đang dùng" if v.live else ""
        lines.append(
            f"v{v.id} {v.created_at[:16]} {escape(v.author)} {v.action}: {escape(v.comment)} "
            f"({v.documents} văn bản){mark}"
        )
    store.audit_view(actor(update), "history", "viewed")
    await _reply(update, "\n".join(lines))


@admin_only
async def kb_command(update: Update, context: BotContext) -> None:
    """/kb: documents and the live version."""
    engine = context.state.services.live.engine
    lines = [f"📚 Phiên bản <b>{engine.version}</b>: {len(engine.kb)} văn bản, {len(engine.kb.passages)} đoạn"]
    lines += [
        f"• <code>{escape(d.meta.id)}</code> {escape(d.meta.number)} [{d.meta.kind}]" for d in engine.kb.documents
    ]
    store = context.state.services.store
    store.audit_view(actor(update), "kb", f"viewed version {engine.version}")
    pending = store.stage()
    if pending:
        lines.append(f"\nBản nháp chờ xuất bản: {pending.id} ({escape(pending.comment)})")
    await _reply(update, "\n".join(lines))


@admin_only
async def remove_command(update: Update, context: BotContext) -> None:
    """/remove <document>: stage a removal and preview it."""
    target = " ".join(context.args or []).strip()
    if not target:
        await _reply(update, "Dùng: /remove &lt;mã hoặc số hiệu văn bản&gt; (xem /kb)")
        return
    try:
        preview = await asyncio.to_thread(kb_admin.stage_removal, context.state.services, target, actor(update))
    except KnowledgeError as exc:
        await _reply(update, f"❌ {escape(str(exc))}")
        return
    assert update.effective_message is not None
    await send_html(
        update.effective_message,
        _preview_html(preview),
        reply_markup=decision_keyboard(context.state, preview.stage.id),
    )


@admin_only
async def reload_command(update: Update, context: BotContext) -> None:
    """/reload: rebuild the engine from the store's live version."""
    engine = await asyncio.to_thread(context.state.services.live.reload)
    context.state.services.store.audit(actor(update), "reload", f"version {engine.version}")
    await _reply(update, f"🔄 Đã tải lại phiên bản <b>{engine.version}</b>.")


@admin_only
async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: questions per day, answered rate, feedback, unanswered questions, cited documents, a chart."""
    log = context.state.services.question_log()
    await asyncio.to_thread(log.purge)  # retention is enforced whenever someone looks
    stats = await asyncio.to_thread(log.stats)
    rate = f"{stats.answered / stats.total:.0%}" if stats.total else "—"
    lines = [
        f"📊 <b>Thống kê</b>: {stats.total} câu hỏi, trả lời được {rate}",
        f"Góp ý: 👍 {stats.feedback.get('up', 0)} · 👎 {stats.feedback.get('down', 0)}",
        "<b>Câu hỏi chưa trả lời được nhiều nhất:</b>",
    ]
    lines += [f"• {escape(q)} ({n})" for q, n in stats.unanswered] or ["• (không có)"]
    lines.append("<b>Văn bản được trích nhiều nhất:</b>")
    lines += [f"• {escape(d)} ({n})" for d, n in stats.documents] or ["• (không có)"]
    if stats.per_day:
        first, last = stats.per_day[0][0], stats.per_day[-1][0]
        lines.append(
            f"<b>Câu hỏi mỗi ngày</b> ({first} → {last}): <code>{sparkline([n for _, n, _ in stats.per_day])}</code>"
        )
    context.state.services.store.audit_view(actor(update), "stats", "viewed")
    await _reply(update, "\n".join(lines))
    chart = await asyncio.to_thread(stats_chart, stats) if stats.per_day else None
    if chart is not None:
        assert update.effective_message is not None
        await update.effective_message.reply_photo(chart, caption="Câu hỏi mỗi ngày và tỉ lệ trả lời được")


@admin_only
async def export_command(update: Update, context: BotContext) -> None:
    """/export: the question log as CSV."""
    data = await asyncio.to_thread(context.state.services.question_log().export_csv)
    context.state.services.store.audit_view(actor(update), "export", f"{len(data)} bytes")
    assert update.effective_message is not None
    await update.effective_message.reply_document(data, filename="questions.csv")


COMMANDS = {
    "publish": publish_command,
    "rollback": rollback_command,
    "history": history_command,
    "kb": kb_command,
    "remove": remove_command,
    "reload": reload_command,
    "stats": stats_command,
    "export": export_command,
}
