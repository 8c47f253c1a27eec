"""Residence sub-questions added from real citizens' questions (benchmarks/real_d_resid.yaml, half A), through the
whole core on the bundled knowledge base: the one fact asked leads the reply — who registers a tạm trú, when the
tạm trú fine starts, the 8 m² rule that binds only rented homes, no procedure after the mergers, divorce and
«cắt khẩu», relatives staying a few weeks — and a neighbouring-domain question that shares residence words is
declined. The questions are our own wording, not the benchmark's."""

from __future__ import annotations

import pytest

from bot import texts
from tests.replies import ask, assert_fact_leads, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("làm tạm trú là trách nhiệm của chủ trọ hay của người ở trọ", "dvc04_tam_tru", "who",
     ("Người đến ở", "chủ nhà")),
    ("nhà chính chủ mà chật, dưới 8 mét vuông một người thì bé mới sinh có nhập khẩu được không", "dvc03_thuong_tru",
     "dien_tich", ("không xét diện tích", "8 m²")),
    ("sáp nhập phường rồi người dân có phải tự đi sửa địa chỉ thường trú không", "cu_tru_sau_sap_nhap",
     "no_procedure", ("Không phải", "Công an xã")),
    ("vợ cũ không chịu chuyển khẩu đi thì tôi có tự xóa hộ khẩu của cô ấy được không", "xoa_dang_ky_cu_tru", "ly_hon",
     ("không tự", "xóa đăng ký thường trú")),
    ("bố ở quê lên chơi hai tuần thì có phải ra phường khai báo không", "luu_tru_la_gi", "go_in",
     ("không cần lên Công an", "VNeID")),
    ("tạm trú bị xóa trong trường hợp nào", "xoa_dang_ky_cu_tru", "tam_tru_cases", ("6 tháng", "hết thuê")),
    ("nhập khẩu cho con vào nhà cô ruột có được không", "dvc03_thuong_tru", "nguoi_than",
     ("Được", "cô, dì, chú, bác, cậu ruột", "cha mẹ đồng ý")),
    ("sinh con xong bao lâu thì phải nhập khẩu cho con", "cu_tru_tre_em", "han_60", ("60 ngày", "khai sinh")),
    ("đổi chủ hộ có mất tiền không", "dieu_chinh_cu_tru", "fee", ("Không mất lệ phí",)),
    ("việt kiều về nước có nhập khẩu lại được không", "dvc03_thuong_tru", "viet_kieu",
     ("quốc tịch Việt Nam", "hộ chiếu")),
])

def test_the_fact_asked_leads_the_reply(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert_fact_leads(reply, topic, facet, facts)
    assert reply.buttons[0].label == texts.FULL_GUIDE_BUTTON and reply.buttons[0].payload == f"t:{topic}"


def test_the_present_residence_is_explained(testbot):
    reply = ask(testbot, "chưa có chỗ ở hợp pháp nào thì khai báo cư trú ở đâu")
    assert reply.meta.topic == "noi_o_hien_tai" and reply.meta.facet is None
    assert "khai báo thông tin về cư trú" in reply.text and "30 ngày" in reply.text


def test_the_tam_tru_fine_says_when_the_duty_starts(testbot):
    reply = ask(testbot, "thuê trọ mấy ngày rồi mà chưa khai tạm trú thì có bị phạt không")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc04_tam_tru", "penalty")
    assert "30 ngày" in lead(reply) and "500.000–1.000.000" in lead(reply)


def test_online_tam_tru_names_the_level_two_account(testbot):
    reply = ask(testbot, "khai tạm trú trên app thì cần chuẩn bị những gì")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc04_tam_tru", "giay_to")
    assert "VNeID mức 2" in lead(reply) and "hợp đồng thuê" in lead(reply)


def test_saving_costs_is_not_read_as_a_fee_question(matcher):
    plain = "đi học xa nhà lâu năm thì hộ khẩu ở quê có bị xóa không"
    told = "để tiết kiệm chi phí em ít về quê, đi học xa nhà lâu năm thì hộ khẩu ở quê có bị xóa không"
    assert "fee" not in matcher.match(told).kinds
    assert matcher.match(told).topic == matcher.match(plain).topic == "xoa_dang_ky_cu_tru"
    assert "fee" in matcher.match("xóa đăng ký thường trú có tốn chi phí gì không").kinds


@pytest.mark.parametrize("question", [
    "chủ trọ tính tiền điện 4 nghìn một số có đúng giá nhà nước không",
])
def test_a_neighbouring_domain_question_is_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta is not None and reply.meta.fallback is True, reply.text
    assert reply.meta.topic not in ("dvc04_tam_tru", "luu_tru_nguoi_nuoc_ngoai", "gia_han_tam_tru")
