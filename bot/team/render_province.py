"""The province digest as a workbook (.xlsx: a summary sheet plus one sheet per commune or department) and a
chart (PNG: the units ranked by progress toward their targets).

Usage::

    province_excel(summary, config)        # .xlsx bytes
    province_chart(summary)                # PNG bytes
    province_replies(config, summary)      # text, chart and workbook as messages

The summary sheet «Tổng hợp»: rows 1-3 title, organisation, status; row 4 headers (STT, Đơn vị, one column per
indicator, Tỷ lệ đạt bình quân, Xếp hạng, Người gửi, Thời gian gửi); one row per unit in config order (a unit that
has not sent: empty figures and «Chưa gửi»); then «Tổng cộng», «Chỉ tiêu», «Tỷ lệ đạt». Each unit's sheet: row 1
its name, period and status; row 2 headers (STT, Thôn / tổ dân phố, one column per indicator); one row per village
(its confirmed figures, empty when it has not confirmed); «Số liệu của đơn vị» (its own figures); «Tổng cộng» (what
it sent, or the villages' sum while it has not); with a plan's tasks, a last sheet «Nhiệm vụ»
(:mod:`bot.team.render_tasks`). Values, not formulas; times are real date cells.
"""

from __future__ import annotations

import io
import re
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.formatting import vn_percent
from bot.messages import Outgoing
from bot.team.digest import local_time
from bot.team.periods import label
from bot.team.plan_tasks import TaskBoard
from bot.team.render import summary_sheet
from bot.team.render_tasks import SHEET as TASKS_SHEET
from bot.team.render_tasks import tasks_sheet, tasks_text
from bot.team.upward import ProvinceSummary, UnitRow, province_text

NOT_SENT = "Chưa gửi"
SUMMARY_SHEET = "Tổng hợp"


def _header(label_: str, unit: str) -> str:
    return f"{label_} ({unit})" if unit else label_


def _sheet_name(name: str, used: set[str]) -> str:
    """A unit's sheet name: no []:*?/\\, at most 31 characters, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def province_excel(summary: ProvinceSummary, config: Config, tasks: TaskBoard | None = None,
                   cycles: tuple = ()) -> bytes:
    """The «Tổng hợp» sheet, one sheet per unit, then one per other reporting cycle (``cycles``: their
    :class:`bot.team.digest.Summary`, laid out as :func:`bot.team.render.cycles_excel`'s), then a plan's ``tasks``
    («Nhiệm vụ»)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    tz = ZoneInfo(config.organisation.timezone)
    indicators = config.indicators
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    wb.properties.title = f"Tổng hợp Đề án 06 các đơn vị {label(summary.period)}"
    ws.cell(1, 1, f"BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 CỦA CÁC ĐƠN VỊ — {label(summary.period).upper()}")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(2, 1, config.organisation.name).font = bold
    ws.cell(3, 1, texts.PROVINCE_CONFIRMED.format(done=len(summary.confirmed), n=len(summary.rows))
            + (" — số liệu đã khóa" if summary.locked else "")).font = Font(italic=True)
    first = 3
    progress_col = first + len(indicators)
    rank_col, sender_col, time_col = progress_col + 1, progress_col + 2, progress_col + 3
    headers = ["STT", "Đơn vị", *(_header(i.label, i.unit) for i in indicators), "Tỷ lệ đạt bình quân",
               "Xếp hạng", "Người gửi", "Thời gian gửi"]
    for col, text in enumerate(headers, start=1):
        ws.cell(4, col, text).font = bold
        ws.cell(4, col).alignment = Alignment(wrap_text=True, horizontal="center")
    rank = {row.key: n for n, row in enumerate(summary.ranking, start=1)}
    row_no = 5
    for index, unit in enumerate(summary.rows, start=1):
        ws.cell(row_no, 1, index)
        ws.cell(row_no, 2, unit.name)
        for offset, indicator in enumerate(indicators):
            value = unit.values.get(indicator.key, 0) if unit.values is not None else None
            ws.cell(row_no, first + offset, value).number_format = "#,##0"
        ws.cell(row_no, progress_col, unit.progress).number_format = "0.0%"
        ws.cell(row_no, rank_col, rank.get(unit.key))
        if unit.values is None:
            ws.cell(row_no, sender_col, NOT_SENT).font = Font(italic=True, color="C00000")
        else:
            ws.cell(row_no, sender_col, unit.sender)
            ws.cell(row_no, time_col, local_time(unit.confirmed_at, tz).replace(tzinfo=None))
            ws.cell(row_no, time_col).number_format = "dd/mm/yyyy hh:mm"
        row_no += 1
    for title, values, number_format in (
            ("Tổng cộng", [t.total for t in summary.totals], "#,##0"),
            ("Chỉ tiêu", [t.target for t in summary.totals], "#,##0"),
            ("Tỷ lệ đạt", [t.progress for t in summary.totals], "0.0%")):
        if title != "Tổng cộng" and all(v is None for v in values):
            continue
        ws.cell(row_no, 2, title).font = bold
        for offset, value in enumerate(values):
            if isinstance(value, float) and value.is_integer() and number_format == "#,##0":
                value = int(value)
            cell = ws.cell(row_no, first + offset, value)
            cell.number_format, cell.font = number_format, bold
        row_no += 1
    ws.column_dimensions["B"].width = 28
    ws.freeze_panes = "C5"

    used = {SUMMARY_SHEET.lower()}
    for unit in summary.rows:
        _unit_sheet(wb.create_sheet(_sheet_name(unit.name, used)), unit, summary, config, bold)
    for other in cycles:
        sheet = wb.create_sheet()
        summary_sheet(sheet, other, config)
        sheet.title = _sheet_name(sheet.title, used)
    if tasks is not None and tasks.rows:  # a plan's tasks: overdue per unit (bot.team.render_tasks)
        tasks_sheet(wb.create_sheet(_sheet_name(TASKS_SHEET, used)), tasks, config)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _unit_sheet(ws, unit: UnitRow, summary: ProvinceSummary, config: Config, bold) -> None:
    indicators = config.indicators
    status = "đã gửi tỉnh" if unit.values is not None else "chưa gửi tỉnh"
    ws.cell(1, 1, f"{unit.name} — {label(summary.period)} — {status}").font = bold
    for col, text in enumerate(["STT", "Thôn / tổ dân phố", *(_header(i.label, i.unit) for i in indicators)], 1):
        ws.cell(2, col, text).font = bold
    row_no = 3
    for index, (name, values) in enumerate(unit.villages, start=1):
        ws.cell(row_no, 1, index)
        ws.cell(row_no, 2, name)
        for offset, indicator in enumerate(indicators):
            ws.cell(row_no, 3 + offset, None if values is None else int(values.get(indicator.key) or 0))
        if values is None:
            ws.cell(row_no, 3 + len(indicators), "Chưa báo cáo")
        row_no += 1
    ws.cell(row_no, 2, "Số liệu của đơn vị")
    for offset, indicator in enumerate(indicators):
        ws.cell(row_no, 3 + offset, unit.own.get(indicator.key, 0))
    row_no += 1
    ws.cell(row_no, 2, "Tổng cộng").font = bold
    for offset, indicator in enumerate(indicators):
        if unit.values is not None:
            total = unit.values.get(indicator.key, 0)
        else:
            total = sum(int((v or {}).get(indicator.key) or 0) for _, v in unit.villages)
        ws.cell(row_no, 3 + offset, total).font = bold
    ws.column_dimensions["B"].width = 26


def province_chart(summary: ProvinceSummary, most: int = 30) -> bytes:
    """PNG: the units' mean progress toward their targets, best first (the best and worst 15 of a large
    province), units that have not sent listed below."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ranked = list(enumerate(summary.ranking, start=1))
    cut = len(ranked) > most
    shown = ranked[:most // 2] + ranked[-(most // 2):] if cut else ranked
    height = 2.5 + 0.28 * max(len(shown), 1)
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 9}):
        fig = Figure(figsize=(6, height), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        fig.suptitle(f"Tỷ lệ đạt chỉ tiêu — {label(summary.period)}\nĐã gửi tỉnh {len(summary.confirmed)}/"
                     f"{len(summary.rows)} đơn vị", fontsize=11, fontweight="bold")
        if shown:
            percents = [r.progress * 100 for _, r in shown]
            ys = list(range(len(shown)))[::-1]
            colors = ["#2E7D32" if p >= 100 else "#F9A825" if p >= 50 else "#C62828" for p in percents]
            bars = ax.barh(ys, percents, color=colors, height=0.7)
            ax.bar_label(bars, labels=[vn_percent(r.progress) for _, r in shown], padding=3, fontsize=7)
            ax.set_yticks(ys, [f"{n}. {r.name}" for n, r in shown], fontsize=7)
            if cut:  # the best and the worst, with the middle of the ranking left out
                middle = ys[most // 2 - 1] - 0.5
                ax.axhline(middle, color="#888888", linestyle=":", linewidth=1)
                ax.text(0.5, middle, f" … {len(ranked) - len(shown)} đơn vị ở giữa bảng xếp hạng … ",
                        transform=ax.get_yaxis_transform(), ha="center", va="center", fontsize=7,
                        color="#555555", backgroundcolor="white")
            ax.axvline(100, color="#555555", linestyle="--", linewidth=1)
            ax.set_xlim(0, max(110, max(percents) * 1.15))
        else:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Chưa đơn vị nào gửi báo cáo", ha="center", va="center", transform=ax.transAxes)
        ax.spines[["top", "right"]].set_visible(False)
        if summary.missing:
            more = f" và {len(summary.missing) - 6} đơn vị khác" if len(summary.missing) > 6 else ""
            ax.set_xlabel("Chưa gửi: " + ", ".join(summary.missing[:6]) + more, color="#C00000", fontsize=7)
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


def province_replies(config: Config, summary: ProvinceSummary,
                     parts: tuple[str, ...] = ("text", "chart", "excel"), tasks: TaskBoard | None = None,
                     cycles: tuple = ()) -> list[Outgoing]:
    """The province digest as messages (CPU-bound: the outbox runs this in a worker thread); a plan's ``tasks``
    add their lines to the text and a sheet «Nhiệm vụ» to the workbook; ``cycles``: other cycles' summaries, a
    sheet each in the workbook."""
    period = summary.period
    replies = []
    if "text" in parts:
        text = province_text(summary, config.organisation.name)
        replies.append(Outgoing(text + (f"\n\n{tasks_text(tasks)}" if tasks is not None and tasks.rows else "")))
    if "chart" in parts:
        replies.append(Outgoing(texts.PROVINCE_CHART_CAPTION.format(period=label(period)),
                                picture=province_chart(summary)))
    if "excel" in parts:
        replies.append(Outgoing(texts.PROVINCE_EXPORT_CAPTION.format(period=label(period)),
                                file=province_excel(summary, config, tasks, cycles),
                                filename=f"tong_hop_don_vi_{period.replace('-', '_')}.xlsx"))
    return replies
