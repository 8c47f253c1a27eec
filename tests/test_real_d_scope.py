"""The scope border after the neighbouring-domain work of 2026-12-01 (benchmarks/real_d_scope.yaml, half A).

Military service and elections are declined with where such questions go; their words do not take the residence
questions that share them (a military-age person's tạm vắng is ours); phrases that our own entries use are no longer
treated as another domain's. The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from nlu.matcher import Verdict


@pytest.mark.parametrize("question, where", [
    ("con tôi 19 tuổi được gọi khám nvqs nhưng đang học đại học thì sao", "Ban Chỉ huy quân sự"),
    ("giấy đăng ký nghĩa vụ quân sự tạm vắng xin ở đâu khi đi làm xa", "Ban Chỉ huy quân sự"),
    ("đi bỏ phiếu bầu đại biểu quốc hội có cần mang căn cước không", "Tổ bầu cử"),
    ("ở trọ chưa đủ một năm thì có tên trong danh sách cử tri không", "Tổ bầu cử"),
])
def test_military_and_election_questions_are_declined_with_where_they_go(testbot, question, where):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text
    assert where in reply.text, reply.text


def test_a_military_age_absence_is_still_residence_tam_vang(testbot):
    question = "thanh niên trong độ tuổi nghĩa vụ quân sự đi làm xa 4 tháng có phải khai báo tạm vắng không"
    reply = testbot.say(question)[0]
    assert reply.meta.topic == "dvc05_tam_vang" and reply.meta.fallback is False, reply.text
    assert "tạm vắng" in reply.text


@pytest.mark.parametrize("question, topic", [
    ("thầy giáo trường mầm non muốn đăng ký chữ ký số trên vneid", "vneid_chu_ky_so"),
    ("liên kết ví điện tử với tài khoản vneid mức 2 thế nào", "vneid_lien_ket_tai_khoan"),
])
def test_phrases_our_entries_use_no_longer_count_as_another_domain(matcher, question, topic):
    result = matcher.match(question)
    assert result.verdict == Verdict.ANSWER and result.topic == topic, result
    assert result.domain is None, result.domain


def test_comparing_and_duty_words_support_no_entry(matcher):
    for terms in matcher.scope.key_terms.values():
        assert not terms & {"giong nhau", "khac nhau", "trach nhiem", "giong", "trach"}
    result = matcher.match("quyền bầu cử của người ở trọ và người thường trú có giống nhau không")
    assert result.verdict == Verdict.OUT_OF_SCOPE and result.domain == "elections", result


def test_vneid_inside_another_domains_question_offers_our_topics(testbot):
    """«Đã ly hôn … VNeID vẫn ghi …»: in scope but unsure — our close topics as buttons, not the court's address."""
    reply = testbot.say("ly hôn xong rồi mà trên vneid vẫn ghi là đã kết hôn")[0]
    assert reply.meta.fallback is True
    assert any(b.payload.startswith("t:vneid") for b in reply.buttons), reply.buttons
    assert "Tòa án" not in reply.text, reply.text


def test_the_same_domain_without_vneid_still_says_where_it_goes(testbot):
    reply = testbot.say("ly hôn đơn phương thì nộp đơn ở đâu")[0]
    assert reply.meta.fallback is True and "Tòa án" in reply.text, reply.text
    assert not any(b.payload.startswith("t:") for b in reply.buttons), reply.buttons


def test_the_longest_domain_phrase_names_the_domain_and_strips_its_words(matcher):
    """«chứng thực bản sao giấy khai sinh» is the civil-status office's, not land's «chứng thực», and its «khai sinh»
    does not support the birth-registration entry."""
    result = matcher.match("chứng thực bản sao giấy khai sinh ở xã mất bao nhiêu tiền")
    assert result.verdict == Verdict.OUT_OF_SCOPE and result.domain == "civil_status", result
    domain, words = matcher.scope.domain_match("chung thuc ban sao giay khai sinh")
    assert domain == "civil_status" and {"khai", "sinh", "chung", "thuc"} <= words


def test_a_domain_phrase_in_the_situation_only_does_not_decline_our_question(testbot):
    reply = testbot.say("nhập khẩu cho con về nhà ngoại sau khi bố mẹ ly hôn")[0]
    assert reply.meta.fallback is False and reply.meta.topic is not None, reply.text
    assert "thường trú" in reply.text or "nhập khẩu" in reply.text, reply.text
    declined = testbot.say("ly hôn xong thì chia tài sản chung thế nào")[0]
    assert declined.meta.fallback is True and "Tòa án" in declined.text, declined.text
    weapons = testbot.say("nộp hồ sơ khai báo vũ khí tự chế ở đâu")[0]  # «vũ khí» is no «khi» (when)
    assert weapons.meta.fallback is True, weapons.text
