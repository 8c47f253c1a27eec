"""The scope border after set J's half A (branch `scope8`, 2026-12-02).

Declined, with the referral of the neighbouring domain:
- people with merit (a resistance veteran's benefits), e-commerce websites notified to the Ministry of Industry and
  Trade, a school's conduct record, a school-leaving diploma named short («bằng cấp 3»), a sick child's hospital,
  getting a lost SIM's number back;
- a letter's sentences are read on their own: a sentence before the one with «nếu» / «khi» is not its head;
- «muốn ly hôn nhưng …»: the divorce is what the person wants, not the situation.
Kept, with the fact:
- «chưa ly hôn», «chưa được cấp sổ hồng» before the domain's phrase are the person's state;
- «bổ sung» is not the gun of the weapons domain (folded, «súng» is «sung»);
- a veteran's funeral allowance filed with the death registration is still the death bundle's.
Not done: «the same thing named twice is one» (rule 7 counting «… mai táng phí … cấp mai táng phí» once) declined set
J's veteran letter but cost an in-scope answer on a held-out half, so it was dropped.
The questions are written for this test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from bot import texts
from tests.replies import ask, assert_fact_leads, declined, last_reply


@pytest.mark.parametrize("question, domain", [
    # people with merit: the late allowance of a resistance veteran is the merit office's, not the death bundle
    ("ông tôi là người hoạt động kháng chiến mất năm 2005 mà đến giờ gia đình vẫn chưa nhận được mai táng phí thì "
     "làm sao", "merit"),
    ("bà ngoại bị nhiễm chất độc da cam thì được hưởng những chế độ gì", "merit"),
    # e-commerce websites are notified on the Ministry of Industry and Trade's portal
    ("mở shop có website riêng thì phải thông báo website ở đâu", "ecommerce"),
    # schools: a pupil's conduct record, a diploma named short
    ("xin giấy xác nhận hạnh kiểm cho cháu học lớp 9 ở đâu", "education"),
    ("mất bằng cấp 3 thì xin cấp lại ở đâu", "education"),
    # health: a sick child's care
    ("con tôi sốt cao mấy hôm nay nên đưa vào viện nhi nào", "health"),
    # telecom: the carrier gives a lost SIM's number back
    ("đánh rơi điện thoại mất luôn sim thì lấy lại số điện thoại cũ thế nào", "telecom"),
    # a letter: the sentence before «Nếu …» is not the head that would make maternity benefit the situation
    ("Tôi đang làm công nhân ở khu công nghiệp. Nếu tôi nghỉ việc giữa chừng thì khi sinh con có được hưởng chế độ "
     "thai sản không?", "insurance"),
    # «muốn ly hôn nhưng …»: the divorce is wanted, the question is the court's
    ("chồng muốn ly hôn nhưng tôi không đồng ý thì phải làm sao", "court"),
])
def test_a_neighbouring_domain_is_declined(testbot, question, domain):
    assert texts.OUT_OF_SCOPE_WHERE[domain] in declined(testbot, question).text


def test_not_yet_divorced_is_the_marriage_question(testbot):
    """«chưa ly hôn» opens the question as the person's state: the marriage registration answers no."""
    reply = ask(testbot, "chua ly hon vo cu thi dang ky ket hon moi duoc ko")
    assert_fact_leads(reply, "dvc11_ket_hon", "dang_co_vo_chong", ("Không", "đang có vợ hoặc chồng"))


def test_a_house_without_its_title_yet_is_the_residence_question(testbot):
    reply = ask(testbot, "nhà chưa được cấp sổ hồng thì có đăng ký thường trú được không")
    assert reply.meta.topic == "dvc03_thuong_tru"
    assert "vẫn đăng ký thường trú được" in reply.text


@pytest.mark.parametrize("question, topic, fact", [
    ("bổ sung hồ sơ thường trú online ở đâu", "dvc03_thuong_tru", "Công an xã, phường"),
    ("cần bổ sung giấy tờ gì khi làm căn cước cho con", "can_cuoc_14_tuoi", "Không cần mang giấy tờ"),
])
def test_adding_papers_is_not_a_gun(testbot, question, topic, fact):
    reply = ask(testbot, question)
    assert reply.meta.topic == topic and fact in reply.text, (reply.meta.topic, reply.text)


def test_a_veterans_funeral_allowance_in_the_death_bundle_stays_ours(testbot):
    reply = ask(testbot, "bố tôi là thương binh mới mất thì làm khai tử và nhận mai táng phí online thế nào")
    assert reply.meta.topic == "dvc16_lien_thong_khai_tu"
    assert "nộp một lần trên VNeID" in reply.text


def test_a_sick_child_after_the_health_card_is_declined(testbot):
    reply = last_reply(testbot, "làm thẻ bảo hiểm y tế cho con dưới 6 tuổi thế nào",
                       "chau nha minh sot cao tu sang thi dua vao vien nhi nao kham")
    assert reply.meta.fallback is True and texts.OUT_OF_SCOPE_WHERE["health"] in reply.text
