"""Reporting cycles, several at once (issue 15, part 2): a weekly campaign beside the monthly report.

The campaign is seed 003's: «Công dân số», 25/5/2023–30/6/2023, reports every Friday before 09:00, a cumulative
target of 700.000 tài khoản định danh điện tử mức 2 by 30/6/2023; here two of the commune's four villages take part,
with their own two indicators. The monthly cycle is the tests' config.yaml (due on the 8th of the next month).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import yaml

from bot import texts
from bot.config import Config, ConfigError, load_config
from bot.core import Core
from bot.deps import Deps
from bot.storage import Store
from bot.team.cycles import all_cycles, cumulative, cycle_of
from bot.team.digest import period_summary
from bot.team.periods import deadline, label, reporting_period, shift
from bot.team.reports import leader_period, member_period, reporting_start
from scheduler.outbox import render
from scheduler.plan import plan
from tests.conftest import TEST_CONFIG, TestBot

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CAMPAIGN = {
    "key": "cong_dan_so", "name": "chiến dịch Công dân số", "cycle": "weekly", "weekday": 4, "deadline_time": "09:00",
    "start": "2023-05-25", "end": "2023-06-30", "words": ["chiến dịch", "công dân số"],
    "units": ["trung_thuong", "trung_ha"],
    "indicators": [
        {"key": "muc2", "label": "Tài khoản định danh điện tử mức 2 đã thu nhận", "unit": "tài khoản",
         "aliases": ["mức 2", "định danh"], "maximum": 20000, "target": 150},
        {"key": "huong_dan", "label": "Lượt hướng dẫn cài đặt, sử dụng VNeID", "unit": "lượt",
         "aliases": ["hướng dẫn", "hd"], "maximum": 20000},
    ],
    "cumulative": {"muc2": 700000}, "cumulative_by": "2023-06-30",
}
W = "cong_dan_so:2023-W"  # the campaign's periods


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def with_cycles(*cycles: dict) -> Config:
    raw = yaml.safe_load(TEST_CONFIG.read_text(encoding="utf-8"))
    raw["cycles"] = list(cycles)
    return Config.model_validate(raw)


def text(replies) -> str:
    return "\n".join(r.text for r in replies)


def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


@pytest.fixture
def cdeps(store, kb, matcher, clock):
    clock.now = at(2023, 5, 25)  # the campaign's first day: week 21 due Friday 26/05 09:00, May due 08/06 17:00
    config = with_cycles(CAMPAIGN)
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    reporting_start(config, store, at(2023, 5, 9))  # live after April's deadline: April is not owed
    return deps


def join(bot: TestBot, store, user: str, role: str, village: str | None, name: str) -> int:
    pid = store.add_person(name, role, village, "09120000" + user[-2:].rjust(2, "0"))
    code = f"C{user.upper():0>7}"[:8]
    store.create_invite(code, village, role, "2099-01-01T00:00:00+07:00", person_id=pid)
    assert "Chào" in bot.say(f"/join {code}", user=user)[0].text
    return pid


@pytest.fixture
def team(cdeps, store):
    bot = TestBot(Core(cdeps))
    join(bot, store, "m1", "member", "trung_thuong", "Nguyễn Văn An")
    join(bot, store, "m2", "member", "trung_ha", "Trần Thị Bình")
    join(bot, store, "m3", "member", "dong_thinh", "Lê Thị Cúc")  # not in the campaign
    join(bot, store, "l1", "leader", None, "Lê Văn Cường")
    return bot


# -- configuration ----------------------------------------------------------------------------------------------
def test_the_old_single_cycle_config_is_one_default_cycle_with_unprefixed_periods(config):
    cycles = all_cycles(config)
    assert len(cycles) == 1 and cycles[0].key == "" and cycles[0].cycle == "monthly"
    assert reporting_period(at(2026, 12, 3), cycles[0], config.organisation.timezone) == "2026-11"
    assert reporting_period(at(2026, 12, 3), config.reporting, config.organisation.timezone) == "2026-11"
    assert cycle_of(config, "2026-11") is not None and not cycle_of(config, "2026-11").key


def test_the_bundled_config_yaml_still_loads_with_one_cycle():
    assert len(all_cycles(load_config())) == 1


@pytest.mark.parametrize("change, message", [
    ({"cycle": "once", "due": None}, "due"),
    ({"units": ["khong_co"]}, "unknown unit"),
    ({"cumulative": {"cccd": 10}}, "cumulative"),
    ({"end": "2023-05-01"}, "end"),
])
def test_a_bad_cycle_stops_start_up_naming_the_key(tmp_path, change, message):
    raw = yaml.safe_load(TEST_CONFIG.read_text(encoding="utf-8"))
    raw["cycles"] = [{**CAMPAIGN, **change}]
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


# -- weekly periods ---------------------------------------------------------------------------------------------
def test_weekly_periods_are_due_friday_0900_across_a_month_and_a_year_end():
    config = with_cycles(CAMPAIGN, {**CAMPAIGN, "key": "tet", "name": "chiến dịch Tết", "start": None,
                                    "end": None, "words": [], "cumulative": {}})
    campaign, tet = config.cycles
    tz = config.organisation.timezone
    # the week of 29/5-4/6/2023 spans a month end: due Friday 02/06 09:00, keyed by the cycle
    assert deadline(W + "22", campaign, tz) == at(2023, 6, 2, 9, 0)
    assert reporting_period(at(2023, 6, 2, 9, 0), campaign, tz) == W + "22"
    assert reporting_period(at(2023, 6, 2, 9, 1), campaign, tz) == W + "23"
    assert reporting_period(at(2023, 5, 31, 23, 0), campaign, tz) == W + "22"
    # 2026 has 53 ISO weeks: the last one is due on Friday 01/01/2027, then week 1 of 2027
    assert deadline("tet:2026-W53", tet, tz) == at(2027, 1, 1, 9, 0)
    assert reporting_period(at(2026, 12, 31, 20, 0), tet, tz) == "tet:2026-W53"
    assert reporting_period(at(2027, 1, 1, 9, 30), tet, tz) == "tet:2027-W01"
    assert shift("tet:2026-W53", 1) == "tet:2027-W01" and shift("tet:2027-W01", -1) == "tet:2026-W53"
    assert label("tet:2027-W01") == "tuần 1/2027"


def test_a_report_due_once_has_one_period_due_on_its_date():
    config = with_cycles({"key": "tong_ket", "name": "báo cáo tổng kết", "cycle": "once", "due": "2023-06-30",
                          "deadline_time": "17:00"})
    once = config.cycles[0]
    assert reporting_period(at(2023, 6, 1), once, config.organisation.timezone) == "tong_ket:2023-06-30"
    assert deadline("tong_ket:2023-06-30", once, config.organisation.timezone) == at(2023, 6, 30, 17, 0)
    assert label("tong_ket:2023-06-30") == "kỳ báo cáo ngày 30/6/2023"


# -- the member is asked for the right report ------------------------------------------------------------------
def test_both_owed_the_bot_asks_which_and_the_choice_starts_that_report(team, store):
    replies = team.say("báo cáo", user="m1")
    assert payloads(replies) == ["r:start:2023-05", f"r:start:{W}21"], text(replies)
    assert "2 báo cáo" in replies[0].text
    assert "2. chiến dịch Công dân số: tuần 21/2023 (hạn 09:00 26/05/2023)" in replies[0].text
    asked = team.press(f"r:start:{W}21", user="m1")
    assert asked[-1].text.startswith("1/2. Tài khoản định danh điện tử mức 2 đã thu nhận (tài khoản), tuần 21/2023")
    team.say("120", user="m1")
    team.say("45", user="m1")
    saved = team.press("r:ok", user="m1")
    assert "tuần 21/2023 (chiến dịch Công dân số)" in saved[0].text
    assert store.report(W + "21", "trung_thuong")["values"] == {"muc2": 120, "huong_dan": 45}
    assert store.report("2023-05", "trung_thuong") is None
    # the monthly report is now the only one owed: asked directly, with its own seven indicators
    again = team.say("báo cáo", user="m1")
    assert "1/7." in text(again) and "tháng 5/2023" in text(again)


def test_on_a_channel_without_buttons_the_choice_is_a_number(team):
    team.say("báo cáo", user="m1")
    asked = team.say("2", user="m1")
    assert asked[-1].text.startswith("1/2. Tài khoản định danh điện tử mức 2")


@pytest.mark.parametrize("words, first", [
    ("báo cáo tuần", "1/2. Tài khoản định danh điện tử mức 2"),
    ("/baocao tuan", "1/2. Tài khoản định danh điện tử mức 2"),
    ("báo cáo chiến dịch", "1/2. Tài khoản định danh điện tử mức 2"),
    ("/baocao cong_dan_so", "1/2. Tài khoản định danh điện tử mức 2"),
    ("báo cáo tháng", "1/7. Hồ sơ cấp thẻ căn cước"),
    ("/baocao thang", "1/7. Hồ sơ cấp thẻ căn cước"),
    ("/baocao 5/2023", "1/7. Hồ sơ cấp thẻ căn cước"),
    ("/baocao tuan 21", "1/2. Tài khoản định danh điện tử mức 2"),
])
def test_the_cycle_named_is_the_one_asked(team, words, first):
    replies = team.say(words, user="m1")
    assert replies[-1].text.startswith(first), text(replies)


def test_a_week_not_due_yet_is_refused(team):
    assert team.say("/baocao tuan 22", user="m1")[0].text == texts.REPORT_FUTURE.format(
        period="tuần 22/2023 (chiến dịch Công dân số)")


def test_a_week_named_is_that_week_of_the_campaign(team, store):
    team.say("/baocao tuan 21", user="m1")
    team.say("mức 2 80, hướng dẫn 20", user="m1")
    team.press("r:ok", user="m1")
    assert store.report(W + "21", "trung_thuong")["values"] == {"muc2": 80, "huong_dan": 20}


def test_a_village_outside_the_campaign_is_asked_for_its_monthly_report_only(team):
    assert team.say("báo cáo", user="m3")[-1].text.startswith("1/7.")
    team.say("hủy", user="m3")
    refused = team.say("báo cáo tuần", user="m3")
    assert refused[0].text == texts.CYCLE_NOT_HERE.format(village="Thôn Đông Thịnh", name="chiến dịch Công dân số")


def test_a_one_message_report_goes_to_the_cycle_whose_indicators_it_names(team, store):
    replies = team.say("hướng dẫn 40, mức 2 120", user="m2")  # «hướng dẫn» is only the campaign's
    assert "r:ok" in payloads(replies) and "tuần 21/2023" in text(replies)
    team.press("r:ok", user="m2")
    assert store.report(W + "21", "trung_ha")["values"] == {"huong_dan": 40, "muc2": 120}
    monthly = team.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m2")
    assert "tháng 5/2023" in text(monthly)
    team.press("r:skipall", user="m2") if "r:skipall" in payloads(monthly) else None
    team.press("r:ok", user="m2")
    assert store.report("2023-05", "trung_ha")["values"]["muc2"] == 30
    assert store.report(W + "21", "trung_ha")["values"]["muc2"] == 120


def test_a_line_both_cycles_read_asks_which_and_keeps_the_values(team):
    replies = team.say("mức 2 30", user="m1")
    assert payloads(replies) == ["r:start:2023-05", f"r:start:{W}21"]
    asked = team.press(f"r:start:{W}21", user="m1")
    assert "Đã nhận: Tài khoản định danh điện tử mức 2 đã thu nhận 30" in text(asked)  # kept
    assert "Lượt hướng dẫn cài đặt, sử dụng VNeID" in text(asked)


# -- lock and reminders per cycle --------------------------------------------------------------------------------
def test_locking_a_week_of_the_campaign_leaves_the_month_open(team, store, cdeps):
    asked = team.say("/khoa tuan", user="l1")
    assert f"k:ok:{W}21" in payloads(asked) and "tuần 21/2023 (chiến dịch Công dân số)" in asked[0].text
    team.press(f"k:ok:{W}21", user="l1")
    assert store.locked(W + "21") and not store.locked("2023-05")
    assert team.say("báo cáo tuần", user="m1")[0].text == texts.REPORT_LOCKED.format(
        period="tuần 21/2023 (chiến dịch Công dân số)", you="anh/chị", You="Anh/chị")
    assert team.say("báo cáo", user="m1")[-1].text.startswith("1/7.")  # the week is locked: only May is owed
    assert leader_period(cdeps.config, store, at(2023, 5, 25)) == "2023-05"
    assert member_period(cdeps.config, store, "trung_thuong", at(2023, 5, 27), cdeps.config.cycles[0]) == W + "22"


def _reminded(deps, moment) -> dict[str, set[str]]:
    """period -> the villages whose members get a reminder at ``moment``."""
    found: dict[str, set[str]] = {}
    for item in plan(deps, moment):
        if item["kind"] == "remind":
            found.setdefault(item["period"], set()).add(item["village"])
    return found


def test_reminders_run_per_cycle_for_the_units_of_each(team, cdeps, store):
    reminded = _reminded(cdeps, at(2023, 6, 8, 8, 0))  # Thursday: a day before week 23, the monthly deadline day
    assert reminded[W + "23"] == {"trung_thuong", "trung_ha"}
    assert reminded["2023-05"] == {"trung_thuong", "trung_ha", "dong_thinh"}
    item = next(i for i in plan(cdeps, at(2023, 6, 8, 8, 0)) if i["period"] == W + "23")
    assert "tuần 23/2023 (chiến dịch Công dân số)" in item["text"] and "mức 2 12, hướng dẫn 30" in item["text"]
    assert item["payload"]["buttons"] == [[texts.REPORT_NOW_BUTTON, f"r:start:{W}23"]]
    store.save_report(W + "23", "trung_ha", {"muc2": 1, "huong_dan": 1}, 2, at(2023, 6, 8, 7).isoformat())
    assert _reminded(cdeps, at(2023, 6, 8, 8, 0))[W + "23"] == {"trung_thuong"}


def test_the_campaigns_end_date_stops_its_reminders(team, cdeps, clock):
    assert _reminded(cdeps, at(2023, 6, 29, 8, 0))[W + "26"] == {"trung_thuong", "trung_ha"}  # its last week
    after = _reminded(cdeps, at(2023, 7, 6, 8, 0))  # week 27 would be due 07/07, after the end
    assert not any(period.startswith("cong_dan_so:") for period in after)
    assert not [i for i in plan(cdeps, at(2023, 7, 7, 9, 0)) if (i.get("period") or "").startswith("cong_dan_so:")]
    clock.now = at(2023, 7, 10)
    ended = team.say("báo cáo tuần", user="m1")
    assert ended[0].text == texts.CYCLE_ENDED.format(name="Chiến dịch Công dân số", end="30/06/2023")


def test_before_the_campaign_starts_nothing_of_it_is_owed(team, cdeps):
    assert not any(p.startswith("cong_dan_so:") for p in _reminded(cdeps, at(2023, 5, 16, 8, 0)))


# -- digests and the workbook -------------------------------------------------------------------------------------
def _report(store, period, village, values, when):
    store.save_report(period, village, values, 1, when.isoformat())


def test_the_campaign_digest_shows_the_cumulative_target_and_days_left(team, cdeps, store, clock):
    clock.now = at(2023, 6, 3)  # Saturday: week 22 just due, May due on 08/06
    _report(store, W + "21", "trung_thuong", {"muc2": 100, "huong_dan": 10}, at(2023, 5, 26, 8))
    _report(store, W + "22", "trung_thuong", {"muc2": 200, "huong_dan": 20}, at(2023, 6, 2, 8))
    _report(store, W + "22", "trung_ha", {"muc2": 50}, at(2023, 6, 2, 8))
    summary = period_summary(cdeps.config, store, W + "22", now=at(2023, 6, 10))
    assert [(c.total, c.target, c.days_left) for c in summary.cumulative] == [(350, 700000, 20)]
    digest = text(team.say("/tonghop", user="l1"))
    assert "Tổng hợp số liệu tháng 5/2023 — Tổ công tác 06 xã An Dũng" in digest
    assert "Tổng hợp số liệu tuần 22/2023 (chiến dịch Công dân số)" in digest
    assert "Đã báo cáo: 2/2 thôn" in digest
    assert ("Lũy kế Tài khoản định danh điện tử mức 2 đã thu nhận: đạt 350/700.000 tài khoản (0%), "
            "còn 27 ngày (đến 30/6/2023)") in digest
    only = text(team.say("tổng hợp tuần", user="l1"))
    assert "tuần 22/2023" in only and "tháng 5/2023" not in only


def test_cumulative_progress_counts_only_the_campaigns_units_and_weeks(cdeps, store):
    _report(store, W + "22", "trung_thuong", {"muc2": 200}, at(2023, 6, 2, 8))
    _report(store, "2023-05", "trung_thuong", {"muc2": 999}, at(2023, 6, 2, 8))  # the monthly report: not counted
    _report(store, W + "22", "dong_thinh", {"muc2": 999}, at(2023, 6, 2, 8))  # not a campaign village
    campaign = cdeps.config.cycles[0]
    assert [c.total for c in cumulative(cdeps.config, store, campaign, at(2023, 6, 7))] == [200]


def test_the_workbook_has_a_sheet_per_cycle_checked_cell_by_cell(team, cdeps, store, clock):
    clock.now = at(2023, 6, 3)
    _report(store, "2023-05", "trung_thuong", {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 5}, at(2023, 6, 5, 9))
    _report(store, W + "21", "trung_ha", {"muc2": 100, "huong_dan": 10}, at(2023, 5, 26, 8))
    _report(store, W + "22", "trung_ha", {"muc2": 150, "huong_dan": 30}, at(2023, 6, 2, 8, 30))
    replies = team.say("/xuat", user="l1")
    files = [r for r in replies if r.file]
    assert len(files) == 1 and files[0].filename.endswith("_cac_ky.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(files[0].file))
    assert wb.sheetnames == ["Tháng 5-2023", "Tuần 22-2023 cong_dan_so"]
    month = wb["Tháng 5-2023"]
    assert month["A1"].value == "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 — THÁNG 5/2023"
    assert [month.cell(5, c).value for c in range(1, 7)] == [1, "Thôn Trung Thượng", 12, 30, 25, 5]
    assert month["B4"].value == "Thôn" and month.cell(4, 3).value == "Hồ sơ cấp thẻ căn cước đã thu nhận (hồ sơ)"
    week = wb["Tuần 22-2023 cong_dan_so"]
    assert week["A1"].value == "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 — TUẦN 22/2023 (CHIẾN DỊCH CÔNG DÂN SỐ)"
    assert week["A3"].value.startswith("Đã báo cáo: 1/2 thôn")
    assert [week.cell(4, c).value for c in range(1, 7)] == [
        "STT", "Thôn", "Tài khoản định danh điện tử mức 2 đã thu nhận (tài khoản)",
        "Lượt hướng dẫn cài đặt, sử dụng VNeID (lượt)", "Người báo cáo", "Thời gian xác nhận"]
    assert [week.cell(5, c).value for c in range(1, 5)] == [1, "Thôn Trung Thượng", None, None]
    assert week.cell(5, 5).value == "Chưa báo cáo"
    assert [week.cell(6, c).value for c in range(1, 5)] == [2, "Thôn Trung Hạ", 150, 30]
    assert week.cell(6, 6).value == dt.datetime(2023, 6, 2, 8, 30)
    rows = {week.cell(r, 2).value: [week.cell(r, 3).value, week.cell(r, 4).value] for r in range(7, 12)}
    assert rows["Tổng cộng"] == [150, 30]
    assert rows["Chỉ tiêu"] == [300, None]  # 150 per village per week, two villages
    assert rows["Tỷ lệ đạt"] == [0.5, None]
    assert rows[texts.CYCLE_SHEET_CUMULATIVE] == [250, None]  # weeks 21 and 22
    assert rows[texts.CYCLE_SHEET_TARGET] == [700000, None]


def test_the_scheduler_sends_each_cycles_digest_at_its_deadline(team, cdeps, store):
    _report(store, W + "23", "trung_ha", {"muc2": 70, "huong_dan": 7}, at(2023, 6, 8, 8))
    digests = [i for i in plan(cdeps, at(2023, 6, 9, 9, 0)) if i["kind"] == "digest"]
    assert {i["payload"]["period"] for i in digests} == {"2023-05", W + "21", W + "22", W + "23"}  # 14 days late
    digests = [i for i in digests if i["payload"]["period"] == W + "23"]
    assert len(digests) == 1
    replies = asyncio.run(render(cdeps, {**digests[0], "payload": digests[0]["payload"]}, at(2023, 6, 9, 9, 0)))
    assert "tuần 23/2023 (chiến dịch Công dân số)" in replies[0].text and "đạt 70/700.000" in replies[0].text
    assert "còn 21 ngày" in replies[0].text and "Chưa báo cáo: Thôn Trung Thượng" in replies[0].text


# -- data confirmed before cycles existed ---------------------------------------------------------------------------
def test_reports_confirmed_before_the_change_read_the_same_after(tmp_path, config):
    """A database written by the single-cycle bot (schema as it was) is opened with a config that gains a
    campaign: the monthly figures, lock and digest are exactly as before, and the campaign starts empty."""
    old = Store.open(tmp_path)
    assert old.add_person("Nguyễn Văn An", "member", "trung_thuong") == 1
    old.save_report("2026-11", "trung_thuong", {"cccd": 12, "muc2": 30}, 1, at(2026, 12, 2).isoformat())
    old.save_report("2026-10", "trung_ha", {"cccd": 7}, 1, at(2026, 11, 5).isoformat())
    old.lock("2026-10", 1, at(2026, 11, 20).isoformat())
    before = period_summary(config, old, "2026-11", now=at(2026, 12, 3))
    tables = set(old.db.table_names())
    old.close()
    new_config = with_cycles({**CAMPAIGN, "start": "2026-11-01", "end": "2026-12-31", "cumulative_by": None})
    reopened = Store.open(tmp_path)
    assert set(reopened.db.table_names()) == tables
    after = period_summary(new_config, reopened, "2026-11", now=at(2026, 12, 3))
    assert after == before
    assert reopened.report("2026-11", "trung_thuong")["values"] == {"cccd": 12, "muc2": 30}
    assert reopened.locked("2026-10") and not reopened.locked("cong_dan_so:2026-W44")
    assert reopened.reports("cong_dan_so:2026-W48") == {}
    reopened.close()


# -- a province: communes and departments report weekly in the campaign --------------------------------------------
@pytest.fixture
def province(store, kb, matcher, clock, tmp_path):
    """Seed 003's shape: the province's communes and departments report the campaign weekly (their own figures),
    while the villages keep their monthly report; users p (province), c (An Dũng), d (Đức Thọ's deputy), s (the
    department), m1 (a village member)."""
    from tests.test_province import PROVINCE, roster_joined

    clock.now = at(2023, 5, 25)
    campaign = {**CAMPAIGN, "units": [], "kinds": ["commune", "department"], "indicators": CAMPAIGN["indicators"]}
    config = Config.model_validate({**PROVINCE, "cycles": [campaign]})
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    reporting_start(config, store, at(2023, 5, 9))
    bot = roster_joined(deps, store, tmp_path)
    bot.deps = deps
    return bot


def test_a_commune_reports_the_campaign_for_itself_and_the_province_sees_the_units(province, store):
    asked = province.say("báo cáo tuần", user="c")
    assert asked[-1].text.startswith("1/2. Tài khoản định danh điện tử mức 2"), text(asked)
    province.say("mức 2 900, hướng dẫn 300", user="c")
    assert "Xã An Dũng" in text(province.press("r:ok", user="c"))
    assert store.report(W + "21", "an_dung")["values"] == {"muc2": 900, "huong_dan": 300}
    assert province.say("báo cáo", user="m1")[-1].text.startswith("1/2. Hồ sơ cấp thẻ căn cước")  # monthly only
    digest = text(province.say("/tonghop tuan", user="p"))
    assert "Đã báo cáo: 1/4 đơn vị" in digest and "đạt 900/700.000" in digest
    assert "Chưa báo cáo: Xã Đức Thọ, Phường Thành Sen, Sở Tư pháp" in digest


def test_a_province_campaign_reminds_the_units_people_not_the_villages(province):
    reminded = _reminded(province.deps, at(2023, 5, 25, 8, 0))
    assert reminded[W + "21"] == {"an_dung", "duc_tho", "so_tu_phap"}  # Thành Sen has nobody of its own
    leaders_told = {i["chat_id"] for i in plan(province.deps, at(2023, 5, 26, 9, 0))
                    if i["kind"] == "digest" and i["period"] == W + "21"}
    assert leaders_told == {"p"}


@pytest.mark.parametrize("end, owed", [("2023-07-02", False), ("2023-07-03", True)])
def test_the_week_after_the_end_is_not_owed_the_week_the_end_falls_in_is(store, kb, matcher, clock, end, owed):
    config = with_cycles({**CAMPAIGN, "end": end, "cumulative_by": None})
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    reporting_start(config, store, at(2023, 5, 9))
    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("CM1", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    TestBot(Core(deps)).say("/join CM1", user="m1")
    reminded = _reminded(deps, at(2023, 7, 6, 8, 0))  # a day before week 27 (03/07-09/07) is due
    assert (W + "27" in reminded) is owed


def test_a_correction_names_the_cycle(team, store):
    team.say("/baocao tuan", user="m1")
    team.say("mức 2 80, hướng dẫn 20", user="m1")
    team.press("r:ok", user="m1")
    summary = team.say("sửa báo cáo tuần", user="m1")
    assert "tuần 21/2023 (chiến dịch Công dân số)" in summary[0].text and "r:ok" in payloads(summary)
    team.press("r:edit", user="m1")
    team.press("r:e:0", user="m1")
    team.say("85", user="m1")
    team.press("r:ok", user="m1")
    assert store.report(W + "21", "trung_thuong")["values"] == {"muc2": 85, "huong_dan": 20}
    assert team.say("sửa báo cáo tháng", user="m1")[0].text.startswith("Thôn Trung Thượng chưa")


def test_a_report_due_once_is_reminded_before_its_date_and_asked_beside_the_month(store, kb, matcher, clock):
    config = with_cycles({"key": "tong_ket", "name": "báo cáo tổng kết chiến dịch", "cycle": "once",
                          "due": "2023-06-30", "deadline_time": "17:00", "words": ["tổng kết"],
                          "indicators": [{"key": "tong", "label": "Tổng số tài khoản đã thu nhận",
                                          "aliases": ["tổng"]}]})
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    reporting_start(config, store, at(2023, 5, 9))
    clock.now = at(2023, 6, 27)
    bot = TestBot(Core(deps))
    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("CM1", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    bot.say("/join CM1", user="m1")
    assert _reminded(deps, at(2023, 6, 27, 8, 0))["tong_ket:2023-06-30"] == {"trung_thuong"}  # three days before
    asked = bot.say("báo cáo", user="m1")
    assert payloads(asked) == ["r:start:2023-05", "r:start:tong_ket:2023-06-30"]  # May is late
    assert "kỳ báo cáo ngày 30/6/2023 (hạn 17:00 30/06/2023)" in asked[0].text
    bot.say("hủy", user="m1")
    bot.say("báo cáo tổng kết", user="m1")
    bot.say("12345", user="m1")
    assert "kỳ báo cáo ngày 30/6/2023" in bot.press("r:ok", user="m1")[0].text
    assert store.report("tong_ket:2023-06-30", "trung_thuong")["values"] == {"tong": 12345}
    assert "tong_ket:2023-06-30" not in _reminded(deps, at(2023, 6, 29, 8, 0))


def test_the_province_workbook_gets_a_sheet_for_the_campaign(province, store):
    province.say("báo cáo tuần", user="c")
    province.say("mức 2 900, hướng dẫn 300", user="c")
    province.press("r:ok", user="c")
    files = [r for r in province.say("/xuat", user="p") if r.file]
    assert len(files) == 1
    wb = openpyxl.load_workbook(io.BytesIO(files[0].file))
    assert wb.sheetnames[0] == "Tổng hợp" and wb.sheetnames[-1] == "Tuần 21-2023 cong_dan_so"
    week = wb["Tuần 21-2023 cong_dan_so"]
    assert week["B4"].value == "Đơn vị" and week["A3"].value.startswith("Đã báo cáo: 1/4 đơn vị")
    assert [[week.cell(r, c).value for c in range(2, 5)] for r in range(5, 9)] == [
        ["Xã An Dũng", 900, 300], ["Xã Đức Thọ", None, None], ["Phường Thành Sen", None, None],
        ["Sở Tư pháp", None, None]]
    rows = {week.cell(r, 2).value: week.cell(r, 3).value for r in range(9, 15)}
    assert rows["Tổng cộng"] == 900 and rows["Chỉ tiêu"] == 600 and rows[texts.CYCLE_SHEET_CUMULATIVE] == 900


def test_help_lists_the_reports_the_members_unit_owes(team):
    helped = team.say("/help", user="m1")[0].text
    assert "• Báo cáo tháng: gõ «báo cáo tháng», hoặc gửi một tin «cccd 12, mức 2 30, kích hoạt 25, dvc 5»" in helped
    assert "• Chiến dịch Công dân số: gõ «báo cáo chiến dịch», hoặc gửi một tin «mức 2 12, hướng dẫn 30»" in helped
    assert "Chiến dịch Công dân số" not in team.say("/help", user="m3")[0].text


def test_two_weekly_cycles_the_word_tuan_asks_which(store, kb, matcher, clock):
    second = {**CAMPAIGN, "key": "lam_sach", "name": "chiến dịch làm sạch dữ liệu", "words": ["làm sạch"],
              "cumulative": {}, "indicators": [{"key": "sua", "label": "Hồ sơ đã chỉnh sửa", "aliases": ["sửa"]}]}
    config = with_cycles(CAMPAIGN, second)
    deps = Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)
    clock.now = at(2023, 5, 25)
    reporting_start(config, store, at(2023, 5, 9))
    bot = TestBot(Core(deps))
    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("CM1", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    bot.say("/join CM1", user="m1")
    assert payloads(bot.say("báo cáo tuần", user="m1")) == [f"r:start:{W}21", "r:start:lam_sach:2023-W21"]
    assert bot.say("báo cáo làm sạch", user="m1")[-1].text.startswith("1/1. Hồ sơ đã chỉnh sửa")


def test_a_leader_names_a_week_of_the_campaign(team, store, clock):
    clock.now = at(2023, 6, 3)
    _report(store, W + "21", "trung_ha", {"muc2": 100, "huong_dan": 10}, at(2023, 5, 26, 8))
    digest = text(team.say("tổng hợp tuần 21", user="l1"))
    assert "Tổng hợp số liệu tuần 21/2023 (chiến dịch Công dân số)" in digest and "Đã báo cáo: 1/2 thôn" in digest
    assert "tháng" not in digest.split("\n")[0]


def test_the_campaign_escalation_names_its_villages_and_its_nudge_reminds_them(team, cdeps, store, clock):
    _report(store, W + "21", "trung_ha", {"muc2": 100, "huong_dan": 10}, at(2023, 5, 26, 8))
    moment = at(2023, 5, 27, 9, 0)  # escalate_days (1) after Friday's deadline, at escalate_time
    escalations = [i for i in plan(cdeps, moment) if i["kind"] == "escalate"]
    assert [i["period"] for i in escalations] == [W + "21"]
    assert "Thôn Trung Thượng" in escalations[0]["text"] and "Đông Thịnh" not in escalations[0]["text"]
    assert escalations[0]["payload"]["buttons"] == [[texts.BUTTON_NUDGE, f"n:{W}21"]]
    clock.now = moment
    team.press(f"n:{W}21", user="l1")
    nudged = store.outbox(kind="nudge")
    assert {(n["chat_id"], n["period"]) for n in nudged} == {("m1", W + "21")}
