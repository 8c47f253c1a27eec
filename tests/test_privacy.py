import pytest

from bot.privacy import redact


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("CCCD 001099012345", "CCCD [số định danh]"),
        ("cmnd 123456789 ạ", "cmnd [số định danh] ạ"),
        ("sđt 0912345678", "sđt [số điện thoại]"),
        ("sđt 0912 345 678", "sđt [số điện thoại]"),
        ("sđt 0912.345.678", "sđt [số điện thoại]"),
        ("gọi +84 912 345 678", "gọi [số điện thoại]"),
        ("số 001-099-012-345", "số [số định danh]"),
    ],
)
def test_personal_numbers_are_redacted(raw, expected):
    assert redact(raw) == expected


@pytest.mark.parametrize("text", ["hotline 1800 1096", "gọi 19000368", "năm 2024 tháng 12", "mức 2", "25 dịch vụ"])
def test_hotlines_dates_and_small_numbers_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize("raw, expected", [
    ("sđt0912345678", "sđt[số điện thoại]"), ("CCCD_001099012345", "CCCD_[số định danh]"),
    ("0912345678a", "[số điện thoại]a"),
])
def test_numbers_glued_to_letters_are_redacted_too(raw, expected):
    assert redact(raw) == expected
