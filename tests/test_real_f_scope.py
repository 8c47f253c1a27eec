"""The scope border after the set-F work of 2026-12-01 (benchmarks/real_f_scope.yaml, half A; scope3 helper).

- Small talk answers a short message, or one that says a word only small talk uses; a longer question the classifier
  puts there is declined (rule 9 of nlu.matcher).
- A neighbouring domain's phrase that opens the question, before the one thing of ours it names, is what is asked
  (rule 7b) — unless that phrase is the situation (going abroad to study, not having a land title yet).
- Health (certificates, vaccination, hospital fees) is another domain; so are maternity leave said without «thai
  sản» and the military call-up medical. VNeID's health book and the licence's health check stay ours.
- «Mức hưởng», «được hưởng bao nhiêu» ask the benefit: stated in the entry it leads the reply, else the bot says so.
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from bot import texts
from nlu.matcher import Verdict
from tests.replies import ask, lead


def test_a_long_question_is_not_small_talk(testbot, matcher):
    norm = matcher.normalizer("cho hỏi muốn mở công ty trách nhiệm hữu hạn thì cần chuẩn bị bao nhiêu vốn")
    assert not matcher._sounds_smalltalk("thanks", norm) and not matcher._sounds_smalltalk("help", norm)
    assert matcher._sounds_smalltalk("thanks", matcher.normalizer("ok nhé"))  # short
    assert matcher._sounds_smalltalk("thanks", matcher.normalizer("vâng mình hiểu rồi, cảm ơn bạn nhiều lắm nhé"))
    reply = testbot.say("cho hỏi muốn mở công ty trách nhiệm hữu hạn thì cần chuẩn bị bao nhiêu vốn")[0]
    assert reply.meta.fallback is True and reply.meta.topic not in ("thanks", "greeting", "help"), reply.text


@pytest.mark.parametrize("message, topic", [
    ("cảm ơn nhiều nhé", "thanks"),
    ("cảm ơn bạn đã giải thích rất kỹ cho mình hôm nay nhé", "thanks"),  # long, but says «cảm ơn»
    ("bạn giúp được những việc gì", "help"),
])
def test_small_talk_is_still_small_talk(testbot, message, topic):
    reply = testbot.say(message)[0]
    assert reply.meta.topic == topic, reply.text


def test_an_opening_domain_phrase_is_what_is_asked(testbot):
    """Notarising a birth certificate is the notary's, however sure the classifier is of the birth entry."""
    reply = testbot.say("công chứng giấy khai sinh cho con ở đâu")[0]
    assert reply.meta.fallback is True, reply.text
    assert texts.OUT_OF_SCOPE_WHERE["notary"] in reply.text  # scope6: the notary's referral, no longer land's


def test_a_neighbouring_procedure_of_the_same_topic_is_not_the_topic(matcher):
    result = matcher.match("hồ sơ chuyển nơi hưởng trợ cấp thất nghiệp sang tỉnh khác")
    assert result.verdict == Verdict.OUT_OF_SCOPE and result.domain == "labour", result


@pytest.mark.parametrize("question, topic", [
    ("sắp đi du học 2 năm thì có cần khai báo tạm vắng ở xã không", "dvc05_tam_vang"),
    ("chưa có sổ đỏ có đăng ký thường trú được không", "dvc03_thuong_tru"),
])
def test_an_opening_situation_is_no_domain_question(testbot, question, topic):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.text


@pytest.mark.parametrize("question, domain", [
    ("giấy khám sức khỏe xin việc có thời hạn bao lâu", "health"),
    ("lịch tiêm phòng cho trẻ sơ sinh", "health"),
    ("nhận giấy gọi khám sức khỏe thì mang theo gì", "military"),
    ("nghỉ sinh con được bao nhiêu tháng lương", "insurance"),
    ("thủ tục xin cho bé vào học mầm non", "education"),
])
def test_neighbouring_domains_are_declined_with_where_to_go(testbot, question, domain):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True, reply.text
    assert texts.OUT_OF_SCOPE_WHERE[domain] in reply.text


@pytest.mark.parametrize("question, topic", [
    ("xem sổ sức khỏe điện tử trên VNeID ở đâu", "vneid_so_suc_khoe"),
    ("đổi bằng lái ô tô có cần khám sức khỏe không", "dvc20_gplx"),
    ("sinh con xong làm giấy khai sinh online thế nào", "dvc09_khai_sinh"),
])
def test_our_questions_with_the_same_words_are_answered(testbot, question, topic):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.text


def test_a_benefit_the_entry_states_leads_the_reply(testbot):
    reply = ask(testbot, "trợ cấp thất nghiệp được hưởng bao nhiêu")
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and "60%" in lead(reply), reply.text


def test_a_benefit_no_entry_states_is_not_answered_with_the_how_to(testbot):
    reply = testbot.say("đóng bhyt hộ gia đình thì đi khám được hưởng bao nhiêu phần trăm")[0]
    assert reply.meta.fallback is True, reply.text
    assert "giảm trừ" not in lead(reply)
