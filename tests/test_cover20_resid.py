"""Issue #16 «Coverage», residence (helper resid, 2026-12-03): the sub-questions added from `kb coverage`'s gaps answer
the fact asked first (knowledge/CHANGES-2026-12-03-resid.md). Every question is worded for this test (none is a
benchmark's or a knowledge example); each is asked through the bot as a citizen asks it and checks the fact in the
reply's first paragraph."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    # who may register permanent residence (Luật Cư trú Điều 20 khoản 1–4) leads «cần điều kiện gì», not the
    # religious-establishment yes/no that one of its examples used to take
    ("đăng ký thường trú cần điều kiện gì", "dvc03_thuong_tru", "dieu_kien",
     ("chỗ ở hợp pháp", "nhà của mình", "chủ hộ, chủ nhà đồng ý", "8 m²")),
    ("dieu kien nhap khau", "dvc03_thuong_tru", "dieu_kien", ("nhà thuê, mượn, ở nhờ", "cơ sở tôn giáo")),
    # a question about the religious establishment itself keeps its own yes/no
    ("chú tiểu ở chùa có đăng ký thường trú tại chùa được không", "dvc03_thuong_tru", "co_so_ton_giao",
     ("người hoạt động tôn giáo",)),
    # splitting a household (Luật Cư trú Điều 25; Nghị định 282/2025/NĐ-CP Điều 10 khoản 1 điểm a)
    ("tách khẩu thì cần những điều kiện gì", "tach_ho", "dieu_kien",
     ("năng lực hành vi dân sự đầy đủ", "chủ hộ, chủ sở hữu đồng ý", "ly hôn")),
    ("hồ sơ tách hộ cần những gì", "tach_ho", "giay_to", ("Tờ khai thay đổi thông tin cư trú", "CT01", "chủ hộ")),
    ("làm tách hộ ở đâu", "tach_ho", "noi_nop", ("Công an xã, phường nơi hộ đang thường trú", "VNeID")),
    ("không làm tách hộ thì có bị phạt không", "tach_ho", "penalty",
     ("không tách thì không bị phạt", "500.000–1.000.000 đồng")),
    # where to renew a temporary residence, and to file a deregistration
    ("gia hạn tạm trú ở đâu", "gia_han_tam_tru", "noi_gia_han",
     ("Công an xã, phường nơi bạn đang tạm trú", "không phải về nơi thường trú", "7.000 đồng")),
    ("xóa đăng ký tạm trú nộp ở đâu", "xoa_dang_ky_cu_tru", "noi_nop", ("Công an xã, phường", "dichvucong.gov.vn")),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


@pytest.mark.parametrize("question, topic, facet, facts", [
    # «điều kiện» that tells the asker's means («không có điều kiện đi lại») asks nothing of who may register
    # (nlu/cues.yaml not_kinds): the fact asked, online filing, leads rather than the eligibility rule
    ("nhà tôi không có điều kiện đi lại nên muốn đăng ký thường trú online", "dvc03_thuong_tru", "online",
     ("Làm trực tuyến được", "VNeID")),
])
def test_incidental_dieu_kien_is_not_the_eligibility_asked(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_a_divorced_spouse_still_in_the_home_may_split_without_the_heads_consent(testbot):
    reply = ask(testbot, "đã ly dị mà chưa dọn đi thì tách hộ khẩu riêng được không")
    assert_fact_leads(reply, "tach_ho", "ly_hon", ("Được", "không cần chủ hộ, chủ sở hữu đồng ý", "ly hôn"))



def test_the_maternity_benefits_money_is_a_phrase_of_the_insurance_domain(matcher):
    # «tiền thai sản» (nlu/out_of_scope.yaml, insurance) is longer than the one thing of ours such a question names
    # («đã được duyệt chưa»), so the domain outweighs it (rule 7 of nlu/matcher.py)
    norm = matcher.normalizer("hồ sơ duyệt chưa, bao giờ thì có tiền thai sản")
    assert matcher.scope.domain(norm) == "insurance"
    assert "tien thai san" in [norm[start:end] for start, end in matcher.scope.domain_spans(norm)]
