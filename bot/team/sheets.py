"""Reading a sheet someone made in Excel: an .xlsx (first worksheet) or a .csv with commas or semicolons.

Usage::

    rows = read_rows(Path("ke_hoach.xlsx"))     # list of rows, each a list of stripped cell strings

Dates typed as dates in Excel come back as «dd/mm/yyyy», as they were typed. Raises FileNotFoundError, and
ValueError for any other kind of file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path


def csv_rows(text: str) -> list[list[str]]:
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return [[_cell(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if path.suffix.lower() == ".csv":
        return csv_rows(path.read_text(encoding="utf-8-sig"))
    raise ValueError(path.name)
