"""One-time invite codes: a leader (or the CLI) makes one, the person sends ``/join CODE``.

Usage::

    code, expires = make_invite(store, now, village="trung_ha", role="member", person_id=7, created_by="3")
"""

from __future__ import annotations

import datetime as dt
import secrets

from bot.storage import Store

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_DAYS = 7


def new_invite_code() -> str:
    """Eight characters without look-alikes (no 0/O, 1/I)."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))


def make_invite(store: Store, now: dt.datetime, village: str | None, role: str, person_id: int | None = None,
                name: str | None = None, created_by: str = "", days: int = INVITE_DAYS) -> tuple[str, dt.datetime]:
    """Store a new invite code; return it with its expiry."""
    code = new_invite_code()
    expires = now + dt.timedelta(days=days)
    store.create_invite(code, village, role, expires.isoformat(), person_id=person_id, name=name,
                        created_by=created_by)
    return code, expires
