"""Citizens in many communes (issue #15, part 5): a province of three communes (tests/data/communes.yaml).

A citizen's commune comes from the link they came by (Telegram ``/start xa_<key>`` through the fake Bot API, the
web chat page's ``?xa=<key>``, a commune's Zalo OA) or from «Bạn ở xã/phường nào?», asked once before a local
answer; the office details and the team answering «Hỏi cán bộ» are then that commune's. The one-commune
configuration asks nothing.
"""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.applications import Starlette

from bot import texts, tickets
from bot.channels.web import WebChannel
from bot.channels.zalo_oa import ZaloOAChannel, ZaloOAClient
from bot.config import Web, load_config
from bot.core import Core
from bot.deps import Deps
from bot.http import web_app
from bot.storage import DB_NAME
from scheduler.outbox import deliver
from tests.conftest import TEST_CONFIG, TESTS_DIR, TestBot
from tests.fakes.zalo_servers import FakeZaloOA
from tests.test_handoff import Inbox
from tests.test_telegram import buttons, polling, until  # noqa: F401  (polling is a fixture)
from tests.test_web import _bot_messages, in_chromium, served  # noqa: F401  (a fixture)
from tests.test_zalo import oa_event, signed

PROVINCE = TESTS_DIR / "data" / "communes.yaml"
AN_DUNG_POLICE = "Thôn Trung Hạ, xã An Dũng"  # the offices of each commune in communes.yaml
AN_DUNG_PHONE = "0239 3111 113"
AN_HOA_POLICE = "Xóm Chợ, xã An Hòa"
AN_HOA_PHONE = "0239 3222 113"
PROVINCE_HOTLINE = "0239 3855 211"
SESSION = "f0e1d2c3b4a5968778695a4b"


@pytest.fixture
def deps(store, kb, matcher, clock):
    """The province's dependencies (every fixture borrowed from other test modules uses these)."""
    return Deps(config=load_config(PROVINCE), store=store, kb=kb, matcher=matcher, clock=clock)


@pytest.fixture
def bot(deps):
    return TestBot(Core(deps), channel="telegram")


def asked(replies) -> bool:
    return any(r.text.endswith(texts.COMMUNE_ASK + texts.COMMUNE_ASK_BUTTONS) for r in replies)


def payloads(replies) -> list[str]:
    return [b.payload for r in replies for b in r.buttons]


# -- the question, asked once -------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["Xã An Dũng", "an dung", "xa an dungg", "tôi ở xã An Dũng ạ", "An Dủng"])
def test_the_commune_is_asked_once_before_a_local_answer(bot, store, typed):
    first = bot.say("công an xã ở đâu")
    assert asked(first) and AN_DUNG_POLICE not in first[0].text
    assert payloads(first) == ["mx:an_dung", "mx:an_hoa", "mx:thanh_sen"]
    assert store.citizen_commune("telegram", "u1") is None
    replies = bot.say(typed)
    assert replies[0].text == texts.COMMUNE_SET.format(commune="xã An Dũng")
    assert AN_DUNG_POLICE in replies[1].text  # the question asked before is answered now, for that commune
    assert store.citizen_commune("telegram", "u1") == "an_dung"
    again = bot.say("số điện thoại công an xã")
    assert not asked(again) and AN_DUNG_PHONE in again[0].text


def test_the_question_kept_until_the_commune_is_known_is_stored_redacted(bot, store, tmp_path):
    """The question waits in the session while «Bạn ở xã/phường nào?» is asked; like every citizen text it is
    written redacted, and it is still answered once the commune is known."""
    assert asked(bot.say("tôi sđt 0912 345 678, công an xã ở đâu"))
    assert AN_DUNG_POLICE in bot.say("xã An Dũng")[1].text
    store.close()
    blobs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DB_NAME))
    assert b"345 678" not in blobs and b"912345678" not in blobs


def test_an_answer_that_is_not_local_asks_nothing(bot, store):
    replies = bot.say("quên mật khẩu vneid")
    assert not asked(replies) and "Quên mật khẩu" in replies[0].text
    assert store.citizen_commune("telegram", "u1") is None


def test_a_question_naming_a_commune_is_answered_for_it(bot, store):
    replies = bot.say("số điện thoại công an xã An Hòa")
    assert not asked(replies) and AN_HOA_PHONE in replies[0].text
    assert store.citizen_commune("telegram", "u1") is None  # asked about, not where the citizen lives
    bot.say("/xa an dung")
    assert AN_HOA_POLICE in bot.say("công an xã An Hòa ở đâu")[0].text
    assert AN_DUNG_POLICE in bot.say("công an xã ở đâu")[0].text
    assert store.citizen_commune("telegram", "u1") == "an_dung"


def test_an_ambiguous_name_offers_the_choices(bot, store):
    bot.say("giờ làm việc của công an xã")
    choose = bot.say("an")
    assert choose[0].text == texts.COMMUNE_CHOOSE.format(text="an")
    assert payloads(choose) == ["mx:an_dung", "mx:an_hoa"]
    assert store.citizen_commune("telegram", "u1") is None
    replies = bot.press("mx:an_hoa")
    assert replies[0].text == texts.COMMUNE_SET.format(commune="xã An Hòa")
    assert store.citizen_commune("telegram", "u1") == "an_hoa"
    assert len(replies) == 2 and AN_HOA_POLICE in replies[1].text


def test_an_unknown_name_gets_a_clear_reply_and_the_province_hotline(bot, store):
    bot.say("trung tâm hành chính công ở đâu")
    unknown = bot.say("Hà Nội")
    assert "chưa tìm thấy xã/phường «Hà Nội» trong tỉnh Hà Tĩnh" in unknown[0].text
    assert PROVINCE_HOTLINE in unknown[0].text and "1900 0368" not in unknown[0].text
    assert store.citizen_commune("telegram", "u1") is None
    replies = bot.say("thanh sen")
    assert store.citizen_commune("telegram", "u1") == "thanh_sen"
    assert replies[1].text.startswith("Trung tâm phục vụ hành chính công phường Thành Sen")


def test_a_long_question_instead_of_the_name_is_answered_as_a_question(bot, store):
    bot.say("công an xã ở đâu")
    replies = bot.say("cho mình hỏi quên mật khẩu vneid thì lấy lại thế nào")
    assert "Quên mật khẩu" in replies[0].text and store.citizen_commune("telegram", "u1") is None
    assert asked(bot.say("công an xã ở đâu"))  # still unknown: asked again at the next local answer


def test_a_question_of_its_own_instead_of_the_name_is_answered(bot, store):
    bot.say("công an xã ở đâu")
    replies = bot.say("quên mật khẩu vneid")
    assert "Quên mật khẩu" in replies[0].text and not asked(replies)
    assert "chưa tìm thấy" not in replies[0].text


def test_subscribing_asks_the_commune_first(bot, store):
    assert asked(bot.say("/theodoi"))
    assert store.subscribers() == []
    replies = bot.press("mx:an_dung")
    assert replies[1].text == texts.SUBSCRIBED.format(commune="xã An Dũng")
    assert [(s["channel"], s["user_id"]) for s in store.subscribers()] == [("telegram", "u1")]
    assert store.citizen_commune("telegram", "u1") == "an_dung"


def test_a_topic_button_for_an_office_asks_first(bot, store):
    assert asked(bot.press("t:cong_an_xa"))
    replies = bot.press("mx:an_hoa")
    assert AN_HOA_POLICE in replies[1].text and AN_HOA_PHONE in replies[1].text


# -- seeing and changing it ---------------------------------------------------------------------------------------
def test_the_commune_is_shown_and_changed(bot, store):
    bot.say("/xa an dung")
    assert store.citizen_commune("telegram", "u1") == "an_dung"
    shown = bot.say("/xa")
    assert shown[0].text.startswith(texts.COMMUNE_CURRENT.format(commune="xã An Dũng"))
    assert "mx:an_hoa" in payloads(shown)
    changed = bot.say("đổi xã sang An Hòa")
    assert changed[0].text == texts.COMMUNE_SET.format(commune="xã An Hòa")
    assert AN_HOA_PHONE in bot.say("số điện thoại công an xã")[0].text
    assert bot.say("đổi xã")[0].text.startswith(texts.COMMUNE_CURRENT.format(commune="xã An Hòa"))
    assert bot.say("Phường Thành Sen")[0].text == texts.COMMUNE_SET.format(commune="phường Thành Sen")
    assert store.citizen_commune("telegram", "u1") == "thanh_sen"


def test_forget_me_deletes_the_commune(bot, store):
    bot.say("/xa an hoa")
    summary = bot.say("/xoadulieu")
    assert "xã An Hòa" in summary[0].text
    bot.press("x:ok")
    assert store.citizen_commune("telegram", "u1") is None
    assert store.personal_data("telegram", "u1")["commune"] is None


def test_the_purge_keeps_only_a_subscribers_commune(store):
    old = "2020-01-01T00:00:00+00:00"
    store.set_citizen_commune("telegram", "a", "an_dung", old)
    store.set_citizen_commune("telegram", "b", "an_hoa", old)
    store.subscribe("telegram", "b", "b", old)
    assert store.purge_before("2021-01-01T00:00:00+00:00")["citizen_communes"] == 1
    assert store.citizen_communes() == {("telegram", "b"): "an_hoa"}


# -- the links they came by ---------------------------------------------------------------------------------------
async def test_a_telegram_deep_link_sets_the_commune(polling, store):  # noqa: F811
    (registered,) = polling.called("setMyCommands")
    assert "xa" in [c["command"] for c in registered["commands"]]  # several communes: /xa in the menu
    polling.push_message(2001, "/start xa_an_hoa")
    assert await until(lambda: polling.sent_to(2001))
    greeting = polling.sent_to(2001)[0]
    assert texts.COMMUNE_FROM_LINK.format(commune="xã An Hòa") in greeting["text"]
    assert any(b["callback_data"].startswith("g:") for b in buttons(greeting))  # the menu, as for /start
    assert store.citizen_commune("telegram", "2001") == "an_hoa"
    polling.push_message(2001, "số điện thoại công an xã")
    assert await until(lambda: len(polling.sent_to(2001)) == 2)
    assert AN_HOA_PHONE in polling.sent_to(2001)[1]["text"]
    polling.push_message(2002, "/start xa_nowhere")  # an unknown key: the usual greeting, nothing stored
    assert await until(lambda: polling.sent_to(2002))
    assert "Trợ lý trả lời bạn theo" not in polling.sent_to(2002)[0]["text"]
    assert store.citizen_commune("telegram", "2002") is None


@pytest.fixture
def web(deps):
    channel = WebChannel(Core(deps), Web(enabled=True, rate_per_minute=20), clock=lambda: 0.0)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")


async def test_the_web_page_key_reaches_the_api_and_is_checked(web, store):
    page = await web.get("/chat", params={"xa": "an_hoa"})
    assert 'data-xa="an_hoa"' in page.text
    for bad in ("nowhere", "<script>", "an_thon_1"):  # unknown, not a key, a village
        assert 'data-xa=""' in (await web.get("/chat", params={"xa": bad})).text
    ok = await web.post("/chat/api", json={"session": SESSION, "text": "/start", "xa": "thanh_sen"})
    assert ok.status_code == 200 and store.citizen_commune("web", SESSION) == "thanh_sen"
    refused = await web.post("/chat/api", json={"session": "b" * 20, "text": "/start", "xa": "../x"})
    assert refused.status_code == 400 and store.citizen_commune("web", "b" * 20) is None
    ignored = await web.post("/chat/api", json={"session": "c" * 20, "text": "/start", "xa": "nowhere"})
    assert ignored.status_code == 200 and store.citizen_commune("web", "c" * 20) is None


@in_chromium
async def test_the_web_page_of_a_commune_in_headless_chromium(served, browser, store):  # noqa: F811
    _, url = served
    page = await browser.new_page(viewport={"width": 400, "height": 760})
    await page.goto(url + "?xa=an_dung")
    await _bot_messages(page).first.wait_for()
    await page.fill("#text", "số điện thoại công an xã")
    await page.press("#text", "Enter")
    await _bot_messages(page).nth(1).wait_for()
    assert AN_DUNG_PHONE in await _bot_messages(page).nth(1).inner_text()
    session = await page.evaluate("localStorage.getItem('troly06-session')")
    assert store.citizen_commune("web", session) == "an_dung"


async def test_a_communes_zalo_oa_sets_the_commune(deps, store):
    with FakeZaloOA() as server:
        client = ZaloOAClient(store, FakeZaloOA.APP_ID, FakeZaloOA.SECRET_KEY, server.access_token,
                              server.refresh_token, server.base_url, server.base_url)
        channel = ZaloOAChannel(Core(deps), client, deps.config.channels.zalo_oa)
        app = httpx.AsyncClient(transport=httpx.ASGITransport(app=Starlette(routes=channel.routes())),
                                base_url="http://oa.test")
        event = oa_event("m1", "z9", "số điện thoại công an xã") | {"recipient": {"id": "oa_an_hoa"}}
        body, headers = signed(event)
        assert (await app.post("/zalo/oa", content=body, headers=headers)).status_code == 200
        assert store.citizen_commune("zalo_oa", "z9") == "an_hoa"
        assert AN_HOA_PHONE in server.sent_to("z9")[0]
        await app.aclose()
        await client.close()


def test_an_oa_mapped_to_a_village_is_a_config_error(tmp_path):
    from bot.config import ConfigError

    bad = tmp_path / "c.yaml"
    bad.write_text(PROVINCE.read_text(encoding="utf-8").replace("oa_an_hoa\": an_hoa", "oa_an_hoa\": an_hoa_thon_1"),
                   encoding="utf-8")
    with pytest.raises(ConfigError, match="channels.zalo_oa.communes.oa_an_hoa"):
        load_config(bad)


# -- «Hỏi cán bộ»: the commune's own team ------------------------------------------------------------------------
@pytest.fixture
def officers(bot, store):
    """The leaders of An Dũng (o1), An Hòa (o2) and the province (o3), linked on Telegram."""
    ids = {}
    for user, name, unit in (("o1", "Lê Văn An", "an_dung"), ("o2", "Trần Thị Hòa", "an_hoa"),
                             ("o3", "Nguyễn Văn Tỉnh", None)):
        ids[user] = store.add_person(name, "leader", None, unit=unit)
        store.create_invite(f"CODE{user.upper()}", None, "leader", "2099-01-01T00:00:00+07:00",
                            person_id=ids[user], unit=unit)
        assert "đã tham gia" in bot.say(f"/join CODE{user.upper()}", user=user)[0].text
    return ids


def _ticket_via(bot, user: str) -> list:
    bot.say("cho tôi gặp cán bộ", user=user)
    bot.say("Tôi muốn hỏi về hồ sơ tạm trú của gia đình", user=user)
    return bot.press("mh:send", user=user)


async def test_a_ticket_goes_to_the_citizens_commune_team(bot, deps, store, officers):
    bot.say("/xa an hoa", user="c1")
    sent = _ticket_via(bot, "c1")
    assert "H-" in sent[0].text
    (ticket,) = store.open_tickets()
    assert ticket["commune"] == "an_hoa"
    inbox = Inbox()
    await deliver(deps, {"telegram": inbox}, deps.now, deps.clock.sleep)
    assert ticket["code"] in inbox.text("o2")
    assert inbox.text("o1") == "" and inbox.text("o3") == ""  # not the other commune, not the province
    other = bot.say(f"/traloi {ticket['code']} Anh mang sổ hộ khẩu đến nhé", user="o1")
    assert other[0].text == texts.TICKET_OTHER_COMMUNE.format(code=ticket["code"], commune="xã An Hòa")
    assert bot.say("/phieu", user="o1")[0].text == texts.TICKET_LIST_EMPTY
    assert ticket["code"] in bot.say("/phieu", user="o2")[0].text
    answered = bot.say(f"/traloi {ticket['code']} Anh mang thẻ căn cước đến Công an xã nhé", user="o2")
    assert answered[0].text == texts.TICKET_ANSWERED.format(code=ticket["code"])


async def test_handoff_asks_the_commune_and_a_commune_without_officers_goes_to_the_province(
        bot, deps, store, officers):
    first = bot.say("cho tôi gặp cán bộ", user="c2")
    assert asked(first)
    resumed = bot.press("mx:thanh_sen", user="c2")
    assert resumed[0].text == texts.COMMUNE_SET.format(commune="phường Thành Sen")
    assert resumed[1].text == texts.HANDOFF_ASK  # the hand-off goes on where it was
    bot.say("Tôi muốn hỏi về hồ sơ tạm trú của gia đình", user="c2")
    bot.press("mh:send", user="c2")
    (ticket,) = store.open_tickets()
    assert ticket["commune"] == "thanh_sen"
    inbox = Inbox()
    await deliver(deps, {"telegram": inbox}, deps.now, deps.clock.sleep)
    assert ticket["code"] in inbox.text("o3") and inbox.text("o1") == inbox.text("o2") == ""


async def test_a_ticket_closed_unanswered_gives_the_citizen_their_communes_contact(bot, deps, store, officers):
    bot.say("/xa an hoa", user="c4")
    _ticket_via(bot, "c4")
    (ticket,) = store.open_tickets()
    assert bot.press(f"h:c:{ticket['id']}", user="o2")[0].text == texts.TICKET_CLOSED.format(code=ticket["code"])
    inbox = Inbox()
    await deliver(deps, {"telegram": inbox}, deps.now, deps.clock.sleep)
    notice = inbox.text("c4")
    assert notice == texts.HANDOFF_CLOSED_BY_TEAM.format(
        code=ticket["code"], contact="Tổ công tác 06 xã An Hòa, điện thoại 0239 3222 111")
    assert "0239 3855 211" not in notice  # not the province's hotline (an officer's turn is not localised)


def test_an_unanswered_ticket_is_escalated_to_its_commune_and_the_province(bot, deps, store, clock, officers):
    bot.say("/xa an hoa", user="c3")
    _ticket_via(bot, "c3")
    clock.advance(days=1)  # Friday 10:00: more than 8 office hours later
    items = tickets.escalations(deps, deps.now())
    assert sorted(i["chat_id"] for i in items) == ["o2", "o3"]  # An Hòa's leader and the province's, not An Dũng's


# -- one commune: today's behaviour -------------------------------------------------------------------------------
def test_one_commune_asks_nothing(store, kb, matcher, clock):
    one = Deps(config=load_config(TEST_CONFIG), store=store, kb=kb, matcher=matcher, clock=clock)
    bot = TestBot(Core(one), channel="telegram")
    replies = bot.say("công an xã ở đâu")
    assert not asked(replies) and replies[0].text.startswith(one.config.offices.police.name)
    assert bot.say("/xa")[0].text == texts.COMMUNE_ONLY_ONE.format(commune=one.config.organisation.commune)
    assert texts.COMMUNE_FROM_LINK[:20] not in bot.say("/start xa_an_dung")[0].text
    assert "đổi xã" not in json.dumps([r.text for r in bot.say("số điện thoại công an xã")], ensure_ascii=False)
    assert store.citizen_communes() == {}
