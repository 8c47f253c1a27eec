"""Follow-ups on the real knowledge base, branch `dlg3` (dialogue set F): each test holds one rule of the follow-up
path in bot/handlers/citizen.py, in my own wording (no benchmark turn).

- another entry's title named by a word of substance switches topic («khai tử» holds the service verb «khai»);
- the sub-question just read is not carried again: the message's own words pick another one;
- a fact the entry lacks is borrowed only from an entry on the same subject and about the same person, and a
  person's own case just read answers a question about how that person takes part;
- a person's follow-up that moves to that person's own procedure gets the fact asked, then the procedure;
- a message declined alone may get the yes/no sub-question it is clearly closest to, never a guessed fee;
- after «còn …» another domain's phrase, or a subject no entry names, leaves the thread.
"""

from __future__ import annotations

import pytest

from tests.replies import last_reply, lead


def test_another_entrys_title_with_a_service_verb_switches_topic(testbot):
    reply = last_reply(testbot, "đăng ký khai sinh cho con", "thế khai tử thì làm ở đâu")
    assert reply.meta.topic == "dvc10_khai_tu" and reply.meta.fallback is False
    assert "người mất" in lead(reply)


def test_a_cue_phrase_names_no_other_topic(testbot):
    """«nộp tiền» asks a fee: it does not name «Nộp tiền phạt nguội»."""
    reply = last_reply(testbot, "đăng ký tạm trú online", "nộp tiền chỗ nào")
    assert reply.meta.topic == "dvc04_tam_tru" and reply.meta.fallback is False


def test_the_sub_question_just_read_is_not_carried_again(testbot):
    """«còn … thì sao» carries the fact asked before, but not onto the very lines just read: the message's own words
    pick the sub-question they are closest to, else the whole entry."""
    reply = last_reply(testbot, "đổi bằng lái xe hết hạn", "làm trên mạng được không", "còn bằng lái xe máy a1 thì sao")
    assert reply.meta.topic == "dvc20_gplx" and reply.meta.facet == "thoi_han"
    assert "không có thời hạn" in lead(reply)
    other = last_reply(testbot, "đổi bằng lái xe hết hạn", "làm trên mạng được không", "còn bằng hạng A thì sao",
                  user="u2")
    assert other.meta.topic == "dvc20_gplx" and other.meta.facet != "online"


def test_a_persons_case_just_read_answers_how_that_person_takes_part(testbot):
    """After the under-6 child's sub-question, «phải đưa bé đi không» is that child's case again — not the Việt
    kiều's card made at home, nor the adult's level-2 account, which the bot could borrow a «proxy» fact from."""
    reply = last_reply(testbot, "làm căn cước cho con", "bé nhà tôi mới 2 tuổi thì sao",
                       "có phải đưa bé lên công an không")
    assert reply.meta.topic == "can_cuoc_14_tuoi" and reply.meta.facet == "duoi_6"
    assert "VNeID" in lead(reply)


def test_a_general_procedure_lends_its_time_to_an_entry_about_a_kind_of_person(testbot):
    reply = last_reply(testbot, "việt kiều còn quốc tịch có làm được căn cước không", "mất mấy ngày")
    assert reply.meta.fallback is False and "7 ngày" in lead(reply)


def test_no_fact_is_borrowed_from_an_unrelated_subject(testbot):
    reply = last_reply(testbot, "đăng ký xe máy mới mua", "bao lâu thì xong")
    assert reply.meta.topic != "dvc23_tro_cap_that_nghiep" and "3 tháng" not in lead(reply)


def test_a_persons_own_procedure_comes_with_the_fact_asked(testbot):
    reply = last_reply(testbot, "đăng ký tạm trú", "mất phí không", "thế người nước ngoài thì sao")
    assert reply.meta.topic == "luu_tru_nguoi_nuoc_ngoai" and reply.meta.fallback is False
    assert "không mất phí" in lead(reply)
    assert "12 giờ" in reply.text  # the procedure itself follows: who declares, within how long


@pytest.mark.parametrize("follow_up", ["hai đứa phải cùng lên à", "phải có mặt không"])
def test_a_declined_message_gets_the_yes_no_sub_question_it_is_closest_to(testbot, follow_up):
    reply = last_reply(testbot, "đăng ký kết hôn", follow_up)
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.facet == "co_mat"
    assert "có mặt" in lead(reply)


def test_a_phrase_of_another_domain_after_con_leaves_unless_the_topic_action_is_named(testbot):
    out = last_reply(testbot, "khai báo tạm vắng", "còn đi nghĩa vụ quân sự thì bao giờ nhập ngũ", user="out")
    assert out.meta.fallback is True and out.meta.topic is None
    kept = last_reply(testbot, "khai báo tạm vắng", "còn đi xuất khẩu lao động 3 năm có phải khai không", user="kept")
    assert kept.meta.fallback is False and kept.meta.topic == "dvc05_tam_vang"


def test_a_new_subject_no_entry_names_leaves_the_thread(testbot):
    reply = last_reply(testbot, "làm thẻ căn cước cho con", "còn tiêm phòng cho bé thì đi đâu")
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_kindergarten_admission_is_not_the_cards_documents(testbot):
    reply = last_reply(testbot, "làm căn cước cho trẻ dưới 6 tuổi", "xin cho cháu vào mẫu giáo công lập cần những gì")
    assert reply.meta.fallback is True and reply.meta.topic is None


@pytest.mark.parametrize("first, follow_up, fact", [
    ("khách nước ngoài ở nhà tôi", "báo trong mấy tiếng", "12 giờ"),  # «mấy tiếng» asks a time
    ("làm hộ chiếu lần đầu", "hết bao nhiu tiền", "200.000"),  # «nhiu»: a common misspelling of «nhiêu»
])
def test_short_ways_to_ask_a_fact(testbot, first, follow_up, fact):
    reply = last_reply(testbot, first, follow_up)
    assert reply.meta.fallback is False and fact in lead(reply)
