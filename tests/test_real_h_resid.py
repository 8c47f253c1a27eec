"""Residence answers added from real citizens' questions (benchmarks/real_h_resid.yaml, half A) and from the
residence questions people ask most, through the whole core on the bundled knowledge base: the one fact asked
leads the reply — «cắt khẩu» for a person who died (the death registration, then the police delete it), the
residence confirmation CT07 at any police office and its own entry (where, fee, time, validity), the paper
household book collected when a procedure changes it, keeping a registration at a sold home for 12 months, the
12-month deadline after moving house, the papers to delete a tạm trú, a stay of 30 days or more, notifying a stay
without a level-2 VNeID, the places where no new registration is allowed, what to show when checked, the old
«KT3» — and neighbouring-domain questions that share residence words are declined. The questions are our own
wording, not the benchmark's."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, assert_states, declined, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("cắt khẩu cho người đã chết thế nào", "xoa_dang_ky_cu_tru", "nguoi_mat",
     ("xóa đăng ký thường trú", "khai tử", "15 ngày", "tự xóa")),
    ("làm tách hộ xong công an giữ luôn sổ hộ khẩu giấy có đúng không", "ho_khau_thay_the", "so_giay",
     ("thu hồi", "kỷ niệm")),
    ("chuyển sang nhà mới mua thì trong bao lâu phải đăng ký thường trú", "dvc03_thuong_tru", "han",
     ("12 tháng", "2–4 triệu")),
    ("muốn xóa đăng ký tạm trú thì chuẩn bị hồ sơ gì", "xoa_dang_ky_cu_tru", "tam_tru_thu_tuc",
     ("CT01", "7 ngày", "không mất phí")),
    ("không có vneid mức 2 thì báo khách lưu trú kiểu gì", "luu_tru_cach_thuc", "khong_vneid",
     ("Công an xã", "số điện thoại")),
    ("nhà dựng trên đất chiếm của người khác thì có đăng ký tạm trú được không", "cho_o_hop_phap", "dieu_23",
     ("Không được đăng ký", "đất lấn chiếm")),
    ("KT3 bây giờ còn làm được không", "tu_cu_ho_khau", "kt3", ("đăng ký tạm trú", "2 năm")),
    ("chưa xóa thường trú cho người nhà đã mất có bị phạt tiền không", "xoa_dang_ky_cu_tru", "penalty",
     ("500.000–1.000.000", "khai tử")),
])
def test_the_fact_asked_leads_the_reply(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_the_residence_confirmation_has_its_own_answer_with_every_common_fact(testbot):
    reply = ask(testbot, "giấy xác nhận thông tin cư trú CT07 là gì, xin thế nào")
    assert reply.meta.topic == "xac_nhan_cu_tru" and reply.meta.facet is None, (reply.meta.topic, reply.meta.facet)
    for fact in ("bất kỳ trong cả nước", "Không mất phí", "nửa ngày làm việc", "1 năm"):
        assert fact in reply.text, reply.text


def test_the_confirmation_can_be_asked_for_far_from_home(testbot):
    reply = ask(testbot, "ở trọ tỉnh khác thì có xin được giấy xác nhận cư trú ở công an nơi trọ không")
    assert_states(reply, "xac_nhan_cu_tru", ("không phụ thuộc nơi bạn", "VNeID"))


def test_a_sold_home_keeps_the_registration_twelve_months(testbot):
    reply = ask(testbot, "bán nhà cho người ta rồi thì hộ khẩu cũ của tôi còn được bao lâu")
    assert_states(reply, "xoa_dang_ky_cu_tru", ("12 tháng", "chủ mới"))


def test_a_death_is_answered_as_a_deletion_not_a_move(testbot):
    reply = ask(testbot, "mẹ tôi vừa qua đời, có phải đi cắt khẩu cho mẹ không")
    assert reply.meta.topic == "xoa_dang_ky_cu_tru", reply.meta.topic
    assert "khai tử" in reply.text and "chết" in lead(reply), reply.text


def test_a_check_names_what_to_show(testbot):
    reply = ask(testbot, "công an khu vực kiểm tra thì phải đưa giấy tờ gì cho đủ")
    assert reply.meta.topic == "xuat_trinh_cu_tru", reply.meta.topic
    assert "VNeID" in lead(reply) and "CT07" in reply.text, reply.text


def test_a_citizen_abroad_registering_again_gets_the_form_and_passport(testbot):
    reply = ask(testbot, "định cư ở nước ngoài muốn đăng ký thường trú lại ở quê cần giấy tờ gì")
    assert reply.meta.topic == "dvc03_thuong_tru", reply.meta.topic
    assert "Tờ khai thay đổi thông tin cư trú" in lead(reply) or "tờ khai thay đổi thông tin cư trú" in lead(reply)


@pytest.mark.parametrize("question", [
    "thẻ tạm trú của người nước ngoài hết hạn thì phạt bao nhiêu",
    "cho thuê nhà trọ có phải đóng thuế không",
])
def test_a_neighbouring_domain_question_is_declined(testbot, question):
    assert declined(testbot, question).meta.topic is None
