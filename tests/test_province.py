"""A whole province in one deployment (issue #15): the organisation tree, the province roster, scoped roles.

The test province: Tỉnh Thử with three communes (An Dũng, Đức Thọ, Thành Sen — An Dũng and Đức Thọ both have a
«Thôn 1») and one department (Sở Tư pháp). The clock starts at 03/12/2026 10:00; members report for November.
"""

from __future__ import annotations

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
        {"key": "so_tu_phap", "name": "Sở Tư pháp", "kind": "department", "parent": "tinh"},
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
    sheet = tmp_path / "to_cong_tac_tinh.csv"
    sheet.write_text(ROSTER, encoding="utf-8")
    ids = import_roster(store, read_roster(sheet, pdeps.config))
    bot = TestBot(Core(pdeps))
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
    (lambda u: u.append({"key": "tinh2", "name": "Tỉnh Khác", "kind": "province"}), "exactly one unit"),
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
    with pytest.raises(ConfigError, match=message):
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
    whole = province.say("/tonghop", user="p")[0].text
    assert "Đã báo cáo: 2/5 thôn" in whole and "Tổ dân phố 1" in whole


@pytest.mark.parametrize("user", ["c", "d", "s", "v"])
@pytest.mark.parametrize("command", ["/khoa", "/mokhoa", "/thongbao Họp dân lúc 19h", "/giaoviec all 01/01/2027 việc"])
def test_only_province_leaders_lock_broadcast_and_assign(province, store, user, command):
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
    assert set(by_user) == {"p", "c", "d"}  # the department has no villages: nothing is overdue there
    assert "Thôn Trung Hạ" in by_user["c"] and "Thôn 2" not in by_user["c"] and "Lý Văn Hạ" in by_user["c"]
    assert "Thôn 2" in by_user["d"] and "Trung Hạ" not in by_user["d"]
    assert all(name in by_user["p"] for name in ("Thôn Trung Hạ", "Thôn 2", "Tổ dân phố 1"))
    digests = {i["chat_id"]: i["payload"] for i in plan(pdeps, at(2026, 12, 8, 17, 5)) if i["kind"] == "digest"}
    assert digests["c"] == {"period": "2026-11", "unit": "an_dung"} and digests["p"] == {"period": "2026-11"}
