"""What proactive messages are due at a moment: reminders, escalations, digests, task reminders.

Usage::

    items = plan(deps, now)          # outbox items (dicts) due at ``now``; enqueue them with store.enqueue

A pure function of the configuration, the database and ``now``; every item has a unique key such as
``remind:<person>:<period>:<step>``, so running the same pass twice, or after a crash, queues nothing twice.

Rules:
- Figures of period P are due at its deadline (``bot.periods``: monthly on ``reporting.deadline_day`` of the next
  month, or the village's own day; weekly on ``reporting.weekday``) at ``reporting.deadline_time``. Members of
  villages that have not reported P are reminded at each ``scheduler.reminders`` step (days relative to the
  deadline's date, at a local time).
- Nothing is sent during quiet hours (``quiet_start``–``quiet_end``, default 21:00–07:00): a moment inside them
  moves to the end of the quiet hours.
- After downtime a pass catches up: reminders whose moment passed less than ``catch_up_hours`` ago are still sent,
  older ones are dropped (a stale "3 days left" helps nobody); escalations and digests are still sent up to
  ``digest_catch_up_days`` (default 14) late.
- ``escalate_days`` after the deadline, leaders get the list of overdue villages; at the deadline they get the
  digest (text, chart, Excel), rendered when it is sent so it holds the latest figures.
- Dated tasks: villages that have not marked a task done are reminded at the same steps relative to its due date.
- Citizens' tickets («Hỏi cán bộ») unanswered after ``handoff.escalate_hours`` office hours go to the leaders
  (``bot.tickets.escalations``), only during office hours.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot import texts, tickets
from bot.deps import Deps
from bot.periods import deadline, label, recent_periods


def _at(day: dt.date, hhmm: str, tz: ZoneInfo) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def out_of_quiet_hours(moment: dt.datetime, start: str, end: str) -> dt.datetime:
    """Move a moment inside the quiet hours to their end (07:00 the same or the next morning)."""
    local = moment.timetz()
    begin, finish = (dt.time(*(int(x) for x in t.split(":"))) for t in (start, end))
    if local.replace(tzinfo=None) >= begin:
        return _at(moment.date() + dt.timedelta(days=1), end, moment.tzinfo)
    if local.replace(tzinfo=None) < finish:
        return _at(moment.date(), end, moment.tzinfo)
    return moment


def _steps(deps: Deps, due: dt.datetime) -> list[tuple[str, dt.datetime]]:
    cfg = deps.config.scheduler
    steps = []
    for step in cfg.reminders:
        moment = _at(due.date() + dt.timedelta(days=step.days), step.time, due.tzinfo)
        steps.append((f"d{step.days:+d}", out_of_quiet_hours(moment, cfg.quiet_start, cfg.quiet_end)))
    return steps


def _fresh(moment: dt.datetime, now: dt.datetime, catch_up_hours: float) -> bool:
    return moment <= now and now - moment <= dt.timedelta(hours=catch_up_hours)


def _village_deadline(deps: Deps, period: str, village) -> dt.datetime:
    return deadline(period, deps.config.reporting_for(village.key), deps.config.organisation.timezone)


def _reminder_text(step: str, village: str, period: str, due: dt.datetime, now: dt.datetime) -> str:
    when = due.strftime("%H:%M %d/%m/%Y")
    if due.date() > now.date():
        days = (due.date() - now.date()).days
        return texts.REMIND_BEFORE.format(village=village, period=label(period), deadline=when, days=days)
    if due.date() == now.date():
        return texts.REMIND_TODAY.format(village=village, period=label(period), time=due.strftime("%H:%M"))
    return texts.REMIND_LATE.format(village=village, period=label(period), deadline=when)


def plan(deps: Deps, now: dt.datetime) -> list[dict]:
    """Outbox items due at ``now`` (see the module docstring for the rules)."""
    config, store = deps.config, deps.store
    tz = ZoneInfo(config.organisation.timezone)
    now = now.astimezone(tz)
    cfg = config.scheduler
    accounts = store.accounts()
    members = {}
    for account in accounts:
        members.setdefault(account["village"], []).append(account)
    leaders = [a for a in accounts if a["role"] in ("leader", "deputy")]
    names = {v.key: v.name for v in config.villages}
    items: list[dict] = []
    for period in recent_periods(now, config.reporting, config.organisation.timezone):
        reports = store.reports(period)
        missing = []
        for village in config.villages:
            due = _village_deadline(deps, period, village)
            if village.key in reports:
                continue
            if due <= now:
                missing.append(village.name)
            for step, moment in _steps(deps, due):
                if not _fresh(moment, now, cfg.catch_up_hours):
                    continue
                text = _reminder_text(step, village.name, period, due, moment)
                items += [{"key": f"remind:{a['person_id']}:{period}:{step}", "channel": a["channel"],
                           "chat_id": a["user_id"], "kind": "remind", "period": period, "village": village.key,
                           "text": text, "payload": {"buttons": [[texts.REPORT_NOW_BUTTON, "r:start"]]}}
                          for a in members.get(village.key, [])]
        due = deadline(period, config.reporting, config.organisation.timezone)
        digest_at = out_of_quiet_hours(due, cfg.quiet_start, cfg.quiet_end)
        late = dt.timedelta(days=cfg.digest_catch_up_days)
        if digest_at <= now and now - digest_at <= late:
            items += [{"key": f"digest:{a['person_id']}:{period}", "channel": a["channel"], "chat_id": a["user_id"],
                       "kind": "digest", "period": period, "text": "", "payload": {"period": period}}
                      for a in leaders]
        escalate_at = out_of_quiet_hours(_at(due.date() + dt.timedelta(days=cfg.escalate_days), cfg.escalate_time, tz),
                                         cfg.quiet_start, cfg.quiet_end)
        if missing and escalate_at <= now and now - escalate_at <= late:
            text = texts.ESCALATE.format(period=label(period), n=len(missing), villages=", ".join(missing))
            items += [{"key": f"escalate:{a['person_id']}:{period}", "channel": a["channel"], "chat_id": a["user_id"],
                       "kind": "escalate", "period": period, "text": text} for a in leaders]
    items += _task_items(deps, now, members, names)
    items += tickets.escalations(deps, now)
    return items


def _task_items(deps: Deps, now: dt.datetime, members: dict, names: dict) -> list[dict]:
    from bot.handlers.member import configured_and_added_tasks

    tz = now.tzinfo
    cfg = deps.config.scheduler
    done = deps.store.done_tasks()
    items = []
    for task in configured_and_added_tasks(deps):
        due = _at(dt.date.fromisoformat(task["due"]), deps.config.reporting.deadline_time, tz)
        for village in task["villages"] or list(names):
            if (task["id"], village) in done:
                continue
            for step, moment in _steps(deps, due):
                if not _fresh(moment, now, cfg.catch_up_hours):
                    continue
                text = texts.REMIND_TASK.format(title=task["title"], village=names.get(village, village),
                                                due=due.strftime("%d/%m/%Y"), id=task["id"])
                items += [{"key": f"task:{task['id']}:{a['person_id']}:{step}", "channel": a["channel"],
                           "chat_id": a["user_id"], "kind": "task", "village": village, "text": text,
                           "payload": {"task": task["id"]}} for a in members.get(village, [])]
    return items
