"""VNeID answered on the facts asked (helper `vneid7`, set J-vneid): the decree on electronic identification and
the date it took effect, the e-ID account standing in for the ID card, and a new phone when the old one was wiped.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

from tests.replies import ask, assert_states, assert_sub_question_leads


def test_the_decree_took_effect_on_the_first_of_july_2024(testbot):
    assert_sub_question_leads(testbot.say("nghị định 69 về định danh điện tử có hiệu lực từ khi nào vậy")[0],
                              "vneid_nghi_dinh_69", "hieu_luc", "Nghị định 69/2024/NĐ-CP có hiệu lực",
                              ("01/07/2024", "59/2022", "Điều 40"))


def test_the_decree_is_explained_with_its_articles(testbot):
    assert_states(ask(testbot, "nghị định 69/2024/nđ-cp quy định những nội dung gì"), "vneid_nghi_dinh_69",
                  ("01/07/2024", "Điều 7", "Điều 13", "30/06/2025"))


def test_the_e_id_account_stands_in_for_the_card(testbot):
    reply = testbot.say("tài khoản định danh của tôi có dùng thay được thẻ căn cước công dân không")[0]
    assert reply.meta.topic == "vneid_muc2_loi_ich" and reply.meta.facet == "thay_the", reply.text
    assert reply.text.startswith("Có") and "mức 2" in reply.text


def test_a_wiped_old_phone_gets_the_nfc_way_in(testbot):
    assert_states(ask(testbot, "reset máy cũ rồi giờ vneid trên máy mới đòi mã từ máy cũ"), "vneid_thiet_bi",
                  ("NFC", "Công an xã"))
