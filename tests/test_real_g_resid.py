"""Residence answers added from real citizens' questions (benchmarks/real_g_resid.yaml, half A) and from the
residence questions people ask most, through the whole core on the bundled knowledge base: the one fact asked
leads the reply — moving into the spouse's home (its papers, online, the owner's refusal, the marriage paper), the
maximum stay-notification fine (the business and the household rates together), who is fined for an unregistered
tenancy, an expired tạm trú, the grounds for deleting thường trú, moving rooms, tạm vắng after 12 months, the papers
to renew tạm trú, the CT01 form — and neighbouring-domain questions that share residence words (a lodging
business's security permit) are declined. The questions are our own wording, not the benchmark's."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, declined, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("về nhà chồng đăng ký thường trú phải nộp giấy tờ gì", "nhap_khau_nha_chong", "giay_to",
     ("tờ khai thay đổi thông tin cư trú", "giấy chứng nhận kết hôn", "không cần sổ hộ khẩu")),
    ("nhập khẩu về nhà chồng làm qua vneid được ko", "nhap_khau_nha_chong", "online",
     ("Làm trực tuyến được", "Đăng ký thường trú", "10.000 đồng")),
    ("mẹ chồng là chủ hộ không đồng ý thì con dâu có nhập khẩu được không", "nhap_khau_nha_chong", "khong_dong_y",
     ("Không.", "chủ hộ và chủ sở hữu nhà đồng ý")),
    ("phạt cao nhất khi không báo lưu trú là bao nhiêu", "luu_tru_xu_phat", "max",
     ("8–12 triệu", "500.000–1.000.000", "Hộ gia đình")),
    ("thuê trọ mà không đăng ký tạm trú thì ai bị phạt", "dvc04_tam_tru", "penalty",
     ("Người đến ở (người thuê", "500.000–1.000.000", "là của người đến ở")),
    ("tạm trú của tôi hết hạn nửa năm rồi giờ phải làm sao", "gia_han_tam_tru", "het_han",
     ("không gia hạn nữa", "đăng ký tạm trú lại", "15.000 đồng")),
    ("trường hợp nào thì bị xóa đăng ký thường trú", "xoa_dang_ky_cu_tru", "thuong_tru_cases",
     ("ra nước ngoài định cư", "12 tháng")),
    ("chuyển qua phòng trọ khác ở thì có phải xóa tạm trú chỗ cũ không", "xoa_dang_ky_cu_tru", "chuyen_tro",
     ("đăng ký tạm trú ở chỗ mới", "7 ngày")),
    ("đi làm ăn tỉnh khác hơn 1 năm có phải khai báo tạm vắng ko", "dvc05_tam_vang", "vang_12_thang",
     ("Có, nếu", "12 tháng")),
    ("gia hạn tạm trú phải chuẩn bị giấy tờ gì", "gia_han_tam_tru", "giay_to",
     ("tờ khai thay đổi thông tin cư trú", "chỗ ở hợp pháp")),
])
def test_the_fact_asked_leads_the_reply(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_the_business_fine_names_the_notice_hour(testbot):
    reply = ask(testbot, "nhà nghỉ quên báo lưu trú cho 6 khách thì bị phạt bao nhiêu")
    assert_fact_leads(reply, "luu_tru_xu_phat", "facility", ("4–8 triệu", "23 giờ"))


def test_the_household_fine_says_who_must_notify(testbot):
    reply = ask(testbot, "có khách ngủ lại mà nhà mình không báo lưu trú thì phạt bao nhiêu")
    assert reply.meta.topic in ("luu_tru_xu_phat", "luu_tru_la_gi"), reply.meta.topic
    assert "500.000" in lead(reply) and "chủ nhà" in lead(reply), lead(reply)


def test_the_residence_form_has_its_own_answer(testbot):
    reply = ask(testbot, "tờ khai CT01 lấy ở đâu")
    assert reply.meta.topic == "to_khai_cu_tru", reply.meta.topic
    for fact in ("mẫu CT01", "VNeID", "Công an xã"):
        assert fact in lead(reply), lead(reply)


def test_a_spouse_conversation_keeps_to_the_move_and_names_the_registration_fee(testbot):
    first = ask(testbot, "lấy chồng xong muốn chuyển khẩu về nhà chồng")
    assert first.meta.topic == "nhap_khau_nha_chong", first.meta.topic
    fee = ask(testbot, "mất bao nhiêu tiền")
    assert (fee.meta.topic, fee.meta.facet) == ("nhap_khau_nha_chong", "fee"), (fee.meta.topic, fee.meta.facet)
    assert "thường trú" in lead(fee) and "20.000" in lead(fee), lead(fee)


@pytest.mark.parametrize("question", [
    "mở nhà nghỉ thì xin giấy chứng nhận đủ điều kiện an ninh trật tự ở đâu",
    "kinh doanh khách sạn có cần giấy phép an ninh trật tự không",
])
def test_a_neighbouring_domain_question_is_declined(testbot, question):
    assert declined(testbot, question).meta.topic is None
