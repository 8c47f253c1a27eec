"""Redaction of personal numbers before anything is logged or stored.

Usage::

    redact("CCCD của tôi 001099012345, sđt 0912 345 678")
    # -> "CCCD của tôi [số định danh], sđt [số điện thoại]"

ID-card numbers (12 digits, old 9-digit CMND) and phone numbers (0xxxxxxxxx, +84…, with spaces, dots or dashes
between digit groups) are replaced. Any other run of nine or more digits is replaced too: when in doubt, hide it.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<!\d)\+?\d(?:[ .\-]?\d){8,}(?!\d)")


def _label(match: re.Match) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+84") or (digits.startswith("84") and len(digits) in (11, 12) and raw.startswith("84")):
        return "[số điện thoại]"
    if digits.startswith("0") and len(digits) in (10, 11):
        return "[số điện thoại]"
    if len(digits) in (9, 12):
        return "[số định danh]"
    return "[số]"


def redact(text: str) -> str:
    """Return ``text`` with ID-card and phone numbers replaced by placeholders."""
    return _NUMBER.sub(_label, text)
