"""Integration fixes after the accuracy branches met (branch `tune2`): a yes/no question leads with the sub-question
that fits it, and neighbouring domains that share our words (electricity prices, duplicate health-insurance cards,
amending a birth record) are declined while our own services with the same words stay answered. The questions are
our own wording, not the benchmarks'."""

from __future__ import annotations

import pytest

from nlu.cues import Cues
from nlu.matcher import Verdict
from nlu.normalize import Normalizer
from tests.test_facets_identity import ask, lead


@pytest.mark.parametrize("question, asks_yes_or_no", [
    ("nâng mũi xong có phải đi đổi thẻ căn cước không", True),
    ("chủ nhà ở xa thì người thuê tự đăng ký tạm trú được không", True),
    ("trẻ dưới 14 tuổi có bắt buộc làm căn cước", True),
    ("lam the can cuoc o dau", False),
    ("vneid là gì, có bắt buộc phải cài không", False),  # also asks an open question: not only a yes or no
    ("đổi thẻ căn cước hết bao nhiêu tiền", False),
])
def test_a_yes_or_no_question_is_told_from_an_open_one(question, asks_yes_or_no):
    assert Cues.default().is_yesno(Normalizer.default()(question)) is asks_yes_or_no


@pytest.mark.parametrize("question, topic, facet, facts", [
    # a birth is registered where a parent resides, temporary residence included (Luật Hộ tịch Điều 13)
    ("vợ chồng tôi chỉ đăng ký tạm trú ở thành phố, có thể làm khai sinh cho cháu ở phường đang tạm trú không",
     "dvc09_khai_sinh", "tam_tru", ["Được", "tạm trú"]),
    # a private home that lodges a foreigner is a place of stay: the host declares within 12 hours
    ("nhà tôi cho ông tây thuê phòng thì nhà riêng có tính là cơ sở lưu trú không", "luu_tru_nguoi_nuoc_ngoai",
     "nha_rieng", ["Có", "12 giờ"]),
    # the card is compulsory from 14 (Luật Căn cước Điều 19)
    ("đứa nhỏ nhà tôi 10 tuổi có bắt buộc đi làm căn cước chưa", "can_cuoc_14_tuoi", "required", ["14 tuổi"]),
    ("có người gọi điện nói là công an đòi mã otp thì có phải bọn lừa đảo không", "vneid_lua_dao_otp", "scam",
     ["lừa đảo", "OTP"]),
])
def test_a_yes_or_no_question_leads_with_its_sub_question(testbot, question, topic, facet, facts):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet), reply.text
    assert all(fact in lead(reply) for fact in facts), lead(reply)


def test_a_yes_or_no_question_takes_no_sub_question_that_another_fits_better(testbot):
    # the entry's presence sub-question also clears the lower bar, but the place one is closer: the whole entry
    # (its first line names «thường trú hoặc tạm trú») rather than the wrong sub-question
    reply = ask(testbot, "chỉ có tạm trú ở đây thì đăng ký kết hôn được không")
    assert reply.meta.topic == "dvc11_ket_hon" and reply.meta.facet != "co_mat", reply.text
    assert "tạm trú" in lead(reply), lead(reply)


def test_a_yes_or_no_question_takes_no_sub_question_only_just_ahead(testbot):
    # the card's ages sub-question is barely closer than the old-CMND one: the whole entry, not a wrong lead
    reply = ask(testbot, "chưa có căn cước gắn chip, vẫn dùng chứng minh thư cũ thì có đăng ký vneid được không")
    assert reply.meta.topic == "can_cuoc_vs_cccd" and reply.meta.facet != "ages", reply.text


@pytest.mark.parametrize("question, domain", [
    ("biểu giá điện cho phòng trọ năm nay thế nào", "utilities"),
    ("một người có hai thẻ bảo hiểm y tế được không", "insurance"),
])
def test_a_neighbouring_domain_with_our_words_is_declined(matcher, question, domain):
    result = matcher.match(question)
    assert result.verdict == Verdict.OUT_OF_SCOPE and result.domain == domain, result


@pytest.mark.parametrize("question, topic", [
    ("gia hạn thẻ bảo hiểm y tế hộ gia đình online thế nào", "dvc17_bhyt_ho_gia_dinh"),
    ("đăng ký cấp điện mới cho nhà trọ làm thế nào", "dvc24_cap_dien_moi"),
    ("đổi tên chủ hợp đồng điện thì giá điện có thay đổi không", "dvc25_doi_chu_hop_dong_dien"),
])
def test_our_services_with_those_words_stay_answered(matcher, question, topic):
    result = matcher.match(question)
    assert result.verdict == Verdict.ANSWER and result.topic == topic, result
