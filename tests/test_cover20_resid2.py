"""Issue #16 «Coverage», residence (helper resid2, 2026-12-03): the sub-questions added from `kb coverage`'s gaps
answer the fact asked first (knowledge/CHANGES-2026-12-03-resid2.md). Every question is worded for this test (none is
a benchmark's or a knowledge example); each is asked through the bot as a citizen asks it and checks the fact in the
reply's first paragraph."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    # changing the head of household or the civil-status data (Luật Cư trú Điều 26; Nghị định 282/2025 Điều 10)
    ("đổi chủ hộ thì bao lâu có kết quả", "dieu_chinh_cu_tru", "time", ("3 ngày làm việc", "30 ngày")),
    ("muốn thay đổi chủ hộ thì nộp hồ sơ ở đâu", "dieu_chinh_cu_tru", "noi_nop",
     ("Công an xã, phường nơi đang thường trú, tạm trú", "VNeID")),
    ("hồ sơ đổi chủ hộ gồm giấy tờ gì", "dieu_chinh_cu_tru", "giay_to",
     ("Tờ khai thay đổi thông tin cư trú", "giấy tờ chứng minh việc điều chỉnh")),
    # moving in with one's spouse (Luật Cư trú Điều 20 khoản 2, Điều 22)
    ("nhập hộ khẩu theo chồng thì nộp hồ sơ ở đâu", "nhap_khau_nha_chong", "noi_nop",
     ("Công an xã, phường nơi có nhà chồng", "không phải về nơi cũ")),
    # a child's registration (Luật Cư trú Điều 12)
    ("nhập khẩu cho con thì làm ở công an nơi nào", "cu_tru_tre_em", "noi_nop",
     ("nơi cha hoặc mẹ (người giám hộ) cư trú",)),
    # foreigners' temporary residence declaration (national procedure record, mã 2103)
    ("khai báo tạm trú cho người nước ngoài có tốn tiền không", "luu_tru_nguoi_nuoc_ngoai", "fee",
     ("không mất phí",)),
    ("khai báo tạm trú cho khách nước ngoài thì phải chuẩn bị hồ sơ gì", "luu_tru_nguoi_nuoc_ngoai", "thong_tin",
     ("quốc tịch", "số hộ chiếu")),
    # temporary residence is for a stay outside the commune of permanent residence (Luật Cư trú Điều 27 khoản 1)
    ("thuê nhà ngay trong phường mình đang có hộ khẩu thì có cần đăng ký tạm trú không", "dvc04_tam_tru", "cung_xa",
     ("Không phải", "ngoài xã, phường nơi thường trú")),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)
