"""VNeID answers added while tuning on half A of ``benchmarks/real_e_vneid.yaml``, through the whole core.

Every question here is written for the test (none comes from a benchmark or is a knowledge example): the reply must
lead with the sub-question's direct answer, give the new entry's facts, or decline a neighbouring domain's question
that shares VNeID's words (commercial digital signatures).
"""

from __future__ import annotations

import pytest

from bot import texts
from nlu.scope import pair_limit
from tests.replies import lead


@pytest.mark.parametrize("question, topic, facet, fact", [
    ("đã có căn cước điện tử trên app thì còn phải đi làm thẻ căn cước không", "vneid_can_cuoc_dien_tu",
     "van_phai_lam_the", "từ đủ 14 tuổi"),
    ("căn cước điện tử bị khoá trong những trường hợp nào", "vneid_can_cuoc_dien_tu", "khoa", "bị giữ thẻ căn cước"),
    ("muốn mở khoá căn cước điện tử thì đến đâu", "vneid_can_cuoc_dien_tu", "mo_khoa", "TK03"),
    ("sổ sức khỏe điện tử trên vneid có dùng thay sổ giấy được không", "vneid_so_suc_khoe", "gia_tri", "2733"),
    ("quà tết năm 2026 nhà nước tặng những đối tượng nào", "vneid_an_sinh_xa_hoi", "qua_tet_2026",
     "người có công"),
])
def test_the_sub_question_asked_is_answered_first(testbot, kb, question, topic, facet, fact):
    reply = testbot.say(question)[0]
    first, full_guide = lead(reply), reply.buttons[0]
    assert (reply.meta.topic, reply.meta.facet, reply.meta.fallback) == (topic, facet, False)
    assert first.startswith(kb.entries[topic].facet(facet).answer[:50]) and fact in first
    assert (full_guide.payload, full_guide.label) == (f"t:{topic}", texts.FULL_GUIDE_BUTTON)


def test_the_electronic_identity_entry_says_what_it_is_and_that_the_card_is_still_needed(testbot):
    reply = testbot.say("cho hỏi căn cước điện tử nghĩa là sao")[0]
    assert reply.meta.topic == "vneid_can_cuoc_dien_tu" and reply.meta.fallback is False
    assert "tài khoản định danh điện tử mức 2" in reply.text and "01 căn cước điện tử" in reply.text
    assert "từ đủ 14 tuổi vẫn bắt buộc làm thủ tục cấp thẻ căn cước" in reply.text


def test_how_many_electronic_identities_is_answered_in_the_first_line(testbot):
    """«bao nhiêu» reads as a fee question, so no sub-question fits; the entry's first line states the number."""
    reply = testbot.say("mỗi công dân có bao nhiêu căn cước điện tử vậy")[0]
    assert reply.meta.topic == "vneid_can_cuoc_dien_tu" and reply.meta.fallback is False
    assert "01 căn cước điện tử" in reply.text.splitlines()[0]


def test_the_health_book_entry_names_the_menu_and_the_value_of_the_record(testbot):
    reply = testbot.say("xem sổ sức khoẻ trên ứng dụng định danh kiểu gì")[0]
    assert reply.meta.topic == "vneid_so_suc_khoe" and reply.meta.fallback is False
    assert "Sổ sức khỏe điện tử" in reply.text and "mức 2" in reply.text and "2733/QĐ-BYT" in reply.text


def test_the_whole_social_security_answer_names_the_tet_gift_beneficiaries(kb):
    """A question about the account that no sub-question fits still carries the 2026 gift's beneficiaries."""
    answer = kb.entries["vneid_an_sinh_xa_hoi"].answer
    assert "400.000 đồng/người" in answer and "người có công" in answer and "hưu trí xã hội" in answer


def test_the_lock_entry_rests_on_the_law_in_force_not_only_on_the_replaced_decree(kb):
    entry = kb.entries["vneid_bi_khoa"]
    assert "Luật Căn cước 26/2023/QH15 Điều 34" in entry.source and "mẫu TK03" in entry.source
    assert "TK03" in entry.facet("unlock").answer


@pytest.mark.parametrize("question", [
    "token chữ ký số của công ty hết hạn rồi gia hạn thế nào",
    "chứng thư số hết hạn thì liên hệ ai để gia hạn",
])
def test_a_commercial_digital_signature_question_is_declined_with_the_provider_as_referral(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.fallback is True and reply.meta.topic is None
    assert texts.OUT_OF_SCOPE_WHERE["digital_signature"] in reply.text
    assert "Cổng ký số tập trung" not in reply.text


def test_signing_inside_vneid_is_still_answered(testbot):
    reply = testbot.say("ký số văn bản ngay trên app vneid làm sao")[0]
    assert reply.meta.topic == "vneid_chu_ky_so" and reply.meta.fallback is False
    assert "Cổng ký số tập trung" in reply.text


def test_the_id_card_words_still_name_a_topic(matcher):
    """«căn cước» is a key term only while at most pair_limit(entries) entries use it; the new e-ID entry pushed it
    over the old fixed limit once and a parent's long question about a 4-year-old's card fell back."""
    scope = matcher.scope
    assert "can cuoc" in scope.key_terms["can_cuoc_14_tuoi"]
    users = [entry_id for entry_id, terms in scope.key_terms.items() if "can cuoc" in terms]
    assert len(users) <= pair_limit(len(matcher.kb.entries)) and "vneid_can_cuoc_dien_tu" in users


def test_the_pair_limit_grows_with_the_knowledge_base():
    """A word pair may be used by 30 entries, or by 40 % of them in a larger knowledge base."""
    assert pair_limit(60) == 30 and pair_limit(95) == 38 and pair_limit(150) == 60


def test_the_integration_answer_covers_passports(testbot):
    reply = testbot.say("có tích hợp hộ chiếu vào vneid được không")[0]
    assert reply.meta.topic == "vneid_tich_hop_giay_to" and reply.meta.fallback is False
    # the overview, or the passport's own sub-question (which «passport» folded to «hộ chiếu» now reaches)
    assert "Hộ chiếu phổ thông cũng tích hợp được" in reply.text or "loại «Hộ chiếu»" in reply.text, reply.text
    assert "vẫn mang hộ chiếu giấy" in reply.text
