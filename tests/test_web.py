"""Web chat: the JSON API in-process, and the page in a real headless Chromium against a loopback server."""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
import uvicorn

from bot.channels.web import SLOW_DOWN, WebChannel
from bot.config import Web
from bot.core import Core
from bot.http import web_app
from tests.conftest import chromium_path

SESSION = "a1b2c3d4e5f6a7b8c9d0"


@pytest.fixture
def web(deps):
    channel = WebChannel(Core(deps), Web(enabled=True, rate_per_minute=5), clock=lambda: 0.0)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")
    return client


async def test_page_is_vietnamese_and_names_the_commune(web, deps):
    page = await web.get("/chat")
    assert page.status_code == 200 and '<html lang="vi">' in page.text
    assert deps.config.organisation.name in page.text and "textContent" in page.text


async def test_question_and_button_through_the_api(web, kb):
    answer = (await web.post("/chat/api", json={"session": SESSION, "text": "dang ky tam tru online"})).json()
    first = answer["replies"][0]
    assert "tạm trú" in first["text"] and "Nguồn:" in first["text"]
    topic = next(b for b in first["buttons"] if b["payload"].startswith("t:"))
    shown = (await web.post("/chat/api", json={"session": SESSION, "payload": topic["payload"]})).json()
    assert shown["replies"][0]["text"].startswith(kb.entries[topic["payload"][2:]].answer[:30])


@pytest.mark.parametrize("body", [{"text": "hi"}, {"session": "short", "text": "hi"}, {"session": SESSION, "text": 5},
                                  {"session": SESSION, "payload": "x" * 65}, ["not", "an", "object"]])
async def test_bad_requests_are_refused_in_vietnamese(web, store, body):
    response = await web.post("/chat/api", json=body)
    assert response.status_code == 400 and "không hợp lệ" in response.json()["error"]
    assert store.questions() == []


async def test_a_session_is_slowed_down(web, store):
    for _ in range(5):
        assert (await web.post("/chat/api", json={"session": SESSION, "text": "hotline"})).status_code == 200
    refused = await web.post("/chat/api", json={"session": SESSION, "text": "hotline"})
    assert refused.status_code == 429 and refused.json()["error"] == SLOW_DOWN
    other = await web.post("/chat/api", json={"session": "z" * 20, "text": "hotline"})
    assert other.status_code == 200


@pytest_asyncio.fixture(loop_scope="session")
async def served(deps):
    """The web chat on a real uvicorn server on 127.0.0.1 (polling every 2 s); yields (channel, base URL).

    On the session's event loop, where the browser runs."""
    channel = WebChannel(Core(deps), Web(enabled=True, poll_seconds=2))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app(channel.routes()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield channel, f"http://127.0.0.1:{port}/chat"
    server.should_exit = True
    await task


def _bot_messages(page):
    return page.locator(".msg.bot")


def in_chromium(test):
    """A test on the session's Chromium (``browser``, tests/conftest.py), on its event loop: one browser per
    pytest-xdist worker, whichever test files it runs."""
    for mark in (pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed (.ci/run installs it)"),
                 pytest.mark.asyncio(loop_scope="session")):
        test = mark(test)
    return test


@in_chromium
async def test_the_page_in_headless_chromium(served, browser, tmp_path):
    _, url = served
    page = await browser.new_page(viewport={"width": 400, "height": 760})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await page.goto(url)
    await _bot_messages(page).first.wait_for()  # the greeting from /start
    await page.fill("#text", "quen mat khau vneid")
    await page.press("#text", "Enter")
    await _bot_messages(page).nth(1).wait_for()
    assert "Quên mật khẩu" in await _bot_messages(page).nth(1).inner_text()
    await page.fill("#text", "<b>*_[x](y)</b>")
    await page.press("#text", "Enter")
    await _bot_messages(page).nth(2).wait_for()
    assert await page.locator(".msg.me b").count() == 0  # typed markup stays text
    row = page.locator(".choices").last
    first = row.locator("button").first
    label = await first.inner_text()
    await first.click()
    await page.locator(".msg.me").nth(2).wait_for()
    assert await page.locator(".msg.me").last.inner_text() == label
    assert await first.is_disabled()  # a used choice cannot be pressed twice
    await _bot_messages(page).nth(3).wait_for()
    box = await row.locator("button").first.bounding_box()
    assert box["height"] >= 44  # tap target
    await page.screenshot(path=str(Path(tmp_path) / "web_chat.png"))
    assert [e for e in errors if "favicon" not in e and "404" not in e] == []  # nothing blocked by our own CSP
    await page.close()


@in_chromium
async def test_reload_keeps_the_conversation_and_an_officer_answer_arrives(served, browser, deps, store):
    from scheduler.outbox import deliver
    from tests.test_handoff import Bot

    channel, url = served
    officer = Bot(Core(deps), channel="telegram")
    pid = store.add_person("Lê Văn Cường", "leader", None)
    store.create_invite("CODEO1", None, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    officer.say("/join CODEO1", user="o1")
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    await page.clock.install()  # the page's timers run in real time, until fast_forward below
    await page.goto(url)
    await _bot_messages(page).first.wait_for()
    await page.fill("#text", "cho tôi gặp cán bộ xã")
    await page.press("#text", "Enter")
    await _bot_messages(page).nth(1).wait_for()
    await page.fill("#text", "Nhà tôi có 2 hộ chung một thửa đất, tách hộ thế nào ạ?")
    await page.press("#text", "Enter")
    await _bot_messages(page).nth(2).wait_for()
    await page.get_by_role("button", name="✅ Gửi cán bộ").click()
    await _bot_messages(page).nth(3).wait_for()
    assert "mã phiếu H-" in await _bot_messages(page).nth(3).inner_text()
    await page.reload()
    await _bot_messages(page).nth(3).wait_for()  # the transcript is back, no second greeting
    assert await _bot_messages(page).count() == 4
    assert "mã phiếu H-" in await _bot_messages(page).nth(3).inner_text()
    code = store.open_tickets()[0]["code"]
    officer.say(f"/traloi {code} Anh/chị nộp hồ sơ tách hộ trên VNeID hoặc dichvucong.gov.vn; hỏi thêm "
                f"Công an xã qua số 0239 3856 123.", user="o1")
    await deliver(deps, {"web": channel.send, "telegram": _ignore}, deps.now, asyncio.sleep)
    answer = _bot_messages(page).nth(4)
    await page.clock.fast_forward(channel.settings.poll_seconds * 1000)  # the page's next poll, now
    await answer.wait_for(timeout=10_000)
    assert "tách hộ trên VNeID" in await answer.inner_text()
    assert await answer.locator("a[href='tel:02393856123']").count() == 1
    assert await answer.locator("a[href='https://dichvucong.gov.vn']").count() == 1
    if shot := os.environ.get("WEB_CHAT_SCREENSHOT"):
        await page.screenshot(path=shot)
    await page.close()


async def test_oversized_bodies_are_refused(web, store):
    response = await web.post("/chat/api", content=b'{"session": "' + b"a" * 70_000 + b'"}',
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and store.questions() == []


async def test_the_api_takes_only_json_and_sends_safety_headers(deps, store):
    settings = Web(enabled=True, frame_ancestors=["https://andung.hatinh.gov.vn"])
    channel = WebChannel(Core(deps), settings)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None):
        headers = {"Content-Type": content_type} if content_type else {}
        response = await client.post("/chat/api", content=f'{{"session": "{SESSION}", "text": "hotline"}}',
                                     headers=headers)
        assert response.status_code == 415 and response.headers["x-content-type-options"] == "nosniff"
    assert store.questions() == []
    page = await client.get("/chat")
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'self' https://andung.hatinh.gov.vn" in policy and "script-src 'sha256-" in policy
    assert "unsafe-inline" not in policy and page.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in page.headers


async def test_new_session_ids_do_not_escape_the_limit_of_one_address(deps):
    now = [0.0]
    channel = WebChannel(Core(deps), Web(enabled=True, rate_per_minute=5, new_sessions_burst=8,
                                         new_sessions_per_minute=6), clock=lambda: now[0])
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")

    async def status(session):
        return (await client.post("/chat/api", json={"session": session, "text": "hotline"})).status_code

    assert [await status(f"{i:020d}") for i in range(12)] == [200] * 8 + [429] * 4
    assert await status(f"{0:020d}") == 200  # a session already started goes on (its own limit applies)
    now[0] = 30.0  # half a minute later: three new sessions' worth
    assert [await status(f"{i:020d}") for i in range(100, 105)] == [200] * 3 + [429] * 2


async def test_the_transcript_comes_back_after_a_reload_redacted(web, store):
    sent = (await web.post("/chat/api", json={"session": SESSION, "text": "quen mat khau vneid, sdt 0912 345 678"}))
    assert sent.status_code == 200 and sent.json()["last"] > 0
    history = (await web.get(f"/chat/api/history?session={SESSION}&after=0")).json()["messages"]
    assert [m["author"] for m in history] == ["me", "bot"]
    assert "0912 345 678" not in history[0]["text"] and "quen mat khau vneid" in history[0]["text"]
    assert history[1]["text"] == sent.json()["replies"][0]["text"]
    assert (await web.get("/chat/api/history?session=bad&after=0")).status_code == 400
    other = (await web.get(f"/chat/api/history?session={'b' * 20}&after=0")).json()
    assert other["messages"] == []  # another browser sees nothing of this one


async def test_no_subscription_button_on_the_web(web):
    menu = (await web.post("/chat/api", json={"session": SESSION, "text": "menu"})).json()["replies"][0]
    assert menu["buttons"] and not any(b["payload"].startswith("s:") for b in menu["buttons"])


async def test_an_officer_answer_reaches_the_web_chat_on_its_next_poll(deps, store):
    from scheduler.outbox import deliver
    from tests.test_handoff import Bot

    channel = WebChannel(Core(deps), Web(enabled=True))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")
    officer = Bot(Core(deps), channel="telegram")
    pid = store.add_person("Lê Văn Cường", "leader", None)
    store.create_invite("CODEO1", None, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    officer.say("/join CODEO1", user="o1")
    await client.post("/chat/api", json={"session": SESSION, "payload": "mh:new", "label": "Hỏi cán bộ xã"})
    await client.post("/chat/api", json={"session": SESSION, "text": "Tôi cần xác nhận cư trú gấp cho con đi học"})
    sent = (await client.post("/chat/api", json={"session": SESSION, "payload": "mh:send", "label": "Gửi"})).json()
    assert "mã phiếu H-" in sent["replies"][0]["text"]
    code = store.open_tickets()[0]["code"]
    officer.say(f"/traloi {code} Chị làm xác nhận cư trú trên VNeID, mục Thủ tục hành chính.", user="o1")
    await deliver(deps, {"web": channel.send, "telegram": _ignore}, deps.now, asyncio.sleep)
    fresh = (await client.get(f"/chat/api/history?session={SESSION}&after={sent['last']}")).json()["messages"]
    assert len(fresh) == 1 and "Chị làm xác nhận cư trú trên VNeID" in fresh[0]["text"]
    assert [b["payload"].split(":")[1] for b in fresh[0]["buttons"]] == ["ok", "no", "add"]


async def _ignore(chat_id, replies):
    return None


async def test_a_question_is_answered_when_the_transcript_cannot_be_written(deps, store, tmp_path, monkeypatch):
    """A full disk or another process holding the database leaves lines out of the transcript, never the answer."""
    import sqlite3

    import bot.storage

    monkeypatch.setattr(bot.storage, "BUSY_TIMEOUT_MS", 100)  # the outbox's write gives up after 0.1 s, not 5 s

    channel = WebChannel(Core(deps), Web(enabled=True))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())), base_url="http://web")
    other = sqlite3.connect(store.path, timeout=1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert store.add_web_messages(SESSION, [("me", "x", [])], "2026-12-03T10:00:00+07:00",
                                      best_effort=True) is False
        with pytest.raises(sqlite3.OperationalError):  # the outbox's delivery raises, so it is tried again
            store.add_web_messages(SESSION, [("bot", "x", [])], "2026-12-03T10:00:00+07:00")
        reply = await asyncio.wait_for(
            client.post("/chat/api", json={"session": SESSION, "text": "quen mat khau vneid"}), 20)
        assert reply.status_code == 200 and "Quên mật khẩu" in reply.json()["replies"][0]["text"]
    finally:
        other.execute("COMMIT")
        other.close()
