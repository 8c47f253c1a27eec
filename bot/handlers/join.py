"""Joining the team: ``/join CODE`` ties a chat account to a roster entry, then says what happens next."""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.handlers.report import start_button
from bot.handlers.turn import Turn
from bot.messages import Outgoing, ReplyMeta
from bot.team.periods import label
from bot.team.reports import due_at, example_line
from bot.team.roles import Scope

JOIN_FAILURE_WINDOW = dt.timedelta(minutes=15)
JOIN_FAILURE_LIMIT = 5


def role_name(scope: Scope) -> str:
    """«tổ trưởng thôn», «tổ trưởng», «tổ phó», «thành viên»."""
    return texts.ROLE_NAMES["village_leader" if scope.village_leader else scope.role]


def _role_text(turn: Turn, person: dict) -> tuple[str, str]:
    unit = person["village"] or person.get("unit")
    village = f", {turn.village_name(unit)}" if unit else ""
    return role_name(Scope.of(person, turn.deps.config)), village


def join(turn: Turn, code: str) -> list[Outgoing]:
    """/join CODE: tie this chat account to a roster entry, with slow-down after repeated wrong codes."""
    store, msg = turn.deps.store, turn.msg
    if turn.person:
        role, village = _role_text(turn, turn.person)
        return [Outgoing(turn.say(texts.ALREADY_MEMBER, name=turn.person["name"], role=role, village=village))]
    code = re.sub(r"[^A-Z0-9]", "", code.upper())
    if not code:
        return [Outgoing(texts.JOIN_USAGE)]
    since = (turn.now - JOIN_FAILURE_WINDOW).isoformat()
    if store.join_failures_since(msg.channel, msg.user_id, since) >= JOIN_FAILURE_LIMIT:
        return [Outgoing(texts.JOIN_SLOW_DOWN.format(minutes=int(JOIN_FAILURE_WINDOW.total_seconds() // 60)))]
    invite = store.invite(code)
    problem = (texts.JOIN_BAD if invite is None else texts.JOIN_USED if invite["used"]
               else texts.JOIN_EXPIRED if dt.datetime.fromisoformat(invite["expires"]) < turn.now else None)
    if problem:
        store.record_join_failure(msg.channel, msg.user_id, turn.now.isoformat())
        return [Outgoing(problem)]
    person_id = store.redeem_invite(code, msg.channel, msg.user_id, msg.display_name, turn.now.isoformat())
    turn.person = store.person(person_id)
    role, village = _role_text(turn, turn.person)
    welcome = turn.say(texts.JOIN_OK, name=turn.person["name"], team=turn.deps.config.organisation.name, role=role,
                                   village=village)
    return [_next_steps(turn, welcome)]


def _next_steps(turn: Turn, welcome: str) -> Outgoing:
    """After joining: the period owed, its deadline, a «Báo cáo ngay» button and the one-message form."""
    village = turn.person["village"]
    if not village:
        return Outgoing(welcome + "\n" + texts.JOIN_NEXT_LEADER, meta=ReplyMeta(joined_as=turn.person["role"]))
    period = turn.period()
    due = due_at(turn.deps.config, period, village)
    text = welcome + "\n" + texts.JOIN_NEXT_MEMBER.format(period=label(period), deadline=due.strftime("%H:%M %d/%m/%Y"),
                                                         example=example_line(turn.deps.config))
    # a village leader gets a member's command menu (their leader commands are about one village)
    joined_as = "village_leader" if turn.scope.village_leader else turn.person["role"]
    return Outgoing(text, (start_button(period),), meta=ReplyMeta(joined_as=joined_as))
