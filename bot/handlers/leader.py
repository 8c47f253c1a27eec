"""Leaders: digests, Excel export, locking a period, invites, assigning tasks.

Commune leaders and deputies (tổ trưởng, tổ phó xã) see every village; a village's «tổ trưởng thôn» sees only
that village and invites only its members; only commune leaders lock, assign tasks and broadcast (see
:mod:`bot.team.roles`).
"""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.team.digest import period_summary
from bot.team.invites import make_invite
from bot.team.periods import label, parse_period
from bot.team.render import digest_replies
from bot.team.reports import due_at, leader_period, village_key
from bot.team.roles import Scope
from bot.team.roster import ROLE_WORDS
from nlu.normalize import fold_words

MAX_INVITE_CHOICES = 8


# -- guards ---------------------------------------------------------------------------------------------------
def leader_guard(turn: Turn, commune: bool = True) -> list[Outgoing] | None:
    """The refusal unless a commune leader (or, with ``commune=False``, also a village leader)."""
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    scope = turn.scope
    if scope.commune_leader or (not commune and scope.village_leader):
        return None
    return [Outgoing(texts.LEADERS_ONLY)]


def _leader_period(turn: Turn, argument: str, commune: bool = True) -> tuple[str | None, list[Outgoing] | None]:
    """The period a leader's command is about (default: the period just due until it is locked), or the refusal."""
    if refusal := leader_guard(turn, commune):
        return None, refusal
    period = parse_period(argument, turn.now) if argument.strip() else \
        leader_period(turn.deps.config, turn.deps.store, turn.now)
    if period is None:
        return None, [Outgoing(texts.PERIOD_BAD.format(text=argument.strip()[:20]))]
    return period, None


def _shown(turn: Turn) -> list[str] | None:
    """The villages this leader sees (None: all)."""
    return None if turn.scope.commune_leader else turn.scope.villages(turn.deps.config)


# -- digest ---------------------------------------------------------------------------------------------------
def summary(turn: Turn, argument: str) -> list[Outgoing]:
    """/tonghop [tháng]: who reported, who is missing (with whom to call), totals and progress, with a chart."""
    period, problem = _leader_period(turn, argument, commune=False)
    if problem:
        return problem
    return digest_replies(turn.deps.config, period_summary(turn.deps.config, turn.deps.store, period, _shown(turn)),
                          ("text", "chart"))


def export(turn: Turn, argument: str) -> list[Outgoing]:
    """/xuat [tháng]: the period's figures as an Excel file."""
    period, problem = _leader_period(turn, argument, commune=False)
    if problem:
        return problem
    return digest_replies(turn.deps.config, period_summary(turn.deps.config, turn.deps.store, period, _shown(turn)),
                          ("excel",))


# -- locking --------------------------------------------------------------------------------------------------
def lock(turn: Turn, argument: str) -> list[Outgoing]:
    """/khoa [tháng]: ask for confirmation, warning of villages that have not reported (and an open deadline)."""
    period, problem = _leader_period(turn, argument)
    if problem:
        return problem
    store, config = turn.deps.store, turn.deps.config
    if store.locked(period):
        return [Outgoing(texts.LOCKED_ALREADY.format(period=label(period)))]
    reports = store.reports(period)
    missing = [v.name for v in config.villages if v.key not in reports]
    warnings = []
    if missing:
        warnings.append(texts.LOCK_MISSING.format(n=len(missing), villages=", ".join(missing)))
    due = due_at(config, period, None)
    if due > turn.now:
        warnings.append(texts.LOCK_EARLY.format(deadline=due.strftime("%H:%M %d/%m/%Y")))
    text = texts.LOCK_ASK.format(period=label(period), warnings="".join(f"\n⚠️ {w}" for w in warnings))
    return [Outgoing(text, (Button(texts.BUTTON_LOCK, f"k:ok:{period}"), Button(texts.BUTTON_CANCEL, "k:no")))]


def lock_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«🔒 Khóa» / «Hủy» under the lock question."""
    if refusal := leader_guard(turn):
        return refusal
    _, action, period = (payload.split(":", 2) + ["", ""])[:3]
    if action != "ok":
        return [Outgoing(texts.CANCELLED)]
    if parse_period(period, turn.now) != period:
        return [Outgoing(texts.STALE_BUTTON)]
    done = turn.deps.store.lock(period, turn.person["id"], turn.now.isoformat())
    return [Outgoing((texts.LOCKED_OK if done else texts.LOCKED_ALREADY).format(period=label(period)))]


def unlock(turn: Turn, argument: str) -> list[Outgoing]:
    """/mokhoa [tháng]."""
    period, problem = _leader_period(turn, argument)
    if problem:
        return problem
    done = turn.deps.store.unlock(period)
    return [Outgoing((texts.UNLOCKED_OK if done else texts.UNLOCKED_NOT).format(period=label(period)))]


# -- invites --------------------------------------------------------------------------------------------------
def _village_keys(turn: Turn) -> str:
    return ", ".join(v.key for v in turn.deps.config.villages)


def _parse_invite(turn: Turn, argument: str) -> tuple[str | None, str, str] | None:
    """(village or None for the commune, role, name) from «/moi VILLAGE [tổ trưởng] [Họ tên]», or None."""
    where, _, rest = argument.strip().partition(" ")
    rest = rest.strip()
    if where.lower() in ("xa", "xã"):
        role, _, name = _role_and_name(rest)
        return (None, role, name) if role in ("leader", "deputy") else None
    village = village_key(turn.deps.config, where)
    if village is None:
        return None
    role, _, name = _role_and_name(rest)
    if role is None:
        return village, "member", rest
    return (village, role, name) if role in ("leader", "member") else None


def _role_and_name(text: str) -> tuple[str | None, str, str]:
    """Split «tổ trưởng Nguyễn Văn A» into ("leader", "tổ trưởng", "Nguyễn Văn A"); (None, "", text) without one."""
    words = text.split()
    for n in (3, 2, 1):
        role = ROLE_WORDS.get(fold_words(" ".join(words[:n])))
        if role:
            return role[0], " ".join(words[:n]), " ".join(words[n:])
    return None, "", text


def invite(turn: Turn, argument: str, bot_username: str | None = None) -> list[Outgoing]:
    """/moi VILLAGE [tổ trưởng] [Họ tên] or /moi xa tổ phó|tổ trưởng: a one-time code, valid for a week.

    For a village, people of the roster not yet linked are offered first, so nobody is entered twice."""
    if refusal := leader_guard(turn, commune=False):
        return refusal
    parsed = _parse_invite(turn, argument)
    if parsed is None:
        return [Outgoing(texts.INVITE_USAGE.format(villages=_village_keys(turn)))]
    village, role, name = parsed
    scope: Scope = turn.scope
    if not scope.commune_leader and (village != scope.unit or role != "member"):
        return [Outgoing(texts.INVITE_OWN_VILLAGE.format(village=turn.village_name(scope.unit)))]
    if village and not name:
        waiting = [p for p in turn.deps.store.unlinked_people(village) if p["role"] == role]
        if waiting:
            buttons = [Button(texts.INVITE_PERSON_BUTTON.format(name=p["name"])[:60], f"i:{p['id']}")
                       for p in waiting[:MAX_INVITE_CHOICES]]
            buttons.append(Button(texts.INVITE_NEW_BUTTON, f"i:new:{village}:{role}"))
            return [Outgoing(texts.INVITE_CHOOSE.format(village=turn.village_name(village)), tuple(buttons))]
    return _code(turn, village, role, None, name or None, bot_username)


def invite_button(turn: Turn, payload: str, bot_username: str | None = None) -> list[Outgoing]:
    """A roster person (i:<id>) or «Người mới» (i:new:<village>:<role>) chosen under /moi."""
    if refusal := leader_guard(turn, commune=False):
        return refusal
    parts = payload.split(":")
    if len(parts) == 4 and parts[1] == "new":
        village, role = parts[2], parts[3]
        return _code(turn, village, role, None, None, bot_username) if _may_invite(turn, village, role) else \
            [Outgoing(texts.INVITE_OWN_VILLAGE.format(village=turn.village_name(turn.scope.unit)))]
    if len(parts) != 2 or not (parts[1].isascii() and parts[1].isdigit()):
        return [Outgoing(texts.STALE_BUTTON)]
    person = next((p for p in turn.deps.store.people() if p["id"] == int(parts[1])), None)
    if person is None or not _may_invite(turn, person["village"], person["role"]):
        return [Outgoing(texts.STALE_BUTTON)]
    return _code(turn, person["village"], person["role"], person["id"], person["name"], bot_username)


def _may_invite(turn: Turn, village: str | None, role: str) -> bool:
    scope = turn.scope
    return scope.commune_leader or (village == scope.unit and role == "member")


def _code(turn: Turn, village: str | None, role: str, person_id: int | None, name: str | None,
          bot_username: str | None) -> list[Outgoing]:
    """Make the code and tell the leader how the person uses it."""
    code, expires = make_invite(turn.deps.store, turn.now, village, role, person_id=person_id, name=name,
                                created_by=str(turn.person["id"]))
    link = texts.INVITE_LINK.format(bot=bot_username, code=code) if bot_username else ""
    who = texts.ROLE_NAMES[role]  # «tổ trưởng Thôn X», «thành viên Thôn X», «tổ phó xã»
    named = f" ({name})" if name else ""
    return [Outgoing(texts.INVITE_OK.format(role=who, code=code, link=link, name=named,
                                            village=turn.village_name(village) or texts.INVITE_FOR_COMMUNE,
                                            expires=expires.strftime("%H:%M %d/%m/%Y")))]


# -- tasks ----------------------------------------------------------------------------------------------------
def assign_task(turn: Turn, argument: str) -> list[Outgoing]:
    """/giaoviec VILLAGE|all dd/mm/yyyy title: a dated task for one or every village."""
    if refusal := leader_guard(turn):
        return refusal
    match = re.fullmatch(r"\s*(\S+)\s+(\d{1,2})/(\d{1,2})/(\d{4})\s+(.{3,300})", argument, re.S)
    villages = {v.key for v in turn.deps.config.villages}
    usage = [Outgoing(texts.ASSIGN_USAGE.format(villages=_village_keys(turn)))]
    if not match or (match.group(1) != "all" and match.group(1) not in villages):
        return usage
    try:
        due = dt.date(int(match.group(4)), int(match.group(3)), int(match.group(2)))
    except ValueError:
        return usage
    targets = [] if match.group(1) == "all" else [match.group(1)]
    task_id = f"v{turn.deps.store.next_task_number()}"
    title = " ".join(match.group(5).split())
    turn.deps.store.add_task(task_id, title, due.isoformat(), targets, turn.person["id"])
    names = texts.ALL_VILLAGES if not targets else turn.village_name(targets[0])
    return [Outgoing(texts.ASSIGN_OK.format(id=task_id, title=title, villages=names, due=due.strftime("%d/%m/%Y")))]
