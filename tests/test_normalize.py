import pytest

from nlu.normalize import Normalizer, fold, load_abbreviations


@pytest.fixture(scope="module")
def norm():
    return Normalizer.default()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Đăng Ký Tạm Trú", "dang ky tam tru"),
        ("ĐĐ đđ", "dd dd"),
        ("Thông báo lưu trú?!", "thong bao luu tru"),
        ("Tổng đài 1800.1096", "tong dai 18001096"),
        ("gọi 1900 0368", "goi 19000368"),
        ("chàooooo bạn", "chao ban"),
        # NFD input (combining marks) folds like NFC input
        ("Đăng ky\u0301", "dang ky"),
    ],
)
def test_fold_punctuation_numbers(norm, raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("tk VNeID mđ2", "tai khoan vneid muc 2"),
        ("đk md1", "dang ky muc 1"),
        ("CCCD bị mất", "can cuoc cong dan bi mat"),
        ("mất CMND", "mat chung minh nhan dan"),
        ("ĐDĐT là gì", "dinh danh dien tu la gi"),
        ("đổi sdt", "doi so dien thoai"),
        ("làm DVC online", "lam dich vu cong truc tuyen"),
        ("DVCTT", "dich vu cong truc tuyen"),
        ("thẻ BHYT", "the bao hiem y te"),
        ("đổi GPLX", "doi giay phep lai xe"),
        ("ko dc j", "khong duoc gi"),
        ("k đc", "khong duoc"),
        ("lam ntn", "lam nhu the nao"),
        ("vneld", "vneid"),
    ],
)
def test_abbreviations_and_teencode(norm, raw, expected):
    assert norm(raw) == expected


def test_dd_is_folded_explicitly():
    # "đ" has no decomposition in Unicode; folding must still turn it into "d"
    assert fold("đường Đinh") == "duong dinh"


def test_card_is_not_mistaken_for_a_function_word(norm):
    # "thẻ" folds to "the"; it must survive as a content word
    assert norm("thẻ bị hỏng") == "the bi hong"


def test_abbreviation_table_is_folded(tmp_path):
    path = tmp_path / "abbr.yaml"
    path.write_text('"Định danh": [ĐD, dd]\n', encoding="utf-8")
    assert load_abbreviations(path) == {"dd": "dinh danh"}


@pytest.mark.parametrize("raw, expected", [
    ("Cho em hỏi thủ tục ly hôn ạ", "thu tuc ly hon"),
    ("tôi muốn hỏi về tạm trú nhé", "ve tam tru"),
    ("ad ơi quên mk", "quen mat khau"),
])
def test_polite_openings_and_fillers_are_dropped(norm, raw, expected):
    assert norm(raw) == expected
