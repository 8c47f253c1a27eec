"""A plan's tasks in the leaders' digests: a few lines of text and a workbook sheet «Nhiệm vụ».

Usage::

    board = task_board(config, store, now, within=None)   # bot.team.plan_tasks
    tasks_text(board)                                     # "📋 Nhiệm vụ kế hoạch: 3 quá hạn (2 đơn vị), …"
    tasks_sheet(workbook.create_sheet(SHEET), board, config)

The sheet: row 1 the title with the time it was made, row 2 the counts, row 3 the headers (STT, Mã, Nhiệm vụ, Đơn
vị chủ trì, Kỳ, Thời hạn, Hạn, Trạng thái, Số ngày quá hạn, Sản phẩm, Đơn vị phối hợp, Hoàn thành lúc, Ghi chú);
one row per task and lead unit (every overdue month of a monthly task on its own row), overdue first grouped by
unit in the tree's order, then open by due date, «thường xuyên», done; a blank row; «Quá hạn theo đơn vị» and a
header row (Đơn vị, Quá hạn, Đang thực hiện, Thường xuyên, Đã xong), one row per lead unit in the tree's order.
Due and done times are real date cells.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.team.periods import label
from bot.team.plan_tasks import TaskBoard

SHEET = "Nhiệm vụ"
STATE_WORDS = {"overdue": "Quá hạn", "open": "Đang thực hiện", "ongoing": "Thường xuyên", "done": "Đã xong"}
HEADERS = ("STT", "Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Kỳ", "Thời hạn", "Hạn", "Trạng thái", "Số ngày quá hạn",
           "Sản phẩm", "Đơn vị phối hợp", "Hoàn thành lúc", "Ghi chú")
UNIT_HEADERS = ("Đơn vị", "Quá hạn", "Đang thực hiện", "Thường xuyên", "Đã xong")


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _counts(board: TaskBoard) -> str:
    return texts.PTASK_DIGEST.format(overdue=board.count("overdue"), units=len(board.overdue_by_unit()),
                                     open=board.count("open"), ongoing=board.count("ongoing"),
                                     done=board.count("done"))


def tasks_text(board: TaskBoard, most_units: int = 10, most_tasks: int = 3) -> str:
    """The counts, then each unit with overdue tasks (the first ``most_units``) and its oldest ones."""
    overdue = board.overdue_by_unit()
    lines = [_counts(board)]
    for rows in list(overdue.values())[:most_units]:
        tasks = "; ".join(texts.PTASK_DIGEST_TASK.format(code=r.code, title=_short(r.title),
                                                        due=r.due.strftime("%d/%m/%Y")) for r in rows[:most_tasks])
        lines.append(texts.PTASK_DIGEST_UNIT.format(unit=rows[0].unit_name, n=len(rows), tasks=tasks))
    if len(overdue) > most_units:
        lines.append(texts.PTASK_DIGEST_MORE.format(n=len(overdue) - most_units))
    return "\n".join(lines)


def tasks_sheet(ws, board: TaskBoard, config: Config) -> None:
    """Fill a worksheet with the board (see the module docstring for the layout)."""
    from openpyxl.styles import Alignment, Font

    tz = ZoneInfo(config.organisation.timezone)
    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    made = board.made_at.astimezone(tz)
    ws.cell(1, 1, f"NHIỆM VỤ THEO KẾ HOẠCH — tình hình lúc {made:%H:%M %d/%m/%Y}").font = Font(bold=True, size=13)
    ws.cell(2, 1, _counts(board)).font = Font(italic=True)
    for col, text in enumerate(HEADERS, start=1):
        ws.cell(3, col, text).font = bold
        ws.cell(3, col).alignment = Alignment(wrap_text=True, horizontal="center")
    row_no = 4
    for index, row in enumerate(board.rows, start=1):
        values = [index, row.code, row.title, row.unit_name, label(row.occurrence) if row.occurrence else None,
                  row.deadline_text, row.due.astimezone(tz).replace(tzinfo=None) if row.due else None,
                  STATE_WORDS[row.state], row.late_days if row.state == "overdue" else None, row.product or None,
                  row.support_text or None, row.done_at.astimezone(tz).replace(tzinfo=None) if row.done_at else None,
                  row.note or None]
        for col, value in enumerate(values, start=1):
            if value is None:
                continue  # an empty cell is not written at all (a province's sheet has thousands of rows)
            cell = ws.cell(row_no, col, value)
            if col in (7, 12):
                cell.number_format = "dd/mm/yyyy hh:mm"
        if row.state == "overdue":
            ws.cell(row_no, 8).font = red
        row_no += 1
    row_no += 1
    ws.cell(row_no, 1, "Quá hạn theo đơn vị").font = bold
    row_no += 1
    for col, text in enumerate(UNIT_HEADERS, start=1):
        ws.cell(row_no, col, text).font = bold
    for unit in board.units:
        row_no += 1
        rows = [r for r in board.rows if r.unit == unit]
        ws.cell(row_no, 1, rows[0].unit_name)
        for col, state in enumerate(("overdue", "open", "ongoing", "done"), start=2):
            ws.cell(row_no, col, sum(1 for r in rows if r.state == state))
    ws.column_dimensions["C"].width = 50
    ws.column_dimensions["D"].width = 24
    ws.freeze_panes = "D4"
