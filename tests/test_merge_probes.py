"""Own-worded probes the lead ran on main before the set-G merge (none comes from a benchmark).

- «hộ chiếu có gia hạn được không» (the guide's own example) asks yes or no: the passport's sub-question says no (a
  new passport instead), not the passport overview; the sub-question (kind «overdue», so without a cue word it must be
  0.80 alike) had no example in that word order.
- «còn vợ em thì sao» after a temporary-residence question asks the same procedure for a relative: it stays on the
  topic (it was declined as out of scope: «vợ em», «chồng mình» were no person cue, «vợ tôi» was).
- «được phát thẻ bảo hiểm y tế giấy» is issued, not fined («phát» folds to the letters of «phạt»).
"""

from __future__ import annotations

import pytest

from tests.replies import ask, lead


@pytest.mark.parametrize("question", ["hộ chiếu hết hạn rồi có xin gia hạn được không", "gia han ho chieu dc ko ad"])
def test_a_passport_extension_is_answered_no(testbot, question):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == ("dvc12_ho_chieu", "gia_han"), reply.text
    assert lead(reply).startswith("Không"), reply.text


@pytest.mark.parametrize("followup", ["con vo e thi sao", "còn chồng mình thì sao"])
def test_a_relative_after_a_topic_stays_on_the_topic(testbot, followup):
    ask(testbot, "mới thuê trọ ở thành phố thì đăng ký tạm trú thế nào")
    reply = ask(testbot, followup)
    assert reply.meta.topic == "dvc04_tam_tru", reply.text
    assert "30 ngày" in reply.text, reply.text


def test_a_card_that_is_issued_is_not_a_fine(matcher):
    assert "penalty" not in matcher.cues.kinds(matcher.normalizer("ai được phát thẻ bảo hiểm y tế giấy"))
    assert "penalty" in matcher.cues.kinds(matcher.normalizer("không có thẻ bảo hiểm y tế giấy có bị phạt không"))
