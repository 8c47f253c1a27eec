"""Issue #16 «Coverage», VNeID group (session 20, helper vneid): the sub-questions added from Nghị định 69/2024/NĐ-CP
Điều 7, 10 and 13 answer the fact asked first (knowledge/CHANGES-2026-12-03-vneid.md).

Every question is worded for this test (none is a benchmark's or a knowledge example); each is asked the way
``python -m bot ask --json`` asks it (one stateless message to the whole bot) and checks the fact in the reply's first
paragraph."""

from __future__ import annotations

import pytest

from knowledge.coverage import coverage
from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    # a child needs a thẻ căn cước before any account (Điều 7: «đã được cấp thẻ căn cước»)
    ("con tôi 9 tuổi chưa có căn cước thì có đăng ký vneid được không", "vneid_tre_em", "can_the",
     ("Có", "phải có thẻ căn cước")),
    # under 6: level 1 only
    ("bé nhà em mới 5 tuổi có làm định danh mức 2 được không ạ", "vneid_tre_em", "duoi_6_muc2",
     ("Không", "chỉ được cấp tài khoản định danh mức 1")),
    ("có bắt buộc làm tài khoản định danh cho trẻ dưới 14 tuổi không", "vneid_tre_em", "bat_buoc",
     ("Không bắt buộc", "khi có nhu cầu")),
    ("làm vneid cho con thì bao lâu có kết quả", "vneid_tre_em", "time", ("1 ngày làm việc", "3 ngày làm việc")),
    ("đăng ký tài khoản định danh cho con cần giấy tờ gì", "vneid_tre_em", "documents",
     ("thẻ căn cước của trẻ", "tài khoản VNeID mức 2")),
    ("đăng ký vneid mức 1 ở đâu vậy", "vneid_muc1", "place", ("trên ứng dụng VNeID", "không phải đến Công an")),
    ("tự làm mức 1 cần chuẩn bị giấy tờ gì", "vneid_muc1", "documents",
     ("Không phải nộp giấy tờ", "số định danh cá nhân")),
    ("chưa có căn cước gắn chip thì làm mức 2 được không", "vneid_muc2", "chua_co_the",
     ("Được", "cùng lúc khi làm thủ tục cấp thẻ căn cước", "7 ngày làm việc")),
    ("không có điện thoại thông minh thì làm định danh mức 2 được không", "vneid_muc2", "khong_smartphone",
     ("Được", "vneid.gov.vn")),
    ("điện thoại bàn phím có kích hoạt định danh được không", "vneid_kich_hoat", "khong_smartphone",
     ("Được", "vneid.gov.vn", "OTP")),
    ("mình chưa làm căn cước thì có tài khoản định danh điện tử được không", "vneid_ai_duoc_cap", "chua_co_the",
     ("Được", "cùng lúc với thủ tục cấp thẻ căn cước")),
    ("mức 1 có dùng thay căn cước khi đi công chứng được không", "vneid_muc1_vs_muc2", "muc1_thay_the",
     ("Không", "chỉ tài khoản mức 2 mới có căn cước điện tử")),
    ("kích hoạt vneid cần chuẩn bị gì", "vneid_kich_hoat", "documents", ("số định danh cá nhân", "mã OTP")),
    ("quên passcode có phải lên công an không", "vneid_quen_passcode", "online",
     ("Làm trực tuyến được", "Quên passcode", "OTP")),
    ("passcode và mật khẩu vneid khác nhau không", "vneid_quen_passcode", "khac_mat_khau", ("6 chữ số", "đăng nhập")),
    # «có phải ra công an không» asks whether it is done without going there (nlu/cues.yaml, online)
    ("đổi số điện thoại có phải ra công an không", "vneid_doi_so_dien_thoai", "online", ("Làm trực tuyến được",)),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_the_account_entries_for_children_and_both_levels_are_complete():
    rows = {r.entry_id: r for r in coverage()}
    for entry_id in ("vneid_tre_em", "vneid_muc1", "vneid_muc2"):
        row = rows[entry_id]
        assert not row.missing and row.yesno >= 3, (entry_id, row.missing, row.yesno)
        assert "penalty" in row.not_applicable  # no fine for not having an account: stated, with the text
