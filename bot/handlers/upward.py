"""A commune's (or department's) report to the province: ``/guilen [tháng]`` (or «gửi lên tỉnh») shows the draft —
its villages' confirmed figures plus its own — the leader corrects their own figures in one message and confirms
«📤 Gửi lên tỉnh». Only leaders and deputies of a commune or department of a province, for their own unit."""

from __future__ import annotations

from bot import texts
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.storage import PeriodLockedError
from bot.team.periods import label, parse_period
from bot.team.reports import example_line, leader_period, out_of_range, read_line
from bot.team.upward import build_draft, draft_text, send_up, upward_due
from nlu.cues import WORDS
from nlu.normalize import fold_words


def _unit(turn: Turn) -> str | None:
    """The unit this person reports upward for, or None."""
    scope = turn.scope
    if scope and scope.commune_leader and scope.level in ("commune", "department") and not scope.top:
        return scope.unit
    return None


def _draft_reply(turn: Turn, period: str, own: dict[str, int] | None = None) -> list[Outgoing]:
    config, store = turn.deps.config, turn.deps.store
    draft = build_draft(config, store, period, _unit(turn), own)
    turn.session.clear()
    turn.session.update(flow="upward_draft", period=period, own=draft.own)
    buttons = (Button(texts.UPWARD_SEND_BUTTON, f"u:ok:{period}"), Button(texts.UPWARD_EDIT_BUTTON, f"u:edit:{period}"),
               Button(texts.BUTTON_CANCEL, "u:no"))
    return [Outgoing(draft_text(config, draft, upward_due(config, period)), buttons)]


def upward(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/guilen [tháng]: the draft of the unit's report to the province, with «Gửi lên tỉnh»."""
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    if _unit(turn) is None:
        return [Outgoing(texts.UPWARD_ONLY)]
    period = parse_period(argument, turn.now) if argument.strip() else \
        leader_period(turn.deps.config, turn.deps.store, turn.now)
    if period is None:
        return [Outgoing(texts.PERIOD_BAD.format(text=argument.strip()[:20]))]
    if turn.deps.store.locked(period):
        return [Outgoing(texts.UPWARD_LOCKED.format(period=label(period)))]
    return _draft_reply(turn, period)


def upward_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Gửi lên tỉnh» (u:ok:P), «Số liệu của xã» (u:edit:P), «Hủy» (u:no), «Xem dự thảo» under a reminder
    (u:draft:P)."""
    if turn.person is None or _unit(turn) is None:
        return [Outgoing(texts.UPWARD_ONLY)]
    _, action, period = (payload.split(":", 2) + ["", ""])[:3]
    if action == "no":
        turn.session.clear()
        return [Outgoing(texts.CANCELLED)]
    if action == "draft":
        return upward(turn, period) if parse_period(period, turn.now) == period else [Outgoing(texts.STALE_BUTTON)]
    if not turn.session.get("flow", "").startswith("upward") or turn.session.get("period") != period:
        return [Outgoing(texts.STALE_BUTTON)]
    config, store = turn.deps.config, turn.deps.store
    if action == "edit":
        turn.session["flow"] = "upward_edit"
        return [Outgoing(texts.UPWARD_EDIT_ASK.format(unit=turn.village_name(_unit(turn)),
                                                      example=example_line(config)))]
    if action != "ok":
        return [Outgoing(texts.STALE_BUTTON)]
    draft = build_draft(config, store, period, _unit(turn), turn.session.get("own") or {})
    try:
        version = send_up(store, draft, turn.person["id"], turn.now)
    except PeriodLockedError:
        turn.session.clear()
        return [Outgoing(texts.UPWARD_LOCKED.format(period=label(period)))]
    turn.session.clear()
    return [Outgoing(texts.UPWARD_SENT.format(period=label(period), unit=draft.name, version=version,
                                              time=turn.now_text()))]


def continue_upward(turn: Turn, text: str) -> list[Outgoing]:
    """The unit's own figures typed in one message while correcting the draft."""
    if fold_words(text) in WORDS.cancel:
        turn.session.clear()
        return [Outgoing(texts.CANCELLED)]
    config = turn.deps.config
    line = read_line(config, text, _unit(turn))
    if line is None or not line.values:
        return [Outgoing(texts.UPWARD_EDIT_BAD.format(example=example_line(config)))]
    indicators = {i.key: i for i in config.indicators}
    for key, value in line.values.items():
        if out_of_range(indicators[key], value):
            i = indicators[key]
            return [Outgoing(texts.UPWARD_OUT_OF_RANGE.format(label=i.label, value=value, minimum=i.minimum,
                                                              maximum=i.maximum))]
    own = {**(turn.session.get("own") or {}), **{k: int(v) for k, v in line.values.items() if v is not None}}
    return _draft_reply(turn, turn.session["period"], own)
