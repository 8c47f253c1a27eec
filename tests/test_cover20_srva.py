"""Issue #16 «Coverage», session 20 (helper srva): the sub-questions added to the services entries answer the fact
asked first — tạm vắng's processing time, place and documents; lưu trú's (absent) documents; the fee and time of
the CMND-number confirmation; whether death registration is compulsory; same-sex marriage; where the death bundle
is filed; the documents of the small, embossed and wax seals (knowledge/CHANGES-2026-12-03-srva.md).

Every question is worded for this test (none is a benchmark's or a knowledge example) and goes through the same
path as ``python -m bot ask --json``: the whole bot in process (the ``testbot`` fixture)."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    # tạm vắng: 01 day, 02 working days when complex (Luật Cư trú Điều 31; procedure 1.003677)
    ("khai báo tạm vắng bao lâu thì công an cấp phiếu", "dvc05_tam_vang", "thoi_han", ("01 ngày", "02 ngày làm việc")),
    ("tạm vắng thì đến công an chỗ nào khai", "dvc05_tam_vang", "noi_khai", ("Công an xã", "nơi bạn đang cư trú")),
    ("khai tạm vắng phải chuẩn bị giấy tờ gì", "dvc05_tam_vang", "giay_to",
     ("không phải nộp giấy tờ", "văn bản đồng ý")),
    # lưu trú: no file to submit (procedure 2.001159)
    ("báo lưu trú có phải nộp hồ sơ gì không", "dvc06_thong_bao_luu_tru", "giay_to",
     ("Không phải nộp hồ sơ", "số định danh")),
    # CMND-number confirmation: free; 03 / 07 working days (procedures 2.001178, 1.000466)
    ("giấy xác nhận số chứng minh nhân dân có mất phí không", "dvc01_xac_nhan_cmnd", "fee", ("Không mất phí",)),
    ("xin xác nhận số cmnd cũ mấy ngày thì có", "dvc01_xac_nhan_cmnd", "time",
     ("03 ngày làm việc", "07 ngày làm việc")),
    # death registration is a duty within 15 days (Luật Hộ tịch Điều 33 khoản 1)
    ("người thân mất thì có bắt buộc làm khai tử không", "dvc10_khai_tu", "bat_buoc", ("Có", "15 ngày")),
    # same-sex marriage is not recognised (Luật Hôn nhân và gia đình Điều 8 khoản 2)
    ("hai bạn đồng giới muốn đăng ký kết hôn được không", "dvc11_ket_hon", "cung_gioi",
     ("Không", "không thừa nhận")),
    # the death bundle: one file, at the UBND of the last residence (Luật Hộ tịch Điều 32; QĐ 296/QĐ-VPCP)
    ("liên thông khai tử với mai táng phí thì nộp ở đâu", "dvc16_lien_thong_khai_tu", "noi_nop",
     ("VNeID", "nơi cư trú cuối cùng")),
    # embossed / small / wax seals: the competent body's text (Nghị định 99/2016 Điều 14)
    ("trường muốn làm dấu nổi đóng ảnh thì cần chuẩn bị hồ sơ những gì", "dvc14_con_dau_thu_nho", "giay_to",
     ("văn bằng, chứng chỉ",)),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_a_marriage_follow_up_about_both_partners_still_finds_its_answer(testbot):
    """The same-sex sub-question's examples carry their own words («đồng giới», «cùng giới tính»): with «hai
    người» in them, «cả 2 người phải có mặt à» after a marriage question fell back (dialogues_d half A)."""
    ask(testbot, "đăng ký kết hôn cần chuẩn bị gì")
    reply = ask(testbot, "vậy cả 2 người phải có mặt không")
    assert_fact_leads(reply, "dvc11_ket_hon", "co_mat", ("cả hai người",))
