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
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.formatting import vn_number, vn_percent
from bot.storage import Store
from bot.team.periods import label

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


# --------------------------------------------------------------------------------------------------- summary
def build_summary(config: Config, period: str, reports: dict[str, dict], locked: bool = False,
                  villages: list[str] | None = None) -> Summary:
    """Combine the confirmed reports of one period with the configuration.

    ``reports``: village key -> ``{"values": {indicator key: int}, "reporter": str, "confirmed_at": datetime}``.
    Keys of villages or indicators not in the configuration are ignored; a value left out (an optional
    indicator skipped) counts as nothing in the total. ``villages`` limits the rows (a village leader's view).
    """
    label(period)
    shown = [v for v in config.villages if villages is None or v.key in villages]
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
    for indicator in config.indicators:
        total = sum(row.values.get(indicator.key, 0) for row in rows if row.values is not None)
        village_targets = [village.targets.get(indicator.key, indicator.target) for village in shown]
        village_targets = [t for t in village_targets if t is not None]
        target = float(sum(village_targets)) if village_targets else None
        progress = total / target if target else None
        totals.append(IndicatorTotal(indicator.key, indicator.label, indicator.unit, total, target, progress))
    return Summary(period=period, rows=rows, totals=totals,
                   reported=[row.name for row in rows if row.values is not None],
                   missing=[row.name for row in rows if row.values is None], locked=locked)


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


def period_summary(config: Config, store: Store, period: str, villages: list[str] | None = None) -> Summary:
    """Collect → summary, with the people to call for each missing village and villages nobody has joined."""
    summary = build_summary(config, period, collect_reports(store, period), locked=store.locked(period),
                            villages=villages)
    linked = {a["village"] for a in store.accounts()}
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
    heading = f"Tổng hợp số liệu {label(summary.period)} — {organisation_name}"
    if summary.locked:
        heading += " (đã khóa số liệu)"
    lines = [heading, f"Đã báo cáo: {len(summary.reported)}/{len(summary.rows)} thôn"]
    if summary.missing:
        lines.append("Chưa báo cáo: " + ", ".join(summary.missing))
    else:
        lines.append("Tất cả các thôn đã báo cáo.")
    for item in summary.totals:
        line = f"• {item.label}: {_with_unit(vn_number(item.total), item.unit)}"
        if item.progress is not None and item.target is not None:
            line += f" (đạt {vn_percent(item.progress)} chỉ tiêu {vn_number(item.target)})"
        lines.append(line)
    if calls := call_list(summary):
        lines.append(calls)
    return "\n".join(lines)
