"""Follow-ups on the real knowledge base, branch `dlg9` (dialogue set K): each test holds one rule of the follow-up
path in bot/handlers/citizen.py (or a cue of nlu/cues.yaml), in my own wording (no benchmark turn), with a check that
the rule leaves a complete question about something else — and the same message asked on its own — alone.

- «nộp qua mạng được không», «khai trên cổng dịch vụ công được không» right after a procedure ask that procedure
  online: the portal, the app, «mạng» are where one does it (``words.channels``, ``context_kinds.online``);
- «còn bằng xe máy A1 thì sao» after a licence's online filing gets the close sub-question that says the case named
  (the licences without expiry), not the whole entry;
- «tài khoản vneid mức 1 thì dùng được không» after flying on VNeID: the flight entry's sub-question says «mức 1»
  and every word the guess «mức 1» rests on, so the topic stays;
- «… thì ở nhà có phải khai …» is the family at home, not «at home, online» (``not_kinds``).
"""

from __future__ import annotations

import pytest

from tests.replies import last_reply, lead

GPLX = "đổi giấy phép lái xe ô tô sắp hết hạn"
FLIGHT = "đi máy bay nội địa có dùng VNeID thay căn cước được không"


@pytest.mark.parametrize(("first", "channel", "topic"), [
    (GPLX, "nộp qua mạng được không", "dvc20_gplx"),
    ("khai báo tạm vắng cho chồng", "khai trên cổng dịch vụ công được không", "dvc05_tam_vang"),
], ids=["licence", "absence"])
def test_a_channel_asks_the_procedure_online(testbot, first, channel, topic):
    reply = last_reply(testbot, first, channel)
    assert reply.meta.fallback is False
    assert (reply.meta.topic, reply.meta.facet) == (topic, "online")
    assert "trực tuyến" in lead(reply)


def test_a_channel_alone_is_still_the_portal(testbot):
    reply = last_reply(testbot, "làm trên dịch vụ công được không")
    assert reply.meta.topic == "dvc_cong_quoc_gia" and reply.meta.fallback is False


@pytest.mark.parametrize(("message", "topic"), [
    ("thế còn nộp phạt nguội qua mạng ở đâu", "dvc08_phat_nguoi"),  # «còn …»: another subject, online
    ("tra cứu hồ sơ đã nộp trên dịch vụ công thế nào", "dvc_cong_quoc_gia"),  # the portal's own service
], ids=["new_subject", "portal_service"])
def test_a_channel_with_a_subject_of_its_own_switches(testbot, message, topic):
    reply = last_reply(testbot, GPLX, message)
    assert reply.meta.topic == topic and reply.meta.fallback is False


def test_the_case_named_picks_the_close_sub_question_that_says_it(testbot):
    reply = last_reply(testbot, "bằng ô tô quá hạn mấy tháng có phải thi lại không", "làm online được chứ",
                       "còn bằng lái xe máy A1 của tôi thì sao")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc20_gplx", "thoi_han")
    assert "không có thời hạn" in lead(reply)


def test_a_level_named_keeps_the_flight_topic(testbot):
    reply = last_reply(testbot, FLIGHT, "tài khoản vneid mức 1 thì dùng được không ạ")
    assert (reply.meta.topic, reply.meta.facet) == ("vneid_san_bay", "muc2")
    assert "Mức 1 thì không dùng được" in lead(reply)


def test_how_to_register_level_one_after_the_flight_switches(testbot):
    reply = last_reply(testbot, FLIGHT, "làm sao đăng ký tài khoản mức 1")
    assert reply.meta.topic == "vneid_muc1" and reply.meta.fallback is False


def test_the_family_at_home_is_not_online(testbot):
    reply = last_reply(testbot, "con tôi đi làm ở Hàn 2 năm thì ở nhà có phải khai tạm vắng không")
    assert reply.meta.topic == "dvc05_tam_vang" and reply.meta.facet != "online"
    assert "xuất cảnh" in reply.text
    online = last_reply(testbot, "khai tạm vắng ở nhà qua app được không", user="u2")
    assert (online.meta.topic, online.meta.facet) == ("dvc05_tam_vang", "online")
