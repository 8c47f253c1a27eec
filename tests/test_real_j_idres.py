"""Identity and residence answered on the facts asked (helper `idres7`, set J-ident / J-resid): what the iris scan is
for, how long a child's card lasts, a card changed only because the holder dislikes the photo, the fine for still
holding only a CMND, people living on boats — and a change of name in the birth record declined as civil status.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads, declined


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # the iris is biometric data kept to check identity, taken from 6 years of age
    ("mống mắt là gì mà đi làm căn cước cũng phải lấy", "can_cuoc_vs_cccd", "mong_mat", "Mống mắt",
     ("sinh trắc học", "đối soát", "6 tuổi")),
    # a card issued before 12 lasts to 14, from 12 to 14 it lasts to 25
    ("thẻ căn cước làm cho trẻ em có hạn dùng mấy năm", "can_cuoc_14_tuoi", "thoi_han", "Thẻ cấp cho trẻ dưới 12",
     ("14 tuổi", "25 tuổi")),
    # on request, without waiting for the next age
    ("không ưng ảnh trên căn cước thì có xin chụp lại, đổi thẻ khác được không", "dvc02_the_can_cuoc",
     "doi_thong_tin", "Có", ("theo yêu cầu", "không phải chờ đến tuổi đổi thẻ")),
    # boats: where the vessel is registered or usually moored
    ("gia đình tôi sống trên sà lan ở bến sông thì đăng ký cư trú theo đâu", "dvc03_thuong_tru", "tau_thuyen", "Có",
     ("nơi đăng ký phương tiện", "đậu, đỗ")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_the_card_fine_names_the_cmnd_that_lost_its_value(testbot):
    """A CMND still held after 2024 is the case the fine covers: the reply says it lost its value."""
    reply = testbot.say("chỉ còn cmnd chưa làm căn cước bị phạt bao nhiêu tiền")[0]
    assert reply.meta.topic == "can_cuoc_vs_cccd" and reply.meta.facet == "cmnd_phat", reply.text
    assert "01/01/2025" in reply.text and "cảnh cáo" in reply.text, reply.text


def test_a_name_change_in_the_birth_record_is_civil_status(testbot):
    """«đổi được tên trong giấy khai sinh» is the commune's civil-status change, not a birth registration."""
    reply = declined(testbot, "muốn đổi được tên trong giấy khai sinh cho con gái thì làm sao")
    assert reply.meta.topic is None, reply.text
