"""One transaction per handled message: the handler's writes, the session and the deduplication record together."""

from __future__ import annotations

import sqlite3

import pytest

from bot import storage
from bot.core import Core
from bot.messages import Incoming, Kind
from bot.storage import DatabaseBusy, Store


def test_a_transaction_commits_everything_or_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.save_report("2026-11", "trung_thuong", {"cccd": 1}, 1, "2026-12-01T10:00:00+07:00")
        store.save_session("telegram:1:1", {"flow": "report"})
        assert store.record_handled("telegram:5", [{"text": "Đã lưu", "buttons": []}])
        raise RuntimeError("crash before the commit")
    assert store.report("2026-11", "trung_thuong") is None and store.session("telegram:1:1") == {}
    assert store.handled("telegram:5") is None
    with store.transaction():
        store.save_report("2026-11", "trung_thuong", {"cccd": 1}, 1, "2026-12-01T10:00:00+07:00")
        with store.transaction():  # nested: joins the outer one
            store.save_session("telegram:1:1", {"flow": "report"})
        store.record_handled("telegram:5", [{"text": "Đã lưu", "buttons": []}])
    assert store.report("2026-11", "trung_thuong")["version"] == 1 and store.session("telegram:1:1")
    assert store.handled("telegram:5") == [{"text": "Đã lưu", "buttons": []}]
    assert not store.record_handled("telegram:5", [])  # recorded once
    store.delivered("telegram:5")
    assert store.handled("telegram:5") == []


def test_a_write_lock_held_elsewhere_past_the_busy_timeout_is_database_busy(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 100)
    store = Store.open(tmp_path)
    holder = sqlite3.connect(tmp_path / storage.DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert store.session("x") == {}  # reads still work (WAL)
        with pytest.raises(DatabaseBusy), store.transaction():
            store.save_session("x", {"flow": "report"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.transaction():
        store.save_session("x", {"flow": "report"})
    assert store.session("x") == {"flow": "report"}


def _confirm_report(core: Core, update: str) -> list:
    return core.handle(Incoming(channel="telegram", user_id="m1", chat_id="m1", kind=Kind.BUTTON, payload="r:ok",
                                message_id=update))


def test_a_redelivered_confirmation_is_not_stored_twice_and_gets_the_undelivered_replies(deps, store):
    person = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("TXCODE01", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=person)
    core = Core(deps)
    say = lambda text, n: core.handle(Incoming(channel="telegram", user_id="m1", chat_id="m1", text=text,  # noqa: E731
                                               message_id=str(n)))
    say("/join TXCODE01", 1)
    summary = say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", 2)
    assert any(b.payload == "r:ok" for r in summary for b in r.buttons)
    first = _confirm_report(core, "3")
    again = _confirm_report(core, "3")  # the platform sends the same update again (it was not acknowledged)
    assert [r.text for r in again] == [r.text for r in first] and "Đã lưu báo cáo" in first[0].text
    assert len(store.report_history("2026-11", "trung_thuong")) == 1
    store.delivered("telegram:3")
    assert _confirm_report(core, "3") == []  # delivered: a late duplicate is ignored
    assert len(store.report_history("2026-11", "trung_thuong")) == 1
