"""VNeID answers added while tuning on half A of ``benchmarks/real_g_vneid.yaml``, through the whole core.

Every question here is written for the test (none comes from a benchmark or is a knowledge example): the reply must
lead with the sub-question's direct answer (the fines of Nghị định 282/2025/NĐ-CP Điều 28, whether a lost card or a
death locks the account, the e-health-insurance card's facts), say less where the fine is not confirmed, and decline
a bank app's NFC scan or a Zalo account check that share the domain's words.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, assert_sub_question_leads, declined, lead


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    ("cho em họ mượn tài khoản vneid để đăng ký vay online có bị phạt không", "vneid_xu_phat", "cho_muon",
     "Phạt tiền", ("4.000.000", "8.000.000", "282/2025")),
    ("dùng tài khoản định danh của người khác mà không được phép thì phạt mấy triệu", "vneid_xu_phat", "chiem_doat",
     "Phạt tiền", ("4.000.000", "8.000.000")),
    ("làm mất thẻ căn cước gắn chip thì tài khoản định danh của tôi có bị khóa không", "vneid_bi_khoa", "mat_the",
     "Không", ("không làm tài khoản định danh bị khóa", "cấp lại")),
    ("bà tôi về hưu, thẻ bhyt trên vneid ghi hết hiệu lực 31/12 thì có phải đi gia hạn không", "vneid_bhyt_kham_benh",
     "het_han", "Không", ("tự động gia hạn",)),
    ("đăng ký định danh điện tử có bắt buộc số điện thoại chính chủ không", "vneid_muc1", "chinh_chu", "Có",
     ("chính chủ",)),
    ("chưa làm tài khoản vneid thì bị phạt bao nhiêu", "vneid_xu_phat", "khong_phat", "Không bị phạt", ()),
])
def test_the_sub_question_asked_is_answered_first(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_wrong_health_insurance_data_is_sent_to_social_insurance_not_the_police(testbot):
    """The card's data on VNeID comes from BHXH: the citizens' «sửa thông tin» (police, residence data) is not it."""
    reply = ask(testbot, "thông tin thẻ bảo hiểm y tế trên vneid bị sai năm sinh thì sửa ở đâu")
    assert_fact_leads(reply, "vneid_bhyt_kham_benh", "sai_thong_tin", ("Bảo hiểm xã hội", "1900 9068"))


def test_who_still_gets_a_paper_health_insurance_card(testbot):
    reply = ask(testbot, "ai vẫn còn được phát thẻ bảo hiểm y tế giấy")
    assert_fact_leads(reply, "vneid_bhyt_kham_benh", "the_giay", ("01/06/2025", "VssID"))


def test_the_licence_points_are_read_on_vneid(testbot):
    reply = ask(testbot, "xem số điểm còn lại của giấy phép lái xe trên vneid ở đâu")
    assert_fact_leads(reply, "vneid_tich_hop_giay_to", "diem_gplx", ("12 điểm", "cập nhật"))


def test_the_selling_of_an_account_gets_no_unconfirmed_fine(testbot):
    """Only khoản 3 and 4 of Điều 28 are quoted by a source: selling an account is said to be unlawful, its own fine
    is not invented, and the citizen is pointed to the police."""
    reply = ask(testbot, "có người trả tiền mua tài khoản vneid của tôi, bán thì có bị phạt không")
    assert (reply.meta.topic, reply.meta.facet) == ("vneid_xu_phat", "mua_ban")
    assert "chưa đối chiếu" in lead(reply) and "Công an xã" in lead(reply)


def test_the_password_rule_is_stated(testbot):
    reply = ask(testbot, "mật khẩu vneid phải gồm những ký tự nào")
    assert_fact_leads(reply, "vneid_quen_mat_khau", "quy_tac", ("8 đến 20", "ký tự đặc biệt"))


@pytest.mark.parametrize("question, topic, facts", [
    ("ông nội tôi hưởng lương hưu, bhyt của ông trên vneid chỉ ghi hạn tới cuối năm", "vneid_bhyt_kham_benh",
     ("tự gia hạn", "1900 9068")),
])
def test_the_entry_answer_states_the_fact_when_no_sub_question_fits(testbot, question, topic, facts):
    """A chatty question that no sub-question matches closely still gets the fact, from the entry's own answer."""
    reply = ask(testbot, question)
    assert reply.meta.topic == topic
    for fact in facts:
        assert fact in reply.text, fact


def test_a_death_is_never_answered_with_a_fine(testbot):
    """«xử lý thế nào» is a penalty cue; a holder's death is no offence (honest «unsure» or the lock answer)."""
    reply = testbot.say("cha tôi mới mất, tài khoản định danh điện tử của cha xử lý thế nào")[0]
    assert reply.meta.topic != "vneid_xu_phat" and "Phạt tiền" not in reply.text


def test_the_locking_cases_name_a_held_card_and_say_a_lost_card_does_not_lock(kb):
    answer = kb.entries["vneid_bi_khoa"].answer
    assert "bị thu hồi hoặc bị giữ" in answer and "thì tài khoản không bị khóa" in answer


@pytest.mark.parametrize("question", [
    "zalo đòi xác minh tài khoản bằng khuôn mặt có nên làm không",
    "app ngân hàng đọc chip nfc báo lỗi liên tục phải làm sao",
])
def test_a_platforms_or_banks_check_is_declined(testbot, question):
    reply = declined(testbot, question)
    assert reply.meta.topic is None
