"""VNeID answered on the facts asked (helper `vneid7`, set J-vneid): the e-ID account standing in for the ID card
(not the lost-card «no»), and a new phone when the old one was wiped.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

from tests.replies import ask, assert_states, assert_sub_question_leads


def test_the_e_id_account_stands_in_for_the_card(testbot):
    reply = testbot.say("tài khoản định danh của tôi có dùng thay được thẻ căn cước công dân không")[0]
    assert_sub_question_leads(reply, "vneid_muc2_loi_ich", "thay_the", "Có", ("mức 2",))


def test_a_wiped_old_phone_gets_the_nfc_way_in(testbot):
    assert_states(ask(testbot, "reset máy cũ rồi giờ vneid trên máy mới đòi mã từ máy cũ"), "vneid_thiet_bi",
                  ("NFC", "Công an xã"))
