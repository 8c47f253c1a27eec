"""Roster import (CSV or XLSX) for the command line.

Usage::

    people = read_roster(Path("to_cong_tac.xlsx"), config)    # raises RosterError listing every bad row
    import_roster(store, people)

Columns (Vietnamese or English headers, any order): «Họ tên» / name, «Vai trò» / role, «Thôn» / village (its key
or its name, with or without «Thôn»; empty for the commune's leaders), «Điện thoại» / phone (optional). CSV may be
separated by commas or semicolons (what Excel writes in a Vietnamese locale).

Roles and their scope (see :mod:`bot.team.roles`): «Tổ trưởng» with a village is that village's leader
(«Tổ trưởng thôn»), without one the commune's («Tổ trưởng xã»); «Tổ phó» belongs to the commune; «Thành viên»
needs a village. A row whose role and village disagree («Tổ trưởng xã, Thôn X», «Tổ phó, Thôn X») is refused
rather than guessed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from bot import texts
from bot.config import Config
from bot.storage import Store
from bot.team.reports import village_key
from nlu.normalize import fold_words

HEADERS = {
    "name": {"ho ten", "ho va ten", "name", "ten"},
    "role": {"vai tro", "chuc vu", "role"},
    "village": {"thon", "village", "thon to dan pho", "to dan pho"},
    "phone": {"dien thoai", "so dien thoai", "sdt", "phone"},
}
# folded role words -> (role, where): where is "village", "commune" or None (the village column decides)
ROLE_WORDS = {
    "to truong": ("leader", None), "totruong": ("leader", None), "leader": ("leader", None),
    "to truong thon": ("leader", "village"), "to truong xa": ("leader", "commune"),
    "to pho": ("deputy", "commune"), "topho": ("deputy", "commune"), "deputy": ("deputy", "commune"),
    "to pho xa": ("deputy", "commune"),
    "thanh vien": ("member", "village"), "thanhvien": ("member", "village"), "member": ("member", "village"),
    "to vien": ("member", "village"),
}


class RosterError(Exception):
    """The roster file cannot be imported; the message names the file and every bad row, in Vietnamese."""


@dataclass(frozen=True)
class RosterPerson:
    name: str
    role: str
    village: str | None
    phone: str | None


def _csv_rows(text: str) -> list[list[str]]:
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [["" if cell is None else str(cell).strip() for cell in row] for row in rows]
    if path.suffix.lower() == ".csv":
        return _csv_rows(path.read_text(encoding="utf-8-sig"))
    raise RosterError(texts.ROSTER_FILE_TYPE.format(file=path.name))


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for field, names in HEADERS.items():
            if fold_words(cell) in names:
                columns[field] = index
    return columns


def _person(cells: dict[str, str], config: Config) -> RosterPerson | str:
    """One row as a person, or what is wrong with it (Vietnamese)."""
    name, role_text, village_text = cells["name"], cells["role"], cells["village"]
    problems = []
    if not name:
        problems.append(texts.ROSTER_NO_NAME)
    role, where = ROLE_WORDS.get(fold_words(role_text), (None, None))
    if role is None:
        problems.append(texts.ROSTER_BAD_ROLE.format(role=role_text))
    village = village_key(config, village_text) if village_text else None
    if village_text and village is None:
        problems.append(texts.ROSTER_BAD_VILLAGE.format(village=village_text,
                                                        known=", ".join(v.name for v in config.villages)))
    elif role and where == "village" and village is None:
        problems.append(texts.ROSTER_NEEDS_VILLAGE.format(role=role_text))
    elif role and where == "commune" and village is not None:
        problems.append(texts.ROSTER_AMBIGUOUS.format(role=role_text, village=village_text))
    if problems:
        return "; ".join(problems)
    return RosterPerson(name, role, village, cells.get("phone") or None)


def read_roster(path: Path, config: Config) -> list[RosterPerson]:
    """Parse and validate every row; raise :class:`RosterError` listing every bad one."""
    try:
        rows = _rows(path)
    except FileNotFoundError:
        raise RosterError(texts.ROSTER_NOT_FOUND.format(file=path)) from None
    if not rows:
        raise RosterError(texts.ROSTER_EMPTY.format(file=path.name))
    columns = _columns(rows[0])
    missing = [f for f in ("name", "role", "village") if f not in columns]
    if missing:
        raise RosterError(texts.ROSTER_COLUMNS.format(file=path.name))
    people, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        cells = {field: row[index].strip() if index < len(row) else "" for field, index in columns.items()}
        person = _person(cells, config)
        if isinstance(person, str):
            problems.append(texts.ROSTER_ROW.format(row=number, problem=person))
        else:
            people.append(person)
    if problems:
        raise RosterError(texts.ROSTER_REFUSED.format(file=path.name, n=len(problems), rows="\n".join(problems)))
    return people


def import_roster(store: Store, people: list[RosterPerson]) -> list[int]:
    """Add or update everyone in one transaction; return their roster ids."""
    with store.db.atomic():
        return [store.add_person(p.name, p.role, p.village, p.phone) for p in people]
