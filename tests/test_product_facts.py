"""Rule 8's exception (nlu.matcher): a time or a fee asked of VNeID by name is answered by VNeID's own entry.

«vneid» is used by too many entries to be a key term, so a short question such as «vneid có mất phí không» named
no key term and got the honest "unsure" reply, although it names what it asks about. A question that names VNeID
only as the place where another procedure is done keeps that procedure's key terms and is not concerned.
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from tests.replies import ask, declined, lead


@pytest.mark.parametrize("question, topic, fact", [
    ("vneid có mất phí không", "vneid_le_phi", "Không mất phí"),
    ("làm vneid mất tiền không", "vneid_le_phi", "Không mất phí"),
    ("vneid bao lâu thì được duyệt", "vneid_thoi_gian_cap", "ngày làm việc"),
])
def test_a_time_or_fee_asked_of_vneid_by_name_gets_that_fact(testbot, question, topic, fact):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.text
    assert fact in lead(reply), reply.text


def test_a_fee_asked_without_naming_anything_of_ours_is_still_unsure(testbot):
    reply = declined(testbot, "cái này có mất phí không")
    assert reply.meta.topic is None


def test_the_exception_is_for_vneid_entries_only(matcher):
    assert "vneid_le_phi" in matcher._product_entries and "vneid_thoi_gian_cap" in matcher._product_entries
    assert "dvc20_gplx" not in matcher._product_entries and "dvc02_the_can_cuoc" not in matcher._product_entries
