"""Identity answered on the facts asked (helper `idres7`, set J-ident / J-resid): a card changed only because the
holder dislikes the photo, the fine for still holding only a CMND (the card's fine names it too) — and a change of name
in the birth record declined as civil status.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads, declined


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # on request, without waiting for the next age
    ("muốn chụp lại ảnh trên thẻ căn cước cho đẹp hơn có được không", "dvc02_the_can_cuoc",
     "doi_thong_tin", "Có", ("theo yêu cầu", "không phải chờ đến tuổi đổi thẻ")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_the_card_procedure_fine_names_the_cmnd_too(testbot):
    """The card entry's own fine sub-question lists the CMND-only case among the acts fined."""
    reply = testbot.say("đến tuổi mà không đổi thẻ căn cước thì bị phạt bao nhiêu")[0]
    assert reply.meta.topic == "dvc02_the_can_cuoc" and reply.meta.facet == "penalty", reply.text
    assert "CMND hết giá trị từ 01/01/2025" in reply.text and "500.000–1.000.000" in reply.text, reply.text


def test_the_card_fine_names_the_cmnd_that_lost_its_value(testbot):
    """A CMND still held after 2024 is the case the fine covers: the reply says it lost its value."""
    reply = testbot.say("chỉ còn cmnd chưa làm căn cước bị phạt bao nhiêu tiền")[0]
    assert reply.meta.topic == "can_cuoc_vs_cccd" and reply.meta.facet == "cmnd_phat", reply.text
    assert "31/12/2024" in reply.text and "cảnh cáo" in reply.text, reply.text


def test_a_name_change_in_the_birth_record_is_civil_status(testbot):
    """«đổi được tên trong giấy khai sinh» is the commune's civil-status change, not a birth registration."""
    reply = declined(testbot, "muốn đổi được tên trong giấy khai sinh cho con gái thì làm sao")
    assert reply.meta.topic is None, reply.text
