"""What a handler gets for one incoming message: the dependencies, the message, who sent it and their session.

Every handler — a command, a button, a conversation step — is called as ``handler(turn, argument)``: the text after
the command, the button's payload or the message's text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.deps import Deps
from bot.messages import Incoming
from bot.team.reports import address, leader_period, member_period
from bot.team.roles import Scope
from bot.team.units import tree


@dataclass
class Turn:
    deps: Deps
    msg: Incoming
    person: dict | None  # the roster entry of a team member, None for a citizen
    session: dict = field(default_factory=dict)  # conversation state; the core saves it after the turn
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    bot_username: str | None = None  # the Telegram bot's name, for invite deep links (set once the channel starts)

    @property
    def role(self) -> str | None:
        return self.person["role"] if self.person else None

    @property
    def scope(self) -> Scope | None:
        """The person's role and the unit it applies to; None for a citizen."""
        return Scope.of(self.person, self.deps.config)

    def period(self) -> str:
        """The period this person reports for now: the oldest owed, unlocked period their village has not
        reported, else the one due next; for a commune leader the period just due until it is locked."""
        config, store = self.deps.config, self.deps.store
        village = self.person["village"] if self.person else None
        if village:
            return member_period(config, store, village, self.now)
        return leader_period(config, store, self.now)

    def say(self, template: str, **values) -> str:
        """Fill a team text, addressing the person as config.yaml says (``organisation.address``: «anh/chị»)."""
        return template.format(**address(self.deps.config), **values)

    def now_text(self) -> str:
        return self.now.strftime("%H:%M %d/%m/%Y")

    def village_name(self, key: str | None) -> str:
        """The name of a village or of any unit of the tree ("" for None)."""
        return tree(self.deps.config).name(key) if key else ""
