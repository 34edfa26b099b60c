"""The alert job: every few seconds, queue alerts for a new live version, then send the queue at a gentle pace.

Sending is at most once (see app.alert_outbox): each alert is marked 'sending' before the Bot API call, so a
restart mid-broadcast never sends anyone the same alert twice. A stop lets the alert being sent finish (for
`grace` seconds), so a deploy loses nothing; a crash loses at most that one. A chat that blocked the bot loses
its follows.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from app.alert_outbox import Outcome, Queued, claim_next, finish, purge, stuck
from app.alerts import queue_alerts
from bot.context import BotApplication, BotState
from bot.render_alerts import render_alert
from bot.sending import NO_PREVIEW

__all__ = ["ALERTS_PER_SECOND", "AlertJob", "start_alert_job", "stop_alert_job"]

log = logging.getLogger(__name__)
ALERTS_PER_SECOND = 20.0  # under Telegram's ~30/s per bot, leaving room for answers during a broadcast
PURGE_EVERY_S = 3600.0
GRACE_S = 5.0  # a stop waits this long for the alert being sent; Telegram answers well within it
_GONE = ("chat not found", "user is deactivated", "bot was kicked")
_UNSENT = ("ConnectError", "Bad Gateway")  # NetworkErrors that certainly never reached Telegram


class AlertJob:
    """One asyncio task: check the live version, queue, send; `stop` ends it after the alert in flight."""

    def __init__(self, state: BotState, bot: Bot) -> None:
        self.state, self.bot = state, bot
        self.db = state.services.state_db
        self.grace = GRACE_S
        self._task: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._purged = 0.0

    def start(self) -> None:
        """Run the job in the background."""
        self._task = asyncio.create_task(self._run(), name="alert-job")

    async def stop(self) -> None:
        """Claim nothing more, let the alert in flight finish, then cancel (one cut off stays 'sending', unsent)."""
        self._closing.set()
        if self._task is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._task), self.grace)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        try:
            await asyncio.to_thread(lambda: self.state.subscriptions)  # creates the tables off the event loop
            left = await asyncio.to_thread(stuck, self.db)
        except Exception as exc:  # the database away at start: the loop below keeps trying
            log.warning("event=alerts_failed error=%r: trying again every %.1f s", str(exc), self.state.alert_interval)
        else:
            if left:
                log.warning("%d alert(s) were being sent when the bot last stopped; not sent again", left)
        failing = False
        while not self._closing.is_set():
            try:
                await self._tick()
            except Exception as exc:  # a database or network hiccup must not end alerts for good; said once
                if not failing:
                    log.warning(
                        "event=alerts_failed error=%r: trying again every %.1f s", str(exc), self.state.alert_interval
                    )
                failing = True
            else:
                if failing:
                    log.warning("event=alerts_recovered")
                failing = False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.state.alert_interval)

    async def _tick(self) -> None:
        await asyncio.to_thread(queue_alerts, self.db, self.state.services.store)
        gap = 1 / ALERTS_PER_SECOND  # shared by every replica through the outbox, so the total stays under it
        while not self._closing.is_set() and (queued := await asyncio.to_thread(claim_next, self.db, gap)) is not None:
            outcome = await self._send(queued)
            await asyncio.to_thread(finish, self.db, queued, outcome)
            if outcome is Outcome.RETRY:
                break  # try again on a later tick rather than hammer a failing API
            await asyncio.sleep(gap)
        loop_time = asyncio.get_running_loop().time()
        if loop_time - self._purged > PURGE_EVERY_S:
            self._purged = loop_time
            await asyncio.to_thread(purge, self.db)

    async def _send(self, queued: Queued) -> Outcome:
        """Send one alert; what happened decides the row's state."""
        try:
            await self.bot.send_message(
                queued.chat_id, render_alert(queued.alert), parse_mode="HTML", link_preview_options=NO_PREVIEW
            )
        except Forbidden:
            return await self._gone(queued)
        except RetryAfter as exc:  # refused, so certainly not delivered: wait as asked, then send it later
            wait = exc.retry_after
            await asyncio.sleep(wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait))
            return Outcome.RETRY
        except BadRequest as exc:
            if any(reason in str(exc).lower() for reason in _GONE):
                return await self._gone(queued)
            log.warning("alert %s refused by the Bot API: %s", queued.id, exc)
            return Outcome.FAILED
        except (TimedOut, NetworkError) as exc:
            if isinstance(exc, TimedOut) or not any(sign in str(exc) for sign in _UNSENT):
                log.warning("alert %s may or may not have arrived (%s); not sent again", queued.id, exc)
                return Outcome.FAILED  # sending it again could make a duplicate
            log.warning("alert %s did not reach the Bot API (%s); will try again", queued.id, exc)
            return Outcome.RETRY
        except TelegramError as exc:  # refused: nothing was delivered
            log.warning("alert %s refused (%s); will try again", queued.id, exc)
            return Outcome.RETRY
        return Outcome.SENT

    async def _gone(self, queued: Queued) -> Outcome:
        """The chat blocked the bot or no longer exists: forget everything kept for it."""
        await asyncio.to_thread(self.state.subscriptions.forget, queued.chat_id)
        log.info("alert %s: the chat blocked the bot or is gone; its follows were removed", queued.id)
        return Outcome.BLOCKED


def start_alert_job(application: BotApplication) -> None:
    """Start the alert job of this application."""
    job = AlertJob(application.bot_data["state"], application.bot)
    application.bot_data["alert_job"] = job
    job.start()


async def stop_alert_job(application: BotApplication) -> None:
    """Stop the alert job, if it was started."""
    job = application.bot_data.pop("alert_job", None)
    if isinstance(job, AlertJob):
        await job.stop()
