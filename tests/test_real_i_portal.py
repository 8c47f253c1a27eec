"""The online portals themselves answered on the facts asked (helper `portal6`, set I-portal): the two kinds of online
service that replaced the levels 1–4, results (electronic and signed, by post), electronic copies and booking a
certified copy on dichvucong.gov.vn, the one-stop desk (what it does, an incomplete file, a late file), submission
errors and lower online fees on the portal — and the neighbours' portals (VssID, notaries), declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, declined, lead


@pytest.mark.parametrize("question, topic, facts", [
    # the levels 1–4 are gone: «toàn trình» or «một phần»
    ("thủ tục toàn trình khác thủ tục một phần thế nào", "dvc_toan_trinh", ("Toàn trình", "Một phần", "bưu điện")),
    ("dịch vụ công mức độ 4 trước kia nay gọi thế nào", "dvc_toan_trinh", ("Toàn trình",)),
    # results: electronic (signed), by post, at the desk
    ("kết quả hồ sơ online gửi qua bưu điện về nhà được không", "dvc_ket_qua", ("bưu chính công ích", "cước")),
    # booking a certified copy at the commune on the portal
    ("muốn đặt lịch chứng thực bản sao ở xã qua mạng", "dvc_chung_thuc_dien_tu",
     ("chứng thực bản sao từ bản chính", "đặt lịch hẹn", "bản chính")),
    # an error while submitting names what to check and the portal's hotline
    ("nộp hồ sơ trên dichvucong cứ báo lỗi tải tệp thì làm sao", "dvc_cong_quoc_gia", ("1800 1096",)),
    # the state of a file is followed by its code
    ("xem trạng thái hồ sơ đã gửi trên cổng dịch vụ công thế nào", "dvc_cong_quoc_gia", ("mã hồ sơ",)),
])
def test_portal_questions_state_the_facts(testbot, question, topic, facts):
    assert_states(ask(testbot, question), topic, facts)


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("giấy tờ kết quả bản điện tử có ký số không", "dvc_ket_qua", "chu_ky_so", ("chữ ký số", "Kho dữ liệu cá nhân")),
    ("chứng thực bằng thông tin trên vneid thay bản chính được không", "dvc_chung_thuc_dien_tu", "vneid",
     ("01/11/2025", "VNeID")),
    ("bộ phận một cửa của xã làm nhiệm vụ gì", "trung_tam_hcc", "la_gi", ("tiếp nhận", "trả kết quả")),
])
def test_portal_sub_questions_lead_with_the_answer(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet), (reply.meta.topic, reply.meta.facet)
    for fact in facts:
        assert fact in lead(reply), lead(reply)


def test_an_incomplete_file_is_explained_once(testbot):
    # the desk's whole answer says so even when no sub-question is picked
    assert_states(ask(testbot, "hồ sơ thiếu giấy tờ cán bộ bắt đi lại nhiều lần"), "trung_tam_hcc", ("một lần",))


@pytest.mark.parametrize("question", [
    "đăng ký tài khoản vssid thế nào",  # the social-insurance app
    "công chứng hợp đồng mua bán online được không",  # a notary's act
])
def test_neighbouring_portals_are_declined(testbot, question):
    declined(testbot, question)
