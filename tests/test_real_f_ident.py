"""Identity documents, set F (branch `ident3`, benchmarks/real_f_ident.yaml): the facts half A showed missing, filled
for their whole class and checked against the text in force — a child's card is filed by the parent, the child comes
from 6 years of age for the biometrics and not under 6 (Luật Căn cước Điều 23 khoản 2), the card is compulsory from
14 and possible before (Điều 19), changing it at 25, 40 or 60 costs nothing (Điều 38), a passport need only be valid
to leave the country since 15/08/2023 (Luật 23/2023/QH15), children of any age get their own passport, a lost
passport is reported within 48 hours (Luật 49/2019 Điều 28). Official and diplomatic passports are declined (the
Ministry of Foreign Affairs'). The questions are our own wording, none from a benchmark."""

from __future__ import annotations

import pytest

from tests.replies import ask, declined, lead


@pytest.mark.parametrize("first, followup, facts", [
    # «bố mẹ làm thay được không» after a child's card: the parents file (online under 6) — not the bedridden
    # citizen's home visit of can_cuoc_doi_tuong, the related entry that answered before
    ("làm căn cước cho bé nhà tôi 4 tuổi như thế nào", "bố mẹ làm thay cho bé được không", ["cha, mẹ", "VNeID"]),
    # «có phải đưa cháu đến không»: the card's presence rule, with the children's part (from 6 the child comes)
    ("làm thẻ căn cước cho con trai 8 tuổi", "có phải đưa cháu đến không", ["đưa trẻ từ 6 tuổi đến"]),
])
def test_a_parents_followup_on_a_childs_card_gets_the_childs_rule(testbot, first, followup, facts):
    assert ask(testbot, first).meta.topic == "can_cuoc_14_tuoi"
    answer = lead(ask(testbot, followup))
    assert all(fact in answer for fact in facts), answer
    assert not answer.startswith("Người già yếu")


@pytest.mark.parametrize("question, topic, facet, facts", [
    # the yes/no «may a child under 14 have one» is answered yes, then when it becomes compulsory
    ("trẻ chưa tới 14 tuổi có làm được thẻ căn cước không", "can_cuoc_14_tuoi", "required",
     ["vẫn được làm", "Từ đủ 14 tuổi thì bắt buộc"]),
    # the milestone change is free: the fee answer opens with the free cases, not with the 25.000 đồng of a change
    ("đến tuổi 40 đi đổi thẻ căn cước có phải đóng lệ phí không", "dvc02_the_can_cuoc", "fee",
     ["Không thu", "25, 40, 60"]),
    # leaving with a passport that expires in a few months: allowed, but the destination may ask for 6 months
    ("hộ chiếu của tôi chỉ còn hạn 3 tháng thì có được xuất cảnh không", "dvc12_ho_chieu", "xuat_canh",
     ["15/08/2023", "6 tháng"]),
    # a child of any age gets a passport of its own, filed by a parent
    ("con nhà mình mấy tuổi thì được làm hộ chiếu", "dvc12_ho_chieu", "tre_em", ["mới sinh", "cha, mẹ"]),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic and reply.meta.facet == facet, (reply.meta.topic, reply.meta.facet)
    assert all(fact in lead(reply) for fact in facts), lead(reply)


def test_the_fee_answer_no_longer_charges_the_milestone_change(kb):
    fee = kb.entries["dvc02_the_can_cuoc"].facet("fee").answer
    assert "đến tuổi" not in fee  # «cấp đổi (đến tuổi, …) 25.000 đồng» contradicted Luật Căn cước Điều 38
    assert fee.startswith("Không thu khi cấp lần đầu, đổi ở tuổi 25, 40, 60")


def test_a_lost_passport_is_reported_within_48_hours(kb):
    assert "48 giờ" in kb.entries["dvc12_ho_chieu"].facet("mat_ho_chieu").answer


@pytest.mark.parametrize("question", [
    "cán bộ xã được cử đi học tập ở nước ngoài thì xin hộ chiếu công vụ ở cơ quan nào",
    "những người nào được cấp hộ chiếu ngoại giao",
])
def test_official_and_diplomatic_passports_are_declined(testbot, question):
    declined(testbot, question)


def test_the_ordinary_passport_fee_is_still_answered(testbot):
    # the official-passport terms must not take «hộ chiếu» from the passport entry's key terms
    reply = ask(testbot, "làm hộ chiếu hết bao nhiêu tiền")
    assert reply.meta.topic == "dvc12_ho_chieu" and "200.000" in lead(reply)
