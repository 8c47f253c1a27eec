"""Whole numbers as village team members type them in monthly reports.

Usage::

    parse_number("1.200 hồ sơ")               # -> 1200
    parse_number("hai mươi lăm")              # -> 25
    parse_number("1,5")                       # NumberError; error.hint: "Vui lòng nhập một số nguyên, ..."
    find_numbers("cccd 12, muc2 30, dvc 1.200")  # -> [(5, 7, 12), (14, 16, 30), (22, 27, 1200)]

Rules of ``parse_number``:

- Digits, with any words around them: "15", "15 hồ sơ", "khoảng 15", "tổng là 15" -> 15.
- Grouping: "." or "," followed by exactly three digits groups thousands ("1.200", "1.200.000", "1,200" -> 1200),
  so do spaces ("1 200"). Any other "," or "." is a decimal point: "1,5" and "1.5" are not whole numbers.
- Scale words, with or without diacritics: "nghìn"/"ngàn", "triệu", "tỷ", "trăm", and right after digits "k"
  and "tr": "1,2 nghìn" -> 1200, "2,5k" -> 2500, "3 nghìn 5 trăm" -> 3500. A decimal is fine if the result is
  whole ("1,5 triệu" -> 1500000). Letters between digits are not a number: "1k2" and "muc2" have none.
- Number words, any case, with or without diacritics: "mười lăm" -> 15, "hai mươi mốt" -> 21, "ba mươi tư" -> 34,
  "một trăm linh năm" -> 105, "một nghìn hai trăm" -> 1200, "không" -> 0, "mot tram" -> 100. Spoken
  shortcuts: "hai trăm mốt" -> 210, "ba nghìn hai" / "3 nghìn 2" -> 3200, "một nghìn rưỡi" -> 1500.
- Digits win over words ("năm nay được 15" -> 15); "năm nay", "không biết", "một số" are ordinary words.
- Errors (``NumberError`` with a Vietnamese ``hint``): no number ("", "abc", "nhiều lắm"), negative ("-5",
  "âm 5"), not whole ("1,5", "2.5"), two different numbers ("12 hoặc 15", "hai ba"), above 10**9.

``find_numbers`` returns only numbers written with digits (scale words included in the span) that
``parse_number`` would accept; negative, decimal and too large ones are left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from nlu.normalize import fold

LIMIT = 10**9

HINT_NO_NUMBER = "Vui lòng nhập một số nguyên, ví dụ 12 hoặc 1.200."
HINT_NEGATIVE = "Số liệu không thể là số âm, vui lòng nhập một số từ 0 trở lên, ví dụ 12."
HINT_NOT_WHOLE = ("Vui lòng nhập một số nguyên, không có phần thập phân, ví dụ 12 hoặc 1.200 "
                  "(dấu chấm ngăn cách hàng nghìn).")
HINT_TOO_LARGE = "Số này lớn hơn 1.000.000.000, vui lòng kiểm tra lại và nhập đúng số liệu."
HINT_MALFORMED = "Tôi không đọc được số «{text}», vui lòng nhập một số nguyên, ví dụ 12 hoặc 1.200."
HINT_AMBIGUOUS = "Tin nhắn có nhiều số khác nhau ({numbers}), vui lòng chỉ nhập một số, ví dụ {first}."


class NumberError(ValueError):
    """Why the text is not an acceptable number; ``hint`` is one Vietnamese sentence telling what to type instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


# Word -> (kind, value). "unit" words only follow tens or a scale ("hai mươi mốt", "ba trăm tư"): alone, "mốt"
# is "the day after tomorrow" and "tư" is in "thứ tư". Number words come first: "mot" folds to "một", not "mốt".
_WORDS: dict[str, tuple[str, int]] = {
    "không": ("num", 0), "một": ("num", 1), "hai": ("num", 2), "ba": ("num", 3), "bốn": ("num", 4),
    "năm": ("num", 5), "sáu": ("num", 6), "bảy": ("num", 7), "bẩy": ("num", 7), "tám": ("num", 8),
    "chín": ("num", 9), "mốt": ("unit", 1), "tư": ("unit", 4), "lăm": ("unit", 5), "nhăm": ("unit", 5),
    "mười": ("ten", 10), "mươi": ("ten", 10), "chục": ("ten", 10), "trăm": ("hundred", 100),
    "nghìn": ("scale", 10**3), "ngàn": ("scale", 10**3), "triệu": ("scale", 10**6), "tỷ": ("scale", 10**9),
    "tỉ": ("scale", 10**9), "linh": ("linh", 0), "lẻ": ("linh", 0), "rưỡi": ("half", 0), "âm": ("neg", 0),
}
# Unaccented text ("mot tram") is looked up by folded form; accented words must match exactly ("bà" is not "ba").
_LEXICON = {fold(w): entry for w, entry in reversed(_WORDS.items())} | _WORDS
_AFTER_DIGITS = {"k": 10**3, "tr": 10**6}  # scales only right after digits: "15k", "2 tr"


def _with_folded(words: set[str]) -> frozenset[str]:
    return frozenset(words | {fold(w) for w in words})


# A number word followed by one of these is an ordinary word: "năm nay" (this year), "không biết", "một số" (some).
_ORDINARY_BEFORE = {
    "nam": _with_folded({"nay", "ngoái", "trước", "sau", "qua", "tới", "rồi"}),
    "khong": _with_folded({"biết", "rõ", "nhớ", "chắc", "hiểu"}),
    "mot": _with_folded({"số", "vài", "ít", "chút"}),
}
_NUMERIC = {"num", "unit", "ten", "hundred", "scale", "linh", "half"}

_LETTERS = r"(?:[^\W\d_]|[\u0300-\u036f])"  # letters, also decomposed (NFD) Vietnamese ones
_TOKEN = re.compile(
    r"(?P<neg>(?<!\w)[-−](?=[0-9]))"
    r"|(?<![\w.,])(?P<num>(?>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?![0-9]|[.,][0-9])|(?>[0-9]+(?:[.,][0-9]+)*))"
    rf"(?!{_LETTERS}*[0-9])"  # "1k2", "12ab3": digits and letters mixed are not a number
    rf"|(?P<word>{_LETTERS}+)"
    r"|(?P<other>\S)"
)
_LITERAL = re.compile(r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:[.,]([0-9]+))?")


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "unit", "ten", "hundred", "scale", "linh", "half", "neg", "malformed" or "other"
    start: int
    end: int
    value: Fraction = Fraction(0)
    literal: bool = False  # written with digits
    digit: bool = False  # a single digit, "5" or "năm"


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: Fraction | None  # None: malformed digits
    negative: bool
    literal: bool  # starts with digits


def _literal(text: str) -> Fraction | None:
    """The value of digits as written ("1.200", "1,5", "1 200"); None if malformed ("1.2.3")."""
    match = _LITERAL.fullmatch(re.sub(r"\s", "", text))
    if not match:
        return None
    whole, decimals = match.groups()
    value = Fraction(int(re.sub(r"[.,]", "", whole)))
    return value + Fraction(int(decimals), 10 ** len(decimals)) if decimals else value


def _lower(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def _tokenize(text: str) -> list[_Token]:
    matches = list(_TOKEN.finditer(text))
    tokens: list[_Token] = []
    for index, match in enumerate(matches):
        kind, start, end = match.lastgroup, match.start(), match.end()
        if kind == "num":
            value = _literal(match[0])
            tokens.append(_Token("num", start, end, value, literal=True, digit=end - start == 1) if value is not None
                          else _Token("malformed", start, end, literal=True))
            continue
        word = _lower(match[0])
        after_digits = bool(tokens) and tokens[-1].literal
        following = _lower(matches[index + 1][0]) if index + 1 < len(matches) else ""
        if word in _AFTER_DIGITS and after_digits:
            tokens.append(_Token("scale", start, end, Fraction(_AFTER_DIGITS[word])))
        elif (entry := _LEXICON.get(word)) and following not in _ORDINARY_BEFORE.get(fold(word), ()):
            kind, value = entry
            tokens.append(_Token(kind, start, end, Fraction(value), digit=kind in ("num", "unit")))
        else:
            tokens.append(_Token("neg" if kind == "neg" else "other", start, end))
    return tokens


def _tail(t: list[_Token], i: int, end: int, scale: Fraction) -> tuple[Fraction, int] | None:
    """Spoken endings after "trăm" or a scale: "nghìn rưỡi" (+ half), "hai trăm mốt", "3 nghìn 2" (digit × scale/10)."""
    if i < end and t[i].kind == "half":
        return scale / 2, i + 1
    if i + 1 == end and t[i].digit and t[i].value > 0:
        return t[i].value * scale / 10, i + 1
    return None


def _group(t: list[_Token], i: int, end: int) -> tuple[Fraction, int]:
    """A number below a thousand in words ("hai trăm linh năm") or one written with digits: (value, next index)."""

    def kind(k: int) -> str | None:
        return t[k].kind if k < end else None

    def digit(k: int, units: bool = False) -> bool:
        return kind(k) == "num" and t[k].digit or units and kind(k) == "unit"

    value = Fraction(0)
    if kind(i) == "num" and kind(i + 1) == "hundred":
        value, i = t[i].value * 100, i + 2
        if tail := _tail(t, i, end, Fraction(100)):
            return value + tail[0], tail[1]
        if kind(i) == "linh" and digit(i + 1, units=True):
            return value + t[i + 1].value, i + 2
    if kind(i) == "ten" or digit(i) and kind(i + 1) == "ten":
        value, i = (value + 10, i + 1) if kind(i) == "ten" else (value + t[i].value * 10, i + 2)
        if digit(i, units=True) and kind(i + 1) not in ("ten", "hundred"):
            value, i = value + t[i].value, i + 1
    elif kind(i) == "num" and kind(i + 1) != "hundred":
        value, i = value + t[i].value, i + 1
    return value, i


def _number(t: list[_Token], i: int, end: int) -> tuple[Fraction, int]:
    """The longest number starting at ``t[i]``, groups joined by falling scales: (value, next index)."""
    total, last = Fraction(0), None
    while True:
        value, j = _group(t, i, end)
        if j == i:
            return total, i
        scale = t[j].value if j < end and t[j].kind == "scale" else Fraction(1)
        if last is not None and value * scale >= last:  # "một nghìn hai nghìn": a second number
            return total, i
        total += value * scale
        if scale == 1:
            return total, j
        last, i = scale, j + 1
        if tail := _tail(t, i, end, scale):
            return total + tail[0], tail[1]


def _numbers(text: str) -> list[_Number]:
    """Every number in ``text``, left to right, not yet checked."""
    tokens = _tokenize(text)
    found: list[_Number] = []
    i = 0
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].kind in _NUMERIC:
            end += 1
        if tokens[i].kind == "malformed":
            found.append(_Number(tokens[i].start, tokens[i].end, None, False, literal=True))
        while i < end:
            value, j = _number(tokens, i, end)
            if j == i:  # a stray "trăm", "linh", "mốt"
                i += 1
                continue
            negative = i > 0 and tokens[i - 1].kind == "neg"
            found.append(_Number(tokens[i].start, tokens[j - 1].end, value, negative, tokens[i].literal))
            i = j
        i = end + 1
    return found


def _checked(text: str, number: _Number) -> int:
    written = text[number.start:number.end]
    if number.value is None:
        raise NumberError(f"malformed number {written!r}", HINT_MALFORMED.format(text=written))
    if number.negative:
        raise NumberError(f"negative number {written!r}", HINT_NEGATIVE)
    if number.value.denominator != 1:
        raise NumberError(f"not a whole number {written!r}", HINT_NOT_WHOLE)
    if number.value > LIMIT:
        raise NumberError(f"number above {LIMIT}: {written!r}", HINT_TOO_LARGE)
    return int(number.value)


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def parse_number(text: str) -> int:
    """Parse a non-negative whole number from a member's message; raise NumberError otherwise."""
    numbers = _numbers(text)
    if any(n.literal for n in numbers):
        numbers = [n for n in numbers if n.literal]
    if not numbers:
        raise NumberError(f"no number in {text!r}", HINT_NO_NUMBER)
    values = list(dict.fromkeys(_checked(text, n) for n in numbers))
    if len(values) > 1:
        hint = HINT_AMBIGUOUS.format(numbers=", ".join(map(_grouped, values)), first=_grouped(values[0]))
        raise NumberError(f"several numbers in {text!r}", hint)
    return values[0]


def find_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every acceptable number written with digits in ``text``, left to right."""
    found = []
    for number in _numbers(text):
        if number.literal:
            try:
                found.append((number.start, number.end, _checked(text, number)))
            except NumberError:
                continue
    return found
