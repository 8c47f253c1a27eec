"""Roster import (CSV or XLSX) for the command line.

Usage::

    people = read_roster(Path("to_cong_tac.xlsx"), config)    # raises RosterError listing every bad row
    import_roster(store, people)

Columns (Vietnamese or English headers, any order): «Họ tên» / name, «Vai trò» / role, «Thôn» / village or «Đơn
vị» / unit (its key or its name, with or without «Thôn»; empty for the commune's leaders), «Điện thoại» / phone
(optional). CSV may be separated by commas or semicolons (what Excel writes in a Vietnamese locale).

A province (``units`` in config.yaml) imports everyone in one sheet: the unit column names a village, a commune, a
province department or the province itself; an optional «Xã» / commune column says which commune a village is in
when two communes have a village of the same name («Thôn 1»). A row without a unit is refused in a province (it
would make the person a province officer), and every bad row is reported.

Roles and their scope (see :mod:`bot.team.roles`): «Tổ trưởng» with a village is that village's leader
(«Tổ trưởng thôn»), without one the commune's («Tổ trưởng xã»); «Tổ phó» belongs to the commune; «Thành viên»
needs a village. A row whose role and village disagree («Tổ trưởng xã, Thôn X», «Tổ phó, Thôn X») is refused
rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot import texts
from bot.config import Config
from bot.storage import Store
from bot.team.sheets import read_rows
from bot.team.units import OrgTree, tree
from nlu.cues import WORDS
from nlu.normalize import fold_words

HEADERS = {
    "name": {"ho ten", "ho va ten", "name", "ten"},
    "role": {"vai tro", "chuc vu", "role"},
    "village": {"thon", "village", "thon to dan pho", "to dan pho", "don vi", "unit"},
    "commune": {"xa", "xa phuong", "commune", "xa/phuong", "xa phuong dac khu", "don vi cap tren"},
    "phone": {"dien thoai", "so dien thoai", "sdt", "phone"},
}


class RosterError(Exception):
    """The roster file cannot be imported; the message names the file and every bad row, in Vietnamese."""


@dataclass(frozen=True)
class RosterPerson:
    name: str
    role: str
    village: str | None
    phone: str | None
    unit: str | None = None  # a unit above the villages (a commune's or department's leaders, a province officer)


def _rows(path: Path) -> list[list[str]]:
    try:
        return read_rows(path)
    except ValueError:
        raise RosterError(texts.ROSTER_FILE_TYPE.format(file=path.name)) from None


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for field, names in HEADERS.items():
            if fold_words(cell) in names:
                columns[field] = index
    return columns


def _unit(org: OrgTree, config: Config, cells: dict[str, str]) -> tuple[str | None, str | None]:
    """(unit key, None) for the row's unit column (None: empty), or (None, what is wrong)."""
    text, commune_text = cells["village"], cells.get("commune", "")
    within = None
    if commune_text:
        communes = org.find(commune_text, kinds=("commune", "department"))
        if len(communes) != 1:
            return None, texts.ROSTER_BAD_COMMUNE.format(commune=commune_text)
        within = communes[0]
        if not text:
            return within, None
    if not text:
        return None, None
    found = org.find(text, within=within)
    if len(found) == 1:
        return found[0], None
    if found:
        where = ", ".join(org.name(org.units[k].parent) for k in found[:4])
        return None, texts.ROSTER_UNIT_AMBIGUOUS.format(unit=text, where=where)
    if org.one_commune:
        return None, texts.ROSTER_BAD_VILLAGE.format(village=text, known=", ".join(v.name for v in config.villages))
    return None, texts.ROSTER_BAD_UNIT.format(unit=text)


def _person(cells: dict[str, str], config: Config) -> RosterPerson | str:
    """One row as a person, or what is wrong with it (Vietnamese)."""
    org = tree(config)
    name, role_text, village_text = cells["name"], cells["role"], cells["village"]
    problems = []
    if not name:
        problems.append(texts.ROSTER_NO_NAME)
    role, where = WORDS.roles.get(fold_words(role_text), (None, None))
    if role is None:
        problems.append(texts.ROSTER_BAD_ROLE.format(role=role_text))
    key, problem = _unit(org, config, cells)
    kind = org.kind(key) if key else None
    if problem:
        problems.append(problem)
    elif role and where == "village" and kind != "village":
        problems.append(texts.ROSTER_NEEDS_VILLAGE.format(role=role_text))
    elif role and where == "commune" and kind == "village":
        problems.append(texts.ROSTER_AMBIGUOUS.format(role=role_text, village=village_text))
    elif role and key is None and not org.one_commune:
        problems.append(texts.ROSTER_NEEDS_UNIT.format(role=role_text))
    if problems:
        return "; ".join(problems)
    village, unit = org.place(key)
    return RosterPerson(name, role, village, cells.get("phone") or None, unit)


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
        return [store.add_person(p.name, p.role, p.village, p.phone, p.unit) for p in people]
