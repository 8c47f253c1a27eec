"""Personal data: redaction before anything is logged or stored, and the retention purge.

Usage::

    redact("CCCD của tôi 001 - 099 - 012 - 345, sđt (0912) 345 678, mail a.b@gmail.com")
    # -> "CCCD của tôi [số định danh], sđt [số điện thoại], mail [email]"
    purge_expired(store, now, retention_days=180)   # questions, sessions, ... older than that

What is hidden: e-mail addresses, and every run of eight or more digits whatever separates them — spaces (also
double and non-breaking ones), dots, dashes, slashes, parentheses, a leading +84 — so phone numbers, ID-card
numbers (12-digit căn cước, 9-digit CMND) and bank accounts never reach the database or the log. When in doubt,
hide it. What is kept, because it is not personal and matters for curators: dates (01/12/2026, 2026-12-01,
12/2026), amounts of money (20.000 đ, 1.500.000 đồng, 50k), year ranges (2022 - 2025), legal document numbers
(59/2022/NĐ-CP), the public service numbers 1800 xxxx / 1900 xxxx, and every number under eight digits («mức 2»,
«25 dịch vụ»).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

EMAIL = "[email]"
PHONE = "[số điện thoại]"
ID_NUMBER = "[số định danh]"
NUMBER = "[số]"
MIN_DIGITS = 8  # a run of this many digits is hidden (8-digit bank accounts exist)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SEP = r"[\s./()\-\u2010-\u2015]"  # \s covers double, non-breaking and thin spaces; \u2010-\u2015: dashes
_NUMBER = re.compile(rf"\(?\+?\d(?:{_SEP}{{0,4}}\d)*")
_ALONE_BEFORE = r"(?<!\d)(?<!\d[./\-])"  # not glued to more digits by a separator: "09/12/2026/12" is no date
_ALONE_AFTER = r"(?!\d)(?![./\-]\d)"
_DAY, _MONTH, _YEAR = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])", r"(?:19|20)\d\d"
_MONEY = r"(?:đồng|đ|vnđ|vnd|nghìn|ngàn|triệu|tỷ|tỉ|k)(?!\w)"
_KEEP = re.compile("|".join(rf"{_ALONE_BEFORE}(?:{p}){_ALONE_AFTER}" for p in (
    rf"{_DAY}([./\-]){_MONTH}\1(?:{_YEAR}|\d\d)",  # 01/12/2026, 1-12-26, 01.12.2026
    rf"{_YEAR}-{_MONTH}-{_DAY}",  # 2026-12-01
    rf"{_MONTH}[/.\-]{_YEAR}",  # 12/2026
    rf"{_YEAR}\s?[-\u2013\u2014]\s?{_YEAR}",  # 2022 - 2025
    rf"[1-9]\d{{0,2}}(?:[.,]\d{{3}})+(?:,\d+)?\s?{_MONEY}",  # 1.500.000 đ (phones and IDs start with 0 or +84)
    rf"[1-9]\d{{0,9}}\s?{_MONEY}",  # 20000đ, 50k
    rf"\d{{1,5}}/{_YEAR}(?=/[A-ZĐ])",  # 59/2022/NĐ-CP
)), re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")  # every pattern below needs one (as \d matches it), e-mails need an @
_SERVICE_NUMBER = re.compile(r"^1[89]00(?:\d{4}|\d{6})$")  # 1800 1096, 1900 0368: public, not personal


def _label(match: re.Match) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < MIN_DIGITS or _SERVICE_NUMBER.match(digits):
        return raw
    international = raw.lstrip("(").startswith("+84") or (raw.startswith("84") and len(digits) in (11, 12))
    if international or (digits.startswith("0") and len(digits) in (10, 11)):
        return PHONE
    if len(digits) in (9, 12):
        return ID_NUMBER
    return NUMBER


def _redact_numbers(text: str) -> str:
    digit = _ANY_DIGIT.search(text)
    if digit is None:
        return text
    start = max(0, digit.start() - 2)  # a number opens at its first digit, or at «(» and «+» just before it
    return text[:start] + _NUMBER.sub(_label, text[start:])


_GLUED_BEFORE = re.compile(rf"\d{_SEP}{{0,4}}$")
_TIME_BEFORE = re.compile(rf":\d\d{_SEP}{{0,4}}$")
_GLUED_AFTER = re.compile(rf"{_SEP}{{0,4}}\d")
_TIME_AFTER = re.compile(rf"{_SEP}{{0,4}}\d{{1,2}}[:h]\d")


def _glued(text: str, keep: re.Match, starts: set[int], ends: set[int]) -> bool:
    """A date or amount that runs on into more digits («0000 01.2000 00»): a piece of a longer number, not kept
    (a time beside a date, «08:30 01/12/2026», and a range of two kept dates are not such digits)."""
    start, end = keep.start(), keep.end()
    before = _GLUED_BEFORE.search(text, max(0, start - 6), start)
    if before and before.start() + 1 not in ends and not _TIME_BEFORE.search(text, max(0, start - 9), start):
        return True
    after = _GLUED_AFTER.match(text, end) if keep.group(0)[-1].isdigit() else None
    return bool(after) and after.end() - 1 not in starts and not _TIME_AFTER.match(text, end)


@lru_cache(maxsize=1024)  # a question is redacted for the log and again for the session: once
def redact(text: str) -> str:
    """Return ``text`` with e-mail addresses, phone, ID-card, account and other long numbers replaced."""
    if "@" in text:
        text = _EMAIL.sub(EMAIL, text)
    digit = _ANY_DIGIT.search(text)
    if digit is None:
        return text  # nothing (more) that could be hidden (most questions)
    keeps = list(_KEEP.finditer(text, digit.start()))  # each starts with a digit (its look-behinds see before)
    starts, ends = {k.start() for k in keeps}, {k.end() for k in keeps}
    parts, pos = [], 0
    for keep in keeps:
        if _glued(text, keep, starts, ends):
            continue
        parts += [_redact_numbers(text[pos:keep.start()]), keep.group(0)]
        pos = keep.end()
    parts.append(_redact_numbers(text[pos:]))
    return "".join(parts)


# -- retention ---------------------------------------------------------------------------------------------------
def retention_cutoff(now: dt.datetime, retention_days: int) -> str:
    """The moment before which kept personal data is deleted, as stored (ISO, UTC)."""
    return (now - dt.timedelta(days=retention_days)).astimezone(dt.UTC).isoformat(timespec="seconds")


def purge_expired(store, now: dt.datetime, retention_days: int) -> dict[str, int]:
    """Delete the question log, sessions, tickets and other per-person traces older than ``retention_days``;
    return how many rows went, per table. Team reports are official records and are never touched."""
    return store.purge_before(retention_cutoff(now, retention_days))


def schedule(scheduler, deps) -> None:
    """Add the housekeeping jobs to ``run``'s APScheduler: the retention purge (a few minutes after start, then
    every 24 hours) and the write of the question log still buffered in memory (every ``LOG_DELAY`` second, in a
    worker thread, so the group commit of :meth:`bot.storage.Store.log_question` holds a quiet buffer no longer)."""
    import asyncio
    import logging

    from apscheduler.triggers.interval import IntervalTrigger

    from bot.storage import LOG_DELAY

    log = logging.getLogger(__name__)

    async def purge() -> None:
        try:
            gone = purge_expired(deps.store, deps.now(), deps.config.privacy.retention_days)
            log.info("privacy: purged %s", ", ".join(f"{n} {table}" for table, n in gone.items() if n) or "nothing")
        except Exception:
            log.exception("privacy purge failed (retried in 24 h; `python -m bot privacy purge` runs it now)")

    async def flush_log() -> None:
        await asyncio.to_thread(deps.store.flush_log)

    scheduler.add_job(purge, IntervalTrigger(hours=24), id="privacy_purge", max_instances=1, coalesce=True,
                      next_run_time=deps.now() + dt.timedelta(minutes=5))
    scheduler.add_job(flush_log, IntervalTrigger(seconds=LOG_DELAY), id="question_log", max_instances=1, coalesce=True)
