"""The channel contract: what every chat platform adapter provides, and the conversation loop they share.

Usage::

    for cls in channel_classes():                        # the registry, in bot/channels/__init__.py
        if cls.enabled(settings, config):
            cls.check(settings, config)                  # StartupError: one line for the operator
            channel = cls.from_settings(core, settings)
            await channel.start(stop)                    # connect, then poll (a task) or serve routes()
    await channel.send(chat_id, replies)                 # proactive messages (the outbox), if can_push
    await channel.stop()

An adapter translates a platform update into an :class:`Incoming` and hands it to :meth:`Channel.converse`, which
keeps each chat's updates in order (chats run concurrently), runs the core in a worker thread, sends the replies
and records them delivered. The adapter acknowledges the update to the platform (webhook 200, polling offset) only
after ``converse`` returns: an update is acknowledged once its effects and replies are durable.
"""

from __future__ import annotations

import asyncio
import importlib
import weakref
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from typing import ClassVar

from bot.channels import REGISTRY
from bot.config import Config, Settings
from bot.messages import Incoming, Outgoing


class StartupError(Exception):
    """Start-up cannot go on; the message is one line for the operator."""


MAX_IN_FLIGHT = 64  # conversations being answered at once, all channels together; more wait their turn


class Channel:
    """One chat platform. Subclasses set ``name`` (their registry key) and override what they support."""

    name: ClassVar[str]
    _in_flight: ClassVar[weakref.WeakKeyDictionary] = weakref.WeakKeyDictionary()  # per event loop

    def __init__(self, core):
        self.core = core
        self._lanes: dict[str, tuple[asyncio.Lock, int]] = {}  # chat -> (lock, conversations holding or waiting)

    @property
    def can_push(self) -> bool:
        """Whether the channel can send proactive messages (reminders, digests, broadcasts)."""
        return REGISTRY[self.name][1]

    @property
    def can_reply_later(self) -> bool:
        """Whether the outbox may deliver to this channel (push channels; the web chat shows it on its next poll)."""
        return REGISTRY[self.name][2]

    @classmethod
    def enabled(cls, settings: Settings, config: Config) -> bool:
        """Whether the environment or config.yaml turns this channel on."""
        raise NotImplementedError

    @classmethod
    def check(cls, settings: Settings, config: Config) -> None:
        """Raise :class:`StartupError` for a misconfiguration, before anything starts."""

    @classmethod
    def from_settings(cls, core, settings: Settings):
        raise NotImplementedError

    async def connect(self) -> None:
        """Get ready to send (``tick`` only sends); :meth:`start` calls it first."""

    async def start(self, stop: asyncio.Event) -> None:
        """Connect and start receiving (register the webhook, or start polling as a task until ``stop``)."""
        await self.connect()

    async def stop(self) -> None:
        """Stop receiving and close connections."""

    def routes(self) -> list:
        """Starlette routes this channel serves on the shared HTTP server (webhooks, pages)."""
        return []

    async def send(self, chat_id: str, replies: list[Outgoing]) -> None:
        """Deliver proactive replies to a chat (channels that can push)."""
        raise NotImplementedError(f"{self.name} cannot send proactive messages")

    @asynccontextmanager
    async def lane(self, chat_id: str):
        """Hold the chat's lane: one conversation step at a time per chat, first come first served."""
        lock, users = self._lanes.get(chat_id, (None, 0))
        lock = lock or asyncio.Lock()
        self._lanes[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._lanes[chat_id]
            if users == 1:
                del self._lanes[chat_id]
            else:
                self._lanes[chat_id] = (lock, users - 1)

    async def converse(self, incoming: Incoming,
                       deliver: Callable[[list[Outgoing]], Awaitable[object]]) -> list[Outgoing]:
        """Let the core answer ``incoming`` (in a worker thread), ``deliver`` the replies, record them delivered.

        Raises what ``deliver`` raises: the update then stays unacknowledged and its replies are sent again when
        the platform redelivers it.
        """
        loop = asyncio.get_running_loop()
        in_flight = Channel._in_flight.setdefault(loop, asyncio.Semaphore(MAX_IN_FLIGHT))
        async with self.lane(incoming.chat_id), in_flight:
            replies = await self.core.reply(incoming)
            await deliver(replies)
            await self.core.delivered(incoming)
        return replies


def channel_class(name: str) -> type[Channel]:
    module, _, cls = REGISTRY[name][0].partition(":")
    return getattr(importlib.import_module(module), cls)


def channel_classes() -> list[type[Channel]]:
    """Every registered channel class, in registry order (imports each channel's module)."""
    return [channel_class(name) for name in REGISTRY]


def configured_channels(settings: Settings, config: Config) -> list[type[Channel]]:
    """The channel classes the environment and config.yaml turn on, checked (:class:`StartupError`), before
    anything is built: a misconfiguration is told before the knowledge base and the model load."""
    classes = [cls for cls in channel_classes() if cls.enabled(settings, config)]
    for cls in classes:
        cls.check(settings, config)
    return classes
