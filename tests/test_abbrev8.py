"""Abbreviations as citizens type them (helper `abbrev8`): each context rule of ``nlu/abbreviations.yaml``
(``_in_context``) with the case where it expands and the ambiguous case where it must not, the new plain forms, and
a few whole questions answered with the fact asked.

Every question here is written for the test (none comes from a benchmark).
"""

from __future__ import annotations

import pytest

from nlu.normalize import ContextRule, Normalizer, load_abbreviations, load_context_rules
from tests.replies import ask, declined, lead


@pytest.fixture(scope="module")
def norm():
    return Normalizer.default()


@pytest.mark.parametrize("raw, expected", [
    # hc: hộ chiếu after a procedure verb or near passport words; học for school
    ("làm hc ở đâu", "lam ho chieu o dau"),
    ("gia hạn hc cho con", "gia han ho chieu cho con"),
    ("hc hết hạn rồi", "ho chieu het han roi"),
    ("mất hc khi đi du lịch", "mat ho chieu khi di du lich"),
    ("đi hc muộn", "di hoc muon"),
    ("hc phí năm nay", "hoc phi nam nay"),
    ("hs xin hc bổng", "hs xin hoc bong"),
    # chứ after «được» at the end asks yes or no; «chủ» (owner) folds the same and stays
    ("nộp qua mạng được chứ", "nop truc tuyen duoc khong"),
    ("chủ nhà được chứ không", "chu nha duoc chu khong"),
    ("có chứ", "co chu"),
    # mk: mật khẩu by default, mình when it is the speaker
    ("quên mk vneid", "quen mat khau vneid"),
    ("mk muốn đổi sđt trên app", "minh muon doi so dien thoai tren app"),
    ("giúp mk với", "giup minh voi"),
    ("mk bị sai", "mat khau bi sai"),
    ("quên mk đăng nhập app", "quen mat khau dang nhap app"),
    ("có hc chưa", "co hc chua"),
    ("hạng e có cần học", "hang e co can hoc"),
    ("bh có trả tiền không", "bh co tra tien khong"),
    ("nhà có bh", "nha co bh"),
    # e / a / c: the speaker, but not a licence class or e-mail
    ("e bị mất ví", "em bi mat vi"),
    ("e mail không nhận được mã", "e mail khong nhan duoc ma"),
    ("bằng lái hạng e", "giay phep lai xe hang e"),
    ("cho c hỏi", ""),
    ("bằng hạng c", "bang hang c"),
    # bn: bao nhiêu before an amount / after a cost verb, bạn when addressed
    ("làm lại mất bn tiền", "lam lai mat bao nhieu tien"),
    ("phí là bn", "phi la bao nhieu"),
    ("bn ơi", ""),
    ("cảm ơn bn", "cam on ban"),
    # bh: bảo hiểm vs bao giờ
    ("đóng bh ở đâu", "dong bao hiem o dau"),
    ("thẻ bh yt", "the bao hiem y te"),
    ("bh mới có thẻ", "bao gio moi co the"),
    # ms: mã số vs mới
    ("tra ms thuế", "tra ma so thue"),
    ("thẻ ms làm xong chưa", "the moi lam xong chua"),
    # hs: hồ sơ vs học sinh; unclear stays
    ("nộp hs trên vneid", "nop ho so tren vneid"),
    ("hs cấp 2 có cần căn cước", "hoc sinh cap 2 co can can cuoc"),
    ("hs có cần gì", "hs co can gi"),
    # kh: kết hôn after đăng ký, không otherwise
    ("đk kh online", "dang ky ket hon truc tuyen"),
    ("làm được kh", "lam duoc khong"),
    # hk: hộ khẩu after sổ, không at the end
    ("sổ hk còn dùng không", "so ho khau con dung khong"),
    ("có phạt hk", "co phat khong"),
    # ks: khai sinh vs khách sạn
    ("giấy ks bị mất", "giay khai sinh bi mat"),
    ("ks khai báo lưu trú cho khách", "khach san khai bao luu tru cho khach"),
    # dktt only on «nơi ĐKTT»; tv only after khai báo; cc, ca, xm, dc in their contexts
    ("nơi ĐKTT ghi gì", "noi dang ky thuong tru ghi gi"),
    ("dktt là gì", "dktt la gi"),
    ("khai báo tv ở đâu", "khai bao tam vang o dau"),
    ("xem tv", "xem tv"),
    ("làm cc gắn chip", "lam can cuoc gan chip"),
    ("làm cc gì", "lam cc gi"),
    ("ca phường làm thứ 7 không", "cong an phuong lam thu 7 khong"),
    ("ca tính", "ca tinh"),
    ("đăng ký xm mới", "dang ky xe may moi"),
    ("thay đổi đc thường trú", "thay doi dia chi thuong tru"),
    ("có đc thường trú không", "co duoc thuong tru khong"),
    # new plain forms
    ("đkks cho bé", "dang ky khai sinh cho be"),
    ("dkkh ở đâu", "dang ky ket hon o dau"),
    ("mất gks", "mat giay khai sinh"),
    ("đki tạm trú r", "dang ky tam tru roi"),
])
def test_expansion_in_context(norm, raw, expected):
    assert norm(raw) == expected


def test_the_loader_keeps_the_context_section_out_of_the_plain_table():
    table = load_abbreviations()
    assert "_in_context" not in table.values() and "hc" not in table
    rules = load_context_rules()
    assert rules["hc"][0].means == "hoc" and all(isinstance(r, ContextRule) for r in rules["bh"])


def test_a_meaning_is_never_a_form_of_the_plain_table():
    """A meaning the plain table would expand again would be read twice."""
    table = load_abbreviations()
    expanded = {k for k, v in table.items() if " " not in k and v != k}
    for form, rules in load_context_rules().items():
        for rule in rules:
            assert not set(rule.means.split()) & expanded, (form, rule.means)


def test_an_unknown_key_in_a_rule_is_an_error(tmp_path):
    path = tmp_path / "abbr.yaml"
    path.write_text("_in_context:\n  hc:\n    - {means: học, before: [đi]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before"):
        load_context_rules(path)


def test_a_normalizer_without_rules_leaves_ambiguous_words_alone():
    assert Normalizer({"mk": "mat khau"})("cho mk hỏi hc") == "cho mat khau hoi hc"


def test_passport_processing_time(testbot):
    reply = ask(testbot, "lm hc bao lâu thì lấy dc")
    assert reply.meta.topic == "dvc12_ho_chieu", reply.text
    assert "8 ngày làm việc" in lead(reply), lead(reply)


def test_birth_registration_place(testbot):
    reply = ask(testbot, "đkks cho con thì lên đâu làm")
    assert reply.meta.topic == "dvc09_khai_sinh", reply.text
    assert "UBND xã, phường" in lead(reply), lead(reply)


def test_lost_card_fee(testbot):
    reply = ask(testbot, "e lỡ làm mất thẻ cc, làm lại tốn bn tiền")
    assert reply.meta.topic == "dvc02_the_can_cuoc", reply.text
    assert "đồng" in lead(reply) and "cấp lại" in lead(reply), lead(reply)


def test_forgotten_password_with_the_speaker_abbreviated(testbot):
    reply = ask(testbot, "cho mik hỏi quên mk app vneid thì sao")
    assert reply.meta.topic == "vneid_quen_mat_khau", reply.text
    assert "Quên mật khẩu" in reply.text, reply.text


def test_a_lost_school_diploma_is_declined(testbot):
    declined(testbot, "mình mất bằng tnpt thì xin lại bản sao ở đâu")


def test_school_fees_are_not_a_passport(testbot):
    reply = declined(testbot, "hc phí trường đại học năm nay bn")
    assert reply.meta.topic != "dvc12_ho_chieu"
