"""Numbers as Vietnamese readers write them: 1.200 (dot groups), 12,5 (decimal comma), 75%; dates 01/12/2026."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def vn_number(value: float) -> str:
    """``1200`` -> ``"1.200"``, ``12.5`` -> ``"12,5"``, ``40.0`` -> ``"40"``."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_percent(progress: float) -> str:
    """``0.75`` -> ``"75%"``; rounded, but never shown as 100% while still below the target."""
    percent = round(progress * 100)
    if percent >= 100 and progress < 1:
        percent = 99
    return f"{vn_number(percent)}%"


@lru_cache(maxsize=256)  # every answer shows its entry's review date: a few dozen distinct days
def vn_date(day: dt.date) -> str:
    """``date(2026, 12, 1)`` -> ``"01/12/2026"``."""
    return day.strftime("%d/%m/%Y")
