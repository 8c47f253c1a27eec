"""«Hỏi cán bộ»: a citizen's question reaches an officer and the answer comes back, through the core and the outbox.

The clock stands at Thursday 03/12/2026 10:00 (office hours). Citizens write on the ``telegram`` channel so that
answers can reach them; delivery is the real outbox with a collecting transport.
"""

from __future__ import annotations

import asyncio

import pytest

from bot import texts
from bot.cli import main as cli_main
from bot.core import Core
from bot.messages import Incoming, Kind, Outgoing, Unreachable
from scheduler.outbox import deliver, run_pass
from tests.conftest import TestBot
from tests.test_telegram import buttons, polling, until  # noqa: F401  (polling is a fixture)

CITIZEN = "citizen-q"


class Inbox:
    """A transport that records what each chat received."""

    def __init__(self, refuse: set[str] = frozenset()):
        self.chats: dict[str, list[Outgoing]] = {}
        self.refuse = refuse

    async def __call__(self, chat_id: str, replies: list[Outgoing]) -> None:
        if chat_id in self.refuse:
            raise Unreachable("outside the reply window")
        self.chats.setdefault(chat_id, []).extend(replies)

    def text(self, chat_id: str) -> str:
        return "\n".join(r.text for r in self.chats.get(chat_id, []))

    def payloads(self, chat_id: str) -> list[str]:
        return [b.payload for r in self.chats.get(chat_id, []) for b in r.buttons]


class Bot(TestBot):
    __test__ = False

    def reply(self, text: str, quoted: str, user: str) -> list[Outgoing]:
        return self.core.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, text=text, reply_to=quoted))


@pytest.fixture
def bot(deps):
    return Bot(Core(deps), channel="telegram")


@pytest.fixture
def officers(bot, store):
    """The commune's leader (Lê Văn Cường, o1) and deputy (Phạm Thu Hà, o2), linked on Telegram."""
    ids = {}
    for user, role, name in (("o1", "leader", "Lê Văn Cường"), ("o2", "deputy", "Phạm Thu Hà")):
        ids[user] = store.add_person(name, role, None, phone="0912000111")
        store.create_invite(f"CODE{user.upper()}", None, role, "2099-01-01T00:00:00+07:00", person_id=ids[user])
        assert "đã tham gia" in bot.say(f"/join CODE{user.upper()}", user=user)[0].text
    return ids


def flush(deps, transports) -> None:
    asyncio.run(deliver(deps, transports, deps.now, deps.clock.sleep))


def payloads(replies):
    return [b.payload for r in replies for b in r.buttons]


def open_ticket(bot, question="Tôi đăng ký tạm trú cho con trọ mà hệ thống báo lỗi mã 502, gọi 0912 345 678") -> str:
    bot.say(question, user=CITIZEN)
    offer = bot.press("mh:ask", user=CITIZEN)
    assert "mh:last" in payloads(offer)
    confirm = bot.press("mh:last", user=CITIZEN)
    assert "mh:send" in payloads(confirm)
    sent = bot.press("mh:send", user=CITIZEN)[0].text
    assert "mã phiếu H-" in sent and texts.HANDOFF_WAIT_OPEN in sent
    return "H-" + sent.split("mã phiếu H-")[1][:4]


def test_fallback_and_menu_offer_the_officer_button(bot, officers):
    fallback = bot.say("xyzzy qwerty plugh", user=CITIZEN)
    assert fallback[0].meta.fallback and "mh:ask" in payloads(fallback)
    assert "mh:ask" in payloads(bot.say("menu", user=CITIZEN))


def test_a_ticket_reaches_every_officer_redacted_and_pseudonymous(bot, deps, store, officers):
    code = open_ticket(bot)
    inbox = Inbox()
    flush(deps, {"telegram": inbox})
    for officer in ("o1", "o2"):
        notice = inbox.text(officer)
        assert code in notice and "báo lỗi mã 502" in notice
        assert "0912 345 678" not in notice and CITIZEN not in notice  # no phone number, no chat id
        assert f"h:r:{store.ticket_by_code(code)['id']}" in inbox.payloads(officer)
    assert store.ticket_by_code(code)["status"] == "open"


def test_officer_answers_by_replying_and_the_citizen_closes_with_thumbs_up(bot, deps, store, officers):
    code = open_ticket(bot)
    inbox = Inbox()
    flush(deps, {"telegram": inbox})
    answer = "Anh/chị xóa bộ nhớ đệm của ứng dụng VNeID rồi thử lại; nếu vẫn lỗi, mang căn cước đến Công an xã."
    done = bot.reply(answer, quoted=inbox.text("o1"), user="o1")
    assert done[0].text == texts.TICKET_ANSWERED.format(code=code)
    flush(deps, {"telegram": inbox})
    received = inbox.text(CITIZEN)
    assert answer in received and code in received
    ticket = store.ticket_by_code(code)
    assert ticket["status"] == "answered" and ticket["officer_id"] == officers["o1"]
    assert f"mh:ok:{ticket['id']}" in inbox.payloads(CITIZEN)
    thanks = bot.press(f"mh:ok:{ticket['id']}", user=CITIZEN)
    assert thanks[0].text == texts.HANDOFF_RATED.format(code=code)
    assert store.ticket(ticket["id"])["status"] == "closed" and store.ticket(ticket["id"])["rating"] == 1
    # another person cannot rate or add to it
    assert bot.press(f"mh:no:{ticket['id']}", user="c2")[0].text == texts.HANDOFF_TICKET_GONE


def test_first_officer_owns_the_ticket_the_other_sees_it_taken(bot, store, officers):
    code = open_ticket(bot)
    ticket_id = store.ticket_by_code(code)["id"]
    typing = bot.press(f"h:r:{ticket_id}", user="o2")
    assert typing[0].text == texts.TICKET_TYPE_ANSWER.format(code=code)
    taken = bot.say(f"/traloi {code} Tôi trả lời luôn", user="o1")
    assert taken[0].text == texts.TICKET_TAKEN_BY.format(code=code, name="Phạm Thu Hà")
    assert bot.say("Mời anh mang căn cước đến Công an xã vào sáng thứ bảy.", user="o2")[0].text == \
        texts.TICKET_ANSWERED.format(code=code)
    messages = store.ticket_messages(ticket_id)
    assert [m["author"] for m in messages] == ["citizen", "officer"]
    assert messages[1]["text"].startswith("Mời anh mang căn cước")


def test_answer_command_validates_its_arguments(bot, store, officers):
    assert bot.say("/traloi", user="o1")[0].text == texts.TICKET_USAGE
    assert bot.say("/traloi H-0001 nội dung", user="o1")[0].text == texts.TICKET_NOT_FOUND.format(code="H-0001")
    # a citizen cannot answer tickets, list them or press officers' buttons
    code = open_ticket(bot)
    ticket_id = store.ticket_by_code(code)["id"]
    for reply in (bot.say(f"/traloi {code} xin chào", user="c2"), bot.say("/phieu", user="c2"),
                  bot.press(f"h:c:{ticket_id}", user="c2"), bot.press(f"h:r:{ticket_id}", user=CITIZEN)):
        assert reply[0].text == texts.TICKET_NOT_OFFICER
    assert store.ticket(ticket_id)["status"] == "open"


def test_ticket_list_and_close_without_answer_tells_the_citizen(bot, deps, store, officers):
    code = open_ticket(bot)
    listing = bot.say("/phieu", user="o1")[0].text
    assert code in listing and texts.TICKET_STATE_OPEN in listing
    ticket_id = store.ticket_by_code(code)["id"]
    assert bot.press(f"h:c:{ticket_id}", user="o1")[0].text == texts.TICKET_CLOSED.format(code=code)
    inbox = Inbox()
    flush(deps, {"telegram": inbox})
    assert f"Phiếu {code} đã được cán bộ đóng" in inbox.text(CITIZEN)
    assert bot.say("/phieu", user="o1")[0].text == texts.TICKET_LIST_EMPTY


def test_forward_to_another_officer(bot, deps, store, officers):
    code = open_ticket(bot)
    ticket_id = store.ticket_by_code(code)["id"]
    choices = bot.press(f"h:f:{ticket_id}", user="o1")
    assert payloads(choices) == [f"h:fp:{ticket_id}:{officers['o2']}"]
    bot.press(f"h:fp:{ticket_id}:{officers['o2']}", user="o1")
    assert store.ticket(ticket_id)["officer_id"] == officers["o2"]
    inbox = Inbox()
    flush(deps, {"telegram": inbox})
    assert "Lê Văn Cường chuyển cho đồng chí phiếu" in inbox.text("o2")


def test_citizen_adds_to_an_answered_ticket_and_its_officer_hears_of_it(bot, deps, store, officers):
    code = open_ticket(bot)
    ticket_id = store.ticket_by_code(code)["id"]
    bot.say(f"/traloi {code} Anh làm theo hướng dẫn trên VNeID.", user="o1")
    assert texts.HANDOFF_ADD_ASK.format(code=code) == bot.press(f"mh:add:{ticket_id}", user=CITIZEN)[0].text
    assert bot.say("Tôi không thấy mục đó trong ứng dụng", user=CITIZEN)[0].text == \
        texts.HANDOFF_ADDED.format(code=code)
    inbox = Inbox()
    flush(deps, {"telegram": inbox})
    assert "Tôi không thấy mục đó" in inbox.text("o1") and "Tôi không thấy mục đó" not in inbox.text("o2")
    assert store.ticket(ticket_id)["status"] == "taken"


def test_words_ask_for_a_person_typed_question_and_cancel(bot, store, officers):
    ask = bot.say("cho toi gap can bo that duoc khong", user="c3")
    assert ask[0].text == texts.HANDOFF_ASK
    assert bot.say("ok", user="c3")[0].text == texts.HANDOFF_TOO_SHORT
    confirm = bot.say("Con tôi 15 tuổi đi làm căn cước lần đầu ở đâu ạ", user="c3")
    assert "«Con tôi 15 tuổi đi làm căn cước lần đầu ở đâu ạ»" in confirm[0].text
    assert bot.say("hủy", user="c3")[0].text == texts.HANDOFF_CANCELLED
    assert store.open_tickets() == []
    # «công an xã ở đâu» is a question, not a request for a person
    assert bot.say("cong an xa o dau", user="c3")[0].text != texts.HANDOFF_ASK


def test_limits_on_open_tickets(bot, deps, store, officers):
    deps.config.handoff.max_open = 2
    for _ in range(2):
        bot.press("mh:new", user=CITIZEN)
        bot.say("Hỏi về thủ tục tách hộ khi con đã lập gia đình", user=CITIZEN)
        assert "mã phiếu" in bot.press("mh:send", user=CITIZEN)[0].text
    bot.press("mh:new", user=CITIZEN)
    bot.say("Câu hỏi thứ ba về thường trú cho con", user=CITIZEN)
    refused = bot.press("mh:send", user=CITIZEN)[0].text
    assert refused.startswith("Bạn đang có 2 câu hỏi chờ cán bộ trả lời") and len(store.open_tickets()) == 2


def test_channels_that_cannot_receive_an_answer_are_told_where_to_go(deps, officers):
    console = TestBot(Core(deps), channel="console")
    reply = console.press("mh:ask")
    assert reply[0].text == texts.HANDOFF_NOT_HERE.format(contact=deps.config.organisation.contact)
    assert "mh:ask" not in payloads(console.say("xyzzy qwerty plugh"))


def test_out_of_hours_wait_is_honest(bot, clock, officers):
    clock.advance(hours=10)  # Thursday 20:00
    bot.press("mh:new", user=CITIZEN)
    bot.say("Cho hỏi thủ tục xóa đăng ký thường trú", user=CITIZEN)
    sent = bot.press("mh:send", user=CITIZEN)[0].text
    assert "ngoài giờ làm việc" in sent and "07:30 ngày mai" in sent


def test_unanswered_ticket_is_escalated_to_leaders_in_office_hours_once(bot, deps, clock, store, officers):
    code = open_ticket(bot)
    inbox = Inbox()
    asyncio.run(run_pass(deps, clock(), {"telegram": inbox}, clock.sleep))
    assert "chưa được trả lời" not in inbox.text("o1")
    clock.advance(hours=12)  # Thursday 22:00: 7 office hours, and quiet hours anyway
    asyncio.run(run_pass(deps, clock(), {"telegram": inbox}, clock.sleep))
    assert "chưa được trả lời" not in inbox.text("o1")
    clock.advance(hours=10)  # Friday 08:00: 7.5 office hours
    asyncio.run(run_pass(deps, clock(), {"telegram": inbox}, clock.sleep))
    assert "chưa được trả lời" not in inbox.text("o1")
    clock.advance(hours=2)  # Friday 10:00: 9.5 office hours
    for _ in range(2):
        asyncio.run(run_pass(deps, clock(), {"telegram": inbox}, clock.sleep))
    assert inbox.text("o1").count(f"Phiếu {code} của người dân chưa được trả lời") == 1


def test_an_answer_that_cannot_be_delivered_is_reported_to_the_officer(bot, deps, store, officers):
    code = open_ticket(bot)
    bot.say(f"/traloi {code} Anh/chị ra Công an xã nhé.", user="o1")
    inbox = Inbox(refuse={CITIZEN})
    flush(deps, {"telegram": inbox})
    flush(deps, {"telegram": inbox})
    assert f"Chưa gửi được câu trả lời phiếu {code}" in inbox.text("o1")


def test_kb_tickets_lists_answered_tickets_for_curators(bot, deps, store, officers, tmp_path, monkeypatch, capsys):
    code = open_ticket(bot)
    bot.say(f"/traloi {code} Mang căn cước đến Công an xã.", user="o1")
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    assert cli_main(["kb", "tickets"]) == 0
    out = capsys.readouterr().out
    assert code in out and "Mang căn cước đến Công an xã." in out and "0912 345 678" not in out


def test_stale_and_forged_buttons(bot, officers):
    assert bot.press("mh:send", user=CITIZEN)[0].text == texts.STALE_BUTTON
    assert bot.press("h:r:abc", user="o1")[0].text == texts.STALE_BUTTON
    assert bot.press("h:r:999", user="o1")[0].text == texts.HANDOFF_TICKET_GONE
    assert bot.send(Kind.STICKER, user=CITIZEN)[0].text == texts.NON_TEXT


async def test_through_telegram_citizen_asks_officer_replies_to_the_message_citizen_closes(
        polling, deps, store, clock):  # noqa: F811
    """The Telegram channel against the fake Bot API: both sides of a ticket."""
    api = polling
    send = {"telegram": api.channel.send}
    pid = store.add_person("Lê Văn Cường", "leader", None)
    store.create_invite("CODEO1", None, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    api.push_message(2002, "/join CODEO1")
    assert await until(lambda: api.sent_to(2002))
    api.push_message(1001, "xyzzy qwerty plugh")
    assert await until(lambda: api.sent_to(1001))
    assert "mh:ask" in [b["callback_data"] for b in buttons(api.sent_to(1001)[-1])]
    for n, data in enumerate(("mh:ask", "mh:new"), start=2):
        api.push_button(1001, data)
        assert await until(lambda n=n: len(api.sent_to(1001)) >= n)
    api.push_message(1001, "Nhà tôi ở xóm 3, muốn hỏi lịch cấp căn cước lưu động tháng này")
    assert await until(lambda: len(api.sent_to(1001)) >= 4)
    api.push_button(1001, "mh:send")
    assert await until(lambda: "mã phiếu H-" in api.sent_to(1001)[-1].get("text", ""))
    await deliver(deps, send, deps.now, clock.sleep)
    ticket_message = next(m for m in api.sent_to(2002) if "Phiếu H-" in m.get("text", ""))
    assert "1001" not in ticket_message["text"] and "Dân 1001" not in ticket_message["text"]
    quoted = {"message_id": ticket_message["message_id"], "date": 0, "text": ticket_message["text"],
              "chat": {"id": 2002, "type": "private"}, "from": {"id": 999, "is_bot": True, "first_name": "Trợ lý 06"}}
    api.push_message(2002, "Lịch cấp lưu động ngày 12/12 tại nhà văn hóa xóm 3, anh mang theo giấy khai sinh.",
                     reply_to_message=quoted)
    assert await until(lambda: "Đã gửi câu trả lời" in api.sent_to(2002)[-1].get("text", ""))
    await deliver(deps, send, deps.now, clock.sleep)
    answer = api.sent_to(1001)[-1]
    assert "Lịch cấp lưu động ngày 12/12" in answer["text"]
    ok = next(b["callback_data"] for b in buttons(answer) if b["callback_data"].startswith("mh:ok:"))
    api.push_button(1001, ok)
    assert await until(lambda: "đã đóng" in api.sent_to(1001)[-1].get("text", ""))
    assert store.ticket(int(ok.split(":")[2]))["rating"] == 1


def test_a_zalo_citizen_chooses_by_number_and_gets_the_answer_on_zalo(deps, store, officers):
    zalo = TestBot(Core(deps), channel="zalo")
    fallback = zalo.say("xyzzy qwerty plugh", user="z1")
    number = payloads(fallback).index("mh:ask") + 1
    asked = zalo.say(str(number), user="z1")  # typing the number presses the button
    assert payloads(asked) == ["mh:last", "mh:new", "mh:x"]
    zalo.say("2", user="z1")
    zalo.say("Cho hỏi cấp đổi căn cước do sai ngày sinh thì làm ở đâu", user="z1")
    sent = zalo.say("1", user="z1")[0].text
    code = "H-" + sent.split("mã phiếu H-")[1][:4]
    bot_o1 = Bot(Core(deps), channel="telegram")
    bot_o1.say(f"/traloi {code} Chị đến Công an xã, mang giấy khai sinh để đính chính.", user="o1")
    zalo_inbox, telegram = Inbox(), Inbox()
    flush(deps, {"zalo": zalo_inbox, "telegram": telegram})
    assert "Chị đến Công an xã" in zalo_inbox.text("z1")


def test_tick_now_escalates_an_unanswered_ticket_once(cli, data_dir):
    """`python -m bot tick --now …` queues the escalation of a ticket unanswered for 8 office hours, once."""
    from bot.storage import Store

    store = Store.open(data_dir)
    pid = store.add_person("Lê Văn Cường", "leader", None)
    store.create_invite("CODEO1", None, "leader", "2099-01-01T00:00:00+07:00", person_id=pid)
    store.redeem_invite("CODEO1", "telegram", "o1", "Cường", "2026-12-01T08:00:00+07:00")
    store.open_ticket("H-4321", "telegram", "c1", "c1", "Cho hỏi thủ tục tách hộ", None, "2026-12-03T08:00:00+07:00")
    store.close()
    early = cli("tick", "--now", "2026-12-03T15:00:00+07:00")
    assert early.returncode == 0 and "ticket-escalate" not in early.stdout  # 7 office hours
    due = cli("tick", "--now", "2026-12-04T08:30:00+07:00")
    assert due.returncode == 0
    assert [line for line in due.stdout.splitlines() if line.startswith("ticket-escalate:")] and "H-4321" in due.stdout
    assert cli("tick", "--now", "2026-12-04T09:00:00+07:00").returncode == 0
    store = Store.open(data_dir)
    queued = [r for r in store.outbox() if r["key"].startswith("ticket-escalate:")]
    store.close()
    assert len(queued) == 1 and queued[0]["chat_id"] == "o1"  # queued once, for the leader's chat
