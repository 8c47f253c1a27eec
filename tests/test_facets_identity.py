"""Sub-questions of the identity, residence, civil-status, passport and criminal-record entries, through the whole
core on the bundled knowledge base: the one fact asked leads the reply (issue #16), a penalty question gets the
penalty of the act it names, a yes/no question is answered yes or no, and a validity question is not answered with
the processing time (both are asked with «thời hạn», «bao lâu»)."""

from __future__ import annotations

import re

import pytest

from bot import texts
from tests.replies import ask, lead


def test_a_sub_question_leads_and_the_whole_entry_stays_one_button_away(testbot, kb):
    reply = ask(testbot, "passport sap het han thi xin gia han the nao")
    facet = kb.entries["dvc12_ho_chieu"].facet("gia_han")
    assert (reply.meta.topic, reply.meta.facet) == ("dvc12_ho_chieu", "gia_han")
    assert lead(reply) == facet.answer.strip() and lead(reply).startswith("Không")
    assert reply.buttons[0].label == texts.FULL_GUIDE_BUTTON and reply.buttons[0].payload == "t:dvc12_ho_chieu"
    full = testbot.press("t:dvc12_ho_chieu")[0]
    assert full.text.startswith(kb.entries["dvc12_ho_chieu"].answer.strip()[:60])


@pytest.mark.parametrize("question, facet, fact", [
    ("ho chieu pho thong co gia tri bao nhieu nam", "validity", "10 năm"),
    ("làm hộ chiếu lần đầu mất mấy ngày", "time", "8 ngày làm việc"),
    ("tam tru dang ky duoc toi da bao lau", "thoi_han", "2 năm"),
    ("đăng ký tạm trú online bao lâu thì được duyệt", "time", "3 ngày làm việc"),
])
def test_validity_and_processing_time_are_told_apart(testbot, question, facet, fact):
    reply = ask(testbot, question)
    assert reply.meta.facet == facet and fact in lead(reply)


@pytest.mark.parametrize("question, topic, facet, fact", [
    ("khai sinh cho con trễ mấy tháng có bị phạt tiền không", "dvc09_khai_sinh", "penalty", "Không bị phạt"),
    ("mất hộ chiếu mà không trình báo thì bị phạt bao nhiêu", "dvc12_ho_chieu", "penalty", "500.000–2.000.000"),
    ("khach nuoc ngoai o nha dan khong khai bao tam tru phat bao nhieu", "luu_tru_nguoi_nuoc_ngoai", "penalty",
     "3–5 triệu"),
    ("ở trọ mà không đăng ký tạm trú thì phạt bao nhiêu tiền", "dvc04_tam_tru", "penalty", "500.000–1.000.000"),
    ("dọn về nhà mới hơn một năm chưa nhập khẩu có bị phạt không", "dvc03_thuong_tru", "penalty", "2–4 triệu"),
])
def test_a_penalty_question_gets_the_penalty_of_the_act_it_names(testbot, question, topic, facet, fact):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet) and fact in lead(reply)
    assert reply.meta.topic != "luu_tru_xu_phat" or topic == "luu_tru_xu_phat"  # not the best-known penalty


@pytest.mark.parametrize("question, topic, first_word", [
    ("chung minh nhan dan cu bay gio con dung duoc khong", "can_cuoc_vs_cccd", "Không"),
    ("xin lý lịch tư pháp ở chỗ đang tạm trú có được không", "dvc22_ly_lich_tu_phap", "Được"),
    ("chưa đăng ký kết hôn thì có làm giấy khai sinh cho con được không", "dvc09_khai_sinh", "Được"),
    ("ho chieu het han co gia han them duoc ko", "dvc12_ho_chieu", "Không"),
])
def test_a_yes_no_question_is_answered_yes_or_no_first(testbot, question, topic, first_word):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic and reply.meta.facet is not None
    assert re.match(rf"{first_word}\b", lead(reply)), lead(reply)


def test_both_residence_fees_asked_at_once_are_both_in_the_direct_answer(testbot):
    text = lead(ask(testbot, "le phi dang ky thuong tru voi tam tru la bao nhieu"))
    assert "20.000" in text and "15.000" in text


def test_a_child_under_six_gives_no_biometrics_and_needs_no_card(testbot):
    reply = ask(testbot, "be 2 tuoi lam the can cuoc co phai lay van tay khong")
    assert (reply.meta.topic, reply.meta.facet) == ("can_cuoc_14_tuoi", "duoi_6")
    assert lead(reply).startswith("Không bắt buộc") and "Không lấy ảnh, vân tay" in lead(reply)


def test_the_id_card_fee_reduction_is_stated_alike_everywhere(kb):
    """Thông tư 64/2025 halves the ID-card fees to 31/12/2026: every answer that cites it and gives an amount says
    so with the same amounts (a reduced 25.000 / 35.000 / 15.000 đồng, never the base rate alone)."""
    texts_citing = [(f"{e.id}.{f.id}", f.answer) for e in kb.entries.values() for f in e.facets
                    if "64/2025" in f.source and "đồng" in f.answer
                    and e.id != "dvc12_ho_chieu"]  # the passport fee (also halved) is checked in test_real_d_ident
    texts_citing += [(e.id, e.answer) for e in kb.entries.values() if "64/2025" in e.source and "25.000" in e.answer]
    assert len(texts_citing) >= 3
    for where, answer in texts_citing:
        assert "31/12/2026" in answer and ("25.000" in answer or "35.000" in answer), where


@pytest.mark.parametrize("question, topic, fact", [
    ("đi đăng ký tạm trú phải mang giấy tờ gì", "dvc04_tam_tru", "hợp đồng thuê"),
    ("khai sinh cho con cần chuẩn bị giấy tờ gì", "dvc09_khai_sinh", "giấy chứng sinh"),
])
def test_a_papers_question_gets_the_papers(testbot, question, topic, fact):
    reply = ask(testbot, question)
    assert (reply.meta.topic, reply.meta.facet) == (topic, "giay_to") and fact in lead(reply)


@pytest.mark.parametrize("topic_words, topic", [
    ("xin phieu ly lich tu phap", "dvc22_ly_lich_tu_phap"),
    ("Đăng ký thường trú", "dvc03_thuong_tru"),
    ("dang ky tam tru", "dvc04_tam_tru"),
    ("làm hộ chiếu", "dvc12_ho_chieu"),
    ("dang ky khai sinh", "dvc09_khai_sinh"),
    ("đăng ký kết hôn", "dvc11_ket_hon"),
    ("cấp đổi thẻ căn cước", "dvc02_the_can_cuoc"),
    ("khai báo tạm trú cho người nước ngoài", "luu_tru_nguoi_nuoc_ngoai"),
])
def test_a_bare_topic_gets_the_how_to_not_a_sub_question(testbot, kb, topic_words, topic):
    """A sub-question whose examples repeat the topic's own name would capture the bare topic."""
    reply = ask(testbot, topic_words)
    assert reply.meta.topic == topic and reply.meta.facet is None
    assert reply.text.startswith(kb.entries[topic].answer.strip()[:60])


@pytest.mark.parametrize("question", [
    "đánh mất giấy khai sinh thì xin cấp lại chỗ nào", "giấy khai sinh của con bị thất lạc, làm lại ở đâu",
])
def test_a_lost_birth_certificate_gets_the_register_copy_not_the_birth_registration(testbot, question):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == "dvc09_khai_sinh" and reply.meta.facet == "mat_giay"
    assert "bản sao trích lục" in reply.text.split("\n\n")[0]


def test_where_to_register_a_birth_still_gets_the_registration_place(testbot):
    reply = testbot.say("sinh con xong thì đăng ký khai sinh ở chỗ nào")[0]
    assert reply.meta.topic == "dvc09_khai_sinh" and reply.meta.facet == "place"
