"""Choosing the sub-question inside an entry (issue #16, helper `facet9`, ``Matcher._facets_uncached``).

- A plain kind question («… ở đâu») is not answered with a sub-question about a situation it does not say (a
  passport lost abroad, a marriage with a foreigner) when a general sub-question of that kind fits; the situation
  is derived from each sub-question's examples and answer (``Matcher._facet_situations_uncached``), not listed.
- A question that says the situation still gets that sub-question.
- A message of the entry's title words alone gets the whole entry, not a cue-less sub-question.
- A sub-question chosen for «trực tuyến» alone gives way to one that fits on its own words (the tracking).

Every question here is written for the test (none comes from a benchmark).
"""

from __future__ import annotations

from tests.replies import ask, assert_fact_leads, lead

PASSPORT = "dvc12_ho_chieu"
MARRIAGE = "dvc11_ket_hon"
PORTAL = "dvc_cong_quoc_gia"


def test_the_situations_are_derived_from_the_examples(matcher):
    """The passport lost abroad and the marriage with a foreigner have «nước ngoài» as their situation; the
    general place sub-questions have none."""
    passport = matcher._facet_situations(PASSPORT)
    marriage = matcher._facet_situations(MARRIAGE)
    assert {"nuoc", "ngoai"} <= passport["mat_o_nuoc_ngoai"][0] and not passport["tinh_khac"][0]
    assert {"nuoc", "ngoai"} <= marriage["nuoc_ngoai"][0] and not marriage["tam_tru"][0]


def test_where_to_get_a_passport_is_the_immigration_office(testbot):
    reply = ask(testbot, "xin cấp hộ chiếu ở đâu vậy")
    assert_fact_leads(reply, PASSPORT, "tinh_khac", ("xuất nhập cảnh",))
    assert "nước sở tại" not in lead(reply)


def test_where_to_register_a_marriage_is_the_commune(testbot):
    reply = ask(testbot, "muốn đăng ký kết hôn thì ở đâu")
    assert_fact_leads(reply, MARRIAGE, "noi_dang_ky", ("UBND xã, phường nơi cư trú",))
    assert "người nước ngoài" not in lead(reply)


def test_a_passport_lost_abroad_still_gets_the_embassy(testbot):
    reply = ask(testbot, "mất hộ chiếu ở nước ngoài thì làm ở đâu")
    assert_fact_leads(reply, PASSPORT, "mat_o_nuoc_ngoai", ("cơ quan đại diện Việt Nam",))


def test_a_marriage_with_a_foreigner_still_gets_its_place(testbot):
    reply = ask(testbot, "kết hôn với người nước ngoài nộp ở đâu")
    assert_fact_leads(reply, MARRIAGE, "nuoc_ngoai", ("người nước ngoài", "UBND xã, phường"))


def test_tracking_an_online_application_gets_the_tracking(testbot):
    """«trực tuyến» tells how the application was filed: the tracking leads, the online payment is not added."""
    reply = ask(testbot, "tra cứu tiến độ hồ sơ đã nộp trực tuyến bằng mã hồ sơ ở đâu")
    assert_fact_leads(reply, PORTAL, "tra_cuu", ("tiến độ", "mã hồ sơ"))
    assert "Thanh toán" not in lead(reply)


def test_the_portal_named_alone_gets_the_whole_entry(testbot):
    """The title's words alone («cổng dịch vụ công quốc gia») are not the lost password, however alike they are
    to that sub-question's example."""
    reply = ask(testbot, "cổng dịch vụ công quốc gia")
    assert reply.meta.topic == PORTAL and reply.meta.facet is None, reply.meta.facet
    assert reply.text.startswith("Cổng Dịch vụ công quốc gia ở địa chỉ dichvucong.gov.vn")
    assert "Quên mật khẩu" not in reply.text
