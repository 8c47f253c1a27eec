"""The dependencies object handed to every handler (built once in :mod:`bot.app`; tests build their own)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.storage import Store
from knowledge.loader import KnowledgeBase
from nlu.matcher import Matcher


@dataclass
class Deps:
    config: Config
    store: Store
    kb: KnowledgeBase
    matcher: Matcher
    clock: Callable[[], dt.datetime] | None = field(default=None)  # injectable "now"; default: the real time
    commune: str | None = None  # a province: the commune a citizen is answered for (bot.handlers.commune.localised)

    def __post_init__(self) -> None:
        self.store.clock = self.now  # one clock: rows the store stamps follow the injected time too

    def now(self) -> dt.datetime:
        """The current time in the organisation's time zone (Asia/Ho_Chi_Minh)."""
        tz = ZoneInfo(self.config.organisation.timezone)
        return self.clock().astimezone(tz) if self.clock else dt.datetime.now(tz)
