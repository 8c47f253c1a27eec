"""Cue words inside a name are not the fact asked («mai táng phí» is an allowance, «ở nhà thuê» is where one lives),
and «được tối đa bao lâu», «có thời hạn bao lâu» ask how long something stays valid. Wordings written for the test."""

from __future__ import annotations

import pytest

from nlu.cues import Cues
from nlu.normalize import Normalizer


def _kinds(text: str) -> tuple[str, ...]:
    return Cues.default().kinds(Normalizer.default()(text))


@pytest.mark.parametrize("question, kinds", [
    ("xin mai táng phí cho bố", ()),
    ("mai táng phí được nhận bao nhiêu tiền", ("fee",)),
    ("đang ở nhà thuê thì đăng ký cư trú kiểu gì", ()),
    ("ngồi ở nhà có làm được không", ("online",)),
    ("đăng ký tạm trú được tối đa bao lâu", ("validity",)),
    ("giấy phép lái xe có thời hạn bao lâu", ("validity",)),
    ("đi làm hộ chiếu mất mấy ngày", ("time",)),
])
def test_the_fact_asked_is_read_from_the_cue_words_not_from_names_holding_them(question, kinds):
    assert _kinds(question) == kinds


def test_the_death_bundle_named_by_its_allowance_gets_the_how_to_not_its_fee(testbot):
    reply = testbot.say("khai tử xong xin mai táng phí")[0]
    assert reply.meta.topic == "dvc16_lien_thong_khai_tu" and reply.meta.facet is None and not reply.meta.fallback


def test_living_in_a_rented_house_is_not_an_online_question(testbot):
    reply = testbot.say("thuê nhà ở nhà thuê thì có phải đăng ký tạm trú không")[0]
    assert reply.meta.topic == "dvc04_tam_tru" and reply.meta.facet != "online"


@pytest.mark.parametrize("question, topic, facet", [
    ("căn cước gắn chip có thời hạn bao lâu", "can_cuoc_vs_cccd", "ages"),
    ("tạm trú đăng ký một lần được tối đa bao lâu", "dvc04_tam_tru", None),
])
def test_a_validity_question_gets_how_long_it_stays_valid(testbot, kb, question, topic, facet):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == topic and not reply.meta.fallback, reply.text
    if facet:
        assert reply.meta.facet == facet
    else:
        assert "2 năm" in reply.text.split("\n\n")[0]
