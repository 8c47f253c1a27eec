import datetime as dt
import sqlite3

import pytest

from bot.storage import DB_NAME, NotFoundError, Store


def test_question_log_is_redacted_and_survives_reopening(tmp_path):
    store = Store.open(tmp_path)
    qid = store.log_question("telegram", "user-q", "CCCD 001099012345 sđt 0912345678 mất", "vneid_muc2", 0.9, False)
    store.set_feedback(qid, False, "telegram", "user-q")
    store.close()
    row = sqlite3.connect(tmp_path / DB_NAME).execute(
        "select text, topic, feedback, user_key from questions").fetchone()
    assert row[0] == "CCCD [số định danh] sđt [số điện thoại] mất"
    assert row[1:3] == ("vneid_muc2", -1)
    assert "user-q" not in row[3]


def test_schema_migration_is_safe_to_rerun(tmp_path):
    Store.open(tmp_path).close()
    store = Store.open(tmp_path)
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert {"questions", "sessions", "seen"} <= set(store.db.table_names())


def test_first_seen_is_once_only_across_restarts(tmp_path):
    store = Store.open(tmp_path)
    assert store.first_seen("telegram:update:1") is True
    assert store.first_seen("telegram:update:1") is False
    store.close()
    assert Store.open(tmp_path).first_seen("telegram:update:1") is False


def test_sessions_persist_and_clear(tmp_path):
    store = Store.open(tmp_path)
    store.save_session("k", {"choices": ["t:a"]})
    store.close()
    store = Store.open(tmp_path)
    assert store.session("k") == {"choices": ["t:a"]}
    store.save_session("k", {})
    assert store.session("k") == {}


def test_feedback_for_unknown_question_raises(tmp_path):
    with pytest.raises(NotFoundError):
        Store.open(tmp_path).set_feedback(12345, True, "c", "1")


def test_unanswered_lists_fallbacks_and_thumbs_down_most_frequent_first(tmp_path):
    store = Store.open(tmp_path)
    for _ in range(3):
        store.log_question("c", "1", "giá vàng", None, 0.1, True)
    store.log_question("c", "1", "hỏi khác", "x", 0.9, False)
    bad = store.log_question("c", "1", "câu sai", "x", 0.9, False)
    store.set_feedback(bad, False, "c", "1")
    assert [(r["text"], r["n"]) for r in store.unanswered()] == [("giá vàng", 3), ("câu sai", 1)]


def test_old_deduplication_keys_are_forgotten_by_the_one_clock(tmp_path):
    store = Store.open(tmp_path)
    store.clock = lambda: dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    store.first_seen("telegram:update:1")
    assert store.db["seen"].get("telegram:update:1")["ts"] == "2026-12-01T09:00:00+00:00"  # stamped by the clock
    week = dt.timedelta(days=7)
    assert store.forget_seen(dt.datetime(2026, 12, 5, tzinfo=dt.UTC), week) == 0
    store.clock = lambda: dt.datetime(2026, 12, 20, tzinfo=dt.UTC)
    store.first_seen("telegram:update:2")
    assert store.forget_seen(dt.datetime(2026, 12, 21, tzinfo=dt.UTC), week) == 1  # only the old one
    assert store.first_seen("telegram:update:1") is True
    # a pass played 30 days ahead keeps what the running bot saw within a week of its newest key
    assert store.forget_seen(dt.datetime(2027, 1, 20, tzinfo=dt.UTC), week) == 0
    assert store.first_seen("telegram:update:2") is False


def test_confirmed_writes_use_full_sync_and_return_to_normal(tmp_path):
    store = Store.open(tmp_path)
    store.lock("2026-11", 1, "2026-12-09T00:00:00+07:00")
    assert store.locked("2026-11")
    assert store.db.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL again after the durable write


def test_only_the_asker_can_give_feedback_and_pseudonyms_are_keyed(tmp_path):
    store = Store.open(tmp_path)
    qid = store.log_question("telegram", "42", "hotline", "hotline", 0.9, False)
    with pytest.raises(NotFoundError):
        store.set_feedback(qid, False, "telegram", "43")
    assert store.question(qid)["feedback"] is None
    import hashlib

    plain = hashlib.sha256(b"telegram:42").hexdigest()[:20]
    assert store.question(qid)["user_key"] != plain  # not reversible with a table of all ids
    assert Store.open(tmp_path).user_key("telegram", "42") == store.question(qid)["user_key"]  # stable


# -- group commit of the question log ------------------------------------------------------------------------------
def _stored_questions(tmp_path) -> int:
    """Rows another process would see (its own connection)."""
    with sqlite3.connect(tmp_path / DB_NAME) as other:
        return other.execute("select count(*) from questions").fetchone()[0]


def test_answers_write_the_question_log_in_groups_of_log_batch(tmp_path, store, testbot, monkeypatch):
    import bot.storage
    from bot.storage import LOG_BATCH

    monkeypatch.setattr(bot.storage, "LOG_DELAY", 600.0)  # only the batch size decides here

    for i in range(LOG_BATCH - 1):
        assert "Nguồn:" in testbot.say(f"quên mật khẩu vneid lần {i}", user=f"c{i % 5}")[0].text
    assert store.log_pending == LOG_BATCH - 1 and _stored_questions(tmp_path) == 0
    assert store.log_stuck == 0  # held by the group commit, not by a failure
    testbot.say("quên mật khẩu vneid lần cuối", user="c0")
    assert store.log_pending == 0 and _stored_questions(tmp_path) == LOG_BATCH
    texts = [row["text"] for row in store.questions()]
    assert texts[0] == "quên mật khẩu vneid lần 0" and texts[-1] == "quên mật khẩu vneid lần cuối"


def test_a_buffered_row_is_written_by_the_first_answer_after_log_delay(tmp_path, store, testbot, monkeypatch):
    import time

    import bot.storage

    monkeypatch.setattr(bot.storage, "LOG_DELAY", 0.2)
    testbot.say("quên mật khẩu vneid", user="a")
    testbot.say("menu", user="b")  # a deferred citizen session (its choices) waits with the log
    assert _stored_questions(tmp_path) == 0 and store.session("test:b:b")
    time.sleep(0.25)
    testbot.say("đăng ký tạm trú online", user="c")
    assert _stored_questions(tmp_path) == 2 and store.log_pending == 0
    with sqlite3.connect(tmp_path / DB_NAME) as other:
        assert other.execute("select count(*) from sessions").fetchone()[0] >= 1


def test_forget_me_counts_questions_still_held_by_the_group_commit(store, testbot):
    testbot.say("quên mật khẩu vneid", user="a")
    testbot.say("đăng ký tạm trú online", user="a")
    assert store.log_pending == 2
    data = store.personal_data("test", "a")
    assert data["questions"] == 2 and data["recent"] == ["đăng ký tạm trú online", "quên mật khẩu vneid"]
