"""Cue words are read with the diacritics the citizen typed (nlu.cues.Cues.typed): «nộp hồ sơ» is no «nộp hộ» (a
proxy), «phát hành» no «phạt», «nhưng giấy tờ» no «những giấy tờ»; a question typed without diacritics keeps every
reading that is not a known homograph («nop ho so» is read as «nộp hồ sơ»). And «hồ sơ đã nộp tới đâu rồi» asks how
far an application got (kind ``status``), not where to file it. Wordings written for the test."""

from __future__ import annotations

import pytest

from nlu.cues import Cues
from nlu.normalize import Normalizer


def _typed_kinds(text: str) -> tuple[str, ...]:
    cues = Cues.default()
    with cues.typed(text):
        return cues.kinds(Normalizer.default()(text))


@pytest.mark.parametrize("question, kinds", [
    ("nộp hồ sơ đăng ký tạm trú ở đâu", ("place",)),  # «hồ» is not the «hộ» of «nộp hộ»
    ("nop ho so dang ky tam tru o dau", ("place",)),  # without diacritics: «hồ sơ», a homograph of the cue
    ("thẻ căn cước phát hành khi nào", ()),  # «phát» is not «phạt»
    ("có hộ chiếu nhưng giấy tờ khác mất hết thì làm lại ở đâu", ("place",)),  # «nhưng», not «những giấy tờ»
    # the cue still read where the message says it
    ("nộp hộ sổ cho mẹ được không", ("proxy",)),
    ("nhờ người nộp hộ hồ sơ được không", ("proxy",)),
    ("nho nguoi nop ho ho so duoc khong", ("proxy",)),
    ("uỷ quyền cho em đi làm căn cước", ("proxy",)),  # the tone mark on «uỷ» / «ủy»: either place
    ("bị phạt vì chưa đăng ký tạm trú", ("penalty",)),
    ("cần những giấy tờ gì", ("documents",)),
    ("làm hộ chiếu cho con mất mấy ngày", ("time",)),  # a `not_kinds` phrase taken out before the cue
])
def test_cue_words_are_read_with_the_diacritics_typed(question, kinds):
    assert _typed_kinds(question) == kinds


def test_one_normalised_text_typed_two_ways_is_read_two_ways():
    # «nộp hộ sổ» and «nộp hồ sơ» both normalise to «nop ho so»: the kinds are not cached on that alone
    assert _typed_kinds("nộp hộ sổ cho mẹ") == ("proxy",)
    assert _typed_kinds("nộp hồ sơ cho mẹ") == ()
    assert _typed_kinds("nộp hộ sổ cho mẹ") == ("proxy",)


def test_the_matcher_reads_the_question_as_typed(matcher):
    assert "proxy" not in matcher.match("nộp hồ sơ đăng ký tạm trú ở đâu").kinds
    assert matcher.match("Nộp hồ sơ khai sinh cho con ở đâu").kinds == ("place",)


@pytest.mark.parametrize("question, kinds", [
    ("muốn xem hồ sơ đã nộp tới đâu", ("status",)),
    ("hồ sơ gửi hôm trước giờ đến đâu rồi", ("status",)),  # «đến đâu rồi»: how far, not where
    ("xin giấy xác nhận cư trú thì đến đâu", ("place",)),
])
def test_how_far_an_application_got_is_not_where_to_file_it(question, kinds):
    assert _typed_kinds(question) == kinds


@pytest.mark.parametrize("question, topic", [
    ("muốn xem hồ sơ đã nộp tới đâu", "dvc_cong_quoc_gia"),
    ("tôi gửi hồ sơ trên cổng dịch vụ công tuần trước, giờ muốn xem đã tới bước nào", "dvc_cong_quoc_gia"),
    ("hồ sơ cấp đổi căn cước nộp rồi giờ tới bước nào", "can_cuoc_chua_nhan"),
])
def test_a_question_about_an_application_filed_gets_the_tracking(matcher, question, topic):
    found = matcher.match(question)
    assert (found.topic, found.facet) == (topic, "tra_cuu")


def test_still_in_time_after_a_topic_is_its_deadline_not_a_proxy(testbot):
    testbot.say("thủ tục hưởng trợ cấp thất nghiệp")
    reply = testbot.say("em nghỉ việc 5 tháng rồi còn nộp hồ sơ được không")[0]
    assert reply.meta.topic == "dvc23_tro_cap_that_nghiep" and reply.text.startswith("Quá 3 tháng")
