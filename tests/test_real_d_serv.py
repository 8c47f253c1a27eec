"""The other essential services answered on the facts asked (helper `serv`, set D-serv): the unemployment benefit on
Luật Việc làm 2025, late death registration, birth registration where the parents live temporarily, and
neighbouring-domain questions declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads, lead


@pytest.mark.parametrize("question, facet, facts", [
    ("nghỉ việc thì tiền thất nghiệp mỗi tháng được bao nhiêu", "muc_huong", ("60%", "3 tháng", "12 tháng")),
    ("đóng bảo hiểm thất nghiệp mấy tháng thì đủ điều kiện nhận", "dieu_kien", ("12 tháng", "3 tháng", "10 ngày")),
    ("nop ho so that nghiep xong bao lau thi bat dau duoc huong", "time", ("10 ngày làm việc", "thứ 11")),
])
def test_unemployment_sub_questions_state_the_2025_law(testbot, kb, question, facet, facts):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and reply.meta.facet == facet
    assert reply.meta.fallback is False
    first = lead(reply)
    assert first.startswith(kb.entries["dvc23_tro_cap_that_nghiep"].facet(facet).answer[:50])
    for fact in facts:
        assert fact in first, fact


def test_the_unemployment_entry_cites_the_law_in_force_and_opens_with_the_amount(kb):
    entry = kb.entries["dvc23_tro_cap_that_nghiep"]
    assert "74/2025/QH15" in entry.source and "38/2013" not in entry.source
    assert "60%" in entry.answer.splitlines()[0]
    assert "hỏi Trung tâm dịch vụ việc làm" not in entry.answer.splitlines()[-1]


def test_a_new_job_while_on_benefit_stops_it_and_keeps_the_rest(testbot):
    reply = testbot.say("đang lãnh trợ cấp thất nghiệp mà có công ty nhận vào làm thì còn được nhận tiếp không")[0]
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and reply.meta.facet == "co_viec_lam"
    assert reply.text.startswith("Không") and "bảo lưu" in lead(reply)


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # late death registration: not fined for lateness, only for registering late on purpose to profit
    ("bà mất ba tháng rồi nhà tôi chưa đi khai tử thì có bị phạt tiền không", "dvc10_khai_tu", "penalty",
     "Khai tử muộn", ("không bị phạt", "trục lợi")),
    # birth registration where the parents live temporarily: yes
    ("vợ chồng tôi tạm trú ở thành phố, đăng ký khai sinh cho con ở đây được không", "dvc09_khai_sinh", "tam_tru",
     "Được", ("tạm trú",)),
    # an expired licence: re-issue, maybe a new test — not the ordinary renewal
    ("bằng lái xe hơi quá hạn một năm thì đổi thế nào", "dvc20_gplx", "het_han", "Bằng ô tô quá hạn",
     ("cấp lại", "sát hạch lại")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_the_exam_registration_documents_name_what_to_prepare(testbot):
    reply = testbot.say("đi đăng ký dự thi tốt nghiệp cấp 3 thì phải chuẩn bị giấy tờ gì")[0]
    assert reply.meta.topic == "dvc21_thi_thpt" and reply.meta.facet == "giay_to"
    first = lead(reply)
    assert "phiếu đăng ký dự thi" in first and "học bạ" in first


@pytest.mark.parametrize("question", [
    "học bằng lái ô tô bao lâu thì thi được",
    "đang ở Đài Loan muốn đăng ký kết hôn tại lãnh sự quán việt nam được không",
])
def test_neighbouring_domain_questions_are_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True
    assert reply.meta.topic not in ("dvc20_gplx", "dvc11_ket_hon")
