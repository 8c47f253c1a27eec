"""Issue #16 «Coverage», helper srvb: the sub-questions checked on 2026-12-03 for vehicle registration, the criminal
record, unemployment benefit and the two electricity services (knowledge/CHANGES-2026-12-03-srvb.md) answer the fact
asked first. Every question is worded for this test (none is a benchmark's or a knowledge example); each checks the
fact in the reply's first paragraph, as a citizen asking through ``python -m bot ask --json`` reads it."""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads


@pytest.mark.parametrize("question, topic, facet, facts", [
    # the amounts of Nghị định 168/2024/NĐ-CP Điều 32, per act: not transferring, riding an unregistered vehicle
    ("mua xe cũ quá 30 ngày không sang tên thì phạt bao nhiêu", "dvc07_bien_so_xe", "phat_sang_ten",
     ("800.000–1.000.000 đồng", "4–6 triệu đồng")),
    ("khong sang ten xe may bi phat may tram", "dvc07_bien_so_xe", "phat_sang_ten", ("800.000–1.000.000 đồng",)),
    ("xe máy chưa có biển số đi ngoài đường bị phạt bao nhiêu", "dvc07_bien_so_xe", "phat_chua_dang_ky",
     ("4–6 triệu đồng", "16–18 triệu đồng")),
    # the criminal record: what to file online, and who may ask for someone's record
    ("làm phiếu lý lịch tư pháp cần mang theo giấy tờ gì", "dvc22_ly_lich_tu_phap", "giay_to",
     ("tờ khai điện tử", "không phải đính kèm bản sao căn cước")),
    ("doanh nghiệp tự đi làm lltp cho nhân viên được không", "dvc22_ly_lich_tu_phap", "doanh_nghiep",
     ("Không —", "cơ quan nhà nước")),
    # unemployment benefit: no fee
    ("làm hồ sơ thất nghiệp có tốn phí không", "dvc23_tro_cap_that_nghiep", "fee", ("Không mất phí",)),
    # a new connection: where to apply, splitting a shared meter
    ("xin cấp điện mới thì liên hệ ở đâu", "dvc24_cap_dien_moi", "noi_nop",
     ("dichvucong.gov.vn", "phòng giao dịch khách hàng")),
    ("muốn tách công tơ điện riêng thì có được không", "dvc24_cap_dien_moi", "tach_cong_to",
     ("Được —", "công tơ riêng")),
    # changing the contract holder: where, a tenant
    ("đổi tên hợp đồng điện nộp ở đâu", "dvc25_doi_chu_hop_dong_dien", "noi_nop", ("dichvucong.gov.vn", "bưu điện")),
    ("thuê nhà có sang tên hợp đồng điện cho mình được không", "dvc25_doi_chu_hop_dong_dien", "nguoi_thue",
     ("Được —", "từ 1 năm trở lên", "đồng ý của chủ nhà")),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)


def test_a_transfer_penalty_question_gets_that_penalty_not_the_unregistered_one(testbot):
    """Two penalties in one entry: the act asked about picks its own (issue #16: never the best-known penalty)."""
    reply = ask(testbot, "mua lại xe máy của người quen mà không làm thủ tục sang tên thì bị phạt bao nhiêu tiền")
    assert_fact_leads(reply, "dvc07_bien_so_xe", "phat_sang_ten", ("800.000–1.000.000 đồng",))
    assert "16–18 triệu" not in reply.text
