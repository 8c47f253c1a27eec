"""The scope border after the set-I work of 2026-12-02 (benchmarks/real_i_scope.yaml, half A; scope6 helper).

- The right referral: notarising a contract and certifying a copy or a signature are the notary's and the
  commune's («notary», was the land office's «công chứng», «chứng thực»); a pension question said as «nghỉ hưu sớm»,
  «suy giảm khả năng lao động», «tiền tuất» is social insurance's.
- Rule 3: a neighbouring domain's phrase only in a short clause before «nhưng» is the situation when what follows
  names one of ours and no domain («vợ chồng ly hôn nhưng vẫn ở chung nhà …»).
- «căn cước» folds to «can cuoc»: «… giữ căn cước của nhân viên» does not ask for a person (``handoff``).
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from bot import texts
from bot.handlers.handoff import wants_person
from tests.replies import ask, declined


@pytest.mark.parametrize("question, domain", [
    ("công chứng hợp đồng tặng cho căn hộ hết bao nhiêu tiền", "notary"),
    ("chứng thực chữ ký trên đơn xin việc làm ở chỗ nào", "notary"),
    ("văn phòng công chứng có làm việc thứ bảy không", "notary"),
    ("về hưu trước tuổi vì suy giảm khả năng lao động cần những điều kiện gì", "insurance"),
    ("bố tôi đang hưởng lương hưu thì mất, gia đình được nhận tiền tuất thế nào", "insurance"),
    # a land sale still names the land office (its referral says where the contract is notarised)
    ("mua bán nhà đất xong thì công chứng hợp đồng ở đâu", "land"),
])
def test_a_neighbouring_domain_gets_its_own_referral(testbot, question, domain):
    assert texts.OUT_OF_SCOPE_WHERE[domain] in declined(testbot, question).text


def test_the_notary_referral_says_where_each_is_done():
    where = texts.OUT_OF_SCOPE_WHERE["notary"]
    assert "tổ chức hành nghề công chứng" in where and "UBND xã" in where


@pytest.mark.parametrize("question, topic", [
    # our procedure that mentions a notarised paper stays ours
    ("thuê phòng trọ thì hợp đồng có phải đem công chứng mới đăng ký tạm trú được không", "dvc04_tam_tru"),
    # the divorce before «nhưng» is what happened; the household is asked
    ("hai vợ chồng đã ly hôn nhưng vẫn sống chung một nhà thì có tách hộ riêng được không", "tach_ho"),
])
def test_ours_stays_ours(testbot, question, topic):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.text


def test_the_clause_before_nhung_is_the_situation_only_when_short_and_the_rest_is_ours(matcher):
    assert matcher._after_but("Vợ chồng ly hôn nhưng vẫn ở chung nhà thì tách hộ được không") is not None
    # the domain is asked after «nhưng» too: no situation
    assert matcher._after_but("Vợ chồng ly hôn nhưng chồng giành quyền nuôi con thì khởi kiện ở đâu") is None
    # a long clause before «nhưng» says what is at stake
    assert matcher._after_but("Tôi mua đất có sổ đỏ đứng tên hai vợ chồng từ năm ngoái nhưng giờ muốn "
                              "đăng ký thường trú cho mẹ thì được không") is None
    # typed without diacritics «nhung» may be «những»: not read as «nhưng»
    assert matcher._after_but("vo chong ly hon nhung van o chung nha thi tach ho duoc khong") is None


def test_the_card_named_next_to_an_employee_does_not_ask_for_a_person():
    assert not wants_person("công ty có quyền giữ căn cước gốc của nhân viên không")
    assert wants_person("tôi cần nói chuyện với nhân viên tư vấn")
    assert wants_person("cần gặp cán bộ để hỏi về căn cước")
