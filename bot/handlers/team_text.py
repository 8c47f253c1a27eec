"""Plain words a team member uses instead of commands, tried before a message is taken as a citizen's question.

Usage (from the core, for a message of a team member outside any conversation)::

    replies = route_team_text(turn, text)    # None: not team business, answer it as a question

Members: «báo cáo», «gửi báo cáo», «báo cáo tháng 11», «sửa báo cáo», «việc của tôi», «hủy», and a whole report in
one message («12 cccd, 30 mức 2, …», «Thôn Trung Thượng báo cáo tháng 11: cccd 12, …»). Leaders: «tổng hợp
[tháng 10]», «xuất excel [tháng 10]», «thôn nào chưa báo cáo», «tháng trước».
"""

from __future__ import annotations

import re

from bot import texts
from bot.handlers import leader, report, tasks, upward
from bot.handlers.turn import Turn
from bot.messages import Outgoing
from bot.team.cycles import cycles_for, leading_cycle, several, typed_name
from bot.team.periods import parse_period
from bot.team.reports import example_line
from nlu.normalize import fold_words

_PERIOD = r"(?: (?:cua |cho |ky )?(?P<period>(?:thang|tuan|t) ?\d{1,2}(?: ?/ ?\d{4})?|\d{1,2}/\d{4}|"
_PERIOD += r"thang (?:nay|truoc|roi)|tuan (?:nay|truoc|roi)))?"
MEMBER_PHRASES = [
    (re.compile(rf"(?:gui |nop |lam )?(?:bao cao|so lieu)(?: so lieu)?(?: ngay)?{_PERIOD}"), "report"),
    (re.compile(rf"(?:nop|gui) so lieu{_PERIOD}"), "report"),
    (re.compile(rf"sua (?:bao cao|so lieu){_PERIOD}"), "edit"),
    (re.compile(r"viec cua toi|viec|nhiem vu|viec duoc giao"), "tasks"),
    (re.compile(r"huy"), "cancel"),
]
LEADER_PHRASES = [
    (re.compile(rf"(?:gui|nop|bao cao) (?:bao cao |so lieu )?(?:len|ve) tinh{_PERIOD}"), "upward"),
    (re.compile(rf"(?:xem )?tong hop{_PERIOD}"), "summary"),
    (re.compile(rf"(?:xuat|tai) (?:file |tep )?(?:excel|bang tinh|bao cao|so lieu|bang tong hop)?{_PERIOD}"),
     "export"),
    (re.compile(r"xuat"), "export"),
    (re.compile(r"(?:thon nao|ai|nhung thon nao|con thon nao) chua (?:bao cao|gui|nop)(?: so lieu| bao cao)?"
                rf"{_PERIOD}"), "summary"),
    (re.compile(r"(?:tinh hinh|tien do) bao cao" + _PERIOD), "summary"),
    (re.compile(r"(?P<period>thang (?:nay|truoc|roi)|tuan (?:nay|truoc|roi))"), "summary"),
]


def _match(phrases, folded: str) -> tuple[str, str] | None:
    for pattern, action in phrases:
        if m := pattern.fullmatch(folded):
            return action, (m.groupdict().get("period") or "")
    return None


def route_team_text(turn: Turn, text: str) -> list[Outgoing] | None:
    """Team business in plain words, or None when the message is not (then it is a citizen's question)."""
    folded = " ".join(fold_words(text).replace("?", " ").split())
    scope = turn.scope
    if scope.any_leader and (found := _match(LEADER_PHRASES, folded)):
        action, period = found
        if not period or parse_period(period, turn.now):
            handler = {"summary": leader.summary, "export": leader.export, "upward": upward.upward}[action]
            return handler(turn, period)
    if several(turn.deps.config) and (found := _cycle_phrase(turn, folded)):
        return found
    if found := _match(MEMBER_PHRASES, folded):
        action, period = found
        if period and parse_period(period, turn.now) is None:
            return None
        if action == "report":
            return report.start_report(turn, period)
        if action == "edit":
            return report.edit_report(turn, period)
        if action == "tasks":
            return tasks.my_tasks(turn)
        return report.cancel(turn)
    if (turn.person["village"] or several(turn.deps.config)) and report.reporter_guard(turn) is None \
            and (read := report.line_cycles(turn, text)):
        return report.quick_report(turn, *read)
    return None


_CYCLE_PHRASE = re.compile(r"(?P<verb>sua (?:bao cao|so lieu)|tong hop(?: bao cao| so lieu)?|xuat(?: excel| bao cao)?|"
                           r"(?:gui |nop |lam )?(?:bao cao|so lieu)) (?P<rest>.+)")


def _cycle_phrase(turn: Turn, folded: str) -> list[Outgoing] | None:
    """«báo cáo tuần», «báo cáo tháng 11», «sửa báo cáo chiến dịch», «tổng hợp báo cáo tuần»: a cycle named."""
    m = _CYCLE_PHRASE.fullmatch(folded)
    if not m or not leading_cycle(turn.deps.config, m.group("rest"))[0]:
        return None
    verb, rest = m.group("verb").split()[0], m.group("rest")
    if verb in ("tong", "xuat"):
        return (leader.summary if verb == "tong" else leader.export)(turn, rest) if turn.scope.any_leader else None
    return (report.edit_report if verb == "sua" else report.start_report)(turn, rest)


def team_help(turn: Turn) -> list[Outgoing]:
    """/help for a team member: their commands, with a complete one-message example; leaders' commands too."""
    scope = turn.scope
    text = turn.say(texts.TEAM_HELP, example=example_line(turn.deps.config))
    if several(turn.deps.config) and report.reporter_guard(turn) is None:  # the reports this person's unit owes
        unit = turn.person["village"] or scope.unit
        text += texts.CYCLES_HELP + "".join(
            texts.CYCLES_HELP_LINE.format(name=c.name[:1].upper() + c.name[1:], words=typed_name(c),
                                          example=example_line(turn.deps.config, c.indicators or None))
            for c in cycles_for(turn.deps.config, unit, turn.now))
    if scope.top_leader:
        text += texts.LEADER_HELP
    elif scope.commune_leader:
        text += texts.UNIT_LEADER_HELP
    elif scope.village_leader:
        text += texts.VILLAGE_LEADER_HELP
    return [Outgoing(text)]
