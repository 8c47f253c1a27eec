"""Identity documents as citizens really ask (branch `ident`, benchmarks/real_d_ident.yaml): the fact asked leads the
reply, checked against the text in force — a damaged card is re-issued (cấp lại), not changed; a changed face or
name means cấp đổi; the 50 % fee reduction of Thông tư 64/2025/TT-BTC runs to 31/12/2026 for the card and the
passport, and changing the card at the ages 14, 25, 40, 60 is free — and the neighbours that share the words
(clearing a criminal record, changing a name in the birth record) are declined, not answered with the criminal-record
certificate or the birth registration. The questions are our own wording, not the benchmark's."""

from __future__ import annotations

import pytest

from nlu.cues import Cues
from nlu.normalize import Normalizer
from tests.replies import ask, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    # a broken card that is still valid: re-issue (Luật Căn cước Điều 24.2.a), online, with the re-issue fee
    ("thẻ căn cước bị nứt làm đôi, hạn vẫn còn thì có xin cấp lại trên vneid được không", "dvc02_the_can_cuoc",
     "the_hong", ["cấp lại", "VNeID", "35.000 đồng"]),
    # the chip card at the bank: an identity document; ATM withdrawal only where the bank offers it
    ("có rút tiền ở cây atm bằng căn cước gắn chip được không", "can_cuoc_vs_cccd", "ngan_hang",
     ["Một số ngân hàng", "hỏi ngân hàng"]),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet)
    assert all(fact in lead(reply) for fact in facts), lead(reply)


def test_a_changed_face_means_changing_the_card(testbot):
    reply = ask(testbot, "đi phẫu thuật thẩm mỹ gương mặt thì có bắt buộc làm lại thẻ căn cước không")
    assert reply.meta.topic == "dvc02_the_can_cuoc"
    assert "nhân dạng" in lead(reply) and "cấp đổi" in lead(reply)


def test_the_card_fee_is_halved_until_the_end_of_2026_and_the_age_change_is_free(testbot, kb):
    reply = ask(testbot, "cấp lại thẻ căn cước bị mất năm nay hết bao nhiêu tiền")
    assert reply.meta.topic == "dvc02_the_can_cuoc" and reply.meta.facet == "fee"
    assert "31/12/2026" in lead(reply) and "35.000 đồng" in lead(reply) and "25, 40, 60" in lead(reply) \
        and "trẻ em" in lead(reply)
    # one home for the card's fee: the penalty entry that also quoted one was folded into dvc02 (set E, 2026-12-01)
    assert "can_cuoc_phat" not in kb.entries
    assert "25, 40, 60" in kb.entries["dvc02_the_can_cuoc"].facet("fee").answer


def test_the_passport_fee_states_the_reduction_of_circular_64_2025(testbot):
    reply = ask(testbot, "làm passport lần đầu bây giờ nộp lệ phí bao nhiêu")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc12_ho_chieu", "fee")
    assert "200.000 đồng" in lead(reply) and "100.000 đồng" in lead(reply) and "31/12/2026" in lead(reply)


def test_still_valid_is_a_validity_cue_not_the_processing_time():
    kinds = Cues.default().kinds(Normalizer.default()("thẻ bị cong nhưng vẫn còn thời hạn thì làm sao"))
    assert "validity" in kinds and "time" not in kinds


def test_clearing_a_criminal_record_is_declined_not_answered_with_the_certificate(testbot):
    reply = testbot.say("bị phạt tù 2 năm ra trại được 3 năm rồi thì đã được xóa án tích chưa")[0]
    assert reply.meta is not None and reply.meta.fallback is True
    assert reply.meta.topic != "dvc22_ly_lich_tu_phap" and "phiếu lý lịch tư pháp" not in reply.text.lower()


def test_changing_a_name_in_the_civil_status_register_is_declined(testbot):
    reply = testbot.say("muốn đổi tên cho con đã đi học thì làm ở xã thế nào")[0]
    assert reply.meta is not None and reply.meta.fallback is True and reply.meta.topic is None
