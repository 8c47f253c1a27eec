"""What a handler gets for one incoming message: the dependencies, the message, who sent it and their session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.deps import Deps
from bot.messages import Incoming


@dataclass
class Turn:
    deps: Deps
    msg: Incoming
    person: dict | None  # the roster entry of a team member, None for a citizen
    session: dict = field(default_factory=dict)  # conversation state; the core saves it after the turn
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def role(self) -> str | None:
        return self.person["role"] if self.person else None

    @property
    def is_leader(self) -> bool:
        return self.role in ("leader", "deputy")

    def period(self) -> str:
        """The period this person reports for now (their village's own deadline day counts)."""
        from bot.periods import reporting_period

        config = self.deps.config
        village = self.person["village"] if self.person else None
        return reporting_period(self.now, config.reporting_for(village), config.organisation.timezone)

    def now_text(self) -> str:
        return self.now.strftime("%H:%M %d/%m/%Y")

    def village_name(self, key: str | None) -> str:
        names = {v.key: v.name for v in self.deps.config.villages}
        return names.get(key or "", key or "")
