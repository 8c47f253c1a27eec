"""Follow-ups on the real knowledge base, branch `dlg4` (dialogue set G): each test holds one rule of the follow-up
path in bot/handlers/citizen.py, in my own wording (no benchmark turn).

- a correction («ý mình là …», «à nhầm») is the question asked again, read in the conversation;
- the speaker («e», «mình»), an auxiliary («cần») and a duration («quá hạn 7 tháng») name no new topic;
- a person's age written with the person («cho bé 6 tuổi») names the person, not a child's entry of another
  procedure, and a sub-question about children under an age is never taken for an older child; a person named
  goes to the entry whose title is about that person before one that mentions such people in passing;
- a long message the bot declines alone on no word of another domain is a chatty follow-up;
- a weak guess whose words the current entry's closest sub-question says («ở nơi tạm trú» after marriage
  registration) is that sub-question; a complete question on the other topic still switches;
- «bao giờ phải …», «còn kịp không», «thì bị sao», «ở tỉnh khác» ask a time, a deadline, a penalty, a place.
"""

from __future__ import annotations

from tests.replies import last_reply, lead


def test_a_correction_is_read_again_in_the_conversation(testbot):
    reply = last_reply(testbot, "làm hộ chiếu", "hết bao nhiêu", "ý mình là cho con 7 tuổi thì dùng được mấy năm")
    assert reply.meta.topic == "dvc12_ho_chieu" and reply.meta.fallback is False
    assert "5 năm" in lead(reply)
    plain = last_reply(testbot, "làm hộ chiếu", "hết bao nhiêu", "cho con 7 tuổi thì dùng được mấy năm", user="u2")
    assert lead(plain) == lead(reply)


def test_a_correction_opener_alone_is_not_stripped_to_nothing(testbot):
    reply = last_reply(testbot, "làm hộ chiếu", "ý mình là")
    assert reply.text  # some reply, no crash, and not an empty question


def test_the_speaker_names_no_new_topic(testbot):
    """«máy của e»: «e» is the speaker; the follow-up stays on the VNeID device entry instead of being declined."""
    reply = last_reply(testbot, "đổi sang điện thoại mới thì đăng nhập vneid thế nào", "máy của e không có nfc thì sao")
    assert reply.meta.topic == "vneid_thiet_bi" and reply.meta.fallback is False
    assert "NFC" in reply.text


def test_a_persons_age_with_the_person_is_no_other_procedure(testbot):
    """«cho bé nhà tôi 6 tuổi» after the passport: the passport's validity for a child, not the child's ID card."""
    reply = last_reply(testbot, "làm hộ chiếu", "cho bé nhà tôi 6 tuổi thì dùng được mấy năm")
    assert reply.meta.topic == "dvc12_ho_chieu"
    assert "5 năm" in lead(reply)


def test_a_sub_question_about_younger_children_is_not_taken_for_an_older_child(testbot):
    older = last_reply(testbot, "làm thẻ căn cước lần đầu", "con tôi 9 tuổi thì sao")
    assert older.meta.topic == "can_cuoc_14_tuoi" and older.meta.facet != "duoi_6"
    assert "Trẻ dưới 6 tuổi được làm" not in lead(older)
    younger = last_reply(testbot, "làm thẻ căn cước lần đầu", "cho bé 3 tuổi thì sao", user="u2")
    assert younger.meta.topic == "can_cuoc_14_tuoi" and younger.meta.facet == "duoi_6"


def test_a_duration_names_no_topic(testbot):
    """«quá hạn 7 tháng rồi thì sao» after the driving licence: the overdue licence, not an entry whose key terms
    hold a number of months."""
    reply = last_reply(testbot, "đổi bằng lái ô tô hết hạn", "quá hạn 7 tháng rồi thì sao")
    assert reply.meta.topic == "dvc20_gplx" and reply.meta.fallback is False
    assert "lý thuyết" in lead(reply)


def test_an_auxiliary_verb_names_no_subject(testbot):
    """«có cần đưa cháu đi không» after a child's ID card: a fact of the card (borrowed from the card's own entry),
    not the child's VNeID account, which «cần» (folded like «căn») made look like a new subject."""
    reply = last_reply(testbot, "làm căn cước cho con", "có cần đưa cháu đi không")
    assert reply.meta.topic in {"can_cuoc_14_tuoi", "dvc02_the_can_cuoc"} and reply.meta.fallback is False
    assert "6 tuổi" in reply.text


def test_a_long_message_declined_on_no_domain_word_is_a_chatty_followup(testbot):
    message = ("vâng để e thu xếp. bọn e đang làm ở Long An mà quê ở Quảng Ngãi, làm ở Long An thì cần mang "
               "giấy tờ gì")
    assert testbot.say(message, user="alone")[0].meta.fallback is True  # alone: declined, it names no topic
    reply = last_reply(testbot, "đăng ký kết hôn", message, user="u2")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.fallback is False
    assert "tờ khai" in lead(reply)


def test_a_long_message_with_another_domains_words_is_still_declined(testbot):
    reply = last_reply(testbot, "đăng ký kết hôn",
                  "cho em hỏi thêm là vợ chồng em đang tính ly hôn thuận tình vì mâu thuẫn, thì nộp đơn ở tòa nào")
    assert reply.meta.fallback is True


def test_words_the_closest_sub_question_says_are_its_circumstance(testbot):
    """«vậy làm ở nơi tạm trú được không» after marriage registration asks where to register the marriage."""
    reply = last_reply(testbot, "đăng ký kết hôn", "vậy làm ở nơi tạm trú được không")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.facet == "tam_tru"
    assert "tạm trú" in lead(reply)


def test_a_complete_question_on_the_other_topic_still_switches(testbot):
    reply = last_reply(testbot, "đăng ký kết hôn", "đăng ký tạm trú online được không")
    assert reply.meta.topic == "dvc04_tam_tru"


def test_when_must_one_notify_asks_the_deadline(testbot):
    reply = last_reply(testbot, "khách ngủ lại nhà qua đêm có phải báo không", "bao giờ phải báo")
    assert reply.meta.fallback is False and "23 giờ" in lead(reply)


def test_still_in_time_asks_the_deadline(testbot):
    reply = last_reply(testbot, "trợ cấp thất nghiệp", "em nghỉ việc 2 tháng rồi còn kịp không")
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and "3 tháng" in lead(reply)


def test_what_happens_if_one_does_not_asks_the_penalty(testbot):
    reply = last_reply(testbot, "khai báo tạm vắng", "nếu không khai thì bị sao")
    assert reply.meta.topic == "dvc05_tam_vang" and "500.000" in lead(reply)


def test_another_province_asks_where_one_may_do_it(testbot):
    """«ở tỉnh khác có làm được không» after replacing a lost card: where it may be done (not back home only)."""
    reply = last_reply(testbot, "cấp lại thẻ căn cước bị mất", "ở tỉnh khác có làm được không")
    assert reply.meta.topic == "dvc02_the_can_cuoc" and reply.meta.fallback is False
    assert "Công an" in lead(reply)


def test_a_person_goes_to_the_entry_about_that_person_not_to_another_procedure(testbot):
    """«cho con tôi 3 tuổi thì sao» after tạm trú: the child's residence (an entry whose title is about children),
    not permanent-residence registration, whose examples mention a child in passing."""
    reply = last_reply(testbot, "đăng ký tạm trú", "cho con tôi 3 tuổi thì sao")
    assert reply.meta.topic == "cu_tru_tre_em" and reply.meta.fallback is False
    assert "cha, mẹ" in reply.text
