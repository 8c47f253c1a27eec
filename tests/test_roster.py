"""Roster import from CSV and XLSX, with errors naming the bad row; invites from the command line."""

from __future__ import annotations

import openpyxl
import pytest

from bot.config import load_config
from bot.roster import RosterError, import_roster, read_roster
from bot.storage import Store
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
    for row in [["Thôn", "Họ và tên", "Vai trò"], ["Thôn Đông Thịnh", "Phạm Dũng", "Tổ phó"], [None, None, None]]:
        sheet.append(row)
    path = tmp_path / "roster.xlsx"
    book.save(path)
    (person,) = read_roster(path, load_config(TEST_CONFIG))
    assert (person.name, person.role, person.village) == ("Phạm Dũng", "deputy", "dong_thinh")


@pytest.mark.parametrize("content, message", [
    ("Họ tên,Vai trò\nA,thành viên\n", "row 1: missing column(s) village"),
    ("Họ tên,Vai trò,Thôn\n,thành viên,trung_ha\n", "row 2: the name (Họ tên) is empty"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,trung_ha\nB,trưởng ban,trung_ha\n", "row 3: unknown role 'trưởng ban'"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,Thôn Mới\n", "row 2: unknown village 'Thôn Mới'"),
    ("Họ tên,Vai trò,Thôn\nA,thành viên,\n", "row 2: a member (thành viên) needs a village"),
])
def test_roster_errors_name_the_row(tmp_path, content, message):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RosterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_roster(path, load_config(TEST_CONFIG))


def test_team_import_cli_imports_nothing_on_error(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "X,không rõ,trung_ha\n", encoding="utf-8")
    result = cli("team", "import", str(bad))
    assert result.returncode == 1 and "row 5: unknown role 'không rõ'" in result.stderr
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
