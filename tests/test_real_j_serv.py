"""The other essential services answered on the facts asked (helper `serv8`, set J-serv): the 12 points of a driving
licence and how they come back, exchanging an old-class licence (A1, A2, B1, B2) for the classes of the 2024 law
without a test, who must bring the driver's health certificate, passports after the 2025
mergers, a second-hand vehicle whose owner cannot be found — and a person's address, which is not «where».

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import assert_sub_question_leads, last_reply, lead


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # Luật TTATGTĐB 2024 Điều 58: all points lost -> a knowledge test after at least 6 months
    ("bằng lái ô tô của tôi bị trừ sạch điểm rồi thì chờ bao lâu mới được kiểm tra lấy lại điểm", "dvc20_gplx",
     "diem", "Mỗi bằng lái có 12 điểm", ("6 tháng", "kiểm tra kiến thức pháp luật", "12 tháng")),
    # Điều 89 khoản 1 and 3: old classes stay valid; exchanged without a test
    ("tôi có bằng B2 cấp năm 2019, theo luật mới có phải thi lại để đổi sang hạng mới không", "dvc20_gplx",
     "doi_hang", "Không phải thi lại", ("B hoặc C1", "01/01/2025")),
    # Thông tư 12/2025/TT-BCA Điều 21 khoản 2: health certificate, except A1, A, B1
    ("ai phải nộp giấy khám sức khỏe khi xin đổi giấy phép lái xe", "dvc20_gplx", "kham_suc_khoe", "Người đổi",
     ("A1", "giấy khám sức khỏe", "ô tô")),
    # Nghị quyết 190/2025/QH15 Điều 10: papers issued before the mergers keep their value
    ("tỉnh tôi vừa sáp nhập với tỉnh bên cạnh, hộ chiếu còn hạn có phải làm lại không", "dvc12_ho_chieu",
     "sap_nhap", "Không", ("còn hạn vẫn dùng",)),
    # a vehicle sold on through several people: the present user declares its origin and commits
    ("xe máy mua lại qua mấy người, không có giấy mua bán, người đứng tên thì mất liên lạc, có làm chính chủ "
     "được không", "dvc07_bien_so_xe", "nhieu_doi_chu", "Được", ("kê khai nguồn gốc", "cam kết")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_a_persons_address_is_not_where_to_file(matcher):
    """«không nhớ địa chỉ của người bán»: whose address, not where the procedure is done."""
    assert "place" not in matcher.cues.kinds(matcher.normalizer("tôi không nhớ địa chỉ của người bán xe cho tôi"))
    assert "place" in matcher.cues.kinds(matcher.normalizer("sang tên xe máy nộp hồ sơ ở đâu"))


def test_the_points_do_not_take_the_renewals_processing_time(testbot):
    """After the licence entry, «mất mấy ngày» is the renewal's processing time, not the points' 6 months."""
    reply = last_reply(testbot, "đổi bằng lái ô tô sắp hết hạn", "mất mấy ngày thì có bằng mới")
    assert reply.meta.topic == "dvc20_gplx" and reply.meta.facet == "time", (reply.meta.topic, reply.meta.facet)
    assert "5 ngày làm việc" in lead(reply) and "12 điểm" not in lead(reply)
