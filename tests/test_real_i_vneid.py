"""VNeID answered on the facts asked (helper `vneid6`, set I-vneid): the social-insurance record in the wallet, the
phones that run the app, the «số định danh đã được sử dụng» message, the airport QR's life, changing a password one
still knows, a dead holder's account; a number typed wrongly at the police desk is the phone-number topic; and a
lost SIM card's re-issue stays the carrier's. (The fake-app sub-question is not tested: its how-to wording still
gets the scam warning.)

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, assert_sub_question_leads, declined


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # the social-insurance record: Ví giấy tờ → Bảo hiểm xã hội, the code is the identification number
    ("xem quá trình đóng bhxh trên vneid được không", "vneid_tich_hop_giay_to", "bhxh",
     "Được (tài khoản mức 2)", ("Bảo hiểm xã hội", "01/08/2025")),
    # the phones: Android and iPhone, an old phone may not take the new version
    ("điện thoại đời cũ có cài vneid được không vậy", "vneid_la_gi", "dien_thoai", "Được nếu là điện thoại thông minh",
     ("Android", "iPhone", "NFC")),
    # «already used»: do not register again, log in or reset the password, else the commune police
    ("app vneid báo số định danh đã được sử dụng", "vneid_loi_thuong_gap", "da_su_dung",
     "Báo «số định danh đã được sử dụng»", ("Quên mật khẩu", "1900 0368")),
    # the identity QR lives about a minute
    ("mã qr trên vneid để qua cửa an ninh sân bay được bao lâu thì hết hạn", "vneid_san_bay", "qr",
     "Mã QR định danh", ("1 phút",)),
    # changing a password one remembers is not «Quên mật khẩu»
    ("đổi mật khẩu vneid khi vẫn nhớ mật khẩu cũ", "vneid_quen_mat_khau", "doi_mat_khau",
     "Còn nhớ mật khẩu", ("Đổi mật khẩu", "8–20 ký tự")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_a_dead_holders_account_is_locked(testbot):
    # «người đã mất» is a death here, not a lost card: the yes/no of the death sub-question answers
    reply = testbot.say("vneid của người đã mất có bị khóa không")[0]
    assert reply.meta.topic == "vneid_bi_khoa" and reply.meta.facet == "chet", reply.text
    assert "chết" in reply.text and "khai tử" in reply.text
    # «qua đời» without a yes/no cue gets the locking cases, a death among them
    assert_states(ask(testbot, "bà tôi qua đời rồi thì tài khoản vneid của bà có bị khóa không"), "vneid_bi_khoa",
                  ("đã chết",))


def test_a_number_typed_wrongly_at_the_police_is_changed(testbot):
    assert_states(ask(testbot, "hồi làm căn cước công an gõ sai số điện thoại nên giờ không nhận được otp"),
                  "vneid_doi_so_dien_thoai", ("Công an xã", "1900 0368"))


def test_a_lost_sim_cards_reissue_is_the_carriers(testbot):
    reply = declined(testbot, "sim bị mất thì làm lại sim ở cửa hàng nhà mạng cần mang gì")
    assert reply.meta.topic is None, reply.text
