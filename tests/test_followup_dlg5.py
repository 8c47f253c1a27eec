"""Follow-ups on the real knowledge base, branch `dlg5` (dialogue set H): each test holds one rule of the follow-up
path in bot/handlers/citizen.py (and its cue words in nlu/cues.yaml), in my own wording (no benchmark turn).

- «lấy» (to collect) names no subject: «mất mấy ngày thì lấy được» asks the processing time of the topic;
- a question in two alternatives («… được không hay phải …») asks one thing: the sub-question its alternatives
  point at;
- «kiểu gì», «như nào» ask how: «lấy lại kiểu gì» right after a topic is that topic's own how-to;
- «xử lý thế nào khi …» asks what to do about a mishap, not a fine; «người ở tỉnh khác đến» says whence a person
  comes, it asks no place;
- a person named gets the sub-question about that person's own case when the sub-question of the kind asked says
  nothing of them;
- a correction's opener is found word by word, commas and all.
"""

from __future__ import annotations

from bot.handlers.citizen import _after_correction
from tests.replies import last_reply, lead


def test_collecting_names_no_subject(testbot):
    """«lấy» was an unknown word, so the short time question was declined as out of scope."""
    reply = last_reply(testbot, "xin giấy xác nhận thông tin cư trú", "may ngay lay duoc")
    assert reply.meta.topic == "xac_nhan_cu_tru" and reply.meta.fallback is False
    assert "ngày làm việc" in lead(reply)


def test_a_question_in_two_alternatives_gets_the_sub_question_they_agree_on(testbot):
    reply = last_reply(testbot, "làm giấy đăng ký kết hôn", "mất phí không",
                       "một người đi nộp được không hay cả hai phải có mặt")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc11_ket_hon", "co_mat") and reply.meta.fallback is False
    assert "có mặt" in lead(reply)


def test_asking_how_in_chat_right_after_a_topic_is_its_how_to(testbot):
    reply = last_reply(testbot, "quên mật khẩu vneid", "lấy lại kiểu gì")
    assert reply.meta.topic == "vneid_quen_mat_khau" and reply.meta.fallback is False
    assert "Quên mật khẩu" in reply.text
    # a new subject that the topic never speaks of still leaves scope (a house purchase after marriage registration)
    away = last_reply(testbot, "đăng ký kết hôn", "còn mua nhà thì sao", user="u2")
    assert away.meta.fallback is True and away.meta.topic is None


def test_handling_a_mishap_is_no_fine(testbot):
    """«xử lý thế nào khi mất điện thoại …» read as a penalty question left the lost-phone entry unsure."""
    reply = last_reply(testbot, "nên xử lý thế nào khi mất điện thoại đang dùng vneid")
    assert reply.meta.topic == "vneid_mat_dien_thoai" and reply.meta.fallback is False
    assert "1900 0368" in reply.text and "phạt" not in lead(reply)


def test_where_a_person_comes_from_asks_no_place(testbot):
    """«ở tỉnh khác» asks where one may file; «người ở tỉnh khác đến ở» only tells who comes: it got the permanent
    residence's office."""
    reply = last_reply(testbot, "đăng ký tạm trú", "người từ tỉnh khác đến ở nhờ thì sao")
    assert reply.meta.topic != "dvc03_thuong_tru" and reply.meta.facet != "place"
    where = last_reply(testbot, "làm hộ chiếu", "ở tỉnh khác làm được không", user="u2")
    assert where.meta.topic == "dvc12_ho_chieu" and "thuận tiện" in lead(where)


def test_a_person_named_gets_their_own_case(testbot):
    """The documents asked of marriage registration with a foreigner: the foreigner's case (extra papers from their
    country), not the papers of a second marriage."""
    reply = last_reply(testbot, "đăng ký kết hôn", "lấy chồng người nước ngoài thì cần giấy tờ gì")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.fallback is False
    assert reply.meta.facet == "nuoc_ngoai" and "người nước ngoài" in lead(reply).splitlines()[0]
    # a sub-question of the kind that speaks of the person stays: the first card's fee for a child
    fee = last_reply(testbot, "làm thẻ căn cước lần đầu", "cho con tôi 4 tuổi thì mất phí không", user="u2")
    assert fee.meta.topic == "can_cuoc_14_tuoi" and "Không mất phí" in lead(fee)


def test_a_correction_opener_is_found_word_by_word():
    assert _after_correction("à , nhầm, cho bé 5 tuổi thì sao") == "cho bé 5 tuổi thì sao"
    assert _after_correction("Ý mình là, làm cho con") == "làm cho con"
    assert _after_correction("ý mình là") is None
    assert _after_correction("ý kiến của mình là gì") is None


def test_a_long_message_asking_a_fact_is_no_small_talk(testbot):
    """«người yêu» made the classifier weakly guess small talk for a long message about where to register."""
    reply = last_reply(testbot, "đăng ký kết hôn", "mình đang ở Đà Nẵng còn người yêu thì ở quê Quảng Bình, "
                       "giờ tụi mình đăng ký ở Đà Nẵng được không hay phải về quê làm")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.fallback is False
    assert "tạm trú" in lead(reply)
    chat = last_reply(testbot, "đăng ký kết hôn", "bạn có người yêu chưa", user="u2")
    assert chat.meta.fallback is True and "trợ lý tự động" in chat.text


def test_a_fact_the_persons_entry_lacks_comes_from_the_procedure_the_conversation_came_from(testbot):
    """After «cho con tôi 3 tuổi thì sao» moved tạm trú to the child's residence (which states no fee), «mất phí
    không» is the tạm trú fee — not the fee-free change of a household head, an entry of the same group."""
    reply = last_reply(testbot, "đăng ký tạm trú", "cho con tôi 3 tuổi thì sao", "mất phí ko")
    assert reply.meta.topic == "dvc04_tam_tru" and reply.meta.fallback is False
    assert "15.000" in lead(reply)
    # a person's entry that states the fact keeps it: the foreigners' declaration is free
    own = last_reply(testbot, "đăng ký tạm trú", "thế người nước ngoài thì sao", "mất phí ko", user="u2")
    assert own.meta.topic == "luu_tru_nguoi_nuoc_ngoai" and "không mất phí" in lead(own)
