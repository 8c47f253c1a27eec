"""Identity documents, set G (branch `ident4`, benchmarks/real_g_ident.yaml): the facts half A showed missing, filled
for their whole class and checked against the text in force — moving one's permanent residence does not oblige a
new card (Luật Căn cước Điều 24 khoản 1), the card photo (clear face, no glasses; no ban on a beard or light
make-up), lending a card is prohibited (Điều 7), a child's card issued from 12 lasts to 25 (Điều 21), a child's
card is filed by a parent or guardian (Điều 23 khoản 2), from 14 a passport with or without a chip is the
citizen's choice, certificate no. 1 serves work and study, no. 2 lists every conviction (Luật Lý lịch tư pháp
Điều 41–43), the card number is the personal identification number (Luật Căn cước Điều 12). Nationality and
clearing a conviction are declined. The questions are our own wording, none from a benchmark."""

from __future__ import annotations

import pytest

from tests.replies import ask, declined, lead


@pytest.mark.parametrize("question, topic, facet, facts", [
    # moving one's permanent residence: no new card needed, the answer says so first
    ("chuyển hộ khẩu vào Đà Nẵng thì có phải làm lại thẻ căn cước không", "dvc02_the_can_cuoc", "chuyen_cu_tru",
     ["Không bắt buộc", "thẻ còn hạn vẫn dùng"]),
    # the card photo: what is required and what is not banned
    ("đi chụp ảnh làm căn cước phải bỏ kính ra không", "dvc02_the_can_cuoc", "anh_the",
     ["không đeo kính", "Không có quy định cấm để râu"]),
    # lending a card: prohibited — not the fine for a late change
    ("cho đồng nghiệp mượn thẻ căn cước có bị phạt không", "dvc02_the_can_cuoc", "cho_muon",
     ["bị nghiêm cấm", "người mượn"]),
    # certificate no. 1 or no. 2
    ("phiếu lý lịch tư pháp số 1 và số 2 khác nhau thế nào", "dvc22_ly_lich_tu_phap", "loai_phieu",
     ["Phiếu số 1", "Phiếu số 2"]),
    # the number on the card is the personal identification number
    ("số định danh và số căn cước là một phải không", "so_dinh_danh_ca_nhan", "so_the",
     ["chính là số định danh cá nhân"]),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic and reply.meta.facet == facet, (reply.meta.topic, reply.meta.facet)
    assert all(fact in lead(reply) for fact in facts), lead(reply)


@pytest.mark.parametrize("question", ["ông bà ngoại làm thẻ căn cước cho cháu được không",
                                      "ông bà có được làm căn cước cho cháu không"])
def test_a_grandparent_filing_a_childs_card_is_not_sent_to_the_elderly_entry(testbot, question):
    # the child's entry (its overview names the parent or guardian who files), not the elderly entry
    reply = ask(testbot, question)
    assert reply.meta.topic == "can_cuoc_14_tuoi", reply.meta.topic
    assert "cha, mẹ hoặc người giám hộ" in lead(reply), lead(reply)


def test_the_overviews_state_the_facts_a_long_letter_asks(kb):
    # a long letter often gets the entry's overview rather than a sub-question: the overview states the fact too
    assert "chuyển hộ khẩu vẫn dùng đến hết hạn, không bắt buộc đổi" in kb.entries["dvc02_the_can_cuoc"].answer
    assert "từ 14 tuổi chọn có gắn chíp hoặc không" in kb.entries["dvc12_ho_chieu"].answer
    assert "bắt buộc làm thẻ căn cước" in kb.entries["can_cuoc_vs_cccd"].facet("must_change").answer
    # a card issued within 2 years before 14 (from 12) lasts to 25 (Luật Căn cước Điều 21 khoản 2)
    assert "thẻ của trẻ cấp từ 12 tuổi dùng đến 25 tuổi" in kb.entries["can_cuoc_vs_cccd"].facet("ages").answer


@pytest.mark.parametrize("question", [
    "muốn giữ quốc tịch Việt Nam khi nhập quốc tịch Úc thì làm thế nào",
    "đã chấp hành xong án tù thì làm thủ tục xóa án tích ở đâu",
])
def test_nationality_and_clearing_a_conviction_are_declined(testbot, question):
    assert declined(testbot, question)
