"""VNeID answers added or fixed while tuning on half A of ``benchmarks/real_d_vneid.yaml``, through the whole core.

Every question here is written for the test (none comes from a benchmark or is a knowledge example): the reply must
lead with the sub-question's direct answer, or decline a neighbouring domain's question that shares VNeID's words.
"""

from __future__ import annotations

import re

import pytest

from bot import texts
from tests.replies import lead


@pytest.mark.parametrize("question, topic, facet, fact", [
    ("tài khoản định danh có tự xóa đi được không hả", "vneid_doi_so_dien_thoai", "xoa_tai_khoan",
     "Không cần xóa tài khoản"),
    ("quà tặng của nhà nước cho dân có chuyển qua vneid không", "vneid_an_sinh_xa_hoi", "qua_nha_nuoc",
     "An sinh xã hội"),
    ("dùng tài khoản định danh điện tử có phải trả phí sử dụng không", "vneid_le_phi", "fee", "Không mất phí"),
    ("đi làm mức 2 cần đem theo những gì", "vneid_muc2", "documents", "số điện thoại"),
])
def test_the_sub_question_asked_is_answered_first(testbot, kb, question, topic, facet, fact):
    reply = testbot.say(question)[0]
    assert (reply.meta.topic, reply.meta.facet, reply.meta.fallback) == (topic, facet, False)
    assert lead(reply).startswith(kb.entries[topic].facet(facet).answer[:50])
    assert fact in lead(reply)
    assert reply.buttons[0].payload == f"t:{topic}" and reply.buttons[0].label == texts.FULL_GUIDE_BUTTON


def test_deleting_the_account_is_not_needed_and_locking_is_offered(testbot):
    first = lead(testbot.say("mất sim rồi thì hủy tài khoản vneid kiểu gì")[0])
    assert "Không cần xóa" in first and "khóa tạm" in first and "1900 0368" in first


def test_the_whole_phone_change_answer_also_says_no_deletion_is_needed(testbot):
    """A long question that no sub-question fits gets the whole entry, which states it too."""
    reply = testbot.say("tôi muốn xóa luôn tài khoản định danh để đăng ký lại bằng số mới")[0]
    assert reply.meta.topic == "vneid_doi_so_dien_thoai" and reply.meta.fallback is False
    assert "Không cần xóa tài khoản khi bỏ số cũ" in reply.text and "khóa tạm" in reply.text


@pytest.mark.parametrize("question", [
    "mình quên mật khẩu app vssid rồi",                      # the social-insurance app, not VNeID
    "bị tước bằng lái 2 tháng thì có được lái xe không",      # a traffic penalty, not integrating the licence
])
def test_a_neighbouring_apps_or_penaltys_question_is_declined(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None
    assert "Quên mật khẩu" not in reply.text and "Ví giấy tờ" not in reply.text


def test_the_vneid_password_question_is_still_answered(testbot, kb):
    reply = testbot.say("quen mat khau dang nhap vneid thi lay lai the nao")[0]
    assert reply.meta.topic == "vneid_quen_mat_khau" and reply.meta.fallback is False
    assert "Quên mật khẩu" in reply.text


def test_the_integration_how_to_says_the_verified_licence_replaces_the_paper(testbot):
    reply = testbot.say("hướng dẫn tích hợp bằng lái xe vào vneid")[0]
    assert reply.meta.topic == "vneid_tich_hop_giay_to"
    assert "giá trị thay bản giấy khi Cảnh sát giao thông kiểm tra" in reply.text


def test_the_lock_entry_names_no_unconfirmed_article_of_the_2024_decree(kb):
    """Nghị định 69/2024's article on locking was not confirmed (CHANGES-2026-12-01d-vneid.md): say less."""
    entry = kb.entries["vneid_bi_khoa"]
    sources = [entry.source, *(f.source for f in entry.facets)]
    assert all(not re.search(r"69/2024/NĐ-CP,? Điều", s) for s in sources)
    assert "Nghị định 59/2022/NĐ-CP Điều 19 (hết hiệu lực" in entry.source


def test_finding_an_error_is_not_asking_for_a_fine(testbot):
    """«phát hiện» folds to the letters of «phạt»: the reply must not add an unasked «Về mức phạt» line."""
    reply = testbot.say("phát hiện ngày sinh trên vneid bị sai thì sửa thế nào")[0]
    assert reply.meta.topic == "vneid_sua_thong_tin" and reply.meta.fallback is False
    assert "mức phạt" not in reply.text.lower() and "Phản ánh" in reply.text


def test_thoi_gian_cap_asks_for_the_processing_time(testbot, matcher):
    reply = testbot.say("thời gian cấp định danh mức 2")[0]
    assert reply.meta.fallback is False and "time" in matcher.facet_kinds(reply.meta.topic, reply.meta.facet)
    assert "7 ngày làm việc" in lead(reply)


@pytest.mark.parametrize("question, penalty", [
    ("phát hiện thông tin cư trú bị sai", False),
    ("giấy tờ phát sinh khi làm thủ tục", False),
    ("bị phạt hành chính bao nhiêu tiền", True),   # «phạt hành chính» folds like «phát hành»: still a penalty
    ("xu phat hanh chinh khi khong dang ky tam tru", True),
])
def test_phat_words_that_are_no_fine(matcher, question, penalty):
    assert ("penalty" in matcher.cues.kinds(matcher.normalizer(question))) is penalty
