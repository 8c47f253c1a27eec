import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nlu.numbers import NumberError, find_numbers, parse_number


def dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits, with filler and unit words around them
        ("15", 15),
        (" 15 ", 15),
        ("15 hồ sơ", 15),
        ("15 người", 15),
        ("khoảng 15", 15),
        ("được 15", 15),
        ("là 15 nhé", 15),
        ("tổng 15", 15),
        ("Tổng cộng: 15.", 15),
        ("0", 0),
        ("007", 7),
        ("12 (mười hai)", 12),  # the same number twice is not ambiguous
        ("năm nay được 15", 15),  # digits win over "năm" (year)
        # grouping: "." or "," plus exactly three digits, or spaces
        ("1.200", 1200),
        ("1.200.000", 1200000),
        ("1 200", 1200),
        ("1\u00a0200\u00a0000", 1200000),
        ("1,200", 1200),
        ("1,200,000", 1200000),
        ("dvc 1.200 hồ sơ.", 1200),
        # scale words, decimal comma before a scale
        ("1,2 nghìn", 1200),
        ("1,2 ngàn", 1200),
        ("1,2 nghin", 1200),
        ("1,5 triệu", 1500000),
        ("1,5 trieu", 1500000),
        ("2,5 trăm", 250),
        ("1k", 1000),
        ("2,5k", 2500),
        ("15K", 15000),
        ("3tr", 3000000),
        ("2 tr", 2000000),
        ("3 nghìn 5 trăm", 3500),
        ("3 nghìn 2", 3200),
        ("1.200 nghìn", 1200000),
        ("1 tỷ", 10**9),
        # number words, with or without diacritics, any case
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("hai mươi một", 21),
        ("ba mươi tư", 34),
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("một trăm linh tư", 104),
        ("hai trăm năm mươi", 250),
        ("một nghìn hai trăm", 1200),
        ("một ngàn hai trăm", 1200),
        ("mười", 10),
        ("không", 0),
        ("năm", 5),
        ("bẩy", 7),
        ("bảy mươi nhăm", 75),
        ("hai mươi lăm hồ sơ", 25),
        ("mot tram", 100),
        ("hai muoi lam", 25),
        ("MƯỜI LĂM", 15),
        ("Mười Lăm", 15),
        ("Mu\u031bo\u031b\u0300i la\u0306m", 15),  # decomposed (NFD) diacritics
        ("một nghìn không trăm linh năm", 1005),
        ("hai triệu ba trăm nghìn", 2300000),
        ("ba chục", 30),
        # spoken shortcuts
        ("hai trăm mốt", 210),
        ("ba nghìn hai", 3200),
        ("một nghìn rưỡi", 1500),
        ("khoảng một trăm hồ sơ", 100),
        ("thứ tư được mười lăm", 15),  # "tư" alone is not a number
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def assert_vietnamese_sentence(hint: str) -> None:
    folded = unicodedata.normalize("NFD", hint.replace("đ", "d"))
    assert folded != hint, "the hint has Vietnamese diacritics"
    assert hint[0].isupper() and hint.endswith(".") and "\n" not in hint
    assert not re.search(r"[.!?]\s+[A-ZĐ]", hint[:-1]), "one sentence"


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("", "số nguyên"),
        ("   ", "số nguyên"),
        ("abc", "số nguyên"),
        ("nhiều lắm", "số nguyên"),
        ("không biết", "số nguyên"),
        ("một số", "số nguyên"),
        ("năm nay", "số nguyên"),
        ("1k2", "số nguyên"),
        ("-5", "âm"),
        ("âm 5", "âm"),
        ("−5 hồ sơ", "âm"),
        ("1,5", "thập phân"),
        ("2.5", "thập phân"),
        ("1.5", "thập phân"),
        ("1,25 nghìn hồ sơ và 1,5", "thập phân"),
        ("12 hoặc 15", "12, 15"),
        ("12-15", "12, 15"),
        ("hai ba", "2, 3"),
        ("1.200 hoặc 1.300 người", "1.200, 1.300"),
        ("1.000.000.001", "1.000.000.000"),
        ("2 tỷ", "1.000.000.000"),
        ("5000000000", "1.000.000.000"),
        ("1.2.3", "«1.2.3»"),
    ],
)
def test_parse_number_errors(text, phrase):
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert isinstance(caught.value, ValueError)
    assert phrase in caught.value.hint
    assert_vietnamese_sentence(caught.value.hint)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cccd 12, muc2 30, dvc 1.200", [(5, 7, 12), (14, 16, 30), (22, 27, 1200)]),
        ("cccd 12 muc2 30", [(5, 7, 12), (13, 15, 30)]),
        ("dvc 1,2 nghin, cccd 3 nghin 5 tram", [(4, 13, 1200), (20, 34, 3500)]),
        ("kh 2,5k", [(3, 7, 2500)]),
        (" \ue000 12 \ue001 1 200 ", [(3, 5, 12), (8, 13, 1200)]),  # placeholders between numbers
        ("cccd muoi hai, dvc 7", [(19, 20, 7)]),  # only numbers written with digits
        ("a -5, b 1,5, c 2.5, d 1.2.3, e 2000000000, f 9", [(45, 46, 9)]),  # unacceptable ones are left out
        ("1k2 muc2 abc3", []),
        ("", []),
    ],
)
def test_find_numbers(text, expected):
    assert find_numbers(text) == expected


@given(st.lists(st.tuples(st.sampled_from(["cccd", "muc2", "dvc", "kích hoạt"]), st.integers(0, 10**9))))
def test_find_numbers_splits_a_report(items):
    text = ", ".join(f"{label} {dotted(value)}" for label, value in items)
    found = find_numbers(text)
    assert [value for _, _, value in found] == [value for _, value in items]
    assert [text[start:end] for start, end, _ in found] == [dotted(value) for _, value in items]


@given(st.integers(0, 10**9))
@example(0)
@example(1000)
@example(10**9)
def test_digits_parse_back(n):
    assert parse_number(str(n)) == n
    assert parse_number(dotted(n)) == n
    assert parse_number(f"{n} hồ sơ") == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", " ")) == n


@given(st.integers(10**9 + 1, 10**15))
def test_too_large(n):
    with pytest.raises(NumberError):
        parse_number(dotted(n))


# -- Vietnamese number words, spelled here independently of the parser ----------------------------------------
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
UNITS_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}


def spell_below_thousand(n: int, full: bool, linh: str) -> list[str]:
    """0 < n < 1000; ``full`` reads the hundreds even when zero ("không trăm"), as after "nghìn"."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0 and units:
        words += ([linh] if words else []) + [DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm" if units == 5 else DIGITS[units]] if units else [])
    elif tens > 1:
        words += [DIGITS[tens], "mươi"] + ([UNITS_AFTER_TENS.get(units, DIGITS[units])] if units else [])
    return words


def spell(n: int, thousand: str = "nghìn", linh: str = "linh") -> str:
    """0 <= n < 1_000_000 in Vietnamese words: 1005 -> "một nghìn không trăm linh năm"."""
    if n == 0:
        return "không"
    thousands, rest = divmod(n, 1000)
    words = spell_below_thousand(thousands, False, linh) + [thousand] if thousands else []
    if rest:
        words += spell_below_thousand(rest, bool(thousands), linh)
    return " ".join(words)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize(
    "n, words",
    [
        (5, "năm"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (105, "một trăm linh năm"),
        (1005, "một nghìn không trăm linh năm"),
        (15034, "mười lăm nghìn không trăm ba mươi tư"),
        (999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    ],
)
def test_spell_helper(n, words):
    assert spell(n) == words


@given(
    st.integers(0, 999_999),
    st.sampled_from(["nghìn", "ngàn"]),
    st.sampled_from(["linh", "lẻ"]),
    st.sampled_from([str, strip_accents, str.upper, str.title]),
)
@example(1005, "nghìn", "linh", str)
@example(999_999, "ngàn", "lẻ", strip_accents)
def test_words_parse_back(n, thousand, linh, style):
    assert parse_number(style(spell(n, thousand, linh))) == n
    assert parse_number(f"được {style(spell(n, thousand, linh))} hồ sơ") == n
