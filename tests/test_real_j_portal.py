"""The online portals themselves, second round (helper `portal7`, set J-portal): sending a complaint (phản ánh,
kiến nghị) on dichvucong.gov.vn, a fee paid online that the file still shows as unpaid — and the neighbours'
business portals (the customs single window, e-commerce website notification), declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_fact_leads, declined


@pytest.mark.parametrize("question, facet, facts", [
    ("tôi muốn phản ánh kiến nghị trên cổng dịch vụ công quốc gia", "phan_anh",
     ("Phản ánh kiến nghị", "số điện thoại", "mã")),
    ("trả lệ phí online rồi mà hồ sơ báo chưa thanh toán", "thanh_toan", ("biên lai điện tử", "1800 1096")),
])
def test_portal_sub_questions_lead_with_the_answer(testbot, question, facet, facts):
    assert_fact_leads(ask(testbot, question), "dvc_cong_quoc_gia", facet, facts)


@pytest.mark.parametrize("question", [
    "làm thủ tục xuất khẩu trên cổng một cửa quốc gia",  # the customs single window
    "khai hải quan điện tử cho lô hàng ở đâu",  # customs
])
def test_neighbouring_business_portals_are_declined(testbot, question):
    declined(testbot, question)
