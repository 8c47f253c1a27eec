"""The other essential services answered on the facts asked (helper `serv2`, set E-serv): the marital-status
certificate and marriage with a foreigner, a lost or expired driving licence, selling a vehicle and the camera fines
that follow it, the one original birth certificate, and neighbouring-domain questions declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, assert_sub_question_leads, lead


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # the marital-status certificate: where, what to bring, a lost one, marriage with a foreigner
    ("muốn xin giấy xác nhận độc thân để vay ngân hàng thì lên đâu", "xac_nhan_tinh_trang_hon_nhan", "place",
     "UBND xã, phường", ("thường trú", "tạm trú")),
    ("xin xác nhận tình trạng hôn nhân cần chuẩn bị giấy tờ gì", "xac_nhan_tinh_trang_hon_nhan", "giay_to",
     "Cần tờ khai", ("3 ngày làm việc", "6 tháng")),
    ("giấy xác nhận độc thân bị thất lạc có xin cấp lại được không", "xac_nhan_tinh_trang_hon_nhan", "cap_lai",
     "Được cấp lại", ("cam đoan",)),
    ("lấy vợ người Trung Quốc thì đăng ký kết hôn ở đâu", "dvc11_ket_hon", "nuoc_ngoai",
     "Kết hôn với người nước ngoài", ("UBND xã", "01/07/2025")),
    # a lost licence: no test while it is valid; an expired car licence: the test depends on how long
    ("bằng lái xe hơi quá hạn một năm thì đổi thế nào", "dvc20_gplx", "het_han",
     "Bằng ô tô quá hạn", ("dưới 1 năm", "lý thuyết", "thực hành")),
    # selling and buying second-hand
    ("bán xe rồi thì có phải nộp lại biển số cho công an không", "dvc07_bien_so_xe", "ban_xe",
     "Bán, cho, tặng xe", ("thu hồi", "phạt nguội")),
    ("mua lại xe cũ thì trong bao lâu phải sang tên", "dvc07_bien_so_xe", "sang_ten",
     "Trong 30 ngày", ("sang tên", "thu hồi")),
    # one original birth certificate
    ("giấy khai sinh bản chính được cấp mấy bản vậy", "dvc09_khai_sinh", "ban_chinh",
     "Giấy khai sinh bản chính chỉ cấp 1 bản", ("trích lục",)),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


@pytest.mark.parametrize("question, topic, facts", [
    # a camera fine for a vehicle sold long ago: the former owner withdraws the registration
    ("đã bán xe cho người khác mà tôi vẫn nhận thông báo phạt nguội thì làm gì", "dvc08_phat_nguoi", ("thu hồi",)),
    # selling: the seller keeps the papers and the plate for the withdrawal, the buyer has 30 days
    ("bán xe máy cho người ta rồi thì biển số với cà vẹt xử lý sao", "dvc07_bien_so_xe", ("thu hồi", "30 ngày")),
    # a lost licence: no test while valid — said even when the whole how-to is given
    ("bằng lái ô tô còn hạn mà bị mất, xin cấp lại có phải thi không", "dvc20_gplx", ("không phải thi",)),
])
def test_the_reply_states_the_fact_whether_or_not_a_sub_question_is_picked(testbot, question, topic, facts):
    assert_states(ask(testbot, question), topic, facts)


def test_death_registration_deadline_also_names_the_papers(testbot):
    reply = testbot.say("luật quy định khai tử cho người mất trong bao lâu, cần giấy gì")[0]
    assert reply.meta.topic == "dvc10_khai_tu" and reply.meta.fallback is False
    first = lead(reply)
    assert "15 ngày" in first and "giấy báo tử" in first


@pytest.mark.parametrize("question", [
    "bảo hiểm y tế đi khám trái tuyến được thanh toán bao nhiêu phần trăm",
    "chồng mất thì vợ có được nhận tiền tuất hằng tháng không",
    "người thân mất bên Mỹ, có phải khai tử tại lãnh sự quán không",
    "đang làm việc ở Nhật, muốn đăng ký kết hôn tại đại sứ quán",
])
def test_neighbouring_domain_questions_are_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True
    assert reply.meta.topic not in ("dvc10_khai_tu", "dvc11_ket_hon", "dvc17_bhyt_ho_gia_dinh",
                                    "vneid_bhyt_kham_benh", "dvc16_lien_thong_khai_tu")
