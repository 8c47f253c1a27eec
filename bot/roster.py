"""Roster import (CSV or XLSX) and invite codes from the command line.

Usage::

    people = read_roster(Path("to_cong_tac.xlsx"), config)    # raises RosterError naming the bad row
    import_roster(store, people)

Columns (Vietnamese or English headers, any order): «Họ tên» / name, «Vai trò» / role (tổ trưởng, tổ phó,
thành viên or leader, deputy, member), «Thôn» / village (key or name; empty for the commune's leaders),
«Điện thoại» / phone (optional).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from bot.config import Config
from bot.storage import Store
from bot.words import ROLE_WORDS
from nlu.normalize import fold, fold_words

HEADERS = {
    "name": {"ho ten", "ho va ten", "name", "ten"},
    "role": {"vai tro", "chuc vu", "role"},
    "village": {"thon", "village", "thon to dan pho", "to dan pho"},
    "phone": {"dien thoai", "so dien thoai", "sdt", "phone"},
}


class RosterError(Exception):
    """The roster file cannot be imported; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class RosterPerson:
    name: str
    role: str
    village: str | None
    phone: str | None


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [["" if cell is None else str(cell).strip() for cell in row] for row in rows]
    if path.suffix.lower() == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    raise RosterError(f"{path.name}: unsupported file type; use .csv or .xlsx")


def read_roster(path: Path, config: Config) -> list[RosterPerson]:
    """Parse and validate every row; the first problem raises :class:`RosterError`."""
    try:
        rows = _rows(path)
    except FileNotFoundError:
        raise RosterError(f"{path}: file not found") from None
    if not rows:
        raise RosterError(f"{path.name}: the file is empty")
    columns: dict[str, int] = {}
    for index, header in enumerate(rows[0]):
        for field, names in HEADERS.items():
            if fold_words(header) in names:
                columns[field] = index
    missing = [f for f in ("name", "role", "village") if f not in columns]
    if missing:
        raise RosterError(f"{path.name}: row 1: missing column(s) {', '.join(missing)} "
                          "(expected headers: Họ tên, Vai trò, Thôn, Điện thoại)")
    villages = {v.key: v.key for v in config.villages} | {fold(v.name): v.key for v in config.villages}
    people = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue

        cells = {field: row[index].strip() if index < len(row) else "" for field, index in columns.items()}
        name, role_text = cells["name"], cells["role"]
        village_text, phone = cells["village"], cells.get("phone", "")
        if not name:
            raise RosterError(f"{path.name}: row {number}: the name (Họ tên) is empty")
        role = ROLE_WORDS.get(fold_words(role_text))
        if role is None:
            raise RosterError(f"{path.name}: row {number}: unknown role {role_text!r} "
                              "(use tổ trưởng, tổ phó or thành viên)")
        village = villages.get(fold(village_text).strip()) if village_text else None
        if village_text and village is None:
            raise RosterError(f"{path.name}: row {number}: unknown village {village_text!r} "
                              f"(known: {', '.join(v.key for v in config.villages)})")
        if role == "member" and village is None:
            raise RosterError(f"{path.name}: row {number}: a member (thành viên) needs a village (Thôn)")
        people.append(RosterPerson(name, role, village, phone or None))
    return people


def import_roster(store: Store, people: list[RosterPerson]) -> list[int]:
    """Add or update everyone in one transaction; return their roster ids."""
    with store.db.atomic():
        return [store.add_person(p.name, p.role, p.village, p.phone) for p in people]
