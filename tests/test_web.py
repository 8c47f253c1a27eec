"""Web chat: the JSON API in-process, and the page in a real headless Chromium against a loopback server."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.channels.web import SLOW_DOWN, WebChannel
from bot.config import Web
from bot.core import Core
from bot.http import web_app

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


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs it)")
async def test_the_page_in_headless_chromium(deps, tmp_path):
    from playwright.async_api import async_playwright

    channel = WebChannel(Core(deps), Web(enabled=True))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app(channel.routes()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                   "--disable-background-networking", "--no-first-run"])
            page = await browser.new_page(viewport={"width": 400, "height": 760})
            await page.goto(f"http://127.0.0.1:{port}/chat")
            await page.wait_for_selector(".msg.bot")  # the greeting from /start
            await page.fill("#text", "quen mat khau vneid")
            await page.press("#text", "Enter")
            await page.wait_for_function("document.querySelectorAll('.msg.bot').length >= 2")
            answer = await page.locator(".msg.bot").nth(1).inner_text()
            assert "Quên mật khẩu" in answer
            await page.fill("#text", "<b>*_[x](y)</b>")
            await page.press("#text", "Enter")
            await page.wait_for_function("document.querySelectorAll('.msg.bot').length >= 3")
            assert await page.locator(".msg.me b").count() == 0  # typed markup stays text
            buttons = page.locator(".choices button")
            label = await buttons.first.inner_text()
            await buttons.first.click()
            await page.wait_for_function("document.querySelectorAll('.msg.me').length >= 3")
            assert await page.locator(".msg.me").last.inner_text() == label
            await page.wait_for_function("document.querySelectorAll('.msg.bot').length >= 4")
            await page.screenshot(path=str(Path(tmp_path) / "web_chat.png"))
            if shot := os.environ.get("WEB_CHAT_SCREENSHOT"):
                await page.screenshot(path=shot)
            await browser.close()
    finally:
        server.should_exit = True
        await task


async def test_oversized_bodies_are_refused(web, store):
    response = await web.post("/chat/api", content=b'{"session": "' + b"a" * 70_000 + b'"}',
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and store.questions() == []
