"""The scope border after the set-H work of 2026-12-02 (benchmarks/real_h_scope.yaml, half A; scope5 helper).

- Rule 7c: a neighbouring domain's phrase that closes the question before its yes/no tail is what is asked («… có
  được vào phòng thi không»), unless our procedure needs it («… có cần bản sao sổ đỏ không»).
- Rule 7d: the head before «khi» / «nếu» names the domain and nothing of ours: the head is asked.
- Rules 7 and 7b: a domain phrase before «rồi» / «xong» is what happened («đổi tên khai sinh rồi có phải làm lại thẻ
  căn cước»); a domain that asks for something of ours («ngân hàng đòi giấy xác nhận cư trú») does not take it; an
  abbreviation («cccd») weighs the one word typed.
- Lexicon: a name change in the birth record (civil status), the exam day's papers, a household's land title.
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from bot import texts
from nlu.matcher import Verdict
from tests.replies import ask, declined


@pytest.mark.parametrize("question, domain", [
    # rule 7c: the exam site decides who sits the exam, whatever card the candidate lost or forgot
    ("bị mất căn cước trước ngày thi thì em có được dự thi không", "education"),
    ("quên mang cccd đi thi có được vào phòng thi không", "education"),
    # the exam day's papers
    ("để quên giấy báo dự thi ở nhà thì sáng mai phải làm sao", "education"),
    # rule 7d: losing custody is asked, the birth registration is the situation
    ("có bị mất quyền nuôi con nếu chưa làm giấy khai sinh cho cháu không", "court"),
    # a name change in the birth record is civil-status work
    ("muốn đổi tên trong giấy khai sinh cho con thì làm thế nào", "civil_status"),
    # a household's land title
    ("sổ đỏ cấp cho hộ gia đình thì con cái có được chia phần không", "land"),
    ("tách khẩu rồi có còn quyền với đất của hộ không", "land"),
    # rule 7 reads «cccd» as one typed word against the bank app's phrase
    ("quet cccd tren ung dung ngan hang bao loi mai", "banking"),
])
def test_a_neighbouring_domain_is_declined(testbot, question, domain):
    assert texts.OUT_OF_SCOPE_WHERE[domain] in declined(testbot, question).text


@pytest.mark.parametrize("question, topic", [
    # what happened before «rồi» is the situation: the card is asked
    ("đổi tên khai sinh rồi có phải làm lại thẻ căn cước không", "dvc02_the_can_cuoc"),
    # the bank asks for our paper: the residence confirmation is asked
    ("ngân hàng đòi giấy xác nhận cư trú thì lên đâu xin", "xac_nhan_cu_tru"),
    # rule 7c spares what our procedure needs
    ("mua nhà rồi muốn nhập hộ khẩu thì có cần bản sao sổ đỏ không", "dvc03_thuong_tru"),
    # the exam registration itself stays ours
    ("thi tốt nghiệp đăng ký online thế nào", "dvc21_thi_thpt"),
])
def test_ours_stays_ours(testbot, question, topic):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic, reply.text


def test_the_residence_confirmation_asked_by_a_bank_says_where(testbot):
    reply = ask(testbot, "ngân hàng đòi giấy xác nhận cư trú thì lên đâu xin")
    assert "VNeID" in reply.text and "Công an" in reply.text, reply.text


def test_an_abbreviation_weighs_the_word_typed(matcher):
    norm = matcher.normalizer("quet cccd tren app ngan hang")
    support = matcher.scope.support("dvc02_the_can_cuoc", norm)
    assert matcher.scope.covered(norm, support) == 4  # «căn cước công dân» as read
    assert matcher._typed_cover("quet cccd tren app ngan hang", norm, support) == 1  # «cccd» as typed
    spelled = "quet can cuoc cong dan tren app ngan hang"
    assert matcher._typed_cover(spelled, matcher.normalizer(spelled), support) == 4


def test_what_happened_before_roi_is_the_situation(matcher):
    norm = matcher.normalizer("đổi tên trong giấy khai sinh rồi có phải làm lại căn cước không")
    assert matcher.scope.domain(norm) == "civil_status"
    assert matcher._sequel(norm) == "co phai lam lai can cuoc khong"  # what is asked
    assert matcher._sequel(matcher.normalizer("đổi tên trong giấy khai sinh rồi thì làm sao")) is None  # nothing ours


def test_the_domain_closing_or_heading_the_question(matcher):
    closes = matcher.normalizer("quên mang cccd đi thi có được vào phòng thi không")
    assert matcher._domain_closes(closes)
    needed = matcher.normalizer("mua nhà rồi muốn nhập hộ khẩu thì có cần bản sao sổ đỏ không")
    assert not matcher._domain_closes(needed)
    assert matcher._domain_heads(matcher.normalizer("có mất quyền làm cha nếu không làm giấy khai sinh cho con"))
    assert not matcher._domain_heads(matcher.normalizer("đăng ký tạm trú khi đi du học có cần không"))


def test_a_phrase_folded_alike_is_no_exam_word(matcher):
    """«ngày thi», «thi hộ» are not in the lexicon: folded they are «ngày thì», «thì hộ khẩu»."""
    for question in ("ở trọ bao nhiêu ngày thì phải khai tạm trú", "bán nhà thì hộ khẩu ở nhà đó có bị xóa không"):
        assert matcher.match(question).verdict == Verdict.ANSWER, question
