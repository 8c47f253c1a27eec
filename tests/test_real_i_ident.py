"""Identity documents, set I (branch `ident6`, benchmarks/real_i_ident.yaml): the facts half A (and the A halves of
sets E, G, H) showed missing, filled for their whole class and checked against the text in force — what to bring
when a CMND or CCCD becomes a căn cước card (Luật Căn cước Điều 23: no other paper), where a passport is applied
for (Luật Xuất cảnh, nhập cảnh Điều 15), and an adult who never had a permanent residence still gets a card
(Luật Căn cước Điều 19). The questions are our own wording, none from a benchmark."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, assert_states


@pytest.mark.parametrize("question, topic, facet, facts", [
    # what to bring when switching from a CMND
    ("đổi từ chứng minh thư 9 số sang thẻ căn cước thì mang theo giấy gì", "can_cuoc_vs_cccd", "giay_to",
     ("không phải nộp thêm giấy tờ",)),
    # where to apply for a passport
    ("muốn làm passport thì lên cơ quan nào nộp hồ sơ", "dvc12_ho_chieu", "tinh_khac", ("quản lý xuất nhập cảnh",)),
    # where to apply for a criminal record certificate, asked with its fee (lead, at the set I merge)
    ("xin phiếu lý lịch tư pháp thì nộp ở đâu và mất phí bao nhiêu", "dvc22_ly_lich_tu_phap", "noi_nop",
     ("VNeID", "Công an cấp tỉnh")),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_an_adult_never_registered_anywhere_still_gets_a_card(testbot):
    reply = ask(testbot, "ông tôi 35 tuổi chưa từng có giấy tờ tùy thân, không có hộ khẩu, giờ làm căn cước thế nào")
    assert_states(reply, "can_cuoc_doi_tuong", ("vẫn được cấp thẻ",))
