"""Dated tasks of a village: «việc của tôi», ``/xong TASK ghi chú``, the «Xong: …» button and its note."""

from __future__ import annotations

import datetime as dt

from bot import texts
from bot.handlers import plan_tasks
from bot.handlers.report import cancel, village_guard
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.privacy import redact
from bot.team.tasks import find_task, tasks_for
from nlu.cues import WORDS
from nlu.normalize import fold_words

TASK_NOTE = "task_note"


def my_tasks(turn: Turn, argument: str = "") -> list[Outgoing]:
    """«việc của tôi»: the village's tasks with their state, a button per open one; a unit's leaders get the
    plan tasks their unit leads (a village leader both)."""
    plan = plan_tasks.plan_list(turn) if turn.person else None
    if turn.person and not turn.person["village"]:
        return plan or [Outgoing(texts.PTASKS_NONE.format(unit=turn.village_name(turn.scope.unit)))]
    if refusal := village_guard(turn):
        return refusal
    village = turn.person["village"]
    name = turn.village_name(village)
    tasks = tasks_for(turn.deps.config, turn.deps.store, village)
    if not tasks:
        return [Outgoing(texts.TASKS_NONE.format(village=name)), *(plan or [])]
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
    return [Outgoing("\n".join(lines), tuple(buttons)), *(plan or [])]


def done_command(turn: Turn, argument: str) -> list[Outgoing]:
    """/xong TASK note: mark the village's task (or a plan task of the person's unit) done."""
    if turn.person and (plan := plan_tasks.done_command(turn, argument)) is not None:
        return plan
    if turn.person and not turn.person["village"] and plan_tasks.lead_unit(turn):  # a unit's leader: plan tasks
        return [Outgoing(texts.PTASK_UNKNOWN.format(unit=turn.village_name(turn.scope.unit),
                                                    code=argument.split()[0][:30] if argument.split() else ""))]
    if refusal := village_guard(turn):
        return refusal
    task_id, _, note = argument.strip().partition(" ")
    if not task_id:
        return [Outgoing(texts.TASK_USAGE)]
    return _mark_done(turn, task_id, note.strip())


def task_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Xong: …» pressed: ask for a short note, then mark it done."""
    if refusal := village_guard(turn):
        return refusal
    task = find_task(turn.deps.config, turn.deps.store, turn.person["village"], payload[2:])
    if task is None:
        return [Outgoing(texts.TASK_UNKNOWN.format(id=payload[2:]))]
    turn.session.clear()
    turn.session.update(flow="task", step=TASK_NOTE, task=task["id"])
    return [Outgoing(turn.say(texts.TASK_ASK_NOTE, title=task["title"]), (Button(texts.BUTTON_CANCEL, "r:cancel"),))]


def continue_task(turn: Turn, text: str) -> list[Outgoing]:
    """The note typed after «Xong: …» («không» for none)."""
    folded = fold_words(text)
    if folded in WORDS.cancel:
        return cancel(turn)
    task_id = turn.session["task"]
    turn.session.clear()
    return _mark_done(turn, task_id, "" if folded in WORDS.no_note else text.strip())


def _mark_done(turn: Turn, task_id: str, note: str) -> list[Outgoing]:
    village = turn.person["village"]
    task = find_task(turn.deps.config, turn.deps.store, village, task_id)
    if task is None:
        return [Outgoing(texts.TASK_UNKNOWN.format(id=task_id[:40]))]
    name = turn.village_name(village)
    if not turn.deps.store.mark_done(task_id, village, turn.person["id"], redact(note)[:500], turn.now.isoformat()):
        return [Outgoing(texts.TASK_ALREADY_DONE.format(title=task["title"], village=name))]
    return [Outgoing(turn.say(texts.TASK_DONE, title=task["title"], village=name))]
