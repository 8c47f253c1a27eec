"""Roster import from CSV and XLSX, with errors naming the bad row; invites from the command line."""

from __future__ import annotations

import openpyxl
import pytest

from bot.config import load_config
from bot.storage import Store
from bot.team.roster import RosterError, import_roster, read_roster
from tests.conftest import TEST_CONFIG

GOOD = "Họ tên,Vai trò,Thôn,Điện thoại\nNguyễn Văn An,Thành viên,Thôn Trung Thượng,0912345678\n" \
       "Lê Văn Cường,Tổ trưởng,,\nTrần Thị Bình,thành viên,trung_ha,\n"


def test_csv_roster_is_imported_and_reimport_updates(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8")
    people = read_roster(path, load_config(TEST_CONFIG))
    assert [(p.name, p.role, p.village) for p in people] == [
        ("Nguyễn Văn An", "member", "trung_thuong"), ("Lê Văn Cường", "leader", None),
        ("Trần Thị Bình", "member", "trung_ha")]
    store = Store.open(tmp_path)
    first = import_roster(store, people)
    assert import_roster(store, people) == first and len(store.people()) == 3


def test_xlsx_roster(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Thôn", "Họ và tên", "Vai trò"], [None, "Phạm Dũng", "Tổ phó"], [None, None, None]]:
        sheet.append(row)
    path = tmp_path / "roster.xlsx"
    book.save(path)
    (person,) = read_roster(path, load_config(TEST_CONFIG))
    assert (person.name, person.role, person.village) == ("Phạm Dũng", "deputy", None)


def test_semicolon_csv_and_village_names_without_prefix(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Họ tên;Vai trò;Thôn;Điện thoại\nNguyễn Văn An;Thành viên;Trung Thượng;0912345678\n"
                    "Lê Thị Hoa;thành viên;đông thịnh;\n", encoding="utf-8-sig")
    people = read_roster(path, load_config(TEST_CONFIG))
    assert [(p.name, p.village, p.phone) for p in people] == [("Nguyễn Văn An", "trung_thuong", "0912345678"),
                                                               ("Lê Thị Hoa", "dong_thinh", None)]


def test_a_village_to_truong_leads_only_that_village(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Họ tên,Vai trò,Thôn\nVõ Văn Tư,Tổ trưởng,Thôn Trung Thượng\nHà Văn Năm,Tổ trưởng,\n",
                    encoding="utf-8")
    people = read_roster(path, load_config(TEST_CONFIG))
    assert [(p.role, p.village) for p in people] == [("leader", "trung_thuong"), ("leader", None)]


@pytest.mark.parametrize("content, message", [
    ("Họ tên,Vai trò\nA,thành viên\n", "dòng 1 thiếu cột"),
    ("Họ tên,Vai trò,Thôn\n,thành viên,trung_ha\n", "dòng 2: thiếu họ tên"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,trung_ha\nB,trưởng ban,trung_ha\n",
     "dòng 3: không nhận ra vai trò «trưởng ban»"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,Thôn Mới\n", "dòng 2: không có thôn «Thôn Mới» (các thôn: Thôn Trung Thượng"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,\n", "dòng 2: «thành viên» cần ghi thôn"),
    ("Họ tên,Vai trò,Thôn\nA,Tổ phó,Thôn Trung Hạ\n", "dòng 2: «Tổ phó» thuộc tổ của xã nhưng lại ghi thôn"),
    ("Họ tên,Vai trò,Thôn\nA,Tổ trưởng xã,trung_ha\n", "dòng 2: «Tổ trưởng xã» thuộc tổ của xã"),
])
def test_roster_errors_name_the_row_in_vietnamese(tmp_path, content, message):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RosterError) as error:
        read_roster(path, load_config(TEST_CONFIG))
    assert message in str(error.value)


def test_every_bad_row_is_reported(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Họ tên,Vai trò,Thôn\nA,thành viên,trung_ha\nB,trưởng ban,trung_ha\nC,thành viên,Thôn Mới\n"
                    ",thành viên,trung_ha\n", encoding="utf-8")
    with pytest.raises(RosterError) as error:
        read_roster(path, load_config(TEST_CONFIG))
    text = str(error.value)
    assert "3 dòng chưa đúng" in text and all(f"dòng {n}:" in text for n in (3, 4, 5)) and "dòng 2:" not in text


def test_team_import_cli_imports_nothing_on_error(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "X,không rõ,trung_ha\n", encoding="utf-8")
    result = cli("team", "import", str(bad))
    assert result.returncode == 1 and "dòng 5: không nhận ra vai trò «không rõ»" in result.stderr
    assert Store.open(tmp_path).people() == []
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert cli("team", "import", str(good)).returncode == 0
    assert len(Store.open(tmp_path).people()) == 3
    listing = cli("team", "list").stdout
    assert "Nguyễn Văn An" in listing and "not linked" in listing


def test_team_invite_cli(cli, tmp_path):
    result = cli("team", "invite", "--village", "trung_ha", "--name", "Hồ Văn Em")
    assert result.returncode == 0
    code = result.stdout.split()[0]
    invite = Store.open(tmp_path).invite(code)
    assert invite["village"] == "trung_ha" and invite["name"] == "Hồ Văn Em" and invite["role"] == "member"
    assert cli("team", "invite", "--village", "nowhere").returncode == 2
    assert cli("team", "invite").returncode == 2
    assert cli("team", "invite", "--village", "trung_ha", "--role", "deputy").returncode == 2
    leader = cli("team", "invite", "--village", "trung_ha", "--role", "leader")
    assert leader.returncode == 0 and "village leader of trung_ha" in leader.stdout
