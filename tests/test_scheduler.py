"""The scheduler on a simulated clock: a whole month of reminders, quiet hours, escalation and digest, idempotent
passes, a crash mid-send, downtime, retries, and broadcasts through the fake Telegram server."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.messages import Outgoing
from bot.team.reports import reporting_start
from scheduler.outbox import deliver, run_pass
from scheduler.plan import out_of_quiet_hours
from tests.conftest import TestBot
from tests.fakes.clock import SimClock

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
A, B = "trung_thuong", "trung_ha"


def at(day: int, hour: int = 0, minute: int = 0, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TZ)


class Transport:
    def __init__(self, clock):
        self.clock = clock
        self.sent: list[tuple[str, dt.datetime, list[Outgoing]]] = []
        self.fail_times = 0
        self.crash_after: int | None = None

    async def __call__(self, chat_id: str, replies: list[Outgoing]) -> None:
        if self.fail_times:
            self.fail_times -= 1
            raise ConnectionError("network down")
        self.sent.append((chat_id, self.clock(), replies))
        if self.crash_after is not None and len(self.sent) >= self.crash_after:
            self.crash_after = None
            raise Crash()

    def to(self, chat: str) -> list[tuple[dt.datetime, str]]:
        return [(when, replies[0].text) for c, when, replies in self.sent if c == chat]


class Crash(BaseException):
    """The process dies (not an ordinary error the outbox would retry)."""


def link(store, name, role, village, user):
    pid = store.add_person(name, role, village)
    code = f"C{user:0>7}"[:8].upper()
    store.create_invite(code, village, role, "2099-01-01T00:00:00+07:00", person_id=pid)
    store.redeem_invite(code, "telegram", user, name, "2026-11-01T00:00:00+07:00")
    return pid


@pytest.fixture
def team(store):
    return {"a": link(store, "An", "member", A, "101"), "b": link(store, "Bình", "member", B, "102"),
            "l": link(store, "Cường", "leader", None, "900")}


async def simulate(deps, transport, start, end, step_minutes=30, skip=None):
    """Run a pass every ``step_minutes`` from start to end (except inside ``skip`` = (from, to) downtime)."""
    clock = transport.clock
    now = start
    while now <= end:
        if not (skip and skip[0] <= now < skip[1]):
            clock.now = max(clock.now, now)
            await run_pass(deps, now, {"telegram": transport}, clock.sleep, clock=clock)
        now += dt.timedelta(minutes=step_minutes)


async def test_a_month_of_reminders_escalation_and_digest(deps, store, team):
    clock = SimClock(at(1))
    transport = Transport(clock)
    await simulate(deps, transport, at(1), at(6, 12))
    store.save_report("2026-11", B, {"cccd": 1, "muc2": 1, "kich_hoat": 1, "dvc": 1}, team["b"], at(6, 12).isoformat())
    await simulate(deps, transport, at(6, 12, 30), at(12, 12))
    a_times = [when for when, _ in transport.to("101") if "số liệu tháng 11/2026" in _]
    assert [w.strftime("%d %H:%M") for w in a_times] == ["05 08:00", "07 08:00", "08 07:30", "09 08:00"]
    assert "còn 3 ngày" in transport.to("101")[0][1] and "quá hạn" in transport.to("101")[3][1]
    b_texts = [t for _, t in transport.to("102") if "số liệu" in t]
    assert len(b_texts) == 1  # only the reminder before B reported
    leader = transport.to("900")
    digest = [(w, t) for w, t in leader if t.startswith("Tổng hợp số liệu tháng 11/2026")]
    assert [w.strftime("%d %H:%M") for w, _ in digest] == ["08 17:00"]
    escalation = [(w, t) for w, t in leader if t.startswith("Đã quá hạn gửi số liệu")]
    assert [w.strftime("%d %H:%M") for w, _ in escalation] == ["09 09:00"]
    assert "Thôn Trung Thượng" in escalation[0][1] and "Thôn Trung Hạ" not in escalation[0][1]
    leader_kinds = [replies for chat, _, replies in transport.sent if chat == "900" and len(replies) == 3]
    assert leader_kinds[0][1].picture.startswith(b"\x89PNG") and leader_kinds[0][2].filename.endswith(".xlsx")
    task = [(w, t) for w, t in transport.to("101") if t.startswith("Nhắc việc «")]
    assert [w.strftime("%d %H:%M") for w, _ in task] == ["12 08:00"]
    for _, when, _ in transport.sent:
        assert dt.time(7, 0) <= when.timetz().replace(tzinfo=None) < dt.time(21, 0)


async def test_a_pass_run_twice_sends_nothing_twice(deps, team):
    clock = SimClock(at(5, 8))
    transport = Transport(clock)
    for _ in range(3):
        await run_pass(deps, at(5, 8), {"telegram": transport}, clock.sleep, clock=clock)
    assert len(transport.to("101")) == 1 and len(transport.to("102")) == 1


def test_quiet_hours_move_to_seven():
    assert out_of_quiet_hours(at(5, 22, 30), "21:00", "07:00") == at(6, 7)
    assert out_of_quiet_hours(at(5, 5, 0), "21:00", "07:00") == at(5, 7)
    assert out_of_quiet_hours(at(5, 12, 0), "21:00", "07:00") == at(5, 12)


async def test_quiet_hours_applied_to_a_late_evening_step(deps, team):
    steps = deps.config.scheduler.reminders
    deps.config = deps.config.model_copy(update={"scheduler": deps.config.scheduler.model_copy(update={
        "reminders": [steps[0].model_copy(update={"days": -1, "time": "22:30"})]})})
    clock = SimClock(at(7, 22, 30))
    transport = Transport(clock)
    await run_pass(deps, at(7, 22, 30), {"telegram": transport}, clock.sleep, clock=clock)
    assert transport.sent == []
    clock.now = at(8, 7)
    await run_pass(deps, at(8, 7), {"telegram": transport}, clock.sleep, clock=clock)
    assert len(transport.to("101")) == 1


async def test_crash_between_sending_and_recording_resends_that_one_message(deps, store, team):
    """Delivery is at-least-once: the message in flight when the process died is sent again, nothing else."""
    clock = SimClock(at(5, 8))
    transport = Transport(clock)
    transport.crash_after = 1
    with pytest.raises(Crash):
        await run_pass(deps, at(5, 8), {"telegram": transport}, clock.sleep, clock=clock)
    assert len(transport.sent) == 1
    clock.now = at(5, 8, 1)  # the restarted process: the message in flight is still claimed by the dead one
    await run_pass(deps, at(5, 8, 1), {"telegram": transport}, clock.sleep, clock=clock)
    assert len(transport.sent) == 2  # the other one went out
    clock.now = at(5, 8, 7)  # the 5-minute claim has run out
    await run_pass(deps, at(5, 8, 7), {"telegram": transport}, clock.sleep, clock=clock)
    chats = sorted(chat for chat, _, _ in transport.sent)
    assert chats == sorted([transport.sent[0][0], "101", "102"])  # one duplicate, nobody missed
    assert {row["status"] for row in store.outbox()} == {"sent"}


async def test_restart_after_two_days_of_downtime(deps, team):
    """Down from 4 Dec 20:00 to 7 Dec 07:30: the 5 Dec reminder is too old and dropped, the rest go out."""
    clock = SimClock(at(4, 12))
    transport = Transport(clock)
    await simulate(deps, transport, at(4, 12), at(7, 12), skip=(at(4, 20), at(7, 7, 30)))
    assert [w.strftime("%d %H:%M") for w, _ in transport.to("101")] == ["07 08:00"]


async def test_digest_after_downtime_over_the_deadline_is_still_sent(deps, team):
    reporting_start(deps.config, deps.store, at(1))  # the bot went live on 1 Dec, then was down 7–10 Dec
    clock = SimClock(at(10, 9))
    transport = Transport(clock)
    await run_pass(deps, at(10, 9), {"telegram": transport}, clock.sleep, clock=clock)
    leader = [t for _, t in transport.to("900")]
    assert any(t.startswith("Tổng hợp số liệu tháng 11/2026") for t in leader)
    assert any(t.startswith("Đã quá hạn gửi số liệu tháng 11/2026") for t in leader)
    assert transport.to("101") == []  # the 9 Dec reminder is more than 12 hours old


async def test_failures_are_retried_with_backoff_and_never_dropped(deps, store, team):
    clock = SimClock(at(5, 8))
    transport = Transport(clock)
    transport.fail_times = 3
    await run_pass(deps, at(5, 8), {"telegram": transport}, clock.sleep, clock=clock)
    assert transport.sent == [] and {r["status"] for r in store.outbox()} == {"pending"}
    for minutes in (1, 2, 5):
        clock.now = at(5, 8, minutes)
        await deliver(deps, {"telegram": transport}, clock, clock.sleep)
    assert sorted(chat for chat, _, _ in transport.sent) == ["101", "102"]
    assert {r["status"] for r in store.outbox()} == {"sent"}


async def test_messages_for_a_channel_that_is_not_running_wait(deps, team):
    clock = SimClock(at(5, 8))
    items, report = await run_pass(deps, at(5, 8), {}, clock.sleep, clock=clock)
    assert len(items) == 2 and report.sent == 0 and report.waiting == 2


async def test_subscribe_unsubscribe_and_broadcast_flow(deps, store, team, testbot: TestBot):
    citizens = TestBot(testbot.core, channel="telegram")
    assert "đã đăng ký nhận thông báo" in citizens.say("/theodoi", user="c1")[0].text
    assert "đã đăng ký nhận thông báo rồi" in citizens.say("nhận thông báo", user="c1")[0].text
    citizens.press("s:1", user="c2")
    citizens.say("/theodoi", user="c3")
    assert "đã dừng nhận thông báo" in citizens.say("/huytheodoi", user="c3")[0].text
    assert "trên Telegram hoặc Zalo" in testbot.say("/theodoi", user="c4")[0].text  # a channel that cannot push
    assert [s["user_id"] for s in store.subscribers()] == ["c1", "c2"]
    leader = citizens
    preview = leader.say("/thongbao Chiều nay 14h Công an xã làm căn cước lưu động tại nhà văn hóa thôn.", user="900")
    assert "gửi tới 2 người" in preview[0].text and [b.payload for b in preview[0].buttons] == ["b:ok", "b:cancel"]
    assert store.outbox(kind="broadcast") == []
    queued = leader.press("b:ok", user="900")
    assert queued[0].text == texts.BROADCAST_QUEUED.format(id=1, n=2)
    assert leader.press("b:ok", user="900")[0].text == texts.STALE_BUTTON  # pressing twice queues nothing more
    clock = SimClock(at(3, 14))
    collected = Transport(clock)
    await deliver(deps, {"telegram": collected}, clock, clock.sleep)
    await deliver(deps, {"telegram": collected}, clock, clock.sleep)
    notices = [replies[0].text for chat, _, replies in collected.sent]
    assert sum("căn cước lưu động" in t for t in notices) == 2
    assert any(t.startswith("Thông báo #1 đã gửi xong: 2/2") for t in notices)


async def test_citizen_cannot_broadcast(testbot, store):
    testbot = TestBot(testbot.core, channel="telegram")
    testbot.say("/theodoi", user="c1")
    assert testbot.say("/thongbao Nội dung giả mạo gửi cả xã", user="c1")[0].text == texts.TEAM_ONLY
    assert testbot.press("b:ok", user="c1")[0].text == texts.TEAM_ONLY
    assert store.outbox() == []


async def test_broadcast_through_the_fake_telegram_server_respects_the_rate(deps, store, team):
    """300 subscribers, real python-telegram-bot HTTP calls to a loopback Bot API, simulated pacing time."""
    from bot.channels.telegram import TelegramChannel, build_bot
    from bot.core import Core
    from tests.fakes.telegram_server import FakeBotApi

    for n in range(300):
        store.subscribe("telegram", str(5000 + n), str(5000 + n), at(1).isoformat())
    store.add_broadcast("Lịch làm căn cước lưu động tuần này.", team["l"], at(3, 9).isoformat())
    clock = SimClock(at(3, 9))
    with FakeBotApi() as api:
        channel = TelegramChannel(Core(deps), build_bot(api.token, api.base_url))
        await channel.connect()
        api.fail_next("sendMessage", retry_after=1)  # one 429: waited out, the message still delivered
        report = await deliver(deps, {"telegram": channel.send}, clock, clock.sleep)
        await channel.stop()
        sent = api.sent
    chats = [s["chat_id"] for s in sent if "căn cước lưu động" in s["text"]]
    assert report.sent == 300 + 2 and report.failed == 0
    assert sorted(chats) == sorted(str(5000 + n) for n in range(300))  # everyone exactly once
    elapsed = (clock.now - at(3, 9)).total_seconds()
    assert elapsed >= 299 / deps.config.scheduler.rate_per_second  # paced, in simulated time
    progress = store.broadcast_progress(1)
    assert progress == {"sent": 300}
    leader = [s["text"] for s in sent if s["chat_id"] == "900"]  # progress after each batch of 200, then done
    assert leader == ["Thông báo #1: đã gửi 200/300 người, đang gửi tiếp.",
                      "Thông báo #1 đã gửi xong: 300/300 người nhận được."]


async def test_broadcast_resumes_after_a_crash_without_serving_anyone_twice_but_the_one_in_flight(deps, store, team):
    for n in range(120):
        store.subscribe("telegram", str(7000 + n), str(7000 + n), at(1).isoformat())
    store.add_broadcast("Nội dung thông báo.", team["l"], at(3, 9).isoformat())
    clock = SimClock(at(3, 9))
    transport = Transport(clock)
    transport.crash_after = 50
    with pytest.raises(Crash):
        await deliver(deps, {"telegram": transport}, clock, clock.sleep)
    await deliver(deps, {"telegram": transport}, clock, clock.sleep)  # the restarted process
    clock.advance(minutes=6)  # the claim of the message in flight at the crash runs out
    await deliver(deps, {"telegram": transport}, clock, clock.sleep)
    served = [chat for chat, _, replies in transport.sent if "Nội dung thông báo." in replies[0].text]
    assert set(served) == {str(7000 + n) for n in range(120)}
    assert len(served) == 121  # at-least-once: only the message in flight at the crash went twice


async def test_weekly_campaign_reminders_digest_and_report(deps, store, team, testbot):
    """Seed 003's campaign rhythm: figures due before 09:00 every Friday."""
    deps.config = deps.config.model_copy(update={"reporting": deps.config.reporting.model_copy(
        update={"cycle": "weekly", "weekday": 4, "deadline_time": "09:00"})})
    clock = SimClock(at(1))
    transport = Transport(clock)
    await simulate(deps, transport, at(1), at(5, 12))
    weekly = [when.strftime("%d %H:%M") for when, text in transport.to("101") if "tuần 49/2026" in text]
    assert weekly == ["01 08:00", "03 08:00", "04 07:30", "05 08:00"]
    digests = [w.strftime("%d %H:%M") for w, t in transport.to("900") if t.startswith("Tổng hợp số liệu tuần 49")]
    assert digests == ["04 09:00"]
    testbot.core.deps.clock = lambda: at(4, 8)
    store.create_invite("WEEKCODE", A, "member", "2099-01-01T00:00:00+07:00",
                        person_id=store.person_for("telegram", "101")["id"])
    testbot.say("/join WEEKCODE", user="w1")
    assert "tuần 49/2026" in testbot.say("báo cáo", user="w1")[0].text


async def test_rows_of_a_channel_that_is_not_running_do_not_block_the_others(deps, store):
    now = at(3, 9).isoformat()
    store.enqueue([{"key": f"n{i}", "channel": "zalo_oa", "chat_id": f"z{i}", "kind": "notice", "text": "x"}
                   for i in range(250)], now)
    store.enqueue([{"key": "t", "channel": "telegram", "chat_id": "t1", "kind": "notice", "text": "y"}], now)
    clock = SimClock(at(3, 9))
    transport = Transport(clock)
    report = await deliver(deps, {"telegram": transport}, clock, clock.sleep)
    assert report.sent == 1 and transport.to("t1") and report.waiting == 250


async def test_two_senders_at_once_never_send_the_same_message_twice(deps, store):
    """`run` and a manual `tick` draining the same outbox concurrently."""
    now = at(3, 9)
    store.enqueue([{"key": f"n{i}", "channel": "telegram", "chat_id": f"c{i}", "kind": "notice", "text": "x"}
                   for i in range(40)], now.isoformat())
    clock = SimClock(now)
    transport = Transport(clock)

    async def slow_sleep(seconds):
        await asyncio.sleep(0)  # let the other sender run between messages
        await clock.sleep(seconds)

    reports = await asyncio.gather(deliver(deps, {"telegram": transport}, clock, slow_sleep),
                                   deliver(deps, {"telegram": transport}, clock, slow_sleep))
    assert sum(r.sent for r in reports) == 40 and reports[0].sent and reports[1].sent
    assert sorted(chat for chat, _, _ in transport.sent) == sorted(f"c{i}" for i in range(40))
