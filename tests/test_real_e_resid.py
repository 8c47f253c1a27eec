"""Residence answers added from real citizens' questions (benchmarks/real_e_resid.yaml, half A), through the whole
core on the bundled knowledge base: the one fact asked leads the reply — keeping a registration at a sold home,
the general residence fines of Nghị định 282/2025, a newborn's late registration, homes without a land title,
papers after the mergers, moving out instead of splitting a household — and neighbouring-domain questions that
share residence words (a foreigner's residence card, where health insurance pays) are declined. The questions are
our own wording, not the benchmark's."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, assert_states


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("bán nhà xong thì hộ khẩu của mình ở căn đó có bị cắt không", "xoa_dang_ky_cu_tru", "ban_nha",
     ("chủ mới đồng ý", "bị xóa đăng ký thường trú")),
    ("xóa hộ khẩu cho mẹ đã mất có phải đóng tiền không", "xoa_dang_ky_cu_tru", "fee", ("Không mất lệ phí",)),
    ("con sinh được 4 tháng vẫn chưa nhập khẩu thì có bị phạt không", "cu_tru_tre_em", "penalty",
     ("60 ngày", "500.000–1.000.000")),
    ("nhập khẩu cho con dưới 6 tuổi có bị công an xuống kiểm tra nhà không", "cu_tru_tre_em", "duoi_6",
     ("dưới 6 tuổi", "không xác minh", "01/07/2026")),
    ("căn hộ mới nhận bàn giao chưa ra sổ thì có nhập khẩu được không", "dvc03_thuong_tru",
     "chua_so_do", ("vẫn đăng ký thường trú được", "hợp đồng mua bán")),
    ("sáp nhập xã thì sổ đỏ với giấy tờ xe có phải làm lại không", "cu_tru_sau_sap_nhap",
     "giay_to", ("Không phải làm lại", "đến khi hết hạn")),
    ("vợ chồng ly thân, tôi muốn chuyển khẩu đi tỉnh khác có cần chồng đồng ý không",
     "tach_ho", "chuyen_di", ("không cần tách hộ", "chỗ ở mới")),
    ("chủ hộ mất thì ai được làm chủ hộ mới", "dieu_chinh_cu_tru", "ai_lam_chu_ho",
     ("năng lực hành vi dân sự đầy đủ",)),
    ("nhận tiền cho người khác nhập hộ khẩu vào nhà mình bị phạt bao nhiêu", "cu_tru_xu_phat", "vu_loi",
     ("4–8 triệu",)),
])
def test_the_fact_asked_leads_the_reply(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_the_residence_fines_are_answered_in_one_place(testbot):
    reply = ask(testbot, "vi phạm quy định về cư trú thì bị xử phạt những mức nào")
    assert reply.meta.topic == "cu_tru_xu_phat"
    assert "500.000–1.000.000" in reply.text and "gấp đôi" in reply.text


@pytest.mark.parametrize("question, topic, facts", [
    ("đã bán nhà thì thường trú cũ của cả nhà thế nào", "xoa_dang_ky_cu_tru",
     ("bán nhà", "không đồng ý cho giữ")),
    ("sáp nhập tỉnh thì giấy khai sinh, đăng ký xe ghi địa chỉ cũ có phải đổi không", "cu_tru_sau_sap_nhap",
     ("Không phải", "đến khi hết hạn")),  # now its yes/no sub-question leads: «… vẫn dùng bình thường đến khi hết hạn»
    ("ly thân rồi tôi muốn chuyển hộ khẩu về nhà bố mẹ đẻ thì có phải tách hộ trước không", "tach_ho",
     ("không cần tách hộ",)),
])
def test_without_a_fitting_sub_question_the_entry_still_states_the_fact(testbot, question, topic, facts):
    assert_states(ask(testbot, question), topic, facts)


def test_a_dwelling_named_with_o_nha_is_not_an_online_question(matcher):
    told = "tôi dọn ra ở nhà ngoại, chồng vẫn ở nhà chung, muốn chuyển hộ khẩu đi thì làm sao"
    assert "online" not in matcher.match(told).kinds
    assert "online" in matcher.match("tách hộ ở nhà qua mạng được không").kinds


@pytest.mark.parametrize("question", [
    "xin cấp thẻ tạm trú cho chồng người Nhật cần giấy tờ gì",
    "gia hạn thẻ tạm trú cho chuyên gia nước ngoài ở đâu",
    "đi khám trái tuyến ở thành phố thì bảo hiểm trả bao nhiêu",
])
def test_a_neighbouring_domain_question_is_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta is not None and reply.meta.fallback is True, reply.text


@pytest.mark.parametrize("question, topic", [
    ("khai báo tạm trú cho người nước ngoài ở nhà mình", "luu_tru_nguoi_nuoc_ngoai"),
    ("người nước ngoài có thẻ tạm trú có làm vneid mức 2 được không", "vneid_nguoi_nuoc_ngoai"),
    ("đi khám bảo hiểm y tế bằng căn cước được không", "vneid_bhyt_kham_benh"),
])
def test_our_own_topics_beside_those_domains_are_still_answered(testbot, question, topic):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.meta.topic
