"""The other essential services answered on the facts asked (helper `serv4`, set G-serv): a lost driving licence, an
expired one and the re-test, how long an old B1 licence lasts, the fine for not registering a bought vehicle, not
reporting a new job while on the unemployment benefit, marrying again, a child of unmarried parents taking the
father's surname, what the second member of a household pays for health insurance — and the neighbouring
questions (marrying in the country one works in, labour law) declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, assert_sub_question_leads, declined


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # a lost licence still valid is re-issued without a test
    ("lỡ đánh mất bằng lái ô tô còn hạn 5 năm thì có phải thi lại không", "dvc20_gplx", "mat_bang", "Được",
     ("không phải thi lại",)),
    # «hết thời hạn» asks what to do once the licence expired, not how long the procedure takes
    ("giấy phép lái xe ô tô đã hết thời hạn 2 tháng thì có phải thi lại không", "dvc20_gplx", "het_han",
     "Bằng ô tô quá hạn", ("lý thuyết",)),
    # an old B1 lasts to the date printed on it (55 / 60 years of age)
    ("bằng b1 cũ cấp năm 2016 thì bao giờ hết hạn", "dvc20_gplx", "thoi_han", "Bằng xe máy",
     ("55 tuổi", "60 tuổi")),
    # not registering a bought vehicle within 30 days is fined (the amount is not stated: not confirmed)
    ("mua lại xe máy của hàng xóm mà không sang tên thì có bị phạt không", "dvc07_bien_so_xe", "phat_sang_ten",
     "Có", ("30 ngày", "168/2024")),
    # a new job ends the benefit; not reporting it means paying back
    ("đang nhận tiền thất nghiệp mà đã đi làm công ty khác, không báo thì có bị phạt không",
     "dvc23_tro_cap_that_nghiep", "khong_bao", "Có", ("nộp lại", "Trung tâm dịch vụ việc làm")),
    # marrying again: the papers that end the earlier marriage
    ("vợ trước mất rồi, giờ tôi đăng ký kết hôn lần hai thì cần chuẩn bị giấy tờ gì", "dvc11_ket_hon", "lan_hai",
     "Như lần đầu", ("bản án", "giấy chứng tử")),
    # «đóng bao nhiêu» asks the fee: the second member pays 70 % of the first
    ("nhà mình 3 người mua bhyt hộ gia đình thì người thứ hai đóng bao nhiêu", "dvc17_bhyt_ho_gia_dinh", "fee",
     "Người thứ nhất đóng", ("70%",)),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


@pytest.mark.parametrize("question, topic, facts", [
    # an unemployment question that opens with «nghỉ việc» is ours, not labour law's
    ("nghỉ việc rồi thì trong bao lâu phải nộp hồ sơ hưởng thất nghiệp", "dvc23_tro_cap_that_nghiep",
     ("3 tháng",)),
    # unmarried parents: the birth is registered, the father's surname needs the recognition of paternity
    ("bố mẹ chưa có giấy đăng ký kết hôn thì con làm khai sinh có được lấy họ bố không", "dvc09_khai_sinh",
     ("nhận cha con", "họ cha")),
])
def test_the_reply_states_the_fact_whether_or_not_a_sub_question_is_picked(testbot, question, topic, facts):
    assert_states(ask(testbot, question), topic, facts)


@pytest.mark.parametrize("question", [
    "đang làm việc bên Nhật muốn đăng ký kết hôn tại Nhật với bạn trai người Nhật thì làm thế nào",  # abroad
    "tôi đang làm việc bên Hàn, muốn đăng ký kết hôn tại Hàn Quốc với bạn trai người Hàn có được không",  # abroad
    "nghỉ việc phải báo trước cho công ty bao nhiêu ngày",  # labour law, said by a longer phrase
])
def test_neighbouring_questions_are_declined(testbot, question):
    reply = declined(testbot, question)
    assert reply.meta.topic is None, reply.text


def test_quitting_a_job_alone_names_no_neighbouring_domain(matcher):
    norm = matcher.normalizer("nghỉ việc bao lâu phải nộp hồ sơ thất nghiệp")
    assert matcher.scope.domain(norm) is None
    assert matcher.scope.domain(matcher.normalizer("tự ý nghỉ việc có bị trừ lương không")) == "labour"


def test_the_licence_class_is_a_key_term_of_the_licence_entry(matcher):
    # «bằng a1 có thời hạn không» is supported by the licence entry's own words, not answered on confidence alone
    assert "bang a1" in matcher.scope.key_terms["dvc20_gplx"]
