"""Deliver the outbox: every proactive message goes through here, paced and retried.

Usage::

    report = await deliver(deps, transports={"telegram": send}, clock=deps.now, sleep=asyncio.sleep)

``transports`` maps a channel name to ``async send(chat_id, replies)``; it raises on failure. Delivery is
**at-least-once**: a message is claimed (a 5-minute lease), sent, and only then marked sent, so a crash between
sending and recording sends it again once the lease has run out (a duplicate reminder is better than a lost one);
two senders running at once never send the same row. Before sending, a reminder whose
village has meanwhile reported (or whose task is done) is skipped. Failures are retried with exponential backoff
up to ``scheduler.max_attempts``; then the message is marked failed and stays visible in the outbox table.

Scheduled team messages (reminders, digests, escalations, heads-ups, task reminders, notices to village mates)
found due inside the quiet hours wait until they end; citizens' broadcasts a leader has just sent do not.
Digests are collected from the database on the event loop and rendered (chart, workbook) in a worker thread,
so a digest for many leaders does not stall other chats.

Pacing: at most ``scheduler.rate_per_second`` messages per second overall and one message per chat every
``scheduler.per_chat_seconds``; time comes from the injected ``clock``/``sleep``, so tests simulate it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot import texts, tickets
from bot.deps import Deps
from bot.formatting import vn_number
from bot.messages import Button, Outgoing, Unreachable
from bot.team.digest import period_summary
from bot.team.plan_tasks import task_board
from bot.team.render import digest_replies
from bot.team.render_province import province_replies
from bot.team.units import tree
from bot.team.upward import province_summary
from scheduler.plan import in_quiet_hours, out_of_quiet_hours, plan

log = logging.getLogger(__name__)
Send = Callable[[str, list[Outgoing]], Awaitable[None]]
BACKOFF_SECONDS = 30
CLAIM_LEASE = dt.timedelta(minutes=5)  # a claimed message whose sender died is due again after this
MATES_FRESH = dt.timedelta(hours=12)  # «… đã gửi báo cáo»: still news the next morning, noise days later
SEEN_RETENTION = dt.timedelta(days=7)  # how long update/message ids are kept for deduplication
PROGRESS_MIN = 200  # broadcasts to at least this many people report each quarter
MAX_BACKOFF_SECONDS = 3600
DIGEST_PARTS = ("text", "chart", "excel")
QUIET_KINDS = frozenset({"remind", "digest", "escalate", "headsup", "task", "mates", "nudge", "upward", "pdigest",
                         "escalate_up", "ptask"})


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0
    unreachable: int = 0  # the channel refused for good (e.g. outside Zalo OA's reply window); marked failed
    waiting: int = 0  # no transport for their channel right now
    postponed: int = 0  # found due in the quiet hours: they wait for their end
    errors: list[str] = field(default_factory=list)


class Pacer:
    """Overall rate and per-chat spacing on an injectable clock."""

    def __init__(self, rate_per_second: float, per_chat_seconds: float, clock, sleep):
        self.interval = 1.0 / rate_per_second
        self.per_chat = per_chat_seconds
        self.clock, self.sleep = clock, sleep
        self.next_slot: dt.datetime | None = None
        self.last_to_chat: dict[str, dt.datetime] = {}

    async def wait(self, chat: str) -> None:
        now = self.clock()
        ready = max([t for t in (self.next_slot, self._chat_ready(chat)) if t] or [now])
        if ready > now:
            await self.sleep((ready - now).total_seconds())
        now = max(self.clock(), ready)
        self.next_slot = now + dt.timedelta(seconds=self.interval)
        self.last_to_chat[chat] = now

    def _chat_ready(self, chat: str) -> dt.datetime | None:
        last = self.last_to_chat.get(chat)
        return last + dt.timedelta(seconds=self.per_chat) if last else None


async def render(deps: Deps, row: dict, now: dt.datetime) -> list[Outgoing]:
    """The replies one outbox row stands for (digests are rendered now, with the latest figures, off the loop)."""
    if row["kind"] == "digest":
        unit = row["payload"].get("unit")  # a commune's (or a part's) leaders get their part of the tree
        org = tree(deps.config)
        villages = None if unit is None else org.villages_under(unit) if unit in org.units else []
        summary = period_summary(deps.config, deps.store, row["payload"]["period"], villages, now=now)
        tasks = task_board(deps.config, deps.store, now, within=unit) if unit is None or unit in org.units else None
        return await asyncio.to_thread(digest_replies, deps.config, summary, DIGEST_PARTS, tasks)
    if row["kind"] == "pdigest":
        summary = province_summary(deps.config, deps.store, row["payload"]["period"])
        tasks = task_board(deps.config, deps.store, now)
        return await asyncio.to_thread(province_replies, deps.config, summary, DIGEST_PARTS, tasks)
    if row["kind"] == "broadcast":
        sender = row["payload"].get("from") or deps.config.organisation.name  # a commune's notice: the commune
        return [Outgoing(texts.BROADCAST_PREFIX.format(organisation=sender, text=row["text"]))]
    buttons = tuple(Button(label, payload) for label, payload in row["payload"].get("buttons", []))
    return [Outgoing(row["text"], buttons)]


def _obsolete(deps: Deps, row: dict, now: dt.datetime) -> bool:
    """A reminder for something already done, or for a period a leader has locked; a notice to the village's
    members that its report is in, when it could not go out within ``MATES_FRESH`` (held by quiet hours or a
    scheduler that was not running)."""
    if row["kind"] == "mates":
        return row["created"] is not None and now - dt.datetime.fromisoformat(row["created"]) > MATES_FRESH
    if row["kind"] in ("remind", "nudge"):
        return deps.store.locked(row["period"]) or deps.store.report(row["period"], row["village"]) is not None
    if row["kind"] == "upward":  # row["village"] holds the unit
        return deps.store.locked(row["period"]) or row["village"] in deps.store.upward(row["period"])
    if row["kind"] == "task":
        return (row["payload"]["task"], row["village"]) in deps.store.done_tasks(row["village"])
    if row["kind"] == "ptask":  # a plan task the unit has marked done meanwhile
        payload = row["payload"]
        return deps.store.plan_is_done(payload["task"], payload["unit"], payload["occurrence"])
    return False


async def deliver(deps: Deps, transports: dict[str, Send], clock: Callable[[], dt.datetime], sleep,
                  limit: int | None = None) -> DeliveryReport:
    """Send every due message once, within the rate limits; return what happened."""
    cfg = deps.config.scheduler
    store = deps.store
    tz = ZoneInfo(deps.config.organisation.timezone)
    pacer = Pacer(cfg.rate_per_second, cfg.per_chat_seconds, clock, sleep)
    report = DeliveryReport()
    broadcasts: set[int] = set()
    handled = 0
    while limit is None or handled < limit:
        batch = store.due_messages(clock().isoformat(), limit=200, channels=list(transports))
        if not batch:
            break
        for row in batch:
            if limit is not None and handled >= limit:
                break
            handled += 1
            lease = (clock() + CLAIM_LEASE).isoformat()
            if not store.claim_message(row["id"], clock().isoformat(), lease):
                continue  # another sender has it
            if _obsolete(deps, row, clock()):
                store.mark_message(row["id"], "skipped", clock().isoformat())
                report.skipped += 1
                continue
            if row["kind"] in QUIET_KINDS and in_quiet_hours(clock().astimezone(tz), cfg.quiet_start, cfg.quiet_end):
                until = out_of_quiet_hours(clock().astimezone(tz), cfg.quiet_start, cfg.quiet_end)
                store.postpone_message(row["id"], until.isoformat())
                report.postponed += 1
                continue
            await pacer.wait(f"{row['channel']}:{row['chat_id']}")
            try:
                await transports[row["channel"]](row["chat_id"], await render(deps, row, clock()))
            except Unreachable as exc:  # retrying cannot help: record who was not reached, and why
                store.mark_message(row["id"], "failed", clock().isoformat(), error=f"unreachable: {exc}"[:300])
                report.unreachable += 1
                report.errors.append(str(exc))
                log.warning("outbox %s to %s:%s not deliverable: %s", row["kind"], row["channel"], row["chat_id"], exc)
                tickets.undelivered(deps, row, texts.TICKET_UNDELIVERED_WINDOW if row["channel"] == "zalo_oa"
                                    else str(exc), clock())
                if row["broadcast_id"]:
                    broadcasts.add(row["broadcast_id"])
                continue
            except Exception as exc:  # any transport failure: retry later, never lose the message
                attempts = row["attempts"] + 1
                now = clock()
                error = f"{exc.__class__.__name__}: {exc}"[:300]
                if attempts >= cfg.max_attempts:
                    store.mark_message(row["id"], "failed", now.isoformat(), error=error)
                    report.failed += 1
                else:
                    delay = min(BACKOFF_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
                    store.mark_message(row["id"], "pending", now.isoformat(), error=error,
                                       next_attempt=(now + dt.timedelta(seconds=delay)).isoformat())
                    report.retried += 1
                report.errors.append(error)
                log.warning("outbox %s to %s:%s failed (attempt %s): %s", row["kind"], row["channel"],
                            row["chat_id"], attempts, error)
                continue
            store.mark_message(row["id"], "sent", clock().isoformat())
            report.sent += 1
            if row["broadcast_id"]:
                broadcasts.add(row["broadcast_id"])
        for broadcast_id in broadcasts:
            _report_broadcast(deps, broadcast_id, clock())
    report.waiting = store.count_due(clock().isoformat(), excluding=list(transports))  # e.g. Zalo without Zalo
    return report


def _report_broadcast(deps: Deps, broadcast_id: int, now: dt.datetime) -> None:
    """Tell the leader who sent a broadcast how far it got: at each quarter of a large one, and when it is done.

    Each notice has its own outbox key, so it is queued once however often this runs.
    """
    progress = deps.store.broadcast_progress(broadcast_id)
    broadcast = deps.store.broadcast(broadcast_id)
    total = broadcast["total"] or 1
    sent, failed = progress.get("sent", 0), progress.get("failed", 0)
    if progress.get("pending"):
        quarter = 4 * (sent + failed) // total
        if total < PROGRESS_MIN or not 0 < quarter < 4:
            return
        key = f"broadcast-progress:{broadcast_id}:{quarter}"
        text = texts.BROADCAST_PROGRESS.format(id=broadcast_id, sent=vn_number(sent), total=vn_number(total))
    else:
        key = f"broadcast-done:{broadcast_id}"
        text = texts.BROADCAST_DONE.format(id=broadcast_id, sent=vn_number(sent), total=vn_number(broadcast["total"]),
                                           failed=texts.BROADCAST_FAILED.format(failed=vn_number(failed)) if failed
                                           else "")
    deps.store.enqueue([{"key": key, "channel": a["channel"], "chat_id": a["user_id"], "kind": "notice", "text": text}
                        for a in deps.store.accounts_of(broadcast["person_id"])], now.isoformat())


async def run_pass(deps: Deps, now: dt.datetime, transports: dict[str, Send], sleep, clock=None,
                   dry_run: bool = False) -> tuple[list[dict], DeliveryReport | None]:
    """One scheduler pass: plan what is due at ``now``, queue it, deliver the outbox.

    A dry run stores nothing and lists only what a real pass would newly queue (not what earlier passes did)."""
    items = plan(deps, now, remember_start=not dry_run)
    if dry_run:
        return deps.store.not_queued(items), None
    deps.store.enqueue(items, now.isoformat())
    deps.store.forget_seen(now, SEEN_RETENTION)
    return items, await deliver(deps, transports, clock or (lambda: now), sleep)
