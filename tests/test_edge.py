"""The edge of the bot: bad HTTP requests on every endpoint, clients that hang up or trickle, broken encodings."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket

import httpx
import pytest

from bot import http as bot_http
from bot import texts
from bot.channels.telegram import TelegramChannel, build_bot
from bot.channels.web import WebChannel
from bot.channels.zalo_bot import ZaloBotChannel, ZaloBotClient
from bot.channels.zalo_oa import ZaloOAChannel, ZaloOAClient
from bot.config import Web, ZaloOA
from bot.core import Core
from bot.http import web_app
from bot.messages import Incoming

SECRETS = {"/telegram": {"X-Telegram-Bot-Api-Secret-Token": "tg-secret"},
           "/zalo/bot": {"X-Bot-Api-Secret-Token": "zalo-secret"}, "/zalo/oa": {}, "/chat/api": {}}
BAD_BODIES = [b"[" * 50_000, b"[]", b'"x"', b"null", b"{", b"\xff\xfe", b'{"a":' * 10_000]
BAD_UPDATES = [b"{}", b'{"update_id": "x"}', b'{"update_id": true}', b'{"update_id": 5, "message": {}}',
               b'{"update_id": 6, "message": {"message_id": 1, "text": "x"}}']


@pytest.fixture
def app(deps):
    core = Core(deps)
    channels = [
        TelegramChannel(core, build_bot("123:abc", "http://127.0.0.1:9/bot"), "https://x.example/telegram",
                        "tg-secret"),
        ZaloBotChannel(core, ZaloBotClient("t", "http://127.0.0.1:9"), "zalo-secret", "https://x.example/zalo/bot"),
        ZaloOAChannel(core, ZaloOAClient(deps.store, "app", "key", "a", "r", "http://127.0.0.1:9",
                                         "http://127.0.0.1:9"), ZaloOA(verify_signature=False)),
        WebChannel(core, Web(enabled=True)),
    ]
    return web_app([route for channel in channels for route in channel.routes()])


@pytest.mark.parametrize("body", BAD_BODIES, ids=lambda b: b[:12].decode("utf-8", "replace"))
async def test_bad_json_gets_400_and_one_short_line_on_every_endpoint(app, store, body, caplog):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as client:
        for path, headers in SECRETS.items():
            caplog.clear()
            with caplog.at_level(logging.WARNING):
                response = await client.post(path, content=body, headers={**headers,
                                                                           "Content-Type": "application/json"})
            assert response.status_code == 400, path
            lines = [r for r in caplog.records if r.name == "bot.http"]
            assert len(lines) == 1 and lines[0].exc_info is None and len(lines[0].getMessage()) < 120, path
    assert store.questions() == [] and store.db.execute("select count(*) from seen").fetchone()[0] == 0


@pytest.mark.parametrize("body", BAD_UPDATES)
async def test_telegram_updates_of_the_wrong_shape_get_400(app, store, body, caplog):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as client:
        with caplog.at_level(logging.WARNING):
            response = await client.post("/telegram", content=body, headers=SECRETS["/telegram"])
    assert response.status_code == 400
    assert not any(r.exc_info for r in caplog.records)
    assert store.db.execute("select count(*) from seen").fetchone()[0] == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def server(app):
    port = _free_port()
    stop = asyncio.Event()
    task = asyncio.create_task(bot_http.serve(app, "127.0.0.1", port, stop))
    for _ in range(500):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            break
        except OSError:
            await asyncio.sleep(0.01)
    yield port
    stop.set()
    await task


async def _raw(port: int, head: bytes, body_part: bytes, hang_up: bool) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head + body_part)
    await writer.drain()
    if hang_up:
        writer.close()
        return b""
    answer = await asyncio.wait_for(reader.read(200), 5)
    writer.close()
    return answer


async def test_a_client_hanging_up_mid_body_leaves_one_line_and_no_traceback(server, caplog):
    head = b"POST /zalo/oa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
    with caplog.at_level(logging.INFO):
        for n in range(1, 6):
            await _raw(server, head, b'{"event_name": "us', hang_up=True)
            for _ in range(20):  # until the server has logged this hang-up's line, for at most 0.2 s
                if len([r for r in caplog.records if r.levelno >= logging.WARNING]) >= n:
                    break
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)
    assert not any(r.exc_info for r in caplog.records)
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) <= 5


async def test_a_slow_body_times_out(server, monkeypatch):
    monkeypatch.setattr(bot_http, "BODY_TIMEOUT", 0.3)
    head = b"POST /chat/api HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
    answer = await _raw(server, head, b"{", hang_up=False)  # the rest never comes
    assert answer.startswith(b"HTTP/1.1 408")


async def test_healthz_answers_while_the_core_waits_on_a_locked_database(server, store):
    import sqlite3
    import time

    holder = sqlite3.connect(store.db.conn.execute("pragma database_list").fetchone()[2], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server}") as client:
            # a write that must wait (a question would be answered at once: its log waits in memory instead)
            question = asyncio.create_task(client.post("/chat/api", json={"session": "s" * 20, "payload": "x:ok"},
                                                       timeout=30))
            await asyncio.sleep(0.3)  # the deletion now waits for the lock in a worker thread
            start = time.monotonic()
            assert (await client.get("/healthz")).status_code == 200
            assert time.monotonic() - start < 0.5
            assert not question.done()
            holder.execute("COMMIT")
            reply = await question
    finally:
        holder.close()
    assert reply.status_code == 200 and texts.ERROR not in reply.text and "Đã xóa" in reply.text


async def test_web_chat_refuses_what_is_not_json_so_other_sites_cannot_post_forms(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as client:
        for content_type in ("text/plain", "application/x-www-form-urlencoded", ""):
            response = await client.post("/chat/api", content='{"session": "abcdefghijklmnop", "text": "hotline"}',
                                         headers={"Content-Type": content_type, "Origin": "https://evil.example"})
            assert response.status_code == 415 and "access-control-allow-origin" not in response.headers


# -- encodings --------------------------------------------------------------------------------------------------
def test_lone_surrogates_are_cleaned_when_a_message_comes_in():
    msg = Incoming(channel="t", user_id="u\udc80", chat_id="c", text="hotline \ud800", display_name="A\udfff")
    for value in (msg.user_id, msg.text, msg.display_name):
        value.encode("utf-8")  # would raise on a lone surrogate
    assert msg.text == "hotline \ufffd"
    assert Incoming(channel="t", user_id="u", chat_id="c", text="\ud83d\ude00 hi").text == "😀 hi"


async def test_a_lone_surrogate_in_web_chat_text_is_answered_normally(app):
    body = '{"session": "abcdefghijklmnop", "text": "hotline \\ud800"}'
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as client:
        response = await client.post("/chat/api", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    text = response.json()["replies"][0]["text"]
    assert "1800 1096" in text and texts.ERROR not in text


def test_ask_decodes_invalid_utf8_on_stdin_with_replacement(cli):
    result = cli("ask", "--json", stdin=b"hotline \xff\xfe\xc3\n" + "quen mat khau vneid\nmột\u2028hai\n".encode())
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # U+2028 stays escaped
    assert [line["topic"] for line in lines][:2] == ["hotline", "vneid_quen_mat_khau"] and len(lines) == 3
    assert lines[0]["question"] == "hotline \ufffd\ufffd\ufffd"


# -- blocking work off the event loop ---------------------------------------------------------------------------
def test_charts_render_in_a_worker_process_when_enabled():
    from bot import offload

    offload.enable()
    try:
        assert offload.run(os.getpid) != os.getpid()  # another process
        assert offload.run(sorted, [3, 1, 2]) == [1, 2, 3]
    finally:
        offload.shutdown()
    assert offload.run(os.getpid) == os.getpid()  # not enabled: right here


def test_the_renderer_yields_the_cpu_and_frees_each_jobs_cycles():
    import gc

    from bot import offload
    from tests.offload_jobs import leave_a_cycle

    offload.enable()
    try:
        assert offload.run(os.nice, 0) == min(os.nice(0) + offload.WORKER_NICENESS, 19)
        offload.run(leave_a_cycle)
        assert offload.run(gc.collect) == 0  # nothing left for it: the job's cycle was freed when it ended
    finally:
        offload.shutdown()


def test_the_renderer_process_starts_at_the_first_chart_when_its_warm_up_is_deferred():
    import multiprocessing

    from bot import offload

    before = set(multiprocessing.active_children())
    offload.enable(warm=os.getpid, warm_after=3600)  # as `run` does: no process until the warm-up time
    try:
        # only children this test starts count: one an earlier test left may end meanwhile (xdist runs files in turn)
        assert not set(multiprocessing.active_children()) - before
        assert offload.run(os.getpid) != os.getpid()  # the first chart starts it
        assert len(set(multiprocessing.active_children()) - before) == 1
        assert offload.run(os.getpid) == offload.run(os.getpid)  # the same process from then on
    finally:
        offload.shutdown()
    assert offload.run(os.getpid) == os.getpid()
