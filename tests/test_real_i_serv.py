"""The other essential services answered on the facts asked (helper `serv6`, set I-serv): a grandparent registering
a grandchild's birth, who registers a death when no relative does, a minor as the registered
owner of a vehicle, a roadside fine declined — and the cue words that name who does it
(«ông bà có được…», «không có ai để…») and an age («chưa đủ 18 tuổi có được…»).

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # a grandparent may register the birth when the parents cannot
    ("bà ngoại đi làm giấy khai sinh cho cháu thay bố mẹ nó được không", "dvc09_khai_sinh", "proxy", "Được",
     ("ông, bà", "người thân thích")),
    # nobody to register a death: the related body, else the commune's civil-status officer
    ("cụ già neo đơn mất không có người thân thì ai đi khai tử", "dvc10_khai_tu", "who", "Vợ, chồng",
     ("cơ quan, tổ chức, cá nhân liên quan", "công chức tư pháp - hộ tịch")),
    # from 15 a person may be the registered owner, with a parent's consent until 18
    ("con 15 tuổi có được đứng tên xe máy điện không", "dvc07_bien_so_xe", "tuoi", "Từ đủ 15 tuổi",
     ("đồng ý", "giấy khai đăng ký xe")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


@pytest.mark.parametrize("question, kind", [
    ("ông bà có được đi đăng ký kết hôn giúp con không", "proxy"),  # who goes instead
    ("người mất không có ai để khai tử thì sao", "proxy"),  # nobody to go
    ("chưa đủ 16 tuổi có được làm thẻ căn cước không", "eligibility"),  # an age named
])
def test_who_and_age_cue_words(matcher, question, kind):
    assert kind in matcher.cues.kinds(matcher.normalizer(question))


def test_driving_without_the_registration_paper_is_a_traffic_fine(testbot):
    """«quên đăng ký xe» is a roadside fine (traffic police), not the transfer's penalty."""
    from tests.replies import declined

    reply = declined(testbot, "bị cảnh sát giao thông dừng xe mà quên đăng ký xe ở nhà thì phạt mấy trăm")
    assert reply.meta.topic is None, reply.text
