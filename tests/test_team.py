"""Team coordination through the whole core: joining, the report conversation, tasks, leader views, authorisation.

The clock stands at 03/12/2026 10:00 (Asia/Ho_Chi_Minh), so members report for November 2026 (due 08/12).
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from bot import texts
from bot.core import Core
from bot.deps import Deps
from bot.storage import Store
from tests.conftest import TestBot

VILLAGE = "trung_thuong"
OTHER = "trung_ha"
PERIOD = "2026-11"
REQUIRED = ["cccd", "muc2", "kich_hoat", "dvc"]


def join(bot: TestBot, store: Store, user: str, role: str, village: str | None, name: str) -> None:
    pid = store.add_person(name, role, village)
    store.create_invite(f"CODE{user.upper():0>4}"[:8], village, role, "2099-01-01T00:00:00+07:00", person_id=pid)
    reply = bot.say(f"/join CODE{user.upper():0>4}"[:14], user=user)
    assert "Anh/chị đã tham gia" in reply[0].text


@pytest.fixture
def team(testbot, store):
    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    join(testbot, store, "m2", "member", OTHER, "Trần Thị Bình")
    join(testbot, store, "l1", "leader", None, "Lê Văn Cường")
    return testbot


def texts_of(replies):
    return "\n".join(r.text for r in replies)


def payloads(replies):
    return [b.payload for r in replies for b in r.buttons]


def report_all(bot, user="m1", values=("12", "30", "25", "5", "bỏ qua", "bỏ qua", "bỏ qua")):
    replies = bot.say("báo cáo", user=user)
    for value in values:
        replies = bot.say(value, user=user)
    return replies


# -- joining --------------------------------------------------------------------------------------------------
def test_invite_code_ties_the_account_once(testbot, store, clock):
    store.create_invite("K7M2QX9A", VILLAGE, "member", "2026-12-10T00:00:00+07:00", name="Phạm Dũng")
    reply = testbot.say("/join k7m2-qx9a", user="u9")
    assert "Chào Phạm Dũng" in reply[0].text and "Thôn Trung Thượng" in reply[0].text
    assert store.person_for("test", "u9")["village"] == VILLAGE
    assert testbot.say("/join K7M2QX9A", user="u10")[0].text == texts.JOIN_USED
    assert "đã là thành viên" in testbot.say("/join K7M2QX9A", user="u9")[0].text


def test_deep_link_join(testbot, store):
    store.create_invite("ABCDEFGH", OTHER, "member", "2099-01-01T00:00:00+07:00")
    assert "Anh/chị đã tham gia" in testbot.say("/start join_ABCDEFGH", user="u5")[0].text


def test_expired_wrong_and_repeated_wrong_codes(testbot, store, clock):
    store.create_invite("OLDCODE2", VILLAGE, "member", "2026-12-01T00:00:00+07:00")
    assert testbot.say("/join OLDCODE2", user="x")[0].text == texts.JOIN_EXPIRED
    assert testbot.say("/join", user="x")[0].text == texts.JOIN_USAGE
    for _ in range(4):  # with the expired one: five wrong codes within 15 minutes
        assert testbot.say("/join WRONG123", user="x")[0].text == texts.JOIN_BAD
    slow = testbot.say("/join WRONG123", user="x")[0].text
    assert slow == texts.JOIN_SLOW_DOWN.format(minutes=15)
    store.create_invite("GOODCODE", VILLAGE, "member", "2099-01-01T00:00:00+07:00")
    assert testbot.say("/join GOODCODE", user="x")[0].text == slow  # still slowed down, code not spent
    clock.advance(minutes=16)
    assert "Anh/chị đã tham gia" in testbot.say("/join GOODCODE", user="x")[0].text


# -- authorisation --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["/baocao", "/suabaocao", "/viec", "/xong x", "/tonghop", "/xuat", "/khoa",
                                     "/moi trung_ha", "/giaoviec all 01/01/2027 việc"])
def test_citizen_cannot_use_team_commands(testbot, store, command):
    assert testbot.say(command, user="citizen")[0].text == texts.TEAM_ONLY
    assert store.reports(PERIOD) == {} and store.tasks() == []


@pytest.mark.parametrize("command", ["/tonghop", "/xuat", "/khoa", "/mokhoa", "/moi trung_ha",
                                     "/giaoviec all 01/01/2027 việc"])
def test_member_cannot_use_leader_commands(team, store, command):
    assert team.say(command, user="m1")[0].text == texts.LEADERS_ONLY
    assert not store.locked(PERIOD) and store.tasks() == []


def test_citizen_saying_bao_cao_gets_the_faq_not_the_team_flow(team, store):
    replies = team.say("báo cáo", user="citizen")
    assert "flow" not in store.session("test:citizen:citizen")
    assert replies[0].meta.question_id


# -- the report conversation ----------------------------------------------------------------------------------
def test_full_report_conversation_with_bad_input_and_confirmation(team, store):
    first = team.say("/baocao", user="m1")
    assert first[0].text.startswith("1/7. Hồ sơ cấp thẻ căn cước đã thu nhận (hồ sơ), tháng 11/2026.")
    bad = team.say("abc", user="m1")
    assert "số" in bad[0].text and bad[1].text == first[0].text
    too_big = team.say("5000", user="m1")
    assert "ngoài khoảng cho phép" in too_big[0].text
    team.say("12", user="m1")
    assert team.say("bỏ qua", user="m1")[0].text == texts.REPORT_NOT_OPTIONAL.format(You="Anh/chị")
    team.say("mười lăm", user="m1")  # muc2 = 15
    back = team.say("quay lại", user="m1")
    assert back[0].text.startswith("2/7.")
    team.say("30 hồ sơ", user="m1")  # muc2 = 30
    team.say("25", user="m1")
    team.say("1,2 nghìn", user="m1")  # dvc = 1200
    team.say("bỏ qua", user="m1")
    team.say("bỏ qua", user="m1")
    summary = team.say("7", user="m1")  # asxh = 7
    assert "Xác nhận" in summary[0].text and "• Hồ sơ định danh điện tử mức 2 đã thu nhận: 30 hồ sơ" in summary[0].text
    assert "1.200" in summary[0].text and store.reports(PERIOD) == {}
    saved = team.press("r:ok", user="m1")
    assert saved[0].text.startswith("Đã lưu báo cáo tháng 11/2026 của Thôn Trung Thượng")
    report = store.report(PERIOD, VILLAGE)
    assert report["values"] == {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 1200, "asxh": 7}
    again = team.press("r:ok", user="m1")
    assert "đã được lưu rồi" in again[0].text
    assert len(store.report_history(PERIOD, VILLAGE)) == 1
    assert "đã gửi báo cáo tháng 11/2026" in team.say("báo cáo", user="m1")[0].text


def test_value_far_above_last_period_asks_for_confirmation(team, store, clock):
    pid = store.person_for("test", "m1")["id"]
    store.save_report("2026-10", VILLAGE, {"cccd": 10, "muc2": 10, "kich_hoat": 10, "dvc": 10}, pid, "2026-11-05")
    question = team.say("báo cáo", user="m1")
    assert "Kỳ trước: 10." in question[0].text
    jump = team.say("300", user="m1")
    assert "cao hơn nhiều so với kỳ trước (10)" in jump[0].text and payloads(jump) == ["r:yes", "r:redo"]
    redo = team.press("r:redo", user="m1")
    assert redo[0].text.startswith("1/7.")
    team.say("300", user="m1")
    assert team.press("r:yes", user="m1")[0].text.startswith("2/7.")


def test_one_message_report(team, store):
    replies = team.say("cccd 12, mức 2 30, kích hoạt 25, dvc 1.200", user="m1")
    assert "Anh/chị kiểm tra lại" in replies[-1].text and payloads(replies)[:1] == ["r:ok"]
    team.press("r:ok", user="m1")
    assert store.report(PERIOD, VILLAGE)["values"] == {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 1200}


def test_partial_one_message_report_asks_the_rest(team):
    replies = team.say("cccd 12 muc2 30", user="m1")
    assert "Còn thiếu" in replies[0].text and replies[1].text.startswith("3/7.")


def test_question_with_a_number_is_not_a_report(team):
    replies = team.say("đăng ký mức 2 mất bao lâu, 3 ngày à?", user="m1")
    assert "flow" not in team.core.deps.store.session("test:m1:m1")
    assert replies[0].meta.question_id


def test_restart_mid_conversation_resumes(team, store, deps, tmp_path):
    team.say("báo cáo", user="m1")
    team.say("12", user="m1")
    store.close()  # the process dies; a new one opens the same SQLite file
    fresh = Store.open(tmp_path)
    restarted = TestBot(Core(Deps(config=deps.config, store=fresh, kb=deps.kb, matcher=deps.matcher,
                                  clock=deps.clock)))
    assert restarted.say("30", user="m1")[0].text.startswith("3/7.")
    for value in ("25", "5", "bỏ qua", "bỏ qua", "bỏ qua"):
        restarted.say(value, user="m1")
    restarted.press("r:ok", user="m1")
    assert fresh.report(PERIOD, VILLAGE)["values"] == {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 5}


def test_cancel_keeps_nothing(team, store):
    team.say("báo cáo", user="m1")
    team.say("12", user="m1")
    assert team.say("hủy", user="m1")[0].text == texts.REPORT_CANCELLED
    assert store.reports(PERIOD) == {} and "flow" not in store.session("test:m1:m1")


def test_correction_is_kept_in_history_until_locked(team, store):
    report_all(team)
    team.press("r:ok", user="m1")
    summary = team.say("sửa báo cáo", user="m1")
    assert payloads(summary)[:2] == ["r:ok", "r:edit"]
    choose = team.press("r:edit", user="m1")
    assert payloads(choose)[1] == "r:e:1"
    team.press("r:e:1", user="m1")
    after = team.say("35", user="m1")
    assert "35 hồ sơ" in after[0].text
    assert "lần sửa thứ 1" in team.press("r:ok", user="m1")[0].text
    assert store.report(PERIOD, VILLAGE)["values"]["muc2"] == 35
    assert [h["values"]["muc2"] for h in store.report_history(PERIOD, VILLAGE)] == [30, 35]
    ask = team.say("/khoa", user="l1")
    assert "Khóa số liệu tháng 11/2026?" in ask[0].text and payloads(ask) == ["k:ok:2026-11", "k:no"]
    assert not store.locked(PERIOD)  # nothing is locked before the confirmation
    assert team.press("k:ok:2026-11", user="l1")[0].text == texts.LOCKED_OK.format(period="tháng 11/2026")
    assert "đã được khóa" in team.say("/suabaocao", user="m1")[0].text
    assert store.report(PERIOD, VILLAGE)["values"]["muc2"] == 35


def test_lock_while_a_report_is_being_typed(team, store):
    report_all(team, user="m2")
    team.say("/khoa 11/2026", user="l1")
    team.press("k:ok:2026-11", user="l1")
    assert "đã được khóa" in team.press("r:ok", user="m2")[0].text
    assert store.reports(PERIOD) == {}


# -- tasks ----------------------------------------------------------------------------------------------------
def test_tasks_listed_and_marked_done(team, store):
    listing = team.say("việc của tôi", user="m1")
    assert "ra_soat_danh_sach" in listing[0].text and "d:ra_soat_danh_sach" in payloads(listing)
    ask = team.press("d:ra_soat_danh_sach", user="m1")
    assert "ghi chú" in ask[0].text
    done = team.say("Đã gửi danh sách 45 người", user="m1")
    assert "hoàn thành" in done[0].text
    assert store.done_tasks(VILLAGE)[("ra_soat_danh_sach", VILLAGE)]["note"] == "Đã gửi danh sách 45 người"
    assert "đã được đánh dấu xong" in team.say("/xong ra_soat_danh_sach", user="m1")[0].text
    assert "✅ đã xong" in team.say("/viec", user="m1")[0].text
    assert "✅" not in team.say("/viec", user="m2")[0].text  # another village's state is its own


def test_leader_assigns_a_task_to_one_village_only(team, store):
    reply = team.say("/giaoviec trung_ha 20/12/2026 Kiểm tra 10 cơ sở lưu trú", user="l1")
    assert "Đã giao việc [v1]" in reply[0].text
    assert "v1" in team.say("/viec", user="m2")[0].text
    assert "[v1]" not in team.say("/viec", user="m1")[0].text
    assert "Không tìm thấy việc" in team.say("/xong v1", user="m1")[0].text
    assert texts.ASSIGN_USAGE[:10] in team.say("/giaoviec nowhere 20/12/2026 x y z", user="l1")[0].text


# -- leader views ---------------------------------------------------------------------------------------------
def test_leader_summary_and_excel(team, store):
    report_all(team)
    team.press("r:ok", user="m1")
    replies = team.say("/tonghop", user="l1")
    assert "tháng 11/2026" in replies[0].text and "Thôn Trung Hạ" in replies[0].text
    assert replies[1].picture.startswith(b"\x89PNG")
    (excel,) = team.say("/xuat 11/2026", user="l1")
    assert excel.filename == "tong_hop_2026_11.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(excel.file)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    village_row = next(r for r in rows if "Thôn Trung Thượng" in r)
    assert village_row[2:6] == (12, 30, 25, 5)
    missing_row = next(r for r in rows if "Thôn Trung Hạ" in r)
    assert "Chưa báo cáo" in missing_row


def test_bad_period_argument(team):
    assert "Tôi chưa hiểu kỳ" in team.say("/tonghop tháng mười ba", user="l1")[0].text


def test_leader_invite_command(team, store):
    reply = team.say("/moi trung_ha", user="l1")
    code = reply[0].text.split(": ")[1].split()[0]
    assert store.invite(code)["village"] == OTHER
    assert "Anh/chị đã tham gia" in team.say(f"/join {code}", user="new")[0].text
    assert "Cách dùng" in team.say("/moi nowhere", user="l1")[0].text
    village_leader = team.say("/moi trung_ha tổ trưởng", user="l1")[0].text  # the village's own leader
    assert village_leader.startswith("Mã mời cho tổ trưởng Thôn Trung Hạ:")
    invite = store.invite(village_leader.split(": ")[1].split()[0])
    assert (invite["role"], invite["village"]) == ("leader", OTHER)
    assert "Cách dùng" in team.say("/moi trung_ha tổ phó", user="l1")[0].text  # a deputy belongs to the commune
    deputy = team.say("/moi xã tổ phó", user="l1")[0].text
    assert deputy.startswith("Mã mời cho tổ phó xã:")
    assert store.invite(deputy.split(": ")[1].split()[0])["role"] == "deputy"


def test_invite_carries_the_telegram_deep_link_once_the_bot_name_is_known(team, store):
    assert "t.me" not in team.say("/moi trung_ha", user="l1")[0].text  # no name yet (console, Zalo, web)
    team.core.bot_username = "troly06_bot"  # what the Telegram channel sets when it starts
    for reply in (team.say("/moi trung_ha", user="l1")[0].text, team.press("i:new:trung_ha:member", user="l1")[0].text):
        code = reply.split(": ")[1].split()[0]
        assert f"https://t.me/troly06_bot?start=join_{code}" in reply
        assert store.invite(code)["village"] == OTHER
    assert "Anh/chị đã tham gia" in team.say(f"/start join_{code}", user="new")[0].text  # the link's /start


def test_team_help_lists_commands_by_role(team):
    assert "/baocao" in team.say("/help", user="m1")[0].text and "/tonghop" not in team.say("/help", user="m1")[0].text
    assert "/tonghop" in team.say("/help", user="l1")[0].text


def test_a_correction_shown_in_the_summary_is_the_one_saved(team, store):
    report_all(team)
    team.say("cccd 15", user="m1")  # a one-line correction at the summary
    team.press("r:ok", user="m1")
    assert store.report(PERIOD, VILLAGE)["values"]["cccd"] == 15


def test_one_message_report_values_get_the_same_checks(team, store):
    pid = store.person_for("test", "m1")["id"]
    store.save_report("2026-10", VILLAGE, {"cccd": 10, "muc2": 10, "kich_hoat": 10, "dvc": 10}, pid, "2026-11-05")
    replies = team.say("cccd 99999, mức 2 300, kích hoạt 12, dvc 9", user="m1")
    assert "nằm ngoài khoảng cho phép" in replies[0].text
    assert "cao hơn nhiều so với kỳ trước" in replies[1].text  # muc2 300 against 10
    after_yes = team.press("r:yes", user="m1")
    assert after_yes[0].text.startswith("1/7.")  # cccd is asked again
    state = store.session("test:m1:m1")["values"]
    assert state == {"muc2": 300, "kich_hoat": 12, "dvc": 9, "luu_tru": None, "bhyt": None, "asxh": None}


def test_cancel_button_under_a_task_note_cancels_it(team, store):
    team.press("d:ra_soat_danh_sach", user="m1")
    assert team.press("r:cancel", user="m1")[0].text == texts.CANCELLED
    team.say("menu", user="m1")
    assert store.done_tasks(VILLAGE) == {}


def test_an_abandoned_conversation_expires_after_a_day(team, store, clock):
    team.say("báo cáo", user="m1")
    clock.advance(hours=25)
    assert team.say("12", user="m1")[0].meta.question_id  # a question now, not a report value
    assert "flow" not in store.session("test:m1:m1")


@pytest.mark.parametrize("text", ["²", "¹²", "٣"])
def test_unusual_digits_do_not_crash(team, text):
    assert team.say(text, user="m1")[0].text != texts.ERROR
