"""A plan's tasks at province scale (issue #15, part 4; seed 004's appendix): `tasks import`, every deadline form,
bad rows, idempotent re-import, reminders to the lead units' leaders, progress and done, overdue per unit in the
province digest and its workbook.

The test province: Tỉnh Thử with two communes (An Dũng, Đức Thọ) and three departments named as in seed 004
(Văn phòng UBND tỉnh, Sở Tư pháp, Sở Lao động, Thương binh và Xã hội). The plan is imported on 10/01/2024.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import yaml

from bot import texts
from bot.config import Config, load_config
from bot.core import Core
from bot.deps import Deps
from bot.team.plan_tasks import Deadline, UnitNames, import_plan, parse_deadline, read_plan, task_board
from bot.team.units import tree
from scheduler.outbox import deliver, render
from scheduler.plan import plan
from tests.conftest import TestBot
from tests.test_province import at, text

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE = {
    "organisation": {"name": "Ban Chỉ đạo Đề án 06 tỉnh Thử", "commune": "tỉnh Thử", "province": "Thử"},
    "units": [
        {"key": "tinh", "name": "Tỉnh Thử", "kind": "province"},
        {"key": "an_dung", "name": "Xã An Dũng", "kind": "commune", "parent": "tinh"},
        {"key": "ad_1", "name": "Thôn 1", "kind": "village", "parent": "an_dung"},
        {"key": "duc_tho", "name": "Xã Đức Thọ", "kind": "commune", "parent": "tinh"},
        {"key": "dt_1", "name": "Thôn 1", "kind": "village", "parent": "duc_tho"},
        {"key": "vp_ubnd", "name": "Văn phòng UBND tỉnh", "kind": "department", "parent": "tinh"},
        {"key": "so_tu_phap", "name": "Sở Tư pháp", "kind": "department", "parent": "tinh"},
        {"key": "so_ldtbxh", "name": "Sở Lao động, Thương binh và Xã hội", "kind": "department", "parent": "tinh"},
    ],
    "indicators": [{"key": "cccd", "label": "Hồ sơ cấp thẻ căn cước", "unit": "hồ sơ", "aliases": ["cccd"]}],
}
# seed 004's appendix as a sheet: a title above the header, section headings, every deadline form
PLAN = """DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN ĐỀ ÁN 06 NĂM 2024;;;;;
STT;Nội dung, nhiệm vụ cụ thể;Đơn vị chủ trì;Đơn vị phối hợp;Kết quả sản phẩm;Thời gian hoàn thành
I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (04 NHIỆM VỤ);;;;;
1;Xây dựng kế hoạch kiểm tra, giám sát;Công an tỉnh, UBND các huyện, thị xã, thành phố;UBND các xã, phường, thị trấn;Kế hoạch kiểm tra, giám sát;Tháng 02/2024
2;Định kỳ báo cáo tháng gửi Bộ Công an;Công an tỉnh;Các sở, ban, ngành;Báo cáo;Ngày 22 hàng tháng
3;Rà soát văn bản quy phạm pháp luật;Sở Tư pháp;Bộ chỉ huy Quân sự tỉnh;Báo cáo;Thường xuyên
4;Triển khai kho dữ liệu thủ tục hành chính;Văn phòng UBND tỉnh;Sở Tư pháp;Báo cáo;Quý I/2024
II. VỀ PHÁT TRIỂN CÔNG DÂN SỐ;;;;;
5;Công khai kết quả đánh giá Bộ chỉ số;Van phong UBND tinh;;Báo cáo công khai;Hàng tháng
6;Rà soát tối thiểu 20 dịch vụ công;UBND xã An Dũng;Công an tỉnh;Quyết định phê duyệt;15/03/2024
7;Tổng hợp thông tin người lao động;Sở Lao động-Thương binh và Xã hội;Công an tỉnh, UBND các địa phương;;Trong năm 2024
8;Tổng hợp thông tin người lao động;Sở Lao động-Thương binh và Xã hội;Công an tỉnh, UBND các địa phương;;Trong năm 2024
9;Tuyên truyền tài khoản VNeID;Công an xã Đức Thọ;;Tờ rơi;Thực hiện thường xuyên
"""  # noqa: E501 (rows of a sheet)
IMPORTED = dt.datetime(2024, 1, 10, 9, 0, tzinfo=TZ)


@pytest.fixture
def config() -> Config:
    return Config.model_validate(PROVINCE)


@pytest.fixture
def province_cli(cli, tmp_path, monkeypatch):
    """``python -m bot`` with the test province as its configuration."""
    path = tmp_path / "province.yaml"
    path.write_text(yaml.safe_dump(PROVINCE, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("BOT_CONFIG", str(path))
    return cli


@pytest.fixture
def sheet(tmp_path) -> Path:
    path = tmp_path / "ke_hoach_2024.csv"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def pdeps(store, kb, matcher, clock, config):
    clock.now = IMPORTED
    return Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)


def _join(store, user: str, name: str, role: str, village: str | None, unit: str | None) -> int:
    pid = store.add_person(name, role, village, None, unit)
    store.create_invite(f"C{user}", village, role, "2099-01-01T00:00:00+07:00", person_id=pid, unit=unit)
    return store.redeem_invite(f"C{user}", "test", user, name, IMPORTED.isoformat())


@pytest.fixture
def team(pdeps, store, sheet):
    """The plan imported; leaders joined: p (the province), c (An Dũng), d (Đức Thọ's deputy), vp (Văn phòng
    UBND tỉnh), tp (Sở Tư pháp), m (a member of An Dũng's Thôn 1: no plan tasks)."""
    tasks, _ = read_plan(sheet, pdeps.config)
    import_plan(store, tasks, IMPORTED)
    _join(store, "p", "Lê Văn Tỉnh", "leader", None, "tinh")
    _join(store, "c", "Ngô Thị Xã", "leader", None, "an_dung")
    _join(store, "d", "Đinh Văn Đức", "deputy", None, "duc_tho")
    _join(store, "vp", "Trần Văn Phòng", "leader", None, "vp_ubnd")
    _join(store, "tp", "Phan Văn Sở", "leader", None, "so_tu_phap")
    _join(store, "m", "Mai Thị An", "member", "ad_1", None)
    return TestBot(Core(pdeps))


def code_of(store, title_start: str) -> str:
    return next(t["code"] for t in store.plan_tasks() if t["title"].startswith(title_start))


def ptask_items(pdeps, now):
    return [i for i in plan(pdeps, now) if i["kind"] == "ptask"]


# -- deadlines ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("cell", "expected"), [
    ("15/09/2024", Deadline("date", dt.date(2024, 9, 15))),
    ("ngày 5/1/2025", Deadline("date", dt.date(2025, 1, 5))),
    ("Tháng 9/2024", Deadline("month", dt.date(2024, 9, 30))),
    ("Tháng 02/2024", Deadline("month", dt.date(2024, 2, 29))),
    ("thang 12 nam 2024", Deadline("month", dt.date(2024, 12, 31))),
    ("Quý I/2024", Deadline("quarter", dt.date(2024, 3, 31))),
    ("Quý II/2024", Deadline("quarter", dt.date(2024, 6, 30))),
    ("quy 3/2024", Deadline("quarter", dt.date(2024, 9, 30))),
    ("Quý IV/2024", Deadline("quarter", dt.date(2024, 12, 31))),
    ("Trong năm 2024", Deadline("year", dt.date(2024, 12, 31))),
    ("Năm 2024.", Deadline("year", dt.date(2024, 12, 31))),
    ("Hàng tháng", Deadline("monthly")),
    ("hang thang", Deadline("monthly")),
    ("Ngày 22 hàng tháng", Deadline("monthly", day=22)),
    ("ngay 15 hang thang", Deadline("monthly", day=15)),
    ("Thường xuyên", Deadline("ongoing")),
    ("Thực hiện thường xuyên", Deadline("ongoing")),
    ("thuc hien thuong xuyen", Deadline("ongoing")),
    ("Từ tháng 01/2024 và thực hiện thường xuyên", Deadline("ongoing")),
    ("Theo lộ trình hướng dẫn Cục C06", Deadline("ongoing")),
    ("Tháng 13/2024", None), ("31/02/2024", None), ("Quý V/2024", None), ("sớm nhất có thể", None), ("", None),
    ("ngày 32 hàng tháng", None),
])
def test_every_deadline_form(cell, expected):
    assert parse_deadline(cell) == expected


def test_a_monthly_task_on_day_31_falls_on_the_last_day_of_a_short_month():
    assert Deadline("monthly", day=31).due_in(2024, 2) == dt.date(2024, 2, 29)
    assert Deadline("monthly").due_in(2024, 4) == dt.date(2024, 4, 30)


# -- import ------------------------------------------------------------------------------------------------------
def test_a_plan_table_imports_with_lead_units_matched_to_the_tree(config, sheet, store):
    tasks, warnings = read_plan(sheet, config)
    by_title = {t.title: t for t in tasks}
    assert len(tasks) == 8  # 9 rows, two of them identical; section headings skipped
    assert by_title["Xây dựng kế hoạch kiểm tra, giám sát"].lead == ("tinh", "an_dung", "duc_tho")
    assert by_title["Định kỳ báo cáo tháng gửi Bộ Công an"].deadline == Deadline("monthly", day=22)
    assert by_title["Công khai kết quả đánh giá Bộ chỉ số"].lead == ("vp_ubnd",)  # written without diacritics
    assert by_title["Rà soát tối thiểu 20 dịch vụ công"].lead == ("an_dung",)  # «UBND xã An Dũng»
    assert by_title["Tuyên truyền tài khoản VNeID"].lead == ("duc_tho",)  # «Công an xã Đức Thọ»
    labour = by_title["Tổng hợp thông tin người lao động"]
    assert labour.lead == ("so_ldtbxh",) and labour.support == ("tinh", "an_dung", "duc_tho")
    assert by_title["Triển khai kho dữ liệu thủ tục hành chính"].product == "Báo cáo"
    assert "dòng 6: đơn vị phối hợp «Bộ chỉ huy Quân sự tỉnh» không có trong cấu hình" in "\n".join(warnings)
    assert "dòng 12: giống hệt dòng 11, chỉ nhập một lần" in warnings
    assert import_plan(store, tasks, IMPORTED) == (8, 0)
    stored = {t["title"]: t for t in store.plan_tasks()}
    assert stored["Triển khai kho dữ liệu thủ tục hành chính"]["due"] == "2024-03-31"
    assert stored["Định kỳ báo cáo tháng gửi Bộ Công an"]["day"] == 22


def test_importing_the_same_file_again_changes_nothing(province_cli, sheet, store):
    cli = province_cli
    first = cli("tasks", "import", str(sheet))
    assert first.returncode == 0, first.stderr
    assert "8 nhiệm vụ — 8 mới, 0 cập nhật, 0 không đổi" in first.stdout
    before = store.plan_tasks()
    again = cli("tasks", "import", str(sheet))
    assert again.returncode == 0 and "8 nhiệm vụ — 0 mới, 0 cập nhật, 8 không đổi" in again.stdout
    assert store.plan_tasks() == before
    sheet.write_text(PLAN.replace("Quý I/2024", "Quý II/2024"), encoding="utf-8")  # a deadline edited
    edited = cli("tasks", "import", str(sheet))
    assert "0 mới, 1 cập nhật, 7 không đổi" in edited.stdout
    assert {t["due"] for t in store.plan_tasks() if t["title"].startswith("Triển khai kho")} == {"2024-06-30"}


def test_every_bad_row_is_reported_in_vietnamese_and_nothing_is_imported(province_cli, tmp_path, store):
    cli = province_cli
    path = tmp_path / "ke_hoach.csv"
    path.write_text(
        "STT;Nội dung, nhiệm vụ cụ thể;Đơn vị chủ trì;Đơn vị phối hợp;Kết quả sản phẩm;Thời gian hoàn thành\n"
        "1;Nhiệm vụ đúng;Sở Tư pháp;;Báo cáo;Tháng 9/2024\n"
        "2;Nhiệm vụ của sở lạ;Sở Ngoại vụ;;;Tháng 9/2024\n"          # lead unit not in the tree
        "3;Nhiệm vụ không hạn;Sở Tư pháp;;;sớm nhất có thể\n"      # deadline not understood
        "4;;Sở Tư pháp;;;Quý I/2024\n"                               # no task
        "5;Nhiệm vụ không chủ trì;;;;Quý I/2024\n"                  # no lead, no deadline below
        "6;Nhiệm vụ của thôn;Thôn 1;;;Tháng 13/2024\n"              # two villages named «Thôn 1»; bad month
        "7;Nhiệm vụ đúng;Sở Tư pháp;;Báo cáo;Tháng 10/2024\n", encoding="utf-8")  # row 2 with another deadline
    result = cli("tasks", "import", str(path))
    assert result.returncode == 1
    message = result.stderr
    assert "ke_hoach.csv: 6 dòng chưa đúng, chưa nhập nhiệm vụ nào" in message
    assert "dòng 3: không có đơn vị chủ trì «Sở Ngoại vụ» trong cấu hình" in message
    assert "dòng 4: không hiểu thời hạn «sớm nhất có thể»" in message
    assert "dòng 5: thiếu nội dung nhiệm vụ" in message
    assert "dòng 6: thiếu đơn vị chủ trì" in message
    assert "dòng 7: có 2 đơn vị tên «Thôn 1»" in message and "không hiểu thời hạn «Tháng 13/2024»" in message
    assert "dòng 8: trùng nội dung và đơn vị chủ trì với dòng 2 nhưng khác thời hạn" in message
    assert "dòng 2:" not in message and store.plan_tasks() == []
    skipped = cli("tasks", "import", "--skip-bad", str(path))  # the documented choice: import the good rows
    assert skipped.returncode == 0 and "Bỏ qua 6 dòng chưa đúng" in skipped.stderr
    assert [t["title"] for t in store.plan_tasks()] == ["Nhiệm vụ đúng"]


def test_an_xlsx_with_headers_without_diacritics_and_date_cells(config, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ke hoach trien khai De an 06"])
    ws.append(["Ma", "Noi dung nhiem vu", "Don vi chu tri", "Don vi phoi hop", "San pham", "Thoi han"])
    ws.append(["kt_01", "Kiểm tra việc thu nhận hồ sơ", "so tu phap", None, None, dt.datetime(2024, 9, 15)])
    ws.append(["kt_02", "Báo cáo quý", "Các sở, ban, ngành", None, "Báo cáo", "Quý III/2024"])
    path = tmp_path / "ke_hoach.xlsx"
    wb.save(path)
    tasks, _ = read_plan(path, config)
    assert [(t.code, t.lead, t.deadline) for t in tasks] == [
        ("kt_01", ("so_tu_phap",), Deadline("date", dt.date(2024, 9, 15))),
        ("kt_02", ("vp_ubnd", "so_tu_phap", "so_ldtbxh"), Deadline("quarter", dt.date(2024, 9, 30)))]


def test_a_comma_separated_file_reads_too(config, tmp_path):
    path = tmp_path / "kh.csv"
    path.write_text('Nội dung nhiệm vụ,Đơn vị chủ trì,Thời gian hoàn thành\n'
                    '"Rà soát, cập nhật dữ liệu","Sở Lao động, Thương binh và Xã hội",Quý I/2024\n', encoding="utf-8")
    tasks, _ = read_plan(path, config)
    assert [(t.title, t.lead) for t in tasks] == [("Rà soát, cập nhật dữ liệu", ("so_ldtbxh",))]


# -- reminders ---------------------------------------------------------------------------------------------------
def test_a_quarter_task_is_reminded_before_at_and_after_its_deadline(team, pdeps, store):
    code = code_of(store, "Triển khai kho")  # Văn phòng UBND tỉnh, Quý I/2024 -> 31/03/2024 17:00
    before = [i for i in ptask_items(pdeps, at(2024, 3, 28, 8, 0)) if code in i["key"]]
    assert [(i["chat_id"], i["key"]) for i in before] == [("vp", f"ptask:{code}:vp_ubnd:-:{_pid(store, 'vp')}:d-3")]
    assert "còn 3 ngày" in before[0]["text"] and "31/03/2024" in before[0]["text"]
    assert before[0]["payload"]["buttons"] == [[f"✅ Xong: {code}", f"w:d:{code}:"]]
    today = [i for i in ptask_items(pdeps, at(2024, 3, 31, 7, 30)) if code in i["key"]]
    assert len(today) == 1 and "Hôm nay đến hạn" in today[0]["text"]
    late = [i for i in ptask_items(pdeps, at(2024, 4, 1, 8, 0)) if code in i["key"]]
    assert len(late) == 1 and "đã quá hạn" in late[0]["text"]
    assert ptask_items(pdeps, at(2024, 3, 28, 22, 0)) == []  # quiet hours: nothing


def test_a_month_task_for_several_units_reminds_each_units_leaders(team, pdeps, store):
    code = code_of(store, "Xây dựng kế hoạch")  # the province and both communes, Tháng 02/2024 -> 29/02
    items = [i for i in ptask_items(pdeps, at(2024, 2, 26, 8, 0)) if code in i["key"]]
    assert sorted(i["chat_id"] for i in items) == ["c", "d", "p"]
    assert all("29/02/2024" in i["text"] for i in items)


def test_a_recurring_task_has_one_occurrence_a_month_and_none_is_reminded_once_done(team, pdeps, store, clock):
    code = code_of(store, "Định kỳ báo cáo")  # Công an tỉnh = the province, ngày 22 hàng tháng
    january = [i for i in ptask_items(pdeps, at(2024, 1, 19, 8, 0)) if code in i["key"]]
    assert [i["payload"]["occurrence"] for i in january] == ["2024-01"] and "22/01/2024" in january[0]["text"]
    clock.now = at(2024, 1, 20, 9, 0)
    assert "Đã ghi nhận Tỉnh Thử hoàn thành" in text(team.say(f"/xong {code} đã gửi báo cáo tháng 1", user="p"))
    assert [i for i in ptask_items(pdeps, at(2024, 1, 21, 8, 0)) if code in i["key"]] == []
    february = [i for i in ptask_items(pdeps, at(2024, 2, 19, 8, 0)) if code in i["key"]]
    assert [i["payload"]["occurrence"] for i in february] == ["2024-02"] and "22/02/2024" in february[0]["text"]
    last_day = code_of(store, "Công khai kết quả")  # «Hàng tháng»: due the last day of each month
    assert any("29/02/2024" in i["text"] for i in ptask_items(pdeps, at(2024, 2, 26, 8, 0)) if last_day in i["key"])


def test_an_ongoing_task_is_never_reminded(team, pdeps, store):
    ongoing = {code_of(store, "Rà soát văn bản"), code_of(store, "Tuyên truyền")}
    moments = [at(2024, month, day, hour) for month in (1, 2, 3, 6, 12) for day in (1, 15, 22, 28)
               for hour in (8, 9)]
    assert not [i for now in moments for i in ptask_items(pdeps, now) if i["payload"]["task"] in ongoing]


def test_a_reminder_step_in_the_quiet_hours_waits_for_their_end(team, pdeps, store):
    pdeps.config.scheduler.reminders[0].time = "06:00"  # three days before, at 06:00 -> 07:00
    code = code_of(store, "Triển khai kho")
    assert [i for i in ptask_items(pdeps, at(2024, 3, 28, 6, 30)) if code in i["key"]] == []
    assert [i["chat_id"] for i in ptask_items(pdeps, at(2024, 3, 28, 7, 0)) if code in i["key"]] == ["vp"]


def _pid(store, user: str) -> int:
    return next(a["person_id"] for a in store.accounts() if a["user_id"] == user)


# -- progress and done ---------------------------------------------------------------------------------------------
def test_a_unit_leader_lists_marks_progress_and_done_with_a_note(team, store, clock):
    clock.now = at(2024, 3, 5, 9, 0)
    code = code_of(store, "Triển khai kho")
    listing = team.say("việc của tôi", user="vp")
    assert "Nhiệm vụ của Văn phòng UBND tỉnh theo kế hoạch" in listing[0].text
    assert f"[{code}] Triển khai kho dữ liệu thủ tục hành chính — hạn 31/03/2024" in listing[0].text
    assert f"w:d:{code}:" in [b.payload for b in listing[0].buttons]
    assert "Đã ghi tiến độ" in text(team.say(f"/tiendo {code} đã dự thảo xong quy chế", user="vp"))
    assert "Ghi chú: đã dự thảo xong quy chế" in team.say("việc của tôi", user="vp")[0].text
    assert "ghi chú ngắn" in text(team.press(f"w:d:{code}:", user="vp"))
    assert "hoàn thành nhiệm vụ «Triển khai kho" in text(team.say("Đã vận hành kho dữ liệu", user="vp"))
    assert store.plan_is_done(code, "vp_ubnd", "")
    assert "đã được đánh dấu xong" in text(team.say(f"/xong {code}", user="vp"))
    ongoing = code_of(store, "Rà soát văn bản")
    assert "thực hiện thường xuyên, không đánh dấu xong" in text(team.say(f"/xong {ongoing}", user="tp"))


def test_a_leader_cannot_mark_another_units_task(team, store, clock):
    clock.now = at(2024, 3, 5, 9, 0)
    code = code_of(store, "Triển khai kho")  # Văn phòng UBND tỉnh's
    refused = text(team.say(f"/xong {code} xong rồi", user="c"))
    assert refused == texts.PTASK_UNKNOWN.format(unit="Xã An Dũng", code=code)
    assert not store.plan_is_done(code, "an_dung", "")
    assert not store.plan_is_done(code, "vp_ubnd", "")
    assert "không có nhiệm vụ đang mở mã" in text(team.say(f"/tiendo {code} đang làm", user="tp"))
    assert "không thuộc" not in text(team.press(f"w:d:{code}:", user="c")) and not store.plan_done()
    assert texts.PTASK_LEADERS_ONLY in text(team.say(f"/tiendo {code} đang làm", user="m"))
    member = text(team.say("việc của tôi", user="m"))  # a village member keeps the village's tasks
    assert "Nhiệm vụ của" not in member


# -- the province digest and workbook ------------------------------------------------------------------------------
def test_the_province_sees_overdue_tasks_per_unit_in_its_digest_and_workbook(team, store, clock):
    clock.now = at(2024, 3, 5, 9, 0)
    team.say(f"/xong {code_of(store, 'Xây dựng kế hoạch')} đã ban hành", user="c")  # An Dũng did its part
    digest = team.say("/tonghop", user="p")[0].text
    assert "📋 Nhiệm vụ kế hoạch: 6 quá hạn (3 đơn vị), 5 đang thực hiện, 2 thường xuyên, 1 đã xong." in digest
    assert "⚠️ Tỉnh Thử: 3 quá hạn — [" in digest and "⚠️ Xã Đức Thọ: 1 quá hạn" in digest
    assert "⚠️ Văn phòng UBND tỉnh: 2 quá hạn" in digest
    assert "Xã An Dũng: " not in digest.split("📋")[1]
    workbook = next(r for r in team.say("/xuat", user="p") if r.file)
    wb = openpyxl.load_workbook(io.BytesIO(workbook.file))
    assert wb.sheetnames[-1] == "Nhiệm vụ"
    ws = wb["Nhiệm vụ"]
    assert ws["A1"].value == "NHIỆM VỤ THEO KẾ HOẠCH — tình hình lúc 09:00 05/03/2024"
    assert ws["A2"].value == "📋 Nhiệm vụ kế hoạch: 6 quá hạn (3 đơn vị), 5 đang thực hiện, 2 thường xuyên, 1 đã xong."
    assert [c.value for c in ws[3]] == ["STT", "Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Kỳ", "Thời hạn", "Hạn",
                                        "Trạng thái", "Số ngày quá hạn", "Sản phẩm", "Đơn vị phối hợp",
                                        "Hoàn thành lúc", "Ghi chú"]
    monthly, plan_code = code_of(store, "Định kỳ báo cáo"), code_of(store, "Xây dựng kế hoạch")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=9)]
    assert rows[0] == [1, monthly, "Định kỳ báo cáo tháng gửi Bộ Công an", "Tỉnh Thử", "tháng 1/2024",
                       "Ngày 22 hàng tháng", dt.datetime(2024, 1, 22, 17, 0), "Quá hạn", 43, "Báo cáo",
                       "Các sở, ban, ngành", None, None]
    assert rows[1][1:9] == [monthly, "Định kỳ báo cáo tháng gửi Bộ Công an", "Tỉnh Thử", "tháng 2/2024",
                            "Ngày 22 hàng tháng", dt.datetime(2024, 2, 22, 17, 0), "Quá hạn", 12]
    assert rows[2][1:9] == [plan_code, "Xây dựng kế hoạch kiểm tra, giám sát", "Tỉnh Thử", None, "Tháng 02/2024",
                            dt.datetime(2024, 2, 29, 17, 0), "Quá hạn", 5]
    assert rows[3][1:9] == [plan_code, "Xây dựng kế hoạch kiểm tra, giám sát", "Xã Đức Thọ", None,
                            "Tháng 02/2024", dt.datetime(2024, 2, 29, 17, 0), "Quá hạn", 5]
    assert [r[3:5] + r[7:9] for r in rows[4:6]] == [["Văn phòng UBND tỉnh", "tháng 1/2024", "Quá hạn", 34],
                                                    ["Văn phòng UBND tỉnh", "tháng 2/2024", "Quá hạn", 5]]
    assert ws["G4"].number_format == "dd/mm/yyyy hh:mm"
    states = [row[7].value for row in ws.iter_rows(min_row=4, max_row=17)]
    assert ws["A18"].value is None and ws["A19"].value == "Quá hạn theo đơn vị"
    assert states == ["Quá hạn"] * 6 + ["Đang thực hiện"] * 5 + ["Thường xuyên"] * 2 + ["Đã xong"]
    done = next(row for row in ws.iter_rows(min_row=4) if row[7].value == "Đã xong")
    assert done[3].value == "Xã An Dũng" and done[11].value == dt.datetime(2024, 3, 5, 9, 0)
    assert done[12].value == "đã ban hành"
    title_row = next(row[0].row for row in ws.iter_rows(min_row=4) if row[0].value == "Quá hạn theo đơn vị")
    per_unit = [[c.value for c in row][:5] for row in ws.iter_rows(min_row=title_row + 1)]
    assert per_unit == [["Đơn vị", "Quá hạn", "Đang thực hiện", "Thường xuyên", "Đã xong"],
                        ["Tỉnh Thử", 3, 1, 0, 0], ["Xã An Dũng", 0, 1, 0, 1], ["Xã Đức Thọ", 1, 0, 1, 0],
                        ["Văn phòng UBND tỉnh", 2, 2, 0, 0], ["Sở Tư pháp", 0, 0, 1, 0],
                        ["Sở Lao động, Thương binh và Xã hội", 0, 1, 0, 0]]


def test_a_commune_leader_sees_only_their_communes_tasks(team, store, clock):
    clock.now = at(2024, 3, 5, 9, 0)
    digest = team.say("/tonghop", user="d")[0].text
    assert "📋 Nhiệm vụ kế hoạch: 1 quá hạn (1 đơn vị)" in digest and "Tỉnh Thử:" not in digest


def test_the_board_counts_match_the_digest(team, pdeps, store):
    board = task_board(pdeps.config, store, at(2024, 3, 5, 9, 0))
    assert (board.count("overdue"), board.count("open"), board.count("ongoing"), board.count("done")) == (7, 5, 2, 0)
    assert list(board.overdue_by_unit()) == ["tinh", "an_dung", "duc_tho", "vp_ubnd"]


def test_the_scheduled_province_digest_carries_the_tasks_too(team, pdeps, store):
    row = {"kind": "pdigest", "payload": {"period": "2024-02"}, "text": ""}
    replies = asyncio.run(render(pdeps, row, at(2024, 3, 5, 9, 0)))
    assert "📋 Nhiệm vụ kế hoạch: 7 quá hạn (4 đơn vị)" in replies[0].text
    workbook = next(r for r in replies if r.file)
    assert openpyxl.load_workbook(io.BytesIO(workbook.file)).sheetnames[-1] == "Nhiệm vụ"
    commune = asyncio.run(render(pdeps, {"kind": "digest", "payload": {"period": "2024-02", "unit": "duc_tho"},
                                         "text": ""}, at(2024, 3, 5, 9, 0)))
    assert "📋 Nhiệm vụ kế hoạch: 1 quá hạn (1 đơn vị)" in commune[0].text


def test_the_example_plan_imports_with_the_example_province():
    project = Path(__file__).resolve().parent.parent
    config = load_config(project / "examples" / "province.yaml")
    tasks, warnings = read_plan(project / "examples" / "nhiem_vu_ke_hoach.csv", config)
    assert len(tasks) == 8 and warnings == ["dòng 12: đơn vị phối hợp «Đoàn thanh niên phường» không có trong cấu "
                                            "hình, giữ nguyên tên (không nhắc việc)"]
    assert tasks[0].lead == ("ha_tinh", "an_dung", "duc_tho", "thanh_sen")


def test_a_queued_reminder_is_dropped_once_the_unit_has_marked_the_task_done(team, pdeps, store, clock):
    code = code_of(store, "Triển khai kho")
    moment = at(2024, 3, 28, 8, 0)
    store.enqueue(ptask_items(pdeps, moment), moment.isoformat())
    clock.now = moment
    team.say(f"/xong {code} đã vận hành", user="vp")
    got: list[tuple[str, str]] = []

    async def send(chat_id, replies):
        got.extend((chat_id, r.text) for r in replies)

    asyncio.run(deliver(pdeps, {"test": send}, clock, clock.sleep))
    statuses = {row["chat_id"]: row["status"] for row in store.outbox(kind="ptask") if code in row["key"]}
    assert statuses == {"vp": "skipped"} and not any(code in t for _, t in got)
    monthly = code_of(store, "Công khai kết quả")  # its «Hàng tháng» task, due 31/03, still went out
    assert [chat for chat, t in got if f"[{monthly}]" in t] == ["vp"]


@pytest.mark.parametrize(("cell", "keys", "unknown"), [
    ("Sở Lao động Thương binh Xã hội", ["so_ldtbxh"], []),  # «và» left out, as plans often write it
    ("Sở Tư pháp và Văn phòng UBND tỉnh", ["so_tu_phap", "vp_ubnd"], []),
    ("UBND tỉnh; Công an xã An Dũng", ["tinh", "an_dung"], []),
    ("Các sở, ban, ngành UBND các huyện, thị xã, thành phố", ["vp_ubnd", "so_tu_phap", "so_ldtbxh", "an_dung",
                                                             "duc_tho"], []),
    ("Sở Tài chính, Sở Kế hoạch và Đầu tư", [], ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
])
def test_unit_cells_name_units_groups_and_unknown_parts(config, cell, keys, unknown):
    assert UnitNames(tree(config)).parse(cell) == (keys, unknown)


def test_a_one_commune_plan_leads_the_commune_and_its_villages(_test_config, store, kb, matcher, tmp_path, clock):
    """Today's one-commune configuration: «UBND xã» / «Công an xã» is the commune, «Các thôn» every village;
    village leaders are reminded of their village's part, the commune's digest lists what is overdue."""
    deps = Deps(config=_test_config.model_copy(deep=True), store=store, kb=kb, matcher=matcher, clock=clock)
    path = tmp_path / "ke_hoach_xa.csv"
    path.write_text("Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời gian hoàn thành\n"
                    "Lập danh sách hộ chưa kích hoạt VNeID;Các thôn;Công an xã;Tháng 12/2026\n"
                    "Báo cáo kết quả tháng;UBND xã;;Ngày 5 hàng tháng\n", encoding="utf-8")
    tasks, warnings = read_plan(path, deps.config)
    assert [t.lead for t in tasks] == [("trung_thuong", "trung_ha", "dong_thinh", "tan_tien"), ("xa",)]
    assert warnings == []
    import_plan(store, tasks, clock())
    _join(store, "l", "Tổ trưởng xã", "leader", None, None)
    _join(store, "h", "Tổ trưởng Trung Hạ", "leader", "trung_ha", None)
    _join(store, "a", "Thành viên Trung Hạ", "member", "trung_ha", None)
    lists = [i for i in plan(deps, at(2026, 12, 28, 8, 0)) if i["kind"] == "ptask"]
    assert [(i["chat_id"], i["village"]) for i in lists] == [("h", "trung_ha")]  # members are not reminded
    monthly = [i for i in plan(deps, at(2027, 1, 2, 8, 0)) if i["kind"] == "ptask"]
    assert [(i["chat_id"], i["payload"]["occurrence"]) for i in monthly] == [("l", "2027-01")]
    clock.now = at(2027, 1, 6, 9, 0)
    bot = TestBot(Core(deps))
    assert "Nhiệm vụ của Thôn Trung Hạ theo kế hoạch" in text(bot.say("việc của tôi", user="h"))
    digest = bot.say("/tonghop 12/2026", user="l")[0].text
    assert "📋 Nhiệm vụ kế hoạch: 6 quá hạn (5 đơn vị)" in digest  # the 5th of December and of January
    excel = next(r for r in bot.say("/xuat 12/2026", user="l") if r.file)
    assert openpyxl.load_workbook(io.BytesIO(excel.file)).sheetnames == ["Tháng 12-2026", "Nhiệm vụ"]
