"""Scoped broadcasts (issue #15, part 5): a commune's leaders reach their commune's subscribers only; the province's
leaders the whole province or the communes they choose, by buttons or by name; nobody else broadcasts.

The test province of tests/test_province.py (An Dũng, Đức Thọ, Thành Sen and Sở Tư pháp). Subscribers: x1, x2 of An
Dũng, y1 of Đức Thọ, z1 of Thành Sen, u1 whose commune is unknown.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from bot import texts
from bot.config import Config
from bot.core import Core
from bot.deps import Deps
from bot.team.audience import audience, reach
from bot.team.roles import Scope
from scheduler.outbox import render
from tests.conftest import TestBot
from tests.test_province import PROVINCE, text

SUBSCRIBERS = {"x1": "an_dung", "x2": "an_dung", "y1": "duc_tho", "z1": "thanh_sen", "u1": None}


@pytest.fixture
def bot(store, kb, matcher, clock):
    config = Config.model_validate(PROVINCE)
    now = clock().isoformat()
    for user, unit, role, village in [("p", "tinh", "leader", None), ("c", "an_dung", "leader", None),
                                      ("d", "duc_tho", "deputy", None), ("s", "so_tu_phap", "leader", None),
                                      ("v", None, "leader", "ad_1"), ("m", None, "member", "ad_1")]:
        pid = store.add_person(f"Người {user}", role, village, None, unit)
        store.create_invite(f"B{user}", village, role, "2099-01-01T00:00:00+07:00", person_id=pid, unit=unit)
        store.redeem_invite(f"B{user}", "test", user, f"Người {user}", now)
    for user, commune in SUBSCRIBERS.items():
        store.subscribe("telegram", user, user, now)
        if commune:
            store.set_citizen_commune("telegram", user, commune, now)
    return TestBot(Core(Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)))


def sent_to(store) -> set[str]:
    return {row["chat_id"] for row in store.outbox(kind="broadcast")}


def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


def last_broadcast(store) -> dict:
    return store.broadcast(max(row["broadcast_id"] for row in store.outbox(kind="broadcast")))


def test_a_commune_leader_reaches_their_communes_subscribers_only(bot, store, clock):
    preview = bot.say("/thongbao Họp dân lúc 19h tại nhà văn hóa thôn", user="c")
    assert "sẽ gửi tới 2 người đã đăng ký của Xã An Dũng" in text(preview)
    assert payloads(preview) == ["b:ok", "b:cancel"]  # no choice of communes
    assert "tới 2 người" in text(bot.press("b:ok", user="c"))
    assert sent_to(store) == {"x1", "x2"}
    assert json.loads(last_broadcast(store)["communes"]) == ["an_dung"]
    row = store.outbox(kind="broadcast")[0]
    delivered = asyncio.run(render(bot.core.deps, {**row, "payload": json.loads(row["payload"])}, clock()))
    assert delivered[0].text.startswith("📣 Thông báo của Xã An Dũng:\n\nHọp dân lúc 19h")


def test_a_commune_leader_cannot_reach_another_commune(bot, store):
    refused = text(bot.say("/thongbao Đức Thọ: mời bà con dự họp", user="c"))
    assert refused == texts.BROADCAST_OWN_COMMUNE.format(commune="Xã An Dũng")
    bot.say("/thongbao Họp dân lúc 19h tại nhà văn hóa thôn", user="c")
    for payload in ("b:pick:0", "b:t:duc_tho:0", "b:all"):  # buttons of a province officer, forged
        assert text(bot.press(payload, user="c")) == texts.STALE_BUTTON
    bot.press("b:ok", user="c")
    assert sent_to(store) == {"x1", "x2"}


def test_the_deputy_of_another_commune_reaches_theirs(bot, store):
    bot.say("/thongbao Lịch tiếp dân thay đổi", user="d")
    bot.press("b:ok", user="d")
    assert sent_to(store) == {"y1"}


def test_a_province_officer_reaches_the_whole_province_by_default(bot, store, clock):
    preview = bot.say("/thongbao Lịch cấp căn cước lưu động tuần này", user="p")
    assert "sẽ gửi tới 5 người đã đăng ký trong toàn tỉnh" in text(preview)
    assert payloads(preview) == ["b:ok", "b:pick:0", "b:cancel"]
    bot.press("b:ok", user="p")
    assert sent_to(store) == set(SUBSCRIBERS)  # including u1, whose commune is unknown
    assert last_broadcast(store)["communes"] is None
    row = store.outbox(kind="broadcast")[0]
    delivered = asyncio.run(render(bot.core.deps, {**row, "payload": json.loads(row["payload"])}, clock()))
    assert delivered[0].text.startswith("📣 Thông báo của Ban Chỉ đạo Đề án 06 tỉnh Thử:")


def test_a_province_officer_chooses_communes_with_buttons(bot, store):
    bot.say("/thongbao Lịch cấp căn cước lưu động tuần này", user="p")
    page = bot.press("b:pick:0", user="p")
    assert [b.label for b in page[0].buttons][:3] == ["Xã An Dũng", "Xã Đức Thọ", "Phường Thành Sen"]
    assert "b:t:so_tu_phap:0" not in payloads(page)  # a department has no citizens
    bot.press("b:t:duc_tho:0", user="p")
    ticked = bot.press("b:t:thanh_sen:0", user="p")
    assert [b.label for b in ticked[0].buttons][:3] == ["Xã An Dũng", "✅ Xã Đức Thọ", "✅ Phường Thành Sen"]
    assert "Đã chọn: Xã Đức Thọ, Phường Thành Sen — 2 người" in ticked[0].text
    untick = bot.press("b:t:thanh_sen:0", user="p")
    assert "Đã chọn: Xã Đức Thọ — 1 người" in untick[0].text
    assert "của Xã Đức Thọ" in text(bot.press("b:ok", user="p"))
    assert sent_to(store) == {"y1"}
    assert json.loads(last_broadcast(store)["communes"]) == ["duc_tho"]


def test_a_province_officer_names_communes_before_the_notice(bot, store):
    preview = bot.say("/thongbao An Dũng, phuong thanh sen: Mời dự hội nghị triển khai Đề án 06", user="p")
    assert "sẽ gửi tới 3 người đã đăng ký của Xã An Dũng, Phường Thành Sen" in text(preview)
    assert "Mời dự hội nghị triển khai Đề án 06" in text(preview) and "An Dũng, phuong" not in text(preview)
    bot.press("b:ok", user="p")
    assert sent_to(store) == {"x1", "x2", "z1"}


def test_words_before_a_colon_that_name_no_commune_are_the_notice(bot, store):
    preview = bot.say("/thongbao Thông báo khẩn: mất điện ngày mai", user="p")
    assert "trong toàn tỉnh" in text(preview) and "Thông báo khẩn: mất điện ngày mai" in text(preview)


def test_choosing_nothing_sends_nothing(bot, store):
    bot.say("/thongbao Lịch cấp căn cước lưu động tuần này", user="p")
    bot.press("b:pick:0", user="p")
    bot.press("b:t:an_dung:0", user="p")
    bot.press("b:t:an_dung:0", user="p")
    assert text(bot.press("b:ok", user="p")) == texts.BROADCAST_NONE_CHOSEN and sent_to(store) == set()
    assert "trong toàn tỉnh" in text(bot.press("b:all", user="p"))


@pytest.mark.parametrize("user", ["s", "v", "m"])
def test_departments_villages_and_members_do_not_broadcast(bot, store, user):
    assert text(bot.say("/thongbao Họp dân lúc 19h tại nhà văn hóa thôn", user=user)) == texts.LEADERS_ONLY
    assert text(bot.press("b:ok", user=user)) == texts.LEADERS_ONLY and sent_to(store) == set()


def test_a_citizen_cannot_broadcast(bot, store):
    assert text(bot.say("/thongbao Họp dân lúc 19h", user="x1")) == texts.TEAM_ONLY


def test_subscribers_without_a_commune_belong_to_the_only_commune_of_a_one_commune_tree(config, store, clock):
    store.subscribe("telegram", "a", "a", clock().isoformat())
    store.subscribe("telegram", "b", "b", clock().isoformat())
    store.set_citizen_commune("telegram", "b", "xa", clock().isoformat())
    assert [s["user_id"] for s in audience(config, store, ["xa"])] == ["a", "b"]
    leader = {"role": "leader", "village": None, "unit": None}
    assert reach(Scope.of(leader, config)) is None  # today's commune leaders reach everyone, as before
