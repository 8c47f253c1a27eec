"""Reporting periods ("2026-11" = the figures of November 2026) and their deadlines.

Usage::

    period = reporting_period(now, reporting)        # the period a member reports for at ``now``
    deadline(period, reporting, tz)                 # aware datetime of that period's deadline
    parse_period("thang 11/2026", now)              # -> "2026-11"

A month's figures are due on ``reporting.deadline_day`` of the next month (seed 000: the 8th), so until that
deadline has passed a member reports for the previous month.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.config import Reporting
from nlu.normalize import fold

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def month_shift(period: str, months: int) -> str:
    year, month = (int(x) for x in period.split("-"))
    index = year * 12 + (month - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def previous_period(period: str) -> str:
    return month_shift(period, -1)


def deadline(period: str, reporting: Reporting, tz: str) -> dt.datetime:
    """When the figures of ``period`` are due."""
    year, month = (int(x) for x in month_shift(period, 1).split("-"))
    hour, minute = (int(x) for x in reporting.deadline_time.split(":"))
    return dt.datetime(year, month, reporting.deadline_day, hour, minute, tzinfo=ZoneInfo(tz))


def reporting_period(now: dt.datetime, reporting: Reporting, tz: str) -> str:
    """The period whose deadline is the next one at ``now`` (the previous month until its deadline passes)."""
    last_month = month_shift(f"{now.year:04d}-{now.month:02d}", -1)
    return last_month if now <= deadline(last_month, reporting, tz) else f"{now.year:04d}-{now.month:02d}"


def label(period: str) -> str:
    """"2026-11" -> "tháng 11/2026"; ValueError for anything that is not a period."""
    match = _PERIOD.match(period or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"period must look like 2026-11, not {period!r}")
    return f"tháng {int(match.group(2))}/{match.group(1)}"


def parse_period(text: str, now: dt.datetime) -> str | None:
    """Read a period typed by a leader: "11/2026", "2026-11", "thang 11", "t11", "11"; None if unreadable."""
    folded = fold(text).strip()
    if _PERIOD.match(folded):
        return folded if 1 <= int(folded[5:]) <= 12 else None
    match = re.fullmatch(r"(?:thang|t)?\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?", folded)
    if not match or not 1 <= int(match.group(1)) <= 12:
        return None
    month = int(match.group(1))
    year = int(match.group(2)) if match.group(2) else (now.year if month <= now.month else now.year - 1)
    return f"{year:04d}-{month:02d}"
