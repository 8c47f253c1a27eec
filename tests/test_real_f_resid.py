"""Residence answers added from real citizens' questions (benchmarks/real_f_resid.yaml, half A) and from the
residence questions people ask most, through the whole core on the bundled knowledge base: the one fact asked
leads the reply — a guest staying one night (the fine, the notice hour, no tạm trú), the papers that prove a lawful
home, co-owners and religious establishments for thường trú, notarising a rental paper for tạm trú, moving a
registration, a newborn's registration, a foreigner's declaration hours — and neighbouring-domain questions that
share residence words are declined. The questions are our own wording, not the benchmark's."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, declined, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("có khách ở lại qua đêm mà không báo thì bị phạt bao nhiêu", "luu_tru_la_gi", "penalty",
     ("500.000–1.000.000", "một đêm")),
    ("ngủ nhờ nhà bạn một đêm có phải làm tạm trú ko", "luu_tru_la_gi", "khong_tam_tru",
     ("Không phải đăng ký tạm trú", "thông báo lưu trú")),
    ("khách ngủ lại phải báo trước mấy giờ", "luu_tru_la_gi", "deadline", ("23 giờ", "8 giờ sáng")),
    ("không báo lưu trú bị phạt bao nhiêu", "luu_tru_xu_phat", "household", ("500.000 đến 1.000.000",)),
    ("khách nước ngoài đến nhà phải khai báo trong mấy tiếng", "luu_tru_nguoi_nuoc_ngoai", "deadline",
     ("12 giờ", "24 giờ")),
    ("nhà chưa có sổ đỏ thì chứng minh chỗ ở hợp pháp bằng gì", "cho_o_hop_phap", "chua_so",
     ("UBND xã", "hợp đồng mua bán")),
    ("thuê trọ có cần công chứng hợp đồng để làm tạm trú ko", "dvc04_tam_tru", "cong_chung",
     ("Không bắt buộc công chứng",)),
    ("sổ hồng đứng tên chung có nhập khẩu được không", "dvc03_thuong_tru", "dong_so_huu",
     ("không cần các đồng sở hữu khác đồng ý", "ít nhất một chủ sở hữu")),
    ("được đăng ký thường trú ở chùa không", "dvc03_thuong_tru", "co_so_ton_giao",
     ("Được trong một số trường hợp", "hoạt động tôn giáo")),
    ("mới sinh con mà chưa nhập khẩu có bị phạt không", "cu_tru_tre_em", "penalty", ("60 ngày",)),
])
def test_the_fact_asked_leads_the_reply(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_the_papers_for_a_lawful_home_have_their_own_answer(testbot):
    reply = ask(testbot, "giấy tờ chứng minh chỗ ở hợp pháp gồm những loại nào")
    assert reply.meta.topic == "cho_o_hop_phap", reply.meta.topic
    for fact in ("Sổ đỏ, sổ hồng", "cho thuê, cho mượn, cho ở nhờ", "xác nhận của UBND xã"):
        assert fact in reply.text, reply.text


def test_moving_needs_no_deregistration_at_the_old_place(testbot):
    reply = ask(testbot, "chuyển hộ khẩu đến nơi mới có cần xóa ở nơi cũ không")
    assert reply.meta.topic == "xoa_dang_ky_cu_tru", reply.meta.topic
    # the yes/no sub-question now leads («Không cần: … chỉ đăng ký thường trú ở nơi mới»), not the whole entry
    assert "Không cần" in lead(reply) and "ở nơi mới" in lead(reply), reply.text


def test_notice_hours_are_a_time_question_and_a_notarised_paper_is_not_a_documents_one(matcher):
    assert "time" in matcher.match("khách tới lúc nửa đêm thì trước mấy giờ phải báo công an").kinds
    assert "time" in matcher.match("khai báo khách tây trong bao nhiêu tiếng").kinds
    assert "documents" not in matcher.match("làm tạm trú có cần giấy tờ công chứng không").kinds
    assert "documents" in matcher.match("làm tạm trú cần giấy tờ gì").kinds


@pytest.mark.parametrize("question", [
    "thủ tục gia hạn visa du lịch cho bạn người Úc đang ở Việt Nam",
    "mở homestay ở Đà Lạt cần xin giấy phép kinh doanh gì",
    "công nhân làm xa quê thì đi bỏ phiếu bầu cử ở đâu",
])
def test_a_neighbouring_domain_question_is_declined(testbot, question):
    assert declined(testbot, question).meta.topic is None


def test_a_guest_conversation_gets_the_fine_and_the_hour_of_the_stay_notice(testbot):
    first = ask(testbot, "bạn tôi ở quê lên ngủ lại nhà một đêm có phải báo không")
    assert first.meta.topic == "luu_tru_la_gi" and "thông báo lưu trú" in lead(first)
    fine = ask(testbot, "không báo thì phạt bao nhiêu")
    assert (fine.meta.topic, fine.meta.facet) == ("luu_tru_la_gi", "penalty"), (fine.meta.topic, fine.meta.facet)
    assert "500.000–1.000.000" in lead(fine)
    hour = ask(testbot, "báo trước mấy giờ")
    assert (hour.meta.topic, hour.meta.facet) == ("luu_tru_la_gi", "deadline")
    assert "23 giờ" in lead(hour)
