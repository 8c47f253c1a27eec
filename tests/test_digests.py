"""Leaders' digest: summary, text, Excel table and chart of one period (bot/team/digest.py, bot/team/render.py)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pytest

from bot.config import Config
from bot.formatting import vn_number as format_number
from bot.formatting import vn_percent as format_percent
from bot.team.digest import IndicatorTotal, Summary, VillageRow, build_summary, summary_text
from bot.team.periods import label as period_label
from bot.team.render import summary_chart, summary_excel

UTC = dt.UTC
ICT = dt.timezone(dt.timedelta(hours=7))
ORG = "Tổ công tác 06 xã An Dũng"


@pytest.fixture
def config() -> Config:
    return Config.model_validate({
        "organisation": {"name": ORG, "commune": "xã An Dũng", "timezone": "Asia/Ho_Chi_Minh"},
        "villages": [
            {"key": "trung_thuong", "name": "Thôn Trung Thượng"},
            {"key": "trung_ha", "name": "Thôn Trung Hạ", "targets": {"cccd": 50}},
            {"key": "dong_thinh", "name": "Thôn Đông Thịnh"},
        ],
        "indicators": [
            {"key": "cccd", "label": "Hồ sơ căn cước", "unit": "hồ sơ", "target": 30},
            {"key": "kich_hoat", "label": "Tài khoản kích hoạt", "unit": "tài khoản"},
            {"key": "luu_tru", "label": "Cơ sở lưu trú", "unit": "cơ sở", "optional": True, "target": 10},
        ],
    })


@pytest.fixture
def reports() -> dict[str, dict]:
    return {
        "trung_thuong": {
            "values": {"cccd": 40, "kich_hoat": 1200, "luu_tru": 3},
            "reporter": "Nguyễn Văn Hùng",
            "confirmed_at": dt.datetime(2026, 12, 1, 2, 30, tzinfo=UTC),  # 09:30 in Hà Nội
        },
        "dong_thinh": {
            "values": {"cccd": 26, "kich_hoat": 5},  # luu_tru (optional) skipped
            "reporter": "Lê Thị Lan",
            "confirmed_at": dt.datetime(2026, 12, 4, 17, 10, tzinfo=UTC),  # next day 00:10 in Hà Nội
        },
    }


@pytest.fixture
def summary(config, reports) -> Summary:
    return build_summary(config, "2026-11", reports)


def _all_reports(config: Config) -> dict[str, dict]:
    return {
        v.key: {"values": {"cccd": 40 + i, "kich_hoat": 10, "luu_tru": 10},
                "reporter": f"Người {i}", "confirmed_at": dt.datetime(2026, 12, 2, 8, i, tzinfo=ICT)}
        for i, v in enumerate(config.villages)
    }


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _check_png(data: bytes) -> None:
    import matplotlib.image

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert 10_000 < len(data) < 1_000_000
    image = matplotlib.image.imread(io.BytesIO(data), format="png")
    assert image.shape[:2] == (700, 800)


# ---------------------------------------------------------------------------------------------- formatting


def test_period_label():
    assert period_label("2026-11") == "tháng 11/2026"
    assert period_label("2027-03") == "tháng 3/2027"
    for bad in ("2026-13", "2026-1", "11/2026", ""):
        with pytest.raises(ValueError, match="2026-11"):
            period_label(bad)


def test_vietnamese_numbers():
    assert format_number(0) == "0"
    assert format_number(1200) == "1.200"
    assert format_number(1234567) == "1.234.567"
    assert format_number(40.0) == "40"
    assert format_number(12.5) == "12,5"
    assert format_number(1200.25) == "1.200,25"
    assert format_percent(0.75) == "75%"
    assert format_percent(2 / 3) == "67%"
    assert format_percent(0.996) == "99%"  # never «đạt 100%» while below the target
    assert format_percent(1.0) == "100%"
    assert format_percent(12.5) == "1.250%"


# ------------------------------------------------------------------------------------------------- summary


def test_summary_fields(summary):
    assert summary.period == "2026-11"
    assert summary.locked is False
    assert [row.key for row in summary.rows] == ["trung_thuong", "trung_ha", "dong_thinh"]
    assert summary.reported == ["Thôn Trung Thượng", "Thôn Đông Thịnh"]
    assert summary.missing == ["Thôn Trung Hạ"]

    first, missing, last = summary.rows
    assert first == VillageRow("trung_thuong", "Thôn Trung Thượng", {"cccd": 40, "kich_hoat": 1200, "luu_tru": 3},
                               "Nguyễn Văn Hùng", dt.datetime(2026, 12, 1, 2, 30, tzinfo=UTC))
    assert missing == VillageRow("trung_ha", "Thôn Trung Hạ", None, None, None)
    assert last.values == {"cccd": 26, "kich_hoat": 5}

    cccd, kich_hoat, luu_tru = summary.totals
    # Targets count every village, reported or not; Trung Hạ's 50 overrides the default 30.
    assert cccd == IndicatorTotal("cccd", "Hồ sơ căn cước", "hồ sơ", 66, 110.0, pytest.approx(0.6))
    assert kich_hoat == IndicatorTotal("kich_hoat", "Tài khoản kích hoạt", "tài khoản", 1205, None, None)
    assert luu_tru == IndicatorTotal("luu_tru", "Cơ sở lưu trú", "cơ sở", 3, 30.0, pytest.approx(0.1))


def test_unknown_keys_are_ignored_and_a_report_without_values_is_missing(config):
    summary = build_summary(config, "2026-11", {
        "elsewhere": {"values": {"cccd": 999}, "reporter": "X", "confirmed_at": None},
        "trung_ha": {"values": {"cccd": 7, "other": 5}, "reporter": "Y", "confirmed_at": None},
        "dong_thinh": {"values": None},
    })
    assert summary.reported == ["Thôn Trung Hạ"]
    assert summary.missing == ["Thôn Trung Thượng", "Thôn Đông Thịnh"]
    assert [t.total for t in summary.totals] == [7, 0, 0]


def test_target_only_where_villages_have_one():
    config = Config.model_validate({
        "villages": [{"key": "a", "name": "Thôn A", "targets": {"x": 8}}, {"key": "b", "name": "Thôn B"}],
        "indicators": [{"key": "x", "label": "X"}, {"key": "z", "label": "Z", "target": 0}],
    })
    x, z = build_summary(config, "2026-11", {"b": {"values": {"x": 4, "z": 3}}}).totals
    assert (x.total, x.target, x.progress) == (4, 8.0, 0.5)
    assert (z.total, z.target, z.progress) == (3, 0.0, None)  # a target of 0 gives no progress


def test_bad_period_is_refused(config):
    with pytest.raises(ValueError):
        build_summary(config, "11/2026", {})


# ---------------------------------------------------------------------------------------------------- text


def test_text(summary):
    assert summary_text(summary, ORG).splitlines() == [
        "Tổng hợp số liệu tháng 11/2026 — Tổ công tác 06 xã An Dũng",
        "Đã báo cáo: 2/3 thôn",
        "Chưa báo cáo: Thôn Trung Hạ",
        "• Hồ sơ căn cước: 66 hồ sơ (đạt 60% chỉ tiêu 110)",
        "• Tài khoản kích hoạt: 1.205 tài khoản",
        "• Cơ sở lưu trú: 3 cơ sở (đạt 10% chỉ tiêu 30)",
    ]


def test_text_locked_and_everyone_reported(config):
    summary = build_summary(config, "2026-11", _all_reports(config), locked=True)
    lines = summary_text(summary, ORG).splitlines()
    assert lines[0] == "Tổng hợp số liệu tháng 11/2026 — Tổ công tác 06 xã An Dũng (đã khóa số liệu)"
    assert lines[1:3] == ["Đã báo cáo: 3/3 thôn", "Tất cả các thôn đã báo cáo."]
    assert lines[3] == "• Hồ sơ căn cước: 123 hồ sơ (đạt 112% chỉ tiêu 110)"
    assert not any("Chưa báo cáo" in line for line in lines)


def test_text_fits_a_phone(summary):
    assert all(len(line) <= 80 for line in summary_text(summary, ORG).splitlines())


# --------------------------------------------------------------------------------------------------- Excel


def test_excel_layout(summary, config):
    ws = _sheet(summary_excel(summary, config))
    assert ws.title == "Tháng 11-2026"
    assert ws["A1"].value == "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 — THÁNG 11/2026"
    assert ws["A1"].font.bold
    assert ws["A2"].value == ORG
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:G1", "A2:G2"}
    assert ws.max_column == 7

    headers = [c.value for c in ws[4]]
    assert headers == ["STT", "Thôn", "Hồ sơ căn cước (hồ sơ)", "Tài khoản kích hoạt (tài khoản)",
                       "Cơ sở lưu trú (cơ sở)", "Người báo cáo", "Thời gian xác nhận"]
    assert all(c.font.bold and c.border.bottom.style == "thin" for c in ws[4])
    assert ws.freeze_panes == "C5"
    assert ws.column_dimensions["B"].width >= 15

    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=ws.max_row)]
    assert rows == [
        [1, "Thôn Trung Thượng", 40, 1200, 3, "Nguyễn Văn Hùng", "01/12/2026 09:30"],
        [2, "Thôn Trung Hạ", None, None, None, "Chưa báo cáo", None],
        [3, "Thôn Đông Thịnh", 26, 5, None, "Lê Thị Lan", "05/12/2026 00:10"],
        [None, "Tổng cộng", 66, 1205, 3, None, None],
        [None, "Chỉ tiêu", 110, None, 30, None, None],
        [None, "Tỷ lệ đạt", pytest.approx(0.6), None, pytest.approx(0.1), None, None],
    ]
    assert ws.max_row == 10
    for cell in ws[10][2:5]:
        assert "%" in cell.number_format
    assert ws["C8"].number_format == "#,##0" and ws["C8"].font.bold
    assert ws["D8"].data_type == "n"  # a value, not a formula
    assert all(c.border.left.style == "thin" for row in ws.iter_rows(min_row=4, max_row=10) for c in row)


def test_excel_fractional_target_and_lock():
    config = Config.model_validate({
        "villages": [{"key": "a", "name": "Thôn A", "targets": {"x": 12.5}}],
        "indicators": [{"key": "x", "label": "X"}],
    })
    ws = _sheet(summary_excel(build_summary(config, "2027-03", {}, locked=True), config))
    assert ws.title == "Tháng 3-2027"
    assert ws["A1"].value.endswith("— THÁNG 3/2027")
    assert ws["A3"].value == "Đã báo cáo: 0/1 thôn — số liệu đã khóa"
    assert (ws["B7"].value, ws["C7"].value, ws["C7"].number_format) == ("Chỉ tiêu", 12.5, "#,##0.0#")


def test_excel_without_targets_has_no_target_rows():
    config = Config.model_validate({
        "villages": [{"key": "a", "name": "Thôn A"}],
        "indicators": [{"key": "x", "label": "X", "unit": ""}],
    })
    ws = _sheet(summary_excel(build_summary(config, "2026-11", {"a": {"values": {"x": 2}}}), config))
    assert [c.value for c in ws[4]] == ["STT", "Thôn", "X", "Người báo cáo", "Thời gian xác nhận"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=5)] == [
        [1, "Thôn A", 2, None, None],
        [None, "Tổng cộng", 2, None, None],
    ]


# --------------------------------------------------------------------------------------------------- chart


def test_chart_is_a_phone_sized_png(summary):
    _check_png(summary_chart(summary))


def test_chart_without_any_target():
    config = Config.model_validate({
        "villages": [{"key": "a", "name": "Thôn A"}],
        "indicators": [{"key": "x", "label": "X"}, {"key": "y", "label": "Y", "optional": True}],
    })
    _check_png(summary_chart(build_summary(config, "2026-11", {"a": {"values": {"x": 3}}})))


def test_importing_the_module_does_not_import_matplotlib():
    code = ("import sys, bot.team.digest, bot.team.render; "
            "assert 'matplotlib' not in sys.modules; assert 'openpyxl' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------------------------ nobody and everybody


def test_no_reports_at_all(config):
    summary = build_summary(config, "2026-11", {})
    assert summary.reported == []
    assert summary.missing == ["Thôn Trung Thượng", "Thôn Trung Hạ", "Thôn Đông Thịnh"]
    assert [(t.total, t.target, t.progress) for t in summary.totals] == [(0, 110.0, 0.0), (0, None, None),
                                                                          (0, 30.0, 0.0)]
    assert summary_text(summary, ORG).splitlines()[1:4] == [
        "Đã báo cáo: 0/3 thôn",
        "Chưa báo cáo: Thôn Trung Thượng, Thôn Trung Hạ, Thôn Đông Thịnh",
        "• Hồ sơ căn cước: 0 hồ sơ (đạt 0% chỉ tiêu 110)",
    ]
    ws = _sheet(summary_excel(summary, config))
    assert [ws.cell(r, 6).value for r in (5, 6, 7)] == ["Chưa báo cáo"] * 3
    assert all(ws.cell(r, c).value is None for r in (5, 6, 7) for c in (3, 4, 5, 7))
    assert [c.value for c in ws[8]][1:5] == ["Tổng cộng", 0, 0, 0]
    assert [c.value for c in ws[10]][1:5] == ["Tỷ lệ đạt", 0, None, 0]
    _check_png(summary_chart(summary))


def test_every_village_reported(config):
    summary = build_summary(config, "2026-11", _all_reports(config))
    assert summary.missing == []
    assert summary.reported == ["Thôn Trung Thượng", "Thôn Trung Hạ", "Thôn Đông Thịnh"]
    assert [t.total for t in summary.totals] == [123, 30, 30]
    assert summary.totals[0].progress == pytest.approx(123 / 110)
    assert summary.totals[2].progress == pytest.approx(1.0)
    assert "Tất cả các thôn đã báo cáo." in summary_text(summary, ORG)
    ws = _sheet(summary_excel(summary, config))
    assert [ws.cell(r, 6).value for r in (5, 6, 7)] == ["Người 0", "Người 1", "Người 2"]
    assert [ws.cell(r, 7).value for r in (5, 6, 7)] == ["02/12/2026 08:00", "02/12/2026 08:01", "02/12/2026 08:02"]
    assert [c.value for c in ws[8]][1:5] == ["Tổng cộng", 123, 30, 30]
    assert ws["C10"].value == pytest.approx(123 / 110)
    _check_png(summary_chart(summary))
