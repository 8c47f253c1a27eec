"""Upward reports in a province: a commune's (or department's) report to the province, and the province digest.

Usage::

    draft = build_draft(config, store, "2026-11", "an_dung", own={"cccd": 3})  # villages' confirmed + own figures
    send_up(config, store, draft, person_id, now)          # «Gửi lên tỉnh»: stored, versioned, committed
    upward_due(config, "2026-11")                          # villages' deadline + reporting.upward_days
    summary = province_summary(config, store, "2026-11")   # who confirmed, who is missing (with whom to call),
    province_text(summary, config.organisation.name)       # totals against targets, a ranking

A commune's figures = the sum of its villages' confirmed reports + its own commune-level figures (what the commune
itself did, entered by its leader); a department has only its own figures. A unit's target for an indicator =
the sum of its villages' targets + its own ``targets`` in config.yaml. The province digest counts only what the
units confirmed; its ranking orders them by their mean progress over the indicators that have a target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot import texts
from bot.config import Config
from bot.formatting import vn_number, vn_percent
from bot.storage import Store
from bot.team.digest import IndicatorTotal
from bot.team.periods import label
from bot.team.reports import due_at
from bot.team.units import tree


@dataclass(frozen=True)
class Draft:
    period: str
    unit: str
    name: str
    villages: dict[str, int]  # the sum of the confirmed village reports
    own: dict[str, int]  # the unit's own figures
    reported: list[str]  # village names that confirmed
    missing: list[str]  # village names that did not
    sent: dict | None  # the report last sent up, if any

    @property
    def totals(self) -> dict[str, int]:
        keys = {*self.villages, *self.own}
        return {k: self.villages.get(k, 0) + self.own.get(k, 0) for k in sorted(keys)}


def upward_due(config: Config, period: str) -> dt.datetime:
    """When communes and departments owe the province their report of ``period``."""
    return due_at(config, period, None) + dt.timedelta(days=config.reporting.upward_days)


def build_draft(config: Config, store: Store, period: str, unit: str, own: dict[str, int] | None = None,
                reports: dict[str, dict] | None = None, sent: dict | None = None) -> Draft:
    """The unit's report to the province as it stands; ``own`` defaults to the figures last sent."""
    org = tree(config)
    reports = store.reports(period) if reports is None else reports
    sent = store.upward(period).get(unit) if sent is None else sent
    villages: dict[str, int] = {}
    reported, missing = [], []
    for key in org.villages_under(unit):
        report = reports.get(key)
        (reported if report else missing).append(org.name(key))
        for indicator, value in (report["values"] if report else {}).items():
            villages[indicator] = villages.get(indicator, 0) + int(value or 0)
    own = dict(sent["own"]) if own is None and sent else dict(own or {})
    return Draft(period, unit, org.name(unit), villages, own, reported, missing, sent or None)


def send_up(store: Store, draft: Draft, person_id: int, now: dt.datetime) -> int:
    """Store the draft as the unit's confirmed report to the province; return its version."""
    return store.save_upward(draft.period, draft.unit, draft.totals, draft.own, person_id, now.isoformat())


def draft_text(config: Config, draft: Draft, due: dt.datetime) -> str:
    """The draft a commune leader checks before «Gửi lên tỉnh»."""
    lines = [texts.UPWARD_DRAFT.format(unit=draft.name, period=label(draft.period),
                                       deadline=due.strftime("%H:%M %d/%m/%Y"))]
    n = len(draft.reported) + len(draft.missing)
    if n:
        lines.append(texts.UPWARD_VILLAGES.format(done=len(draft.reported), n=n))
        if draft.missing:
            lines.append(texts.UPWARD_VILLAGES_MISSING.format(villages=", ".join(draft.missing)))
    for indicator in config.indicators:
        village = draft.villages.get(indicator.key, 0)
        own = draft.own.get(indicator.key, 0)
        total = vn_number(village + own) + (f" {indicator.unit}" if indicator.unit else "")
        lines.append(texts.UPWARD_LINE.format(label=indicator.label, total=total, villages=vn_number(village),
                                              own=vn_number(own)) if n else
                     f"• {indicator.label}: {total}")
    if draft.sent:
        lines.append(texts.UPWARD_SENT_BEFORE.format(version=draft.sent["version"]))
    return "\n".join(lines)


# -- the province digest ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRow:
    key: str
    name: str
    kind: str  # commune | department
    values: dict[str, int] | None  # the confirmed report to the province; None: not sent
    sender: str | None
    confirmed_at: dt.datetime | None
    progress: float | None  # the mean progress over indicators with a target
    targets: dict[str, float]
    villages: list[tuple[str, dict[str, int] | None]] = field(default_factory=list)  # (name, confirmed values)
    own: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProvinceSummary:
    period: str
    rows: list[UnitRow]  # in config order
    totals: list[IndicatorTotal]
    confirmed: list[str]
    missing: list[str]
    ranking: list[UnitRow]  # confirmed units, best mean progress first
    contacts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # missing unit -> (name, phone)
    locked: bool = False


def _targets(config: Config) -> dict[str, dict[str, float]]:
    """unit key -> indicator -> target (villages: own or default; above: its villages' + its own)."""
    org = tree(config)
    own = {u.key: u.targets for u in config.units}
    village = {v.key: {i.key: v.targets.get(i.key, i.target) for i in config.indicators} for v in config.villages}
    result: dict[str, dict[str, float]] = {}
    for key in org.reporting_units():
        totals = {}
        for indicator in config.indicators:
            parts = [village[v][indicator.key] for v in org.villages_under(key)]
            parts.append(own.get(key, {}).get(indicator.key))
            parts = [p for p in parts if p is not None]
            if parts:
                totals[indicator.key] = float(sum(parts))
        result[key] = totals
    return result


def _mean_progress(values: dict[str, int], targets: dict[str, float]) -> float | None:
    shares = [values.get(k, 0) / t for k, t in targets.items() if t]
    return sum(shares) / len(shares) if shares else None


def province_summary(config: Config, store: Store, period: str, units: list[str] | None = None) -> ProvinceSummary:
    """Collect the units' confirmed reports to the province (three queries in all) into the province digest."""
    org = tree(config)
    targets = _targets(config)
    sent, reports = store.upward(period), store.reports(period)
    people = {p["id"]: p for p in store.people()}
    rows = []
    for key in units if units is not None else org.reporting_units():
        report = sent.get(key)
        values = report["values"] if report else None
        villages = [(org.name(v), (reports[v]["values"] if v in reports else None)) for v in org.villages_under(key)]
        rows.append(UnitRow(
            key, org.name(key), org.kind(key), values,
            people[report["person_id"]]["name"] if report and report["person_id"] in people else None,
            dt.datetime.fromisoformat(report["confirmed"]) if report else None,
            _mean_progress(values, targets[key]) if values is not None else None, targets[key], villages,
            report["own"] if report else {}))
    totals = []
    for indicator in config.indicators:
        total = sum((row.values or {}).get(indicator.key, 0) for row in rows)
        parts = [row.targets[indicator.key] for row in rows if indicator.key in row.targets]
        target = float(sum(parts)) if parts else None
        totals.append(IndicatorTotal(indicator.key, indicator.label, indicator.unit, total, target,
                                     total / target if target else None))
    ranking = sorted((r for r in rows if r.progress is not None), key=lambda r: (-r.progress, r.name))
    leaders: dict[str, list[tuple[str, str]]] = {}
    for person in store.unit_leaders():
        leaders.setdefault(person["unit"], []).append((person["name"], person["phone"] or ""))
    missing = [row for row in rows if row.values is None]
    return ProvinceSummary(period, rows, totals, [r.name for r in rows if r.values is not None],
                           [r.name for r in missing], ranking,
                           {r.name: leaders.get(r.key, []) for r in missing}, store.locked(period))


def province_text(summary: ProvinceSummary, organisation_name: str, top: int = 5) -> str:
    """The province digest for a phone: who confirmed, who is missing and whom to call, totals, the ranking."""
    lines = [texts.PROVINCE_HEADING.format(period=label(summary.period), organisation=organisation_name),
             texts.PROVINCE_CONFIRMED.format(done=len(summary.confirmed), n=len(summary.rows))]
    if summary.missing:
        lines.append(texts.PROVINCE_MISSING.format(units=", ".join(summary.missing)))
    for item in summary.totals:
        line = f"• {item.label}: {vn_number(item.total)}" + (f" {item.unit}" if item.unit else "")
        if item.progress is not None and item.target is not None:
            line += f" (đạt {vn_percent(item.progress)} chỉ tiêu {vn_number(item.target)})"
        lines.append(line)
    if summary.ranking:
        best = ", ".join(f"{n}. {r.name} {vn_percent(r.progress)}" for n, r in enumerate(summary.ranking[:top], 1))
        lines.append(texts.PROVINCE_RANKING.format(ranking=best))
        if len(summary.ranking) > top:
            last = summary.ranking[-1]
            lines.append(texts.PROVINCE_LAST.format(name=last.name, progress=vn_percent(last.progress)))
    calls = [texts.DIGEST_CALL.format(village=unit, people=", ".join(f"{name} {phone}".strip()
                                                                   for name, phone in people[:2]))
             for unit, people in summary.contacts.items() if people]
    lines += calls[:20]
    if len(calls) > 20:
        lines.append(texts.PROVINCE_MORE_CALLS.format(n=len(calls) - 20))
    return "\n".join(lines)
