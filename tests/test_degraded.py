"""Degraded modes on a real SQLite file: another process holding the database, a full disk.

Answering a citizen never depends on the question log (it waits in memory and is written later); a team
member's report is refused honestly while it cannot be stored and goes through once it can; ``tick`` tries again
and then ends with one line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import texts
from bot.cli import build_parser, cmd_tick, with_db_retries
from bot.storage import DB_NAME
from tests.conftest import copy_models
from tests.test_team import VILLAGE, join


class Locker:
    """Another process that holds the write lock of a database file (BEGIN EXCLUSIVE) until released."""

    SCRIPT = ("import sqlite3, sys\n"
              "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "con.execute('BEGIN EXCLUSIVE')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.readline()\n"
              "con.execute('COMMIT')\n")

    def __init__(self, path):
        self.proc = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            self.proc.wait(10)


@pytest.fixture
def locker(tmp_path):
    lockers = []

    def lock():
        lockers.append(Locker(tmp_path / DB_NAME))
        return lockers[-1]

    yield lock
    for each in lockers:
        each.release()


@pytest.fixture(scope="session")
def model_dir(built_model):
    """The matcher's model cached once (the session's, tests/conftest.py), for the tests that start the bot's own
    code in a fresh data directory."""
    return built_model.directory


@pytest.fixture
def full_disk(store):
    """The database cannot grow by a single page (SQLite's max_page_count): writes that need space fail with
    «database or disk is full», as on a full disk."""

    def fill():
        pages = store.db.execute("pragma page_count").fetchone()[0]
        store.db.execute(f"pragma max_page_count = {pages}")

    def free():
        store.db.execute("pragma max_page_count = 1073741823")

    fill.free = free
    return fill


def _is_answer(replies) -> bool:
    return bool(replies) and texts.ERROR not in replies[0].text and "Nguồn:" in replies[0].text


# -- another process holds the database ----------------------------------------------------------------------------
def test_citizen_is_answered_at_once_while_another_process_holds_the_database(testbot, store, locker):
    held = locker()
    start = time.monotonic()
    replies = testbot.say("quên mật khẩu vneid")
    elapsed = time.monotonic() - start
    assert _is_answer(replies)
    assert elapsed < 2.0  # it did not wait for the lock (a write would wait 5 s, then fail)
    qid = replies[0].meta.question_id
    assert f"f:{qid}:1" in [b.payload for b in replies[0].buttons]
    assert store.log_pending == 1
    thanks = testbot.press(f"f:{qid}:0")  # feedback on a question not yet written
    assert thanks[0].text == texts.FEEDBACK_THANKS_NO
    held.release()
    assert store.flush_log(wait=True)
    (row,) = store.questions()
    assert (row["id"], row["topic"] is not None, row["feedback"]) == (qid, True, -1)


def test_numbered_choices_work_while_the_database_is_locked(testbot, store, locker, kb):
    locker()
    menu = testbot.say("menu")
    group = testbot.say("1")
    assert texts.ERROR not in group[0].text
    assert kb.groups[0].name in group[0].text and menu[0].buttons


def test_question_ids_exist_before_their_rows_and_stay_unique(store, locker):
    locker()
    ids = [store.log_question("test", "u1", f"câu hỏi {i}", None, 0.1, True) for i in range(200)]
    assert len(set(ids)) == 200 and ids == sorted(ids) and max(ids) < 2 ** 53
    assert store.log_pending == 200


# -- the disk is full -----------------------------------------------------------------------------------------------
def test_citizens_are_answered_on_a_full_disk_and_the_log_is_written_once_space_returns(testbot, store,
                                                                                      full_disk):
    full_disk()
    questions = [f"quên mật khẩu vneid lần thứ {i} phải làm sao" for i in range(300)]
    answered = [_is_answer(testbot.say(q, user=f"c{i % 7}")) for i, q in enumerate(questions)]
    assert all(answered)
    assert store.log_pending > 0  # the disk really was full for the log
    full_disk.free()
    assert store.flush_log(wait=True)
    assert len(store.questions()) == 300 and store.log_pending == 0


CHILD = """
import json, resource, sys
from bot.app import build_core
from bot.config import Settings
from bot.messages import Incoming, Kind

core = build_core(Settings(bot_data_dir=sys.argv[1]))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
print("ready", flush=True)
for line in sys.stdin:
    user, payload, text = json.loads(line)
    kind = Kind.BUTTON if payload else Kind.TEXT
    replies = core.handle(Incoming(channel="test", user_id=user, chat_id=user, text=text, kind=kind, payload=payload))
    print(json.dumps([r.text for r in replies], ensure_ascii=False), flush=True)
"""


def test_a_report_is_refused_honestly_on_a_full_disk_and_saved_once_space_returns(testbot, store, tmp_path,
                                                                                   model_dir):
    """The bot's process may not write a single byte more to any file (RLIMIT_FSIZE 0, as with a full disk)."""
    resource = pytest.importorskip("resource")
    if resource.getrlimit(resource.RLIMIT_FSIZE)[1] == 0:
        pytest.skip("RLIMIT_FSIZE is already 0 here")
    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    summary = testbot.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m1")
    assert "r:ok" in [b.payload for r in summary for b in r.buttons]
    copy_models(model_dir, tmp_path)  # the child loads it instead of training
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=str(Path(__file__).parent.parent))
    try:
        assert child.stdout.readline().strip() == "ready"

        def say(user, text="", payload=""):
            child.stdin.write(json.dumps([user, payload, text]) + "\n")
            child.stdin.flush()
            return json.loads(child.stdout.readline())

        answers = [say(f"c{i}", "quên mật khẩu vneid") for i in range(5)]
        refused = say("m1", payload="r:ok")
    finally:
        child.stdin.close()
        child.wait(30)
    assert all("Nguồn:" in a[0] and texts.ERROR not in a[0] for a in answers)
    assert "Đã lưu" not in refused[0]
    assert store.report("2026-11", VILLAGE) is None
    saved = testbot.press("r:ok", user="m1")  # space is back (this process has no limit)
    assert "Đã lưu" in saved[0].text
    assert len(store.report_history("2026-11", VILLAGE)) == 1
    assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"


# -- tick ---------------------------------------------------------------------------------------------------------
def test_tick_retries_then_ends_with_one_line_and_succeeds_once_free(tmp_path, monkeypatch, capsys, locker,
                                                                     model_dir):
    import bot.storage

    copy_models(model_dir, tmp_path)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(bot.storage, "BUSY_TIMEOUT_MS", 100)
    bot.storage.Store.open(tmp_path).close()
    args = build_parser().parse_args(["tick", "--now", "2026-12-07T08:00+07:00"])
    held = locker()
    assert with_db_retries(cmd_tick, attempts=2, pause=0.05)(args) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "database is locked" in err and "Không ghi được cơ sở dữ liệu sau 2 lần thử" in err
    held.release()
    assert with_db_retries(cmd_tick, attempts=2, pause=0.05)(args) == 0
    assert "pass at 2026-12-07T08:00:00+07:00" in capsys.readouterr().out


def test_tick_on_the_command_line_is_wrapped_in_the_retries():
    assert build_parser().parse_args(["tick"]).func.__wrapped__ is cmd_tick

