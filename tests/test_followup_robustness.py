"""Follow-ups typed the way citizens type them, on the real knowledge base (branch `dlg2`, dialogue set E).

Each test holds one rule of the follow-up path in bot/handlers/citizen.py: an out-of-scope guess of the classifier
that no word of another domain supports does not end the thread; chat words («ad»), service verbs («nộp») and
numbers («người thứ 3») name nothing; cue words read only in a conversation («không khai thì sao», «trước mấy
giờ», «đóng bao nhiêu»); a close entry that the follow-up names by a word of its title and that the bot guesses
alone takes the thread; processing time before validity; an out-of-scope guess whose words the current entry uses
gets the entry's sub-question or the unsure reply with the topic; another domain as the mere circumstance of the
topic's own action; a long chatty follow-up; a person's follow-up gets the entry's own sub-question about that
person. The scope exits that must still leave are checked too. Messages are my own wording, not benchmark turns.
"""

from __future__ import annotations

import pytest

from nlu.cues import Cues
from nlu.normalize import Normalizer
from tests.replies import last_reply


def _lead(reply) -> str:
    return reply.text.split("\n")[0]


def test_an_out_of_scope_guess_from_no_domain_word_does_not_end_the_thread(testbot):
    """«bao lâu thì lấy được thẻ» alone is declined; after a card question its cue («bao lâu») asks that card's
    processing time."""
    alone = last_reply(testbot, "bao lâu thì lấy được thẻ", user="alone")
    assert alone.meta.fallback is True  # on its own: declined
    reply = last_reply(testbot, "cấp lại căn cước bị mất", "bao lâu thì lấy được thẻ")
    assert reply.meta.fallback is False and reply.meta.topic == "dvc02_the_can_cuoc"
    assert "7 ngày" in _lead(reply)


def test_a_chat_word_names_nothing(testbot):
    reply = last_reply(testbot, "dang ky tam tru online", "lệ phí sao ad")
    assert reply.meta.fallback is False and "15.000" in _lead(reply) and "7.000" in _lead(reply)


def test_a_number_names_nothing(testbot):
    reply = last_reply(testbot, "gia hạn bảo hiểm y tế hộ gia đình", "vợ tôi là người thứ 3 thì đóng bao nhiêu")
    assert reply.meta.topic == "dvc17_bhyt_ho_gia_dinh" and "60%" in _lead(reply)


def test_a_service_verb_alone_borrows_no_other_entry(testbot):
    reply = last_reply(testbot, "khai báo tạm vắng", "nộp chỗ nào")
    assert reply.meta.fallback is False and reply.meta.topic == "dvc05_tam_vang"


@pytest.mark.parametrize("first, follow_up, fact", [
    ("đăng ký tạm trú online", "không khai thì sao", "500.000"),            # the penalty
    ("thông báo lưu trú cho khách", "phải báo trước mấy giờ vậy", "23 giờ"),  # the deadline
])
def test_a_fact_asked_the_way_one_asks_only_in_a_conversation(testbot, first, follow_up, fact):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.fallback is False and fact in _lead(reply)


def test_conversation_cues_leave_a_question_on_its_own_untouched():
    cues, normalize = Cues.default(), Normalizer.default()
    norm = normalize("không khai thì sao")
    assert cues.kinds(norm) == ()  # a question on its own is matched as before
    assert "penalty" in cues.followup_kinds(norm) and cues.leans_on_context(norm)
    assert "ad" not in cues.content_words(normalize("lệ phí sao ad"))


def test_a_close_entry_named_by_its_title_and_guessed_alone_takes_the_thread(testbot):
    # the answer about tạm trú says an overnight guest needs a stay notification: «báo» asks about that one
    reply = last_reply(testbot, "ngủ lại nhà bạn 1 đêm có phải đăng ký tạm trú ko", "thế báo lúc mấy giờ")
    assert reply.meta.topic != "dvc04_tam_tru" and "23 giờ" in _lead(reply)


def test_a_follow_up_about_the_time_gets_the_processing_time_not_the_validity(testbot):
    reply = last_reply(testbot, "làm hộ chiếu", "bao giờ có")
    assert "8 ngày" in _lead(reply) and "10 năm" not in _lead(reply)


def test_an_out_of_scope_guess_in_the_entrys_own_words_is_not_declined(testbot):
    """«được hưởng bao nhiêu» alone is declined; after the unemployment benefit it is about it: the benefit asked
    (cue kind «benefit», scope3) is the entry's own sentence about it — never «out of scope», never a sub-question
    guessed from folded look-alikes."""
    alone = last_reply(testbot, "được hưởng bao nhiêu", user="alone")
    assert alone.meta.fallback is True and "t:dvc23_tro_cap_that_nghiep" not in [b.payload for b in alone.buttons]
    reply = last_reply(testbot, "giải quyết hưởng trợ cấp thất nghiệp", "được hưởng bao nhiêu")
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and _lead(reply).startswith("Mức hưởng")
    assert "60%" in _lead(reply)


def test_another_domain_as_the_circumstance_of_the_topics_own_action_is_not_declined(testbot):
    """Declined alone (labour export), after «khai báo tạm vắng» it asks that topic's own action: the topic is
    offered (the unsure reply), never «out of scope»."""
    reply = last_reply(testbot, "khai báo tạm vắng", "đi xuất khẩu lao động Nhật 2 năm có phải khai ko")
    offered = [b.payload for b in reply.buttons]
    assert reply.meta.topic == "dvc05_tam_vang" or offered[0] == "t:dvc05_tam_vang"


def test_a_long_chatty_follow_up_keeps_the_thread_and_gets_the_childs_sub_question(testbot):
    reply = last_reply(testbot, "làm hộ chiếu cho con",
                  "bé nhà mình mới 3 tuổi thôi, có cần đưa bé lên tận nơi để chụp ảnh không hay bố mẹ làm thay được")
    assert reply.meta.topic == "dvc12_ho_chieu" and reply.meta.fallback is False
    assert "cha, mẹ" in _lead(reply) and "14 tuổi" in _lead(reply)


def test_a_person_follow_up_gets_the_entrys_own_sub_question_about_that_person(testbot):
    reply = last_reply(testbot, "làm căn cước cho con", "bé nhà em mới 3 tuổi thì sao")
    assert reply.meta.topic == "can_cuoc_14_tuoi" and "dưới 6 tuổi" in _lead(reply)


@pytest.mark.parametrize("first, follow_up", [
    ("đăng ký tạm trú cho phòng trọ", "còn vay tiền ngân hàng thì cần giấy tờ gì"),
    ("đăng ký kết hôn", "còn ly hôn thì làm ở đâu"),
    ("quên mật khẩu vneid", "còn mua nhà thì sao"),
    ("khai báo tạm vắng", "còn đổi số điện thoại cho tài khoản ngân hàng thì sao"),
])
def test_a_follow_up_into_another_domain_still_leaves_scope(testbot, first, follow_up):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.fallback is True and reply.meta.topic is None


@pytest.mark.parametrize("answer", ["số 2", "chọn 2", "cái thứ hai", "2 ạ", "câu số 2"])
def test_a_clarifying_question_answered_by_a_number_in_words(testbot, answer):
    asked = last_reply(testbot, "cap lai", user=answer)
    assert asked.meta.fallback is True and len(asked.buttons) >= 2  # «cấp lại» alone: a question back
    second = asked.buttons[1]
    reply = last_reply(testbot, answer, user=answer)
    assert reply.meta.fallback is False and reply.meta.topic == second.payload[2:]


def test_a_number_in_words_out_of_range_asks_again_and_a_sentence_is_no_number():
    from bot.handlers.citizen import choice_number

    assert choice_number("chọn 9") == 9 and choice_number("số hai nhé") == 2
    assert choice_number("thứ 2 có làm việc không") is None and choice_number("ba tôi mất") is None
    assert choice_number("hai") is None  # a bare word («hai», «ba» is also «bà») needs «số», «chọn», «cái thứ»…


def test_a_fact_question_right_after_a_topic_is_no_vague_message(testbot):
    alone = last_reply(testbot, "dky o dau", user="alone")
    assert alone.meta.fallback is True  # on its own: which registration? a question back
    reply = last_reply(testbot, "đăng ký tạm trú online", "dky o dau")
    assert reply.meta.fallback is False and reply.meta.topic == "dvc04_tam_tru"


def test_thanks_then_a_question_answers_the_question(testbot):
    reply = last_reply(testbot, "đăng ký khai sinh cho con",
                  "cảm ơn ạ. cho mình hỏi thêm gia hạn thẻ bhyt hộ gia đình thế nào")
    assert reply.meta.topic == "dvc17_bhyt_ho_gia_dinh" and reply.meta.fallback is False
    thanks = last_reply(testbot, "đăng ký khai sinh cho con", "cảm ơn ạ", user="u2")
    assert thanks.meta.topic != "dvc17_bhyt_ho_gia_dinh" and thanks.meta.fallback is False


@pytest.mark.parametrize("first, follow_up", [
    ("làm hộ chiếu", "thế còn đăng ký kinh doanh hộ cá thể"),  # «hộ» of «hộ cá thể» is no «hộ chiếu»
    ("trợ cấp thất nghiệp", "thế còn mở tài khoản ngân hàng"),  # the entry speaks of bank accounts; opening one
])
def test_a_shared_word_does_not_keep_a_follow_up_into_another_domain(testbot, first, follow_up):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_another_entrys_own_name_switches_though_it_holds_a_cue_word(testbot):
    reply = last_reply(testbot, "đăng ký tạm trú online", "còn phạt nguội thì sao")
    assert reply.meta.topic == "dvc08_phat_nguoi" and reply.meta.fallback is False


@pytest.mark.parametrize("ack", ["vâng ạ", "ok", "dạ"])
def test_an_acknowledgement_gets_a_polite_word_and_keeps_the_topic(testbot, ack):
    reply = last_reply(testbot, "làm lại căn cước bị mất ở đâu", ack, user=ack)
    assert reply.meta.fallback is False and reply.meta.topic == "thanks"  # «vâng» is no «vắng» (tạm vắng)
    after = last_reply(testbot, "lệ phí thế nào", user=ack)
    assert after.meta.topic == "dvc02_the_can_cuoc" and "35.000" in _lead(after)


def test_a_topic_after_then_carries_the_fact_asked_to_its_close_entry(testbot):
    # «thế lưu trú» after a tạm trú penalty: the penalty, from the stay notification's penalty entry
    reply = last_reply(testbot, "tạm trú bị phạt bao nhiêu", "thế lưu trú")
    # the stay entry has its own fine (helper resid3): either stay entry answers the fine
    assert reply.meta.topic in ("luu_tru_xu_phat", "luu_tru_la_gi") and "phạt" in _lead(reply)


def test_a_carried_time_is_the_processing_time(testbot):
    reply = last_reply(testbot, "làm căn cước mất bao lâu", "còn hộ chiếu")
    assert reply.meta.topic == "dvc12_ho_chieu" and "8 ngày" in _lead(reply)


def test_who_does_it_asked_in_a_conversation_gets_who(testbot):
    reply = last_reply(testbot, "thông báo lưu trú cho khách", "khách ở khách sạn thì ai báo")
    assert reply.meta.fallback is False and "khách sạn" in _lead(reply)


def test_a_vague_message_about_paperwork_or_online_stays_vague_after_a_topic(testbot):
    for vague in ("làm giấy tờ gì", "làm online"):
        reply = last_reply(testbot, "đăng ký tạm trú online", vague, user=vague)
        assert reply.meta.fallback is True and len(reply.buttons) >= 2 and reply.meta.topic is None
