"""Regression tests for the defects found by playing a whole month (issue #10), one section per defect.

The clock starts at 03/12/2026 10:00 (Asia/Ho_Chi_Minh); the bot went live on 10/11/2026 unless a test says else.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot import texts
from bot.config import load_config
from bot.deps import Deps
from bot.messages import Incoming
from bot.team.periods import deadline, parse_period
from bot.team.reports import example_line, leader_period, member_period, reporting_start
from bot.team.roster import import_roster, read_roster
from scheduler.outbox import deliver, run_pass
from scheduler.plan import plan
from tests.conftest import TestBot

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
VILLAGE, OTHER = "trung_thuong", "trung_ha"


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def join(bot: TestBot, store, user: str, role: str, village: str | None, name: str, phone: str | None = None) -> int:
    pid = store.add_person(name, role, village, phone)
    code = f"C{user.upper():0>7}"[:8]
    store.create_invite(code, village, role, "2099-01-01T00:00:00+07:00", person_id=pid)
    assert "Chào" in bot.say(f"/join {code}", user=user)[0].text
    return pid


def text(replies) -> str:
    return "\n".join(r.text for r in replies)


def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


def live_since(deps: Deps, moment: dt.datetime) -> None:
    reporting_start(deps.config, deps.store, moment)


@pytest.fixture
def team(testbot, store, deps):
    live_since(deps, at(2026, 11, 10))
    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An", "0912000001")
    join(testbot, store, "m2", "member", VILLAGE, "Phạm Văn Nam", "0912000002")
    join(testbot, store, "o1", "member", OTHER, "Trần Thị Bình", "0912000003")
    join(testbot, store, "l1", "leader", None, "Lê Văn Cường")
    return testbot


def quick_report(bot, user="m1", line="cccd 12, mức 2 30, kích hoạt 25, dvc 5"):
    replies = bot.say(line, user=user)
    assert "r:ok" in payloads(replies), text(replies)
    return bot.press("r:ok", user=user)


# -- 1. the month boundary ------------------------------------------------------------------------------------
def test_a_late_village_reports_the_month_it_missed_not_the_next(team, store, clock):
    clock.now = at(2026, 12, 9, 10)
    first = team.say("báo cáo", user="m1")
    assert "chưa gửi số liệu tháng 11/2026" in first[0].text and "đã qua" in first[0].text
    assert "tháng 11/2026" in first[1].text and first[1].text.startswith("1/7.")
    team.say("hủy", user="m1")
    saved = quick_report(team)
    assert "tháng 11/2026" in saved[0].text
    assert store.report("2026-11", VILLAGE) and store.report("2026-12", VILLAGE) is None
    nxt = team.say("báo cáo", user="m1")
    assert nxt[0].text.startswith("1/7.") and "tháng 12/2026" in nxt[0].text  # no late note for December
    team.say("hủy", user="m1")
    assert "đã gửi báo cáo tháng 11/2026" in team.say("/baocao 11/2026", user="m1")[0].text
    assert team.say("/baocao 1/2027", user="m1")[0].text == texts.REPORT_FUTURE.format(period="tháng 1/2027")


def test_a_member_names_the_period(team, store, clock):
    clock.now = at(2026, 12, 20)
    question = team.say("báo cáo tháng 11", user="o1")
    assert "tháng 11/2026" in text(question)
    team.say("hủy", user="o1")
    saved = quick_report(team, user="o1", line="Thôn Trung Hạ báo cáo tháng 11: cccd 12, md2 30, kh 25, dvc 5")
    assert "tháng 11/2026" in saved[0].text and store.report("2026-11", OTHER)["values"]["muc2"] == 30
    assert "tháng 11/2026" in text(team.say("/baocao 11/2026", user="m1"))


def test_leaders_see_the_period_just_due_until_it_is_locked(team, store, clock):
    clock.now = at(2026, 12, 9, 9)
    assert "Tổng hợp số liệu tháng 11/2026" in team.say("/tonghop", user="l1")[0].text
    team.say("/khoa", user="l1")
    team.press("k:ok:2026-11", user="l1")
    assert "Tổng hợp số liệu tháng 12/2026" in team.say("/tonghop", user="l1")[0].text


def test_december_to_january_and_a_leap_february(deps, store):
    config = deps.config
    live_since(deps, at(2026, 11, 10))
    assert member_period(config, store, VILLAGE, at(2027, 1, 9)) == "2026-11"  # November never came in
    store.save_report("2026-11", VILLAGE, {"cccd": 1}, 1, at(2027, 1, 3).isoformat())
    assert member_period(config, store, VILLAGE, at(2027, 1, 3)) == "2026-12"  # due 08/01
    assert member_period(config, store, VILLAGE, at(2027, 1, 9)) == "2026-12"  # overdue, across the new year
    assert leader_period(config, store, at(2027, 1, 9)) == "2026-12"
    assert deadline("2028-02", config.reporting, "Asia/Ho_Chi_Minh") == at(2028, 3, 8, 17)
    assert parse_period("tháng 2", at(2028, 3, 1)) == "2028-02"
    store.lock("2026-12", 1, at(2027, 2, 1).isoformat())
    for period in ("2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08",
                   "2027-09", "2027-10", "2027-11", "2027-12", "2028-01"):
        store.save_report(period, VILLAGE, {"cccd": 1}, 1, at(2028, 1, 1).isoformat())
    assert member_period(config, store, VILLAGE, at(2028, 3, 9)) == "2028-02"  # February 2028 has 29 days
    assert member_period(config, store, VILLAGE, at(2028, 3, 8, 16)) == "2028-02"


# -- 2. roles with a scope ------------------------------------------------------------------------------------
@pytest.fixture
def village_leader(team, store, deps, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Họ tên,Vai trò,Thôn,Điện thoại\nVõ Văn Tư,Tổ trưởng,Thôn Trung Thượng,0912000009\n",
                      encoding="utf-8")
    (pid,) = import_roster(store, read_roster(roster, deps.config))
    store.create_invite("VLEADER2", VILLAGE, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    welcome = team.say("/join VLEADER2", user="v1")[0].text
    assert "tổ trưởng thôn" in welcome and "Thôn Trung Thượng" in welcome
    return team


@pytest.mark.parametrize("command", ["/khoa", "/mokhoa", "/thongbao Họp dân lúc 19h", "/giaoviec all 01/01/2027 việc",
                                     "/moi xa tổ phó", "/moi trung_ha", "/moi trung_thuong tổ trưởng"])
def test_a_village_leader_cannot_act_for_the_commune(village_leader, store, command):
    reply = village_leader.say(command, user="v1")[0].text
    assert reply in (texts.LEADERS_ONLY, texts.INVITE_OWN_VILLAGE.format(village="Thôn Trung Thượng"))
    assert not store.locked("2026-11") and store.tasks() == [] and store.outbox(kind="broadcast") == []


def test_a_village_leader_sees_only_their_village_and_corrects_its_report(village_leader, store):
    bot = village_leader
    quick_report(bot, user="o1")
    summary = bot.say("/tonghop", user="v1")[0].text
    assert "Đã báo cáo: 0/1 thôn" in summary and "Thôn Trung Hạ" not in summary
    assert "Mã mời cho thành viên Thôn Trung Thượng" in text(bot.press("i:new:trung_thuong:member", user="v1"))
    quick_report(bot, user="m1")
    assert "r:ok" in payloads(bot.say("/suabaocao", user="v1"))  # the village leader may correct it
    bot.press("r:cancel", user="v1")
    refused = bot.say("/suabaocao", user="m2")[0].text  # a mate who did not send it may not
    assert "Nguyễn Văn An" in refused and "tổ trưởng thôn" in refused
    assert "r:ok" in payloads(bot.say("/suabaocao", user="m1"))  # the sender may


def test_a_commune_leader_from_the_roster_keeps_commune_power(team, store, deps, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Họ tên,Vai trò,Thôn\nHà Văn Năm,Tổ trưởng,\n", encoding="utf-8")
    (pid,) = import_roster(store, read_roster(roster, deps.config))
    store.create_invite("CLEADER2", None, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    team.say("/join CLEADER2", user="c1")
    assert "Khóa số liệu" in team.say("/khoa", user="c1")[0].text


# -- 3. /khoa asks first; a locked period is not reminded -----------------------------------------------------
def test_lock_asks_and_warns_and_stops_reminders(team, store, deps, clock):
    ask = team.say("/khoa", user="l1")
    assert "Còn 4 thôn chưa báo cáo" in ask[0].text and "Chưa đến hạn" in ask[0].text
    assert not store.locked("2026-11")
    assert team.press("k:no", user="l1")[0].text == texts.CANCELLED and not store.locked("2026-11")
    due = [i for i in plan(deps, at(2026, 12, 5, 8)) if i["kind"] == "remind"]
    store.enqueue(due, at(2026, 12, 5, 8).isoformat())
    team.say("/khoa 11/2026", user="l1")
    team.press("k:ok:2026-11", user="l1")
    assert store.locked("2026-11")
    assert [i for i in plan(deps, at(2026, 12, 7, 8)) if i["kind"] in ("remind", "escalate")] == []
    assert [i for i in plan(deps, at(2026, 12, 9, 9)) if i["kind"] in ("remind", "escalate")] == []
    sent = []

    async def transport(chat, replies):
        sent.append(chat)

    clock.now = at(2026, 12, 5, 8)
    report = asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert report.skipped == len(due) > 0 and sent == []


# -- 4. quiet hours on catch-up -------------------------------------------------------------------------------
def test_nothing_proactive_goes_out_in_quiet_hours_it_waits_for_seven(team, store, deps, clock):
    assert plan(deps, at(2026, 12, 8, 22)) == []  # the 17:00 digest was missed: it waits
    morning = plan(deps, at(2026, 12, 9, 7))
    assert {i["kind"] for i in morning} >= {"digest"}
    store.enqueue(morning, at(2026, 12, 8, 20).isoformat())
    sent = []

    async def transport(chat, replies):
        sent.append((clock.now, chat))

    clock.now = at(2026, 12, 8, 23)
    report = asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert sent == [] and report.postponed == len(morning)
    clock.now = at(2026, 12, 9, 7)
    asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert len(sent) == len(morning) and all(when.hour >= 7 for when, _ in sent)


# -- 5. dry run after a real pass -----------------------------------------------------------------------------
def test_dry_run_after_a_real_pass_lists_nothing(team, store, deps, clock):
    clock.now = at(2026, 12, 9, 9)

    async def transport(chat, replies):
        pass

    items, _ = asyncio.run(run_pass(deps, clock.now, {"test": transport}, clock.sleep, clock=clock))
    assert items
    again, report = asyncio.run(run_pass(deps, clock.now, {}, clock.sleep, clock=clock, dry_run=True))
    assert again == [] and report is None


# -- 6. the one-message example is complete -------------------------------------------------------------------
def test_the_example_names_every_required_indicator_and_partial_reports_ask_only_the_missing(team, deps):
    example = example_line(deps.config)
    for indicator in deps.config.indicators:
        assert (indicator.aliases[0] in example) != indicator.optional
    assert example in team.say("/help", user="m1")[0].text
    reminders = [i["text"] for i in plan(deps, at(2026, 12, 5, 8)) if i["kind"] == "remind"]
    assert reminders and all(example in r for r in reminders)
    replies = team.say("cccd 12, mức 2 30, dvc 5", user="m1")
    assert "Còn thiếu: Tài khoản định danh điện tử đã kích hoạt" in replies[0].text
    assert replies[1].text.startswith("3/7. Tài khoản định danh điện tử đã kích hoạt")
    optional = team.say("25", user="m1")
    assert optional[0].text.startswith("5/7. Các chỉ tiêu không bắt buộc") and len(optional) == 1
    summary = team.say("bỏ qua", user="m1")
    assert "r:ok" in payloads(summary)
    assert team.say(example, user="o1")[-1].buttons[0].payload == "r:ok"  # the example itself is complete


# -- 7. natural wordings are team business --------------------------------------------------------------------
@pytest.mark.parametrize("user, said, expect", [
    ("m1", "12 cccd, 30 mức 2, 25 kích hoạt, 5 dvc", "Anh/chị kiểm tra lại"),
    ("m1", "Thôn Trung Thượng báo cáo tháng 11: cccd 12, md2 30, kh 25, dvc 5", "Anh/chị kiểm tra lại"),
    ("m1", "gửi báo cáo", "1/7."),
    ("m1", "báo cáo tháng 11", "tháng 11/2026"),
    ("l1", "tổng hợp tháng 10", "Tổng hợp số liệu tháng 10/2026"),
    ("l1", "xuất excel", "Bảng tổng hợp số liệu tháng 11/2026"),
    ("l1", "thôn nào chưa báo cáo", "Chưa báo cáo: Thôn Trung Thượng"),
    ("l1", "tháng trước", "Tổng hợp số liệu tháng 11/2026"),
])
def test_natural_wordings_are_tried_as_team_business_first(team, store, user, said, expect):
    replies = team.say(said, user=user)
    assert expect in text(replies)
    assert store.questions() == []  # never treated as a citizen's question


def test_a_citizen_sentence_from_a_member_is_still_a_question(team, store):
    team.say("làm căn cước cho con 12 tuổi ở đâu", user="m1")
    assert len(store.questions()) == 1


# -- 8. reporting.start bounds what is owed -------------------------------------------------------------------
def test_the_first_pass_after_going_live_owes_nothing_from_before(store, kb, matcher, clock):
    config = load_config()
    config = config.model_copy(update={"reporting": config.reporting.model_copy(
        update={"cycle": "weekly", "weekday": 4, "deadline_time": "09:00"})})
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    store.add_person("Lê Văn Cường", "leader", None)
    store.create_invite("LEADER22", None, "leader", "2099-01-01T00:00:00+07:00", person_id=1)
    store.redeem_invite("LEADER22", "test", "l1", "Cường", at(2026, 12, 2).isoformat())
    first = plan(deps, at(2026, 12, 2, 10))  # a Wednesday of week 49: weeks 47 and 48 are before go-live
    assert [i for i in first if i["kind"] in ("digest", "escalate")] == []
    later = plan(deps, at(2026, 12, 4, 10))  # week 49's deadline (Friday 09:00) has passed
    assert {i["period"] for i in later if i["kind"] == "digest"} == {"2026-W49"}


def test_a_configured_start_is_used_and_the_first_run_is_stored(deps, store):
    start = reporting_start(deps.config, store, at(2026, 12, 3))
    assert start == at(2026, 12, 3) and reporting_start(deps.config, store, at(2027, 5, 1)) == start
    configured = deps.config.model_copy(update={"reporting": deps.config.reporting.model_copy(
        update={"start": dt.date(2026, 10, 1)})})
    assert reporting_start(configured, store, at(2027, 5, 1)) == at(2026, 10, 1, 0)


# -- 10. /moi links the roster person -------------------------------------------------------------------------
def test_invite_offers_the_roster_person_and_the_excel_shows_the_roster_name(team, store, deps, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Họ tên,Vai trò,Thôn\nĐặng Thị Hoa,Thành viên,Trung Hạ\n", encoding="utf-8")
    (pid,) = import_roster(store, read_roster(roster, deps.config))
    offer = team.say("/moi trung_ha", user="l1")
    assert f"i:{pid}" in payloads(offer) and "Đặng Thị Hoa" in " ".join(b.label for b in offer[0].buttons)
    code = team.press(f"i:{pid}", user="l1")[0].text.split(": ")[1].split()[0]
    before = len(store.people())
    team.core.handle(Incoming(channel="test", user_id="h1", chat_id="h1", text=f"/join {code}",
                              display_name="Hoa Bé Bỏng"))
    assert len(store.people()) == before and store.person_for("test", "h1")["id"] == pid
    quick_report(team, user="h1")
    (excel,) = team.say("/xuat", user="l1")
    rows = list(openpyxl.load_workbook(io.BytesIO(excel.file)).worksheets[0].iter_rows(values_only=True))
    assert any("Đặng Thị Hoa" in row for row in rows) and not any("Hoa Bé Bỏng" in row for row in rows)


# -- 11. one clock --------------------------------------------------------------------------------------------
def test_rows_the_store_stamps_follow_the_bots_clock(deps, store, clock):
    clock.now = at(2030, 1, 1, 12)
    store.first_seen("test:update:1")
    assert store.db["seen"].get("test:update:1")["ts"] == "2030-01-01T05:00:00+00:00"


# -- rough edges ----------------------------------------------------------------------------------------------
def test_village_mates_are_told_when_the_report_is_in(team, store):
    quick_report(team, user="m1")
    notices = store.outbox(kind="mates")
    assert [n["chat_id"] for n in notices] == ["m2"]  # the sender's mate, not the sender or another village
    assert "Nguyễn Văn An đã gửi báo cáo tháng 11/2026 của Thôn Trung Thượng" in notices[0]["text"]


def test_a_mates_notice_held_by_quiet_hours_goes_out_next_morning_and_not_days_later(team, store, deps, clock):
    sent = []

    async def transport(chat, replies):
        sent.append((clock.now, chat, replies[0].text))

    clock.now = at(2026, 12, 3, 21, 30)  # confirmed in quiet hours: the notice waits for 07:00
    quick_report(team, user="m1")
    asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert [c for _, c, _ in sent] == []
    clock.now = at(2026, 12, 4, 7)
    asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert [(c, "đã gửi báo cáo" in t) for _, c, t in sent] == [("m2", True)]
    sent.clear()
    clock.now = at(2026, 12, 4, 21, 30)  # a notice queued in quiet hours, and no scheduler until days later
    store.enqueue([{"key": "mates:late", "channel": "test", "chat_id": "m2", "kind": "mates", "period": "2026-11",
                    "village": "trung_thuong", "text": "Nguyễn Văn An đã sửa báo cáo"}], clock.now.isoformat())
    clock.now = at(2026, 12, 7, 7)
    report = asyncio.run(deliver(deps, {"test": transport}, clock, clock.sleep))
    assert sent == [] and report.skipped >= 1  # stale news is not sent three days late


def test_escalation_names_whom_to_call_and_nudges_again(team, store, deps, clock):
    items = plan(deps, at(2026, 12, 9, 9))
    (escalation,) = [i for i in items if i["kind"] == "escalate"]
    assert "Cần liên hệ: Thôn Trung Thượng — Nguyễn Văn An 0912000001" in escalation["text"]
    assert "Chưa ai tham gia Trợ lý 06" in escalation["text"] and "Thôn Đông Thịnh" in escalation["text"]
    assert escalation["payload"]["buttons"] == [[texts.BUTTON_NUDGE, "n:2026-11"]]
    clock.now = at(2026, 12, 9, 10)
    reply = team.press("n:2026-11", user="l1")
    nudges = store.outbox(kind="nudge")
    assert reply[0].text == texts.NUDGE_QUEUED.format(n=3, period="tháng 11/2026")
    assert sorted(n["chat_id"] for n in nudges) == ["m1", "m2", "o1"]
    team.press("n:2026-11", user="l1")
    assert len(store.outbox(kind="nudge")) == 3  # pressed twice: reminded once
    assert team.press("n:2026-11", user="m1")[0].text == texts.LEADERS_ONLY


def test_a_village_leader_nudges_only_their_own_village(team, store, clock):
    join(team, store, "vl", "leader", VILLAGE, "Hoàng Văn Tổ", "0912000009")
    clock.now = at(2026, 12, 9, 10)
    reply = team.press("n:2026-11", user="vl")
    assert reply[0].text == texts.NUDGE_QUEUED.format(n=3, period="tháng 11/2026")  # m1, m2 and the leader
    assert sorted(n["chat_id"] for n in store.outbox(kind="nudge")) == ["m1", "m2", "vl"]  # not o1 of OTHER


def test_leaders_get_a_heads_up_the_day_before(team, deps):
    (heads_up,) = [i for i in plan(deps, at(2026, 12, 7, 9)) if i["kind"] == "headsup"]
    assert heads_up["chat_id"] == "l1" and "Ngày mai (17:00 08/12/2026)" in heads_up["text"]
    assert "Thôn Trung Hạ — Trần Thị Bình 0912000003" in heads_up["text"]
    assert [i for i in plan(deps, at(2026, 12, 8, 9)) if i["kind"] == "headsup"] == []


def test_first_month_value_far_above_the_target_is_flagged(team):
    replies = team.say("cccd 12, mức 2 30, kích hoạt 25, dvc 2.000", user="m1")
    assert any("cao hơn nhiều so với chỉ tiêu của thôn (20 mỗi kỳ)" in r.text for r in replies)


def test_after_joining_a_member_is_told_what_comes_next(testbot, store, deps):
    live_since(deps, at(2026, 11, 10))
    pid = store.add_person("Hồ Văn Em", "member", OTHER)
    store.create_invite("WELCOME2", OTHER, "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    (welcome,) = testbot.say("/join WELCOME2", user="e1")
    assert "tháng 11/2026, hạn 17:00 08/12/2026" in welcome.text and example_line(deps.config) in welcome.text
    assert [b.payload for b in welcome.buttons] == ["r:start:2026-11"]
    assert testbot.press("r:start:2026-11", user="e1")[0].text.startswith("1/7.")


def test_an_indicator_with_a_question_is_asked_in_those_words(team, deps):
    first = deps.config.indicators[0]
    deps.config.indicators[0] = first.model_copy(
        update={"question": "{period}, thôn mình thu nhận được bao nhiêu hồ sơ cấp thẻ căn cước?"})
    asked = team.say("báo cáo", user="m1")[0].text
    assert asked.startswith("1/7. Tháng 11/2026, thôn mình thu nhận được bao nhiêu hồ sơ cấp thẻ căn cước?")
    edit = team.say("12", user="m1")
    assert edit[0].text.startswith("2/7. Hồ sơ định danh điện tử mức 2 đã thu nhận (hồ sơ), tháng 11/2026.")


def test_members_are_addressed_as_config_says(team, deps, store):
    assert "Cảm ơn anh/chị!" in quick_report(team, user="m1")[0].text
    deps.config.organisation.address = "đồng chí"
    asked = team.say("báo cáo", user="o1")[0].text
    assert "Đồng chí nhập một số" in asked and "bạn" not in asked.lower()
