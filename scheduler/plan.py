"""What proactive messages are due at a moment: reminders, escalations, digests, task reminders.

Usage::

    items = plan(deps, now)          # outbox items (dicts) due at ``now``; enqueue them with store.enqueue

A pure function of the configuration, the database and ``now``; every item has a unique key such as
``remind:<person>:<period>:<step>``, so running the same pass twice, or after a crash, queues nothing twice.

Rules:
- Figures of period P are due at its deadline (``bot.team.periods``: monthly on ``reporting.deadline_day`` of the next
  month, or the village's own day; weekly on ``reporting.weekday``) at ``reporting.deadline_time``. Members of
  villages that have not reported P are reminded at each ``scheduler.reminders`` step (days relative to the
  deadline's date, at a local time).
- Nothing is sent during quiet hours (``quiet_start``–``quiet_end``, default 21:00–07:00): a moment inside them
  moves to the end of the quiet hours, and a pass inside them (catching up after downtime, or a manual ``tick``)
  plans nothing: what is due waits for 07:00.
- Only periods that are *owed* count: a period due before the reporting start (``reporting.start``, else the
  first run, stored) gets no reminder, digest or escalation. A locked period gets no more reminders or escalation.
- After downtime a pass catches up: reminders whose moment passed less than ``catch_up_hours`` ago are still sent,
  older ones are dropped (a stale "3 days left" helps nobody); escalations and digests are still sent up to
  ``digest_catch_up_days`` (default 14) late.
- The day before the deadline (at ``escalate_time``) commune leaders get a heads-up naming the villages still
  missing; ``escalate_days`` after the deadline the list of overdue villages with the people to call and a
  «Nhắc lại» button; at the deadline the digest (text, chart, Excel), rendered when it is sent so it holds the
  latest figures.
- Dated tasks: villages that have not marked a task done are reminded at the same steps relative to its due date.
- A plan's tasks (``bot.team.plan_tasks``): the leaders of each lead unit that has not marked it done are reminded
  at the same steps relative to its due date (each month's occurrence of a monthly task); «thường xuyên» tasks
  get no reminder.
- Citizens' tickets («Hỏi cán bộ») unanswered after ``handoff.escalate_hours`` office hours go to the leaders
  (``bot.tickets.escalations``), only during office hours.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot import texts, tickets
from bot.deps import Deps
from bot.team.cycles import indicators, owed_in, period_label, reporters, running
from bot.team.digest import call_list, period_summary
from bot.team.periods import label, recent_periods
from bot.team.plan_tasks import occurrences
from bot.team.reports import address, due_at, example_line, reporting_start
from bot.team.roles import Scope
from bot.team.tasks import all_tasks
from bot.team.units import tree
from bot.team.upward import province_summary, upward_due


def _at(day: dt.date, hhmm: str, tz: ZoneInfo) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def _clock(hhmm: str) -> dt.time:
    return dt.time(*(int(x) for x in hhmm.split(":")))


def in_quiet_hours(moment: dt.datetime, start: str, end: str) -> bool:
    """Whether a local moment falls inside the quiet hours (which may span midnight)."""
    local, begin, finish = moment.timetz().replace(tzinfo=None), _clock(start), _clock(end)
    return local >= begin or local < finish if begin > finish else begin <= local < finish


def out_of_quiet_hours(moment: dt.datetime, start: str, end: str) -> dt.datetime:
    """Move a moment inside the quiet hours to their end (07:00 the same or the next morning)."""
    if not in_quiet_hours(moment, start, end):
        return moment
    local = moment.timetz().replace(tzinfo=None)
    day = moment.date() + dt.timedelta(days=1) if local >= _clock(start) else moment.date()
    return _at(day, end, moment.tzinfo)


def _steps(deps: Deps, due: dt.datetime) -> list[tuple[str, dt.datetime]]:
    cfg = deps.config.scheduler
    steps = []
    for step in cfg.reminders:
        moment = _at(due.date() + dt.timedelta(days=step.days), step.time, due.tzinfo)
        steps.append((f"d{step.days:+d}", out_of_quiet_hours(moment, cfg.quiet_start, cfg.quiet_end)))
    return steps


def _fresh(moment: dt.datetime, now: dt.datetime, catch_up_hours: float) -> bool:
    return moment <= now and now - moment <= dt.timedelta(hours=catch_up_hours)


def _reminder_text(deps: Deps, village: str, period: str, due: dt.datetime, now: dt.datetime) -> str:
    when, shown = due.strftime("%H:%M %d/%m/%Y"), period_label(deps.config, period)
    if due.date() > now.date():
        days = (due.date() - now.date()).days
        return texts.REMIND_BEFORE.format(village=village, period=shown, deadline=when, days=days,
                                          example=example_line(deps.config, indicators(deps.config, period)))
    if due.date() == now.date():
        return texts.REMIND_TODAY.format(village=village, period=shown, time=due.strftime("%H:%M"))
    return texts.REMIND_LATE.format(village=village, period=shown, deadline=when, **address(deps.config))


def _to(accounts: list[dict], key: str, kind: str, **item) -> list[dict]:
    """One outbox item per account; ``key`` may hold {person}."""
    return [{"key": key.format(person=a["person_id"]), "channel": a["channel"], "chat_id": a["user_id"],
             "kind": kind, **item} for a in accounts]


def _within(moment: dt.datetime, now: dt.datetime, days: int) -> bool:
    return moment <= now and now - moment <= dt.timedelta(days=days)


def plan(deps: Deps, now: dt.datetime, remember_start: bool = True) -> list[dict]:
    """Outbox items due at ``now`` (see the module docstring for the rules)."""
    config, store = deps.config, deps.store
    tz = ZoneInfo(config.organisation.timezone)
    now = now.astimezone(tz)
    cfg = config.scheduler
    if in_quiet_hours(now, cfg.quiet_start, cfg.quiet_end):
        return []
    start = reporting_start(config, store, now, remember=remember_start)
    accounts = store.accounts()
    members: dict[str, list[dict]] = {}
    for account in accounts:
        members.setdefault(account["village"], []).append(account)
    leaders: dict[str | None, list[dict]] = {}  # a leader's unit (None: the root) -> accounts; each gets their part
    for account in accounts:
        if account["village"]:
            continue  # village people: members, or a village's leader
        scope = Scope.of(account, config)
        if scope.commune_leader:
            leaders.setdefault(None if scope.top else scope.unit, []).append(account)
    items: list[dict] = []
    steps: dict[dt.datetime, list] = {}  # villages share deadlines: a province has thousands of villages
    for period in recent_periods(now, config.reporting, config.organisation.timezone):
        locked = store.locked(period)
        reports = store.reports(period)
        dues: dict[int | None, dt.datetime] = {}
        for village in config.villages:
            if village.deadline_day not in dues:
                dues[village.deadline_day] = due_at(config, period, village.key)
            due = dues[village.deadline_day]
            if village.key in reports or locked or due < start:
                continue
            items += _reminders(deps, now, period, village.key, village.name, due, members, steps)
        due = due_at(config, period, None)
        province = tree(config).root.kind == "province"
        if due >= start:
            for unit, group in leaders.items():
                if (unit is None and province) or (unit is not None and not tree(config).villages_under(unit)):
                    continue  # the province hears about communes and departments; a department has no villages
                items += _leader_items(deps, period, due, now, group, locked, unit)
        if province and upward_due(config, period) >= start and not locked:
            items += _upward_items(deps, period, now, leaders)
    for cycle in config.cycles:
        items += _cycle_items(deps, cycle, now, start, accounts, leaders, steps)
    items += _task_items(deps, now, members)
    items += _plan_task_items(deps, now, accounts)
    items += tickets.escalations(deps, now)
    return items


def _reminders(deps: Deps, now: dt.datetime, period: str, unit: str, name: str, due: dt.datetime,
               members: dict[str, list[dict]], steps: dict) -> list[dict]:
    """The reminders due at ``now`` to the members of one unit that has not reported ``period``."""
    if due not in steps:
        steps[due] = _steps(deps, due)
    items = []
    for step, moment in steps[due]:
        if _fresh(moment, now, deps.config.scheduler.catch_up_hours):
            items += _to(members.get(unit, []), f"remind:{{person}}:{period}:{step}", "remind",
                         period=period, village=unit, text=_reminder_text(deps, name, period, due, moment),
                         payload={"buttons": [[texts.REPORT_NOW_BUTTON, f"r:start:{period}"]]})
    return items


def _cycle_items(deps: Deps, cycle, now: dt.datetime, start: dt.datetime, accounts: list[dict],
                 leaders: dict[str | None, list[dict]], steps: dict) -> list[dict]:
    """Another cycle (``cycles``): reminders to its units' people, the digest, heads-up and escalation to the
    leaders whose part holds some of its units; nothing for periods not owed (before its start, after its end)."""
    config = deps.config
    if not running(cycle, now):
        return []
    org = tree(config)
    units = reporters(config, cycle)
    people: dict[str, list[dict]] = {}  # a village's members, or a commune's (department's) own people
    for account in accounts:
        people.setdefault(account["village"] or account["unit"] or org.root.key, []).append(account)
    items: list[dict] = []
    for period in recent_periods(now, cycle, config.organisation.timezone):
        due = due_at(config, period, None)
        if not owed_in(cycle, period, due, start):
            continue
        locked, reports = deps.store.locked(period), deps.store.reports(period)
        if not locked:
            for unit in units:
                if unit not in reports:
                    items += _reminders(deps, now, period, unit, org.name(unit), due, people, steps)
        for unit, group in leaders.items():
            inside = [u for u in units if org.contains(unit, u)]
            if not inside or inside == [unit]:  # nothing of the cycle in their part, or they report in it
                continue
            items += _leader_items(deps, period, due, now, group, locked, unit)
    return items


def _leader_items(deps: Deps, period: str, due: dt.datetime, now: dt.datetime, leaders: list[dict],
                  locked: bool, unit: str | None = None) -> list[dict]:
    """The heads-up the day before, the digest at the deadline, the escalation after it, for the leaders of
    ``unit`` (None: the root), about the villages of its subtree."""
    cfg, tz = deps.config.scheduler, now.tzinfo
    late = cfg.digest_catch_up_days
    villages = None if unit is None else tree(deps.config).villages_under(unit)
    items = []
    if _within(out_of_quiet_hours(due, cfg.quiet_start, cfg.quiet_end), now, late):
        items += _to(leaders, f"digest:{{person}}:{period}", "digest", period=period, text="",
                     payload={"period": period, **({"unit": unit} if unit else {})})
    if locked:
        return items
    summary = None
    heads_up = _at(due.date() - dt.timedelta(days=1), cfg.escalate_time, tz)
    if heads_up <= now < due and now.date() == heads_up.date():
        summary = period_summary(deps.config, deps.store, period, villages)
        if summary.missing:
            text = texts.HEADS_UP.format(period=period_label(deps.config, period),
                                         deadline=due.strftime("%H:%M %d/%m/%Y"),
                                         n=len(summary.missing), villages=", ".join(summary.missing))
            if calls := call_list(summary):
                text += "\n" + calls
            items += _to(leaders, f"headsup:{{person}}:{period}", "headsup", period=period, text=text)
    escalate_at = out_of_quiet_hours(_at(due.date() + dt.timedelta(days=cfg.escalate_days), cfg.escalate_time, tz),
                                     cfg.quiet_start, cfg.quiet_end)
    if _within(escalate_at, now, late):
        summary = summary or period_summary(deps.config, deps.store, period, villages)
        if summary.missing:
            text = texts.ESCALATE.format(period=period_label(deps.config, period), n=len(summary.missing),
                                         villages=", ".join(summary.missing))
            if calls := call_list(summary):
                text += "\n" + calls
            items += _to(leaders, f"escalate:{{person}}:{period}", "escalate", period=period, text=text,
                         payload={"buttons": [[texts.BUTTON_NUDGE, f"n:{period}"]]})
    return items


def _upward_items(deps: Deps, period: str, now: dt.datetime, leaders: dict[str | None, list[dict]]) -> list[dict]:
    """A province: reminders to the communes and departments that have not sent their report up, the escalation
    to the province after the upward deadline (with the people to call), the province digest at it."""
    config, cfg, tz = deps.config, deps.config.scheduler, now.tzinfo
    due = upward_due(config, period)
    sent = deps.store.upward(period)
    org = tree(config)
    items = []
    when = due.strftime("%H:%M %d/%m/%Y")
    for unit in org.reporting_units():
        if unit in sent or unit not in leaders:
            continue
        for step, moment in _steps(deps, due):
            if _fresh(moment, now, cfg.catch_up_hours):
                items += _to(leaders[unit], f"upward:{{person}}:{period}:{step}", "upward", period=period,
                             village=unit, text=texts.UPWARD_REMIND.format(unit=org.name(unit), period=label(period),
                                                                          deadline=when),
                             payload={"buttons": [[texts.UPWARD_DRAFT_BUTTON, f"u:draft:{period}"]]})
    top = leaders.get(None, [])
    late = cfg.digest_catch_up_days
    if _within(out_of_quiet_hours(due, cfg.quiet_start, cfg.quiet_end), now, late):
        items += _to(top, f"pdigest:{{person}}:{period}", "pdigest", period=period, text="",
                     payload={"period": period})
    escalate_at = out_of_quiet_hours(_at(due.date() + dt.timedelta(days=cfg.escalate_days), cfg.escalate_time, tz),
                                     cfg.quiet_start, cfg.quiet_end)
    if top and _within(escalate_at, now, late):
        summary = province_summary(config, deps.store, period)
        if summary.missing:
            text = texts.UPWARD_ESCALATE.format(period=label(period), n=len(summary.missing),
                                                units=", ".join(summary.missing))
            calls = [texts.DIGEST_CALL.format(village=unit, people=", ".join(f"{n} {p}".strip() for n, p in people[:2]))
                     for unit, people in summary.contacts.items() if people]
            text += "".join("\n" + line for line in calls[:30])
            items += _to(top, f"escalate_up:{{person}}:{period}", "escalate_up", period=period, text=text)
    return items


def _task_items(deps: Deps, now: dt.datetime, members: dict) -> list[dict]:
    tz = now.tzinfo
    cfg = deps.config.scheduler
    names = {v.key: v.name for v in deps.config.villages}
    done = deps.store.done_tasks()
    items = []
    for task in all_tasks(deps.config, deps.store):
        due = _at(dt.date.fromisoformat(task["due"]), deps.config.reporting.deadline_time, tz)
        for village in task["villages"] or list(names):
            if (task["id"], village) in done:
                continue
            for step, moment in _steps(deps, due):
                if not _fresh(moment, now, cfg.catch_up_hours):
                    continue
                text = texts.REMIND_TASK.format(title=task["title"], village=names.get(village, village),
                                                due=due.strftime("%d/%m/%Y"), id=task["id"])
                items += _to(members.get(village, []), f"task:{task['id']}:{{person}}:{step}", "task",
                             village=village, text=text, payload={"task": task["id"]})
    return items


def _plan_task_items(deps: Deps, now: dt.datetime, accounts: list[dict]) -> list[dict]:
    """Reminders of a plan's tasks to the leaders (and deputies) of each lead unit that has not marked it done."""
    tasks = deps.store.plan_tasks()
    if not tasks:
        return []
    config, cfg = deps.config, deps.config.scheduler
    leads: dict[str, list[dict]] = {}  # unit -> the accounts of its leaders
    for account in accounts:
        scope = Scope.of(account, config)
        if scope.commune_leader or scope.village_leader:
            leads.setdefault(scope.unit, []).append(account)
    days = [step.days for step in cfg.reminders] or [0]
    earliest, latest = now - dt.timedelta(days=max(days) + 1), now + dt.timedelta(days=1 - min(days))
    done = deps.store.plan_done()
    org = tree(config)
    items = []
    for task in tasks:
        for occurrence, due in occurrences(config, task, now):
            if not earliest <= due <= latest:
                continue
            for unit in task["lead"]:
                if unit not in leads or (task["code"], unit, occurrence) in done:
                    continue
                for step, moment in _steps(deps, due):
                    if not _fresh(moment, now, cfg.catch_up_hours):
                        continue
                    items += _to(leads[unit], f"ptask:{task['code']}:{unit}:{occurrence or '-'}:{{person}}:{step}",
                                 "ptask", village=unit, text=_plan_task_text(deps, task, org.name(unit), due, moment),
                                 payload={"task": task["code"], "unit": unit, "occurrence": occurrence,
                                          "buttons": [[texts.PTASK_DONE_BUTTON.format(code=task["code"]),
                                                       f"w:d:{task['code']}:{occurrence}"]]})
    return items


def _plan_task_text(deps: Deps, task: dict, unit: str, due: dt.datetime, moment: dt.datetime) -> str:
    values = {"code": task["code"], "title": task["title"], "unit": unit, "due": due.strftime("%H:%M %d/%m/%Y"),
              "product": texts.TASK_PRODUCT.format(product=task["product"]) if task["product"] else "",
              **address(deps.config)}
    if due.date() > moment.date():
        return texts.REMIND_PTASK_BEFORE.format(days=(due.date() - moment.date()).days, **values)
    if due.date() == moment.date():
        return texts.REMIND_PTASK_TODAY.format(**values)
    return texts.REMIND_PTASK_LATE.format(**values)
