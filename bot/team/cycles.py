"""Reporting cycles, several at once: the default one (``reporting`` with ``indicators``) and those of ``cycles``.

Usage::

    all_cycles(config)                         # [default, *config.cycles]; the default's key is ""
    cycle_of(config, "chien_dich:2023-W21")    # the Cycle a period belongs to (by its prefix)
    reporters(config, cycle)                   # unit keys that report in it (villages, communes, departments)
    cycles_for(config, "trung_ha", now)        # the cycles a unit reports in at ``now`` (started, not ended)
    named_cycles(config, "tuan")               # the cycles a member's word names («tuần», «chiến dịch», a key)
    period_label(config, period)               # «tuần 21/2023 (chiến dịch Công dân số)»
    cumulative(config, store, cycle, now)      # progress towards the cumulative targets (seed 003: 700.000)

A cycle's periods are keyed by the cycle: ``<key>:<period>`` ("chien_dich:2023-W21"), so reports, locks,
reminders and digests of two cycles never mix; the default cycle's periods keep their old form ("2026-11"), so
figures confirmed before cycles existed read the same. A period is *owed* in a cycle when its deadline is neither
before the cycle's start (``start``, else ``reporting.start``, else the first run) nor after its ``end``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.config import Config, Cycle, Indicator
from bot.storage import Store
from bot.team.periods import deadline, first_day, label, parse_period, reporting_period, shift, split
from bot.team.units import tree
from nlu.cues import WORDS
from nlu.normalize import fold

DEFAULT_NAMES = {"monthly": "báo cáo tháng", "weekly": "báo cáo tuần"}
MAX_PERIODS = 400  # a cumulative sum looks back at most this many periods (a weekly cycle of several years)


def default_cycle(config: Config) -> Cycle:
    """``reporting`` with the top-level indicators (``indicators`` empty: those), reported by every village
    (today's single cycle)."""
    return Cycle.model_construct(**dict(config.reporting), key="", name=DEFAULT_NAMES[config.reporting.cycle],
                                 due=None, end=None, words=[], kinds=["village"], units=[],
                                 indicators=[], cumulative={}, cumulative_by=None)


def all_cycles(config: Config) -> list[Cycle]:
    """The default cycle first (built each time: it follows ``reporting`` and ``indicators``), then ``cycles``."""
    return [default_cycle(config), *config.cycles]


def several(config: Config) -> bool:
    return bool(config.cycles)


def cycle_of(config: Config, period: str) -> Cycle | None:
    """The cycle of a period (by its prefix); None for a key no cycle has."""
    key = split(period)[0]
    return next((c for c in all_cycles(config) if c.key == key), None)


def indicators(config: Config, period: str) -> list[Indicator]:
    """The indicators reported for ``period`` (its cycle's)."""
    cycle = cycle_of(config, period)
    return (cycle.indicators or config.indicators) if cycle else config.indicators


def reporters(config: Config, cycle: Cycle) -> list[str]:
    """The unit keys that report in ``cycle``, in config order."""
    if not cycle.key:
        return [v.key for v in config.villages]
    if cycle.units:
        return list(cycle.units)
    org = tree(config)
    return [key for key, unit in org.units.items() if unit.kind in cycle.kinds]


def reports_in(config: Config, cycle: Cycle, unit: str) -> bool:
    if not cycle.key:
        return unit in {v.key for v in config.villages}
    return unit in set(reporters(config, cycle))


def owed_in(cycle: Cycle, period: str, due: dt.datetime, start: dt.datetime) -> bool:
    """Whether ``period`` (due at ``due``) is owed in ``cycle``: due not before its start, and begun by its end (a
    campaign ending on a Friday still owes that week; the week after it is not owed)."""
    if cycle.start:
        start = dt.datetime(cycle.start.year, cycle.start.month, cycle.start.day, tzinfo=due.tzinfo)
    return due >= start and not (cycle.end and first_day(period) > cycle.end)


def _grace(cycle: Cycle) -> int:
    """How long after its end a cycle's last period may still be due."""
    return {"weekly": 6, "monthly": 27}.get(cycle.cycle, 0)


def running(cycle: Cycle, now: dt.datetime) -> bool:
    """Whether the cycle has begun and not ended (its last report may still be due)."""
    day = now.date()
    if cycle.start and day < cycle.start - dt.timedelta(days=7):
        return False
    return not (cycle.end and day > cycle.end + dt.timedelta(days=_grace(cycle)))


def cycles_for(config: Config, unit: str | None, now: dt.datetime) -> list[Cycle]:
    """The cycles ``unit`` reports in and that are running at ``now`` (the default cycle whenever it reports)."""
    if not unit:
        return []
    return [c for c in all_cycles(config) if reports_in(config, c, unit) and (not c.key or running(c, now))]


def _words(cycle: Cycle) -> set[str]:
    """What names a cycle: its key, its words, its name, and its rhythm's word («tuần» names every weekly cycle:
    with two, the member is asked which)."""
    names = {cycle.key, *(fold(w) for w in cycle.words), fold(cycle.name)} - {""}
    rhythm = WORDS.rhythms[cycle.cycle]
    names |= {rhythm, f"bao cao {rhythm}"}
    return {" ".join(n.replace("_", " ").split()) for n in names} | {cycle.key}


def named_cycles(config: Config, text: str) -> list[Cycle]:
    """The cycles ``text`` names («tuần», «tháng», «chiến dịch», a key), in config order."""
    folded = " ".join(fold(text).replace("_", " ").split())
    if not folded:
        return []
    return [c for c in all_cycles(config) if folded in _words(c)]


def leading_cycle(config: Config, text: str) -> tuple[list[Cycle], str]:
    """The cycles named by the longest leading words of ``text`` («tuan 21» -> the weekly cycle, "21"), and the
    rest; ([], text) when no leading words name a cycle."""
    words = text.split()
    for n in range(min(len(words), 6), 0, -1):
        found = named_cycles(config, " ".join(words[:n]))
        if found:
            return found, " ".join(words[n:])
    return [], text


def cycle_name(config: Config, period: str) -> str:
    """The name of a period's cycle («báo cáo tháng», «báo cáo tuần chiến dịch Công dân số»)."""
    cycle = cycle_of(config, period)
    return cycle.name if cycle is not None else period


def parse_in(cycles: list[Cycle], text: str, now: dt.datetime) -> str | None:
    """A period typed after a cycle's word, without the cycle's key: «21» after «tuần» is week 21, «5/2023» after
    «tháng» May 2023; None when unreadable."""
    rhythms = {c.cycle for c in cycles}
    if len(rhythms) == 1 and (word := WORDS.rhythms[rhythms.pop()]) != WORDS.rhythms["once"]:
        return parse_period(f"{word} {text}", now) or parse_period(text, now)
    return parse_period(text, now)


def typed_name(cycle: Cycle) -> str:
    """What a member types to report in a cycle: «báo cáo tháng», «báo cáo chiến dịch», «báo cáo cong_dan_so»."""
    word = cycle.words[0] if cycle.words else {"monthly": "tháng", "weekly": "tuần"}.get(cycle.cycle, cycle.key)
    return f"báo cáo {word}"


def period_label(config: Config, period: str) -> str:
    """«tháng 11/2026» for the default cycle; «tuần 21/2023 (chiến dịch Công dân số)» for another."""
    cycle = cycle_of(config, period)
    text = label(period)
    return f"{text} ({cycle.name})" if cycle is not None and cycle.key else text


def valid_period(config: Config, period: str) -> bool:
    """Whether a period from a button is one of a configured cycle, in that cycle's form."""
    cycle = cycle_of(config, period)
    if cycle is None:
        return False
    try:
        return rhythm_of(period) == cycle.cycle
    except ValueError:
        return False


def rhythm_of(period: str) -> str:
    """The rhythm a period's form belongs to: "monthly" (2026-11), "weekly" (2026-W49), "once" (2023-06-30);
    ValueError for anything else."""
    bare = split(period)[1]
    shift(bare, 0)
    return "once" if bare.count("-") == 2 else "weekly" if "W" in bare else "monthly"


def cycle_deadline(config: Config, cycle: Cycle, period: str) -> dt.datetime:
    return deadline(period, cycle, config.organisation.timezone)


@dataclass(frozen=True)
class Cumulative:
    key: str
    label: str
    unit: str
    total: int  # every confirmed value of the cycle's units from its start to ``now``
    target: float
    by: dt.date | None
    days_left: int | None  # days from today to ``by`` (0 on the day, negative after it)


def cumulative(config: Config, store: Store, cycle: Cycle, now: dt.datetime, upto: str | None = None,
               units: list[str] | None = None) -> list[Cumulative]:
    """Progress towards the cycle's cumulative targets: the sum of its owed periods up to ``upto`` (default: the
    latest period due at ``now``), over ``units`` (default: every unit of the cycle)."""
    if not cycle.cumulative:
        return []
    from bot.team.reports import reporting_start

    tz = ZoneInfo(config.organisation.timezone)
    first = reporting_start(config, store, now, remember=False)
    if cycle.start:
        first = dt.datetime(cycle.start.year, cycle.start.month, cycle.start.day, tzinfo=tz)
    shown = set(reporters(config, cycle) if units is None else units)
    period = upto or reporting_period(now, cycle, config.organisation.timezone)
    sums = dict.fromkeys(cycle.cumulative, 0)
    for _ in range(MAX_PERIODS):
        if deadline(period, cycle, config.organisation.timezone) < first:
            break
        for unit, report in store.reports(period).items():
            if unit in shown:
                for key in sums:
                    sums[key] += int(report["values"].get(key) or 0)
        if cycle.cycle == "once":
            break
        period = shift(period, -1)
    by = cycle.cumulative_by or cycle.end
    own = {i.key: i for i in (cycle.indicators or config.indicators)}
    return [Cumulative(key, own[key].label, own[key].unit, sums[key], target, by,
                       (by - now.astimezone(tz).date()).days if by else None)
            for key, target in cycle.cumulative.items()]

