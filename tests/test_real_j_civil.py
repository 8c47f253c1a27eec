"""Civil status answered on the facts asked (helper `civil7`, set J-civil): the wedding and the marriage
registration in either order, the marital-status certificate asked by proxy, and the child's free health-insurance
card in the birth bundle.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # the law sets no order between the wedding and the registration; only the registration is legal marriage
    ("làm đám cưới rồi mới đi đăng ký kết hôn có được không", "dvc11_ket_hon", "dam_cuoi", "Luật không bắt buộc",
     ("trước hay sau", "giá trị pháp lý")),
    # a marital-status certificate may be asked through a written power of attorney
    ("uỷ quyền cho bố xin giấy xác nhận tình trạng hôn nhân giúp được không", "xac_nhan_tinh_trang_hon_nhan",
     "uy_quyen", "Được", ("chứng thực", "anh chị em ruột")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_the_birth_bundle_says_the_child_card_is_free(testbot):
    """The bundle's overview says who pays the card of a child under 6 (Luật BHYT Điều 12)."""
    reply = testbot.say("liên thông khai sinh thường trú bhyt cho bé thế nào")[0]
    assert "ngân sách Nhà nước đóng" in reply.text
