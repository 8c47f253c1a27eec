"""The digest as pictures and files: a chart (PNG) and a workbook (.xlsx) of one period's :class:`Summary`.

Usage::

    summary_chart(summary)             # PNG bytes
    summary_excel(summary, config)     # .xlsx bytes
    digest_replies(config, summary)    # text, chart and Excel as messages

Both are CPU-bound (matplotlib, openpyxl); the scheduler's outbox calls them in a worker thread.
"""

from __future__ import annotations

import io
import textwrap
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.formatting import vn_number, vn_percent
from bot.messages import Outgoing
from bot.team.digest import NOT_REPORTED, IndicatorTotal, Summary, local_time, summary_text
from bot.team.periods import label

# ----------------------------------------------------------------------------------------------------- Excel


def _header(item: IndicatorTotal) -> str:
    return f"{item.label} ({item.unit})" if item.unit else item.label


def _cell_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def summary_excel(summary: Summary, config: Config) -> bytes:
    """The period as an official-looking summary table (.xlsx bytes).

    Row 1 title, row 2 organisation, row 3 status, row 4 headers, one row per village, then
    «Tổng cộng», «Chỉ tiêu» and «Tỷ lệ đạt» (the last two only when some indicator has a target).
    Totals are written as values, not formulas, so every reader (and preview) shows them.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tz = ZoneInfo(config.organisation.timezone)
    n_ind = len(summary.totals)
    first_ind, reporter_col = 3, 3 + n_ind
    time_col = last_col = reporter_col + 1
    last_letter = get_column_letter(last_col)

    wb = Workbook()
    ws = wb.active
    ws.title = label(summary.period).capitalize().replace("/", "-")  # "/" is not allowed in sheet names
    wb.properties.title = f"Tổng hợp Đề án 06 {label(summary.period)}"

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    right = Alignment(horizontal="right", vertical="center")
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    total_fill = PatternFill("solid", fgColor="F2F2F2")

    # Rows 1-3: title, organisation, status.
    ws.cell(1, 1, f"BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 — {label(summary.period).upper()}")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = center
    ws.row_dimensions[1].height = 24
    ws.cell(2, 1, config.organisation.name)
    ws.cell(2, 1).font = Font(bold=True, size=12)
    ws.cell(2, 1).alignment = center
    status = f"Đã báo cáo: {len(summary.reported)}/{len(summary.rows)} thôn"
    if summary.locked:
        status += " — số liệu đã khóa"
    ws.cell(3, 1, status)
    ws.cell(3, 1).font = Font(italic=True)
    ws.cell(3, 1).alignment = center
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:{last_letter}{row}")

    # Row 4: headers.
    headers = ["STT", "Thôn", *(_header(t) for t in summary.totals), "Người báo cáo", "Thời gian xác nhận"]
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
        if village.confirmed_at is not None:
            ws.cell(row_no, time_col, local_time(village.confirmed_at, tz).strftime("%d/%m/%Y %H:%M"))
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

    for row in ws.iter_rows(min_row=4, max_row=row_no - 1, min_col=1, max_col=last_col):
        for cell in row:
            cell.border = border

    widths = {1: 6, 2: 22, reporter_col: 20, time_col: 18}
    for col in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 16)
    ws.freeze_panes = "C5"  # header row and the STT/Thôn columns stay in view
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ----------------------------------------------------------------------------------------------------- chart


def _chart_indicators(summary: Summary) -> list[IndicatorTotal]:
    with_target = [t for t in summary.totals if t.target is not None]
    return with_target or summary.totals


def summary_chart(summary: Summary) -> bytes:
    """PNG (800×700 px) of the period: per-village bars and progress toward the targets.

    Uses matplotlib's Agg canvas directly (no pyplot, no global backend switch), so it is safe in a
    server thread and leaves any other matplotlib use in the process alone.
    """
    import matplotlib
    import matplotlib.ticker
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    period_text = label(summary.period)
    indicators = _chart_indicators(summary)
    rc = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 10}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(8, 7), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        ax_bars, ax_prog = fig.subplots(2, 1, height_ratios=[3, 2])
        fig.suptitle(
            f"Kết quả thực hiện Đề án 06 — {period_text}\n"
            f"Đã báo cáo {len(summary.reported)}/{len(summary.rows)} thôn"
            + (" (đã khóa số liệu)" if summary.locked else ""),
            fontsize=12, fontweight="bold",
        )

        # Grouped bars: villages on the x axis, one bar per indicator.
        colors = matplotlib.colormaps["tab10"].colors
        n = max(len(indicators), 1)
        width = 0.8 / n
        positions = range(len(summary.rows))
        for i, item in enumerate(indicators):
            xs = [p - 0.4 + width * (i + 0.5) for p in positions]
            heights = [(row.values or {}).get(item.key, 0) for row in summary.rows]
            bars = ax_bars.bar(xs, heights, width, color=colors[i % len(colors)],
                               label=textwrap.shorten(item.label, 48, placeholder="…"))
            if len(summary.rows) * len(indicators) <= 32:
                ax_bars.bar_label(bars, labels=[vn_number(h) if h else "" for h in heights], fontsize=7,
                                  padding=1)
        crowded = len(summary.rows) > 6  # then names go on one slanted line each
        ticks = [(row.name if crowded else textwrap.fill(row.name, 14))
                 + ("" if row.values is not None else " (chưa báo cáo)" if crowded else "\n(chưa báo cáo)")
                 for row in summary.rows]
        ax_bars.set_xticks(list(positions), ticks, fontsize=7 if crowded else 8,
                           rotation=30 if crowded else 0, ha="right" if crowded else "center")
        for tick, row in zip(ax_bars.get_xticklabels(), summary.rows, strict=True):
            if row.values is None:
                tick.set_color("#C00000")
        ax_bars.set_ylabel("Số liệu từng thôn")
        ax_bars.margins(y=0.15)
        ax_bars.set_ylim(bottom=0, top=max(ax_bars.get_ylim()[1], 10))  # an empty month still gets a 0-10 axis
        ax_bars.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax_bars.spines[["top", "right"]].set_visible(False)
        ax_bars.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: vn_number(round(v))))
        if indicators:
            ax_bars.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7, frameon=False)

        # Horizontal bars: progress toward the period target.
        with_progress = [t for t in summary.totals if t.progress is not None]
        ax_prog.set_title("Tỷ lệ đạt chỉ tiêu (%)")
        ax_prog.spines[["top", "right"]].set_visible(False)
        if with_progress:
            percents = [t.progress * 100 for t in with_progress]
            names = [textwrap.fill(textwrap.shorten(t.label, 60, placeholder="…"), 30) for t in with_progress]
            ys = list(range(len(with_progress)))[::-1]
            bar_colors = ["#2E7D32" if p >= 100 else "#F9A825" if p >= 50 else "#C62828" for p in percents]
            bars = ax_prog.barh(ys, percents, color=bar_colors, height=0.6)
            ax_prog.bar_label(bars, labels=[vn_percent(t.progress) for t in with_progress], padding=3,
                              fontsize=8)
            ax_prog.set_yticks(ys, names, fontsize=8)
            ax_prog.axvline(100, color="#555555", linestyle="--", linewidth=1)
            ax_prog.set_xlim(0, max(110, max(percents) * 1.15))
            ax_prog.set_xlabel("% chỉ tiêu")
            ax_prog.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: vn_number(round(v))))
        else:
            ax_prog.set_axis_off()
            ax_prog.text(0.5, 0.5, "Chưa đặt chỉ tiêu cho chỉ số nào", ha="center", va="center",
                         transform=ax_prog.transAxes)

        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


def digest_replies(config: Config, summary: Summary,
                   parts: tuple[str, ...] = ("text", "chart", "excel")) -> list[Outgoing]:
    """The digest as messages: text, chart, Excel (CPU-bound: the outbox runs this in a worker thread)."""
    replies = []
    period = summary.period
    if "text" in parts:
        replies.append(Outgoing(summary_text(summary, config.organisation.name)))
    if "chart" in parts:
        replies.append(Outgoing(texts.CHART_CAPTION.format(period=label(period)),
                                picture=summary_chart(summary)))
    if "excel" in parts:
        replies.append(Outgoing(texts.EXPORT_CAPTION.format(period=label(period)),
                                file=summary_excel(summary, config),
                                filename=f"tong_hop_{period.replace('-', '_')}.xlsx"))
    return replies
