"""Rule 10 of the decision (``nlu/matcher.py``, helper `wrong8`): one shared key term is not enough.

An entry that wins at low confidence (below ``LONE_TERM_CONFIDENCE``), only a little ahead of an out-of-scope class
(``OOS_OVERRULE_MARGIN``), on a single key term its title does not say, in a question of at least
``LONE_TERM_MIN_WORDS`` words, is not answered: the close topics are offered instead. A question that names the
entry's own subject (its title's words) is still answered with the fact asked.

Every question here is written for the test (none comes from a benchmark).
"""

from __future__ import annotations

from nlu.matcher import LONE_TERM_CONFIDENCE, LONE_TERM_MIN_WORDS, OOS_OVERRULE_MARGIN, Verdict
from tests.replies import ask, declined, lead

# a noisy young neighbour: «thanh niên» is a key term of the vehicle-registration entry, nothing else here is ours
NOISY_NEIGHBOUR = "bạn thanh niên hàng xóm hay rú ga xe máy lúc nửa đêm thì gọi ai để xử lý"
# the same person, asking where to register his new motorbike: the entry's own subject
NEW_MOTORBIKE = "thanh niên mới mua xe máy thì đi đăng ký biển số ở đâu"


def test_one_shared_term_is_not_answered(matcher):
    """The conditions of rule 10 hold, and the verdict is unsure (not the plate registration's how-to)."""
    result = matcher.match(NOISY_NEIGHBOUR)
    assert result.verdict == Verdict.UNSURE, (result.topic, result.confidence)
    assert result.best == "dvc07_bien_so_xe"  # ... which is offered, not asserted
    assert len(NOISY_NEIGHBOUR.split()) >= LONE_TERM_MIN_WORDS
    assert result.confidence < LONE_TERM_CONFIDENCE
    scores = matcher.scores(NOISY_NEIGHBOUR).tolist()
    outside = max(x for x, label in zip(scores, matcher.label_names, strict=True) if label.startswith("__out_of"))
    assert max(scores) - outside < OOS_OVERRULE_MARGIN


def test_one_shared_term_gets_the_unsure_reply(testbot):
    reply = declined(testbot, NOISY_NEIGHBOUR)
    assert "chưa chắc" in reply.text and "1900 0368" in reply.text
    assert any(button.payload == "t:dvc07_bien_so_xe" for button in reply.buttons)


def test_the_entrys_own_subject_is_still_answered(matcher, testbot):
    """«biển số» is in the entry's title: the place asked is answered, first."""
    result = matcher.match(NEW_MOTORBIKE)
    assert result.verdict == Verdict.ANSWER and result.topic == "dvc07_bien_so_xe"
    reply = ask(testbot, NEW_MOTORBIKE)
    assert reply.meta.facet == "place", reply.meta.facet
    assert "Công an xã, phường" in lead(reply)

