"""Which sub-question leads a reply (branch `facet5`, issue #16), on the real knowledge base, in my own wording.

- a sub-question of a kind the question does not ask (a fee, a time) leads only when the question's words are its
  own, not the topic's words every sub-question of the entry shares: «xin cấp lại bằng lái bị mất» is not the fee;
- a question that asks a fact (time, fee, papers, place) and says it is done online gets that fact first, the
  online line after it;
- a yes/no sub-question answers a question that asks only a yes or no at a lower similarity (0.50, not 0.60), but
  not one that also asks a kind of fact (`tests/test_followup_dlg3.py` holds that case: «có phải đưa bé lên công an
  không» after a 2-year-old's card keeps the under-6 sub-question).
"""

from __future__ import annotations

import pytest

from tests.replies import ask, lead


def test_a_lost_licence_reissue_is_not_answered_with_the_fee(testbot):
    reply = ask(testbot, "xin cấp lại bằng lái xe bị mất")
    assert reply.meta.topic == "dvc20_gplx" and reply.meta.facet != "fee"
    first = lead(reply)
    assert "cấp lại (mất)" in first and "lệ phí" not in first.split("\n")[0]


def test_a_lost_licence_asked_as_yes_no_gets_the_reissue_sub_question(testbot):
    reply = ask(testbot, "mất bằng lái rồi xin cấp lại được ko")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc20_gplx", "mat_bang")
    assert lead(reply).startswith("Được") and "không phải thi lại" in lead(reply)


@pytest.mark.parametrize("question, topic, facet, first, then", [
    ("làm giấy khai tử trực tuyến mấy ngày thì xong", "dvc10_khai_tu", "deadline", "15 ngày", "Làm trực tuyến được"),
    ("đăng ký thường trú trên vneid cần mang giấy tờ gì", "dvc03_thuong_tru", "giay_to", "chỗ ở hợp pháp",
     "Làm trực tuyến được"),
])
def test_the_fact_asked_leads_and_the_online_line_follows(testbot, question, topic, facet, first, then):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet)
    lines = lead(reply).split("\n")
    assert first in lines[0] and then in lead(reply) and then not in lines[0]


def test_online_asked_alone_still_gets_the_online_sub_question(testbot):
    reply = ask(testbot, "khai báo tạm vắng trên điện thoại được không")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc05_tam_vang", "online")
    assert lead(reply).startswith("Làm trực tuyến được")


def test_a_condition_asked_online_is_not_led_by_a_childs_sub_question(testbot):
    """«… trực tuyến cần điều kiện gì» names no child: the passport's online line (VNeID level 2) leads, not the
    sub-question about children's passports that its kind (eligibility) would otherwise put first."""
    reply = ask(testbot, "làm hộ chiếu trực tuyến cần điều kiện gì")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc12_ho_chieu", "online")
    assert "mức 2" in lead(reply).split("\n")[0]


def test_a_yes_no_question_gets_its_yes_no_sub_question_below_the_old_bar(testbot):
    """«có cần hai người cùng lên … không» is 0.54 similar to the «both present» sub-question: a yes or no is asked
    and nothing else, so it leads with «Có — cả hai người phải cùng có mặt»."""
    reply = ask(testbot, "đăng ký kết hôn xong có cần hai người cùng lên ủy ban không")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc11_ket_hon", "co_mat")
    assert lead(reply).startswith("Có") and "có mặt" in lead(reply)

