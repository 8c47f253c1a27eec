"""Village reports: which period is owed, the checks a value goes through, the one-message form.

Usage::

    start = reporting_start(config, store, now)        # periods due before it are not owed
    period = member_period(config, store, "trung_ha", now)  # the oldest unlocked period still due, else the next
    leader_period(config, store, now)                  # the period just due until it is locked, then the next
    example_line(config)                               # "cccd 12, mức 2 30, kích hoạt 25, dvc 5"
    read_line(config, "12 cccd, 30 mức 2")              # ReportLine(values={"cccd": 12, "muc2": 30}, ...)

A period is *owed* when its deadline is not before the reporting start: ``reporting.start`` in config.yaml, or
else the moment of the first run (stored, so it never moves).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.config import Config, Cycle, Indicator
from bot.storage import Store
from bot.team.cycles import cycle_of, owed_in
from bot.team.periods import deadline, reporting_period, shift
from bot.team.units import tree, without_prefix
from nlu.report_line import ReportLine, parse_report_line

START_KEY = "reporting_start"
LOOKBACK = 12  # how many past periods a member may still owe
JUMP_FLOOR = 20
EXAMPLE_VALUES = (12, 30, 25, 5, 3, 40, 15)


def reporting_start(config: Config, store: Store, now: dt.datetime, remember: bool = True) -> dt.datetime:
    """When the bot started collecting reports (config, else the first run, stored on first use)."""
    tz = ZoneInfo(config.organisation.timezone)
    if config.reporting.start:
        day = config.reporting.start
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz)
    stored = store.recall(START_KEY)
    if stored is None and remember:
        stored = store.remember(START_KEY, now.isoformat())
    return dt.datetime.fromisoformat(stored) if stored else now


def due_at(config: Config, period: str, village: str | None) -> dt.datetime:
    """The deadline of ``period`` for one village (its own deadline day counts; another cycle's: the cycle's)."""
    cycle = cycle_of(config, period)
    if cycle is not None and cycle.key:
        return deadline(period, cycle, config.organisation.timezone)
    return deadline(period, config.reporting_for(village), config.organisation.timezone)


def owed(config: Config, store: Store, period: str, village: str | None, now: dt.datetime) -> bool:
    """Whether ``period``'s figures are owed at all (its deadline is not before the reporting start, nor, in a
    cycle with an end, after it)."""
    cycle = cycle_of(config, period)
    due = due_at(config, period, village)
    if cycle is not None and cycle.key:
        return owed_in(cycle, period, due, reporting_start(config, store, now))
    return due >= reporting_start(config, store, now)


def next_period(config: Config, village: str | None, now: dt.datetime, cycle: Cycle | None = None) -> str:
    """The period whose deadline comes next for ``village`` (in ``cycle``; default: the default cycle)."""
    if cycle is not None and cycle.key:
        return reporting_period(now, cycle, config.organisation.timezone)
    return reporting_period(now, config.reporting_for(village), config.organisation.timezone)


def member_period(config: Config, store: Store, village: str, now: dt.datetime, cycle: Cycle | None = None) -> str:
    """The oldest owed, unlocked period past its deadline that the village has not reported, else the next one."""
    current = next_period(config, village, now, cycle)
    if cycle is not None and cycle.cycle == "once":
        return current
    for steps in range(LOOKBACK, 0, -1):
        period = shift(current, -steps)
        if owed(config, store, period, village, now) and not store.locked(period) \
                and store.report(period, village) is None:
            return period
    return current


def leader_period(config: Config, store: Store, now: dt.datetime, cycle: Cycle | None = None) -> str:
    """The period just due, until it is locked; then the one due next."""
    current = next_period(config, None, now, cycle)
    if cycle is not None and cycle.cycle == "once":
        return current
    just_due = shift(current, -1)
    if owed(config, store, just_due, None, now) and not store.locked(just_due):
        return just_due
    return current


def address(config: Config) -> dict[str, str]:
    """How team texts address a person: {you} and {You} (capitalised), e.g. «anh/chị», «Anh/chị», «đồng chí»."""
    word = config.organisation.address
    return {"you": word, "You": word[:1].upper() + word[1:]}


def required(config: Config) -> list[Indicator]:
    return [i for i in config.indicators if not i.optional]


def example_line(config: Config, indicators: list[Indicator] | None = None) -> str:
    """A complete one-message report built from the configured required indicators (or a cycle's)."""
    indicators = indicators or config.indicators
    shown = [i for i in indicators if not i.optional] or indicators
    return ", ".join(f"{(i.aliases or [i.key])[0]} {EXAMPLE_VALUES[n % len(EXAMPLE_VALUES)]}"
                     for n, i in enumerate(shown))


def read_line(config: Config, text: str, village: str | None = None,
              indicators: list[Indicator] | None = None) -> ReportLine | None:
    """A one-message report in ``text`` (names before or after numbers, a period and village may lead it).

    ``village``: the sender's village (or commune); the village names read are those of its commune (in a
    province, «Thôn 3» of another commune is not the sender's «Thôn 3»); ``indicators``: a cycle's (default: the
    top-level ones)."""
    aliases = [(a, i.key) for i in (indicators or config.indicators) for a in [i.key, *i.aliases]]
    org = tree(config)
    keys = org.villages_under(org.commune_of(village) if village in org.units else None)
    villages = [(name, key) for key in keys for name in {org.name(key), without_prefix(org.name(key))}
                if not name.isdigit()]  # «Thôn 1» without its prefix is a number, not a name
    return parse_report_line(text, aliases, villages)


def village_key(config: Config, text: str, within: str | None = None) -> str | None:
    """A village typed as its key or its name, with or without «Thôn», inside ``within`` (a unit key; None: the
    whole tree); None when unknown or when the name means several villages (same name in two communes)."""
    found = tree(config).find(text, kinds=("village",), within=within)
    return found[0] if len(found) == 1 else None


def out_of_range(indicator: Indicator, value: int | None) -> bool:
    return value is not None and not indicator.minimum <= value <= indicator.maximum


def village_target(config: Config, indicator: Indicator, village: str) -> float | None:
    """The village's own target for an indicator, else the indicator's default."""
    own = next((v.targets.get(indicator.key) for v in config.villages if v.key == village), None)
    return own if own is not None else indicator.target


def far_above(config: Config, value: int | None, last: int | None, target: float | None) -> str | None:
    """«last» or «target» when ``value`` is far above last period's figure (or, without one, the target)."""
    factor = config.reporting.jump_factor
    if value is None or value <= JUMP_FLOOR:
        return None
    if last is not None:
        return "last" if value > factor * max(last, 1) else None
    if target:
        return "target" if value > factor * target else None
    return None
