"""A whole report in one message: «cccd 12, mức 2 30, kích hoạt 25, dvc 5» → {indicator: value}.

Usage::

    line = parse_report_line("Thôn Trung Thượng báo cáo tháng 11: cccd 12, md2 30", aliases, villages)
    line.values    # {"cccd": 12, "muc2": 30}
    line.period    # "thang 11" (the caller reads it with bot.team.periods.parse_period)
    line.village   # "trung_thuong"

``aliases``: (alias, indicator key) pairs, any diacritics; ``villages``: (name, village key) pairs. Names may come
before or after their numbers («12 cccd, 30 mức 2»), but one way through the whole message. A period («tháng 11»,
«tuần 49», «11/2026» after «tháng») and the village's name may lead the message. None unless the message is only
that: a sentence with a few numbers in it («năm nay 12 người hỏi cccd») is not a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.normalize import fold
from nlu.numbers import find_numbers

FILLER = {"bao", "cao", "so", "lieu", "thang", "ky", "nay", "ho", "tai", "khoan", "nguoi", "luot", "co", "va", "la",
          "duoc", "gom", "nop", "thon", "gui", "em", "toi", "a", "nhe", "oi", "ban", "anh", "chi", "dong", "xin",
          "cua", "xom", "ap", "to"}
MAX_OTHER_WORDS = 2
_PERIOD = re.compile(r"(?<![a-z0-9])((?:thang|tuan|ky)\s*\d{1,2}(?:\s*[/\-.]\s*\d{4})?|\d{1,2}\s*/\s*\d{4})"
                     r"(?![a-z0-9])")
_MARK = re.compile(r"[\ue000-\uf8ff]")


@dataclass(frozen=True)
class ReportLine:
    values: dict[str, int]
    period: str | None = None  # folded period words as typed, e.g. "thang 11"
    village: str | None = None  # key of the village named in the message


def _mark(folded: str, pairs: list[tuple[str, str]], first: int) -> tuple[str, dict[str, str]]:
    """Replace each alias (longest first) by one private-use character standing for its key."""
    keys: dict[str, str] = {}
    for n, (alias, key) in enumerate(sorted(((fold(a), k) for a, k in pairs), key=lambda x: -len(x[0]))):
        pattern = rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])"
        if alias and re.search(pattern, folded):
            placeholder = chr(first + n)
            folded = re.sub(pattern, f" {placeholder} ", folded)
            keys[placeholder] = key
    return folded, keys


def _pair(folded: str, keys: dict[str, str]) -> tuple[dict[str, int], str] | None:
    """Pair each number with the one name beside it; the text outside the pairs, or None when they do not pair."""
    numbers = find_numbers(folded)
    if not numbers:
        return None
    gaps, last = [], 0
    for start, end, _ in numbers:
        gaps.append(folded[last:start])
        last = end
    gaps.append(folded[last:])
    marks = [[keys[ch] for ch in gap if ch in keys] for gap in gaps]
    names_first = bool(marks[0])
    values: dict[str, int] = {}
    for i, (_, _, value) in enumerate(numbers):
        found = marks[i] if names_first else marks[i + 1]
        if len(found) != 1 or found[0] in values:
            return None
        values[found[0]] = value
    if marks[-1 if names_first else 0]:  # a name left without a number
        return None
    return values, _MARK.sub(" ", "".join(gaps))


def parse_report_line(text: str, aliases: list[tuple[str, str]],
                      villages: list[tuple[str, str]] = ()) -> ReportLine | None:
    """Read a one-message report; None unless the message is only that (see the module docstring)."""
    folded = " " + " ".join(fold(text).replace(":", " ").replace("=", " ").replace(";", ",").split()) + " "
    period = None
    if match := _PERIOD.search(folded):
        period = " ".join(match.group(1).split())
        folded = folded[:match.start()] + " " + folded[match.end():]
    folded, village_marks = _mark(folded, list(villages), 0xF000)
    village = next(iter(village_marks.values()), None) if len(village_marks) == 1 else None
    folded = _MARK.sub(lambda m: " " if m.group() in village_marks else m.group(), folded)
    folded, keys = _mark(folded, aliases, 0xE000)
    if not keys:
        return None
    paired = _pair(folded, keys)
    if paired is None:
        return None
    values, rest = paired
    words = [w for w in re.findall(r"[a-z]+", rest) if w not in FILLER]
    if len(words) > MAX_OTHER_WORDS:
        return None
    return ReportLine(values, period, village)
