"""VNeID answers added while tuning on half A of ``benchmarks/real_f_vneid.yaml``, through the whole core.

Every question here is written for the test (none comes from a benchmark or is a knowledge example): the reply must
lead with the sub-question's direct answer, give the new organisations' entry's facts, or decline a bank's biometric
check that names VNeID, while linking a benefit account stays answered.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_sub_question_leads, lead


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    ("nhân viên văn thư được giám đốc ủy quyền có đăng ký định danh tổ chức được không", "vneid_to_chuc", "uy_quyen",
     "Được", ("ủy quyền", "mức 2")),
    ("định danh tổ chức có làm ngay trên app vneid được không", "vneid_to_chuc", "truc_tuyen", "Được",
     ("Định danh tổ chức", "TK02")),
    ("không tích hợp cà vẹt xe vào vneid thì có bị phạt gì không", "vneid_tich_hop_giay_to", "khong_tich_hop",
     "Không bị phạt", ("bản giấy",)),
])
def test_the_sub_question_asked_is_answered_first(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_an_organisation_is_told_the_account_is_required_not_the_citizens_not_compulsory(testbot):
    """Before set F an organisation's «bắt buộc không» got the citizens' «Không bắt buộc» (vneid_la_gi)."""
    reply = ask(testbot, "công ty tôi có bắt buộc phải có tài khoản định danh điện tử không")
    assert reply.meta.topic == "vneid_to_chuc"
    assert "01/07/2025" in lead(reply) and "Không bắt buộc" not in reply.text


def test_the_citizens_not_compulsory_answer_names_the_organisations_rule(kb):
    """Wherever an organisation's question lands on the citizens' sub-question, it is not told «not compulsory» only."""
    answer = kb.entries["vneid_la_gi"].facet("required").answer
    assert answer.startswith("Không bắt buộc với người dân") and "01/07/2025" in answer


def test_the_organisations_entry_gives_who_registers_and_how(testbot):
    reply = ask(testbot, "hướng dẫn doanh nghiệp mới thành lập đăng ký định danh tổ chức")
    assert reply.meta.topic == "vneid_to_chuc"
    for fact in ("đại diện theo pháp luật", "tài khoản mức 2", "Định danh tổ chức", "TK02", "30/06/2025"):
        assert fact in reply.text, fact


@pytest.mark.parametrize("question", [
    "công an tạm giữ giấy tờ xe thì làm sao lấy lại",
    "giấy phép lái xe bị tạm giữ quá hạn có bị phạt thêm không",
])
def test_a_hold_by_the_traffic_police_is_not_answered_from_the_integrated_papers(testbot, question):
    """Holding papers is the traffic police's: no sub-question of the integrated papers answers it."""
    reply = testbot.say(question)[0]
    assert reply.meta.topic != "vneid_tich_hop_giay_to"


def test_to_organise_is_not_an_organisations_account(testbot):
    reply = testbot.say("trường tôi tổ chức hội thao cho học sinh có phải xin phép không")[0]
    assert reply.meta.topic != "vneid_to_chuc"


def test_registration_errors_and_overload_are_in_the_errors_answer(testbot, kb):
    reply = ask(testbot, "tự đăng ký vneid chụp mặt mãi không được")
    assert reply.meta.topic == "vneid_loi_thuong_gap" and "khuôn mặt chính diện" in reply.text
    overload = kb.entries["vneid_loi_thuong_gap"].facet("qua_tai").answer
    assert "28/08/2025" in overload and "thử lại" in overload


def test_the_electronic_health_insurance_card_is_found_in_vneid_vssid_or_the_card(testbot):
    reply = ask(testbot, "thẻ bảo hiểm y tế điện tử tôi tìm ở app nào")
    assert reply.meta.topic == "vneid_bhyt_kham_benh"
    assert all(word in reply.text for word in ("VNeID", "VssID", "căn cước"))


def test_a_citizen_with_a_card_is_told_the_account_is_not_compulsory(testbot, kb):
    reply = ask(testbot, "có thẻ căn cước gắn chíp rồi thì cần đăng ký vneid không")
    assert reply.meta.topic in ("vneid_muc1", "vneid_la_gi")
    assert lead(reply).startswith("Không bắt buộc")


def test_a_banks_biometric_check_through_vneid_is_declined(testbot):
    reply = testbot.say("làm sinh trắc học cho app ngân hàng qua vneid thế nào")[0]
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_linking_a_bank_account_for_benefits_stays_answered(testbot):
    reply = ask(testbot, "liên kết tài khoản ngân hàng nhận trợ cấp trên vneid")
    assert reply.meta.topic == "vneid_lien_ket_tai_khoan" and "Tài khoản hưởng An sinh xã hội" in reply.text
