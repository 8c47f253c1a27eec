"""Answering the fact asked, and not answering on shared words: the decision rules added for real citizens' wording.

A small knowledge base written for these tests (its answers carry markers such as HẠN-HỘ-CHIẾU so that an assertion
cannot be met by another entry's text): a validity question gets the validity, not the processing time; a penalty
question never gets a deadline that merely shares its words; two sub-questions of one kind named together are both
answered; a fact the entry does not state is said to be unknown beside the one it does; a question naming a
neighbouring domain is never moved onto another entry that shares a phrase; a question naming a second topic offers it
by name;
a person named («người nước ngoài») is no topic; the topic of a short question comes before «khi»; an explicit «còn …»
follow-up that repeats the topic's action stays on the topic.
"""

from __future__ import annotations

import textwrap

import pytest

from bot import texts
from nlu.matcher import Verdict

SOURCE = "    source: Văn bản thử (bài kiểm thử)\n    reviewed: 2026-11-30\n"
ENTRIES = textwrap.dedent("""\
    group: Thủ tục (bài kiểm thử)
    order: 1
    entries:
      - id: dvc03_thuong_tru
        title: Đăng ký thường trú
        answer: THƯỜNG-TRÚ đăng ký trên VNeID hoặc tại Công an xã nơi có chỗ ở.
        examples: [đăng ký thường trú ở đâu, nhập khẩu về nhà mới thế nào, chuyển hộ khẩu sang xã khác,
                   thủ tục đăng ký thường trú, dang ky thuong tru online, nhập hộ khẩu cho vợ]
    SOURCE
      - id: dvc04_tam_tru
        title: Đăng ký tạm trú
        answer: TẠM-TRÚ đăng ký khi ở từ 30 ngày trở lên ngoài nơi thường trú.
        examples: [đăng ký tạm trú ở đâu, sinh viên thuê trọ có phải đăng ký tạm trú không, dang ky tam tru,
                   thủ tục tạm trú cho người thuê nhà, làm tạm trú thế nào, khai tạm trú khi đi làm xa]
    SOURCE
      - id: le_phi_cu_tru
        title: Lệ phí đăng ký thường trú, tạm trú
        answer: LỆ-PHÍ-CƯ-TRÚ theo Thông tư của Bộ Tài chính.
        examples: [lệ phí đăng ký cư trú, đăng ký cư trú mất bao nhiêu tiền, phí làm hộ khẩu, lệ phí cư trú online]
    SOURCE
        facets:
          - id: permanent
            kind: fee
            answer: PHÍ-THƯỜNG-TRÚ 20.000 đồng, online 10.000 đồng.
            examples: [đăng ký thường trú tốn bao nhiêu, phí nhập khẩu online, lệ phí thường trú nộp qua mạng]
            source: Thông tư lệ phí (bài kiểm thử)
          - id: temporary
            kind: fee
            answer: PHÍ-TẠM-TRÚ 15.000 đồng, online 7.000 đồng.
            examples: [đăng ký tạm trú phí bao nhiêu, lệ phí tạm trú nộp trực tuyến, tạm trú online hết mấy nghìn]
            source: Thông tư lệ phí (bài kiểm thử)
      - id: dvc05_tam_vang
        title: Khai báo tạm vắng
        answer: TẠM-VẮNG khai báo khi đi khỏi xã lâu ngày, trên VNeID.
        examples: [khai báo tạm vắng thế nào, đi làm xa có phải khai tạm vắng không, khai bao tam vang online,
                   thủ tục tạm vắng, tạm vắng là gì, khai tạm vắng ở đâu]
    SOURCE
      - id: dvc12_ho_chieu
        title: Cấp hộ chiếu phổ thông
        answer: HỘ-CHIẾU nộp online trên VNeID.
        examples: [làm hộ chiếu online, làm passport ở đâu, thủ tục hộ chiếu phổ thông, cấp hộ chiếu lần đầu,
                   xin hộ chiếu đi du lịch]
    SOURCE
        facets:
          - id: time
            kind: time
            answer: XỬ-LÝ-HỘ-CHIẾU trong 8 ngày làm việc.
            examples: [làm hộ chiếu mất mấy ngày, nộp hộ chiếu online bao lâu nhận được, passport chờ bao lâu]
            source: Luật Xuất cảnh (bài kiểm thử)
          - id: validity
            kind: eligibility
            answer: HẠN-HỘ-CHIẾU 10 năm từ đủ 14 tuổi, 5 năm dưới 14 tuổi.
            examples: [hộ chiếu có thời hạn mấy năm, passport dùng được bao lâu, hộ chiếu có giá trị bao nhiêu năm]
            source: Luật Xuất cảnh (bài kiểm thử)
      - id: luu_tru_nguoi_nuoc_ngoai
        title: Khai báo tạm trú cho khách người nước ngoài
        answer: |
          KHÁCH-NƯỚC-NGOÀI được khai báo qua trang của Công an tỉnh.
          Không khai báo có thể bị phạt theo quy định về xuất nhập cảnh.
        examples: [khách nước ngoài ở nhà tôi khai báo thế nào, người nước ngoài thuê nhà khai báo tạm trú ở đâu,
                   khai bao tam tru cho nguoi nuoc ngoai, homestay có khách tây khai báo sao]
    SOURCE
        facets:
          - id: deadline
            kind: time
            answer: HẠN-KHAI-BÁO trong 12 giờ kể từ khi khách đến.
            examples: [khai báo khách nước ngoài trong mấy tiếng, hạn khai báo tạm trú cho người nước ngoài,
                       khách tây đến nhà báo công an trong bao lâu]
            source: Luật Xuất nhập cảnh (bài kiểm thử)
      - id: dvc22_ly_lich_tu_phap
        title: Cấp phiếu lý lịch tư pháp
        answer: LÝ-LỊCH nộp trên VNeID.
        examples: [làm lý lịch tư pháp ở đâu, xin phiếu lý lịch tư pháp online, lý lịch tư pháp số 1,
                   cấp lý lịch tư pháp trên vneid, lltp làm thế nào]
    SOURCE
        facets:
          - id: time
            kind: time
            answer: LÝ-LỊCH-10-NGÀY kể từ ngày nhận đủ hồ sơ.
            examples: [lý lịch tư pháp bao lâu có, làm lý lịch tư pháp mất mấy ngày, lltp chờ bao lâu]
            source: Luật Lý lịch tư pháp (bài kiểm thử)
      - id: dvc25_doi_chu_hop_dong_dien
        title: Thay đổi chủ thể hợp đồng mua bán điện
        answer: HỢP-ĐỒNG-ĐIỆN đổi tên trên Cổng dịch vụ công.
        examples: [chuyển tên hợp đồng điện, sang tên công tơ điện khi mua nhà, đổi chủ hợp đồng mua điện,
                   chuyen ten hop dong dien online, đổi tên người đứng hợp đồng điện]
    SOURCE
        facets:
          - id: fee
            kind: fee
            answer: ĐỔI-CHỦ-ĐIỆN không mất phí.
            examples: [chuyển tên hợp đồng điện có mất phí không, đổi chủ hợp đồng điện bao nhiêu tiền,
                       sang tên công tơ tốn tiền không]
            source: EVN (bài kiểm thử)
      - id: dvc09_khai_sinh
        title: Đăng ký khai sinh
        answer: KHAI-SINH trên VNeID hoặc tại UBND xã.
        examples: [đăng ký khai sinh cho con, làm giấy khai sinh ở đâu, khai sinh online, dang ky khai sinh,
                   khai sinh cho bé mới sinh]
    SOURCE
      - id: dvc11_ket_hon
        title: Đăng ký kết hôn
        answer: KẾT-HÔN tại UBND xã nơi cư trú của một bên.
        examples: [đăng ký kết hôn ở đâu, thủ tục đăng ký kết hôn, dang ky ket hon online, kết hôn cần giấy tờ gì,
                   hai người cùng đi đăng ký kết hôn]
    SOURCE
    """).replace("SOURCE\n", SOURCE)


@pytest.fixture(scope="module")
def grain(own_knowledge):
    return own_knowledge("question-grain", {"thu_tuc.yaml": ENTRIES})


@pytest.fixture
def bot(grain, store, clock):
    return grain.testbot(store, clock)


def test_a_validity_question_gets_the_validity_not_the_processing_time(bot):
    reply = bot.say("hộ chiếu có thời hạn bao lâu")[0]
    assert reply.meta.topic == "dvc12_ho_chieu" and reply.meta.facet == "validity"
    assert reply.text.startswith("HẠN-HỘ-CHIẾU") and "XỬ-LÝ-HỘ-CHIẾU" not in reply.text


def test_a_penalty_question_never_gets_a_deadline_that_only_shares_its_words(bot):
    reply = bot.say("quá hạn khai báo tạm trú cho người nước ngoài bị phạt thế nào")[0]
    assert reply.meta.topic == "luu_tru_nguoi_nuoc_ngoai" and reply.meta.facet is None
    assert "Không khai báo có thể bị phạt" in reply.text and "HẠN-KHAI-BÁO" not in reply.text


def test_two_sub_questions_of_one_kind_named_together_are_both_answered(bot):
    lead = bot.say("lệ phí đăng ký thường trú và tạm trú")[0].text.split("\n\n")[0]
    assert "PHÍ-THƯỜNG-TRÚ" in lead and "PHÍ-TẠM-TRÚ" in lead
    assert "PHÍ-THƯỜNG-TRÚ" not in bot.say("lệ phí tạm trú bao nhiêu")[0].text  # one named: one answered


def test_a_fact_the_entry_does_not_state_is_said_to_be_unknown_beside_the_one_it_does(bot):
    reply = bot.say("làm lý lịch tư pháp mất bao lâu? lệ phí bao nhiêu?")[0]
    lead = reply.text.split("\n\n")[0]
    assert lead.startswith("LÝ-LỊCH-10-NGÀY") and texts.NOT_STATED.format(what="lệ phí") in lead
    assert reply.meta.fallback is False


def test_a_question_naming_a_neighbouring_domain_is_not_moved_onto_a_shared_phrase(bot):
    reply = bot.say("năm nay chuyển tên sổ đỏ hết bao nhiêu tiền")[0]
    assert reply.meta.fallback is True and "ĐỔI-CHỦ-ĐIỆN" not in reply.text
    assert reply.text == texts.OUT_OF_SCOPE.format(where=texts.OUT_OF_SCOPE_WHERE["land"])
    assert bot.say("chuyển tên hợp đồng điện có mất phí không")[0].text.startswith("ĐỔI-CHỦ-ĐIỆN")  # ours still


def test_a_second_topic_named_is_offered_by_name(bot):
    reply = bot.say("cách đăng ký thường trú, tạm trú online tại nhà")[0]
    assert reply.meta.topic == "dvc03_thuong_tru"
    assert texts.ALSO_ASKED.format(title="Đăng ký tạm trú") in reply.text
    assert reply.buttons[0].payload == "t:dvc04_tam_tru"
    assert texts.ALSO_ASKED.split("«")[0] not in bot.say("đăng ký thường trú ở đâu")[0].text


def test_a_person_named_is_no_topic(grain):
    result = grain.matcher.match("giấy phép cho người nước ngoài thuê")
    assert result.verdict != Verdict.ANSWER and not result.support


def test_a_short_questions_topic_comes_before_khi(grain):
    assert grain.matcher.match("đăng ký khai sinh cho con khi chưa đăng ký kết hôn").topic == "dvc09_khai_sinh"
    assert grain.matcher.match("đăng ký kết hôn khi chưa có giấy khai sinh").topic == "dvc11_ket_hon"


def test_an_explicit_follow_up_repeating_the_topics_action_stays_on_the_topic(bot):
    bot.say("khai báo tạm vắng thế nào")
    reply = bot.say("còn đi xuất khẩu lao động 2 năm thì có phải khai không")[0]
    assert reply.meta.topic == "dvc05_tam_vang" and reply.meta.fallback is False
    bot.say("khai báo tạm vắng thế nào")
    assert bot.say("còn hợp đồng lao động thời vụ thì ký thế nào")[0].meta.fallback is True  # leaves scope



def test_after_the_unsure_reply_words_naming_an_offered_topic_pick_it(bot):
    unsure = bot.say("giấy phép cho người nước ngoài thuê")[0]
    assert unsure.meta.fallback is True and "t:luu_tru_nguoi_nuoc_ngoai" in [b.payload for b in unsure.buttons]
    picked = bot.say("cái khai báo tạm trú ấy")[0]
    assert picked.meta.topic == "luu_tru_nguoi_nuoc_ngoai" and picked.text.startswith("KHÁCH-NƯỚC-NGOÀI")
    bot.say("giấy phép cho người nước ngoài thuê")
    assert bot.say("xổ số miền bắc hôm nay")[0].meta.fallback is True  # words naming none: not forced onto one
