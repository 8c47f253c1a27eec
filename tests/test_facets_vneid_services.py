"""Sub-questions of the real knowledge base (VNeID, the services 13–25, the hotline) answered through the whole core.

Each question here is written for the test (none comes from a benchmark); the reply must lead with the sub-question's
own direct answer, then offer the whole entry («Xem hướng dẫn đầy đủ») as its first button.
"""

from __future__ import annotations

import pytest

from bot import texts
from tests.replies import lead


@pytest.mark.parametrize("question, topic, facet", [
    ("tài khoản định danh của tôi tự nhiên bị khóa, giờ mở lại ở chỗ nào", "vneid_bi_khoa", "unlock"),
    ("lam dinh danh muc 2 thi phai mang theo gi", "vneid_muc2", "documents"),
    ("cấp đổi bằng lái ô tô trên dịch vụ công mất bao lâu", "dvc20_gplx", "time"),
    ("trợ cấp thất nghiệp nộp xong chờ bao lâu thì có tiền", "dvc23_tro_cap_that_nghiep", "time"),
    ("tích hợp bằng lái vào vneid có tốn tiền không", "vneid_tich_hop_giay_to", "fee"),
])
def test_a_sub_question_is_answered_with_its_direct_answer_first(testbot, kb, question, topic, facet):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == topic and reply.meta.facet == facet and reply.meta.fallback is False
    assert lead(reply).startswith(kb.entries[topic].facet(facet).answer[:60])
    assert reply.buttons[0].payload == f"t:{topic}" and reply.buttons[0].label == texts.FULL_GUIDE_BUTTON


@pytest.mark.parametrize("question, topic, facet, opening", [
    ("định danh mức 2 có bắt buộc không", "vneid_muc2", "required", "Không bắt buộc"),
    ("thay sim mới giữ số cũ có phải cập nhật vneid không", "vneid_doi_so_dien_thoai", "doi_sim", "Không"),
    ("nâng lên mức 2 tại nhà qua điện thoại có được không", "vneid_muc2", "online", "Không"),
    ("gọi tổng đài 1900 0368 có mất tiền không", "hotline", "fee", "1800 1096 là đầu số miễn cước"),
])
def test_a_yes_no_question_is_answered_yes_or_no_first(testbot, question, topic, facet, opening):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == topic and reply.meta.facet == facet
    assert reply.text.startswith(opening)


def test_a_late_renewal_question_gets_the_consequence_not_the_how_to(testbot, kb):
    reply = testbot.say("thẻ bhyt hộ gia đình hết hạn hai tháng rồi mới gia hạn thì có sao không")[0]
    assert reply.meta.topic == "dvc17_bhyt_ho_gia_dinh" and reply.meta.facet == "overdue"
    assert "không được BHYT chi trả" in lead(reply)
    assert not reply.text.startswith(kb.entries["dvc17_bhyt_ho_gia_dinh"].answer[:40])


def test_follow_ups_about_a_service_get_its_time_then_its_fee(testbot, kb):
    assert testbot.say("đổi bằng lái xe online")[0].meta.topic == "dvc20_gplx"
    time = testbot.say("mất bao lâu?")[0]
    assert time.meta.topic == "dvc20_gplx" and time.meta.facet == "time"
    fee = testbot.say("hết bao nhiêu tiền")[0]
    assert fee.meta.facet == "fee" and fee.text.startswith(kb.entries["dvc20_gplx"].facet("fee").answer[:40])


def test_the_vneid_entry_itself_answers_whether_it_is_compulsory_in_its_first_lines(testbot):
    reply = testbot.say("vneid là gì")[0]
    assert reply.meta.topic == "vneid_la_gi" and reply.meta.facet is None
    first_lines = reply.text.split("\n")[:2]
    assert "Bộ Công an" in first_lines[0] and any("không bắt buộc" in line for line in first_lines)


def test_no_online_sub_question_opens_with_a_bare_yes(kb):
    # after «có phải lên công an không» a leading «Có» reads as «yes, you must go»
    for entry in kb.entries.values():
        for facet in entry.facets:
            if facet.kind == "online":
                first = facet.answer.split()[0].strip("—.,:")
                assert first != "Có", (entry.id, facet.id)


@pytest.mark.parametrize("question, topic", [
    ("gia hạn thẻ bhyt hộ gia đình làm online được không", "dvc17_bhyt_ho_gia_dinh"),
    ("cấp điện mới làm trên mạng được không", "dvc24_cap_dien_moi"),
])
def test_an_online_question_is_told_it_can_be_done_online_first(testbot, question, topic):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == topic and reply.meta.facet == "online"
    assert lead(reply).startswith("Làm trực tuyến được")
