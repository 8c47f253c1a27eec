"""The other essential services answered on the facts asked (helper `serv3`, set F-serv): a birth abroad, a death
registered long after, a lost registration certificate, a paper licence never exchanged, reserved unemployment
months, paying fees online, how long the marital-status certificate is valid, what household health insurance
costs — and the neighbouring questions (state-paid health insurance, deaths and marriages abroad) declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, assert_sub_question_leads


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # a birth registered abroad is recorded at home, not registered again; still abroad: the embassy
    ("con tôi đã có giấy khai sinh bên Đức, về Việt Nam có phải khai sinh lại không", "dvc09_khai_sinh",
     "nuoc_ngoai", "Con sinh ở nước ngoài", ("không đăng ký lại", "ghi vào sổ hộ tịch", "Đại sứ quán")),
    # «ở đâu» keeps the place sub-question, which now also names the embassy for a family still abroad
    ("sinh con ở nước ngoài thì khai sinh ở đâu", "dvc09_khai_sinh", "place", "UBND xã, phường nơi cư trú",
     ("Đại sứ quán",)),
    # a death years ago: still registered, with papers proving the death
    ("bà tôi chết đã lâu mà chưa khai tử thì giờ làm sao", "dvc10_khai_tu", "late", "Quá 15 ngày vẫn đăng ký",
     ("nhiều năm", "chứng minh việc chết")),
    # a paper licence never exchanged is no offence
    ("chưa đổi bằng lái bìa giấy sang thẻ pet có bị csgt phạt không", "dvc20_gplx", "phat_chua_doi",
     "Không bị phạt", ("01/01/2025",)),
    # paying a file's fee online
    ("nộp lệ phí hồ sơ trực tuyến trên cổng dịch vụ công thế nào", "dvc_cong_quoc_gia", "thanh_toan",
     "Thanh toán trực tuyến", ("ngân hàng", "tiền mặt")),
    # how long the marital-status certificate stays valid (a validity question, not the processing time)
    ("giấy xác nhận độc thân có hiệu lực bao lâu", "xac_nhan_tinh_trang_hon_nhan", "time", "UBND giải quyết",
     ("6 tháng",)),
    # «mức đóng» asks what household health insurance costs
    ("mức đóng bhyt hộ gia đình năm nay là bao nhiêu", "dvc17_bhyt_ho_gia_dinh", "fee", "Người thứ nhất đóng",
     ("4,5%", "70%")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


@pytest.mark.parametrize("question, topic, facts", [
    # a lost registration certificate is re-issued
    ("lỡ làm mất giấy đăng ký xe máy thì có xin lại được không", "dvc07_bien_so_xe", ("cấp lại",)),
    # a death long ago, asked without the cue words of a late registration
    ("ông ngoại mất từ lâu lắm rồi chưa làm khai tử, bây giờ còn làm được không", "dvc10_khai_tu",
     ("vẫn khai tử được",)),
    # months of unemployment insurance never claimed are kept
    ("không nhận trợ cấp thất nghiệp thì số tháng đã đóng có được bảo lưu không", "dvc23_tro_cap_that_nghiep",
     ("bảo lưu",)),
    # an electric motorbike is registered and pays the plate fee like a petrol one
    ("xe máy điện bắt buộc gắn biển không, ra biển tốn bao nhiêu", "dvc07_bien_so_xe",
     ("xe máy điện cũng phải đăng ký",)),
])
def test_the_reply_states_the_fact_whether_or_not_a_sub_question_is_picked(testbot, question, topic, facts):
    assert_states(ask(testbot, question), topic, facts)


@pytest.mark.parametrize("question", [
    "người dân tộc thiểu số vùng khó khăn có được nhà nước đóng thẻ bảo hiểm không",  # state-paid cards
    "chồng tôi chết ở nước ngoài khi đi xuất khẩu lao động, khai tử ở đâu",  # a death abroad: consular
    "đăng ký kết hôn ở nước ngoài thì làm ở đâu",  # a marriage abroad: consular
])
def test_neighbouring_questions_are_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text


def test_death_registration_keeps_its_own_word_as_a_key_term(matcher):
    # out-of-scope examples of deaths abroad must not take «khai tử» from death registration
    assert "khai tu" in matcher.scope.key_terms["dvc10_khai_tu"]
