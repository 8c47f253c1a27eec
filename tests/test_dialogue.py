"""Citizen conversations in context, on a small knowledge base with sub-questions written for these tests.

Follow-ups read against the last topic (and its expiry), topic switches, follow-ups that leave scope, clarifying
questions answered by number, button and words, the three kinds of "no", direct answers from sub-questions, a
penalty routed to the act asked about, a yes/no answered yes or no, numbered menus, and the same conversation
through the fake Telegram server and the web chat.
"""

from __future__ import annotations

import asyncio
import textwrap

import httpx
import pytest

from bot import texts
from bot.channels.telegram import TelegramChannel, build_bot
from bot.channels.web import WebChannel
from bot.config import Web
from bot.core import Core
from bot.http import web_app
from tests.fakes.telegram_server import FakeBotApi
from tests.test_telegram import until

TOPICS = textwrap.dedent("""\
    group: Cư trú (bài kiểm thử)
    order: 1
    entries:
      - id: dvc04_tam_tru
        title: Đăng ký tạm trú
        answer: |
          Bạn đăng ký tạm trú khi đến ở từ 30 ngày trở lên ngoài nơi thường trú.
          1. Mở VNeID, chọn Thủ tục hành chính, Đăng ký tạm trú.
          2. Khai thông tin và gửi hồ sơ.
          Lệ phí tạm trú do HĐND tỉnh quy định.
        examples: [đăng ký tạm trú online, làm tạm trú thế nào, thủ tục đăng ký tạm trú cho người thuê trọ,
                   dang ky tam tru tren vneid, sinh viên thuê trọ có phải đăng ký tạm trú không,
                   đăng ký tạm trú ở đâu, hướng dẫn khai tạm trú khi đi làm xa]
        related: [dvc05_tam_vang, luu_tru_xu_phat]
        source: Luật Cư trú (bài kiểm thử)
        reviewed: 2026-11-30
        facets:
          - id: fee
            kind: fee
            answer: LỆ-PHÍ-TẠM-TRÚ do HĐND tỉnh quy định, nộp trực tuyến khi gửi hồ sơ.
            examples: [đăng ký tạm trú mất phí không, lệ phí tạm trú bao nhiêu, làm tạm trú tốn tiền không]
            source: Thông tư lệ phí (bài kiểm thử)
          - id: time
            kind: time
            answer: THỜI-HẠN-TẠM-TRÚ là 3 ngày làm việc.
            examples: [đăng ký tạm trú bao lâu có, tạm trú mấy ngày thì xong, bao lâu thì được tạm trú]
            source: Luật Cư trú, Điều 27 (bài kiểm thử)
      - id: dvc05_tam_vang
        title: Khai báo tạm vắng
        answer: |
          Bạn khai báo tạm vắng khi đi khỏi xã từ 1 tháng trở lên (trường hợp luật quy định).
          1. Mở VNeID, chọn Khai báo tạm vắng.
          2. Khai nơi đến, thời gian vắng mặt rồi gửi.
        examples: [khai báo tạm vắng thế nào, đi làm xa có phải khai tạm vắng không, khai bao tam vang online,
                   thủ tục tạm vắng, đi xuất khẩu lao động khai báo tạm vắng ở đâu, tạm vắng là gì]
        related: [dvc04_tam_tru, luu_tru_xu_phat]
        source: Luật Cư trú (bài kiểm thử)
        reviewed: 2026-11-30
        facets:
          - id: penalty
            kind: penalty
            answer: PHẠT-TẠM-VẮNG theo Nghị định xử phạt về cư trú (bài kiểm thử).
            examples: [không khai báo tạm vắng có bị phạt không, quên khai tạm vắng phạt bao nhiêu,
                       mức phạt không khai tạm vắng]
            source: Nghị định xử phạt (bài kiểm thử)
      - id: luu_tru_xu_phat
        title: Mức phạt khi không thông báo lưu trú
        answer: PHẠT-LƯU-TRÚ theo Nghị định xử phạt về cư trú (bài kiểm thử).
        examples: [không báo lưu trú bị phạt bao nhiêu, khách ở qua đêm không khai báo có bị phạt không,
                   mức phạt lưu trú, phạt không thông báo lưu trú, xử phạt lưu trú nhà nghỉ, bị phạt vì không báo
                   khách ở lại]
        related: [dvc04_tam_tru]
        source: Nghị định xử phạt (bài kiểm thử)
        reviewed: 2026-11-30
      - id: luu_tru_nguoi_nuoc_ngoai
        title: Khai báo tạm trú cho người nước ngoài
        answer: KHAI-BÁO-NGƯỜI-NƯỚC-NGOÀI qua trang khai báo tạm trú của Cục Quản lý xuất nhập cảnh.
        examples: [khách nước ngoài ở nhà tôi khai báo tạm trú thế nào, người nước ngoài thuê nhà khai báo ở đâu,
                   khai bao tam tru cho nguoi nuoc ngoai, homestay có khách tây khai báo sao,
                   người nước ngoài ở khách sạn ai khai báo]
        related: [dvc04_tam_tru]
        source: Luật Xuất nhập cảnh (bài kiểm thử)
        reviewed: 2026-11-30
    """)
VNEID = textwrap.dedent("""\
    group: VNeID và giấy tờ (bài kiểm thử)
    order: 2
    entries:
      - id: vneid_muc2
        title: Đăng ký định danh điện tử mức 2 tại Công an
        answer: |
          Bạn mang thẻ căn cước đến Công an xã, phường để đăng ký tài khoản mức 2.
          1. Cán bộ chụp ảnh, lấy vân tay.
          2. Bạn kích hoạt tài khoản trên ứng dụng VNeID.
        examples: [đăng ký định danh mức 2 ở đâu, làm vneid mức 2 thế nào, lên mức 2 vneid, tk định danh mđ2,
                   thủ tục định danh điện tử mức 2, muốn có tài khoản mức 2 phải làm gì]
        related: [vneid_tre_em, vneid_nguoi_nuoc_ngoai]
        source: Nghị định 69/2024/NĐ-CP (bài kiểm thử)
        reviewed: 2026-11-30
        facets:
          - id: bring_card
            kind: yesno
            answer: Có. MANG-THẺ, bạn mang thẻ căn cước gắn chip còn hạn khi đến Công an.
            examples: [làm mức 2 có cần mang thẻ căn cước không, đăng ký mức 2 có phải mang cccd không,
                       lên mức 2 có cần thẻ căn cước không]
            source: Nghị định 69/2024/NĐ-CP, Điều 14 (bài kiểm thử)
      - id: vneid_tre_em
        title: Định danh điện tử cho trẻ em dưới 14 tuổi
        answer: TRẺ-EM đăng ký qua tài khoản mức 2 của cha hoặc mẹ.
        examples: [đăng ký định danh cho con dưới 14 tuổi, tài khoản vneid cho trẻ em, con tôi 10 tuổi làm vneid
                   được không, định danh cho bé, làm mức 2 cho con nhỏ]
        related: [vneid_muc2]
        source: Nghị định 69/2024/NĐ-CP (bài kiểm thử)
        reviewed: 2026-11-30
      - id: vneid_nguoi_nuoc_ngoai
        title: Người nước ngoài đăng ký tài khoản định danh điện tử
        answer: NGƯỜI-NƯỚC-NGOÀI-VNEID đăng ký tại cơ quan quản lý xuất nhập cảnh.
        examples: [người nước ngoài có làm được vneid không, chồng tôi người hàn làm tài khoản định danh,
                   định danh điện tử cho người nước ngoài, foreigner vneid, người nước ngoài đăng ký mức 2 ở đâu]
        related: [vneid_muc2]
        source: Nghị định 69/2024/NĐ-CP (bài kiểm thử)
        reviewed: 2026-11-30
      - id: dvc02_the_can_cuoc
        title: Cấp đổi, cấp lại thẻ căn cước
        answer: CẤP-LẠI-CĂN-CƯỚC trên VNeID hoặc tại Công an xã.
        examples: [mất thẻ căn cước làm lại thế nào, cấp lại cccd bị mất, đổi thẻ căn cước khi đủ 25 tuổi,
                   làm lại căn cước online, thẻ căn cước bị hỏng đổi ở đâu]
        related: [vneid_muc2]
        source: Luật Căn cước (bài kiểm thử)
        reviewed: 2026-11-30
      - id: dvc12_ho_chieu
        title: Cấp, cấp lại hộ chiếu phổ thông
        answer: HỘ-CHIẾU làm trực tuyến trên Cổng dịch vụ công Bộ Công an.
        examples: [làm hộ chiếu online, cấp lại hộ chiếu bị mất, hộ chiếu hết hạn gia hạn thế nào,
                   làm passport ở đâu, thủ tục hộ chiếu phổ thông]
        related: [dvc02_the_can_cuoc]
        source: Luật Xuất nhập cảnh (bài kiểm thử)
        reviewed: 2026-11-30
      - id: vneid_mat_dien_thoai
        title: Mất điện thoại có VNeID, khóa tài khoản
        answer: MẤT-ĐIỆN-THOẠI thì gọi 1900 0368 để khóa tài khoản VNeID.
        examples: [mất điện thoại có vneid phải làm sao, bị trộm điện thoại khóa tài khoản định danh,
                   rơi mất máy có app vneid, khóa tài khoản vneid khi mất máy, đánh rơi điện thoại vneid]
        related: [vneid_muc2]
        source: Bộ Công an (bài kiểm thử)
        reviewed: 2026-11-30
    """)


@pytest.fixture(scope="module")
def small(own_knowledge):
    return own_knowledge("dialogue", {"cu_tru.yaml": TOPICS, "vneid.yaml": VNEID})


@pytest.fixture
def bot(small, store, clock):
    return small.testbot(store, clock)


def payloads(reply) -> list[str]:
    return [b.payload for b in reply.buttons]


def test_fee_follow_up_gets_the_fee_of_the_topic_just_discussed(bot, small):
    assert bot.say("đăng ký tạm trú online cho người thuê trọ")[0].meta.topic == "dvc04_tam_tru"
    reply = bot.say("mất phí không?")[0]
    assert reply.text.startswith("LỆ-PHÍ-TẠM-TRÚ")  # the direct answer leads
    assert reply.meta.topic == "dvc04_tam_tru" and reply.meta.facet == "fee" and reply.meta.fallback is False
    assert "Đăng ký tạm trú" in reply.text and "Nguồn: Thông tư lệ phí (bài kiểm thử)" in reply.text
    assert payloads(reply)[0] == "t:dvc04_tam_tru"  # «Xem hướng dẫn đầy đủ»
    assert reply.buttons[0].label == texts.FULL_GUIDE_BUTTON
    full = bot.press("t:dvc04_tam_tru")[0]
    assert full.text.startswith(small.kb.entries["dvc04_tam_tru"].answer[:40])


def test_time_follow_up_then_another_fact_of_the_same_topic(bot):
    bot.say("làm tạm trú thế nào")
    assert bot.say("bao lâu")[0].text.startswith("THỜI-HẠN-TẠM-TRÚ")
    assert bot.say("hết bao nhiêu tiền")[0].text.startswith("LỆ-PHÍ-TẠM-TRÚ")  # the topic stays


@pytest.mark.parametrize("first, follow_up, topic", [
    ("đăng ký định danh mức 2 ở đâu", "còn cho con tôi thì sao", "vneid_tre_em"),
    ("đăng ký định danh mức 2 ở đâu", "người nước ngoài thì sao", "vneid_nguoi_nuoc_ngoai"),
    ("đăng ký tạm trú online", "thế còn người nước ngoài thì sao", "luu_tru_nguoi_nuoc_ngoai"),
])
def test_variant_follow_up_goes_to_the_entry_for_that_person(bot, first, follow_up, topic):
    bot.say(first)
    reply = bot.say(follow_up)[0]
    assert reply.meta.topic == topic and reply.meta.fallback is False


def test_a_follow_up_without_a_topic_before_is_not_guessed(bot):
    reply = bot.say("mất phí không?")[0]
    assert reply.meta.fallback is True and not reply.text.startswith("LỆ-PHÍ")


def test_context_expires(bot, clock):
    bot.say("đăng ký tạm trú online")
    clock.advance(minutes=31)
    reply = bot.say("mất phí không?")[0]
    assert reply.meta.fallback is True and "LỆ-PHÍ-TẠM-TRÚ" not in reply.text


def test_context_still_holds_within_the_configured_minutes(bot, clock):
    bot.say("đăng ký tạm trú online")
    clock.advance(minutes=29)
    assert bot.say("mất phí không?")[0].meta.facet == "fee"


def test_a_complete_question_switches_topic(bot):
    bot.say("đăng ký tạm trú online")
    reply = bot.say("đi làm xa có phải khai báo tạm vắng không")[0]
    assert reply.meta.topic == "dvc05_tam_vang"
    assert bot.say("mức phạt bao nhiêu")[0].text.startswith("PHẠT-TẠM-VẮNG")  # the new topic holds


def test_a_follow_up_that_leaves_scope_is_declined(bot):
    bot.say("đăng ký tạm trú cho người thuê trọ")
    reply = bot.say("còn mua bán nhà đất thì công chứng ở đâu")[0]
    assert reply.meta.fallback is True and reply.meta.topic is None
    assert reply.text == texts.OUT_OF_SCOPE.format(where=texts.OUT_OF_SCOPE_WHERE["land"])


def test_a_penalty_question_goes_to_the_penalty_of_the_act_asked_about(bot):
    reply = bot.say("không khai báo tạm vắng thì bị phạt bao nhiêu tiền")[0]
    assert reply.meta.topic == "dvc05_tam_vang" and reply.meta.facet == "penalty"
    assert reply.text.startswith("PHẠT-TẠM-VẮNG")
    assert bot.say("khách ở qua đêm không báo lưu trú bị phạt không")[0].text.startswith("PHẠT-LƯU-TRÚ")


def test_two_facts_asked_at_once_get_both_direct_answers(bot):
    reply = bot.say("đăng ký tạm trú mất bao lâu, lệ phí bao nhiêu")[0]
    lead = reply.text.split("\n\n")[0]
    assert "THỜI-HẠN-TẠM-TRÚ" in lead and "LỆ-PHÍ-TẠM-TRÚ" in lead and reply.meta.facet in ("fee", "time")


def test_a_sub_question_whose_kind_is_not_asked_is_not_given(bot, small):
    reply = bot.say("khai báo tạm vắng thế nào")[0]  # asks how, not the penalty
    assert reply.meta.facet is None and reply.text.startswith(small.kb.entries["dvc05_tam_vang"].answer[:30])


def test_a_yes_no_question_is_answered_yes_or_no(bot):
    reply = bot.say("làm mức 2 có cần mang thẻ căn cước theo không")[0]
    assert reply.meta.facet == "bring_card" and reply.text.startswith("Có.")
    assert payloads(reply)[0] == "t:vneid_muc2"


@pytest.mark.parametrize("vague", ["mất giấy rồi", "mat giay roi", "cấp lại", "hỏi về thủ tục"])
def test_vague_message_gets_one_short_question_with_choices(bot, vague):
    reply = bot.say(vague)[0]
    assert reply.meta.fallback is True
    assert reply.text in texts.CLARIFY.values()
    assert 2 <= len(reply.buttons) <= 5 and all(p.startswith("t:") for p in payloads(reply))


def test_clarification_answered_by_number(bot):
    choices = payloads(bot.say("mất giấy rồi")[0])
    reply = bot.say("2")[0]
    assert reply.meta.topic == choices[1][2:]


def test_clarification_answered_by_button(bot):
    bot.say("mất giấy rồi")
    assert bot.press("t:dvc12_ho_chieu")[0].meta.topic == "dvc12_ho_chieu"


@pytest.mark.parametrize("words, topic", [("hộ chiếu", "dvc12_ho_chieu"), ("cái điện thoại", "vneid_mat_dien_thoai"),
                                          ("thẻ căn cước", "dvc02_the_can_cuoc")])
def test_clarification_answered_by_words(bot, words, topic):
    bot.say("mất giấy rồi")
    reply = bot.say(words)[0]
    assert reply.meta.topic == topic and reply.meta.fallback is False


def test_clarification_is_asked_once(bot):
    bot.say("mất giấy rồi")
    bot.say("hộ chiếu")
    assert bot.say("làm ở đâu")[0].meta.topic == "dvc12_ho_chieu"  # the answer became the topic


def test_three_distinct_kinds_of_no(bot, deps):
    contact = deps.config.organisation.contact
    out = bot.say("thủ tục ly hôn đơn phương")[0]
    smalltalk = bot.say("bạn là người thật à")[0]
    assert out.text == texts.OUT_OF_SCOPE.format(where=texts.OUT_OF_SCOPE_WHERE["court"])
    assert smalltalk.text == texts.SMALLTALK.format(contact=contact)
    assert "không phải người thật" in smalltalk.text and "1900 0368" in smalltalk.text
    # in scope, but which residence procedure? (this small knowledge base has no entry for residence in general;
    # «cư trú online» alone sat on the border with the out-of-scope classes and tipped over when three were added)
    unsure = bot.say("đăng ký cư trú online")[0]
    assert unsure.text.startswith(texts.UNSURE.split("{")[0]) and contact in unsure.text
    assert any(p.startswith("t:") for p in payloads(unsure))
    assert all(r.meta.fallback is True and r.meta.topic is None for r in (out, smalltalk, unsure))
    assert len({out.text, smalltalk.text, unsure.text}) == 3


@pytest.mark.parametrize("typed", ["0", "99", "quay lại"])
def test_a_number_outside_the_menu_says_which_numbers(bot, typed):
    menu = bot.say("menu")[0]
    reply = bot.say(typed)[0]
    assert reply.text == texts.CHOOSE_IN_RANGE.format(n=len(menu.buttons))


def test_the_same_entry_is_never_offered_twice(bot):
    for question in ["đăng ký tạm trú online", "mất phí không", "cư trú online", "mất giấy rồi",
                     "khai báo tạm vắng thế nào"]:
        for reply in bot.say(question):
            assert len(payloads(reply)) == len(set(payloads(reply))), question


def test_conversations_of_two_people_are_kept_apart(bot):
    bot.say("đăng ký tạm trú online", user="a")
    bot.say("đăng ký định danh mức 2 ở đâu", user="b")
    assert bot.say("mất phí không", user="a")[0].meta.facet == "fee"
    assert bot.say("cho con tôi thì sao", user="b")[0].meta.topic == "vneid_tre_em"


CONVERSATION = [("đăng ký tạm trú online cho người thuê trọ", "tạm trú"), ("mất phí không", "LỆ-PHÍ-TẠM-TRÚ"),
                ("còn mua bán nhà đất thì công chứng ở đâu", "ngoài phạm vi")]


async def test_the_conversation_through_the_fake_telegram_server(store, small, clock):
    deps = small.deps(store, clock)
    with FakeBotApi() as api:
        channel = TelegramChannel(Core(deps), build_bot(api.token, api.base_url))
        await channel.connect()
        stop = asyncio.Event()
        task = asyncio.create_task(channel.poll(stop, timeout=1))
        try:
            for n, (question, expected) in enumerate(CONVERSATION, 1):
                api.push_message(2002, question)
                assert await until(lambda n=n: len(api.sent_to(2002)) == n)
                assert expected in api.sent_to(2002)[-1]["text"]
        finally:
            stop.set()
            await asyncio.wait_for(task, 5)
            await channel.stop()


async def test_the_conversation_through_the_web_chat(store, small, clock):
    deps = small.deps(store, clock)
    channel = WebChannel(Core(deps), Web(enabled=True, rate_per_minute=30), clock=lambda: 0.0)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app(channel.routes())),
                                 base_url="http://web") as web:
        for question, expected in CONVERSATION:
            answer = (await web.post("/chat/api", json={"session": "f0e1d2c3b4a5968778695a4b",
                                                        "text": question})).json()
            assert expected in answer["replies"][0]["text"]
