"""Leaders: digests, Excel export, locking a period, invites, assigning tasks.

Leaders and deputies of a unit above the villages see every village of its subtree (the commune's leaders every
village of the commune; a province officer the whole province or the part under their unit); a village's «tổ
trưởng thôn» sees only that village and invites only its members; only leaders of the root of the tree (the one
commune, or the province) lock and assign tasks (see :mod:`bot.team.roles`; broadcasts: :mod:`bot.team.audience`).
"""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.team.cycles import all_cycles, leading_cycle, parse_in, period_label, running, several, valid_period
from bot.team.digest import build_summary, period_summary
from bot.team.invites import make_invite
from bot.team.periods import parse_period, split
from bot.team.plan_tasks import task_board
from bot.team.render import cycles_replies
from bot.team.render_province import province_replies
from bot.team.reports import due_at, leader_period, village_key
from bot.team.units import tree
from bot.team.upward import province_summary
from nlu.cues import WORDS
from nlu.normalize import fold_words

MAX_INVITE_CHOICES = 8


# -- guards ---------------------------------------------------------------------------------------------------
def leader_guard(turn: Turn, commune: bool = True) -> list[Outgoing] | None:
    """The refusal unless a leader of the root (or, with ``commune=False``, any leader, who sees their part)."""
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    scope = turn.scope
    if scope.top_leader or (not commune and scope.any_leader):
        return None
    return [Outgoing(texts.LEADERS_ONLY)]


def _leader_period(turn: Turn, argument: str, commune: bool = True) -> tuple[str | None, list[Outgoing] | None]:
    """The period a leader's command is about (default: the period just due until it is locked), or the refusal.
    With several cycles the argument may name one first («tuần», «chiến dịch», its key): «/khoa tuan 21»."""
    if refusal := leader_guard(turn, commune):
        return None, refusal
    config, store = turn.deps.config, turn.deps.store
    cycle, named = None, []
    if several(config):
        if valid_period(config, argument.strip()):
            return argument.strip(), None
        named, rest = leading_cycle(config, argument)
        if named:
            cycle, argument = named[0], rest
    period = parse_in(named, argument, turn.now) if argument.strip() else \
        leader_period(config, store, turn.now, cycle)
    if period is None:
        return None, [Outgoing(turn.say(texts.PERIOD_BAD, text=argument.strip()[:20]))]
    if cycle is not None and cycle.key and argument.strip():
        period = f"{cycle.key}:{period}"
    if cycle is not None and not valid_period(config, period):
        return None, [Outgoing(turn.say(texts.PERIOD_BAD, text=argument.strip()[:20]))]
    return period, None


def _cycle_periods(turn: Turn, argument: str) -> list[str] | None:
    """A digest without a cycle or period named, with several cycles: the period of each running cycle (the
    default cycle's first); None otherwise."""
    config = turn.deps.config
    if not several(config) or argument.strip():
        return None
    running_ = [c for c in all_cycles(config) if not c.key or running(c, turn.now)]
    return [leader_period(config, turn.deps.store, turn.now, c) for c in running_]


def _label(turn: Turn, period: str) -> str:
    return period_label(turn.deps.config, period)


def _shown(turn: Turn) -> list[str] | None:
    """The villages this leader sees (None: all)."""
    return None if turn.scope.top_leader else turn.scope.villages(turn.deps.config)


def _province_view(turn: Turn) -> bool:
    """A province's leaders get the province digest (communes' and departments' reports to the province)."""
    return bool(turn.scope and turn.scope.top_leader) and tree(turn.deps.config).root.kind == "province"


def _named_unit(turn: Turn, argument: str) -> tuple[str | None, str]:
    """A commune or department leading a province leader's argument («/tonghop duc_tho 11/2026»), and the rest."""
    if not _province_view(turn) or not argument.strip():
        return None, argument
    words = argument.split()
    org = tree(turn.deps.config)
    for n in range(len(words), 0, -1):  # the longest leading words that name one unit
        found = org.find(" ".join(words[:n]), kinds=("commune", "department"))
        if len(found) == 1:
            return found[0], " ".join(words[n:])
    return None, argument


def _digest(turn: Turn, argument: str, parts: tuple[str, ...]) -> list[Outgoing]:
    """The digest a leader may see: the province's (or one of its units' villages), a commune's, a village's;
    with several cycles, each running cycle's (one workbook, a sheet per cycle) unless one is named."""
    unit, argument = _named_unit(turn, argument)
    period, problem = _leader_period(turn, argument, commune=False)
    if problem:
        return problem
    config, store = turn.deps.config, turn.deps.store
    tasks = task_board(config, store, turn.now, within=unit or turn.scope.unit)  # a plan's tasks in that part
    periods = _cycle_periods(turn, argument) or [period]
    villages = tree(config).villages_under(unit) if unit else _shown(turn)
    replies: list[Outgoing] = []
    province = unit is None and _province_view(turn) and not split(periods[0])[0]
    summaries = [period_summary(config, store, p, villages, now=turn.now) for p in periods[province:]]
    if province:  # the province workbook gets a sheet per other cycle, and the plan's tasks
        replies += province_replies(config, province_summary(config, store, periods[0]), parts, tasks,
                                    tuple(summaries))
        parts, tasks = tuple(p for p in parts if p != "excel"), None
    return replies + (cycles_replies(config, summaries, parts, tasks) if summaries else [])


# -- digest ---------------------------------------------------------------------------------------------------
def summary(turn: Turn, argument: str) -> list[Outgoing]:
    """/tonghop [tháng]: who reported, who is missing (with whom to call), totals and progress, with a chart; a
    province's leaders get the province digest, or with a unit («/tonghop duc_tho») that unit's villages."""
    return _digest(turn, argument, ("text", "chart"))


def export(turn: Turn, argument: str) -> list[Outgoing]:
    """/xuat [tháng]: the period's figures as an Excel file (a province: the province workbook, or a unit's)."""
    return _digest(turn, argument, ("excel",))


# -- locking --------------------------------------------------------------------------------------------------
def lock(turn: Turn, argument: str) -> list[Outgoing]:
    """/khoa [tháng]: ask for confirmation, warning of villages that have not reported (and an open deadline)."""
    period, problem = _leader_period(turn, argument)
    if problem:
        return problem
    store, config = turn.deps.store, turn.deps.config
    if store.locked(period):
        return [Outgoing(texts.LOCKED_ALREADY.format(period=_label(turn, period)))]
    reports = store.reports(period)
    missing = [row.name for row in build_summary(config, period, reports).rows if row.key not in reports]
    warnings = []
    if missing:
        warnings.append(texts.LOCK_MISSING.format(n=len(missing), villages=", ".join(missing)))
    due = due_at(config, period, None)
    if due > turn.now:
        warnings.append(texts.LOCK_EARLY.format(deadline=due.strftime("%H:%M %d/%m/%Y")))
    text = texts.LOCK_ASK.format(period=_label(turn, period), warnings="".join(f"\n⚠️ {w}" for w in warnings))
    return [Outgoing(text, (Button(texts.BUTTON_LOCK, f"k:ok:{period}"), Button(texts.BUTTON_CANCEL, "k:no")))]


def lock_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«🔒 Khóa» / «Hủy» under the lock question."""
    if refusal := leader_guard(turn):
        return refusal
    _, action, period = (payload.split(":", 2) + ["", ""])[:3]
    if action != "ok":
        return [Outgoing(texts.CANCELLED)]
    if parse_period(period, turn.now) != period and not valid_period(turn.deps.config, period):
        return [Outgoing(texts.STALE_BUTTON)]
    done = turn.deps.store.lock(period, turn.person["id"], turn.now.isoformat())
    return [Outgoing((texts.LOCKED_OK if done else texts.LOCKED_ALREADY).format(period=_label(turn, period)))]


def unlock(turn: Turn, argument: str) -> list[Outgoing]:
    """/mokhoa [tháng]."""
    period, problem = _leader_period(turn, argument)
    if problem:
        return problem
    done = turn.deps.store.unlock(period)
    return [Outgoing((texts.UNLOCKED_OK if done else texts.UNLOCKED_NOT).format(period=_label(turn, period)))]


def nudge_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Nhắc lại» under an escalation (n:<period>): remind the members of the villages still missing, now —
    those in the pressing leader's own part of the tree."""
    if refusal := leader_guard(turn, commune=False):
        return refusal
    period = payload[2:]
    if parse_period(period, turn.now) != period and not valid_period(turn.deps.config, period):
        return [Outgoing(texts.STALE_BUTTON)]
    store, config = turn.deps.store, turn.deps.config
    if store.locked(period):
        return [Outgoing(texts.LOCKED_ALREADY.format(period=_label(turn, period)))]
    reports = store.reports(period)
    missing = {row.key: row.name for row in build_summary(config, period, reports).rows
               if row.key not in reports and turn.scope.leads(row.key)}
    if not missing:
        return [Outgoing(texts.NUDGE_NONE.format(period=_label(turn, period)))]
    stamp = turn.now.strftime("%Y%m%d%H")  # pressed twice within the hour: reminded once
    items = [{"key": f"nudge:{a['person_id']}:{period}:{stamp}", "channel": a["channel"], "chat_id": a["user_id"],
              "kind": "nudge", "period": period, "village": a["village"] or a["unit"],
              "text": turn.say(texts.NUDGE, village=missing[a["village"] or a["unit"]], period=_label(turn, period),
                               deadline=due_at(config, period, a["village"] or a["unit"]).strftime("%H:%M %d/%m/%Y")),
              "payload": {"buttons": [[texts.REPORT_NOW_BUTTON, f"r:start:{period}"]]}}
             for a in store.accounts() if (a["village"] or a["unit"]) in missing]
    store.enqueue(items, turn.now.isoformat())
    return [Outgoing(texts.NUDGE_QUEUED.format(n=len(items), period=_label(turn, period)))]


# -- invites --------------------------------------------------------------------------------------------------
def _village_keys(turn: Turn, most: int = 40) -> str:
    """The keys of the villages this leader may name (the first ``most`` of a province's)."""
    keys = [v.key for v in turn.deps.config.villages] if turn.scope.top_leader else turn.scope.villages()
    return ", ".join(keys[:most]) + (", …" if len(keys) > most else "")


def _parse_invite(turn: Turn, argument: str) -> tuple[str | None, str, str] | None:
    """(unit key, None for the root, role, name) from «/moi VILLAGE|UNIT [tổ trưởng] [Họ tên]», or None."""
    where, _, rest = argument.strip().partition(" ")
    rest = rest.strip()
    org = tree(turn.deps.config)
    role, _, name = _role_and_name(rest)
    if where.lower() in ("xa", "xã") and org.root.kind == "commune":
        return (None, role, name) if role in ("leader", "deputy") else None
    within = None if turn.scope.top_leader else turn.scope.unit
    village = village_key(turn.deps.config, where, within) or village_key(turn.deps.config, where)
    if village is None:
        units = org.find(where, kinds=("province", "commune", "department"))
        if len(units) != 1:
            return None
        return (units[0], role, name) if role in ("leader", "deputy") else None
    if role is None:
        return village, "member", rest
    return (village, role, name) if role in ("leader", "member") else None


def _role_and_name(text: str) -> tuple[str | None, str, str]:
    """Split «tổ trưởng Nguyễn Văn A» into ("leader", "tổ trưởng", "Nguyễn Văn A"); (None, "", text) without one."""
    words = text.split()
    for n in (3, 2, 1):
        role = WORDS.roles.get(fold_words(" ".join(words[:n])))
        if role:
            return role[0], " ".join(words[:n]), " ".join(words[n:])
    return None, "", text


def _refused(turn: Turn) -> list[Outgoing]:
    scope = turn.scope
    if scope.village_leader:
        return [Outgoing(texts.INVITE_OWN_VILLAGE.format(village=turn.village_name(scope.unit)))]
    return [Outgoing(texts.INVITE_OWN_UNIT.format(unit=turn.village_name(scope.unit)))]


def invite(turn: Turn, argument: str) -> list[Outgoing]:
    """/moi VILLAGE [tổ trưởng] [Họ tên], /moi xa tổ phó|tổ trưởng, or in a province /moi UNIT tổ trưởng|tổ phó:
    a one-time code, valid for a week.

    For a unit, people of the roster not yet linked are offered first, so nobody is entered twice."""
    if refusal := leader_guard(turn, commune=False):
        return refusal
    parsed = _parse_invite(turn, argument)
    if parsed is None:
        return [Outgoing(texts.INVITE_USAGE.format(villages=_village_keys(turn)))]
    key, role, name = parsed
    if not turn.scope.may_invite(key, role):
        return _refused(turn)
    if key and not name:
        waiting = [p for p in turn.deps.store.unlinked_people(key) if p["role"] == role]
        if waiting:
            buttons = [Button(texts.INVITE_PERSON_BUTTON.format(name=p["name"])[:60], f"i:{p['id']}")
                       for p in waiting[:MAX_INVITE_CHOICES]]
            buttons.append(Button(texts.INVITE_NEW_BUTTON, f"i:new:{key}:{role}"))
            return [Outgoing(turn.say(texts.INVITE_CHOOSE, village=turn.village_name(key)), tuple(buttons))]
    return _code(turn, key, role, None, name or None)


def invite_button(turn: Turn, payload: str) -> list[Outgoing]:
    """A roster person (i:<id>) or «Người mới» (i:new:<unit>:<role>) chosen under /moi."""
    if refusal := leader_guard(turn, commune=False):
        return refusal
    parts = payload.split(":")
    if len(parts) == 4 and parts[1] == "new":
        key, role = parts[2] or None, parts[3]
        if key is not None and key not in tree(turn.deps.config).units:
            return [Outgoing(texts.STALE_BUTTON)]
        return _code(turn, key, role, None, None) if turn.scope.may_invite(key, role) else \
            _refused(turn)
    if len(parts) != 2 or not (parts[1].isascii() and parts[1].isdigit()):
        return [Outgoing(texts.STALE_BUTTON)]
    person = next((p for p in turn.deps.store.people() if p["id"] == int(parts[1])), None)
    key = person and (person["village"] or person.get("unit"))
    if person is None or not turn.scope.may_invite(key, person["role"]):
        return [Outgoing(texts.STALE_BUTTON)]
    return _code(turn, key, person["role"], person["id"], person["name"])


def _code(turn: Turn, key: str | None, role: str, person_id: int | None, name: str | None) -> list[Outgoing]:
    """Make the code and tell the leader how the person uses it."""
    village, unit = tree(turn.deps.config).place(key)
    code, expires = make_invite(turn.deps.store, turn.now, village, role, person_id=person_id, name=name,
                                created_by=str(turn.person["id"]), unit=unit)
    link = texts.INVITE_LINK.format(bot=turn.bot_username, code=code) if turn.bot_username else ""
    who = texts.ROLE_NAMES[role]  # «tổ trưởng Thôn X», «thành viên Thôn X», «tổ phó xã»
    named = f" ({name})" if name else ""
    return [Outgoing(texts.INVITE_OK.format(role=who, code=code, link=link, name=named,
                                            village=turn.village_name(key) if key else texts.INVITE_FOR_COMMUNE,
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
