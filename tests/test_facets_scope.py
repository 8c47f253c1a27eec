"""The neighbouring-domain lexicon (nlu/out_of_scope.yaml) against the knowledge base as a whole.

A domain phrase that an in-scope entry's own questions use strips that entry's key terms from every question naming it,
so a question the entry answers is declined however sure the classifier is. The questions below are written for this
test (none comes from a benchmark).
"""

from __future__ import annotations

import re

import pytest

from nlu.normalize import Normalizer
from nlu.scope import entry_texts, load_out_of_scope, word_ngrams

# Collisions found when the check was written, each a deliberate choice to decline (land titles, banking, schools...);
# the list may only shrink: a new phrase that an entry's questions use fails the test.
# Reviewed 2026-12-01 (scope helper): «giáo viên», «mầm non», «trường học», «người khuyết tật», «ký hợp đồng»,
# «mở công ty», «ví điện tử» left the lexicon (a teacher's digital signature, a school's seal, a disabled person's
# VNeID account, an electricity contract, a company's seal, a wallet linked to VNeID are ours; schools, labour,
# business and banking questions are still declined by their out-of-scope classes — no figure moved on the tuning
# halves or the team's sets). Kept, each on purpose:
KNOWN = {
    # land titles: the entry only records a change of personal data; questions naming a title are mostly land law
    ("sổ hồng", "dvc19_bien_dong_dat_dai"), ("quyền sử dụng đất", "dvc19_bien_dong_dat_dai"),
    ("giấy chứng nhận quyền sử dụng", "dvc19_bien_dong_dat_dai"),
    # social insurance: «sổ BHXH», «lương hưu» questions are mostly the insurer's (benefits, pensions), not ours
    ("sổ bảo hiểm xã hội", "dvc23_tro_cap_that_nghiep"), ("lương hưu", "dvc16_lien_thong_khai_tu"),
    # a savings book is the bank's business; only the old-CMND confirmation is ours, and it names «chứng minh»
    ("sổ tiết kiệm", "dvc01_xac_nhan_cmnd"),
    # bills are the utility's; the change of contract holder names «đổi tên», «chủ hợp đồng»
    ("hóa đơn điện", "dvc25_doi_chu_hop_dong_dien"),
    # the fine for running a red light is traffic law; paying a camera fine names «phạt nguội»
    ("vượt đèn đỏ", "dvc08_phat_nguoi"),
    # a name changed in the birth record is civil status; what must follow it («… rồi có phải đổi thẻ, sửa sổ đỏ,
    # cập nhật cư trú») is ours: the matcher reads the change before «rồi» as the situation (scope5)
    ("đổi tên khai sinh", "dvc02_the_can_cuoc"), ("đổi tên trong giấy khai sinh", "dieu_chinh_cu_tru"),
    ("đổi tên trong giấy khai sinh", "dvc19_bien_dong_dat_dai"),
}


def test_no_domain_phrase_is_an_in_scope_entrys_own_wording(kb, matcher):
    normalizer = Normalizer.default()
    key_terms = matcher.scope.key_terms
    found = set()
    for terms in load_out_of_scope().terms.values():
        for term in terms:
            phrase = normalizer(term)
            pattern = re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")
            grams = set(word_ngrams(phrase))
            for entry_id, keys in key_terms.items():
                if grams & keys and any(pattern.search(normalizer(t)) for t in entry_texts(kb, entry_id)):
                    found.add((term, entry_id))
    assert found <= KNOWN, sorted(found - KNOWN)


@pytest.mark.parametrize("question, topic", [
    ("nhà mới xây muốn gắn công tơ điện thì chuẩn bị giấy tờ gì", "dvc24_cap_dien_moi"),
    ("xin cấp điện lần đầu có bắt buộc lên điện lực không", "dvc24_cap_dien_moi"),
    ("sang tên công tơ điện khi mua lại nhà", "dvc25_doi_chu_hop_dong_dien"),
    ("đăng ký mã số thuế cá nhân có phải đến chi cục thuế không", "dvc18_dang_ky_thue"),
])
def test_a_question_in_an_entrys_own_words_is_not_declined(testbot, question, topic):
    reply = testbot.say(question)[0]
    assert reply.meta.topic == topic and reply.meta.fallback is False, reply.text


def test_the_utilities_and_tax_domains_are_still_declined(matcher):
    for question in ["tiền điện tháng trước sao cao thế", "cách quyết toán thuế thu nhập cá nhân"]:
        assert matcher.match(question).topic is None, question
