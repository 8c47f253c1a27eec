"""A plan's tasks for the leaders of their lead units: «việc của tôi», ``/xong MÃ ghi chú``, ``/tiendo MÃ ghi
chú``, the «✅ Xong: MÃ» button (under the list and each reminder) and its note.

Each lead unit marks its own part: the leaders and deputies of a commune, a department or the province (a
village's «tổ trưởng thôn» for a task led by the village) mark it for their unit. A monthly task is marked month
by month (the oldest month not done first); a «thường xuyên» task takes progress notes only.
"""

from __future__ import annotations

from bot import texts
from bot.handlers.report import cancel
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.privacy import redact
from bot.team.periods import label
from bot.team.plan_tasks import TaskState, find_open, mark, open_tasks
from nlu.cues import WORDS
from nlu.normalize import fold_words

PTASK_NOTE = "ptask_note"
MAX_BUTTONS = 8


def lead_unit(turn: Turn) -> str | None:
    """The unit whose plan tasks this person marks: a leader's or deputy's unit, a village leader's village."""
    scope = turn.scope
    return scope.unit if scope and (scope.commune_leader or scope.village_leader) else None


def _when(row: TaskState) -> str:
    if row.due is None:
        return texts.PTASK_ONGOING
    due = row.due.strftime("%d/%m/%Y")
    return texts.PTASK_MONTH.format(due=due, month=label(row.occurrence).removeprefix("tháng ")) \
        if row.occurrence else texts.PTASK_DUE.format(due=due)


def _line(row: TaskState) -> str:
    product = texts.TASK_PRODUCT.format(product=row.product) if row.product else ""
    state = texts.PTASK_STATES[row.state].format(days=row.late_days)
    line = texts.PTASK_LINE.format(code=row.code, title=row.title, when=_when(row), product=product, state=state)
    return line + (texts.PTASK_NOTE_LINE.format(note=row.note) if row.note else "")


def plan_list(turn: Turn) -> list[Outgoing] | None:
    """The plan tasks of the person's unit with their state and a «Xong» button per open one; None if none."""
    unit = lead_unit(turn)
    rows = open_tasks(turn.deps.config, turn.deps.store, unit, turn.now) if unit else []
    if not rows:
        return None
    lines = [texts.PTASKS_HEADER.format(unit=turn.village_name(unit)), *(_line(r) for r in rows)]
    buttons = [Button(texts.PTASK_DONE_BUTTON.format(code=r.code)[:60], f"w:d:{r.code}:{r.occurrence}")
               for r in rows if r.state in ("overdue", "open")][:MAX_BUTTONS]
    return [Outgoing("\n".join(lines) + texts.PTASKS_HINT, tuple(buttons))]


def done_command(turn: Turn, argument: str) -> list[Outgoing] | None:
    """/xong MÃ ghi chú for a plan task of the person's unit; None when MÃ is not one (a village task then)."""
    code, _, note = argument.strip().partition(" ")
    unit = lead_unit(turn)
    rows = [r for r in open_tasks(turn.deps.config, turn.deps.store, unit, turn.now)
            if r.code == code.lower()] if unit and code else []
    if not rows:
        return None
    row = next((r for r in rows if r.state != "done"), rows[0])
    if row.state == "done":
        return [Outgoing(texts.TASK_ALREADY_DONE.format(title=row.title, village=row.unit_name))]
    return _mark(turn, row, note.strip(), done=True)


def progress_command(turn: Turn, argument: str) -> list[Outgoing]:
    """/tiendo MÃ ghi chú: a progress note on a plan task of the person's unit."""
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    code, _, note = argument.strip().partition(" ")
    unit = lead_unit(turn)
    if unit is None:
        return [Outgoing(texts.PTASK_LEADERS_ONLY)]
    if not code or not note.strip():
        return [Outgoing(texts.PTASK_PROGRESS_USAGE)]
    row = find_open(turn.deps.config, turn.deps.store, unit, code, turn.now)
    if row is None:
        return [Outgoing(texts.PTASK_UNKNOWN.format(unit=turn.village_name(unit), code=code[:30]))]
    return _mark(turn, row, note.strip(), done=False)


def button(turn: Turn, payload: str) -> list[Outgoing]:
    """«✅ Xong: MÃ» (w:d:<code>:<occurrence>): ask for a short note, then mark it done."""
    _, _, rest = payload.partition(":")
    action, _, rest = rest.partition(":")
    code, _, occurrence = rest.partition(":")
    unit = lead_unit(turn) if turn.person else None
    row = next((r for r in open_tasks(turn.deps.config, turn.deps.store, unit, turn.now)
                if r.code == code and r.occurrence == occurrence), None) if unit and action == "d" else None
    if row is None:
        return [Outgoing(texts.STALE_BUTTON)]
    if row.state == "done":
        return [Outgoing(texts.TASK_ALREADY_DONE.format(title=row.title, village=row.unit_name))]
    if row.state == "ongoing":
        return [Outgoing(turn.say(texts.PTASK_ONGOING_DONE, title=row.title))]
    turn.session.clear()
    turn.session.update(flow="ptask", step=PTASK_NOTE, code=code, occurrence=occurrence)
    return [Outgoing(turn.say(texts.PTASK_ASK_NOTE, title=row.title), (Button(texts.BUTTON_CANCEL, "r:cancel"),))]


def continue_note(turn: Turn, text: str) -> list[Outgoing]:
    """The note typed after «Xong: …» («không» for none)."""
    folded = fold_words(text)
    if folded in WORDS.cancel:
        return cancel(turn)
    code, occurrence = turn.session.get("code"), turn.session.get("occurrence", "")
    turn.session.clear()
    unit = lead_unit(turn)
    row = next((r for r in open_tasks(turn.deps.config, turn.deps.store, unit, turn.now)
                if r.code == code and r.occurrence == occurrence), None) if unit else None
    if row is None:
        return [Outgoing(texts.STALE_BUTTON)]
    return _mark(turn, row, "" if folded in WORDS.no_note else text.strip(), done=True)


def _mark(turn: Turn, row: TaskState, note: str, done: bool) -> list[Outgoing]:
    if row.state == "ongoing" and done:
        return [Outgoing(turn.say(texts.PTASK_ONGOING_DONE, title=row.title))]
    note = redact(note)[:500]
    if not mark(turn.deps.store, row, turn.person["id"], note, turn.now, done=done):
        return [Outgoing(texts.TASK_ALREADY_DONE.format(title=row.title, village=row.unit_name))]
    if not done:
        return [Outgoing(texts.PTASK_PROGRESS.format(title=row.title, unit=row.unit_name, note=note))]
    month = texts.PTASK_DONE_MONTH.format(month=label(row.occurrence).removeprefix("tháng ")) if row.occurrence \
        else ""
    return [Outgoing(turn.say(texts.PTASK_DONE, title=row.title, unit=row.unit_name, month=month))]
