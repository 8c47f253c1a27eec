"""Citizen conversations through the whole core (``testbot``), on a real SQLite file."""

from __future__ import annotations

import pytest

from bot import texts
from bot.messages import Kind
from nlu.normalize import fold
from tests.conftest import TestBot


def _text(replies):
    return "\n".join(r.text for r in replies)


def test_answer_has_source_date_related_and_feedback_buttons(testbot, kb):
    replies = testbot.say("quen mat khau vneid thi lam sao")
    assert replies[0].meta.topic == "vneid_quen_mat_khau"
    entry = kb.entries["vneid_quen_mat_khau"]
    assert replies[0].text.startswith(entry.answer[:40])
    assert f"Nguồn: {entry.source}" in replies[0].text
    assert entry.reviewed.strftime("%d/%m/%Y") in replies[0].text
    payloads = [b.payload for b in replies[0].buttons]
    assert [p for p in payloads if p.startswith("t:")][: len(entry.related)] == [f"t:{r}" for r in entry.related]
    qid = replies[0].meta.question_id
    assert payloads[-2:] == [f"f:{qid}:1", f"f:{qid}:0"]


def test_question_is_logged_redacted_with_topic_and_confidence(testbot, store):
    testbot.say("CCCD 001099012345 của tôi, sđt 0912 345 678, quên mật khẩu VNeID")
    (row,) = store.questions()
    assert "001099012345" not in row["text"] and "0912" not in row["text"]
    assert "[số định danh]" in row["text"] and "[số điện thoại]" in row["text"]
    assert row["topic"] == "vneid_quen_mat_khau" and row["fallback"] == 0 and 0 < row["confidence"] <= 1


@pytest.mark.parametrize("question, where", [
    ("thủ tục ly hôn", texts.OUT_OF_SCOPE_WHERE["court"]), ("giá vàng hôm nay", texts.OUT_OF_SCOPE_WHERE["banking"]),
    ("làm sổ đỏ lần đầu ở đâu", texts.OUT_OF_SCOPE_WHERE["land"]),
    ("quyết toán thuế thu nhập doanh nghiệp", texts.OUT_OF_SCOPE_WHERE["tax"]),
    ("thời tiết mai thế nào", texts.OUT_OF_SCOPE_WHERE_DEFAULT), ("hjhj", texts.OUT_OF_SCOPE_WHERE_DEFAULT),
])
def test_out_of_scope_is_declined_with_where_such_questions_go(testbot, store, question, where):
    replies = testbot.say(question)
    assert replies[0].meta.fallback is True and replies[0].meta.topic is None
    assert replies[0].text == texts.OUT_OF_SCOPE.format(where=where)
    assert "1900 0368" not in replies[0].text  # no police hotline for a divorce or a gold price
    assert store.questions()[-1]["fallback"] == 1


def test_feedback_is_stored_and_drops_the_feedback_buttons(testbot, store):
    qid = testbot.say("hotline ho tro vneid")[0].meta.question_id
    reply = testbot.press(f"f:{qid}:0")
    assert reply[0].text == texts.FEEDBACK_THANKS_NO and reply[0].meta.drop_buttons == "f:"
    assert store.question(qid)["feedback"] == -1
    testbot.press(f"f:{qid}:1")
    assert store.question(qid)["feedback"] == 1


def test_related_topic_button_shows_that_entry(testbot, kb):
    reply = testbot.press("t:vneid_muc2")
    assert reply[0].text.startswith(kb.entries["vneid_muc2"].answer[:30])


def test_menu_groups_and_number_choice(testbot, kb):
    menu = testbot.say("menu")  # a channel that cannot push: no subscription to offer, no officer's answer to wait for
    assert [b.label for b in menu[0].buttons] == [g.name for g in kb.groups]
    on_telegram = TestBot(testbot.core, channel="telegram").say("menu")
    assert [b.label for b in on_telegram[0].buttons] == [g.name for g in kb.groups] + [texts.SUBSCRIBE_BUTTON,
                                                                                       texts.HANDOFF_BUTTON]
    group = testbot.say("1")  # typing the number picks the first group
    first_page = [f"t:{i}" for i in kb.groups[0].entry_ids[:8]]
    assert [b.payload for b in group[0].buttons] == first_page + ["g:0:1", "m"]
    entry = testbot.say("2")
    assert entry[0].text.startswith(kb.entries[kb.groups[0].entry_ids[1]].answer[:30])


def test_a_long_group_pages_with_more_and_every_topic_leads_back(testbot, kb):
    index = next(i for i, g in enumerate(kb.groups) if len(g.entry_ids) > 8)
    topics = list(kb.groups[index].entry_ids)
    seen, page, payload = [], 0, f"g:{index}"
    while payload:
        buttons = testbot.press(payload)[0].buttons
        assert len(buttons) <= 10 and buttons[-1].payload == "m"
        seen += [b.payload[2:] for b in buttons if b.payload.startswith("t:")]
        page += 1
        payload = next((b.payload for b in buttons if b.payload == f"g:{index}:{page}"), None)
    assert seen == topics
    answer = testbot.press(f"t:{topics[-1]}")[0]
    assert [b.payload for b in answer.buttons][-2:] == [f"g:{index}", "m"]
    assert testbot.press(f"g:{index}:{page + 5}")[0].text == texts.STALE_BUTTON


def test_greeting_thanks_and_help_are_not_menu_topics(testbot, kb):
    shown = []
    for i in range(len(kb.groups)):
        payload = f"g:{i}"
        while payload:
            buttons = testbot.press(payload)[0].buttons
            shown += [b.payload for b in buttons]
            payload = next((b.payload for b in buttons if b.payload.startswith(f"g:{i}:")), None)
    assert not {"t:greeting", "t:thanks", "t:help"} & set(shown)


def test_number_without_choices_is_a_question_not_a_crash(testbot):
    replies = testbot.say("7")
    assert replies and replies[0].meta.fallback is True


@pytest.mark.parametrize("command", ["/start", "/menu", "/help"])
def test_start_menu_help_show_topic_groups(testbot, kb, command):
    groups = [f"g:{i}" for i in range(len(kb.groups))]
    assert [b.payload for b in testbot.say(command)[0].buttons] == groups
    on_telegram = TestBot(testbot.core, channel="telegram").say(command)
    assert [b.payload for b in on_telegram[0].buttons] == groups + ["s:1", "mh:ask"]


def test_hotline_command(testbot):
    text = testbot.say("/hotline")[0].text
    assert "1800 1096" in text and "1900 0368" in text and "{local_contact}" not in text


def test_start_deep_link_to_a_topic(testbot, kb):
    assert testbot.say("/start vneid_muc1")[0].text.startswith(kb.entries["vneid_muc1"].answer[:30])


def test_unknown_command_gets_a_clear_reply_and_logs_nothing(testbot, store):
    assert "/xyz" in testbot.say("/xyz")[0].text
    assert store.questions() == []


@pytest.mark.parametrize("text, expected", [
    ("", texts.EMPTY), ("   ", texts.EMPTY), ("😀😀🎉", texts.NO_WORDS), ("???", texts.NO_WORDS),
])
def test_empty_and_emoji_only_messages(testbot, store, text, expected):
    assert _text(testbot.say(text)) == expected
    assert store.questions() == []


def test_five_thousand_characters_are_refused_politely(testbot, store):
    reply = _text(testbot.say("vneid mức 2 " * 416 + "ok ok ok"))
    assert "dài quá (5.000 ký tự)" in reply
    assert store.questions() == []


@pytest.mark.parametrize("kind", [Kind.STICKER, Kind.PHOTO, Kind.VOICE, Kind.VIDEO, Kind.DOCUMENT,
                                  Kind.LOCATION, Kind.CONTACT])
def test_non_text_input_gets_a_polite_vietnamese_reply(testbot, store, kind):
    assert _text(testbot.send(kind)) == texts.NON_TEXT
    assert store.questions() == []


def test_stale_or_forged_buttons(testbot):
    for payload in ["t:does_not_exist", "g:99", "f:999999:1", "zzz", "f:abc:1"]:
        assert testbot.press(payload)[0].text == texts.STALE_BUTTON


def test_markup_characters_are_plain_text(testbot, store):
    question = "*_[<b>lỗi</b>](x) `"
    replies = testbot.say(question)
    assert replies[0].meta.fallback is True and "1800 1096" in replies[0].text  # asked and answered as a question
    assert store.questions()[-1]["text"] == question


def test_greeting_is_answered(testbot):
    assert "chao" in fold(testbot.say("chào bạn")[0].text)


def test_smalltalk_has_no_source_line_or_feedback(testbot):
    reply = testbot.say("xin chào")[0]
    assert reply.meta.topic == "greeting" and "Nguồn:" not in reply.text
    assert not any(b.payload.startswith("f:") for b in reply.buttons)


@pytest.mark.parametrize("question", ["tôi muốn hỏi về thủ tục ly hôn", "cho em hỏi về bảo hiểm nhân thọ",
                                      "bot ơi hát một bài đi"])
def test_polite_openings_do_not_pull_out_of_scope_questions_in(testbot, question):
    assert testbot.say(question)[0].meta.fallback is True


def test_someone_else_cannot_vote_on_my_question(testbot, store):
    qid = testbot.say("hotline ho tro vneid", user="a")[0].meta.question_id
    assert testbot.press(f"f:{qid}:0", user="b")[0].text == texts.STALE_BUTTON
    assert store.question(qid)["feedback"] is None


def test_asking_whether_it_is_a_real_person_gets_the_small_talk_reply(testbot, deps):
    reply = testbot.say("bạn là người thật à")[0]
    assert reply.text == texts.SMALLTALK.format(contact=deps.config.organisation.contact)
    assert reply.meta.fallback is True and reply.meta.topic is None


@pytest.mark.parametrize("question", [
    "mình đang nhắn tin với ai đấy", "anh có phải là người không", "đây là người thật trả lời hả",
    "tôi đang chat với ai vậy", "bên kia là máy hay người",
])
def test_who_am_i_talking_to_gets_the_small_talk_reply(testbot, deps, question):
    reply = testbot.say(question)[0]
    assert reply.text == texts.SMALLTALK.format(contact=deps.config.organisation.contact)
    assert "tự động" in reply.text and "Trợ lý 06" in reply.text
