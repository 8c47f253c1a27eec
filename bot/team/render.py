"""The digest as pictures and files: a chart (PNG) and a workbook (.xlsx) of one period's :class:`Summary`.

Usage::

    summary_chart(summary)             # PNG bytes
    summary_excel(summary, config)     # .xlsx bytes
    cycles_excel([monthly, weekly], config)   # .xlsx bytes, a sheet per cycle
    digest_replies(config, summary)    # text, chart and Excel as messages

Both are CPU-bound (matplotlib, openpyxl); the scheduler's outbox calls them in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from zoneinfo import ZoneInfo

from bot import offload, texts
from bot.config import Config
from bot.formatting import vn_number, vn_percent
from bot.messages import Outgoing
from bot.team.digest import NOT_REPORTED, IndicatorTotal, Summary, local_time, summary_text
from bot.team.periods import label, split
from bot.team.plan_tasks import TaskBoard
from bot.team.render_tasks import SHEET as TASKS_SHEET
from bot.team.render_tasks import tasks_sheet, tasks_text

# ----------------------------------------------------------------------------------------------------- Excel


def _header(item: IndicatorTotal) -> str:
    return f"{item.label} ({item.unit})" if item.unit else item.label


def _cell_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def summary_excel(summary: Summary, config: Config, tasks: TaskBoard | None = None) -> bytes:
    """The period as an official-looking summary table (.xlsx bytes).

    Row 1 title, row 2 organisation, row 3 status and export date, row 4 headers, one row per village (the
    confirmation time a real date cell), then «Tổng cộng», «Chỉ tiêu» and «Tỷ lệ đạt» (the last two only when some
    indicator has a target), «Lũy kế từ đầu năm», and a signature line, ready to print and send upward.
    Totals are written as values, not formulas, so every reader (and preview) shows them. With a plan's ``tasks``:
    a second sheet «Nhiệm vụ» (:mod:`bot.team.render_tasks`).
    """
    return cycles_excel([summary], config, tasks)


def cycles_excel(summaries: list[Summary], config: Config, tasks: TaskBoard | None = None) -> bytes:
    """One workbook with a sheet per summary (the default cycle's period, then each other cycle's), each laid out
    as :func:`summary_excel`'s; another cycle's sheet adds its cumulative progress («Lũy kế đến nay»); a plan's
    ``tasks`` add the sheet «Nhiệm vụ» last."""
    from openpyxl import Workbook

    wb = Workbook()
    for n, summary in enumerate(summaries):
        summary_sheet(wb.active if n == 0 else wb.create_sheet(), summary, config)
    if tasks is not None and tasks.rows:
        tasks_sheet(wb.create_sheet(TASKS_SHEET), tasks, config)
    wb.properties.title = f"Tổng hợp Đề án 06 {label(summaries[0].period)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_title(summary: Summary) -> str:
    """«Tháng 11-2026»; another cycle's «Tuần 21-2023 chien_dich» ("/" is not allowed, 31 characters at most)."""
    key = split(summary.period)[0]
    return f"{label(summary.period).capitalize().replace('/', '-')}{f' {key}' if key else ''}"[:31]


def summary_sheet(ws, summary: Summary, config: Config) -> None:
    """Fill one worksheet with a period's summary (see :func:`summary_excel`)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tz = ZoneInfo(config.organisation.timezone)
    n_ind = len(summary.totals)
    first_ind, reporter_col = 3, 3 + n_ind
    time_col = last_col = reporter_col + 1
    last_letter = get_column_letter(last_col)
    ws.title = sheet_title(summary)

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    right = Alignment(horizontal="right", vertical="center")
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    total_fill = PatternFill("solid", fgColor="F2F2F2")

    # Rows 1-3: title, organisation, status.
    named = f" ({summary.cycle_name.upper()})" if summary.cycle_name else ""
    ws.cell(1, 1, f"BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 — {label(summary.period).upper()}{named}")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = center
    ws.row_dimensions[1].height = 24
    ws.cell(2, 1, config.organisation.name)
    ws.cell(2, 1).font = Font(bold=True, size=12)
    ws.cell(2, 1).alignment = center
    status = f"Đã báo cáo: {len(summary.reported)}/{len(summary.rows)} {summary.noun}"
    if summary.locked:
        status += " — số liệu đã khóa"
    if summary.made_at is not None:
        status += f" — xuất lúc {local_time(summary.made_at, tz).strftime('%H:%M ngày %d/%m/%Y')}"
    ws.cell(3, 1, status)
    ws.cell(3, 1).font = Font(italic=True)
    ws.cell(3, 1).alignment = center
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:{last_letter}{row}")

    # Row 4: headers.
    headers = ["STT", summary.noun.capitalize(), *(_header(t) for t in summary.totals), "Người báo cáo",
               "Thời gian xác nhận"]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(4, col, text)
        cell.font, cell.alignment, cell.border, cell.fill = bold, center, border, header_fill
    ws.row_dimensions[4].height = 60

    # Village rows.
    row_no = 5
    for index, village in enumerate(summary.rows, start=1):
        ws.cell(row_no, 1, index).alignment = center
        ws.cell(row_no, 2, village.name).alignment = left
        for offset, item in enumerate(summary.totals):
            value = village.values.get(item.key) if village.values is not None else None
            cell = ws.cell(row_no, first_ind + offset, value)
            cell.number_format, cell.alignment = "#,##0", right
        if village.values is None:
            cell = ws.cell(row_no, reporter_col, NOT_REPORTED)
            cell.font = Font(italic=True, color="C00000")
        else:
            ws.cell(row_no, reporter_col, village.reporter or None)
        ws.cell(row_no, reporter_col).alignment = left
        if village.confirmed_at is not None:  # a date cell (Excel has no time zones: local time, naive)
            moment = local_time(village.confirmed_at, tz).replace(tzinfo=None, microsecond=0)
            ws.cell(row_no, time_col, moment).number_format = "dd/mm/yyyy hh:mm"
        ws.cell(row_no, time_col).alignment = center
        row_no += 1

    # Totals, targets, progress.
    def summary_row(title: str, values: list[int | float | None], number_format: str) -> None:
        nonlocal row_no
        ws.cell(row_no, 2, title).font = bold
        ws.cell(row_no, 2).alignment = left
        for offset, value in enumerate(values):
            cell = ws.cell(row_no, first_ind + offset, value)
            fractional = isinstance(value, float) and number_format == "#,##0"  # a target such as 12.5
            cell.font, cell.alignment = bold, right
            cell.number_format = "#,##0.0#" if fractional else number_format
        for col in range(1, last_col + 1):
            ws.cell(row_no, col).fill = total_fill
        row_no += 1

    summary_row("Tổng cộng", [t.total for t in summary.totals], "#,##0")
    if any(t.target is not None for t in summary.totals):
        summary_row("Chỉ tiêu", [None if t.target is None else _cell_number(t.target) for t in summary.totals],
                    "#,##0")
        summary_row("Tỷ lệ đạt", [t.progress for t in summary.totals], "0.0%")
    if summary.year_to_date:
        summary_row(f"Lũy kế từ đầu năm {summary.period[:4]}",
                    [summary.year_to_date.get(t.key, 0) for t in summary.totals], "#,##0")
    if summary.cumulative:
        reached = {c.key: c for c in summary.cumulative}
        summary_row(texts.CYCLE_SHEET_CUMULATIVE, [reached[t.key].total if t.key in reached else None
                                                   for t in summary.totals], "#,##0")
        summary_row(texts.CYCLE_SHEET_TARGET, [_cell_number(reached[t.key].target) if t.key in reached else None
                                               for t in summary.totals], "#,##0")

    for row in ws.iter_rows(min_row=4, max_row=row_no - 1, min_col=1, max_col=last_col):
        for cell in row:
            cell.border = border

    _signatures(ws, row_no + 1, last_col, summary.made_at and local_time(summary.made_at, tz))

    widths = {1: 6, 2: 22, reporter_col: 20, time_col: 18}
    for col in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 16)
    ws.freeze_panes = "C5"  # header row and the STT/Thôn columns stay in view
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"


def _signatures(ws, row: int, last_col: int, made: dt.datetime | None) -> None:
    """«Người lập biểu» on the left, the place and date and «Tổ trưởng» on the right, room to sign below."""
    from openpyxl.styles import Alignment, Font

    center = Alignment(horizontal="center")
    if made is not None:
        ws.cell(row, last_col - 1, f"Ngày {made.day} tháng {made.month} năm {made.year}").font = Font(italic=True)
        ws.cell(row, last_col - 1).alignment = center
    for col, title in ((2, "NGƯỜI LẬP BIỂU"), (last_col - 1, "TỔ TRƯỞNG")):
        ws.cell(row + 1, col, title).font = Font(bold=True)
        ws.cell(row + 2, col, "(Ký, ghi rõ họ tên)").font = Font(italic=True)
        ws.cell(row + 1, col).alignment = ws.cell(row + 2, col).alignment = center


# ----------------------------------------------------------------------------------------------------- chart


def _chart_indicators(summary: Summary) -> list[IndicatorTotal]:
    with_target = [t for t in summary.totals if t.target is not None]
    return with_target or summary.totals


CHART_WIDTH_IN, CHART_DPI = 6.0, 130  # 780 px wide: shown at 390 px on a phone, text stays about 11 px
TITLE_CHARS = 42
CLIP_PERCENT = 150  # a bar far above its target is drawn to here, with its real value written beside it


def _village_targets(summary: Summary, config: Config | None, key: str) -> dict[str, float | None]:
    """Village name -> its target for one indicator (None without a config or a target)."""
    if config is None:
        return {}
    indicator = next((i for i in config.indicators if i.key == key), None)
    return {v.name: v.targets.get(key, indicator.target if indicator else None) for v in config.villages}


def _panel(ax, summary: Summary, item: IndicatorTotal, targets: dict[str, float | None]) -> None:
    """One indicator: a bar per village as a share of its own target (or the raw value without one)."""
    import matplotlib.ticker

    rows = summary.rows
    ys = list(range(len(rows)))[::-1]
    with_target = any(targets.get(r.name) for r in rows)
    values = [(row.values or {}).get(item.key) if row.values is not None else None for row in rows]
    if with_target:
        shares = [min(100 * (v or 0) / targets[r.name], CLIP_PERCENT) if targets.get(r.name) else 0
                  for v, r in zip(values, rows, strict=True)]
        colors = ["#2E7D32" if x >= 100 else "#F9A825" if x >= 50 else "#C62828" for x in shares]
        ax.barh(ys, shares, color=colors, height=0.6)
        ax.axvline(100, color="#555555", linestyle="--", linewidth=1.2)
        ax.set_xlim(0, CLIP_PERCENT * 1.45)
        ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator([0, 50, 100, 150]))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{round(v)}%"))
    else:
        shares = [v or 0 for v in values]
        ax.barh(ys, shares, color="#1565C0", height=0.6)
        ax.set_xlim(0, max(shares + [10]) * 1.6)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: vn_number(round(v))))
    for y, share, value, row in zip(ys, shares, values, rows, strict=True):
        target = targets.get(row.name)
        if value is None:
            note, color = "chưa báo cáo", "#C00000"
        else:
            note = f"{vn_number(value)} / {vn_number(target)}" if with_target and target else vn_number(value)
            color = "#222222"
        ax.text(share + 2, y, note, va="center", fontsize=12, color=color)
    ax.set_yticks(ys, [textwrap.shorten(r.name, 22, placeholder="…") for r in rows], fontsize=12)
    total = f"Cả xã: {vn_number(item.total)}" + (f" / {vn_number(item.target)} ({vn_percent(item.progress)})"
                                                  if item.target else "")
    ax.set_title(textwrap.fill(item.label, TITLE_CHARS) + "\n" + total, fontsize=12, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=11)


def summary_chart(summary: Summary, config: Config | None = None) -> bytes:
    """PNG for a phone: one small panel per indicator (those with a target, else all), each village's bar measured
    against its own target, so one outlier never flattens the rest; readable at 390 px wide.

    Uses matplotlib's Agg canvas directly (no pyplot, no global backend switch), so it is safe in a
    worker thread and leaves any other matplotlib use in the process alone.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    indicators = _chart_indicators(summary)
    axes_in = 0.1 + 0.42 * max(len(summary.rows), 1)  # fixed margins (inches): one draw, no layout engine
    title_lines = 1 + max((len(textwrap.wrap(i.label, TITLE_CHARS)) for i in indicators), default=1)
    gap_in = 0.45 + 0.24 * title_lines  # the ticks of one panel and the title of the next
    top_in, bottom_in = 0.75 + 0.24 * title_lines, 0.35
    height = top_in + bottom_in + axes_in * max(len(indicators), 1) + gap_in * (max(len(indicators), 1) - 1)
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 12}):
        fig = Figure(figsize=(CHART_WIDTH_IN, height), dpi=CHART_DPI)
        fig.subplots_adjust(left=0.34, right=0.97, top=1 - top_in / height, bottom=bottom_in / height,
                            hspace=gap_in / axes_in)
        FigureCanvasAgg(fig)
        status = f"Đã báo cáo {len(summary.reported)}/{len(summary.rows)} {summary.noun}" + (
            " · đã khóa số liệu" if summary.locked else "")
        fig.suptitle(f"Đề án 06 — {label(summary.period)}\n{status}", fontsize=14, fontweight="bold",
                     y=1 - 0.08 / height, va="top")
        if not indicators:
            ax = fig.subplots()
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Chưa có chỉ tiêu nào", ha="center", va="center", transform=ax.transAxes)
        else:
            axes = fig.subplots(len(indicators), 1, squeeze=False)[:, 0]
            for ax, item in zip(axes, indicators, strict=True):
                _panel(ax, summary, item, _village_targets(summary, config, item.key))
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


def digest_replies(config: Config, summary: Summary,
                   parts: tuple[str, ...] = ("text", "chart", "excel"), tasks: TaskBoard | None = None
                   ) -> list[Outgoing]:
    """The digest as messages: text, chart, Excel (CPU-bound: the outbox runs this in a worker thread); a plan's
    ``tasks`` add their lines to the text and a sheet to the workbook."""
    replies = []
    period = summary.period
    shown = label(period) + (f" ({summary.cycle_name})" if summary.cycle_name else "")
    if "text" in parts:
        text = summary_text(summary, config.organisation.name)
        replies.append(Outgoing(text + (f"\n\n{tasks_text(tasks)}" if tasks is not None and tasks.rows else "")))
    if "chart" in parts:
        chart = offload.run(summary_chart, summary, config)  # its own process in `run`: the renderer holds the GIL
        replies.append(Outgoing(texts.CHART_CAPTION.format(period=shown), picture=chart))
    if "excel" in parts:
        replies.append(Outgoing(texts.EXPORT_CAPTION.format(period=shown),
                                file=summary_excel(summary, config, tasks),
                                filename=f"tong_hop_{period.replace('-', '_').replace(':', '_')}.xlsx"))
    return replies


def cycles_replies(config: Config, summaries: list[Summary],
                   parts: tuple[str, ...] = ("text", "chart", "excel"), tasks: TaskBoard | None = None
                   ) -> list[Outgoing]:
    """Several cycles' digests: each one's text and chart, and one workbook with a sheet per cycle; a plan's
    ``tasks`` follow the first cycle's text and get their sheet in the workbook."""
    if len(summaries) == 1:
        return digest_replies(config, summaries[0], parts, tasks)
    no_excel = tuple(p for p in parts if p != "excel")
    replies = [r for n, s in enumerate(summaries)
               for r in digest_replies(config, s, no_excel, tasks if n == 0 else None)]
    if "excel" in parts:
        period = summaries[0].period
        replies.append(Outgoing(texts.CYCLES_EXPORT_CAPTION.format(periods=", ".join(
                                    label(s.period) + (f" ({s.cycle_name})" if s.cycle_name else "")
                                    for s in summaries)),
                                file=cycles_excel(summaries, config, tasks),
                                filename=f"tong_hop_{period.replace('-', '_').replace(':', '_')}_cac_ky.xlsx"))
    return replies
