"""Issue #16 «Coverage», VNeID group (session 20, helper vneid2): the sub-questions added for a forgotten password,
a lost phone, a locked account, the căn cước điện tử, foreigners, the wallet's papers and the public-services portal
answer the fact asked first (knowledge/CHANGES-2026-12-03-vneid2.md).

Every question is worded for this test (none is a benchmark's or a knowledge example); each is asked the way
``python -m bot ask --json`` asks it (one stateless message to the whole bot) and checks the fact in the reply's first
paragraph."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("quên mật khẩu vneid có cần mang giấy tờ gì không", "vneid_quen_mat_khau", "documents",
     ("Không cần giấy tờ", "ngày cấp thẻ")),
    ("đặt lại mật khẩu vneid thì bao lâu mới vào lại được app", "vneid_quen_mat_khau", "time",
     ("Xong ngay", "OTP")),
    ("quên mật khẩu định danh có phải tạo tài khoản khác không", "vneid_quen_mat_khau", "tao_lai",
     ("Không cần đăng ký lại",)),
    ("bị mất điện thoại thì vneid có tự động khóa lại không", "vneid_mat_dien_thoai", "tu_khoa",
     ("Không", "không làm tài khoản tự bị khóa")),
    ("mất máy thì có phải làm lại tài khoản định danh không", "vneid_mat_dien_thoai", "lam_lai",
     ("Không cần đăng ký lại", "NFC")),
    ("những ai được cấp căn cước điện tử vậy", "vneid_can_cuoc_dien_tu", "who", ("công dân Việt Nam", "14 tuổi")),
    ("làm căn cước điện tử có tốn phí không", "vneid_can_cuoc_dien_tu", "fee", ("Không mất phí",)),
    ("người nước ngoài ở việt nam có buộc phải có vneid không", "vneid_nguoi_nuoc_ngoai", "bat_buoc",
     ("Được khi có nhu cầu", "không bắt buộc")),
    # the same yes/no asked as a permission: «được» first, with the papers (never «Không» alone)
    ("nguoi nuoc ngoai co duoc lam tai khoan dinh danh khong", "vneid_nguoi_nuoc_ngoai", "bat_buoc",
     ("Được", "hộ chiếu")),
    ("vào cổng dịch vụ công có phải lập tài khoản riêng không", "vneid_dang_nhap_dvc", "tai_khoan_rieng",
     ("Không cần", "tài khoản VNeID")),
    ("tích hợp bằng lái lên vneid cần những giấy tờ gì", "vneid_tich_hop_giay_to", "documents",
     ("Không phải nộp hay chụp giấy tờ", "số GPLX")),
    ("tài khoản vneid bị khóa rồi có mở lại được không", "vneid_bi_khoa", "mo_lai", ("Được", "tự mở lại")),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)
