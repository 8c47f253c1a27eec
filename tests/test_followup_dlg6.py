"""Follow-ups on the real knowledge base, branch `dlg6` (dialogue set I): each test holds one rule of the follow-up
path in bot/handlers/citizen.py (or a scope phrase in nlu/out_of_scope.yaml), in my own wording (no benchmark turn).

- a bare follow-up («phải báo trước mấy giờ») right after a question the bot could not answer is read together
  with that question, and answered only when that reading is sure; after a refusal of another field it stays a
  refusal;
- serving a sentence («thời gian thử thách») is the court's field, even right after the criminal-record
  certificate; a suspended sentence's holder declaring tạm vắng stays ours;
- «làm sao», «thế nào» ask how: «làm sao để lấy lại» right after a topic is that topic's own how-to;
- a question that would get the entry just shown in full once more gets the sub-question it is closest to;
- a case named with «thì sao» keeps the sub-question just read when that sub-question speaks of the very case.
"""

from __future__ import annotations

from dataclasses import replace

from bot.handlers.citizen import _bare_followup
from nlu.matcher import Verdict
from tests.replies import last_reply, lead

FIRST = "nhà có họ hàng lên chơi vài hôm thì báo công an thế nào"  # answered alone; made unsure below


def _unsure_on_first(testbot, monkeypatch):
    """The matcher, unsure of FIRST alone (as it is of many a long or mixed question), sure of everything else."""
    matcher = testbot.core.deps.matcher
    match = matcher.match

    def unsure_first(text, *args, **kwargs):
        result = match(text, *args, **kwargs)
        return replace(result, verdict=Verdict.UNSURE, topic=None, facet=None) if text == FIRST else result

    monkeypatch.setattr(matcher, "match", unsure_first)


def test_a_bare_followup_after_an_unanswered_question_is_read_with_it(testbot, monkeypatch):
    _unsure_on_first(testbot, monkeypatch)
    first = last_reply(testbot, FIRST)
    assert first.meta.fallback is True and first.meta.topic is None
    reply = last_reply(testbot, "phải báo trước mấy giờ")
    assert reply.meta.fallback is False and reply.meta.topic and reply.meta.topic.startswith("luu_tru")
    assert "23 giờ" in lead(reply)


def test_a_bare_followup_after_another_field_stays_declined(testbot):
    reply = last_reply(testbot, "cuối tuần này đà lạt có lạnh không", "nộp ở đâu")
    assert reply.meta.fallback is True and reply.meta.topic is None


def test_what_counts_as_a_bare_followup(testbot):
    deps = testbot.core.deps
    normalize = deps.matcher.normalizer
    assert _bare_followup(deps, normalize("nộp ở đâu"))
    assert _bare_followup(deps, normalize("mất phí không"))
    assert not _bare_followup(deps, normalize("làm hộ chiếu ở đâu"))  # it names its own subject
    assert not _bare_followup(deps, normalize("cho con tôi thì sao"))  # a person: the person's case, not a fact


def test_serving_a_sentence_is_the_courts_field(testbot):
    reply = last_reply(testbot, "xin phiếu lý lịch tư pháp",
                       "mẹ tôi được hưởng án treo thì thời gian thử thách bao lâu")
    assert reply.meta.fallback is True and reply.meta.topic is None
    ours = last_reply(testbot, "người bị án treo muốn đi khỏi xã vài hôm có phải khai tạm vắng không", user="u2")
    assert ours.meta.topic == "dvc05_tam_vang" and ours.meta.fallback is False


def test_asking_how_with_lam_sao_right_after_a_topic(testbot):
    reply = last_reply(testbot, "tôi bị quên mật khẩu ứng dụng vneid", "giờ làm sao để lấy lại được")
    assert reply.meta.topic == "vneid_quen_mat_khau" and reply.meta.fallback is False
    assert "Quên mật khẩu" in reply.text


def test_the_entry_just_shown_again_gets_its_closest_sub_question(testbot):
    first = last_reply(testbot, "thủ tục cấp phiếu lý lịch tư pháp")
    assert first.meta.topic == "dvc22_ly_lich_tu_phap" and first.meta.facet is None
    reply = last_reply(testbot, "đã từng bị kết án thì phiếu số 1 có ghi không")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc22_ly_lich_tu_phap", "an_tich")
    assert "án tích" in lead(reply)


def test_a_case_with_thi_sao_keeps_the_fact_that_speaks_of_it(testbot):
    reply = last_reply(testbot, "cấp đổi thẻ căn cước tốn bao nhiêu tiền", "thế còn bị mất thẻ thì sao")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc02_the_can_cuoc", "fee")
    assert "35.000" in lead(reply)
