"""Zalo Bot Platform and Zalo OA through the same core, against fake servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import time

import httpx
import pytest
from starlette.applications import Starlette

from bot.channels.zalo_bot import BOT_CHANNEL, ZaloBotChannel, ZaloBotClient
from bot.channels.zalo_oa import OA_CHANNEL, ZaloOAChannel, ZaloOAClient, oa_signature
from bot.config import ZaloOA
from bot.core import Core
from bot.messages import Outgoing, Unreachable
from bot.storage import Store
from nlu.normalize import fold
from scheduler.outbox import deliver
from tests.fakes.clock import SimClock
from tests.fakes.zalo_servers import FakeZaloBot, FakeZaloOA

SECRET = "zalo-webhook-secret"


def bot_event(message_id: str, user: str, text: str | None = None, event: str = "message.text.received") -> dict:
    message = {"message_id": message_id, "date": int(time.time() * 1000),
               "from": {"id": user, "display_name": f"Dân {user}", "is_bot": False},
               "chat": {"id": user, "chat_type": "PRIVATE"}}
    if text is not None:
        message["text"] = text
    return {"event_name": event, "message": message}


@pytest.fixture
async def zalo_bot(deps):
    with FakeZaloBot() as server:
        client = ZaloBotClient(server.token, server.base_url)
        channel = ZaloBotChannel(Core(deps), client, SECRET, "https://bot.example/zalo/bot")
        app = Starlette(routes=channel.routes())
        web = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test")
        yield server, channel, web
        await web.aclose()
        await client.close()


async def post_bot(web, payload, secret=SECRET):
    return await web.post("/zalo/bot", json=payload, headers={"X-Bot-Api-Secret-Token": secret} if secret else {})


async def test_polling_answers_a_citizen_and_a_numbered_choice(zalo_bot):
    server, channel, _ = zalo_bot
    stop = asyncio.Event()
    task = asyncio.create_task(channel.poll(stop, timeout=1))
    server.push({"ok": True, "result": bot_event("p1", "u1", "dang ky tam tru online")})
    for _ in range(200):
        if server.sent_to("u1"):
            break
        await asyncio.sleep(0.02)
    answer = server.sent_to("u1")[0]
    assert "tam tru" in fold(answer) and "Gõ số để chọn:\n1. " in answer
    first_choice = answer.split("Gõ số để chọn:\n1. ")[1].splitlines()[0]
    server.push(bot_event("p2", "u1", "1"))
    for _ in range(200):
        if len(server.sent_to("u1")) > 1:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert first_choice in channel.core.deps.kb.entries[_topic_of(channel, first_choice)].title
    assert server.sent_to("u1")[1].startswith(channel.core.deps.kb.entries[_topic_of(channel, first_choice)]
                                              .answer[:30])


async def test_polling_drains_updates_left_in_the_inbox_by_a_crash(zalo_bot, store):
    server, channel, _ = zalo_bot
    store.inbox_put(BOT_CHANNEL, json.dumps(bot_event("crash1", "u8", "hotline")))  # fetched, then the bot died
    stop = asyncio.Event()
    task = asyncio.create_task(channel.poll(stop, timeout=1))
    for _ in range(200):
        if server.sent_to("u8"):
            break
        await asyncio.sleep(0.02)
    server.push(bot_event("p9", "u8", "menu"))  # new updates go through the inbox too, and leave it
    for _ in range(200):
        if len(server.sent_to("u8")) > 1:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert "1800 1096" in server.sent_to("u8")[0] and len(server.sent_to("u8")) == 2
    assert store.inbox(BOT_CHANNEL) == []


def _topic_of(channel, title):
    return next(i for i, e in channel.core.deps.kb.entries.items() if e.title == title)


async def test_webhook_secret_wrapped_bare_and_duplicates(zalo_bot):
    server, _, web = zalo_bot
    assert (await post_bot(web, bot_event("w1", "u2", "hotline"), secret="wrong")).status_code == 403
    assert (await post_bot(web, bot_event("w1", "u2", "hotline"), secret=None)).status_code == 403
    assert server.sent_to("u2") == []
    assert (await post_bot(web, {"ok": True, "result": bot_event("w1", "u2", "hotline")})).status_code == 200
    assert "1800 1096" in server.sent_to("u2")[0]
    assert (await post_bot(web, bot_event("w2", "u2", "menu"))).status_code == 200  # bare payload
    assert len(server.sent_to("u2")) == 2
    await post_bot(web, bot_event("w2", "u2", "menu"))  # the same message_id again
    assert len(server.sent_to("u2")) == 2


async def test_sticker_image_and_unsupported_get_the_polite_reply(zalo_bot):
    server, _, web = zalo_bot
    for n, event in enumerate(["message.sticker.received", "message.image.received",
                               "message.unsupported.received"]):
        await post_bot(web, bot_event(f"s{n}", "u3", None, event))
    assert len(server.sent_to("u3")) == 3 and all("tin nhắn chữ" in t for t in server.sent_to("u3"))


async def test_long_answers_are_split_under_2000(zalo_bot):
    server, channel, _ = zalo_bot
    text = "\n".join(f"Dòng {i}: " + "nội dung dài " * 8 for i in range(50))
    assert len(text) > 5000
    await channel.send("u4", [Outgoing(text)])
    pieces = server.sent_to("u4")
    assert len(pieces) >= 3 and all(len(p) <= 2000 for p in pieces)
    assert " ".join(pieces).split() == text.split()


async def test_member_reports_in_one_message_and_confirms_by_number(zalo_bot, store):
    server, _, web = zalo_bot
    pid = store.add_person("Trần Thị Bình", "member", "trung_ha")
    store.create_invite("ZALOCODE", "trung_ha", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    await post_bot(web, bot_event("r1", "u5", "/join ZALOCODE"))
    await post_bot(web, bot_event("r2", "u5", "cccd 12, mức 2 30, kích hoạt 25, dvc 1.200"))
    summary = server.sent_to("u5")[-1]
    assert "1. ✅ Xác nhận" in summary
    await post_bot(web, bot_event("r3", "u5", "1"))
    assert server.sent_to("u5")[-1].startswith("Đã lưu báo cáo tháng 11/2026 của Thôn Trung Hạ")
    assert store.report("2026-11", "trung_ha")["values"] == {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 1200}


# -- Zalo OA --------------------------------------------------------------------------------------------------
def oa_event(msg_id: str, user: str, text: str | None = "hotline", event: str = "user_send_text") -> dict:
    message = {"msg_id": msg_id}
    if text is not None:
        message["text"] = text
    return {"app_id": FakeZaloOA.APP_ID, "event_name": event, "timestamp": str(int(time.time() * 1000)),
            "sender": {"id": user}, "recipient": {"id": "oa-1"}, "message": message}


def signed(event: dict, secret: str = FakeZaloOA.SECRET_KEY) -> tuple[bytes, dict]:
    body = json.dumps(event, ensure_ascii=False).encode()
    mac = oa_signature(FakeZaloOA.APP_ID, body, event["timestamp"], secret)
    return body, {"X-ZEvent-Signature": f"mac={mac}", "Content-Type": "application/json"}


def oa_channel(deps, server, store, verify=True, path="/zalo/oa"):
    client = ZaloOAClient(store, FakeZaloOA.APP_ID, FakeZaloOA.SECRET_KEY, server.access_token,
                          server.refresh_token, server.base_url, server.base_url)
    return ZaloOAChannel(Core(deps), client, ZaloOA(verify_signature=verify, path=path)), client


@pytest.fixture
async def zalo_oa(deps, store):
    with FakeZaloOA() as server:
        channel, client = oa_channel(deps, server, store)
        app = Starlette(routes=channel.routes())
        web = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://oa.test")
        yield server, channel, web
        await web.aclose()
        await client.close()


async def test_oa_signed_text_is_answered_and_bad_signature_refused(zalo_oa, caplog):
    server, _, web = zalo_oa
    body, headers = signed(oa_event("o1", "z1", "quen mat khau vneid"))
    assert (await web.post("/zalo/oa", content=body, headers=headers)).status_code == 200
    assert "Quên mật khẩu" in server.sent_to("z1")[0]
    body, headers = signed(oa_event("o2", "z1", "hotline"), secret="not-the-secret")
    with caplog.at_level(logging.WARNING):
        assert (await web.post("/zalo/oa", content=body, headers=headers)).status_code == 403
    assert "signature mismatch" in caplog.text and "app-123" in caplog.text
    assert len(server.sent_to("z1")) == 1
    body, headers = signed(oa_event("o1", "z1", "quen mat khau vneid"))
    await web.post("/zalo/oa", content=body, headers=headers)  # duplicate msg_id
    assert len(server.sent_to("z1")) == 1


async def test_oa_signature_check_can_be_switched_off(deps, store):
    with FakeZaloOA() as server:
        channel, client = oa_channel(deps, server, store, verify=False, path="/oa")
        web = httpx.AsyncClient(transport=httpx.ASGITransport(app=Starlette(routes=channel.routes())),
                                base_url="http://oa.test")
        body, headers = signed(oa_event("o3", "z2"), secret="wrong")
        assert (await web.post("/oa", content=body, headers=headers)).status_code == 200
        assert "1800 1096" in server.sent_to("z2")[0]
        await web.aclose()
        await client.close()


async def test_oa_non_text_events_get_the_polite_reply(zalo_oa):
    server, _, web = zalo_oa
    body, headers = signed(oa_event("o4", "z3", None, "user_send_image"))
    await web.post("/zalo/oa", content=body, headers=headers)
    assert "tin nhắn chữ" in server.sent_to("z3")[0]


async def test_expired_token_is_refreshed_and_the_rotated_pair_survives_a_restart(zalo_oa, deps, tmp_path):
    server, _, web = zalo_oa
    server.expire_access_token()
    body, headers = signed(oa_event("o5", "z4"))
    await web.post("/zalo/oa", content=body, headers=headers)
    assert "1800 1096" in server.sent_to("z4")[0] and server.rotations == 1
    deps.store.close()
    restarted = Store.open(tmp_path)  # a new process: the env still holds the first, used-up refresh token
    assert restarted.secret("zalo_oa_refresh_token") == server.refresh_token == "refresh-2"
    client = ZaloOAClient(restarted, FakeZaloOA.APP_ID, FakeZaloOA.SECRET_KEY, "access-1", "refresh-1",
                          server.base_url, server.base_url)
    await client.send_text("z4", "Xin chào lần nữa")
    assert server.sent_to("z4")[-1] == "Xin chào lần nữa" and server.rotations == 1
    server.expire_access_token()
    await client.send_text("z4", "Lần ba")
    assert server.rotations == 2 and restarted.secret("zalo_oa_refresh_token") == "refresh-3"
    await client.close()


async def test_oa_proactive_messages_respect_the_reply_window_and_report_the_unreachable(zalo_oa, deps, store):
    server, channel, web = zalo_oa
    body, headers = signed(oa_event("o6", "z5"))
    await web.post("/zalo/oa", content=body, headers=headers)  # z5 wrote just now; z6 never did
    now = deps.now()
    store.enqueue([{"key": "notice:1", "channel": OA_CHANNEL, "chat_id": cid, "kind": "notice",
                    "text": "Thông báo thử"} for cid in ("z5", "z6")], now.isoformat())
    clock = SimClock(now)
    report = await deliver(deps, {OA_CHANNEL: channel.send}, clock, clock.sleep)
    assert report.sent == 1 and report.unreachable == 1
    assert server.sent_to("z5")[-1] == "Thông báo thử" and server.sent_to("z6") == []
    (failed,) = store.outbox(status="failed")
    assert failed["chat_id"] == "z6" and failed["error"].startswith("unreachable:")
    deps.clock = lambda: now + dt.timedelta(hours=49)
    with pytest.raises(Unreachable):
        await channel.send("z5", [Outgoing("quá hạn")])


async def test_zalo_bot_channel_is_registered_for_the_outbox(zalo_bot, deps, store):
    server, channel, _ = zalo_bot
    store.enqueue([{"key": "n", "channel": BOT_CHANNEL, "chat_id": "u9", "kind": "notice", "text": "Nhắc việc"}],
                  deps.now().isoformat())
    clock = SimClock(deps.now())
    assert (await deliver(deps, {BOT_CHANNEL: channel.send}, clock, clock.sleep)).sent == 1
    assert server.sent_to("u9") == ["Nhắc việc"]


@pytest.mark.parametrize("extra, message", [
    ({"ZALO_OA_APP_ID": "a"}, "Zalo OA needs ZALO_OA_SECRET_KEY"),
    ({"ZALO_OA_APP_ID": "a", "ZALO_OA_SECRET_KEY": "s"}, "Zalo OA needs ZALO_OA_ACCESS_TOKEN"),
])
def test_run_refuses_a_misconfigured_zalo_in_one_line(cli, monkeypatch, extra, message):
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    result = cli("run")  # in this process: the settings are checked before anything starts
    assert result.returncode == 2 and result.stderr.strip().splitlines()[-1].startswith(f"Cannot start: {message}")
    assert "Traceback" not in result.stderr


# A real `python -m bot run` serving Zalo Bot by polling (and its clean stop on SIGTERM) is the restarted bot of
# tests/test_durability.py: one process start fewer (~2 s of CPU, and its renderer's warm-up).


async def test_oversized_webhook_bodies_are_refused(zalo_bot, zalo_oa):
    _, _, bot_web = zalo_bot
    _, _, oa_web = zalo_oa
    huge = b"{" + b" " * 1_100_000 + b"}"
    headers = {"X-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    assert (await bot_web.post("/zalo/bot", content=huge, headers=headers)).status_code == 413
    oa = await oa_web.post("/zalo/oa", content=huge, headers={"Content-Type": "application/json"})
    assert oa.status_code == 413
