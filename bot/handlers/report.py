"""The monthly (or weekly) report conversation of a village team member; diagram in ``report.mmd``.

    /baocao [kỳ] ──▶ ASK(i) ──number──▶ ASK(i+1) … ──▶ SUMMARY ──Xác nhận──▶ saved
                       │  └─far above last period / the target──▶ CONFIRM_JUMP ──Đúng──▶ ASK(i+1)
                       └─bỏ qua / quay lại / hủy        SUMMARY ──Sửa──▶ CHOOSE_EDIT ──▶ ASK(k) ──▶ SUMMARY

The transitions are the tables :data:`TYPED` (a typed answer in a state) and :data:`PRESSED` (a button in a
state), next to the diagram. Everything typed in between lives in the session (SQLite), so a restart resumes the
half-finished report. Only «Xác nhận» writes a report, committed before the confirmation is sent.

The period is the oldest owed, unlocked one the village has not reported (said so when it is late), or the one a
member names: ``/baocao 11/2026``, «báo cáo tháng 11». With several cycles (``cycles`` in config.yaml, see
:mod:`bot.team.cycles`) a member names one («báo cáo tuần», ``/baocao tuan 21``) or, when two are owed, is asked
which (a button each); the indicators are those of the period's cycle.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from bot import texts
from bot.formatting import vn_number
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.storage import PeriodLockedError
from bot.team.cycles import (
    cycle_name,
    cycles_for,
    indicators,
    leading_cycle,
    parse_in,
    period_label,
    reports_in,
    rhythm_of,
    several,
    valid_period,
)
from bot.team.periods import label, parse_period, previous_period, shift, split
from bot.team.reports import due_at, far_above, member_period, next_period, out_of_range, read_line, village_target
from bot.team.units import tree
from nlu.cues import WORDS
from nlu.normalize import fold_words
from nlu.numbers import NumberError, parse_number
from nlu.report_line import ReportLine

EDIT_LABEL_CHARS = 30


class Step(StrEnum):
    ASK = "ask"
    OPTIONAL = "optional"  # after a one-message report: the optional indicators, all in one question
    CONFIRM_JUMP = "confirm_jump"
    SUMMARY = "summary"
    CHOOSE_EDIT = "choose_edit"


# -- helpers --------------------------------------------------------------------------------------------------
def _indicators(turn: Turn):
    """The indicators of the period in the conversation (its cycle's)."""
    return indicators(turn.deps.config, turn.session["period"])


def _label(turn: Turn, period: str) -> str:
    return period_label(turn.deps.config, period)


def _fmt(value: int | None) -> str:
    return texts.REPORT_SKIPPED if value is None else vn_number(value)


def _village(turn: Turn) -> str:
    """The unit the sender reports for: their village, or (a cycle whose units are communes or departments) the
    unit they belong to."""
    return turn.person["village"] or turn.scope.unit


def _last_values(turn: Turn, period: str) -> dict[str, int]:
    """Last period's confirmed values of the village, {} when none."""
    report = turn.deps.store.report(previous_period(period), _village(turn))
    return report["values"] if report else {}


def _question(turn: Turn, index: int) -> Outgoing:
    """Ask for indicator ``index`` (its configured question, else its label), with last period's value."""
    state = turn.session
    indicator = _indicators(turn)[index]
    period = _label(turn, state["period"])
    last = _last_values(turn, state["period"]).get(indicator.key)
    asked = (indicator.question.format(period=period.capitalize()) if indicator.question
             else f"{indicator.label}{f' ({indicator.unit})' if indicator.unit else ''}, {period}.")
    text = turn.say(texts.REPORT_ASK, n=index + 1, total=len(_indicators(turn)), question=asked,
                                   last=texts.REPORT_LAST.format(value=_fmt(last)) if last is not None else "")
    buttons = [Button(texts.BUTTON_SKIP, "r:skip")] if indicator.optional else []
    if index > 0:
        buttons.append(Button(texts.BUTTON_BACK, "r:back"))
    buttons.append(Button(texts.BUTTON_CANCEL, "r:cancel"))
    return Outgoing(text, tuple(buttons))


def _summary(turn: Turn) -> list[Outgoing]:
    """Show every value with the «Xác nhận / Sửa / Hủy» buttons."""
    state = turn.session
    state["step"] = Step.SUMMARY
    values = state["values"]
    lines = "\n".join(f"• {i.label}: {_fmt(values.get(i.key))}"
                      + (f" {i.unit}" if values.get(i.key) is not None and i.unit else "") for i in _indicators(turn))
    text = turn.say(texts.REPORT_SUMMARY, period=_label(turn, state["period"]),
                    village=turn.village_name(_village(turn)), lines=lines)
    buttons = (Button(texts.BUTTON_CONFIRM, "r:ok"), Button(texts.BUTTON_EDIT, "r:edit"),
               Button(texts.BUTTON_CANCEL, "r:cancel"))
    return [Outgoing(text, buttons)]


def _next(turn: Turn) -> list[Outgoing]:
    """Ask the first indicator not answered yet (in config order; after a one-message report the required ones,
    then the optional ones in one question), or show the summary."""
    state = turn.session
    if state.pop("editing", None):
        return _summary(turn)
    open_ = [(i, ind) for i, ind in enumerate(_indicators(turn)) if ind.key not in state["values"]]
    if state.get("quick") and open_ and all(ind.optional for _, ind in open_):
        state.update(step=Step.OPTIONAL, index=open_[0][0])
        names = "\n".join(f"• {ind.label}" for _, ind in open_)
        sample = ", ".join(f"{(ind.aliases or [ind.key])[0]} 3" for _, ind in open_[:2])
        text = turn.say(texts.REPORT_OPTIONAL, n=open_[0][0] + 1, total=len(_indicators(turn)), names=names,
                                            example=sample)
        return [Outgoing(text, (Button(texts.BUTTON_SKIP_ALL, "r:skipall"), Button(texts.BUTTON_CANCEL, "r:cancel")))]
    if open_:
        state.update(step=Step.ASK, index=open_[0][0])
        return [_question(turn, open_[0][0])]
    return _summary(turn)


def village_guard(turn: Turn) -> list[Outgoing] | None:
    """The refusal for someone who is not a member of a village team, else None."""
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    if not turn.person["village"]:
        return [Outgoing(turn.say(texts.VILLAGE_ONLY))]
    return None


def reporter_guard(turn: Turn) -> list[Outgoing] | None:
    """:func:`village_guard`, except that people of a commune or department that reports in a cycle pass."""
    person = turn.person
    if person is not None and not person["village"] and several(turn.deps.config) \
            and cycles_for(turn.deps.config, turn.scope.unit, turn.now):
        return None
    return village_guard(turn)


def _named_period(turn: Turn, argument: str, among: list | None = None) -> tuple[str | None, list[Outgoing] | None]:
    """The period a member named (or the one owed when none), or the reply refusing it (or asking which cycle).

    With several cycles the argument may name one («tuần», «tháng», «chiến dịch», its key) and a period of it;
    ``among``: the cycles a one-message report's indicators fit."""
    if several(turn.deps.config):
        return _cycle_period(turn, argument, among)
    if not argument.strip():
        return turn.period(), None
    period = parse_period(argument, turn.now)
    if period is None or ("W" in period) != (turn.deps.config.reporting.cycle == "weekly"):
        return None, [Outgoing(turn.say(texts.PERIOD_BAD, text=argument.strip()[:20]))]
    if period > next_period(turn.deps.config, _village(turn), turn.now):
        return None, [Outgoing(texts.REPORT_FUTURE.format(period=_label(turn, period)))]
    return period, None


def _cycle_period(turn: Turn, argument: str, among: list | None) -> tuple[str | None, list[Outgoing] | None]:
    """:func:`_named_period` with several cycles: the cycle named, else the one owed, else the question which."""
    config, village, text = turn.deps.config, _village(turn), argument.strip()
    mine = cycles_for(config, village, turn.now)
    if valid_period(config, text):  # a button's period («Báo cáo ngay» under a reminder, the choice of cycle)
        cycle = next((c for c in mine if c.key == split(text)[0]), None)
        if cycle is None:
            return None, [Outgoing(texts.STALE_BUTTON)]
        return _checked(turn, cycle, text)
    named, rest = leading_cycle(config, text)
    candidates = [c for c in (among or mine) if c in mine and (not named or c in named)]
    if named and not candidates:
        ended = next((c for c in named if c.end and c.end < turn.now.date() and reports_in(config, c, village)), None)
        if ended:
            return None, [Outgoing(texts.CYCLE_ENDED.format(name=ended.name[:1].upper() + ended.name[1:],
                                                            end=ended.end.strftime("%d/%m/%Y")))]
        return None, [Outgoing(turn.say(texts.CYCLE_NOT_HERE, village=turn.village_name(village),
                                        name=named[0].name))]
    if rest:
        bare = parse_in(named, rest, turn.now)
        form = None if bare is None else rhythm_of(bare)
        fitting = [c for c in candidates if c.cycle == form]
        if not fitting:
            return None, [Outgoing(turn.say(texts.PERIOD_BAD, text=rest[:20]))]
        if len(fitting) == 1:
            return _checked(turn, fitting[0], f"{fitting[0].key}:{bare}" if fitting[0].key else bare)
        candidates = fitting
    periods = [member_period(config, turn.deps.store, village, turn.now, c) for c in candidates]
    open_ = [p for p in periods if not turn.deps.store.locked(p) and turn.deps.store.report(p, village) is None]
    if len(open_) > 1:
        return None, _which(turn, open_)
    return (open_ or periods or [turn.period()])[0], None


def _checked(turn: Turn, cycle, period: str) -> tuple[str | None, list[Outgoing] | None]:
    """A period of ``cycle`` a member named: not one in the future."""
    if period > next_period(turn.deps.config, _village(turn), turn.now, cycle):
        return None, [Outgoing(texts.REPORT_FUTURE.format(period=_label(turn, period)))]
    return period, None


def _which(turn: Turn, periods: list[str]) -> list[Outgoing]:
    """Two cycles owed: ask which report to enter first (a button each; numbers on channels without buttons)."""
    config, village = turn.deps.config, _village(turn)
    lines = [texts.CYCLE_WHICH_LINE.format(n=n, name=cycle_name(config, p), period=label(p),
                                           deadline=due_at(config, p, village).strftime("%H:%M %d/%m/%Y"))
             for n, p in enumerate(periods, start=1)]
    text = turn.say(texts.CYCLE_WHICH, village=turn.village_name(village), n=len(periods)) + "\n" + "\n".join(lines)
    buttons = tuple(Button(f"{n}. {textwrap.shorten(cycle_name(config, p), EDIT_LABEL_CHARS, placeholder='…')}",
                           f"r:start:{p}") for n, p in enumerate(periods, start=1))
    turn.session["choices"] = [b.payload for b in buttons]
    return [Outgoing(text, buttons)]


def _late_note(turn: Turn, period: str) -> list[Outgoing]:
    """Say so when the period owed is one whose deadline has passed."""
    due = due_at(turn.deps.config, period, _village(turn))
    if due >= turn.now or rhythm_of(period) == "once":  # a report due once has no next period
        return []
    return [Outgoing(turn.say(texts.REPORT_LATE_NOTE, village=turn.village_name(_village(turn)),
                              period=_label(turn, period), deadline=due.strftime("%H:%M %d/%m/%Y"),
                              next=_label(turn, shift(period, 1))))]


# -- starting -------------------------------------------------------------------------------------------------
def start_report(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/baocao [kỳ]: start the report of the period owed (or the one named)."""
    if refusal := reporter_guard(turn):
        return refusal
    period, problem = _named_period(turn, argument)
    if problem:
        return problem
    return _begin(turn, period, note=not argument.strip())


def quick_report(turn: Turn, line: ReportLine, among: list | None = None) -> list[Outgoing]:
    """A one-message report («cccd 12, mức 2 30, …», maybe with «tháng 11» and the village's name); ``among``:
    the cycles whose indicators the line fits (several: the one owed, else the question which, values kept)."""
    if refusal := reporter_guard(turn):
        return refusal
    if line.village and line.village != _village(turn):
        return [Outgoing(turn.say(texts.REPORT_OTHER_VILLAGE, village=turn.village_name(_village(turn))))]
    period, problem = _named_period(turn, line.period or "", among)
    if problem:
        if turn.session.get("choices"):  # asked which cycle: the values wait for the answer
            turn.session["line_values"] = dict(line.values)
        return problem
    return _begin(turn, period, values=line.values, note=not line.period)


def line_cycles(turn: Turn, text: str) -> tuple[ReportLine, list] | None:
    """A one-message report read with the indicators of each cycle the sender's village reports in: the line
    and the cycles that read the most of its values; None when no cycle reads it."""
    config, village = turn.deps.config, _village(turn)
    if not several(config):
        line = read_line(config, text, village)
        return (line, None) if line else None
    best: tuple[ReportLine, list] | None = None
    for cycle in cycles_for(config, village, turn.now):
        line = read_line(config, text, village, cycle.indicators or config.indicators)
        if line is None:
            continue
        if best is None or len(line.values) > len(best[0].values):
            best = (line, [cycle])
        elif len(line.values) == len(best[0].values):
            best[1].append(cycle)
    return best


def _begin(turn: Turn, period: str, values: dict[str, int] | None = None, note: bool = False) -> list[Outgoing]:
    """Open the conversation for ``period`` (refused when locked or already reported)."""
    deps, village = turn.deps, _village(turn)
    if deps.store.locked(period):
        return [Outgoing(turn.say(texts.REPORT_LOCKED, period=_label(turn, period)))]
    existing = deps.store.report(period, village)
    if existing:
        confirmed = dt.datetime.fromisoformat(existing["confirmed"]).astimezone(turn.now.tzinfo)
        return [Outgoing(turn.say(texts.REPORT_EXISTS, village=turn.village_name(village), period=_label(turn, period),
                                                    time=confirmed.strftime("%H:%M %d/%m/%Y")))]
    turn.session.clear()
    turn.session.update(flow="report", mode="new", period=period, values={})
    replies = _late_note(turn, period) if note else []
    if not values:
        return replies + _next(turn)
    indicators = _indicators(turn)
    missing = [i.label for i in indicators if i.key not in values and not i.optional]
    if missing:  # ask the missing required ones by name, then the optional ones in one question
        turn.session["quick"] = True
        got = ", ".join(f"{i.label} {_fmt(values[i.key])}" for i in indicators if i.key in values)
        replies.append(Outgoing(texts.REPORT_QUICK_PARTIAL.format(got=got, missing="; ".join(missing))))
    else:  # everything required given: optional ones not given count as skipped
        turn.session["values"].update({i.key: None for i in indicators if i.key not in values and i.optional})
    return replies + _take_quick(turn, values)


def edit_report(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/suabaocao [kỳ]: correct a confirmed report (the sender or the village leader, until it is locked)."""
    if refusal := reporter_guard(turn):
        return refusal
    deps, village = turn.deps, _village(turn)
    period = _edit_period(turn, argument)
    if period is None:
        return [Outgoing(turn.say(texts.PERIOD_BAD, text=argument.strip()[:20]))]
    if deps.store.locked(period):
        return [Outgoing(turn.say(texts.REPORT_LOCKED, period=_label(turn, period)))]
    existing = deps.store.report(period, village)
    if not existing:
        return [Outgoing(turn.say(texts.REPORT_NONE_TO_EDIT, village=turn.village_name(village),
                                  period=_label(turn, period)))]
    if existing["person_id"] != turn.person["id"] and not turn.scope.leads(village):
        sender = deps.store.person(existing["person_id"])["name"] if existing["person_id"] else ""
        return [Outgoing(turn.say(texts.REPORT_EDIT_NOT_YOURS, period=_label(turn, period), name=sender))]
    turn.session.clear()
    turn.session.update(flow="report", mode="edit", period=period, values=dict(existing["values"]))
    return _summary(turn)


def _edit_period(turn: Turn, argument: str) -> str | None:
    """The period a correction is about: the one named (with several cycles, maybe a cycle's word and period:
    «sửa báo cáo tuần», «/suabaocao tuan 21»), else the last reported."""
    config, text = turn.deps.config, argument.strip()
    if not several(config):
        return parse_period(text, turn.now) if text else _last_reported(turn)
    if valid_period(config, text):
        return text
    named, rest = leading_cycle(config, text)
    if not rest:
        return _last_reported(turn, named or None) if named or not text else None
    bare = parse_in(named, rest, turn.now)
    form = None if bare is None else rhythm_of(bare)
    fitting = [c for c in (named or cycles_for(config, _village(turn), turn.now)) if c.cycle == form]
    return (f"{fitting[0].key}:{bare}" if fitting[0].key else bare) if len(fitting) == 1 else None


def _last_reported(turn: Turn, among: list | None = None) -> str:
    """The period a correction is about by default: the one due next if reported, else the latest reported (with
    several cycles: the latest confirmed of any of the village's cycles, or of ``among``)."""
    config, village = turn.deps.config, _village(turn)
    found: list[tuple[str, str]] = []  # (confirmed, period)
    for cycle in among or cycles_for(config, village, turn.now) or [None]:
        current = next_period(config, village, turn.now, cycle)
        for steps in range(0, 13):
            period = shift(current, -steps)
            if report := turn.deps.store.report(period, village):
                found.append((report["confirmed"], period))
                break
        else:
            found.append(("", current))
    return max(found)[1] if among or several(config) else found[0][1]


def cancel(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/huy: drop the conversation in progress."""
    flow = turn.session.get("flow")
    if not flow:
        return [Outgoing(texts.NOTHING_TO_CANCEL)]
    turn.session.clear()
    return [Outgoing(texts.REPORT_CANCELLED if flow == "report" else texts.CANCELLED)]


# -- checking values ------------------------------------------------------------------------------------------
def _range_problem(turn: Turn, indicator, value: int | None) -> str | None:
    if not out_of_range(indicator, value):
        return None
    return turn.say(texts.REPORT_OUT_OF_RANGE, label=indicator.label, value=_fmt(value), low=_fmt(indicator.minimum),
                    high=_fmt(indicator.maximum))


def _jump(turn: Turn, indicator, value: int | None) -> Outgoing | None:
    """A question when ``value`` is far above last period's."""
    last = _last_values(turn, turn.session["period"]).get(indicator.key)
    if far_above(turn.deps.config, value, last, None) is None:
        return None
    text = turn.say(texts.REPORT_JUMP, label=indicator.label, value=_fmt(value), last=_fmt(last))
    return Outgoing(text, (Button(texts.BUTTON_YES, "r:yes"), Button(texts.BUTTON_REDO, "r:redo")))


def _target_note(turn: Turn, indicator, value: int | None) -> str:
    """With no last period to compare with: a note when ``value`` is far above the village's target."""
    config = turn.deps.config
    if indicator.key in _last_values(turn, turn.session["period"]):
        return ""
    target = village_target(config, indicator, _village(turn))
    if far_above(config, value, None, target) is None:
        return ""
    return texts.REPORT_ABOVE_TARGET.format(label=indicator.label, value=_fmt(value), target=vn_number(target))


def _noted(notes: list[str], replies: list[Outgoing]) -> list[Outgoing]:
    """Put notes in front of the first reply (one message, not one more)."""
    notes = [n for n in notes if n]
    if not notes or not replies:
        return replies
    return [replace(replies[0], text="\n".join(notes) + "\n\n" + replies[0].text), *replies[1:]]


def _accept(turn: Turn, value: int | None, confirmed: bool = False) -> list[Outgoing]:
    """Check one typed value (bounds, jump) and store it, or ask again."""
    state = turn.session
    index = state["index"]
    indicator = _indicators(turn)[index]
    if problem := _range_problem(turn, indicator, value):
        return [Outgoing(problem), _question(turn, index)]
    if not confirmed and (question := _jump(turn, indicator, value)):
        state.update(step=Step.CONFIRM_JUMP, pending=value)
        return [question]
    state["values"][indicator.key] = value
    state.pop("pending", None)
    return _noted([_target_note(turn, indicator, value)], _next(turn))


def _take_quick(turn: Turn, values: dict[str, int]) -> list[Outgoing]:
    """Values from a one-message report go through the same checks as typed ones: out-of-range ones are asked
    again, the first far-above one waits for confirmation, the rest are stored."""
    state = turn.session
    replies, jump, notes = [], None, []
    for index, indicator in enumerate(_indicators(turn)):
        if indicator.key not in values:
            continue
        value = values[indicator.key]
        if problem := _range_problem(turn, indicator, value):
            replies.append(Outgoing(problem))
            state["values"].pop(indicator.key, None)
        elif jump is None and (question := _jump(turn, indicator, value)):
            jump = (index, value, question)
            state["values"].pop(indicator.key, None)
        else:
            state["values"][indicator.key] = value
            notes.append(_target_note(turn, indicator, value))
    if jump:
        index, value, question = jump
        state.update(step=Step.CONFIRM_JUMP, index=index, pending=value)
        return replies + _noted(notes, [question])
    return replies + _noted(notes, _next(turn))


# -- the states: a typed answer -------------------------------------------------------------------------------
def _typed_value(turn: Turn, text: str, folded: str) -> list[Outgoing]:
    """ASK: a number (or «bỏ qua», «quay lại»)."""
    if folded in WORDS.skip:
        return _skip(turn)
    if folded in WORDS.back:
        return _back(turn)
    try:
        value = parse_number(text)
    except NumberError as error:
        return [Outgoing(error.hint), _question(turn, turn.session["index"])]
    return _accept(turn, value)


def _typed_optional(turn: Turn, text: str, folded: str) -> list[Outgoing]:
    """OPTIONAL: «bỏ qua» skips them all (a line of values was taken before this)."""
    if folded in WORDS.skip:
        return _skip_all(turn)
    return [Outgoing(turn.say(texts.REPORT_OPTIONAL_HINT))] + _next(turn)


def _typed_jump(turn: Turn, text: str, folded: str) -> list[Outgoing]:
    """CONFIRM_JUMP: «đúng» keeps the value, anything else asks again."""
    return _keep_jump(turn) if folded in WORDS.yes else _redo(turn)


def _typed_summary(turn: Turn, text: str, folded: str) -> list[Outgoing]:
    """SUMMARY: «xác nhận» saves; anything else shows the summary again."""
    if folded in WORDS.confirm:
        return _confirm(turn)
    return [Outgoing(turn.say(texts.REPORT_IN_PROGRESS, period=_label(turn, turn.session["period"])))] + _summary(turn)


def _typed_choice(turn: Turn, text: str, folded: str) -> list[Outgoing]:
    """CHOOSE_EDIT: the number of the indicator to correct."""
    if folded.isascii() and folded.isdigit():
        return _edit_one(turn, str(int(folded) - 1))
    return [Outgoing(turn.say(texts.REPORT_IN_PROGRESS, period=_label(turn, turn.session["period"])))]


# -- the states: a button -------------------------------------------------------------------------------------
def _skip(turn: Turn, _: str = "") -> list[Outgoing]:
    """ASK «Bỏ qua»: only an optional indicator."""
    if not _indicators(turn)[turn.session["index"]].optional:
        return [Outgoing(turn.say(texts.REPORT_NOT_OPTIONAL)), _question(turn, turn.session["index"])]
    return _accept(turn, None)


def _skip_all(turn: Turn, _: str = "") -> list[Outgoing]:
    """OPTIONAL «Bỏ qua»: every optional indicator not given is skipped."""
    turn.session["values"].update({i.key: None for i in _indicators(turn)
                                   if i.optional and i.key not in turn.session["values"]})
    return _next(turn)


def _back(turn: Turn, _: str = "") -> list[Outgoing]:
    """ASK «Quay lại»: the previous indicator again."""
    state = turn.session
    if state["index"] == 0:
        return [Outgoing(texts.REPORT_AT_START), _question(turn, 0)]
    state["index"] -= 1
    state["values"].pop(_indicators(turn)[state["index"]].key, None)
    return [_question(turn, state["index"])]


def _keep_jump(turn: Turn, _: str = "") -> list[Outgoing]:
    """CONFIRM_JUMP «Đúng, giữ số này»."""
    return _accept(turn, turn.session["pending"], confirmed=True)


def _redo(turn: Turn, _: str = "") -> list[Outgoing]:
    """CONFIRM_JUMP «Nhập lại»."""
    turn.session["step"] = Step.ASK
    return [_question(turn, turn.session["index"])]


def _choose_edit(turn: Turn, _: str = "") -> list[Outgoing]:
    """SUMMARY «Sửa»: one short button per indicator."""
    turn.session["step"] = Step.CHOOSE_EDIT
    buttons = tuple(Button(f"{n + 1}. {textwrap.shorten(i.label, EDIT_LABEL_CHARS, placeholder='…')}", f"r:e:{n}")
                    for n, i in enumerate(_indicators(turn)))
    return [Outgoing(turn.say(texts.REPORT_CHOOSE_EDIT), buttons)]


def _edit_one(turn: Turn, index_text: str) -> list[Outgoing]:
    """CHOOSE_EDIT: ask the chosen indicator again, then back to the summary."""
    if index_text.isascii() and index_text.isdigit() and 0 <= int(index_text) < len(_indicators(turn)):
        turn.session.update(step=Step.ASK, index=int(index_text), editing=True)
        return [_question(turn, int(index_text))]
    return [Outgoing(turn.say(texts.REPORT_IN_PROGRESS, period=_label(turn, turn.session["period"])))]


def _confirm(turn: Turn, _: str = "") -> list[Outgoing]:
    """SUMMARY «Xác nhận»: save (committed), tell the village mates, then confirm."""
    state = turn.session
    village, period = _village(turn), state["period"]
    values = {k: v for k, v in state["values"].items() if v is not None}
    store = turn.deps.store
    try:
        version = store.save_report(period, village, values, turn.person["id"], turn.now.isoformat())
    except PeriodLockedError:
        turn.session.clear()
        return [Outgoing(turn.say(texts.REPORT_LOCKED, period=_label(turn, period)))]
    turn.session.clear()
    name = turn.village_name(village)
    _tell_mates(turn, period, version)
    if version == 1:
        return [Outgoing(turn.say(texts.REPORT_SAVED, period=_label(turn, period), village=name, time=turn.now_text()))]
    return [Outgoing(texts.REPORT_UPDATED.format(period=_label(turn, period), village=name, version=version - 1,
                                                 time=turn.now_text()))]


def _tell_mates(turn: Turn, period: str, version: int) -> None:
    """Queue a notice to the village's other members that its report is in (or was corrected)."""
    village = _village(turn)
    template = texts.MATES_REPORTED if version == 1 else texts.MATES_CORRECTED
    text = template.format(name=turn.person["name"], village=turn.village_name(village), period=_label(turn, period),
                           time=turn.now_text())
    root = tree(turn.deps.config).root.key
    mates = [a for a in turn.deps.store.accounts()
             if (a["village"] or a["unit"] or root) == village and a["person_id"] != turn.person["id"]]
    turn.deps.store.enqueue([{"key": f"mates:{period}:{village}:{version}:{a['person_id']}", "channel": a["channel"],
                              "chat_id": a["user_id"], "kind": "mates", "period": period, "village": village,
                              "text": text} for a in mates], turn.now.isoformat())


TYPED: dict[Step, Callable[[Turn, str, str], list[Outgoing]]] = {
    Step.ASK: _typed_value,
    Step.OPTIONAL: _typed_optional,
    Step.CONFIRM_JUMP: _typed_jump,
    Step.SUMMARY: _typed_summary,
    Step.CHOOSE_EDIT: _typed_choice,
}
PRESSED: dict[Step, dict[str, Callable[[Turn, str], list[Outgoing]]]] = {
    Step.ASK: {"skip": _skip, "back": _back},
    Step.OPTIONAL: {"skipall": _skip_all},
    Step.CONFIRM_JUMP: {"yes": _keep_jump, "redo": _redo},
    Step.SUMMARY: {"ok": _confirm, "edit": _choose_edit},
    Step.CHOOSE_EDIT: {"e": _edit_one},
}


# -- entry points ---------------------------------------------------------------------------------------------
def continue_report(turn: Turn, text: str) -> list[Outgoing]:
    """A typed answer inside the report conversation: a whole line of values, or the state's own answer."""
    folded = fold_words(text)
    if folded in WORDS.cancel:
        return cancel(turn)
    step = turn.session.get("step")
    from_line = turn.session.get("period") and _line_values(turn, text)
    if from_line:
        turn.session["values"].update(from_line)
        if step == Step.OPTIONAL:  # the optional ones not in the line are skipped
            turn.session["values"].update({i.key: None for i in _indicators(turn)
                                           if i.optional and i.key not in turn.session["values"]})
        return _take_quick(turn, from_line)
    choices = turn.session.get("choices") or []
    number = int(folded) if folded.isascii() and folded.isdigit() else None
    if step in (Step.SUMMARY, Step.CONFIRM_JUMP) and number is not None and 1 <= number <= len(choices):
        return report_button(turn, choices[number - 1])  # a numbered choice on a channel without buttons
    handler = TYPED.get(step)
    if handler is None:
        return [Outgoing(turn.say(texts.REPORT_IN_PROGRESS, period=_label(turn, turn.session["period"])))]
    return handler(turn, text, folded)


def _line_values(turn: Turn, text: str) -> dict[str, int] | None:
    line = read_line(turn.deps.config, text, _village(turn), _indicators(turn))
    return line.values if line else None


def report_button(turn: Turn, payload: str) -> list[Outgoing]:
    """A button of the report conversation: r:start[:period], r:ok, r:edit, r:cancel, r:skip, r:back, r:yes,
    r:redo, r:e:<index>."""
    state = turn.session
    action, _, rest = payload[2:].partition(":")
    if action == "start":  # «Báo cáo ngay» under a reminder or after joining, or the cycle chosen
        values = state.pop("line_values", None)
        state.pop("choices", None)
        if values and reporter_guard(turn) is None:
            period, problem = _named_period(turn, rest)
            return problem or _begin(turn, period, values=values)
        return start_report(turn, rest)
    if action == "cancel" and state.get("flow"):  # also under a task note
        return cancel(turn)
    if state.get("flow") != "report":
        return _stale_report_button(turn, action)
    handler = PRESSED.get(state.get("step"), {}).get(action)
    if handler is None:
        return [Outgoing(turn.say(texts.REPORT_IN_PROGRESS, period=_label(turn, state["period"])))]
    return handler(turn, rest)


def _stale_report_button(turn: Turn, action: str) -> list[Outgoing]:
    """A report button pressed after the conversation ended (e.g. «Xác nhận» twice): store nothing again."""
    if action == "ok" and turn.person and reporter_guard(turn) is None:
        period = _last_reported(turn)
        if turn.deps.store.report(period, _village(turn)):
            return [Outgoing(texts.REPORT_ALREADY_SAVED.format(period=_label(turn, period),
                                                               village=turn.village_name(_village(turn))))]
    return [Outgoing(texts.STALE_BUTTON)]


def start_button(period: str) -> Button:
    """«📝 Báo cáo ngay» for one period (under reminders and the welcome)."""
    return Button(texts.REPORT_NOW_BUTTON, f"r:start:{period}")
