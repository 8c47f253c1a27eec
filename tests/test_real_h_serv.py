"""The other essential services answered on the facts asked (helper `serv5`, set H-serv): a vehicle bought in another
province (no hand-carried original file), an inherited vehicle, a vehicle passed through several owners, the receipt
and the late payment of a camera fine, the birth bundle's processing time, a lost organisation seal, a tax
dependant, quitting a job and the unemployment benefit, a returned online application — and the civil-status
amendments (a wrong or changed birth certificate), which are not one of the 25 services, declined.

Every question here is written for the test (none comes from a benchmark); the assertions check the facts in the
reply, not only the topic.
"""

from __future__ import annotations

import pytest

from tests.replies import ask, assert_states, assert_sub_question_leads, declined


@pytest.mark.parametrize("question, topic, facet, opening, facts", [
    # another province: the old registration is revoked, the buyer registers where he lives
    ("mua lại xe máy cũ biển tỉnh khác thì có phải rút hồ sơ gốc không", "dvc07_bien_so_xe", "khac_tinh",
     "Xe đăng ký ở tỉnh khác", ("thu hồi", "30 ngày", "nơi bạn cư trú")),
    # an inherited vehicle: the inheritance paper first, then the transfer
    ("chồng tôi mất, chiếc xe máy vẫn đứng tên anh ấy thì tôi sang tên thế nào", "dvc07_bien_so_xe", "thua_ke",
     "Xe của người đã mất", ("văn bản thừa kế", "30 ngày")),
    # several owners: the user declares and commits at the police where he lives
    ("xe máy mua lại đã qua tay năm người có sang tên được không", "dvc07_bien_so_xe", "nhieu_doi_chu",
     "Được", ("xe mua lại qua nhiều người", "cam kết", "Công an")),  # a yes first (serv8)
    # paying late adds 0.05 % a day — and «phạt nguội» alone asks about no penalty
    ("phạt nguội mà để chậm nộp thì có bị cộng thêm tiền không", "dvc08_phat_nguoi", "overdue",
     "Quá 10 ngày", ("0,05%",)),
    # the birth bundle is decided within 3 working days
    ("nộp liên thông khai sinh thường trú bhyt cho con bao lâu thì xong", "dvc15_lien_thong_khai_sinh", "time",
     "Không quá 3 ngày làm việc", ("5 ngày làm việc",)),
    # a lost seal: report it, then register the seal again
    ("hội người cao tuổi làm mất con dấu thì phải làm gì", "dvc13_con_dau_moi", "mat_dau", "Mất con dấu",
     ("báo ngay", "đăng ký lại mẫu con dấu")),
    # a dependant's tax code is the personal identification number
    ("đăng ký người phụ thuộc để giảm trừ gia cảnh làm sao", "dvc18_dang_ky_thue", "nguoi_phu_thuoc",
     "Người phụ thuộc dùng số định danh cá nhân", ("01/07/2025",)),
    # quitting lawfully keeps the right; walking out unlawfully loses it
    ("tự xin nghỉ việc thì có được nhận trợ cấp thất nghiệp không", "dvc23_tro_cap_that_nghiep", "tu_nghi",
     "Nghỉ việc đúng luật", ("trái pháp luật",)),
    # a returned online application: read the reason, complete it, send it again
    ("hồ sơ nộp trên cổng dịch vụ công bị trả về thì phải làm gì", "dvc_cong_quoc_gia", "tra_lai",
     "Hồ sơ bị trả lại", ("bổ sung", "1800 1096")),
])
def test_sub_questions_lead_with_the_answer(testbot, question, topic, facet, opening, facts):
    assert_sub_question_leads(testbot.say(question)[0], topic, facet, opening, facts)


def test_paying_a_fine_online_names_the_receipt(testbot):
    # «qua mạng» asks the online sub-question, whose answer names the electronic receipt too
    assert_states(ask(testbot, "đã đóng phạt nguội qua mạng, giờ cần biên lai thì lấy ở đâu"), "dvc08_phat_nguoi",
                  ("biên lai điện tử",))


@pytest.mark.parametrize("question", [
    "giấy khai sinh bị sai ngày sinh của bé thì sửa thế nào",  # cải chính hộ tịch, not a birth registration
    "khai sinh bị sai tên đệm của mẹ có làm lại được không",  # cải chính hộ tịch
    "muốn thay đổi ngày tháng năm sinh cho khớp với hồ sơ đi học",  # thay đổi hộ tịch
])
def test_civil_status_amendments_are_declined(testbot, question):
    reply = declined(testbot, question)
    assert reply.meta.topic is None, reply.text


@pytest.mark.parametrize("question, asked, penalty", [
    ("tra cứu phạt nguội ở đâu", "place", False),  # where, not a penalty
    ("không nộp phạt nguội thì có bị phạt thêm không", "penalty", True),  # «bị phạt» still asks the penalty
    ("chậm nộp tiền phạt nguội thì có sao không", "overdue", False),  # «chậm nộp» asks about paying late
])
def test_the_camera_fine_names_no_penalty(matcher, question, asked, penalty):
    kinds = set(matcher.cues.kinds(matcher.normalizer(question)))
    assert asked in kinds and ("penalty" in kinds) is penalty, kinds
