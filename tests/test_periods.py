"""Reporting periods: months and ISO weeks, deadlines, the current period, parsing what leaders type."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.config import Reporting
from bot.team.periods import deadline, label, parse_period, previous_period, recent_periods, reporting_period, shift

TZ = "Asia/Ho_Chi_Minh"
MONTHLY = Reporting()
WEEKLY = Reporting(cycle="weekly", weekday=4, deadline_time="09:00")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(TZ))


def test_monthly_deadline_and_current_period():
    assert deadline("2026-11", MONTHLY, TZ) == at(2026, 12, 8, 17, 0)
    assert deadline("2026-12", MONTHLY, TZ) == at(2027, 1, 8, 17, 0)
    assert reporting_period(at(2026, 12, 8, 17, 0), MONTHLY, TZ) == "2026-11"
    assert reporting_period(at(2026, 12, 8, 17, 1), MONTHLY, TZ) == "2026-12"
    assert reporting_period(at(2027, 1, 3), MONTHLY, TZ) == "2026-12"


def test_weekly_deadline_is_friday_nine_of_that_week():
    assert deadline("2026-W49", WEEKLY, TZ) == at(2026, 12, 4, 9, 0)
    assert reporting_period(at(2026, 12, 4, 8, 59), WEEKLY, TZ) == "2026-W49"
    assert reporting_period(at(2026, 12, 4, 9, 1), WEEKLY, TZ) == "2026-W50"
    assert reporting_period(at(2026, 12, 28), WEEKLY, TZ) == "2026-W53"


@pytest.mark.parametrize("period, steps, expected", [
    ("2026-11", -1, "2026-10"), ("2026-01", -1, "2025-12"), ("2026-12", 1, "2027-01"),
    ("2026-W49", -1, "2026-W48"), ("2026-W53", 1, "2027-W01"), ("2027-W01", -1, "2026-W53"),
])
def test_shift(period, steps, expected):
    assert shift(period, steps) == expected
    if steps == -1:
        assert previous_period(period) == expected


def test_recent_periods():
    assert recent_periods(at(2026, 12, 3), MONTHLY, TZ) == ["2026-10", "2026-11", "2026-12"]
    assert recent_periods(at(2026, 12, 3), WEEKLY, TZ) == ["2026-W46", "2026-W47", "2026-W48", "2026-W49", "2026-W50"]


@pytest.mark.parametrize("period, text", [("2026-11", "tháng 11/2026"), ("2026-03", "tháng 3/2026"),
                                          ("2026-W49", "tuần 49/2026")])
def test_label(period, text):
    assert label(period) == text


@pytest.mark.parametrize("bad", ["2026-13", "2026", "11/2026", "2026-W54", ""])
def test_label_refuses_non_periods(bad):
    with pytest.raises(ValueError):
        label(bad)


@pytest.mark.parametrize("text, expected", [
    ("11/2026", "2026-11"), ("2026-11", "2026-11"), ("tháng 11", "2026-11"), ("t11", "2026-11"), ("12", "2025-12"),
    ("tuần 49", "2026-W49"), ("tuan 49/2026", "2026-W49"), ("2026-W49", "2026-W49"), ("w5", "2026-W05"),
    ("tháng 13", None), ("tuần 60", None), ("hôm qua", None),
])
def test_parse_period(text, expected):
    assert parse_period(text, at(2026, 11, 23)) == expected
