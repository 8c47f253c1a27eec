"""Identity documents, set I (branch `ident6`, benchmarks/real_i_ident.yaml): the facts half A (and the A halves of
sets E, G, H) showed missing, filled for their whole class and checked against the text in force — what to bring
when a CMND or CCCD becomes a căn cước card (Luật Căn cước Điều 23: no household book, no birth certificate), using
the card for the papers integrated into it (Điều 22: health insurance, social insurance, driving licence, birth and
marriage certificates), how long a child's card lasts (Điều 21: to 14, or to 25 when issued from 12), where a
passport is applied for, and an adult who never had a permanent residence still gets a card (Điều 19). The
questions are our own wording, none from a benchmark."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, assert_states


@pytest.mark.parametrize("question, topic, facet, facts", [
    # what to bring when switching from a CMND
    ("đổi từ chứng minh thư 9 số sang thẻ căn cước thì mang theo giấy gì", "can_cuoc_vs_cccd", "giay_to",
     ("không phải nộp sổ hộ khẩu",)),
    # the card in place of integrated papers
    ("thẻ căn cước có thay được thẻ bảo hiểm y tế và giấy đăng ký kết hôn không", "can_cuoc_vs_cccd", "tich_hop",
     ("tích hợp", "giấy phép lái xe")),
    # how long a child's card lasts
    ("thẻ căn cước làm cho con 11 tuổi thì đến bao giờ hết hạn", "can_cuoc_14_tuoi", "han_the",
     ("đủ 14 tuổi", "25 tuổi")),
    # where to apply for a passport
    ("làm hộ chiếu ở đâu vậy", "dvc12_ho_chieu", "tinh_khac", ("quản lý xuất nhập cảnh",)),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_an_adult_never_registered_anywhere_still_gets_a_card(testbot):
    reply = ask(testbot, "ông tôi 35 tuổi chưa từng có giấy tờ tùy thân, không có hộ khẩu, giờ làm căn cước thế nào")
    assert_states(reply, "can_cuoc_doi_tuong", ("vẫn được cấp thẻ",))
