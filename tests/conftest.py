"""Shared fixtures: the real knowledge base and matcher, a store on a real SQLite file, and ``testbot``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_matcher
from bot.config import load_config
from bot.core import Core
from bot.deps import Deps
from bot.messages import Incoming, Kind, Outgoing
from bot.storage import Store
from knowledge.loader import load_knowledge
from tests.fakes.clock import SimClock


@pytest.fixture(scope="session")
def kb():
    return load_knowledge()


@pytest.fixture(scope="session")
def matcher(kb):
    return build_matcher(kb)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path)
    yield store
    store.close()


@pytest.fixture
def clock():
    """The bot's current time: 03/12/2026 10:00 in Hà Nội, so members report for November (due 08/12)."""
    return SimClock(dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))


@pytest.fixture
def deps(store, kb, matcher, clock):
    return Deps(config=load_config(), store=store, kb=kb, matcher=matcher, clock=clock)


class TestBot:
    """The whole core on a collecting channel: ``testbot.say("dang ky tam tru")`` returns the replies."""

    __test__ = False

    def __init__(self, core: Core, channel: str = "test"):
        self.core = core
        self.channel = channel

    def say(self, text: str, user: str = "u1") -> list[Outgoing]:
        return self.core.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, text=text))

    def press(self, payload: str, user: str = "u1") -> list[Outgoing]:
        return self.core.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, kind=Kind.BUTTON,
                                         payload=payload))

    def send(self, kind: Kind, user: str = "u1") -> list[Outgoing]:
        return self.core.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, kind=kind))


@pytest.fixture
def testbot(deps):
    return TestBot(Core(deps))
