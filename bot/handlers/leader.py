"""Team leaders (tổ trưởng, tổ phó): digests, Excel export, locking a period, invites, assigning tasks."""

from __future__ import annotations

import datetime as dt
import re

from bot import offload, texts
from bot.handlers.member import new_invite_code
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.periods import label, parse_period
from bot.roster import ROLE_WORDS
from nlu.normalize import fold_words
from scheduler.digests import build_summary, summary_chart, summary_excel, summary_text

INVITE_DAYS = 7


def _period(turn: Turn, argument: str) -> str | None:
    if not argument.strip():
        return turn.period()
    return parse_period(argument, turn.now)


def collect_reports(deps, period: str) -> dict[str, dict]:
    """village -> {"values", "reporter", "confirmed_at"} as the digest functions expect."""
    reports = {}
    for village, report in deps.store.reports(period).items():
        reporter = deps.store.person(report["person_id"])["name"] if report["person_id"] else None
        reports[village] = {"values": report["values"], "reporter": reporter,
                            "confirmed_at": dt.datetime.fromisoformat(report["confirmed"])}
    return reports


def period_summary(deps, period: str):
    return build_summary(deps.config, period, collect_reports(deps, period), locked=deps.store.locked(period))


def digest(deps, period: str, parts: tuple[str, ...] = ("text", "chart", "excel")) -> list[Outgoing]:
    """The leader's digest: text, chart, Excel (all three are sent by the scheduler after each deadline)."""
    summary = period_summary(deps, period)
    replies = []
    if "text" in parts:
        replies.append(Outgoing(summary_text(summary, deps.config.organisation.name)))
    if "chart" in parts:
        chart = offload.run(summary_chart, summary)  # its own process in `run`: the renderer holds the GIL
        replies.append(Outgoing(texts.CHART_CAPTION.format(period=label(period)), picture=chart))
    if "excel" in parts:
        replies.append(Outgoing(texts.EXPORT_CAPTION.format(period=label(period)),
                                file=summary_excel(summary, deps.config),
                                filename=f"tong_hop_{period.replace('-', '_')}.xlsx"))
    return replies


def _leader_guard(turn: Turn) -> list[Outgoing] | None:
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    if not turn.is_leader:
        return [Outgoing(texts.LEADERS_ONLY)]
    return None


def _leader_period(turn: Turn, argument: str) -> tuple[str | None, list[Outgoing] | None]:
    """The period a leader's command is about, or the refusal / error to reply with."""
    if refusal := _leader_guard(turn):
        return None, refusal
    period = _period(turn, argument)
    if period is None:
        return None, [Outgoing(texts.PERIOD_BAD.format(text=argument.strip()[:20]))]
    return period, None


def summary(turn: Turn, argument: str) -> list[Outgoing]:
    """/tonghop [tháng]: who reported, who is missing, totals and progress, with a chart."""
    period, problem = _leader_period(turn, argument)
    return problem or digest(turn.deps, period, ("text", "chart"))


def export(turn: Turn, argument: str) -> list[Outgoing]:
    """/xuat [tháng]: the period's figures as an Excel file."""
    period, problem = _leader_period(turn, argument)
    return problem or digest(turn.deps, period, ("excel",))


def lock(turn: Turn, argument: str, locking: bool = True) -> list[Outgoing]:
    """/khoa [tháng] and /mokhoa [tháng]."""
    period, problem = _leader_period(turn, argument)
    if problem:
        return problem
    store = turn.deps.store
    if locking:
        done = store.lock(period, turn.person["id"], turn.now.isoformat())
        return [Outgoing((texts.LOCKED_OK if done else texts.LOCKED_ALREADY).format(period=label(period)))]
    done = store.unlock(period)
    return [Outgoing((texts.UNLOCKED_OK if done else texts.UNLOCKED_NOT).format(period=label(period)))]


def _village_keys(turn: Turn) -> str:
    return ", ".join(v.key for v in turn.deps.config.villages)


def invite(turn: Turn, argument: str, bot_username: str | None = None) -> list[Outgoing]:
    """/moi VILLAGE (a village member) or /moi xa tổ phó|tổ trưởng: a one-time invite code, valid for a week."""
    if refusal := _leader_guard(turn):
        return refusal
    where, _, role_text = argument.strip().partition(" ")
    villages = {v.key for v in turn.deps.config.villages}
    role = ROLE_WORDS.get(fold_words(role_text), "member" if not role_text else None)
    for_commune = where in ("xa", "xã")
    if role is None or (where not in villages and not for_commune) or for_commune == (role == "member"):
        return [Outgoing(texts.INVITE_USAGE.format(villages=_village_keys(turn)))]
    village = None if for_commune else where
    code = new_invite_code()
    expires = turn.now + dt.timedelta(days=INVITE_DAYS)
    turn.deps.store.create_invite(code, village, role, expires.isoformat(), created_by=str(turn.person["id"]))
    link = texts.INVITE_LINK.format(bot=bot_username, code=code) if bot_username else ""
    return [Outgoing(texts.INVITE_OK.format(role=texts.ROLE_NAMES[role], code=code, link=link,
                                            village=turn.village_name(village) or texts.INVITE_FOR_COMMUNE,
                                            expires=expires.strftime("%H:%M %d/%m/%Y")))]


def assign_task(turn: Turn, argument: str) -> list[Outgoing]:
    """/giaoviec VILLAGE|all dd/mm/yyyy title: a dated task for one or every village."""
    if refusal := _leader_guard(turn):
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


def broadcast(turn: Turn, argument: str) -> list[Outgoing]:
    """/thongbao TEXT: preview a notice for every subscriber; it goes out when the leader presses «Gửi»."""
    if refusal := _leader_guard(turn):
        return refusal
    text = argument.strip()
    if len(text) < 5:
        return [Outgoing(texts.BROADCAST_USAGE)]
    turn.session.clear()
    turn.session.update(flow="broadcast", text=text[:3000])
    preview = texts.BROADCAST_PREVIEW.format(n=len(turn.deps.store.subscribers()), text=text[:3000])
    return [Outgoing(preview, (Button(texts.BROADCAST_SEND, "b:ok"), Button(texts.BUTTON_CANCEL, "b:cancel")))]


def broadcast_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Gửi» / «Hủy» under a broadcast preview; the outbox delivers it within the rate limits."""
    if refusal := _leader_guard(turn):
        return refusal
    if turn.session.get("flow") != "broadcast":
        return [Outgoing(texts.STALE_BUTTON)]
    text = turn.session["text"]
    turn.session.clear()
    if payload != "b:ok":
        return [Outgoing(texts.CANCELLED)]
    broadcast_id, total = turn.deps.store.add_broadcast(text, turn.person["id"], turn.now.isoformat())
    return [Outgoing(texts.BROADCAST_QUEUED.format(id=broadcast_id, n=total))]
