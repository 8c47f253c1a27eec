"""Follow-ups read against the conversation's topic, on the real knowledge base (the rules of the follow-up path).

A short message without cue words that fits one of the current entry's sub-questions; a message naming nothing
but the fact stays on the current entry (no sibling service's fact is borrowed); a person named («người nước
ngoài», «cho con tôi») leads to that person's variant of the topic, or to the unsure reply when the knowledge base
has none; «ở nước ngoài» (abroad) names no foreigner, «nhờ người khác» no person's entry; a repeated action whose
object is a neighbouring domain's thing leaves scope; a complete question switches topic; the context expires;
two conversations, in the core and in one ``ask --json`` stream, are kept apart.
"""

from __future__ import annotations

import json

import pytest

from nlu.cues import Cues
from tests.replies import last_reply


def _kind(matcher, reply) -> frozenset[str]:
    return matcher.facet_kinds(reply.meta.topic, reply.meta.facet) if reply.meta.facet else frozenset()


def test_a_cue_less_follow_up_gets_the_current_entrys_sub_question(testbot):
    alone = last_reply(testbot, "ca 2 nguoi phai co mat a", user="alone")
    assert alone.meta.fallback is True  # on its own the bot cannot tell what it is about
    reply = last_reply(testbot, "đăng ký kết hôn", "ca 2 nguoi phai co mat a")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.facet is not None and reply.meta.fallback is False
    assert "có mặt" in reply.text.split("\n")[0]


@pytest.mark.parametrize("first, follow_up, topic", [
    ("làm hộ chiếu phổ thông", "can giay to gi", "dvc12_ho_chieu"),
    ("đăng ký tạm trú online", "nop o dau", "dvc04_tam_tru"),
    ("thông báo lưu trú cho khách", "nộp ở đâu", "dvc06_thong_bao_luu_tru"),
    ("cấp lại căn cước bị mất", "cần giấy tờ gì", "dvc02_the_can_cuoc"),
    # a relative or an age asks the same procedure for someone else
    ("đăng ký thường trú", "cho bố mẹ tôi thì sao", "dvc03_thuong_tru"),
    ("đăng ký tạm trú online", "còn vợ tôi thì sao", "dvc04_tam_tru"),
    ("làm hộ chiếu", "con tôi 10 tuổi thì cần gì", "dvc12_ho_chieu"),
    ("đăng ký thường trú cho con", "con nho hon 6 tuoi thi sao", "dvc03_thuong_tru"),  # already the child's
])
def test_a_follow_up_naming_only_the_fact_stays_on_the_current_entry(testbot, first, follow_up, topic):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.topic == topic and reply.meta.fallback is False


def test_a_penalty_is_not_borrowed_from_another_service(testbot):
    reply = last_reply(testbot, "xin lý lịch tư pháp", "bi phat bao nhieu")
    assert reply.meta.topic != "dvc12_ho_chieu" and "hộ chiếu" not in reply.text.split("\n")[0]


def test_a_sibling_entry_about_the_fact_still_answers_it(testbot):
    reply = last_reply(testbot, "thông báo lưu trú cho khách", "không báo thì bị phạt bao nhiêu")
    assert reply.meta.topic in ("dvc06_thong_bao_luu_tru", "luu_tru_xu_phat") and reply.meta.fallback is False
    assert "500.000" in reply.text


@pytest.mark.parametrize("first, topic", [
    ("đăng ký tạm trú online", "luu_tru_nguoi_nuoc_ngoai"),
    ("thông báo lưu trú cho khách", "luu_tru_nguoi_nuoc_ngoai"),
    ("đăng ký định danh mức 2", "vneid_nguoi_nuoc_ngoai"),
])
def test_a_foreigner_follow_up_gets_the_foreigners_variant_of_the_topic(testbot, first, topic):
    reply = last_reply(testbot, first, "the nguoi nuoc ngoai thi sao")
    assert reply.meta.topic == topic and reply.meta.fallback is False


def test_a_person_without_a_variant_of_the_topic_gets_the_unsure_reply_with_the_topic(testbot):
    reply = last_reply(testbot, "đăng ký khai sinh cho con", "the nguoi nuoc ngoai thi sao")
    assert reply.meta.fallback is True
    assert "t:dvc09_khai_sinh" in [b.payload for b in reply.buttons]


def test_abroad_names_no_foreigner_and_a_proxy_names_no_person():
    cues = Cues.default()
    assert cues.person("chu tro dang o nuoc ngoai thi sao") is None
    assert cues.person("di nuoc ngoai lam viec thi sao") is None
    assert cues.person("con nguoi nuoc ngoai thi sao") == "foreigner"
    assert cues.person("nho nguoi khac lam duoc khong") is None
    assert cues.person("cho nguoi khac thi sao") is None and cues.variant("cho nguoi khac thi sao") == "relative"


def test_a_proxy_follow_up_gets_the_current_entrys_proxy_answer(testbot, matcher):
    reply = last_reply(testbot, "xin lý lịch tư pháp", "nho nguoi khac lam dc ko")
    assert reply.meta.topic == "dvc22_ly_lich_tu_phap" and "proxy" in _kind(matcher, reply)


def test_the_topics_action_on_a_neighbouring_domains_thing_leaves_scope(testbot):
    reply = last_reply(testbot, "đổi số điện thoại VNeID", "thế còn đổi sđt cho tài khoản ngân hàng thì sao")
    assert reply.meta.fallback is True and reply.meta.topic is None
    assert "ngoài phạm vi" in reply.text


def test_the_topics_action_after_a_neighbouring_domains_words_stays_on_topic(testbot):
    reply = last_reply(testbot, "khai báo tạm vắng", "còn đi xuất khẩu lao động 2 năm thì có phải khai không")
    assert reply.meta.topic == "dvc05_tam_vang" and reply.meta.fallback is False


def test_a_complete_question_switches_topic_and_the_new_topic_holds(testbot):
    last_reply(testbot, "đăng ký kết hôn")
    switched = last_reply(testbot, "quên mật khẩu vneid thì lấy lại thế nào")
    assert switched.meta.topic == "vneid_quen_mat_khau"
    fee = last_reply(testbot, "co mat phi ko")
    assert fee.meta.topic != "dvc11_ket_hon"


def test_the_context_expires(testbot, clock):
    last_reply(testbot, "đăng ký kết hôn")
    clock.advance(minutes=31)
    reply = last_reply(testbot, "ca 2 nguoi phai co mat a")
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_two_conversations_are_kept_apart(testbot, matcher):
    last_reply(testbot, "đăng ký kết hôn", user="a")
    last_reply(testbot, "làm hộ chiếu phổ thông", user="b")
    fee_a = last_reply(testbot, "co mat phi ko", user="a")
    fee_b = last_reply(testbot, "co mat phi ko", user="b")
    assert fee_a.meta.topic == "dvc11_ket_hon" and "200.000" not in fee_a.text
    assert fee_b.meta.topic == "dvc12_ho_chieu" and "200.000" in fee_b.text
    assert "fee" in _kind(matcher, fee_a) and "fee" in _kind(matcher, fee_b)


def test_ask_json_keeps_sessions_apart_for_cue_less_follow_ups(cli):
    lines = [json.dumps({"session": "x", "q": "đăng ký kết hôn"}, ensure_ascii=False),
             json.dumps({"session": "y", "q": "làm hộ chiếu phổ thông"}, ensure_ascii=False),
             json.dumps({"session": "y", "q": "ca 2 nguoi phai co mat a"}, ensure_ascii=False),
             json.dumps({"session": "x", "q": "ca 2 nguoi phai co mat a"}, ensure_ascii=False)]
    result = cli("ask", "--json", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["session"] for r in records] == ["x", "y", "y", "x"]
    assert records[3]["topic"] == "dvc11_ket_hon" and records[3]["fallback"] is False
    assert records[2]["topic"] != "dvc11_ket_hon"


def test_chat_short_forms_name_no_topic(testbot, matcher):
    assert Cues.default().content_words("phat bn") == [] and Cues.default().content_words("the bhyt thi sao")
    reply = last_reply(testbot, "đăng ký khai sinh cho con", "phat bn")
    assert reply.meta.topic == "dvc09_khai_sinh" and "penalty" in _kind(matcher, reply)


def test_the_sub_question_of_the_kind_asked_is_told_apart_with_the_topic(testbot, matcher):
    reply = last_reply(testbot, "đăng ký khai sinh cho con", "vay thi lam o dau")
    assert reply.meta.topic == "dvc09_khai_sinh" and "place" in _kind(matcher, reply)
    assert "UBND" in reply.text.split("\n")[0]


@pytest.mark.parametrize("message, choice", [
    ("em muốn hỏi về cấp lại", "t:dvc12_ho_chieu"),
    ("mình bị mất giấy tờ rồi", "t:dvc02_the_can_cuoc"),
    ("cho em hỏi về tài khoản", "t:vneid_muc2"),
])
def test_a_vague_message_with_filler_words_gets_the_clarifying_question(testbot, message, choice):
    reply = last_reply(testbot, message)
    assert reply.meta.fallback is True and choice in [b.payload for b in reply.buttons]
    assert not last_reply(testbot, "hỏi về hộ chiếu", user="u2").meta.fallback  # a topic named is no vague message


def test_the_clarifying_question_is_answered_by_number_and_by_words(testbot):
    last_reply(testbot, "em muốn hỏi về cấp lại")
    assert last_reply(testbot, "2").meta.topic == "dvc12_ho_chieu"
    last_reply(testbot, "mình bị mất giấy tờ rồi", user="u2")
    assert last_reply(testbot, "cai bang lai xe a", user="u2").meta.topic == "dvc20_gplx"


def test_an_explicit_follow_up_about_something_the_topic_never_speaks_of_leaves_scope(testbot):
    reply = last_reply(testbot, "đăng ký kết hôn", "con mua nha thi sao")
    assert reply.meta.fallback is True and reply.meta.topic is None and "ngoài phạm vi" in reply.text
    stays = last_reply(testbot, "thông báo lưu trú cho khách", "con khach san thi sao", user="u2")
    assert stays.meta.fallback is False and stays.meta.topic in ("dvc06_thong_bao_luu_tru", "luu_tru_xu_phat",
                                                                 "luu_tru_la_gi", "luu_tru_cach_thuc")


@pytest.mark.parametrize("first, follow_up, topic, kind, fact", [
    ("làm lại căn cước hết bao nhiêu tiền", "còn hộ chiếu thì sao", "dvc12_ho_chieu", "fee", "200.000"),
    ("đăng ký tạm trú mất bao lâu", "thế còn thường trú", "dvc03_thuong_tru", "time", "7 ngày"),
    ("đăng ký tạm trú có mất phí không", "còn tạm vắng thì sao", "dvc05_tam_vang", "fee", "Không"),
])
def test_the_fact_asked_before_carries_over_to_the_topic_named_next(testbot, matcher, first, follow_up, topic,
                                                                    kind, fact):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.topic == topic and kind in _kind(matcher, reply)
    assert fact in reply.text.split("\n")[0]


def test_a_complete_question_on_another_topic_does_not_carry_the_fact(testbot, matcher):
    reply = last_reply(testbot, "đăng ký tạm trú có mất phí không", "hướng dẫn làm hộ chiếu online")
    assert reply.meta.topic == "dvc12_ho_chieu" and "fee" not in _kind(matcher, reply)


def test_the_entry_just_shown_in_full_is_not_repeated_on_a_weak_guess(testbot):
    first = last_reply(testbot, "đổi số điện thoại VNeID")
    assert first.meta.topic == "vneid_doi_so_dien_thoai" and first.meta.facet is None
    again = last_reply(testbot, "so cu bi mat roi thi nhan otp kieu gi")
    assert again.meta.fallback is True and again.text != first.text
    assert "t:vneid_doi_so_dien_thoai" in [b.payload for b in again.buttons]  # still offered, not asserted


def test_question_words_name_nothing_and_another_entrys_title_switches(testbot, matcher):
    fee = last_reply(testbot, "đăng ký tạm trú online", "phí bao nhiêu")
    assert fee.meta.topic == "dvc04_tam_tru" and "fee" in _kind(matcher, fee)
    level_one = last_reply(testbot, "đăng ký định danh mức 2", "vậy còn mức 1", user="u2")
    assert level_one.meta.topic != "vneid_muc2" and "mức 1" in level_one.text.split("\n")[0].lower()
