"""The conversation core: one entry point from every channel, channel-neutral replies.

Usage::

    core = build_core(Settings())
    replies = core.handle(Incoming(channel="console", user_id="1", chat_id="1", text="quen mat khau vneid"))

Routing, in order: non-text input -> a polite reply; button presses; commands; a conversation in progress (the
monthly report, a task note); fixed words (menu, help, hotline, báo cáo, việc của tôi); a one-message report
from a team member; a number picking one of the last offered choices (for channels without buttons); a citizen's
free-text question. Nothing here imports a chat platform's library.

Exactly once: an update with a ``message_id`` is handled in one database transaction that also records it as
handled, with its replies; a redelivered update (the platform was not acknowledged, e.g. after a crash) changes
nothing again and gets the replies that were not yet delivered. Channels call ``await core.reply(msg)``, which runs
the (synchronous, blocking) core in a worker thread, then ``await core.delivered(msg)`` once the replies are sent,
and only then acknowledge the update to the platform.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from bot import texts, tickets
from bot.deps import Deps
from bot.formatting import vn_number
from bot.handlers import broadcast, citizen, commune, handoff, join, leader, plan_tasks, report, tasks, upward
from bot.handlers.team_text import route_team_text, team_help
from bot.handlers.turn import Turn
from bot.messages import Incoming, Kind, Outgoing, reply_from_record, reply_record
from bot.privacy import redact
from bot.storage import EMPTY_SESSION, DatabaseBusy, session_text
from nlu.cues import WORDS
from nlu.normalize import fold_words

log = logging.getLogger(__name__)
_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)
_DIGITS = re.compile(r"[0-9]{1,3}")
FLOW_TIMEOUT = dt.timedelta(hours=24)
BUSY_PATIENCE = 60.0  # seconds a message waits for a database locked by another process before the error reply
WORKERS = 8  # threads running the core: chats waiting on the database hold one each, the others go on


Handler = Callable[[Turn, str], list[Outgoing]]


def _session_key(msg: Incoming) -> str:
    return f"{msg.channel}:{msg.chat_id}:{msg.user_id}"


class _HandledMeanwhile(Exception):
    pass


def update_key(msg: Incoming) -> str | None:
    """The deduplication key of an update, None when the channel gives no id."""
    return f"{msg.channel}:{msg.message_id}" if msg.message_id else None


class Core:
    def __init__(self, deps: Deps, bot_username: str | None = None):
        self.deps = deps
        self.bot_username = bot_username  # for invite deep links, set by the Telegram channel
        # Every handler is called as handler(turn, argument): the text after the command, or the button's payload.
        self.commands: dict[str, Handler] = {
            "/start": self._start, "/menu": citizen.menu,
            "/help": self._help, "/hotline": citizen.hotline,
            "/join": join.join, "/baocao": report.start_report,
            "/suabaocao": report.edit_report, "/viec": tasks.my_tasks,
            "/xong": tasks.done_command, "/tiendo": plan_tasks.progress_command, "/huy": report.cancel,
            "/tonghop": leader.summary, "/xuat": leader.export, "/khoa": leader.lock,
            "/mokhoa": leader.unlock,
            "/moi": leader.invite, "/giaoviec": leader.assign_task,
            "/theodoi": citizen.subscribe,
            "/huytheodoi": citizen.unsubscribe,
            "/thongbao": broadcast.broadcast, "/guilen": upward.upward,
            "/quyenriengtu": citizen.privacy,
            "/xoadulieu": citizen.forget_me,
            "/hoicanbo": handoff.start, "/traloi": handoff.answer_command, "/phieu": handoff.list_tickets,
            "/xa": commune.change,
        }
        self.buttons: dict[str, Handler] = {  # by the payload's prefix, before the first «:»
            "r": report.report_button, "d": tasks.task_button, "w": plan_tasks.button, "b": broadcast.broadcast_button,
            "k": leader.lock_button, "n": leader.nudge_button, "i": leader.invite_button,
            "u": upward.upward_button, "s": citizen.subscribe_button, "m": citizen.menu,
            "x": citizen.forget_button,
            "h": handoff.button, "mh": handoff.button,  # mh: the citizen's side, h: the officers'
            "g": citizen.group_button, "t": citizen.topic_button, "f": citizen.feedback_button,
            "mx": self._commune_chosen,  # a citizen's commune (a province)
        }

    _executor: ThreadPoolExecutor | None = None

    async def reply(self, msg: Incoming) -> list[Outgoing]:
        """:meth:`handle` in a worker thread, so the event loop never waits on the database or a chart."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="core")
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.handle, msg)

    async def delivered(self, msg: Incoming) -> None:
        """The replies to ``msg`` were sent: a redelivery of the same update is ignored from now on."""
        key = update_key(msg)
        if key:
            await asyncio.get_running_loop().run_in_executor(self._executor, self.deps.store.delivered, key)

    def handle(self, msg: Incoming) -> list[Outgoing]:
        """Turn one incoming message into its replies; never raises (one friendly sentence on error).

        The handler's writes, the session and the update's deduplication record commit together; a database
        locked by another process is waited for (up to ``BUSY_PATIENCE`` seconds), the turn retried from scratch.
        """
        deadline = time.monotonic() + BUSY_PATIENCE
        while True:
            try:
                with self.deps.store.transaction():
                    return self._handle_once(msg)
            except DatabaseBusy:
                if time.monotonic() > deadline:
                    log.error("database locked for %.0f s: %s message from %s not handled", BUSY_PATIENCE,
                              msg.kind, msg.channel)
                    return [Outgoing(texts.ERROR)]
                time.sleep(0.05)
            except _HandledMeanwhile:
                continue  # another worker recorded the same update first: the next pass returns its replies
            except Exception:
                log.exception("error handling %s message from %s: %r", msg.kind, msg.channel, redact(msg.text)[:200])
                return [Outgoing(texts.ERROR)]

    def _handle_once(self, msg: Incoming) -> list[Outgoing]:
        update = update_key(msg)
        if update:
            pending = self.deps.store.handled(update)
            if pending is not None:
                log.info("%s update %s handled before: %d undelivered replies sent again", msg.channel,
                         msg.message_id, len(pending))
                return [reply_from_record(r) for r in pending]
        key = _session_key(msg)
        now = self.deps.now()
        session, before = self.deps.store.session_and_text(key)  # a fresh copy: handlers change it in place
        if session.get("flow") and now - dt.datetime.fromisoformat(session.get("at", "1970-01-01T00:00+00:00")) \
                > FLOW_TIMEOUT:
            session, before = {}, EMPTY_SESSION  # a conversation abandoned long ago must not resume (and save
            #                                      into an old period)
        person = self.deps.store.person_for(msg.channel, msg.user_id)
        turn = Turn(commune.arrive(self.deps, msg, person), msg, person, session, now, self.bot_username)
        replies = self._route(turn)
        citizen.remember(turn, replies)
        turn.session["choices"] = [b.payload for r in replies for b in r.buttons] or None
        state = {k: v for k, v in turn.session.items() if v is not None and k != "at"}
        if state.get("flow"):
            state["at"] = now.isoformat()
        if (after := session_text(state)) != before:  # saved only when the turn changed it
            self.deps.store.save_session(key, state, deferred=turn.person is None and not state.get("flow"),
                                         text=after)
        if update and not self.deps.store.record_handled(update, [reply_record(r) for r in replies]):
            raise _HandledMeanwhile  # roll this pass back
        return replies

    def forget(self, msg: Incoming) -> None:
        """Drop the conversation state of this sender (``ask``'s stateless questions)."""
        key = _session_key(msg)
        if self.deps.store.session(key):
            self.deps.store.save_session(key, {})

    def _route(self, turn: Turn) -> list[Outgoing]:
        msg = turn.msg
        if msg.kind == Kind.BUTTON:
            return self._button(turn, msg.payload)
        if msg.kind != Kind.TEXT:
            return [Outgoing(texts.NON_TEXT)]
        text = msg.text.strip()
        if not text:
            return [Outgoing(texts.EMPTY)]
        limit = self.deps.config.citizen.max_message_chars
        if len(text) > limit:
            return [Outgoing(texts.TOO_LONG.format(length=vn_number(len(text)), limit=vn_number(limit)))]
        if not _HAS_WORD.search(text):
            return [Outgoing(texts.NO_WORDS)]
        if text.startswith("/"):
            command, _, argument = text.partition(" ")
            handler = self.commands.get(command.split("@")[0].lower())
            if handler is None:
                return [Outgoing(texts.UNKNOWN_COMMAND.format(command=command[:32]))]
            return handler(turn, argument.strip())
        if turn.person and msg.reply_to and (answered := handoff.answer_reply(turn, msg.reply_to, text)):
            return answered
        flow = turn.session.get("flow")
        if flow == "commune" and (chosen := commune.continue_flow(turn, text)) is not None:
            return self._resume(turn, chosen)
        if flow in handoff.FLOWS:
            return handoff.continue_flow(turn, text)
        if flow == "report":
            return report.continue_report(turn, text)
        if flow == "task":
            return tasks.continue_task(turn, text)
        if flow == "ptask" and turn.person:
            return plan_tasks.continue_note(turn, text)
        if flow == "upward_edit" and turn.person:
            return upward.continue_upward(turn, text)
        if flow == "broadcast" and fold_words(text) in WORDS.cancel:
            return report.cancel(turn)
        subscribe = WORDS.subscribe.get(fold_words(text))
        if subscribe is not None:
            return citizen.set_subscription(turn, subscribe)
        fixed = citizen.is_menu_request(text)
        if fixed:
            return self.commands[f"/{fixed}"](turn, "")
        if turn.person and (team := route_team_text(turn, text)) is not None:
            return team
        choices = turn.session.get("choices") or []
        number = int(text) if _DIGITS.fullmatch(text) else citizen.choice_number(text) if choices else None  # «số 2»
        if _DIGITS.fullmatch(text) or number is not None or fold_words(text) in WORDS.back and choices:
            if number is not None and 1 <= number <= len(choices):
                return self._button(turn, choices[number - 1])
            if choices:
                return citizen.choose_in_range(len(choices))
        if turn.person is None and commune.many(turn.deps.config) and (named := commune.wants_change(text)) is not None:
            return commune.change(turn, named)
        if handoff.wants_person(text):
            return handoff.start(turn)
        replies = citizen.answer_question(turn, text)
        handoff.remember_question(turn, text, replies)
        return replies

    def _start(self, turn: Turn, argument: str) -> list[Outgoing]:
        if argument.startswith("join_"):
            return join.join(turn, argument[5:])
        if argument.startswith(commune.LINK_PREFIX):  # a commune's link: https://t.me/<bot>?start=xa_<key>
            note = commune.from_link(turn, argument[len(commune.LINK_PREFIX):])
            start = citizen.start(replace(turn, deps=commune.arrive(self.deps, turn.msg, turn.person)))
            return [Outgoing(f"{start[0].text}\n\n{note.text}", start[0].buttons), *start[1:]] if note else start
        return citizen.start(turn, argument)

    def _commune_chosen(self, turn: Turn, payload: str) -> list[Outgoing]:
        return self._resume(turn, commune.button(turn, payload))

    def _resume(self, turn: Turn, replies: list[Outgoing]) -> list[Outgoing]:
        """The commune is known now: answer the message that needed it (a local answer, «Hỏi cán bộ»)."""
        then = commune.resume(turn)
        if then is None:
            return replies
        return replies + self._route(replace(turn, deps=commune.arrive(self.deps, then, turn.person), msg=then))

    def _help(self, turn: Turn, argument: str) -> list[Outgoing]:
        if turn.person is None:
            return citizen.help_(turn)
        replies = team_help(turn)
        if tickets.is_officer(self.deps, turn.person):
            replies = [Outgoing(replies[0].text + texts.OFFICER_HELP)]
        return replies

    def _button(self, turn: Turn, payload: str) -> list[Outgoing]:
        handler = self.buttons.get(payload.partition(":")[0])
        return handler(turn, payload) if handler else [Outgoing(texts.STALE_BUTTON)]
