"""Follow-ups on the real knowledge base, branch `dlg8` (dialogue set J): each test holds one rule of the follow-up
path in bot/handlers/citizen.py, in my own wording (no benchmark turn), with a check that the rule leaves a complete
question about something else alone.

- «con» followed by a person («con tôi …», «con bố mẹ …»; folded, the child and «còn» look alike) is no new subject;
- a country a trip goes to («sang Úc») is no word the topic lacks;
- a sub-question that says all a message says beyond another entry's title wins over a fairly sure guess of that
  entry;
- the commune's help (done at home, without a smartphone) keeps the procedure the conversation came from;
- of two sub-questions a short follow-up is equally close to, the one that says the case of the question that
  brought the topic;
- «thế nếu …» opens a follow-up.
"""

from __future__ import annotations

import pytest

from bot.handlers.citizen import _new_subject
from tests.replies import last_reply, lead


def test_con_and_a_person_is_no_new_subject():
    assert _new_subject("con ho chieu thi sao")
    assert _new_subject("the con dang ky tam tru")
    assert not _new_subject("con toi 10 tuoi thi sao")  # the speaker's child
    assert not _new_subject("con bo me chua cuoi thi sao")  # a child whose parents…
    assert not _new_subject("con em thi sao")  # «còn em»: the speaker's own case


CASES = [
    # «con tôi sang Úc du học»: a person (not «còn» + a new subject) and a country (no word tạm vắng lacks)
    (("khai báo tạm vắng ở đâu", "không khai có bị phạt không", "con tôi sang Úc du học 4 năm thì sao"),
     "dvc05_tam_vang", "xuat_canh", "xuất cảnh"),
    # alone, the bot is fairly sure (≈ 0.8) this is marriage registration; the sub-question says all of it
    (("làm giấy khai sinh cho con", "bố mẹ bé chưa đăng ký kết hôn thì làm thế nào"),
     "dvc09_khai_sinh", "chua_ket_hon", "nhận cha con"),
    # the help without a smartphone keeps the household-book question it came from: the CT07 it points to
    (("mất sổ hộ khẩu rồi thì chứng minh nơi ở bằng gì", "nhà tôi không dùng điện thoại thông minh thì sao",
      "có tốn tiền không"), "xac_nhan_cu_tru", "ct07_fee", "Không mất phí"),
    # alone, «có phải thi lại không» is as close to an expired licence as to a lost one; «đánh rơi» tells
    (("tôi đánh rơi bằng lái xe máy, xin cấp lại thế nào", "có phải thi lại không"),
     "dvc20_gplx", "mat_bang", "không phải thi lại"),
]


@pytest.mark.parametrize(("messages", "topic", "facet", "fact"), CASES, ids=["abroad", "unmarried", "help_fee", "lost"])
def test_the_followup_gets_the_sub_question_of_its_case(testbot, messages, topic, facet, fact):
    reply = last_reply(testbot, *messages)
    assert reply.meta.fallback is False
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet)
    assert fact in lead(reply)


def test_a_new_subject_abroad_after_tam_vang_stays_declined(testbot):
    reply = last_reply(testbot, "khai báo tạm vắng ở đâu", "còn du học Úc thì hồ sơ cần gì")
    assert reply.meta.fallback is True and reply.meta.topic is None
    other = last_reply(testbot, "khai báo tạm vắng ở đâu", "con em đi du học thì học phí bao nhiêu", user="u2")
    assert other.meta.fallback is True and other.meta.topic is None


def test_marriage_registration_asked_in_full_after_the_birth_is_a_switch(testbot):
    reply = last_reply(testbot, "làm giấy khai sinh cho con", "đăng ký kết hôn thì làm thế nào")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.fallback is False


def test_the_communes_help_keeps_the_procedure_it_came_from(testbot):
    reply = last_reply(testbot, "làm thẻ căn cước cho người già",
                       "bà em nằm liệt giường không đi được, công an có xuống nhà làm không", "bao lâu thì có thẻ")
    assert reply.meta.fallback is False and reply.meta.topic.startswith(("can_cuoc", "dvc02"))
    assert "7 ngày làm việc" in lead(reply)


def test_the_offices_hours_asked_after_a_procedure_stay_the_offices(testbot):
    reply = last_reply(testbot, "làm thẻ căn cước cho người già", "công an xã làm việc mấy giờ")
    assert reply.meta.topic == "cong_an_xa" and reply.meta.fallback is False


def test_without_the_case_named_first_there_is_no_guess(testbot):
    reply = last_reply(testbot, "thủ tục cấp đổi bằng lái xe", "có phải thi lại không")
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_the_neu_opens_a_followup(testbot):
    cues = testbot.core.deps.matcher.cues
    normalize = testbot.core.deps.matcher.normalizer
    assert cues.opens_followup(normalize("thế nếu bố mẹ ở quê thì sao"))
    assert cues.opens_followup(normalize("vay neu lam online"))
