"""A whole province in one deployment (issue #15): the organisation tree, the province roster, scoped roles.

The test province: Tỉnh Thử with three communes (An Dũng, Đức Thọ, Thành Sen — An Dũng and Đức Thọ both have a
«Thôn 1») and one department (Sở Tư pháp). The clock starts at 03/12/2026 10:00; members report for November.
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
from bot.config import Config, ConfigError, load_config
from bot.core import Core
from bot.deps import Deps
from bot.team.reports import reporting_start
from bot.team.roles import Scope
from bot.team.roster import RosterError, import_roster, read_roster
from bot.team.units import tree
from scheduler.plan import plan
from tests.conftest import TestBot

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE = {
    "organisation": {"name": "Ban Chỉ đạo Đề án 06 tỉnh Thử", "commune": "tỉnh Thử", "province": "Thử"},
    "units": [
        {"key": "tinh", "name": "Tỉnh Thử", "kind": "province"},
        {"key": "an_dung", "name": "Xã An Dũng", "kind": "commune", "parent": "tinh"},
        {"key": "ad_1", "name": "Thôn 1", "kind": "village", "parent": "an_dung"},
        {"key": "ad_trung_ha", "name": "Thôn Trung Hạ", "kind": "village", "parent": "an_dung"},
        {"key": "duc_tho", "name": "Xã Đức Thọ", "kind": "commune", "parent": "tinh"},
        {"key": "dt_1", "name": "Thôn 1", "kind": "village", "parent": "duc_tho"},
        {"key": "dt_2", "name": "Thôn 2", "kind": "village", "parent": "duc_tho"},
        {"key": "thanh_sen", "name": "Phường Thành Sen", "kind": "commune", "parent": "tinh"},
        {"key": "ts_1", "name": "Tổ dân phố 1", "kind": "village", "parent": "thanh_sen"},
        {"key": "so_tu_phap", "name": "Sở Tư pháp", "kind": "department", "parent": "tinh", "targets": {"cccd": 10}},
    ],
    "indicators": [
        {"key": "cccd", "label": "Hồ sơ cấp thẻ căn cước", "unit": "hồ sơ", "aliases": ["cccd"], "target": 30},
        {"key": "dvc", "label": "Hồ sơ dịch vụ công trực tuyến", "unit": "hồ sơ", "aliases": ["dvc"], "target": 20},
    ],
}
ROSTER = """Họ tên;Vai trò;Đơn vị;Xã;Điện thoại
Lê Văn Tỉnh;Tổ trưởng;Tỉnh Thử;;0912000100
Ngô Thị Xã;Tổ trưởng;Xã An Dũng;;0912000101
Đinh Văn Đức;Tổ phó;;Đức Thọ;0912000102
Phan Văn Sở;Lãnh đạo;Sở Tư pháp;;0912000103
Hồ Văn Thôn;Tổ trưởng;Thôn 1;An Dũng;0912000104
Mai Thị An;Thành viên;Thôn 1;Xã An Dũng;0912000105
Lý Văn Hạ;Thành viên;Trung Hạ;;0912000106
Tạ Văn Đức;Thành viên;thon 1;duc tho;0912000107
Vũ Thị Phố;Thành viên;ts_1;;0912000108
"""


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def text(replies) -> str:
    return "\n".join(r.text for r in replies)


@pytest.fixture
def config() -> Config:
    return Config.model_validate(PROVINCE)


@pytest.fixture
def pdeps(store, kb, matcher, clock, config):
    return Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)


@pytest.fixture
def province(pdeps, store, tmp_path):
    """The roster imported in one sheet, everyone joined: users p (province), c (An Dũng's leader), d (Đức Thọ's
    deputy), s (the department), v (An Dũng's Thôn 1 leader), m1 (An Dũng Thôn 1), m2 (Trung Hạ), m3 (Đức Thọ
    Thôn 1), m4 (Thành Sen)."""
    reporting_start(pdeps.config, store, at(2026, 11, 10))
    return roster_joined(pdeps, store, tmp_path)


def roster_joined(deps: Deps, store, tmp_path) -> TestBot:
    """A bot on ``deps`` with :data:`ROSTER` imported in one sheet and every person joined (users p, c, d, s, v,
    m1–m4 in the sheet's order)."""
    sheet = tmp_path / "to_cong_tac_tinh.csv"
    sheet.write_text(ROSTER, encoding="utf-8")
    ids = import_roster(store, read_roster(sheet, deps.config))
    bot = TestBot(Core(deps))
    for user, pid in zip(["p", "c", "d", "s", "v", "m1", "m2", "m3", "m4"], ids, strict=True):
        person = store.person(pid)
        code = f"P{user.upper():0>7}"
        store.create_invite(code, person["village"], person["role"], "2099-01-01T00:00:00+07:00", person_id=pid,
                            unit=person["unit"])
        assert "Chào" in bot.say(f"/join {code}", user=user)[0].text
    return bot


def report(bot, user, line="cccd 12, dvc 5"):
    replies = bot.say(line, user=user)
    assert any(b.payload == "r:ok" for r in replies for b in r.buttons), text(replies)
    return bot.press("r:ok", user=user)


# -- the tree in config -----------------------------------------------------------------------------------------
def test_todays_single_commune_config_is_a_tree_of_one_commune():
    config = load_config()
    org = tree(config)
    assert org.root.kind == "commune" and org.root.name == config.organisation.commune
    assert org.villages_under(None) == [v.key for v in config.villages]
    assert all(org.units[v.key].parent == org.root.key for v in config.villages)


def test_a_province_tree_gives_its_villages_and_subtrees(config):
    org = tree(config)
    assert [v.key for v in config.villages] == ["ad_1", "ad_trung_ha", "dt_1", "dt_2", "ts_1"]
    assert org.villages_under("duc_tho") == ["dt_1", "dt_2"] and org.villages_under("so_tu_phap") == []
    assert org.commune_of("dt_2") == "duc_tho" and org.reporting_units() == ["an_dung", "duc_tho", "thanh_sen",
                                                                               "so_tu_phap"]
    assert sorted(org.find("thon 1")) == ["ad_1", "dt_1"] and org.find("Thôn 1", within="duc_tho") == ["dt_1"]
    assert org.contains("tinh", "ts_1") and not org.contains("an_dung", "dt_1")


def test_the_province_example_loads():
    config = load_config(Path(__file__).resolve().parent.parent / "examples" / "province.yaml")
    assert tree(config).root.kind == "province" and len(tree(config).reporting_units()) == 4


@pytest.mark.parametrize(("change", "message"), [
    (lambda u: u.append({"key": "tinh2", "name": "Tỉnh Khác", "kind": "province"}), "units: exactly one unit"),
    (lambda u: u.append({"key": "x", "name": "Thôn X", "kind": "village", "parent": "nowhere"}),
     r"units\[10\]\.parent: unknown unit 'nowhere'"),
    (lambda u: u.append({"key": "x", "name": "Thôn X", "kind": "village", "parent": "tinh"}),
     r"units\[10\]\.parent: a village belongs to a commune"),
    (lambda u: u.append({"key": "ad_1", "name": "Thôn Y", "kind": "village", "parent": "duc_tho"}),
     r"units\[10\]\.key: 'ad_1' is used twice"),
])
def test_a_bad_tree_is_refused_naming_the_unit(tmp_path, change, message):
    raw = yaml.safe_load(yaml.safe_dump(PROVINCE))
    change(raw["units"])
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"c\.yaml: {message}"):
        load_config(path)


def test_villages_and_units_together_are_refused(tmp_path):
    raw = {**PROVINCE, "villages": [{"key": "a", "name": "Thôn A"}]}
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="either villages"):
        load_config(path)


# -- one roster for the whole province --------------------------------------------------------------------------
def test_one_sheet_imports_the_whole_province_with_each_person_in_their_unit(config, store, tmp_path):
    sheet = tmp_path / "tinh.csv"
    sheet.write_text(ROSTER, encoding="utf-8")
    people = read_roster(sheet, config)
    placed = {p.name: (p.role, p.village, p.unit) for p in people}
    assert placed == {
        "Lê Văn Tỉnh": ("leader", None, "tinh"), "Ngô Thị Xã": ("leader", None, "an_dung"),
        "Đinh Văn Đức": ("deputy", None, "duc_tho"), "Phan Văn Sở": ("leader", None, "so_tu_phap"),
        "Hồ Văn Thôn": ("leader", "ad_1", None), "Mai Thị An": ("member", "ad_1", None),
        "Lý Văn Hạ": ("member", "ad_trung_ha", None), "Tạ Văn Đức": ("member", "dt_1", None),
        "Vũ Thị Phố": ("member", "ts_1", None)}
    ids = import_roster(store, people)
    assert len(set(ids)) == 9 and [p["name"] for p in store.unit_people("an_dung")] == ["Ngô Thị Xã"]
    assert import_roster(store, people) == ids  # importing again updates, never doubles


def test_every_bad_row_of_a_province_sheet_is_reported_in_vietnamese(config, store, tmp_path):
    sheet = tmp_path / "tinh.csv"
    sheet.write_text("Họ tên;Vai trò;Đơn vị;Xã\n"
                     "Người Một;Thành viên;Thôn 1;\n"          # two communes have a Thôn 1
                     "Người Hai;Tổ trưởng;;\n"                 # no unit: would be a province officer
                     "Người Ba;Thành viên;Xã An Dũng;\n"       # a member needs a village
                     "Người Bốn;Tổ phó;Thôn 9;An Dũng\n"       # no such village in An Dũng
                     "Người Năm;Thành viên;Thôn 1;Xã Vắng\n"   # no such commune
                     "Người Sáu;Thành viên;Thôn 2;Đức Thọ\n", encoding="utf-8")
    with pytest.raises(RosterError) as error:
        read_roster(sheet, config)
    message = str(error.value)
    assert "5 dòng chưa đúng, chưa nhập ai" in message
    assert "dòng 2: có nhiều đơn vị tên «Thôn 1» (Xã An Dũng, Xã Đức Thọ)" in message
    assert "dòng 3: cần ghi đơn vị" in message
    assert "dòng 4: «Thành viên» cần ghi thôn" in message
    assert "dòng 5: không có đơn vị «Thôn 9»" in message
    assert "dòng 6: không có xã/đơn vị «Xã Vắng»" in message
    assert "dòng 7" not in message and store.people() == []


# -- roles with a scope -----------------------------------------------------------------------------------------
def test_scopes_follow_the_tree(province, store, config):
    scopes = {a["user_id"]: Scope.of(a, config) for a in store.accounts()}
    assert scopes["p"].top_leader and scopes["p"].villages() == ["ad_1", "ad_trung_ha", "dt_1", "dt_2", "ts_1"]
    assert scopes["c"].commune_leader and not scopes["c"].top_leader
    assert scopes["c"].villages() == ["ad_1", "ad_trung_ha"] and scopes["d"].villages() == ["dt_1", "dt_2"]
    assert scopes["v"].village_leader and scopes["v"].villages() == ["ad_1"]
    assert scopes["s"].commune_leader and scopes["s"].villages() == []
    assert scopes["c"].leads("ad_trung_ha") and not scopes["c"].leads("dt_1") and not scopes["v"].leads("ad_trung_ha")


def test_a_commune_leader_sees_only_their_commune(province):
    report(province, "m1")
    report(province, "m3")
    mine = province.say("/tonghop", user="c")[0].text
    assert "Đã báo cáo: 1/2 thôn" in mine and "Thôn Trung Hạ" in mine and "Lý Văn Hạ" in mine
    assert "Đức Thọ" not in mine and "Tạ Văn Đức" not in mine and "Tổ dân phố 1" not in mine
    excel = next(r for r in province.say("/xuat", user="c") if r.file)
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(excel.file)).worksheets[0].iter_rows(values_only=True)
             for c in row if c is not None]
    assert "Thôn Trung Hạ" in cells and "Tổ dân phố 1" not in cells and "Thôn 2" not in cells
    whole = province.say("/tonghop", user="p")[0].text  # the province reads its communes' reports to it
    assert "Đã gửi tỉnh: 0/4" in whole and "Chưa gửi: Xã An Dũng, Xã Đức Thọ, Phường Thành Sen, Sở Tư pháp" in whole


@pytest.mark.parametrize("user", ["c", "d", "s", "v"])
@pytest.mark.parametrize("command", ["/khoa", "/mokhoa", "/giaoviec all 01/01/2027 việc"])
def test_only_province_leaders_lock_and_assign(province, store, user, command):  # broadcasts: test_broadcast_scope
    assert province.say(command, user=user)[0].text == texts.LEADERS_ONLY
    assert not store.locked("2026-11") and store.tasks() == [] and store.outbox(kind="broadcast") == []


def test_invites_stay_inside_the_leaders_part_of_the_tree(province, store):
    refused = texts.INVITE_OWN_UNIT.format(unit="Xã An Dũng")
    assert province.say("/moi dt_1", user="c")[0].text == refused
    assert province.say("/moi duc_tho tổ phó", user="c")[0].text == refused
    assert province.press("i:new:dt_2:member", user="c")[0].text == refused
    assert "Mã mời cho thành viên Thôn Trung Hạ" in province.say("/moi ad_trung_ha Người Mới", user="c")[0].text
    assert "Mã mời cho tổ trưởng Thôn 1" in province.say("/moi ad_1 tổ trưởng Người Khác", user="c")[0].text
    assert "dt_1" not in province.say("/moi", user="c")[0].text  # the usage lists only the leader's villages
    assert province.say("/moi ad_trung_ha", user="v")[0].text == texts.INVITE_OWN_VILLAGE.format(village="Thôn 1")
    assert "Mã mời cho tổ phó Xã Đức Thọ" in province.say("/moi duc_tho tổ phó Người Ba", user="p")[0].text
    codes = [i for i in store.db["invites"].rows if i["name"] == "Người Ba"]
    assert codes and codes[0]["unit"] == "duc_tho" and codes[0]["village"] is None


def test_a_commune_leader_cannot_correct_another_communes_report(province):
    report(province, "m3")
    refused = text(province.say("/suabaocao dt_1", user="c")) + text(province.say("/suabaocao", user="c"))
    assert "r:ok" not in refused
    assert "Đức Thọ" not in province.say("thôn nào chưa báo cáo", user="c")[0].text


def test_escalations_reach_each_leader_with_their_part(province, pdeps):
    report(province, "m1")
    items = [i for i in plan(pdeps, at(2026, 12, 9, 9, 5)) if i["kind"] == "escalate"]
    by_user = {i["chat_id"]: i["text"] for i in items}
    assert set(by_user) == {"c", "d"}  # the department has no villages; the province hears about communes
    assert "Thôn Trung Hạ" in by_user["c"] and "Thôn 2" not in by_user["c"] and "Lý Văn Hạ" in by_user["c"]
    assert "Thôn 2" in by_user["d"] and "Trung Hạ" not in by_user["d"]
    digests = {i["chat_id"]: i["payload"] for i in plan(pdeps, at(2026, 12, 8, 17, 5)) if i["kind"] == "digest"}
    assert digests == {"c": {"period": "2026-11", "unit": "an_dung"}, "d": {"period": "2026-11", "unit": "duc_tho"}}


# -- upward reports ---------------------------------------------------------------------------------------------
def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


@pytest.fixture
def reported(province):
    """Thôn 1 and Trung Hạ of An Dũng, and Thôn 1 of Đức Thọ have confirmed November."""
    report(province, "m1", "cccd 12, dvc 5")
    report(province, "m2", "cccd 8, dvc 1")
    report(province, "m3", "cccd 12, dvc 5")
    return province


def send_up(bot, user, own_line=None):
    draft = bot.say("/guilen", user=user)
    assert "u:ok:2026-11" in payloads(draft), text(draft)
    if own_line:
        assert "Đồng chí gửi số liệu của riêng" in bot.press("u:edit:2026-11", user=user)[0].text
        draft = bot.say(own_line, user=user)
    return draft, bot.press("u:ok:2026-11", user=user)


def test_a_commune_sends_its_villages_and_its_own_figures_up(reported, store):
    draft = reported.say("/guilen", user="c")[0].text
    assert "Xã An Dũng" in draft and "Thôn, tổ dân phố đã xác nhận: 2/2" in draft
    assert "Hồ sơ cấp thẻ căn cước: 20 hồ sơ (các thôn 20 + của xã 0)" in draft
    corrected, sent = send_up(reported, "c", "cccd 3")
    assert "Hồ sơ cấp thẻ căn cước: 23 hồ sơ (các thôn 20 + của xã 3)" in corrected[0].text
    assert "Đã gửi báo cáo tháng 11/2026 của Xã An Dũng lên tỉnh" in sent[0].text
    up = store.upward("2026-11")["an_dung"]
    assert up["values"] == {"cccd": 23, "dvc": 6} and up["own"] == {"cccd": 3} and up["version"] == 1
    again = reported.say("gửi lên tỉnh", user="c")[0].text  # the own figures last sent are kept
    assert "(các thôn 20 + của xã 3)" in again and "đã gửi tỉnh lần 1" in again
    reported.press("u:ok:2026-11", user="c")
    assert [h["version"] for h in store.upward_history("2026-11", "an_dung")] == [1, 2]


@pytest.mark.parametrize("user", ["p", "v", "m1"])
def test_only_a_communes_or_departments_leaders_send_up(reported, store, user):
    assert reported.say("/guilen", user=user)[0].text == texts.UPWARD_ONLY
    assert reported.press("u:ok:2026-11", user=user)[0].text == texts.UPWARD_ONLY
    assert store.upward("2026-11") == {}


def test_a_stale_send_button_sends_nothing_and_a_locked_period_refuses(reported, store):
    assert reported.press("u:ok:2026-11", user="c")[0].text == texts.STALE_BUTTON
    reported.say("/guilen", user="c")
    store.lock("2026-11", 1, at(2026, 12, 20).isoformat())
    assert "đã khóa" in reported.press("u:ok:2026-11", user="c")[0].text
    assert store.upward("2026-11") == {}


def test_a_bad_own_figure_changes_nothing(reported, store):
    reported.say("/guilen", user="c")
    reported.press("u:edit:2026-11", user="c")
    assert "ngoài khoảng" in reported.say("cccd 999999", user="c")[0].text
    assert "Chưa đọc được" in reported.say("không biết", user="c")[0].text
    assert reported.say("hủy", user="c")[0].text == texts.CANCELLED and store.upward("2026-11") == {}


def _province_sent(reported):
    send_up(reported, "c", "cccd 3")
    send_up(reported, "s", "cccd 4")  # the department: its own figures only
    return reported


def test_the_province_digest_names_who_sent_who_is_missing_and_ranks(reported):
    digest = _province_sent(reported).say("/tonghop", user="p")
    body = digest[0].text
    assert "Đã gửi tỉnh: 2/4" in body and "Chưa gửi: Xã Đức Thọ, Phường Thành Sen" in body
    assert "Cần liên hệ: Xã Đức Thọ — Đinh Văn Đức 0912000102" in body
    assert "• Hồ sơ cấp thẻ căn cước: 27 hồ sơ (đạt 17% chỉ tiêu 160)" in body
    assert "1. Sở Tư pháp 40%" in body and "2. Xã An Dũng 27%" in body
    assert digest[1].picture and digest[1].picture.startswith(b"\x89PNG")


def test_the_province_workbook_cell_by_cell(reported):
    excel = next(r for r in _province_sent(reported).say("/xuat", user="p") if r.file)
    wb = openpyxl.load_workbook(io.BytesIO(excel.file))
    assert wb.sheetnames == ["Tổng hợp", "Xã An Dũng", "Xã Đức Thọ", "Phường Thành Sen", "Sở Tư pháp"]
    rows = [list(r) for r in wb["Tổng hợp"].iter_rows(values_only=True)]
    assert rows[0][0].startswith("BẢNG TỔNG HỢP") and "THÁNG 11/2026" in rows[0][0]
    assert rows[1][0] == "Ban Chỉ đạo Đề án 06 tỉnh Thử" and rows[2][0].startswith("Đã gửi tỉnh: 2/4")
    assert rows[3] == ["STT", "Đơn vị", "Hồ sơ cấp thẻ căn cước (hồ sơ)", "Hồ sơ dịch vụ công trực tuyến (hồ sơ)",
                       "Tỷ lệ đạt bình quân", "Xếp hạng", "Người gửi", "Thời gian gửi"]
    an_dung = rows[4]
    assert an_dung[:4] == [1, "Xã An Dũng", 23, 6] and an_dung[4] == pytest.approx((23 / 60 + 6 / 40) / 2)
    assert an_dung[5:7] == [2, "Ngô Thị Xã"] and an_dung[7] == dt.datetime(2026, 12, 3, 10, 0)
    assert rows[5] == [2, "Xã Đức Thọ", None, None, None, None, "Chưa gửi", None]
    assert rows[6] == [3, "Phường Thành Sen", None, None, None, None, "Chưa gửi", None]
    assert rows[7][:7] == [4, "Sở Tư pháp", 4, 0, pytest.approx(0.4), 1, "Phan Văn Sở"]
    assert rows[8][1:4] == ["Tổng cộng", 27, 6]
    assert rows[9][1:4] == ["Chỉ tiêu", 160, 100]
    assert rows[10][1:2] == ["Tỷ lệ đạt"] and rows[10][2:4] == [pytest.approx(27 / 160), pytest.approx(0.06)]
    assert len(rows) == 11
    sheet = [list(r) for r in wb["Xã An Dũng"].iter_rows(values_only=True)]
    assert sheet[0][0] == "Xã An Dũng — tháng 11/2026 — đã gửi tỉnh"
    assert sheet[1][:4] == ["STT", "Thôn / tổ dân phố", "Hồ sơ cấp thẻ căn cước (hồ sơ)",
                            "Hồ sơ dịch vụ công trực tuyến (hồ sơ)"]
    assert sheet[2][:4] == [1, "Thôn 1", 12, 5] and sheet[3][:4] == [2, "Thôn Trung Hạ", 8, 1]
    assert sheet[4][:4] == [None, "Số liệu của đơn vị", 3, 0] and sheet[5][:4] == [None, "Tổng cộng", 23, 6]
    other = [list(r) for r in wb["Xã Đức Thọ"].iter_rows(values_only=True)]
    assert other[0][0].endswith("chưa gửi tỉnh")
    assert other[2] == [1, "Thôn 1", 12, 5, None] and other[3] == [2, "Thôn 2", None, None, "Chưa báo cáo"]
    assert other[5][1:4] == ["Tổng cộng", 12, 5]
    department = [list(r) for r in wb["Sở Tư pháp"].iter_rows(values_only=True)]
    assert department[2][1:4] == ["Số liệu của đơn vị", 4, 0] and department[3][1:4] == ["Tổng cộng", 4, 0]


def test_the_upward_deadline_reminds_units_and_escalates_to_the_province(reported, pdeps, store):
    send_up(reported, "c")
    due = [i for i in plan(pdeps, at(2026, 12, 14, 8, 5)) if i["kind"] == "upward"]
    assert {i["chat_id"] for i in due} == {"d", "s"}  # An Dũng has sent; nobody of Thành Sen has joined
    reminder = next(i for i in due if i["chat_id"] == "d")
    assert "Xã Đức Thọ chưa gửi báo cáo tháng 11/2026 lên tỉnh (hạn 17:00 15/12/2026)" in reminder["text"]
    _, payload = reminder["payload"]["buttons"][0]
    assert "u:ok:2026-11" in payloads(reported.press(payload, user="d"))  # the button opens the draft
    digest = [i for i in plan(pdeps, at(2026, 12, 15, 17, 5)) if i["kind"] == "pdigest"]
    assert [(i["chat_id"], i["payload"]) for i in digest] == [("p", {"period": "2026-11"})]
    escalation = [i for i in plan(pdeps, at(2026, 12, 16, 9, 5)) if i["kind"] == "escalate_up"]
    assert [i["chat_id"] for i in escalation] == ["p"]
    assert "còn 3 đơn vị chưa gửi: Xã Đức Thọ, Phường Thành Sen, Sở Tư pháp" in escalation[0]["text"]
    assert "Đinh Văn Đức 0912000102" in escalation[0]["text"] and "Phan Văn Sở 0912000103" in escalation[0]["text"]
    store.lock("2026-11", 1, at(2026, 12, 16, 10).isoformat())
    assert not [i for i in plan(pdeps, at(2026, 12, 16, 9, 5)) if i["kind"] in ("upward", "escalate_up")]


def test_the_outbox_renders_the_province_digest_with_its_workbook(reported, pdeps):
    from scheduler.outbox import render

    replies = asyncio.run(render(pdeps, {"kind": "pdigest", "payload": {"period": "2026-11"}}, at(2026, 12, 15, 17, 5)))
    assert "Đã gửi tỉnh: 0/4" in replies[0].text and replies[1].picture and replies[2].file


def test_a_village_named_in_a_one_message_report_is_read_within_the_senders_commune(province, store):
    replies = province.say("Thôn 1 báo cáo tháng 11: cccd 12, dvc 5", user="m3")  # Đức Thọ's Thôn 1
    assert any(b.payload == "r:ok" for r in replies for b in r.buttons), text(replies)
    province.press("r:ok", user="m3")
    assert set(store.reports("2026-11")) == {"dt_1"}
    assert "r:ok" not in [b.payload for r in province.say("Thôn 2 báo cáo: cccd 1, dvc 1", user="m3")
                          for b in r.buttons]  # Thôn 2 of Đức Thọ is not this member's village


def test_the_command_line_imports_a_province_and_invites_a_units_leader(tmp_path, monkeypatch, capsys):
    from bot.cli import main
    from bot.storage import Store

    example = Path(__file__).resolve().parent.parent / "examples" / "province.yaml"
    monkeypatch.setenv("BOT_CONFIG", str(example))
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    sheet = tmp_path / "tinh.csv"
    sheet.write_text("Họ tên,Vai trò,Đơn vị,Xã\nNgô Thị Xã,Tổ trưởng,Xã Đức Thọ,\nMai Thị An,Thành viên,Thôn 1,"
                     "Đức Thọ\n", encoding="utf-8")
    assert main(["team", "import", str(sheet)]) == 0
    store = Store.open(tmp_path)
    assert [(p["name"], p["village"], p["unit"]) for p in store.people()] == [
        ("Ngô Thị Xã", None, "duc_tho"), ("Mai Thị An", "duc_tho_thon_1", None)]
    capsys.readouterr()
    assert main(["team", "invite", "--unit", "so_tu_phap", "--role", "deputy"]) == 0
    code = capsys.readouterr().out.split()[0]
    assert store.invite(code)["unit"] == "so_tu_phap" and store.invite(code)["village"] is None
    assert main(["team", "invite", "--unit", "duc_tho_thon_1", "--role", "leader"]) == 2  # a village: --village
    assert main(["team", "invite", "--unit", "duc_tho", "--role", "member"]) == 2
    store.close()


def test_a_province_leader_opens_one_communes_villages(reported):
    detail = reported.say("/tonghop Đức Thọ 11/2026", user="p")[0].text
    assert "Đã báo cáo: 1/2 thôn" in detail and "Thôn 2" in detail and "Trung Hạ" not in detail
    excel = next(r for r in reported.say("/xuat duc_tho", user="p") if r.file)
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(excel.file)).worksheets[0].iter_rows(values_only=True)
             for c in row if c is not None]
    assert "Thôn 2" in cells and "Thôn Trung Hạ" not in cells
    assert reported.say("/tonghop Đức Thọ", user="c")[0].text.startswith(texts.PERIOD_BAD[:10])  # not theirs


@pytest.mark.parametrize("command", ["/tonghop", "/tonghop duc_tho", "/xuat Đức Thọ", "/guilen"])
def test_a_citizen_gets_no_province_data(province, command):
    replies = province.say(command, user="citizen")
    assert [r.text for r in replies] == [texts.TEAM_ONLY] and not any(r.file or r.picture for r in replies)
