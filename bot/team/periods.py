"""Reporting periods and their deadlines: months ("2026-11") or ISO weeks ("2026-W49"), per ``reporting.cycle``.

Usage::

    period = reporting_period(now, reporting, tz)   # the period a member reports for at ``now``
    deadline(period, reporting, tz)                 # aware datetime of that period's deadline
    recent_periods(now, reporting, tz)              # the periods a scheduler pass looks at
    parse_period("thang 11/2026", now)              # -> "2026-11";  "tuan 49" -> "2026-W49"; "thang truoc"
    label("2026-11"), label("2026-W49")             # "tháng 11/2026", "tuần 49/2026"
    split("chien_dich:2023-W21")                    # ("chien_dich", "2023-W21"): another cycle's period

- monthly (seed 000): a month's figures are due on ``reporting.deadline_day`` of the next month, so until that
  deadline has passed a member reports for the previous month;
- weekly (seed 003's campaigns: «trước 9h00 thứ Sáu hàng tuần»): a week's figures are due on
  ``reporting.weekday`` of that week at ``reporting.deadline_time``; after it, members report for the next week;
- once (a cycle of ``cycles``): its one period is the day it is due ("2023-06-30").

Periods of the cycles in ``cycles`` carry the cycle's key ("chien_dich:2023-W21", see ``bot.team.cycles``); those
of the default cycle (``reporting``) have none, as before.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.config import Reporting
from nlu.cues import WORDS
from nlu.normalize import fold

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def split(period: str) -> tuple[str, str]:
    """("chien_dich", "2023-W21") for a period of another cycle ("chien_dich:2023-W21"); ("", period) for the
    default cycle's (stored as before, with no prefix)."""
    key, sep, bare = (period or "").rpartition(":")
    return (key, bare) if sep else ("", period or "")


def _check(period: str) -> re.Match:
    period = split(period)[1]
    if _DAY.match(period):  # a cycle reported once: the day it is due
        try:
            dt.date.fromisoformat(period)
            return _DAY.match(period)
        except ValueError:
            pass
    match = _MONTH.match(period or "") or _WEEK.match(period or "")
    valid = bool(match) and 2000 <= int(match.group(1)) <= 2100
    if valid and "W" in period:
        try:
            dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:  # week 53 of a year that has only 52
            valid = False
    elif valid:
        valid = 1 <= int(match.group(2)) <= 12
    if not valid:
        raise ValueError(f"period must look like 2026-11 or 2026-W49, not {period!r}")
    return match


def _monday(period: str) -> dt.date:
    year, week = (int(x) for x in _check(period).groups())
    return dt.date.fromisocalendar(year, week, 1)


def _week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift(period: str, steps: int) -> str:
    """The period ``steps`` months or weeks later (earlier when negative), in the same cycle; a period due once
    moves by days."""
    key, bare = split(period)
    prefix = f"{key}:" if key else ""
    if _DAY.match(bare):
        return prefix + (dt.date.fromisoformat(bare) + dt.timedelta(days=steps)).isoformat()
    if "W" in bare:
        return prefix + _week_of(_monday(bare) + dt.timedelta(weeks=steps))
    year, month = (int(x) for x in _check(bare).groups())
    index = year * 12 + (month - 1) + steps
    return f"{prefix}{index // 12:04d}-{index % 12 + 1:02d}"


def first_day(period: str) -> dt.date:
    """The first day a period covers: a month's 1st, a week's Monday, the day of a report due once."""
    bare = split(period)[1]
    if _DAY.match(bare):
        return dt.date.fromisoformat(bare)
    if "W" in bare:
        return _monday(bare)
    year, month = (int(x) for x in _check(bare).groups())
    return dt.date(year, month, 1)


def previous_period(period: str) -> str:
    return shift(period, -1)


def _time(reporting: Reporting) -> tuple[int, int]:
    hour, minute = (int(x) for x in reporting.deadline_time.split(":"))
    return hour, minute


def deadline(period: str, reporting: Reporting, tz: str) -> dt.datetime:
    """When the figures of ``period`` are due."""
    hour, minute = _time(reporting)
    period = split(period)[1]
    if _DAY.match(period):
        day = dt.date.fromisoformat(period)
    elif "W" in period:
        day = _monday(period) + dt.timedelta(days=reporting.weekday)
    else:
        year, month = (int(x) for x in shift(period, 1).split("-"))
        day = dt.date(year, month, reporting.deadline_day)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz))


def _keyed(period: str, reporting: Reporting) -> str:
    """A period of ``reporting``'s cycle: prefixed with the cycle's key unless it is the default cycle."""
    key = getattr(reporting, "key", "")
    return f"{key}:{period}" if key else period


def _current(now: dt.datetime, reporting: Reporting) -> str:
    if reporting.cycle == "once":
        return reporting.due.isoformat()
    return _week_of(now.date()) if reporting.cycle == "weekly" else f"{now.year:04d}-{now.month:02d}"


def reporting_period(now: dt.datetime, reporting: Reporting, tz: str) -> str:
    """The period whose deadline is the next one at ``now`` (a cycle due once: its one period)."""
    current = _current(now, reporting)
    if reporting.cycle == "once":
        return _keyed(current, reporting)
    if reporting.cycle == "weekly":
        return _keyed(current if now <= deadline(current, reporting, tz) else shift(current, 1), reporting)
    last_month = shift(current, -1)
    return _keyed(last_month if now <= deadline(last_month, reporting, tz) else current, reporting)


def recent_periods(now: dt.datetime, reporting: Reporting, tz: str) -> list[str]:
    """Oldest first: the periods whose reminders, escalation or digest may be due around ``now``."""
    current = _current(now, reporting)
    if reporting.cycle == "once":
        return [_keyed(current, reporting)]
    back, ahead = (3, 1) if reporting.cycle == "weekly" else (2, 0)
    return [_keyed(shift(current, n), reporting) for n in range(-back, ahead + 1)]


def label(period: str) -> str:
    """"2026-11" -> "tháng 11/2026", "2026-W49" -> "tuần 49/2026", "2023-06-30" (due once) -> "kỳ báo cáo ngày
    30/6/2023"; the cycle's prefix is left out (see ``bot.team.cycles.period_label``); ValueError otherwise."""
    bare = split(period)[1]
    match = _check(bare)
    if _DAY.match(bare):
        year, month, day = (int(x) for x in match.groups())
        return f"kỳ báo cáo ngày {day}/{month}/{year}"
    year, number = match.groups()
    return f"{'tuần' if 'W' in bare else 'tháng'} {int(number)}/{year}"


def parse_period(text: str, now: dt.datetime) -> str | None:
    """Read a period typed by a member or leader: "11/2026", "2026-11", "thang 11", "t11", "11", "tuan 49",
    "2026-W49", "tháng trước", "tuần này"."""
    folded = " ".join(fold(text).split())
    if folded in WORDS.periods_relative:
        cycle, steps = WORDS.periods_relative[folded]
        return shift(_week_of(now.date()) if cycle == "weekly" else f"{now.year:04d}-{now.month:02d}", steps)
    if _MONTH.match(folded) or _WEEK.match(folded.upper()):
        candidate = folded.upper() if "w" in folded else folded
        try:
            _check(candidate)
        except ValueError:
            return None
        return candidate
    week = re.fullmatch(r"(?:tuan|w)\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?", folded)
    if week:
        year = int(week.group(2)) if week.group(2) else now.isocalendar()[0]
        try:
            return _week_of(dt.date.fromisocalendar(year, int(week.group(1)), 1))
        except ValueError:
            return None
    match = re.fullmatch(r"(?:thang|t)?\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?", folded)
    if not match or not 1 <= int(match.group(1)) <= 12:
        return None
    month = int(match.group(1))
    year = int(match.group(2)) if match.group(2) else (now.year if month <= now.month else now.year - 1)
    return f"{year:04d}-{month:02d}" if 2000 <= year <= 2100 else None
