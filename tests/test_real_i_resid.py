"""Residence answered on the fact asked (helper `resid6`, set I-resid): how long a stay (or an absence) makes a
registration due — an eligibility, not the processing time nor a deadline (``thresholds`` in nlu/cues.yaml) —, a
spouse not divorced who wants «cắt khẩu», a newborn's residence asked with VNeID and a fine, the fee of
«nhập hộ khẩu», registering again after a deletion, marrying far away without «cắt khẩu».

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, lead


@pytest.mark.parametrize("question", [
    "thuê trọ ở mấy ngày thì phải đăng ký tạm trú",
    "sinh viên ở bao lâu thì phải làm tạm trú",
    "xa quê bao lâu thì phải khai tạm vắng",
    "vắng nhà bao lâu thì phải báo công an",
])
def test_a_stay_threshold_asks_eligibility_not_time(matcher, question):
    kinds = matcher.cues.kinds(matcher.normalizer(question))
    assert kinds[0] == "eligibility" and "time" not in kinds and "overdue" not in kinds, kinds


@pytest.mark.parametrize("question, time", [
    ("đăng ký tạm trú bao lâu thì có kết quả", "time"),  # the processing time stays a time
    ("tạm trú bao lâu thì hết hạn", "validity"),  # how long it stays valid stays a validity
])
def test_other_how_long_questions_keep_their_kind(matcher, question, time):
    kinds = matcher.cues.kinds(matcher.normalizer(question))
    assert time in kinds and "eligibility" not in kinds, kinds


@pytest.mark.parametrize("question, topic, facts", [
    # 30 days or more outside the commune of thường trú (Luật Cư trú Điều 27.1), not «3 ngày làm việc»
    ("thuê trọ ở mấy ngày thì phải đăng ký tạm trú", "dvc04_tam_tru", ("30 ngày",)),
    ("sinh viên ở bao lâu thì phải làm tạm trú", "dvc04_tam_tru", ("30 ngày",)),
    # tạm vắng: who must declare, with the 12 months of Điều 31.1.d
    ("đi làm ăn xa bao lâu thì phải khai báo tạm vắng", "dvc05_tam_vang", ("12 tháng",)),
])
def test_how_long_before_it_is_due_is_answered(testbot, question, topic, facts):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.meta.topic
    for fact in facts:
        assert fact in lead(reply), lead(reply)
    assert "3 ngày làm việc" not in lead(reply)


def test_a_spouse_not_divorced_cutting_the_household_is_residence(testbot):
    # «chưa ly dị» names a court word, but the question asks a residence procedure
    assert_states(ask(testbot, "vợ chồng chưa ly dị thì có cắt khẩu riêng được không"), "tach_ho", ("chủ hộ",))


def test_a_newborn_not_registered_on_vneid_states_the_fine(testbot):
    assert_states(ask(testbot, "con mới sinh chưa đăng ký cư trú trên vneid có bị phạt không"), "cu_tru_tre_em",
                  ("60 ngày", "500.000"))


def test_the_fee_of_joining_a_household_is_stated(testbot):
    reply = ask(testbot, "nhập hộ khẩu lệ phí theo quy định là bao nhiêu")
    assert "20.000" in lead(reply) and "10.000" in lead(reply), lead(reply)


def test_registering_again_after_a_deletion_is_answered(testbot):
    # a deleted thường trú is registered again like the first time (Luật Cư trú Điều 20–22)
    reply = ask(testbot, "đã bị xóa thường trú thì đăng ký lại ở đâu")
    assert (reply.meta.topic, reply.meta.facet) == ("xoa_dang_ky_cu_tru", "dang_ky_lai"), reply.meta.facet
    for fact in ("CT01", "7 ngày làm việc", "20.000"):
        assert fact in lead(reply), lead(reply)


def test_marrying_far_away_needs_no_cut_at_the_parents_home(testbot):
    reply = ask(testbot, "lấy chồng ở tỉnh xa thì có phải về cắt khẩu nhà bố mẹ đẻ không")
    assert "Không cần" in lead(reply) or "Không." in lead(reply), lead(reply)
