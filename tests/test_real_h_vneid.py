"""VNeID answers added while tuning on half A of ``benchmarks/real_h_vneid.yaml``, through the whole core.

Every question here is written for the test (none comes from a benchmark or is a knowledge example): the reply must
lead with the fact asked — the processing times of Nghị định 69/2024/NĐ-CP Điều 13 (for an organisation and for a
foreigner too), the account's validity, how to unlink an old phone, that deleting the app keeps the account,
activating late, for free or for an elderly parent, the lost phone's free lock and unlock — and decline someone
else's hacked social-media account, which shares the words of the e-ID account's fine.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, declined, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("tài khoản định danh của hợp tác xã được cấp trong bao nhiêu ngày làm việc", "vneid_thoi_gian_cap", "to_chuc",
     ("3 ngày làm việc", "15 ngày")),
    ("người nước ngoài có thẻ tạm trú làm vneid mức 2 thì bao lâu được duyệt", "vneid_thoi_gian_cap",
     "nguoi_nuoc_ngoai", ("3 ngày làm việc", "7 ngày làm việc")),
    ("tài khoản định danh điện tử có thời hạn sử dụng bao lâu", "vneid_thiet_bi", "validity",
     ("thẻ căn cước", "không phải đăng ký lại")),
    ("lỡ tay gỡ ứng dụng vneid thì tài khoản còn không", "vneid_thiet_bi", "xoa_ung_dung",
     ("không xóa tài khoản", "đăng nhập")),
    ("quá hạn 7 ngày mới kích hoạt vneid có được không", "vneid_kich_hoat", "overdue", ("1900 0368", "Công an xã")),
    ("kích hoạt định danh ở công an xã có phải đóng tiền không", "vneid_kich_hoat", "fee", ("Không mất phí",)),
    ("con cháu làm giúp việc kích hoạt vneid cho bố mẹ già được không", "vneid_kich_hoat", "nguoi_gia",
     ("điện thoại của chính người được cấp", "Công an xã")),
    ("khóa vneid vì mất điện thoại có mất phí gì không", "vneid_mat_dien_thoai", "fee", ("miễn phí",)),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_a_citizens_processing_time_is_the_decree_in_force(testbot, kb):
    """Level 2 with a valid card: at most 3 working days, from Nghị định 69/2024/NĐ-CP Điều 13 (not the repealed
    Nghị định 59/2022 any more)."""
    reply = ask(testbot, "làm định danh mức 2 ở công an phường thì sau mấy ngày làm việc có kết quả")
    assert "3 ngày làm việc" in lead(reply)
    entry = kb.entries["vneid_thoi_gian_cap"]
    assert "Điều 13" in entry.source and "59/2022" not in entry.source
    assert "15 ngày" in entry.answer and "7 ngày làm việc" in entry.answer


def test_unlinking_an_old_phone_names_the_menu(testbot):
    reply = ask(testbot, "làm sao gỡ chiếc điện thoại cũ ra khỏi vneid")
    assert reply.meta.topic == "vneid_thiet_bi"
    assert "Quản lý thiết bị" in reply.text and "Hủy liên kết" in reply.text


def test_an_organisations_time_is_stated_in_its_own_entry(testbot):
    """Asked of the organisation account's entry, the time is read from its answer (no invented figure)."""
    reply = ask(testbot, "công ty mới thành lập đăng ký định danh tổ chức thì mấy ngày có tài khoản")
    assert reply.meta.topic in {"vneid_to_chuc", "vneid_thoi_gian_cap"}
    assert "3 ngày làm việc" in reply.text and "15 ngày" in reply.text


@pytest.mark.parametrize("question", [
    "nick facebook của tôi bị người lạ chiếm mất thì báo ai",
    "hack zalo người khác phạt bao nhiêu",
])
def test_someone_elses_social_media_account_is_declined(testbot, question):
    reply = declined(testbot, question)
    assert "4.000.000" not in reply.text


def test_taking_over_an_e_id_account_still_gets_its_fine(testbot):
    reply = ask(testbot, "chiếm đoạt tài khoản định danh của người khác phạt bao nhiêu")
    assert_fact_leads(reply, "vneid_xu_phat", "chiem_doat", ("4.000.000", "8.000.000"))


@pytest.mark.parametrize("question, topic, facet, facts", [
    ("đổi số điện thoại định danh qua tổng đài thì mất bao lâu mới xong", "vneid_doi_so_dien_thoai", "time",
     ("OTP", "1900 0368")),
    ("kiểm tra tài khoản vneid đang ở mức mấy", "vneid_muc2", "kiem_tra",
     ("Ví giấy tờ", "đã được phê duyệt")),
])
def test_the_brainstormed_fact_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)
