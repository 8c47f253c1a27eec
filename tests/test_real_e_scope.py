"""The scope border after the set-E work of 2026-12-01 (benchmarks/real_e_scope.yaml, half A).

- A neighbouring domain's phrase that is longer than the one thing of ours the question names decides: the
  question goes to that domain (rule 7 of nlu.matcher); overlapping key-term pairs are one thing named.
- A time or a fee asked without any key term of the entry is an honest «unsure» (rule 8).
- Telecoms are another domain; «thuê bao» is told from «thuế» by its diacritics.
- Survivor benefits and leaving household health insurance for the employer's are the social-insurance office's.
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from nlu.matcher import Verdict
from nlu.scope import Scope


def test_overlapping_key_term_pairs_are_one_thing_named():
    assert Scope.spans("hop phap hoa lanh su ly lich tu phap", {"ly lich", "lich tu"}) == 1
    assert Scope.spans("gia han the bao hiem y te", {"gia han", "hiem y", "y te"}) == 2
    assert Scope.spans("dang ky tam tru", set()) == 0
    assert Scope.covered("xin phieu ly lich tu phap", {"phieu ly", "ly lich", "lich tu"}) == 4


def test_a_longer_domain_phrase_than_the_one_thing_named_is_that_domains(matcher):
    result = matcher.match("hợp pháp hóa lãnh sự phiếu lý lịch tư pháp")
    assert result.verdict == Verdict.OUT_OF_SCOPE and result.domain == "immigration", result


def test_the_same_paper_asked_for_a_trip_abroad_is_still_ours(matcher):
    result = matcher.match("làm phiếu lý lịch tư pháp để đi làm ở nước ngoài")
    assert result.verdict == Verdict.ANSWER and result.topic == "dvc22_ly_lich_tu_phap", result


def test_a_time_asked_of_an_entry_never_named_is_unsure(testbot):
    """«Bằng lái b1 mấy ngày thì có»: a new licence after the driving test, not the renewal service."""
    reply = testbot.say("bang lai b1 may ngay thi co")[0]
    assert reply.meta.fallback is True, reply.text
    assert "ngày làm việc" not in reply.text, reply.text


def test_the_same_time_asked_of_the_named_service_is_answered(matcher):
    result = matcher.match("đổi giấy phép lái xe online mất mấy ngày")
    assert result.verdict == Verdict.ANSWER and result.topic == "dvc20_gplx", result


def test_a_time_asked_with_what_the_entry_has_a_sub_question_for_is_answered(testbot):
    """«Bằng lái quá hạn bao lâu thì phải thi lại»: no key term, but the expired-licence sub-question is asked too."""
    reply = testbot.say("bằng lái quá hạn mấy tháng thì bị thi lại")[0]
    assert reply.meta.fallback is False and reply.meta.topic == "dvc20_gplx", reply.text
    assert "lý thuyết" in reply.text.split("\n")[0], reply.text


def test_a_subscriber_question_goes_to_the_operator(testbot):
    reply = testbot.say("thuê bao trả trước bị khóa 1 chiều phải làm sao")[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text
    assert "nhà mạng" in reply.text, reply.text


@pytest.mark.parametrize("question", [
    "đăng ký mã số thuế cá nhân bao lâu thì có",  # «thuế bao lâu» with diacritics: tax, not a subscriber
    "thue bao nhieu khi dang ky ma so thue",  # without diacritics «thue bao» could be either: no telecom phrase
])
def test_tax_questions_stay_with_the_tax_registration(matcher, question):
    result = matcher.match(question)
    assert result.verdict == Verdict.ANSWER and result.topic == "dvc18_dang_ky_thue", result
    assert result.domain is None, result.domain


def test_a_vneid_phone_question_with_an_operators_words_is_not_declined(matcher):
    result = matcher.match("số thuê bao của tôi bị nhà mạng thu hồi thì có đổi số trên VNeID được không")
    assert result.verdict != Verdict.OUT_OF_SCOPE, result


@pytest.mark.parametrize("question", [
    "mẹ tôi có được lĩnh tiền tuất một lần khi bố mất không",
    "đi làm công ty đóng bảo hiểm rồi thì cắt bảo hiểm y tế hộ gia đình thế nào",
])
def test_survivor_benefits_and_employer_health_insurance_go_to_social_insurance(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text
    assert "Bảo hiểm xã hội" in reply.text, reply.text


@pytest.mark.parametrize("question, topic", [
    ("khai tử cho bố và nhận mai táng phí làm một lần trên VNeID", "dvc16_lien_thong_khai_tu"),
    ("gia hạn bảo hiểm y tế hộ gia đình online", "dvc17_bhyt_ho_gia_dinh"),
])
def test_our_own_insurance_services_are_still_answered(matcher, question, topic):
    result = matcher.match(question)
    assert result.verdict == Verdict.ANSWER and result.topic == topic, result


def test_admissions_by_residence_are_the_schools(testbot):
    reply = testbot.say("con tôi học trái tuyến thì có được thi vào lớp 10 trường công lập không")[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text
    assert "nhà trường" in reply.text, reply.text


def test_a_residence_question_for_school_is_still_ours(matcher):
    """«… để vào lớp 10»: in a short question what follows «để» is why, not what is asked."""
    result = matcher.match("đăng ký tạm trú cho con để vào lớp 10")
    assert result.verdict == Verdict.ANSWER and result.topic == "dvc04_tam_tru", result
    assert result.domain is None, result.domain


@pytest.mark.parametrize("question, domain", [
    ("đặt hàng trên sàn thương mại điện tử nhận về hàng giả thì khiếu nại ở đâu", "consumer"),
    ("xe máy va chạm giao thông với ô tô, bảo hiểm bắt buộc có bồi thường cho tôi không", "traffic"),
])
def test_consumer_and_accident_questions_are_declined(testbot, matcher, question, domain):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None, reply.text
    assert matcher.scope.domain(matcher.normalizer(question)) == domain


def test_the_phrase_found_says_where_it_goes_rather_than_the_nearest_class(testbot):
    reply = testbot.say("đặt hàng trên sàn thương mại điện tử nhận về hàng giả thì khiếu nại ở đâu")[0]
    assert "người bán" in reply.text and "điện lực" not in reply.text, reply.text
