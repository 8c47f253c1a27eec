"""Crash safety of a real ``python -m bot run``: SIGKILL right after «Xác nhận», restart, nothing lost or doubled.

The bot polls a fake Bot API (Telegram's offset semantics: an update comes back until a later getUpdates
confirms it). The fake holds the bot's sendMessage unanswered, so the kill lands after the report is handled
and before the member is told — the widest window in which an update acknowledged too early would be lost.
The restarted bot also polls a fake Zalo Bot Platform, answers a citizen there and stops cleanly on SIGTERM
(exit 0): the suite's one real ``run`` that serves Zalo, started once instead of in a process of its own.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bot.storage import Store
from tests.fakes.telegram_server import FakeBotApi
from tests.fakes.zalo_servers import FakeZaloBot
from tests.test_zalo import bot_event

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = """
organisation: {name: Tổ công tác 06 xã Thử, commune: xã Thử}
villages:
  - {key: thon_mot, name: Thôn Một}
indicators:
  - {key: cccd, label: Hồ sơ căn cước, unit: hồ sơ, aliases: [cccd], maximum: 2000, target: 30}
  - {key: muc2, label: Hồ sơ mức 2, unit: hồ sơ, aliases: [mức 2], maximum: 2000, target: 40}
"""
MEMBER = 4242


def _wait(predicate, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def bot_env(tmp_path, data_dir):  # data_dir is tmp_path, holding the session's model (tests/conftest.py)
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    store = Store.open(tmp_path)
    person = store.add_person("Trần Thị Bình", "member", "thon_mot")
    store.create_invite("DURABLE1", "thon_mot", "member", "2099-01-01T00:00:00+07:00", person_id=person)
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env.update(BOT_DATA_DIR=str(tmp_path), BOT_CONFIG=str(tmp_path / "config.yaml"), PYTHONUNBUFFERED="1")
    return env


def _start(api: FakeBotApi, env: dict) -> subprocess.Popen:
    env = dict(env, TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_BASE_URL=api.base_url)
    calls = len(api.called("getUpdates"))
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=PROJECT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    assert _wait(lambda: len(api.called("getUpdates")) > calls or proc.poll() is not None, 60)
    assert proc.poll() is None
    return proc


def _reports(data_dir: str) -> tuple[int, int]:
    with sqlite3.connect(os.path.join(data_dir, "troly06.db")) as db:
        return (db.execute("select count(*) from reports where village = 'thon_mot'").fetchone()[0],
                db.execute("select count(*) from report_history where village = 'thon_mot'").fetchone()[0])


def _texts(api: FakeBotApi) -> list[str]:
    return [s.get("text", "") for s in api.sent_to(MEMBER)]


def test_sigkill_right_after_confirm_keeps_one_report_and_answers_the_redelivered_press(bot_env):
    data_dir = bot_env["BOT_DATA_DIR"]
    with FakeBotApi() as api, FakeZaloBot() as zalo:
        proc = _start(api, bot_env)
        try:
            api.push_message(MEMBER, "/join DURABLE1")
            assert _wait(lambda: api.sent_to(MEMBER))
            api.push_message(MEMBER, "cccd 12, mức 2 30")
            assert _wait(lambda: any("r:ok" in str(s.get("reply_markup")) for s in api.sent_to(MEMBER)))
            told = len(api.sent_to(MEMBER))
            api.stall("sendMessage")
            press = api.push_button(MEMBER, "r:ok")
            sends = len(api.called("sendMessage"))
            assert _wait(lambda: len(api.called("sendMessage")) > sends)  # the answer is on its way ...
            os.killpg(proc.pid, signal.SIGKILL)  # ... and the process dies before it is delivered
            proc.wait(10)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        api.stall("sendMessage", on=False)
        assert _reports(data_dir) == (1, 1)  # handled and committed before anything was sent
        assert api.confirmed < press["update_id"]  # never acknowledged: Telegram sends it again
        proc = _start(api, dict(bot_env, ZALO_BOT_TOKEN=zalo.token, ZALO_BOT_BASE_URL=zalo.base_url))
        try:
            zalo.push(bot_event("run1", "u7", "hotline"))  # a citizen on Zalo, polled by the same process
            assert _wait(lambda: any("Đã lưu báo cáo" in t for t in _texts(api)[told:]))
            assert _wait(lambda: api.confirmed >= press["update_id"])  # acknowledged once answered
            api.push_button(MEMBER, "r:ok")  # the member presses the old button again
            assert _wait(lambda: len(api.sent_to(MEMBER)) > told + 1)
            assert _wait(lambda: zalo.sent_to("u7"), 60)
            assert "1800 1096" in zalo.sent_to("u7")[0]
            time.sleep(0.3)
        finally:
            proc.terminate()  # SIGTERM, as a service manager stops it; the renderer process ends with its parent
            proc.wait(60)
        assert proc.returncode == 0
        assert _reports(data_dir) == (1, 1)  # stored once, one version
        assert sum("Đã lưu báo cáo" in t for t in _texts(api)) == 1
