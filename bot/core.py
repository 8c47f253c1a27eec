"""The conversation core: one entry point from every channel, channel-neutral replies.

Usage::

    core = build_core(Settings())
    replies = core.handle(Incoming(channel="console", user_id="1", chat_id="1", text="quen mat khau vneid"))

Routing, in order: non-text input -> a polite reply; button presses; commands; fixed words (menu, help,
hotline); a number picking one of the last offered choices (for channels without buttons); a free-text question.
Nothing here imports a chat platform's library.
"""

from __future__ import annotations

import logging
import re

from bot import texts
from bot.deps import Deps
from bot.handlers import citizen
from bot.messages import Incoming, Kind, Outgoing
from bot.privacy import redact

log = logging.getLogger(__name__)
_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)


def _vn_number(n: int) -> str:
    """1234567 -> "1.234.567" (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


def _session_key(msg: Incoming) -> str:
    return f"{msg.channel}:{msg.chat_id}:{msg.user_id}"


class Core:
    def __init__(self, deps: Deps):
        self.deps = deps

    def handle(self, msg: Incoming) -> list[Outgoing]:
        """Turn one incoming message into its replies; never raises (one friendly sentence on error)."""
        try:
            replies = self._route(msg)
        except Exception:
            log.exception("error handling %s message from %s: %r", msg.kind, msg.channel, redact(msg.text)[:200])
            return [Outgoing(texts.ERROR)]
        self._remember_choices(msg, replies)
        return replies

    def _remember_choices(self, msg: Incoming, replies: list[Outgoing]) -> None:
        """Keep the payloads of the last offered buttons, so typing their number picks one."""
        buttons = [b.payload for r in replies for b in r.buttons]
        key = _session_key(msg)
        state = self.deps.store.session(key)
        if state.get("choices") != (buttons or None):
            state["choices"] = buttons or None
            self.deps.store.save_session(key, {k: v for k, v in state.items() if v})

    def _route(self, msg: Incoming) -> list[Outgoing]:
        if msg.kind == Kind.BUTTON:
            return self._button(msg, msg.payload)
        if msg.kind != Kind.TEXT:
            return [Outgoing(texts.NON_TEXT)]
        text = msg.text.strip()
        if not text:
            return [Outgoing(texts.EMPTY)]
        limit = self.deps.config.citizen.max_message_chars
        if len(text) > limit:
            return [Outgoing(texts.TOO_LONG.format(length=_vn_number(len(text)), limit=_vn_number(limit)))]
        if not _HAS_WORD.search(text):
            return [Outgoing(texts.NO_WORDS)]
        if text.startswith("/"):
            return self._command(msg, text)
        fixed = citizen.is_menu_request(text)
        if fixed:
            return self._fixed(fixed)
        if text.isdigit():
            choices = self.deps.store.session(_session_key(msg)).get("choices") or []
            if 1 <= int(text) <= len(choices):
                return self._button(msg, choices[int(text) - 1])
        return citizen.answer_question(self.deps, msg, text)

    def _fixed(self, word: str) -> list[Outgoing]:
        if word == "help":
            return citizen.help_(self.deps)
        if word == "hotline":
            return citizen.hotline(self.deps)
        return citizen.show_menu(self.deps)

    def _command(self, msg: Incoming, text: str) -> list[Outgoing]:
        command, _, argument = text.partition(" ")
        command = command.split("@")[0].lower()
        if command == "/start":
            return citizen.start(self.deps, argument.strip())
        if command in ("/menu", "/help", "/hotline"):
            return self._fixed(command[1:])
        return [Outgoing(texts.UNKNOWN_COMMAND.format(command=command[:32]))]

    def _button(self, msg: Incoming, payload: str) -> list[Outgoing]:
        kind, _, rest = payload.partition(":")
        if kind == "m":
            return citizen.show_menu(self.deps)
        if kind == "g" and rest.isdigit():
            return citizen.show_group(self.deps, int(rest))
        if kind == "t":
            return citizen.show_topic(self.deps, rest)
        if kind == "f":
            qid, _, vote = rest.partition(":")
            if qid.isdigit() and vote in ("0", "1"):
                return citizen.record_feedback(self.deps, int(qid), vote == "1")
        return [Outgoing(texts.STALE_BUTTON)]
