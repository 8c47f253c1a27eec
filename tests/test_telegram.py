"""Telegram end to end: the real python-telegram-bot library against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from telegram import Update

from bot.channels.telegram import (
    COMMANDS,
    TelegramChannel,
    build_bot,
    keyboard,
    keyboard_json,
    message_incoming,
    private_text,
    register_commands,
    send_replies,
)
from bot.core import Core
from bot.http import web_app
from bot.messages import Button, Outgoing, split_text
from nlu.normalize import fold
from tests.fakes.telegram_server import FakeBotApi, user

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


async def until(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        await asyncio.sleep(0.01)
    return False


def buttons(record: dict) -> list[dict]:
    markup = record.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


@pytest.fixture
async def polling(deps):
    """The bot polling a fake Bot API server; yields the server."""
    with FakeBotApi() as api:
        channel = TelegramChannel(Core(deps), build_bot(api.token, api.base_url))
        await channel.connect()
        await register_commands(channel.bot, deps.config)
        stop = asyncio.Event()
        task = asyncio.create_task(channel.poll(stop, timeout=1))
        api.channel = channel
        yield api
        stop.set()
        await asyncio.wait_for(task, 5)
        await channel.stop()


async def test_commands_registered_in_vietnamese(polling):
    (params,) = polling.called("setMyCommands")
    assert [c["command"] for c in params["commands"]] == [c.command for c in COMMANDS]
    assert "Số tổng đài hỗ trợ" in [c["description"] for c in params["commands"]]


async def test_question_answer_related_button_and_feedback(polling, store, kb):
    polling.push_message(1001, "dang ky tam tru o dau")
    assert await until(lambda: polling.sent_to(1001))
    answer = polling.sent_to(1001)[0]
    assert "tam tru" in fold(answer["text"])
    keys = buttons(answer)
    related = [b for b in keys if b["callback_data"].startswith("t:")]
    feedback = [b for b in keys if b["callback_data"].startswith("f:")]
    assert related and [b["text"] for b in feedback] == ["👍 Hữu ích", "👎 Chưa đúng"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in keys)
    assert "parse_mode" not in answer

    message = {"message_id": answer["message_id"], "date": 0, "chat": {"id": 1001, "type": "private"},
               "from": {"id": 999, "is_bot": True, "first_name": "Trợ lý 06"}, "text": answer["text"],
               "reply_markup": answer["reply_markup"]}
    polling.push({"callback_query": {"id": "cb1", "from": user(1001), "chat_instance": "c", "data":
                                     related[0]["callback_data"], "message": message}})
    assert await until(lambda: len(polling.sent_to(1001)) == 2)
    assert polling.called("answerCallbackQuery")
    topic = related[0]["callback_data"][2:]
    assert polling.sent_to(1001)[1]["text"].startswith(kb.entries[topic].answer[:40])
    polling.push({"callback_query": {"id": "cb2", "from": user(1001), "chat_instance": "c", "data":
                                     feedback[1]["callback_data"], "message": message}})
    assert await until(lambda: len(polling.sent_to(1001)) == 3)
    (edit,) = polling.called("editMessageReplyMarkup")
    remaining = [b["callback_data"] for row in edit["reply_markup"]["inline_keyboard"] for b in row]
    assert remaining and not any(p.startswith("f:") for p in remaining)
    assert store.questions()[0]["feedback"] == -1


@pytest.mark.parametrize("extra", [
    {"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512, "height": 512,
                 "is_animated": False, "is_video": False}},
    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 10, "height": 10}]},
    {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}},
    {"location": {"latitude": 21.0, "longitude": 105.8}},
    {"contact": {"phone_number": "0912345678", "first_name": "A"}},
    {"document": {"file_id": "d", "file_unique_id": "d"}},
])
async def test_non_text_gets_a_polite_reply(polling, store, extra):
    polling.push_message(1002, None, **extra)
    assert await until(lambda: polling.sent_to(1002))
    assert "chỉ đọc được tin nhắn chữ" in polling.sent_to(1002)[0]["text"]
    assert store.questions() == []


async def test_markup_characters_are_sent_as_plain_text(polling):
    polling.push_message(1003, "*_[<b>lỗi</b>](x) `")
    assert await until(lambda: polling.sent_to(1003))
    assert all("parse_mode" not in s for s in polling.sent_to(1003))


# A chat's updates are handled one at a time in the order they came (``Channel.lane``): once the reply to a later
# update of the chat has arrived, a reply to an earlier one would have arrived before it. So a later update with a
# different reply proves the earlier one got none, without waiting for a reply that should never come.
async def test_duplicate_update_id_is_handled_once(polling):
    update = polling.push_message(1004, "hotline")
    assert await until(lambda: polling.sent_to(1004))
    polling.push({**update, "_redeliver": True})
    polling.push_message(1004, "menu")  # a later update proves the loop went on
    assert await until(lambda: len(polling.sent_to(1004)) >= 2)
    assert polling.sent_to(1004)[1]["text"] != polling.sent_to(1004)[0]["text"]  # the menu, not the hotline again
    assert len(polling.sent_to(1004)) == 2


async def test_edited_message_is_ignored(polling):
    polling.push({"edited_message": {**polling.message(1005, "hotline"), "edit_date": 1}})
    polling.push_message(1005, "menu")
    assert await until(lambda: polling.sent_to(1005))
    assert "1800 1096" not in polling.sent_to(1005)[0]["text"]  # the menu's reply is the first: none to the edit
    assert len(polling.sent_to(1005)) == 1


async def test_429_is_waited_out_and_the_message_still_delivered(polling):
    polling.fail_next("sendMessage", retry_after=1)
    start = time.monotonic()
    polling.push_message(1006, "hotline")
    assert await until(lambda: polling.sent_to(1006), timeout=15)
    assert time.monotonic() - start >= 1.0
    assert len(polling.called("sendMessage")) >= 2


async def test_group_messages_only_when_addressed(polling):
    group = {"id": -500, "type": "group", "title": "Thôn 1"}
    polling.push({"message": polling.message(1007, "menu", chat=group)})
    polling.push({"message": polling.message(1007, "@troly06_test_bot hotline", chat=group)})  # handled after it
    assert await until(lambda: polling.sent_to(-500))
    assert "1800 1096" in polling.sent_to(-500)[0]["text"]  # the first reply: none to the message not addressed
    polling.push({"message": polling.message(1007, "/menu@other_bot", chat=group)})
    polling.push({"message": polling.message(1007, "@troly06_test_bot hotline", chat=group)})
    assert await until(lambda: len(polling.sent_to(-500)) >= 2)
    assert "1800 1096" in polling.sent_to(-500)[1]["text"]  # not the menu: the other bot's command went unanswered
    assert len(polling.sent_to(-500)) == 2


async def test_long_answers_are_split_under_4096_with_buttons_on_the_last_piece(polling):
    text = "\n".join(f"Dòng số {i}: " + "nội dung " * 10 for i in range(120))
    reply = Outgoing(text, (Button("Tiếp", "m"),))
    await send_replies(polling.channel.bot, 1008, [reply])
    sent = polling.sent_to(1008)
    assert len(text) > 2 * 4096 and len(sent) == len(split_text(text, 4096)) >= 3
    assert all(len(s["text"]) <= 4096 for s in sent)
    assert " ".join(s["text"] for s in sent).split() == text.split()  # nothing lost, cut between lines
    assert [bool(s.get("reply_markup")) for s in sent] == [False] * (len(sent) - 1) + [True]


async def test_replies_reach_the_bot_api_as_ptbs_own_send_message_sends_them(polling):
    """send_replies posts sendMessage itself (JSON body, keyboard built as JSON, Telegram's answer not parsed):
    the Bot API receives exactly the parameters python-telegram-bot's send_message sends."""
    reply = Outgoing("Đăng ký tạm trú «online» & 100% <b>", (
        Button("👍 Hữu ích", "f:1:1"), Button("👎 Chưa đúng", "f:1:0"), Button("Các bước tạm trú", "t:tam_tru")))
    assert keyboard_json(reply) == keyboard(reply).to_dict()
    await send_replies(polling.channel.bot, 1010, [reply, Outgoing("Không nút")])
    await polling.channel.bot.send_message(1011, reply.text, reply_markup=keyboard(reply))
    await polling.channel.bot.send_message(1011, "Không nút")
    ours, ptbs = polling.called("sendMessage")[-4:-2], polling.called("sendMessage")[-2:]
    assert [dict(p, chat_id="x") for p in ours] == [dict(p, chat_id="x") for p in ptbs]
    assert ours[0]["reply_markup"]["inline_keyboard"][0][1] == {"text": "👎 Chưa đúng", "callback_data": "f:1:0"}


PLAIN = {"update_id": 41, "message": {"message_id": 7, "date": 1764700000, "text": "quên mật khẩu VNeID",
                                      "chat": {"id": 4242, "type": "private", "first_name": "Lan"},
                                      "from": {"id": 4242, "is_bot": False, "first_name": "Lan"}}}


def _with(path: str, value) -> dict:
    """PLAIN with one field (``message.from.last_name``) set, or removed when ``value`` is ...."""
    data = json.loads(json.dumps(PLAIN))
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return data


@pytest.mark.parametrize("data", [PLAIN, _with("message.from.last_name", "Nguyễn Thị"),
                                  _with("message.from.last_name", ""), _with("message.from.username", "lan_ng"),
                                  _with("message.from.language_code", "vi"), _with("message.chat.username", "lan"),
                                  _with("message.text", ""), _with("message.text", "/start join_AB12CD34")])
def test_a_private_text_update_read_from_its_json_is_what_ptb_makes_of_it(data):
    """The webhook reads the commonest update without python-telegram-bot's objects: the same Incoming."""
    expected = message_incoming(Update.de_json(data, build_bot("123:abc")), data["message"]["text"])
    assert private_text(data) == expected


@pytest.mark.parametrize("data", [
    _with("message.chat.type", "group"), _with("message.chat.type", "supergroup"),
    _with("message.reply_to_message", PLAIN["message"]), _with("message.entities", [{"type": "bot_command"}]),
    _with("message.from", ...), _with("message.from.first_name", ""), _with("message.from.id", "4242"),
    _with("message.from.is_bot", 0), _with("message.text", ...), _with("message.photo", []),
    _with("message.date", 10**12), _with("message.chat.id", 1.5), _with("edited", 1), _with("message", ...),
    {"update_id": 42, "callback_query": {"id": "1"}}])
def test_every_other_update_takes_ptbs_full_path(data):
    assert private_text(data) is None


async def test_picture_and_file_replies(polling):
    await send_replies(polling.channel.bot, 1009, [
        Outgoing("Biểu đồ", picture=b"\x89PNG\r\n\x1a\nfake"),
        Outgoing("Số liệu", file=b"PK\x03\x04fake", filename="tong_hop.xlsx"),
    ])
    assert [s["method"] for s in polling.sent_to(1009)] == ["sendPhoto", "sendDocument"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_refuses_wrong_secret_and_serves_healthz(deps):
    import uvicorn

    with FakeBotApi() as api:
        channel = TelegramChannel(Core(deps), build_bot(api.token, api.base_url), "https://x.example/telegram",
                                  "s3cret")
        await channel.connect()
        port = _free_port()
        app = web_app(channel.routes())
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        task = asyncio.create_task(server.serve())
        try:
            assert await until(lambda: server.started)
            update = {"update_id": 77, "message": api.message(2001, "hotline")}
            assert private_text(update) is not None  # the webhook's own reading of the update, not PTB's
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                assert (await client.get("/healthz")).json() == {"status": "ok"}
                wrong = await client.post("/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
                missing = await client.post("/telegram", json=update)
                assert (wrong.status_code, missing.status_code) == (403, 403)
                await asyncio.sleep(0.3)
                assert api.sent_to(2001) == []
                ok = await client.post("/telegram", json=update,
                                       headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
                assert ok.status_code == 200
                assert api.sent_to(2001)  # answered before the 200
                again = await client.post("/telegram", json=update,
                                          headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
                assert again.status_code == 200
                await asyncio.sleep(0.3)
                assert len(api.sent_to(2001)) == 1
        finally:
            server.should_exit = True
            await task
            await channel.stop()


def _run_bot(env_extra: dict, tmp_path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(BOT_DATA_DIR=str(tmp_path), **env_extra)
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_run_without_token_says_what_to_do(cli, data_dir):
    for model in data_dir.glob("matcher-*.npz"):
        model.unlink()  # told before the knowledge base and the model load: nothing is trained
    result = cli("run")  # in this process: the settings are checked before anything starts
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("Cannot start: no channel is configured")
    assert "Traceback" not in result.stderr
    assert list(data_dir.glob("matcher-*.npz")) == []


def test_run_with_malformed_token_is_one_clear_line(cli, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not a token")
    result = cli("run")
    assert result.returncode == 2 and "TELEGRAM_BOT_TOKEN is malformed" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_refused_token_is_one_clear_line(data_dir):  # a real `python -m bot run`, up to its first call
    with FakeBotApi(token="1:right") as api:
        result = _run_bot({"TELEGRAM_BOT_TOKEN": "1:wrong", "TELEGRAM_BASE_URL": api.base_url}, data_dir)
    assert result.returncode == 2 and "refused TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


async def test_updates_of_one_chat_run_in_order_and_other_chats_concurrently(deps):
    from bot.channels.base import Channel

    channel = Channel(Core(deps))
    log: list[str] = []

    async def work(chat: str, name: str, delay: float) -> None:
        async with channel.lane(chat):
            log.append(f"start {name}")
            await asyncio.sleep(delay)
            log.append(f"end {name}")

    await asyncio.gather(work("1", "a1", 0.05), work("1", "a2", 0.0), work("2", "b1", 0.0))
    assert log.index("end a1") < log.index("start a2")  # same chat: in order
    assert log.index("end b1") < log.index("end a1")  # other chat: not held up
    assert channel._lanes == {}


async def test_member_reports_through_telegram(polling, store):
    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("TGCODE22", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    polling.push_message(3001, "/join TGCODE22")
    assert await until(lambda: polling.sent_to(3001))
    assert await until(lambda: len(polling.called("setMyCommands")) == 2)
    scoped = polling.called("setMyCommands")[1]
    assert "baocao" in [c["command"] for c in scoped["commands"]]
    scope = scoped["scope"] if isinstance(scoped["scope"], dict) else json.loads(scoped["scope"])
    assert scope == {"type": "chat", "chat_id": 3001}
    for n, text in enumerate(["báo cáo", "12", "30", "25", "1.200", "bỏ qua", "bỏ qua", "bỏ qua"], start=2):
        polling.push_message(3001, text)
        assert await until(lambda n=n: len(polling.sent_to(3001)) >= n)
    # 1.200 is far above the village's target: a warning comes before the summary
    assert await until(lambda: "r:ok" in [b["callback_data"] for b in buttons(polling.sent_to(3001)[-1])])
    summary = polling.sent_to(3001)[-1]
    confirm = next(b for b in buttons(summary) if b["callback_data"] == "r:ok")
    polling.push_button(3001, confirm["callback_data"], message={
        "message_id": summary["message_id"], "date": 0, "chat": {"id": 3001, "type": "private"}, "text": "x"})
    assert await until(lambda: "Đã lưu báo cáo" in polling.sent_to(3001)[-1]["text"])
    report = store.report("2026-11", "trung_thuong")  # the clock fixture stands at 03/12/2026
    assert report["values"] == {"cccd": 12, "muc2": 30, "kich_hoat": 25, "dvc": 1200}
