"""A plan's task table at province scale (seed 004's appendix): each task has lead units, supporting units, a
product and a deadline; the lead units' leaders are reminded, mark progress and done; the province sees what is
overdue, per unit.

Usage::

    tasks, warnings = read_plan(Path("ke_hoach_2024.xlsx"), config)   # raises PlanError listing every bad row
    new, changed = import_plan(store, tasks, now)                     # idempotent: the same file changes nothing
    board = task_board(config, store, now, within="an_dung")          # every (task, lead unit) and its state
    board.overdue_by_unit()                                           # {unit key: [TaskState, …]}
    open_tasks(config, store, "an_dung", now)                         # what a unit's leader has to do

Columns (header names in Vietnamese, with or without diacritics; the header row may sit below a title): «Nội
dung, nhiệm vụ» (the task), «Đơn vị chủ trì» (lead), «Đơn vị phối hợp» (supporting), «Kết quả sản phẩm»
(product), «Thời gian hoàn thành» / «Thời hạn» (deadline); optional «STT» and «Mã» (a task code). Section headings
(«I. VỀ CÔNG TÁC CHỈ ĐẠO…») and repeated header rows are skipped.

Deadlines (:func:`parse_deadline`): a date «15/09/2024»; a month «Tháng 9/2024» (its last day); a quarter «Quý
I/2024» (I–IV or 1–4: its last day); a year «Trong năm 2024» / «Năm 2024» (31/12); «Hàng tháng» (every month, due
its last day) and «Ngày 22 hàng tháng» (every month on the 22nd): one occurrence per month, each reminded;
«Thường xuyên», «Thực hiện thường xuyên» (also «Từ tháng 01/2024 và thực hiện thường xuyên») and «Theo lộ trình …»
have no date: no reminder, listed in digests. Anything else is a bad row.

Units: a cell names one or more units of the tree, separated by commas (a name may itself hold a comma, «Sở Lao
động, Thương binh và Xã hội»), by name or key, with or without diacritics, «Xã»/«Phường», «UBND xã», «Ủy ban nhân
dân», «Công an xã» in front. «Công an tỉnh» and «UBND tỉnh» are the province (the root) unless the tree has a unit of
that name. Groups stand for several units: «UBND các xã, phường» / «UBND các huyện, thị xã, thành phố» / «UBND các
địa phương» (every commune), «Các sở, ban, ngành» (every department), «Các cơ quan, đơn vị» (both), «Các thôn, tổ
dân phố» (every village: their «tổ trưởng thôn» are reminded). A lead unit that
is not in the tree makes the row bad; a supporting unit that is not is kept as written (it gets no reminder) and
named in the warnings.

A task's code is its «Mã» column, else ``nv`` + six hex digits of a hash of its text and lead cell, so importing
the same file again finds the same tasks and changes nothing; an edited deadline or product updates the task.
Two identical rows are one task (a warning); two rows with the same text and lead but different deadlines are bad.
Each lead unit is tracked on its own: done for one commune is not done for another.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.storage import Store
from bot.team.sheets import read_rows
from bot.team.units import OrgTree, tree, without_prefix
from nlu.cues import WORDS
from nlu.normalize import fold

REQUIRED = ("task", "lead", "deadline")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
MAX_NAME_WORDS = 16


class PlanError(Exception):
    """The plan cannot be imported; the message names the file and every bad row, in Vietnamese."""


def _norm(text: str) -> str:
    """Folded, punctuation as spaces: «Sở Lao động-Thương binh và Xã hội» -> «so lao dong thuong binh va xa hoi»."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


# -- deadlines -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deadline:
    kind: str  # date | month | quarter | year (one due date) | monthly (every month) | ongoing (no date)
    due: dt.date | None = None  # one-off kinds
    day: int | None = None  # monthly: the day of the month (None: its last day)

    def due_in(self, year: int, month: int) -> dt.date:
        """A monthly task's due date in one month (day 31 in a short month: its last day)."""
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(self.day or last, last))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str) -> Deadline | None:
    """The deadline a cell of the «Thời gian hoàn thành» column means, or None (see the module docstring)."""
    folded = " ".join(fold(text).replace(".", " ").split())
    if not folded:
        return None
    if "thuong xuyen" in folded or folded.startswith("theo lo trinh"):
        return Deadline("ongoing")
    if m := re.search(r"(?:ngay|truoc ngay) (\d{1,2}) (?:hang|moi|cac) thang", folded):
        day = int(m.group(1))
        return Deadline("monthly", day=day) if 1 <= day <= 31 else None
    if re.search(r"\b(?:hang|moi) thang\b", folded):
        return Deadline("monthly")
    try:
        if m := re.search(r"\b(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})\b", folded):
            return Deadline("date", dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        if m := re.search(r"\bthang (\d{1,2}) ?(?:/|-|nam) ?(\d{4})\b", folded):
            return Deadline("month", _month_end(int(m.group(2)), int(m.group(1))))
        if m := re.search(r"\bquy (iv|iii|ii|i|[1-4]) ?(?:/|-|nam) ?(\d{4})\b", folded):
            quarter = ROMAN.get(m.group(1)) or int(m.group(1))
            return Deadline("quarter", _month_end(int(m.group(2)), 3 * quarter))
        if m := re.fullmatch(r"(?:trong |ca |het )?nam (\d{4})", folded):
            return Deadline("year", dt.date(int(m.group(1)), 12, 31))
    except ValueError:  # «Tháng 13/2024», «31/02/2024»
        return None
    return None


# -- units named in a cell -------------------------------------------------------------------------------------
def _add(index: dict[str, list[str]], name: str, key: str) -> None:
    keys = index.setdefault(name, [])
    if key not in keys:
        keys.append(key)


class UnitNames:
    """Every way a plan names a unit of the tree (normalised), and the groups; built once per import."""

    def __init__(self, org: OrgTree):
        self.org = org
        names: dict[str, list[str]] = {}
        aliases: dict[str, list[str]] = {}
        for unit in org.units.values():
            for name in {unit.key.replace("_", " "), _norm(unit.name), _norm(without_prefix(unit.name))} - {""}:
                _add(names, name, unit.key)
                if unit.kind in ("commune", "province"):
                    for organ in WORDS.plan_organs:
                        _add(aliases, f"{organ} {name}", unit.key)
        if org.root.kind == "province":
            for organ in ("", *WORDS.plan_organs):
                _add(aliases, f"{organ} tinh".strip(), org.root.key)
        for name, keys in list(names.items()):  # «Sở Kế hoạch đầu tư» for «Sở Kế hoạch và Đầu tư»
            for key in keys:
                _add(aliases, " ".join(w for w in name.split() if w not in WORDS.plan_fillers), key)
        for name, keys in aliases.items():
            names.setdefault(name, keys)  # a unit really named «Công an tỉnh» wins over the alias
        self.names = names
        self.groups = {phrase: [k for k, u in org.units.items() if u.kind in kinds]
                       for phrase, kinds in WORDS.plan_groups.items()}

    def _lookup(self, words: tuple[str, ...]) -> list[str] | None:
        phrase = " ".join(words)
        if phrase in self.groups:
            return self.groups[phrase]
        found = self.names.get(phrase) or self.names.get(" ".join(w for w in words if w not in WORDS.plan_fillers))
        return found if found is not None and len(found) == 1 else None

    def _cover(self, words: tuple[str, ...]) -> list[str] | None:
        """The units that ``words`` name end to end (longest names first, «và» between them), or None."""
        if not words:
            return []
        if words[0] in WORDS.plan_fillers and (rest := self._cover(words[1:])) is not None:
            return rest
        for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
            head = self._lookup(words[:n])
            if head is not None and (rest := self._cover(words[n:])) is not None:
                return head + rest
        return None

    def parse(self, cell: str) -> tuple[list[str], list[str]]:
        """(unit keys named in ``cell``, in order and once each; the parts that name no unit, as written)."""
        pieces = [p.strip() for p in re.split(r"[,;\n]", cell) if p.strip()]
        keys: list[str] = []
        unknown: list[str] = []
        i = 0
        while i < len(pieces):
            for j in range(min(len(pieces), i + 8), i, -1):  # a name may hold commas: try the longest run first
                found = self._cover(tuple(_norm(", ".join(pieces[i:j])).split()))
                if found is not None:
                    keys += [k for k in found if k not in keys]
                    i = j
                    break
            else:
                unknown.append(pieces[i])
                i += 1
        return keys, unknown

    def ambiguous(self, piece: str) -> list[str]:
        """The units a piece could mean when its name is shared (two «Thôn 1»)."""
        return self.names.get(_norm(piece), [])


# -- reading a plan --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanTask:
    code: str
    title: str
    lead: tuple[str, ...]  # unit keys
    lead_text: str
    support: tuple[str, ...]
    support_text: str
    product: str
    deadline_text: str
    deadline: Deadline
    row: int

    def record(self) -> dict:
        """The row stored in ``plan_tasks`` (everything but the import times)."""
        return {"code": self.code, "title": self.title, "lead": list(self.lead), "lead_text": self.lead_text,
                "support": list(self.support), "support_text": self.support_text, "product": self.product,
                "deadline": self.deadline_text, "kind": self.deadline.kind,
                "due": self.deadline.due.isoformat() if self.deadline.due else None, "day": self.deadline.day}


def _header(row: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        words = f" {_norm(cell)} "
        for name, needles in WORDS.plan_columns.items():
            if name not in columns and any(f" {n} " in words for n in needles):
                if name == "code" and ("nhiem vu" in words and "ma" not in words.split()):
                    continue
                columns[name] = index
                break
    return columns if all(c in columns for c in REQUIRED) else None


def _code(title: str, lead_text: str) -> str:
    digest = hashlib.sha1(f"{_norm(title)}|{_norm(lead_text)}".encode()).hexdigest()
    return f"nv{digest[:6]}"


def _task(cells: dict[str, str], number: int, names: UnitNames) -> PlanTask | str:
    """One row as a task, or what is wrong with it (Vietnamese)."""
    problems = []
    title = " ".join(cells["task"].split())
    if not title:
        problems.append(texts.PLAN_NO_TASK)
    lead, unknown = names.parse(cells["lead"])
    if not cells["lead"]:
        problems.append(texts.PLAN_NO_LEAD)
    for piece in unknown:
        shared = names.ambiguous(piece)
        problems.append(texts.PLAN_LEAD_AMBIGUOUS.format(unit=piece, n=len(shared)) if len(shared) > 1 else
                        texts.PLAN_BAD_LEAD.format(unit=piece))
    deadline = parse_deadline(cells["deadline"])
    if deadline is None:
        problems.append(texts.PLAN_BAD_DEADLINE.format(deadline=cells["deadline"][:60]) if cells["deadline"] else
                        texts.PLAN_NO_DEADLINE)
    code = cells.get("code", "").strip().lower()
    if code and not re.fullmatch(r"[a-z0-9_]{1,20}", code):
        problems.append(texts.PLAN_BAD_CODE.format(code=code[:30]))
    if problems:
        return "; ".join(problems)
    support, _ = names.parse(cells.get("support", ""))
    return PlanTask(code or _code(title, cells["lead"]), title, tuple(lead), cells["lead"], tuple(support),
                    cells.get("support", ""), " ".join(cells.get("product", "").split()), cells["deadline"],
                    deadline, number)


def _skipped(cells: dict[str, str], header: list[str], row: list[str]) -> bool:
    """A section heading («I. VỀ CÔNG TÁC CHỈ ĐẠO…»), a repeated header row or an empty row."""
    if [_norm(c) for c in row] == [_norm(c) for c in header] or not any(row):
        return True
    rest = [cells.get(f, "") for f in ("lead", "support", "product", "deadline")]
    if any(rest):
        return False
    task = re.sub(r"<[^>]+>", "", cells["task"]).strip()  # a heading may come with <b>…</b> from a converter
    return not task or bool(re.match(r"^[IVXLC]+\s*[.)-]", task)) or task.isupper()


def read_plan(path: Path, config: Config, skip_bad: bool = False) -> tuple[list[PlanTask], list[str]]:
    """Parse and validate every row; raise :class:`PlanError` listing every bad one (``skip_bad``: the bad rows
    are listed among the warnings and the good ones returned). Returns the tasks (one per code) and warnings
    (supporting units not in the tree, duplicate rows)."""
    try:
        rows = read_rows(path)
    except FileNotFoundError:
        raise PlanError(texts.ROSTER_NOT_FOUND.format(file=path)) from None
    except ValueError:
        raise PlanError(texts.ROSTER_FILE_TYPE.format(file=path.name)) from None
    start = next(((n, cols) for n, row in enumerate(rows[:15]) if (cols := _header(row))), None)
    if start is None:
        raise PlanError(texts.PLAN_COLUMNS.format(file=path.name))
    header_index, columns = start
    names = UnitNames(tree(config))
    tasks: dict[str, PlanTask] = {}
    problems, warnings = [], []
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {f: row[i].strip() if i < len(row) else "" for f, i in columns.items()}
        if _skipped(cells, rows[header_index], row):
            continue
        task = _task(cells, number, names)
        if isinstance(task, str):
            problems.append(texts.ROSTER_ROW.format(row=number, problem=task))
            continue
        if (before := tasks.get(task.code)) is not None:
            if before.record() != task.record():
                problems.append(texts.ROSTER_ROW.format(row=number, problem=texts.PLAN_CONFLICT.format(
                    first=before.row)))
            else:
                warnings.append(texts.ROSTER_ROW.format(row=number, problem=texts.PLAN_DUPLICATE.format(
                    first=before.row)))
            continue
        tasks[task.code] = task
        _, unknown = names.parse(cells.get("support", ""))
        if unknown:
            warnings.append(texts.ROSTER_ROW.format(row=number, problem=texts.PLAN_SUPPORT_UNKNOWN.format(
                units=", ".join(f"«{u}»" for u in unknown))))
    if problems and skip_bad:
        warnings = [texts.PLAN_SKIPPED.format(n=len(problems)), *problems, *warnings]
    elif problems:
        raise PlanError(texts.PLAN_REFUSED.format(file=path.name, n=len(problems), rows="\n".join(problems)))
    if not tasks:
        raise PlanError(texts.PLAN_EMPTY.format(file=path.name))
    return list(tasks.values()), warnings


def import_plan(store: Store, tasks: list[PlanTask], now: dt.datetime) -> tuple[int, int]:
    """Add new tasks and update changed ones in one transaction; return (new, changed)."""
    return store.save_plan_tasks([t.record() for t in tasks], now.isoformat())


# -- the state of each task for each lead unit -----------------------------------------------------------------
@dataclass(frozen=True)
class TaskState:
    code: str
    title: str
    unit: str
    unit_name: str
    product: str
    deadline_text: str
    support_text: str
    occurrence: str  # "" for a one-off task, "YYYY-MM" for a month of a monthly one
    due: dt.datetime | None  # None: «thường xuyên»
    state: str  # overdue | open | ongoing | done
    done_at: dt.datetime | None = None
    note: str = ""  # the note given when done, else the last progress note
    late_days: int = 0


@dataclass(frozen=True)
class TaskBoard:
    made_at: dt.datetime
    rows: list[TaskState] = field(default_factory=list)  # overdue first, then open, ongoing, done
    units: list[str] = field(default_factory=list)  # the lead units in tree order

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    def overdue_by_unit(self) -> dict[str, list[TaskState]]:
        result: dict[str, list[TaskState]] = {}
        for row in self.rows:
            if row.state == "overdue":
                result.setdefault(row.unit, []).append(row)
        return {u: result[u] for u in self.units if u in result}


def _due_at(day: dt.date, config: Config) -> dt.datetime:
    hour, minute = (int(x) for x in config.reporting.deadline_time.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(config.organisation.timezone))


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def occurrences(config: Config, task: dict, now: dt.datetime, ahead: int = 1) -> list[tuple[str, dt.datetime]]:
    """(occurrence, due) of a stored task: one for a one-off task, one per month for a monthly task — from the
    month it was first imported (only occurrences due after the import are owed; at most the last 12 months) to
    ``ahead`` months after ``now``; none for «thường xuyên»."""
    if task["kind"] == "ongoing":
        return []
    if task["kind"] != "monthly":
        return [("", _due_at(dt.date.fromisoformat(task["due"]), config))]
    deadline = Deadline("monthly", day=task["day"])
    imported = dt.datetime.fromisoformat(task["imported"])
    local = now.astimezone(ZoneInfo(config.organisation.timezone)).date()
    first = max(imported.date(), (local.replace(day=1) - dt.timedelta(days=365)))
    end_year, end_month = local.year + (local.month + ahead - 1) // 12, (local.month + ahead - 1) % 12 + 1
    result = []
    for year, month in _months(first, dt.date(end_year, end_month, 1)):
        due = _due_at(deadline.due_in(year, month), config)
        if due >= imported:
            result.append((f"{year:04d}-{month:02d}", due))
    return result


def _state(config: Config, task: dict, unit: str, now: dt.datetime, done: dict, notes: dict) -> list[TaskState]:
    """A task's rows for one lead unit: every overdue occurrence, else the next one due (or done)."""
    org = tree(config)
    base = {"code": task["code"], "title": task["title"], "unit": unit, "unit_name": org.name(unit),
            "product": task["product"] or "", "deadline_text": task["deadline"], "support_text": task["support_text"]}
    if task["kind"] == "ongoing":
        note = notes.get((task["code"], unit, ""), "")
        return [TaskState(**base, occurrence="", due=None, state="ongoing", note=note)]
    rows = []
    upcoming = None
    last_done = None
    for occurrence, due in occurrences(config, task, now, ahead=0 if task["kind"] == "monthly" else 1):
        record = done.get((task["code"], unit, occurrence))
        if record:
            last_done = TaskState(**base, occurrence=occurrence, due=due, state="done",
                                  done_at=dt.datetime.fromisoformat(record["done"]), note=record["note"] or "")
        elif due < now:
            rows.append(TaskState(**base, occurrence=occurrence, due=due, state="overdue",
                                  note=notes.get((task["code"], unit, occurrence), ""),
                                  late_days=(now.date() - due.date()).days))
        elif upcoming is None:
            upcoming = TaskState(**base, occurrence=occurrence, due=due, state="open",
                                 note=notes.get((task["code"], unit, occurrence), ""))
    if task["kind"] == "monthly" and upcoming is None and not rows:
        nxt = occurrences(config, task, now, ahead=1)[-1:]  # this month's is done: the next month's is open
        for occurrence, due in nxt:
            if (task["code"], unit, occurrence) not in done and due >= now:
                upcoming = TaskState(**base, occurrence=occurrence, due=due, state="open")
    if rows or upcoming:
        return rows + ([upcoming] if upcoming else [])
    return [last_done] if last_done else []


ORDER = {"overdue": 0, "open": 1, "ongoing": 2, "done": 3}


def task_board(config: Config, store: Store, now: dt.datetime, within: str | None = None) -> TaskBoard:
    """Every plan task for each of its lead units inside ``within``'s subtree (None: the whole tree) at ``now``."""
    org = tree(config)
    done = store.plan_done()
    notes = store.plan_last_notes()
    position = {key: n for n, key in enumerate(org.units)}
    rows: list[TaskState] = []
    for task in store.plan_tasks():
        for unit in task["lead"]:
            if unit in org.units and org.contains(within, unit):
                rows += _state(config, task, unit, now, done, notes)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda r: (ORDER[r.state], position.get(r.unit, 0) if r.state == "overdue" else 0,
                             r.due or far, r.code))
    units = sorted({r.unit for r in rows}, key=lambda k: position.get(k, 0))
    return TaskBoard(now, rows, units)


def open_tasks(config: Config, store: Store, unit: str, now: dt.datetime) -> list[TaskState]:
    """What one lead unit has to do: its overdue, open and ongoing tasks and what it has done (the board of that
    unit alone, not of its subtree)."""
    board = task_board(config, store, now, within=unit)
    return [r for r in board.rows if r.unit == unit]


def find_open(config: Config, store: Store, unit: str, code: str, now: dt.datetime) -> TaskState | None:
    """The occurrence of task ``code`` that ``unit`` should mark next (the oldest not done), or None."""
    code = code.strip().lower()
    return next((r for r in open_tasks(config, store, unit, now) if r.code == code and r.state != "done"), None)


def mark(store: Store, state: TaskState, person_id: int, note: str, now: dt.datetime, done: bool) -> bool:
    """Record progress (a note) or done for one unit's occurrence; False if it was already done."""
    if done:
        return store.mark_plan_done(state.code, state.unit, state.occurrence, person_id, note, now.isoformat())
    store.add_plan_note(state.code, state.unit, state.occurrence, person_id, note, now.isoformat())
    return True
