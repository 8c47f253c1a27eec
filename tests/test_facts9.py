"""Facts checked against the text in force on 2026-12-02 (helper `facts9`, knowledge/CHANGES-2026-12-02m-facts9.md).

The penalties for not notifying a stay and for residence registration (Nghị định 282/2025 Điều 10, which replaced
Nghị định 144/2021), the card fine (Điều 11) with one home for the amount, booking the card visit (Nghị định
70/2024 Điều 21, the decree in force instead of its draft), the passport fee reduction's end date, the vehicle
transfer fine (Nghị định 168/2024 Điều 32, amount not confirmed: the office is named instead) and the portal's
sub-questions. Every question is written for this test (none comes from a benchmark); each reply assertion reads
the first paragraph, so a fallback or an unsure reply cannot pass.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.replies import ask, assert_fact_leads, lead

CARD_FINE = "Có thể bị cảnh cáo hoặc phạt 500.000–1.000.000 đồng"
CARD_FINE_TEXT = "Nghị định 282/2025/NĐ-CP, Điều 11 khoản 1"
CHECKED = dt.date(2026, 12, 2)


def test_the_card_fine_has_one_wording_in_its_two_sub_questions(kb):
    """The fine for an old CMND is the card fine: both sub-questions open with the same words and cite the same
    article, so a change to one that forgets the other fails here."""
    home = kb.entries["dvc02_the_can_cuoc"].facet("penalty")
    cmnd = kb.entries["can_cuoc_vs_cccd"].facet("cmnd_phat")
    for facet in (home, cmnd):
        assert facet.answer.startswith(CARD_FINE), facet.answer
        assert facet.source.startswith(CARD_FINE_TEXT), facet.source


def test_an_old_cmnd_gets_the_fine_first(testbot):
    reply = ask(testbot, "tôi vẫn chỉ có giấy chứng minh nhân dân, chưa làm căn cước thì bị phạt bao nhiêu")
    assert_fact_leads(reply, "can_cuoc_vs_cccd", "cmnd_phat", (CARD_FINE, "31/12/2024"))
    assert lead(reply).startswith(CARD_FINE)


@pytest.mark.parametrize("question, facet, facts", [
    ("nhà tôi có họ hàng đến ngủ lại mà quên báo lưu trú thì phạt mấy", "household", ("500.000 đến 1.000.000",)),
    ("nhà nghỉ của tôi quên khai báo lưu trú cho 6 khách thì bị phạt bao nhiêu", "facility", ("4–8 triệu",)),
])
def test_stay_notification_fines_are_the_decree_in_force(testbot, question, facet, facts):
    assert_fact_leads(ask(testbot, question), "luu_tru_xu_phat", facet, facts)


def test_stay_fines_rest_on_decree_282_and_no_unconfirmed_amendment(kb):
    """Điều 10 of Nghị định 282/2025 sets them; a «Nghị định 347/2026» amending it could not be confirmed, so no
    source cites it and the answer no longer says the fines were amended in 2026."""
    entry = kb.entries["luu_tru_xu_phat"]
    assert "Điều 10 khoản 1 điểm b" in entry.source and "khoản 2 điểm đ" in entry.source
    assert "sửa đổi năm 2026" not in entry.answer
    for item in kb.entries.values():
        assert "347/2026" not in item.source and "347/2026" not in item.answer, item.id
        for facet in item.facets:
            assert "347/2026" not in facet.source and "347/2026" not in facet.answer, (item.id, facet.id)


def test_not_moving_the_registration_to_the_new_home_costs_two_to_four_million(testbot, kb):
    """Điều 10 khoản 2 điểm d: living at a new lawful home and not changing the registration: 2–4 million."""
    assert "khoản 2 điểm d" in kb.entries["nhap_khau_nha_chong"].facet("late").source
    reply = ask(testbot, "chuyển về sống hẳn bên nhà chồng mà chưa nhập khẩu thì có bị phạt tiền không")
    assert_fact_leads(reply, "nhap_khau_nha_chong", "late", ("2 đến 4 triệu",))


def test_booking_the_card_visit_cites_the_decree_in_force(testbot, kb):
    reply = ask(testbot, "có đặt lịch trước trên VNeID để đi làm căn cước được không")
    assert_fact_leads(reply, "dvc02_the_can_cuoc", "dat_lich", ("Đăng ký trước được", "VNeID"))
    source = kb.entries["dvc02_the_can_cuoc"].facet("dat_lich").source
    assert source.startswith("Nghị định 70/2024/NĐ-CP, Điều 21") and "dự thảo" not in source


def test_the_passport_fee_says_until_when_the_half_rate_runs(testbot):
    reply = ask(testbot, "xin hộ chiếu phổ thông lần đầu bây giờ tốn bao nhiêu tiền lệ phí")
    assert_fact_leads(reply, "dvc12_ho_chieu", "fee", ("100.000 đồng", "01/01/2027"))
    assert lead(reply).startswith("Đến hết 31/12/2026")


def test_the_vehicle_transfer_fine_states_the_amount_checked_in_the_decree(testbot, kb):
    """facts9 left the amount out (not checked); srvb read Nghị định 168/2024 Điều 32 (2026-12-03) and states it."""
    reply = ask(testbot, "xe máy mua lại mà không làm sang tên thì có bị phạt không")
    assert_fact_leads(reply, "dvc07_bien_so_xe", "phat_sang_ten", ("Có", "800.000–1.000.000 đồng"))
    facet = kb.entries["dvc07_bien_so_xe"].facet("phat_sang_ten")
    assert facet.answer.startswith("Có") and "4–6 triệu đồng" in facet.answer
    assert "Điều 32 khoản 3 điểm a" in facet.source and "chưa đối chiếu" not in facet.source


@pytest.mark.parametrize("facet_id", ["mat_khau", "bi_khoa", "danh_gia", "huy_ho_so", "bien_lai", "nop_ho",
                                      "dien_thoai", "thanh_toan", "phan_anh"])
def test_portal_sub_questions_were_checked_and_cite_no_unread_article(kb, facet_id):
    """None rests on an article of Nghị định 45/2020 or 118/2025 (not read); the complaint one cites the articles of
    Quyết định 31/2021 that were read (Điều 41, 46)."""
    facet = kb.entries["dvc_cong_quoc_gia"].facet(facet_id)
    assert facet.reviewed == CHECKED, facet_id
    assert "45/2020" not in facet.source and "118/2025" not in facet.source
    if facet_id == "phan_anh":
        assert "Điều 41" in facet.source and "Điều 46" in facet.source


def test_a_complaint_on_the_portal_gets_the_required_details(testbot):
    reply = ask(testbot, "gửi phản ánh kiến nghị trên cổng dịch vụ công quốc gia phải ghi những gì")
    assert_fact_leads(reply, "dvc_cong_quoc_gia", "phan_anh", ("tiếng Việt", "số điện thoại"))
