"""«Hỏi cán bộ»: the citizen's side (ask, confirm, receive, add, close) and the officers' side (answer, forward,
close, list).

Citizen flow (session ``flow = "handoff"``, ``handoff.step``)::

    «gặp cán bộ» / 🙋 button ─▶ [last question?] ─▶ offer it ─┬─ «Gửi câu này» ─▶ confirm ─▶ ticket, code, wait
                                                  no ─▶ ask ──┴─ typed question ─▶ confirm

Officers answer by replying to the ticket message, by «Trả lời» then typing (``flow = "ticket_reply"``), or with
``/traloi MÃ nội dung``. Button payloads — the citizen's, in the ``m`` family of navigation buttons: ``mh:ask``,
``mh:last``, ``mh:new``, ``mh:send``, ``mh:x`` (before the ticket), ``mh:ok:<id>``, ``mh:no:<id>``, ``mh:add:<id>``
(after an answer); the officers': ``h:r:<id>``, ``h:f:<id>``, ``h:fp:<id>:<person>``, ``h:c:<id>``.
"""

from __future__ import annotations

import datetime as dt
import re

from bot import texts, tickets
from bot.handlers import commune
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.privacy import redact
from nlu.cues import WORDS
from nlu.normalize import fold_words

FLOWS = ("handoff", "ticket_reply")
LAST_QUESTION_WINDOW = dt.timedelta(minutes=30)
MIN_QUESTION_CHARS = 8
_ASK_PERSON = re.compile(
    r"\b(gap|hoi|noi chuyen( voi)?|lien he( voi)?|ket noi( voi)?|chuyen( cho)?|can(?! cuoc)|muon)\b.*"
    r"\b(can bo|nguoi that|nhan vien|tu van vien|cong an xa|to cong tac)\b")


def wants_person(text: str) -> bool:
    """«cho tôi gặp cán bộ», «hỏi người thật», «nói chuyện với công an xã» (not «công an xã ở đâu»)."""
    folded = fold_words(text)
    return len(folded) <= 80 and bool(_ASK_PERSON.search(folded)) and "o dau" not in folded


def remember_question(turn: Turn, text: str, replies: list[Outgoing]) -> None:
    """Keep the citizen's last question (redacted) and the topic answered, to offer it to an officer."""
    meta = next((r.meta for r in replies if r.meta), None)
    turn.session["asked"] = {"q": redact(text)[:500], "topic": meta.topic if meta else None,
                             "at": turn.now.isoformat()}


def _refusal(turn: Turn) -> Outgoing | None:
    contact = turn.deps.config.organisation.contact
    if not turn.deps.config.handoff.enabled or turn.msg.channel not in tickets.ANSWERABLE_CHANNELS:
        return Outgoing(texts.HANDOFF_NOT_HERE.format(contact=contact))
    if not tickets.officers(turn.deps):
        return Outgoing(texts.HANDOFF_NO_OFFICER.format(contact=contact))
    return None


def start(turn: Turn, argument: str = "") -> list[Outgoing]:
    """The citizen asks for a person: offer the last question, or ask for one."""
    replay = {"text": f"/hoicanbo {argument.strip()}"} if argument.strip() else {"payload": "mh:ask"}
    answerable = turn.deps.config.handoff.enabled and turn.msg.channel in tickets.ANSWERABLE_CHANNELS
    if answerable and (ask := commune.ask_first(turn, replay)):  # a province: the commune's own team answers
        return ask
    if refusal := _refusal(turn):
        return [refusal]
    if argument.strip():
        return _confirm(turn, argument.strip())
    asked = turn.session.get("asked") or {}
    fresh = asked.get("at") and turn.now - dt.datetime.fromisoformat(asked["at"]) <= LAST_QUESTION_WINDOW
    last, topic = (asked.get("q"), asked.get("topic")) if fresh else (None, None)
    if last:
        turn.session.update(flow="handoff", handoff={"step": "offer", "question": last, "topic": topic})
        return [Outgoing(texts.HANDOFF_OFFER_LAST.format(question=last),
                         (Button(texts.HANDOFF_SEND_LAST, "mh:last"), Button(texts.HANDOFF_WRITE_NEW, "mh:new"),
                          Button(texts.HANDOFF_CANCEL, "mh:x")))]
    return _ask(turn)


def _ask(turn: Turn) -> list[Outgoing]:
    turn.session.update(flow="handoff", handoff={"step": "question"})
    return [Outgoing(texts.HANDOFF_ASK, (Button(texts.HANDOFF_CANCEL, "mh:x"),))]


def _confirm(turn: Turn, question: str) -> list[Outgoing]:
    if len(question) < MIN_QUESTION_CHARS:
        turn.session.update(flow="handoff", handoff={"step": "question"})
        return [Outgoing(texts.HANDOFF_TOO_SHORT, (Button(texts.HANDOFF_CANCEL, "mh:x"),))]
    topic = (turn.session.get("handoff") or {}).get("topic")
    turn.session.update(flow="handoff", handoff={"step": "confirm", "question": question, "topic": topic})
    return [Outgoing(texts.HANDOFF_CONFIRM.format(question=question),
                     (Button(texts.HANDOFF_SEND, "mh:send"), Button(texts.HANDOFF_EDIT, "mh:new"),
                      Button(texts.HANDOFF_CANCEL, "mh:x")))]


def _end(turn: Turn) -> None:
    turn.session["flow"] = None
    turn.session["handoff"] = None
    turn.session["ticket"] = None


def continue_flow(turn: Turn, text: str) -> list[Outgoing]:
    """A typed message while a hand-off conversation is open (citizen or officer)."""
    if fold_words(text) in WORDS.handoff_cancel:
        _end(turn)
        return [Outgoing(texts.HANDOFF_CANCELLED)]
    if turn.session.get("flow") == "ticket_reply":
        ticket_id = turn.session.get("ticket")
        _end(turn)
        return answer(turn, ticket_id, text)
    state = turn.session.get("handoff") or {}
    if state.get("step") == "add":
        _end(turn)
        return _add(turn, state.get("ticket"), text)
    choices = turn.session.get("choices") or []
    if text.strip().isascii() and text.strip().isdigit() and state.get("step") in ("offer", "confirm", "question"):
        number = int(text.strip())  # channels without buttons: a number picks one of the offered choices
        if 1 <= number <= len(choices):
            return button(turn, choices[number - 1])
        return [Outgoing(texts.HANDOFF_PICK.format(n=len(choices)))] if choices else _ask(turn)
    return _confirm(turn, text.strip())


def _send(turn: Turn) -> list[Outgoing]:
    """Open the ticket: limits, the ticket row, the officers' notices (one transaction each), the code."""
    deps, msg, store = turn.deps, turn.msg, turn.deps.store
    state = turn.session.get("handoff") or {}
    question = state.get("question")
    _end(turn)
    if not question:
        return [Outgoing(texts.STALE_BUTTON)]
    if refusal := _refusal(turn):
        return [refusal]
    cfg, contact = deps.config.handoff, deps.config.organisation.contact
    waiting = store.tickets_of(msg.channel, msg.user_id, ("open", "taken"))
    if len(waiting) >= cfg.max_open:
        return [Outgoing(texts.HANDOFF_LIMIT_OPEN.format(count=len(waiting), contact=contact,
                                                         codes=", ".join(t["code"] for t in waiting)))]
    midnight = turn.now.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()
    today = store.tickets_of(msg.channel, msg.user_id, ("open", "taken", "answered", "closed"), since=midnight)
    if len(today) >= cfg.max_per_day:
        return [Outgoing(texts.HANDOFF_LIMIT_DAY.format(count=len(today)))]
    code = tickets.new_code(store)
    bot_topic = state.get("topic")
    ticket_id = store.open_ticket(code, msg.channel, msg.user_id, msg.chat_id, question, bot_topic,
                                  turn.now.isoformat(), commune=deps.commune)
    ticket = store.ticket(ticket_id)
    entry = deps.kb.entries.get(bot_topic or "")
    notice = texts.TICKET_NEW.format(code=code, who=tickets.pseudonym(ticket), question=ticket["question"],
                                     channel=tickets.CHANNEL_NAMES.get(msg.channel, msg.channel),
                                     bot_answer=entry.title if entry else texts.TICKET_BOT_NONE)
    store.enqueue(tickets.person_items(deps, tickets.officers(deps), notice, tickets.officer_buttons(ticket_id),
                                       f"ticket-new:{ticket_id}", ticket_id), turn.now.isoformat())
    return [Outgoing(texts.HANDOFF_SENT.format(code=code, wait=tickets.wait_text(deps, turn.now)))]


def _own_ticket(turn: Turn, ticket_id: int) -> dict | None:
    ticket = turn.deps.store.ticket(ticket_id)
    if ticket and ticket["channel"] == turn.msg.channel and ticket["user_id"] == turn.msg.user_id:
        return ticket
    return None


def _rate(turn: Turn, ticket_id: int, helpful: bool) -> list[Outgoing]:
    ticket = _own_ticket(turn, ticket_id)
    if ticket is None or not turn.deps.store.close_ticket(ticket_id, turn.now.isoformat(), 1 if helpful else -1):
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    text = texts.HANDOFF_RATED if helpful else texts.HANDOFF_RATED_NO
    buttons = () if helpful else (Button(texts.HANDOFF_BUTTON, "mh:ask"),)
    return [Outgoing(text.format(code=ticket["code"]), buttons)]


def _add(turn: Turn, ticket_id: int | None, text: str) -> list[Outgoing]:
    """The citizen adds to their ticket; its officer (or every officer, if nobody has it) is told."""
    ticket = _own_ticket(turn, ticket_id) if ticket_id else None
    if ticket is None or ticket["status"] == "closed":
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    store, deps = turn.deps.store, turn.deps
    count = len(store.ticket_messages(ticket["id"]))
    people = [store.person(ticket["officer_id"])] if ticket["officer_id"] else tickets.officers(deps, ticket["commune"])
    notice = texts.TICKET_ADDED.format(code=ticket["code"], text=redact(text))
    items = tickets.person_items(deps, people, notice, tickets.officer_buttons(ticket["id"]),
                                 f"ticket-add:{ticket['id']}:{count}", ticket["id"])
    store.add_ticket_message(ticket["id"], "citizen", text, turn.now.isoformat(),
                             status="taken" if ticket["officer_id"] else "open", outbox=items)
    return [Outgoing(texts.HANDOFF_ADDED.format(code=ticket["code"]))]


# -- officers ---------------------------------------------------------------------------------------------------
def _officer_only(turn: Turn) -> list[Outgoing] | None:
    if not tickets.is_officer(turn.deps, turn.person):
        return [Outgoing(texts.TICKET_NOT_OFFICER)]
    return None


def _not_theirs(turn: Turn, ticket: dict) -> list[Outgoing] | None:
    """A province: another commune's ticket is answered by that commune's officers."""
    if tickets.answers_for(turn.deps, turn.person, ticket):
        return None
    where = commune.name(turn.deps.config, ticket["commune"]) if ticket["commune"] else ""
    return [Outgoing(texts.TICKET_OTHER_COMMUNE.format(code=ticket["code"], commune=where))]


def answer(turn: Turn, ticket_id: int | None, text: str) -> list[Outgoing]:
    """An officer's answer: take the ticket if nobody has, record it and queue it to the citizen (one commit)."""
    if refusal := _officer_only(turn):
        return refusal
    store = turn.deps.store
    ticket = store.ticket(ticket_id) if ticket_id else None
    if ticket is None or ticket["status"] == "closed":
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    if other := _not_theirs(turn, ticket):
        return other
    if not store.take_ticket(ticket["id"], turn.person["id"], turn.now.isoformat()):
        owner = store.person(ticket["officer_id"]) if ticket["officer_id"] else None
        return [Outgoing(texts.TICKET_TAKEN_BY.format(code=ticket["code"], name=owner["name"] if owner else "?"))]
    count = len(store.ticket_messages(ticket["id"]))
    reply = tickets.citizen_item(
        {**ticket, "officer_id": turn.person["id"]}, texts.HANDOFF_ANSWER.format(code=ticket["code"], text=text),
        [(texts.HANDOFF_HELPFUL, f"mh:ok:{ticket['id']}"), (texts.HANDOFF_NOT_HELPFUL, f"mh:no:{ticket['id']}"),
         (texts.HANDOFF_MORE, f"mh:add:{ticket['id']}")], f"ticket-answer:{ticket['id']}:{count}")
    store.add_ticket_message(ticket["id"], "officer", text, turn.now.isoformat(), person_id=turn.person["id"],
                             status="answered", outbox=[reply])
    return [Outgoing(texts.TICKET_ANSWERED.format(code=ticket["code"]))]


def answer_command(turn: Turn, argument: str) -> list[Outgoing]:
    """/traloi MÃ nội dung."""
    if refusal := _officer_only(turn):
        return refusal
    code = tickets.code_in(argument.split(" ", 1)[0]) if argument else None
    body = argument.split(" ", 1)[1].strip() if " " in argument else ""
    if not code or not body:
        return [Outgoing(texts.TICKET_USAGE)]
    ticket = turn.deps.store.ticket_by_code(code)
    if ticket is None:
        return [Outgoing(texts.TICKET_NOT_FOUND.format(code=code))]
    return answer(turn, ticket["id"], body)


def answer_reply(turn: Turn, quoted: str, text: str) -> list[Outgoing] | None:
    """An officer replied to a ticket message: that reply is the answer. None when it is not such a reply."""
    code = tickets.code_in(quoted)
    if not code or not tickets.is_officer(turn.deps, turn.person):
        return None
    ticket = turn.deps.store.ticket_by_code(code)
    return answer(turn, ticket["id"], text) if ticket else [Outgoing(texts.TICKET_NOT_FOUND.format(code=code))]


def list_tickets(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/phieu: the tickets waiting for an answer."""
    if refusal := _officer_only(turn):
        return refusal
    store, lines = turn.deps.store, []
    tickets = [t for t in store.open_tickets() if not _not_theirs(turn, t)]
    if not tickets:
        return [Outgoing(texts.TICKET_LIST_EMPTY)]
    for t in tickets:
        hours = (turn.now - dt.datetime.fromisoformat(t["created"])).total_seconds() / 3600
        age = f"{int(hours * 60)} phút" if hours < 1 else f"{hours:.0f} giờ" if hours < 48 else f"{hours / 24:.0f} ngày"
        state = texts.TICKET_STATE_OPEN if t["status"] == "open" else texts.TICKET_STATE_TAKEN.format(
            name=store.person(t["officer_id"])["name"])
        lines.append(texts.TICKET_LIST_LINE.format(code=t["code"], age=age, state=state, question=t["question"][:80]))
    return [Outgoing(texts.TICKET_LIST.format(count=len(tickets), lines="\n".join(lines)))]


def _take_for_reply(turn: Turn, ticket_id: int) -> list[Outgoing]:
    store = turn.deps.store
    ticket = store.ticket(ticket_id)
    if ticket is None or ticket["status"] == "closed":
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    if other := _not_theirs(turn, ticket):
        return other
    if not store.take_ticket(ticket_id, turn.person["id"], turn.now.isoformat()):
        owner = store.person(ticket["officer_id"])
        return [Outgoing(texts.TICKET_TAKEN_BY.format(code=ticket["code"], name=owner["name"]))]
    turn.session.update(flow="ticket_reply", ticket=ticket_id)
    return [Outgoing(texts.TICKET_TYPE_ANSWER.format(code=ticket["code"]))]


def _forward_choices(turn: Turn, ticket_id: int) -> list[Outgoing]:
    ticket = turn.deps.store.ticket(ticket_id)
    if ticket is None or ticket["status"] == "closed":
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    if other := _not_theirs(turn, ticket):
        return other
    others = [p for p in tickets.officers(turn.deps, ticket["commune"]) if p["id"] != turn.person["id"]]
    if not others:
        return [Outgoing(texts.TICKET_FORWARD_NONE)]
    return [Outgoing(texts.TICKET_FORWARD_CHOOSE.format(code=ticket["code"]),
                     tuple(Button(p["name"], f"h:fp:{ticket_id}:{p['id']}") for p in others[:8]))]


def _forward(turn: Turn, ticket_id: int, person_id: int) -> list[Outgoing]:
    deps, store = turn.deps, turn.deps.store
    ticket = store.ticket(ticket_id)
    target = next((p for p in tickets.officers(deps, ticket and ticket["commune"]) if p["id"] == person_id), None)
    if ticket is None or ticket["status"] == "closed" or target is None:
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    if other := _not_theirs(turn, ticket):
        return other
    store.assign_ticket(ticket_id, person_id, turn.now.isoformat())
    notice = texts.TICKET_FORWARDED_TO_YOU.format(name=turn.person["name"], code=ticket["code"],
                                                  question=ticket["question"])
    count = len(store.ticket_messages(ticket_id))
    store.enqueue(tickets.person_items(deps, [target], notice, tickets.officer_buttons(ticket_id),
                                       f"ticket-forward:{ticket_id}:{person_id}:{count}", ticket_id),
                  turn.now.isoformat())
    return [Outgoing(texts.TICKET_FORWARDED.format(code=ticket["code"], name=target["name"]))]


def _close(turn: Turn, ticket_id: int) -> list[Outgoing]:
    deps, store = turn.deps, turn.deps.store
    ticket = store.ticket(ticket_id)
    if ticket is not None and (other := _not_theirs(turn, ticket)):
        return other
    if ticket is None or not store.close_ticket(ticket_id, turn.now.isoformat()):
        return [Outgoing(texts.HANDOFF_TICKET_GONE)]
    if ticket["status"] != "answered":  # closed without an answer: the citizen must not wait in vain
        local = commune.localised(deps, ticket["commune"] if ticket["commune"] in commune.communes(deps.config)
                                  else None)  # the citizen's commune's contact, not the closing officer's
        notice = texts.HANDOFF_CLOSED_BY_TEAM.format(code=ticket["code"], contact=local.config.organisation.contact)
        store.enqueue([tickets.citizen_item(ticket, notice, [], f"ticket-closed:{ticket_id}")], turn.now.isoformat())
    return [Outgoing(texts.TICKET_CLOSED.format(code=ticket["code"]))]


def button(turn: Turn, payload: str) -> list[Outgoing]:
    """Every ``h:`` button."""
    parts = payload.split(":")
    action, numbers = parts[1] if len(parts) > 1 else "", parts[2:]
    if not all(n.isascii() and n.isdigit() for n in numbers):
        return [Outgoing(texts.STALE_BUTTON)]
    ids = [int(n) for n in numbers]
    citizen = {"ask": lambda: start(turn), "new": lambda: _ask(turn), "send": lambda: _send(turn),
               "last": lambda: _confirm(turn, (turn.session.get("handoff") or {}).get("question", "")),
               "x": lambda: (_end(turn), [Outgoing(texts.HANDOFF_CANCELLED)])[1]}
    if action in citizen and not ids:
        if action in ("send", "last") and turn.session.get("flow") != "handoff":
            return [Outgoing(texts.STALE_BUTTON)]
        return citizen[action]()
    if action in ("ok", "no") and len(ids) == 1:
        return _rate(turn, ids[0], action == "ok")
    if action == "add" and len(ids) == 1:
        ticket = _own_ticket(turn, ids[0])
        if ticket is None or ticket["status"] == "closed":
            return [Outgoing(texts.HANDOFF_TICKET_GONE)]
        turn.session.update(flow="handoff", handoff={"step": "add", "ticket": ids[0]})
        return [Outgoing(texts.HANDOFF_ADD_ASK.format(code=ticket["code"]))]
    officer = {"r": _take_for_reply, "f": _forward_choices, "c": _close}
    if action in officer and len(ids) == 1 or action == "fp" and len(ids) == 2:
        if refusal := _officer_only(turn):
            return refusal
        return _forward(turn, *ids) if action == "fp" else officer[action](turn, ids[0])
    return [Outgoing(texts.STALE_BUTTON)]
