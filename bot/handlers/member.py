"""Village team members: joining with an invite code, the monthly report conversation, tasks.

The report conversation (states in :class:`Step`, diagram in ``member.mmd``)::

    /baocao ──▶ ASK(i) ──number──▶ ASK(i+1) … ──▶ SUMMARY ──Xác nhận──▶ saved
                  │  └─far above last period──▶ CONFIRM_JUMP ──Đúng──▶ ASK(i+1)
                  └─bỏ qua / quay lại / hủy        SUMMARY ──Sửa──▶ CHOOSE_EDIT ──▶ ASK(k) ──▶ SUMMARY

Everything typed in between lives in the session (SQLite), so a restart resumes the half-finished report.
Only "Xác nhận" writes a report, committed before the confirmation is sent.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from enum import StrEnum

from bot import texts
from bot.formatting import vn_number
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing, ReplyMeta
from bot.periods import label, previous_period
from bot.privacy import redact
from bot.storage import PeriodLockedError
from bot.words import BACK_WORDS, CANCEL_WORDS, SKIP_WORDS
from nlu.normalize import fold, fold_words
from nlu.numbers import NumberError, find_numbers, parse_number

JOIN_FAILURE_WINDOW = dt.timedelta(minutes=15)
JOIN_FAILURE_LIMIT = 5
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JUMP_FLOOR = 20
FILLER = {"bao", "cao", "so", "lieu", "thang", "ky", "nay", "ho", "tai", "khoan", "nguoi", "luot", "co", "va", "la",
          "duoc", "gom", "nop", "thon", "gui", "em", "toi", "a", "nhe", "oi", "ban"}


class Step(StrEnum):
    ASK = "ask"
    CONFIRM_JUMP = "confirm_jump"
    SUMMARY = "summary"
    CHOOSE_EDIT = "choose_edit"
    TASK_NOTE = "task_note"


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))


def _role_text(turn: Turn, person: dict) -> tuple[str, str]:
    village = f", {turn.village_name(person['village'])}" if person["village"] else ""
    return texts.ROLE_NAMES.get(person["role"], person["role"]), village


# -- joining --------------------------------------------------------------------------------------------------
def join(turn: Turn, code: str) -> list[Outgoing]:
    """/join CODE: tie this chat account to a roster entry, with slow-down after repeated wrong codes."""
    store, msg = turn.deps.store, turn.msg
    if turn.person:
        role, village = _role_text(turn, turn.person)
        return [Outgoing(texts.ALREADY_MEMBER.format(name=turn.person["name"], role=role, village=village))]
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
    person = store.person(person_id)
    role, village = _role_text(turn, person)
    return [Outgoing(texts.JOIN_OK.format(name=person["name"], team=turn.deps.config.organisation.name, role=role,
                                          village=village), meta=ReplyMeta(joined_as=person["role"]))]


# -- the report conversation ----------------------------------------------------------------------------------
def _indicators(turn: Turn):
    return turn.deps.config.indicators


def _fmt(value: int | None) -> str:
    return texts.REPORT_SKIPPED if value is None else vn_number(value)


def _last_values(turn: Turn, period: str) -> dict[str, int]:
    report = turn.deps.store.report(previous_period(period), turn.person["village"])
    return report["values"] if report else {}


def _question(turn: Turn, index: int) -> Outgoing:
    state = turn.session
    indicator = _indicators(turn)[index]
    last = _last_values(turn, state["period"]).get(indicator.key)
    text = texts.REPORT_ASK.format(n=index + 1, total=len(_indicators(turn)), label=indicator.label,
                                   unit=f" ({indicator.unit})" if indicator.unit else "", period=label(state["period"]),
                                   last=texts.REPORT_LAST.format(value=_fmt(last)) if last is not None else "")
    buttons = [Button(texts.BUTTON_SKIP, "r:skip")] if indicator.optional else []
    if index > 0:
        buttons.append(Button(texts.BUTTON_BACK, "r:back"))
    buttons.append(Button(texts.BUTTON_CANCEL, "r:cancel"))
    return Outgoing(text, tuple(buttons))


def _summary(turn: Turn) -> list[Outgoing]:
    state = turn.session
    state["step"] = Step.SUMMARY
    lines = "\n".join(f"• {i.label}: {_fmt(state['values'].get(i.key))}" + (f" {i.unit}" if i.key in state["values"]
                                                                               and state["values"][i.key] is not None
                                                                               else "")
                      for i in _indicators(turn))
    text = texts.REPORT_SUMMARY.format(period=label(state["period"]), village=turn.village_name(turn.person["village"]),
                                       lines=lines)
    buttons = (Button(texts.BUTTON_CONFIRM, "r:ok"), Button(texts.BUTTON_EDIT, "r:edit"),
               Button(texts.BUTTON_CANCEL, "r:cancel"))
    return [Outgoing(text, buttons)]


def _next(turn: Turn) -> list[Outgoing]:
    """Ask the first indicator not answered yet (in config order), or show the summary."""
    state = turn.session
    if state.pop("editing", None):
        return _summary(turn)
    for i, indicator in enumerate(_indicators(turn)):
        if indicator.key not in state["values"]:
            state.update(step=Step.ASK, index=i)
            return [_question(turn, i)]
    return _summary(turn)


def _village_guard(turn: Turn) -> list[Outgoing] | None:
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    if not turn.person["village"]:
        return [Outgoing(texts.VILLAGE_ONLY)]
    return None


def start_report(turn: Turn, values: dict[str, int] | None = None) -> list[Outgoing]:
    """/baocao: start the report of the current period (or take a one-message report)."""
    if refusal := _village_guard(turn):
        return refusal
    deps, village = turn.deps, turn.person["village"]
    period = turn.period()
    name = turn.village_name(village)
    if deps.store.locked(period):
        return [Outgoing(texts.REPORT_LOCKED.format(period=label(period)))]
    existing = deps.store.report(period, village)
    if existing and turn.session.get("mode") != "edit":
        confirmed = dt.datetime.fromisoformat(existing["confirmed"]).astimezone(turn.now.tzinfo)
        return [Outgoing(texts.REPORT_EXISTS.format(village=name, period=label(period),
                                                    time=confirmed.strftime("%H:%M %d/%m/%Y")))]
    mode = turn.session.get("mode", "new")
    turn.session.clear()
    turn.session.update(flow="report", mode=mode, period=period, values={})
    replies = []
    if values:
        got = ", ".join(f"{i.label} {_fmt(values[i.key])}" for i in _indicators(turn) if i.key in values)
        if any(i.key not in values and not i.optional for i in _indicators(turn)):
            replies.append(Outgoing(texts.REPORT_QUICK_PARTIAL.format(got=got)))
        else:  # optional ones not given count as skipped
            turn.session["values"].update({i.key: None for i in _indicators(turn) if i.key not in values})
    return replies + _take_quick(turn, values or {})


def edit_report(turn: Turn) -> list[Outgoing]:
    """/suabaocao: correct the confirmed report of the current period (until the leader locks it)."""
    if refusal := _village_guard(turn):
        return refusal
    deps, village = turn.deps, turn.person["village"]
    period = turn.period()
    existing = deps.store.report(period, village)
    if deps.store.locked(period):
        return [Outgoing(texts.REPORT_LOCKED.format(period=label(period)))]
    if not existing:
        return [Outgoing(texts.REPORT_NONE_TO_EDIT.format(village=turn.village_name(village), period=label(period)))]
    turn.session.clear()
    turn.session.update(flow="report", mode="edit", period=period, values=dict(existing["values"]))
    return _summary(turn)


def cancel(turn: Turn) -> list[Outgoing]:
    """/huy: drop the conversation in progress."""
    flow = turn.session.get("flow")
    if not flow:
        return [Outgoing(texts.NOTHING_TO_CANCEL)]
    turn.session.clear()
    return [Outgoing(texts.REPORT_CANCELLED if flow == "report" else texts.CANCELLED)]


def _out_of_range(indicator, value: int | None) -> str | None:
    if value is None or indicator.minimum <= value <= indicator.maximum:
        return None
    return texts.REPORT_OUT_OF_RANGE.format(label=indicator.label, value=_fmt(value), low=_fmt(indicator.minimum),
                                            high=_fmt(indicator.maximum))


def _jump(turn: Turn, indicator, value: int | None) -> Outgoing | None:
    """A question when ``value`` is far above last period's."""
    last = _last_values(turn, turn.session["period"]).get(indicator.key)
    factor = turn.deps.config.reporting.jump_factor
    if value is None or last is None or value <= JUMP_FLOOR or value <= factor * max(last, 1):
        return None
    text = texts.REPORT_JUMP.format(label=indicator.label, value=_fmt(value), last=_fmt(last))
    return Outgoing(text, (Button(texts.BUTTON_YES, "r:yes"), Button(texts.BUTTON_REDO, "r:redo")))


def _accept(turn: Turn, value: int | None, confirmed: bool = False) -> list[Outgoing]:
    """Check one typed value (bounds, jump) and store it, or ask again."""
    state = turn.session
    index = state["index"]
    indicator = _indicators(turn)[index]
    if problem := _out_of_range(indicator, value):
        return [Outgoing(problem), _question(turn, index)]
    if not confirmed and (question := _jump(turn, indicator, value)):
        state.update(step=Step.CONFIRM_JUMP, pending=value)
        return [question]
    state["values"][indicator.key] = value
    state.pop("pending", None)
    return _next(turn)


def _take_quick(turn: Turn, values: dict[str, int]) -> list[Outgoing]:
    """Values from a one-message report go through the same checks as typed ones: out-of-range ones are asked
    again, the first far-above-last-period one waits for confirmation, the rest are stored."""
    state = turn.session
    replies, jump = [], None
    for index, indicator in enumerate(_indicators(turn)):
        if indicator.key not in values:
            continue
        value = values[indicator.key]
        if problem := _out_of_range(indicator, value):
            replies.append(Outgoing(problem))
            state["values"].pop(indicator.key, None)
        elif jump is None and (question := _jump(turn, indicator, value)):
            jump = (index, value, question)
            state["values"].pop(indicator.key, None)
        else:
            state["values"][indicator.key] = value
    if jump:
        index, value, question = jump
        state.update(step=Step.CONFIRM_JUMP, index=index, pending=value)
        return replies + [question]
    return replies + _next(turn)


def continue_report(turn: Turn, text: str) -> list[Outgoing]:
    """A typed answer inside the report conversation."""
    state = turn.session
    folded = fold_words(text)
    step = state.get("step")
    if folded in CANCEL_WORDS:
        return cancel(turn)
    quick = parse_report_line(turn, text)
    if quick:
        state["values"].update(quick)
        return _take_quick(turn, quick)
    if step == Step.ASK:
        if folded in SKIP_WORDS:
            return report_button(turn, "r:skip")
        if folded in BACK_WORDS:
            return report_button(turn, "r:back")
        try:
            value = parse_number(text)
        except NumberError as error:
            return [Outgoing(error.hint), _question(turn, state["index"])]
        return _accept(turn, value)
    choices = state.get("choices") or []
    number = int(folded) if folded.isascii() and folded.isdigit() else None
    if step == Step.CHOOSE_EDIT and number is not None:
        return report_button(turn, f"r:e:{number - 1}")
    if step in (Step.SUMMARY, Step.CONFIRM_JUMP) and number is not None and 1 <= number <= len(choices):
        return report_button(turn, choices[number - 1])  # a numbered choice on a channel without buttons
    if step == Step.CONFIRM_JUMP:
        if folded in {"dung", "co", "ok", "yes", "chac chan", "giu"}:
            return report_button(turn, "r:yes")
        return report_button(turn, "r:redo")
    if step == Step.SUMMARY and folded in {"xac nhan", "ok", "dong y", "gui"}:
        return report_button(turn, "r:ok")
    return [Outgoing(texts.REPORT_IN_PROGRESS.format(period=label(state["period"])))] + (
        _summary(turn) if step == Step.SUMMARY else [])


def report_button(turn: Turn, payload: str) -> list[Outgoing]:
    """A button of the report conversation: r:ok, r:edit, r:cancel, r:skip, r:back, r:yes, r:redo, r:e:<index>."""
    state = turn.session
    action = payload[2:]
    if action == "start":  # «Báo cáo ngay» under a reminder
        return start_report(turn)
    if action == "cancel" and state.get("flow"):  # also under a task note
        return cancel(turn)
    if state.get("flow") != "report":
        return _stale_report_button(turn, action)
    if action == "cancel":
        return cancel(turn)
    step = state.get("step")
    if action == "ok" and step == Step.SUMMARY:
        return _confirm(turn)
    if action == "edit" and step == Step.SUMMARY:
        state["step"] = Step.CHOOSE_EDIT
        buttons = tuple(Button(i.label, f"r:e:{n}") for n, i in enumerate(_indicators(turn)))
        return [Outgoing(texts.REPORT_CHOOSE_EDIT, buttons)]
    if action.startswith("e:") and step == Step.CHOOSE_EDIT and (action[2:].isascii() and action[2:].isdigit()):
        index = int(action[2:])
        if 0 <= index < len(_indicators(turn)):
            state.update(step=Step.ASK, index=index, editing=True)
            return [_question(turn, index)]
    if step == Step.ASK and action == "skip":
        if not _indicators(turn)[state["index"]].optional:
            return [Outgoing(texts.REPORT_NOT_OPTIONAL), _question(turn, state["index"])]
        return _accept(turn, None)
    if step == Step.ASK and action == "back":
        if state["index"] == 0:
            return [Outgoing(texts.REPORT_AT_START), _question(turn, 0)]
        state["index"] -= 1
        state["values"].pop(_indicators(turn)[state["index"]].key, None)
        return [_question(turn, state["index"])]
    if step == Step.CONFIRM_JUMP and action == "yes":
        return _accept(turn, state["pending"], confirmed=True)
    if step == Step.CONFIRM_JUMP and action == "redo":
        state["step"] = Step.ASK
        return [_question(turn, state["index"])]
    return [Outgoing(texts.REPORT_IN_PROGRESS.format(period=label(state["period"])))]


def _stale_report_button(turn: Turn, action: str) -> list[Outgoing]:
    """A report button pressed after the conversation ended (e.g. «Xác nhận» twice): store nothing again."""
    if action == "ok" and turn.person and turn.person["village"]:
        deps = turn.deps
        period = turn.period()
        if deps.store.report(period, turn.person["village"]):
            return [Outgoing(texts.REPORT_ALREADY_SAVED.format(period=label(period),
                                                               village=turn.village_name(turn.person["village"])))]
    return [Outgoing(texts.STALE_BUTTON)]


def _confirm(turn: Turn) -> list[Outgoing]:
    state = turn.session
    village, period = turn.person["village"], state["period"]
    values = {k: v for k, v in state["values"].items() if v is not None}
    try:
        version = turn.deps.store.save_report(period, village, values, turn.person["id"], turn.now.isoformat())
    except PeriodLockedError:
        turn.session.clear()
        return [Outgoing(texts.REPORT_LOCKED.format(period=label(period)))]
    turn.session.clear()
    name = turn.village_name(village)
    if version == 1:
        return [Outgoing(texts.REPORT_SAVED.format(period=label(period), village=name, time=turn.now_text()))]
    return [Outgoing(texts.REPORT_UPDATED.format(period=label(period), village=name, version=version - 1,
                                                 time=turn.now_text()))]


def parse_report_line(turn: Turn, text: str) -> dict[str, int] | None:
    """Read "cccd 12, muc2 30, dvc 1.200" into {indicator: value}; None unless the message is only that."""
    folded = " " + " ".join(fold(text).replace(":", " ").replace("=", " ").split()) + " "
    marks: list[tuple[str, str]] = []  # (placeholder, indicator key)
    aliases = sorted(((fold(a), i.key) for i in _indicators(turn) for a in [i.key, *i.aliases]),
                     key=lambda x: -len(x[0]))
    for n, (alias, key) in enumerate(aliases):
        placeholder = chr(0xE000 + n)
        pattern = rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])"
        if re.search(pattern, folded):
            folded = re.sub(pattern, f" {placeholder} ", folded)
            marks.append((placeholder, key))
    if not marks:
        return None
    keys = dict(marks)
    values: dict[str, int] = {}
    between_numbers: list[str] = []
    last_end = 0
    for start, end, value in find_numbers(folded):
        between = folded[last_end:start]
        found = [keys[ch] for ch in between if ch in keys]
        if len(found) != 1:
            return None
        values[found[0]] = value
        between_numbers.append(between)
        last_end = end
    rest = re.sub(r"[\ue000-\uf8ff]", " ", "".join(between_numbers) + folded[last_end:])
    words = [w for w in re.findall(r"[a-z]+", rest) if w not in FILLER]
    if not values or len(words) > 2 or any(ch in keys for ch in folded[last_end:]):
        return None
    return values


# -- tasks ----------------------------------------------------------------------------------------------------
def configured_and_added_tasks(deps) -> list[dict]:
    """Tasks from config.yaml and those added by leaders, soonest due first."""
    tasks = [{"id": t.id, "title": t.title, "product": t.product, "due": t.due.isoformat(), "villages": t.villages}
             for t in deps.config.tasks]
    tasks += deps.store.tasks()
    return sorted(tasks, key=lambda t: (t["due"], t["id"]))


def tasks_for(turn: Turn, village: str) -> list[dict]:
    return [t for t in configured_and_added_tasks(turn.deps) if not t["villages"] or village in t["villages"]]


def my_tasks(turn: Turn) -> list[Outgoing]:
    """«việc của tôi»: the village's tasks with their state, a button per open one."""
    if refusal := _village_guard(turn):
        return refusal
    village = turn.person["village"]
    name = turn.village_name(village)
    tasks = tasks_for(turn, village)
    if not tasks:
        return [Outgoing(texts.TASKS_NONE.format(village=name))]
    done = turn.deps.store.done_tasks(village)
    today = turn.now.date().isoformat()
    lines, buttons = [texts.TASKS_HEADER.format(village=name)], []
    for task in tasks:
        is_done = (task["id"], village) in done
        state = texts.TASK_DONE_STATE if is_done else texts.TASK_OVERDUE_STATE if task["due"] < today else ""
        product = texts.TASK_PRODUCT.format(product=task["product"]) if task["product"] else ""
        due = dt.date.fromisoformat(task["due"]).strftime("%d/%m/%Y")
        lines.append(texts.TASK_LINE.format(id=task["id"], title=task["title"], due=due, product=product, state=state))
        if not is_done:
            buttons.append(Button(texts.TASK_DONE_BUTTON.format(id=task["id"])[:60], f"d:{task['id']}"))
    return [Outgoing("\n".join(lines), tuple(buttons))]


def done_command(turn: Turn, argument: str) -> list[Outgoing]:
    """/xong TASK note: mark the village's task done."""
    if refusal := _village_guard(turn):
        return refusal
    task_id, _, note = argument.strip().partition(" ")
    if not task_id:
        return [Outgoing(texts.TASK_USAGE)]
    return _mark_done(turn, task_id, note.strip())


def task_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Xong: …» pressed: ask for a short note, then mark it done."""
    if refusal := _village_guard(turn):
        return refusal
    task = _find_task(turn, payload[2:])
    if task is None:
        return [Outgoing(texts.TASK_UNKNOWN.format(id=payload[2:]))]
    turn.session.clear()
    turn.session.update(flow="task", step=Step.TASK_NOTE, task=task["id"])
    return [Outgoing(texts.TASK_ASK_NOTE.format(title=task["title"]), (Button(texts.BUTTON_CANCEL, "r:cancel"),))]


def continue_task(turn: Turn, text: str) -> list[Outgoing]:
    folded = fold_words(text)
    if folded in CANCEL_WORDS:
        return cancel(turn)
    task_id = turn.session["task"]
    turn.session.clear()
    return _mark_done(turn, task_id, "" if folded in {"khong", "ko", "k", "khong co"} else text.strip())


def _find_task(turn: Turn, task_id: str) -> dict | None:
    village = turn.person["village"]
    return next((t for t in tasks_for(turn, village) if t["id"] == task_id), None)


def _mark_done(turn: Turn, task_id: str, note: str) -> list[Outgoing]:
    task = _find_task(turn, task_id)
    if task is None:
        return [Outgoing(texts.TASK_UNKNOWN.format(id=task_id[:40]))]
    village = turn.person["village"]
    name = turn.village_name(village)
    if not turn.deps.store.mark_done(task_id, village, turn.person["id"], redact(note)[:500], turn.now.isoformat()):
        return [Outgoing(texts.TASK_ALREADY_DONE.format(title=task["title"], village=name))]
    return [Outgoing(texts.TASK_DONE.format(title=task["title"], village=name))]
