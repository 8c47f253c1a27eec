"""Tickets: a citizen's question passed to a person on the commune team («Hỏi cán bộ»), and the answer back.

Usage::

    code = new_code(deps.store)
    items = officer_items(deps, ticket, text, buttons, key="ticket-new:7")   # outbox items for every officer
    wait_text(deps, deps.now())                                             # an honest wait, office-hours aware
    escalations(deps, now)                                                  # for the scheduler's pass

Who answers: the roster people named in ``handoff.officers``, or by default the commune's leader and deputies.
Every message caused by a ticket goes through the outbox (paced, at-least-once, one key per message), to the
citizen's own chat on whatever channel they used. Officers see a pseudonym («#3fa2c1»), never the citizen's
phone number, user name or chat id, and the question with ID and phone numbers redacted.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from bot import texts
from bot.deps import Deps
from bot.messages import LATE_REPLY_CHANNELS, PUSH_CHANNELS
from bot.team.roles import Scope
from bot.team.units import tree

CODE = re.compile(r"\bH-?(\d{4,6})\b", re.IGNORECASE)
ANSWERABLE_CHANNELS = LATE_REPLY_CHANNELS  # citizens there can receive an officer's answer
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "zalo_oa": "Zalo OA", "web": "web chat"}


def new_code(store) -> str:
    """A short ticket code such as «H-4821», unused so far."""
    while True:
        code = f"H-{secrets.randbelow(9000) + 1000}"
        if store.ticket_by_code(code) is None:
            return code


def code_in(text: str) -> str | None:
    """The ticket code a text mentions («phiếu H-4821», «h4821»), normalised to «H-4821»."""
    match = CODE.search(text or "")
    return f"H-{match.group(1)}" if match else None


def pseudonym(ticket: dict) -> str:
    return f"#{(ticket.get('user_key') or '')[:6]}"


def _leaders(deps: Deps, people: list[dict]) -> list[dict]:
    """The leaders and deputies above the villages (the team's own scope rule)."""
    return [p for p in people if (scope := Scope.of(p, deps.config)) and scope.commune_leader]


def officers(deps: Deps, commune: str | None = None) -> list[dict]:
    """The people who answer citizens' tickets: those named in ``handoff.officers``, else the leaders. In a
    province, a commune's tickets (``commune``, else the commune ``deps`` answers for) go to the officers in that
    commune, or, when it has none, to those of the units above it (the province)."""
    names = {n.casefold() for n in deps.config.handoff.officers}
    people = deps.store.people()
    people = [p for p in people if p["name"].casefold() in names] if names else _leaders(deps, people)
    commune = commune or deps.commune
    if commune is None:
        return people
    return _nearest(deps, people, commune)


def _nearest(deps: Deps, people: list[dict], commune: str) -> list[dict]:
    """Of ``people``, those inside ``commune``, else those whose unit contains it."""
    org = tree(deps.config)
    if commune not in org.units:
        return people
    key = {p["id"]: p.get("village") or p.get("unit") or org.root.key for p in people}
    inside = [p for p in people if org.contains(commune, key[p["id"]])]
    return inside or [p for p in people if key[p["id"]] in org.units and org.contains(key[p["id"]], commune)]


def is_officer(deps: Deps, person: dict | None) -> bool:
    return person is not None and any(p["id"] == person["id"] for p in officers(deps))


def answers_for(deps: Deps, person: dict | None, ticket: dict) -> bool:
    """Whether ``person`` is one of the officers of ``ticket``'s commune (every officer, for one commune)."""
    return person is not None and any(p["id"] == person["id"] for p in officers(deps, ticket.get("commune")))


def _push_accounts(deps: Deps, person_id: int) -> list[dict]:
    return [a for a in deps.store.accounts_of(person_id) if a["channel"] in PUSH_CHANNELS]


def person_items(deps: Deps, people: list[dict], text: str, buttons: list[tuple[str, str]], key: str,
                 ticket_id: int) -> list[dict]:
    """Outbox items that bring ``text`` to every linked chat account of ``people``."""
    return [{"key": key, "channel": a["channel"], "chat_id": a["user_id"], "kind": "notice", "text": text,
             "payload": {"buttons": buttons, "ticket": ticket_id, "officer": p["id"]}}
            for p in people for a in _push_accounts(deps, p["id"])]


def officer_buttons(ticket_id: int) -> list[tuple[str, str]]:
    return [(texts.TICKET_REPLY, f"h:r:{ticket_id}"), (texts.TICKET_FORWARD, f"h:f:{ticket_id}"),
            (texts.TICKET_CLOSE, f"h:c:{ticket_id}")]


def citizen_item(ticket: dict, text: str, buttons: list[tuple[str, str]], key: str) -> dict:
    """An outbox item to the citizen's own chat."""
    return {"key": key, "channel": ticket["channel"], "chat_id": ticket["chat_id"], "kind": "notice", "text": text,
            "payload": {"buttons": buttons, "ticket": ticket["id"], "officer": ticket.get("officer_id"),
                        "to_citizen": True}}


# -- office hours ------------------------------------------------------------------------------------------------
def _window(spec: str | None, day: dt.date, tz) -> tuple[dt.datetime, dt.datetime] | None:
    if not spec:
        return None
    start, end = ([int(x) for x in part.split(":")] for part in spec.split("-"))
    return (dt.datetime(day.year, day.month, day.day, *start, tzinfo=tz),
            dt.datetime(day.year, day.month, day.day, *end, tzinfo=tz))


def office_window(deps: Deps, day: dt.date, tz) -> tuple[dt.datetime, dt.datetime] | None:
    """The office hours of one day (Monday–Friday, Saturday morning where configured; Sunday closed)."""
    cfg = deps.config.handoff
    if day.weekday() < 5:
        return _window(cfg.office_hours, day, tz)
    if day.weekday() == 5:
        return _window(cfg.saturday_hours, day, tz)
    return None


def next_opening(deps: Deps, now: dt.datetime) -> dt.datetime | None:
    """``now`` if the office is open, else when it next opens (within two weeks)."""
    for offset in range(15):
        window = office_window(deps, now.date() + dt.timedelta(days=offset), now.tzinfo)
        if window and now < window[1]:
            return max(now, window[0])
    return None


def working_hours(deps: Deps, start: dt.datetime, end: dt.datetime) -> float:
    """Office hours between two moments."""
    total, day = 0.0, start.date()
    while day <= end.date():
        window = office_window(deps, day, end.tzinfo)
        if window:
            lo, hi = max(window[0], start), min(window[1], end)
            total += max((hi - lo).total_seconds(), 0) / 3600
        day += dt.timedelta(days=1)
    return total


def wait_text(deps: Deps, now: dt.datetime) -> str:
    """What a citizen can honestly expect: an answer in office hours, from the next opening if closed now."""
    opening = next_opening(deps, now)
    if opening is None or opening == now:
        return texts.HANDOFF_WAIT_OPEN
    day = "hôm nay" if opening.date() == now.date() else (
        "ngày mai" if opening.date() == now.date() + dt.timedelta(days=1) else opening.strftime("%d/%m"))
    return texts.HANDOFF_WAIT_CLOSED.format(opening=f"{opening.strftime('%H:%M')} {day}")


# -- the scheduler's part ----------------------------------------------------------------------------------------
def escalations(deps: Deps, now: dt.datetime) -> list[dict]:
    """Outbox items telling the commune's leaders about tickets unanswered for ``escalate_hours`` office hours.

    Office hours never overlap the quiet hours, so an escalation computed in office hours is never sent at night;
    a pass in the quiet hours sends none (the next morning's pass does).
    """
    if not (window := office_window(deps, now.date(), now.tzinfo)) or not window[0] <= now <= window[1]:
        return []
    limit = deps.config.handoff.escalate_hours
    leaders = _leaders(deps, deps.store.people())
    items = []
    for ticket in deps.store.open_tickets():
        created = dt.datetime.fromisoformat(ticket["created"]).astimezone(now.tzinfo)
        if working_hours(deps, created, now) < limit:
            continue
        commune = ticket.get("commune")  # a commune's ticket: its leaders and those above it (the province)
        to = [p for p in leaders if Scope.of(p, deps.config).covers(commune)] \
            if commune in tree(deps.config).units else leaders
        text = texts.TICKET_ESCALATE.format(code=ticket["code"], hours=f"{limit:g}", question=ticket["question"])
        items += person_items(deps, to, text, officer_buttons(ticket["id"]), f"ticket-escalate:{ticket['id']}",
                              ticket["id"])
    return items


def undelivered(deps: Deps, row: dict, reason: str, now: dt.datetime) -> None:
    """An answer that could not reach the citizen (e.g. outside Zalo OA's reply window): tell the officer."""
    payload = row.get("payload") or {}
    if not payload.get("to_citizen") or not payload.get("officer"):
        return
    ticket = deps.store.ticket(payload["ticket"])
    if ticket is None:
        return
    officer = deps.store.person(payload["officer"])
    text = texts.TICKET_UNDELIVERED.format(code=ticket["code"], reason=reason)
    deps.store.enqueue(person_items(deps, [officer], text, [], f"ticket-undelivered:{row['id']}", ticket["id"]),
                       now.isoformat())
