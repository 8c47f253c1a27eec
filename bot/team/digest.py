"""Leaders' digest of one reporting period: collect → summary → render (text here; chart and workbook in
:mod:`bot.team.render`). Both a leader's /tonghop and the scheduler's digest come from here.

Usage::

    summary = period_summary(config, store, "2026-11")          # collect the confirmed reports and the roster
    summary_text(summary, config.organisation.name)             # str for a chat message
    digest_replies(config, summary, ("text", "chart", "excel"))   # messages, in bot.team.render
    build_summary(config, "2026-11", {"trung_ha": {"values": {"cccd": 12}, "reporter": "Lan",
                                                   "confirmed_at": aware_datetime}})   # pure, for tests

Targets: a village's target for an indicator is ``village.targets[key]`` if set, else ``indicator.target``;
the period target of an indicator is the sum over *all* villages shown that have one (reported or not),
so progress shows how far the whole commune is from its goal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.formatting import vn_number, vn_percent
from bot.storage import Store
from bot.team.cycles import cumulative, cycle_of, reporters
from bot.team.cycles import indicators as cycle_indicators
from bot.team.periods import label, shift
from bot.team.units import tree

NOT_REPORTED = "Chưa báo cáo"


@dataclass(frozen=True)
class VillageRow:
    key: str
    name: str
    values: dict[str, int] | None  # None = not reported
    reporter: str | None  # display name of who confirmed
    confirmed_at: dt.datetime | None  # aware datetime


@dataclass(frozen=True)
class IndicatorTotal:
    key: str
    label: str
    unit: str
    total: int  # sum over reporting villages
    target: float | None  # sum of the targets of all villages; None if no village has a target
    progress: float | None  # total / target; None if no target (or a target of 0)


@dataclass(frozen=True)
class Summary:
    period: str  # "2026-11"
    rows: list[VillageRow]  # in config order
    totals: list[IndicatorTotal]  # in config order
    reported: list[str]  # village names
    missing: list[str]  # village names
    locked: bool
    contacts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # missing village -> (name, phone)
    unlinked: list[str] = field(default_factory=list)  # village names whose nobody has joined in chat
    year_to_date: dict[str, int] = field(default_factory=dict)  # indicator -> sum since the year's first period
    made_at: dt.datetime | None = None  # when it was collected (the export date)
    cycle_name: str = ""  # another cycle than the default one: its name (shown with the period)
    cumulative: list = field(default_factory=list)  # bot.team.cycles.Cumulative: progress to cumulative targets
    noun: str = "thôn"  # what the rows are: «thôn», or «đơn vị» when communes or departments report


# --------------------------------------------------------------------------------------------------- summary
def build_summary(config: Config, period: str, reports: dict[str, dict], locked: bool = False,
                  villages: list[str] | None = None) -> Summary:
    """Combine the confirmed reports of one period with the configuration.

    ``reports``: village key -> ``{"values": {indicator key: int}, "reporter": str, "confirmed_at": datetime}``.
    Keys of villages or indicators not in the configuration are ignored; a value left out (an optional
    indicator skipped) counts as nothing in the total. ``villages`` limits the rows (a village leader's view).
    """
    label(period)
    shown = _shown_units(config, period, villages)
    rows: list[VillageRow] = []
    for village in shown:
        report = reports.get(village.key)
        values = report.get("values") if report else None
        if values is None:
            rows.append(VillageRow(village.key, village.name, None, None, None))
        else:
            rows.append(VillageRow(key=village.key, name=village.name,
                                   values={k: int(v) for k, v in values.items() if v is not None},
                                   reporter=report.get("reporter"), confirmed_at=report.get("confirmed_at")))
    totals: list[IndicatorTotal] = []
    for indicator in cycle_indicators(config, period):
        total = sum(row.values.get(indicator.key, 0) for row in rows if row.values is not None)
        village_targets = [village.targets.get(indicator.key, indicator.target) for village in shown]
        village_targets = [t for t in village_targets if t is not None]
        target = float(sum(village_targets)) if village_targets else None
        progress = total / target if target else None
        totals.append(IndicatorTotal(indicator.key, indicator.label, indicator.unit, total, target, progress))
    cycle = cycle_of(config, period)
    other = cycle is not None and bool(cycle.key)
    return Summary(period=period, rows=rows, totals=totals,
                   reported=[row.name for row in rows if row.values is not None],
                   missing=[row.name for row in rows if row.values is None], locked=locked,
                   cycle_name=cycle.name if other else "",
                   noun="thôn" if all(tree(config).kind(v.key) == "village" for v in shown) else "đơn vị")


@dataclass(frozen=True)
class _Shown:
    key: str
    name: str
    targets: dict


def _shown_units(config: Config, period: str, villages: list[str] | None) -> list:
    """The rows of a period's summary: the villages (default cycle), or the units reporting in its cycle, within
    ``villages`` (a unit above the villages is shown when some of its villages are)."""
    cycle = cycle_of(config, period)
    if cycle is None or not cycle.key:
        return [v for v in config.villages if villages is None or v.key in villages]
    org, seen = tree(config), None if villages is None else set(villages)
    keys = [k for k in reporters(config, cycle)
            if seen is None or k in seen or (org.kind(k) != "village" and seen & set(org.villages_under(k)))]
    return [_Shown(k, org.name(k), {}) for k in keys]


def collect_reports(store: Store, period: str) -> dict[str, dict]:
    """village -> {"values", "reporter" (roster name), "confirmed_at"} for :func:`build_summary`."""
    reports = {}
    for village, report in store.reports(period).items():
        reporter = store.person(report["person_id"])["name"] if report["person_id"] else None
        reports[village] = {"values": report["values"], "reporter": reporter,
                            "confirmed_at": dt.datetime.fromisoformat(report["confirmed"])}
    return reports


def contacts(store: Store, village: str) -> list[tuple[str, str]]:
    """(name, phone) of the village's people to call, from the roster (leaders first)."""
    people = sorted(store.people(village), key=lambda p: (p["role"] != "leader", p["id"]))
    return [(p["name"], p["phone"] or "") for p in people]


def year_to_date(config: Config, store: Store, period: str, villages: list[str] | None = None) -> dict[str, int]:
    """indicator -> the sum of the shown villages' confirmed values from the year's first period to ``period``."""
    sums = {i.key: 0 for i in config.indicators}
    current = period
    while current[:4] == period[:4]:
        for village, report in store.reports(current).items():
            if villages is None or village in villages:
                for key, value in report["values"].items():
                    if key in sums and value is not None:
                        sums[key] += int(value)
        current = shift(current, -1)
    return sums


def period_summary(config: Config, store: Store, period: str, villages: list[str] | None = None,
                   now: dt.datetime | None = None) -> Summary:
    """Collect → summary, with the people to call for each missing village, villages nobody has joined and the
    year-to-date sums."""
    summary = build_summary(config, period, collect_reports(store, period), locked=store.locked(period),
                            villages=villages)
    cycle = cycle_of(config, period)
    if cycle is not None and cycle.key:  # another cycle: progress towards its cumulative targets instead
        summary.cumulative.extend(cumulative(config, store, cycle, now or dt.datetime.now(dt.UTC), upto=period,
                                             units=[row.key for row in summary.rows]))
    else:
        summary.year_to_date.update(year_to_date(config, store, period, villages))
    summary = replace(summary, made_at=now)
    linked = {a["village"] or a.get("unit") for a in store.accounts()}
    summary.contacts.update({row.name: contacts(store, row.key) for row in summary.rows if row.values is None})
    summary.unlinked.extend(row.name for row in summary.rows if row.key not in linked)
    return summary


# ------------------------------------------------------------------------------------------------ formatting
def local_time(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Naive datetimes are taken as UTC (how SQLite stores them); the API asks for aware ones."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz)


def _with_unit(number: str, unit: str) -> str:
    return f"{number} {unit}" if unit else number


def call_list(summary: Summary) -> str:
    """«Cần liên hệ: Thôn X — Đặng Thị Hoa 0912…» lines for the missing villages, and villages nobody joined."""
    lines = []
    for village, people in summary.contacts.items():
        if people:
            lines.append(texts.DIGEST_CALL.format(village=village, people=", ".join(
                f"{name} {phone}".strip() for name, phone in people[:3])))
    if summary.unlinked:
        lines.append(texts.DIGEST_UNLINKED.format(villages=", ".join(summary.unlinked)))
    return "\n".join(lines)


def summary_text(summary: Summary, organisation_name: str) -> str:
    """A short digest that fits a phone screen, e.g.::

        Tổng hợp số liệu tháng 11/2026 — Tổ công tác 06 xã An Dũng
        Đã báo cáo: 3/4 thôn
        Chưa báo cáo: Thôn Tân Tiến
        • Hồ sơ định danh điện tử mức 2 đã thu nhận: 120 hồ sơ (đạt 75% chỉ tiêu 160)
        Cần liên hệ: Thôn Tân Tiến — Bùi Văn Sơn 0912000541
    """
    named = f" ({summary.cycle_name})" if summary.cycle_name else ""
    heading = f"Tổng hợp số liệu {label(summary.period)}{named} — {organisation_name}"
    if summary.locked:
        heading += " (đã khóa số liệu)"
    lines = [heading, f"Đã báo cáo: {len(summary.reported)}/{len(summary.rows)} {summary.noun}"]
    if summary.missing:
        lines.append("Chưa báo cáo: " + ", ".join(summary.missing))
    else:
        lines.append(f"Tất cả các {summary.noun} đã báo cáo.")
    for item in summary.totals:
        line = f"• {item.label}: {_with_unit(vn_number(item.total), item.unit)}"
        if item.progress is not None and item.target is not None:
            line += f" (đạt {vn_percent(item.progress)} chỉ tiêu {vn_number(item.target)})"
        lines.append(line)
    lines.extend(cumulative_line(item, summary.made_at) for item in summary.cumulative)
    if calls := call_list(summary):
        lines.append(calls)
    return "\n".join(lines)


def cumulative_line(item, made_at: dt.datetime | None = None) -> str:
    """«Lũy kế Tài khoản định danh điện tử mức 2: đạt 12.345/700.000 tài khoản (1,8%), còn 14 ngày (đến
    30/6/2023)»."""
    left = ""
    if item.by is not None and item.days_left is not None:
        by = f"{item.by.day}/{item.by.month}/{item.by.year}"
        left = (texts.CYCLE_DAYS_LEFT.format(days=item.days_left, by=by) if item.days_left > 0
                else texts.CYCLE_DUE_TODAY.format(by=by) if item.days_left == 0 else texts.CYCLE_OVER.format(by=by))
    return texts.CYCLE_CUMULATIVE.format(label=item.label, total=vn_number(item.total), target=vn_number(item.target),
                                         unit=f" {item.unit}" if item.unit else "",
                                         percent=vn_percent(item.total / item.target if item.target else 0),
                                         left=left)
