"""Identity documents, set H (branch `ident5`, benchmarks/real_h_ident.yaml): the facts half A showed missing, filled
for their whole class and checked against the text in force — the chip cannot locate a card (Bộ Công an), the card
replaces a passport only under a treaty and none is signed (Điều 20 khoản 2), where to apply for a passport (Luật
Xuất cảnh, nhập cảnh Điều 15 as amended in 2023), the criminal-record certificate has no validity set by law while
its processing time is 10 days (Luật Lý lịch tư pháp Điều 48), the identity certificate of a person of Vietnamese
origin proves identity in Vietnam (Luật Căn cước Điều 30). «passport» is read as «hộ chiếu». Visas and nationality
are declined. The questions are our own wording, none from a benchmark."""

from __future__ import annotations

import pytest

from nlu.normalize import Normalizer
from tests.replies import ask, assert_fact_leads, declined


@pytest.mark.parametrize("question, topic, facet, facts", [
    # the chip has no locating function
    ("rơi mất thẻ căn cước thì có định vị con chip để tìm lại được không", "dvc02_the_can_cuoc", "chip",
     ("không có chức năng định vị",)),
    # the card in place of a passport
    ("đi lào bằng thẻ căn cước thay hộ chiếu được không", "dvc12_ho_chieu", "can_cuoc_thay",
     ("điều ước hoặc thỏa thuận quốc tế", "chưa ký")),
    # where to apply for a passport
    ("làm hộ chiếu ở chỗ nào", "dvc12_ho_chieu", "tinh_khac", ("quản lý xuất nhập cảnh", "VNeID")),
    # the criminal-record certificate: its validity when the question says it expires, its processing time else
    ("trong bao lâu thì phiếu lltp hết giá trị", "dvc22_ly_lich_tu_phap", "gia_tri", ("không quy định",)),
    ("xin lý lịch tư pháp bao lâu thì có phiếu", "dvc22_ly_lich_tu_phap", "time", ("10 ngày",)),
    # the identity certificate of a person of Vietnamese origin without a nationality
    ("người gốc việt có giấy chứng nhận căn cước thì dùng giấy đó làm gì", "giay_chung_nhan_can_cuoc", "gia_tri",
     ("chứng minh căn cước", "giao dịch")),
])
def test_the_sub_question_asked_leads_with_its_fact(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_passport_is_read_as_ho_chieu():
    normalize = Normalizer.default()
    assert normalize("làm passport ở đâu") == normalize("làm hộ chiếu ở đâu")
    assert normalize("pasport het han") == normalize("hộ chiếu hết hạn")


def test_an_english_passport_question_gets_the_passport_fact(testbot):
    assert_fact_leads(ask(testbot, "passport dùng được mấy năm"), "dvc12_ho_chieu", "validity", ("10 năm",))


@pytest.mark.parametrize("question", [
    "xin visa đi Úc cần chứng minh tài chính bao nhiêu",
    "muốn xin thôi quốc tịch Việt Nam để nhập quốc tịch Đức thì nộp hồ sơ ở đâu",
])
def test_visas_and_nationality_are_declined(testbot, question):
    assert declined(testbot, question)
