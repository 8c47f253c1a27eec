"""Zalo Bot Platform (a Bot API shaped like Telegram's): webhook or long polling, into the same core.

Usage::

    channel = ZaloBotChannel.from_settings(core, settings)   # ZALO_BOT_TOKEN, ZALO_BOT_BASE_URL, ZALO_BOT_SECRET
    await channel.start(stop)       # getMe; then setWebhook (routes() serves it) or polling as a task
    await channel.send(chat_id, replies)                      # the outbox's transport for "zalo"

A thin httpx client; no business logic. Zalo has no inline buttons, so replies are plain text with numbered
choices (``render_plain``) — the core remembers them and typing the number picks one. Outgoing text is split
under 2,000 characters.

Acknowledged once durable: the webhook answers 200 only after the event is handled and answered (a failed send
answers 503, so the platform may send it again; the core deduplicates on the message id). ``getUpdates`` has no
offset to confirm with — an update is the platform's to forget once fetched — so each fetched update is first
written to a durable inbox, and the inbox is drained (oldest first) when polling starts again after a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from urllib.parse import urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.base import Channel, StartupError
from bot.http import BadRequest, json_object, secret_ok
from bot.messages import Incoming, Kind, Outgoing, render_plain, split_text

log = logging.getLogger(__name__)
MAX_TEXT = 2000
BOT_CHANNEL = "zalo"
BOT_KINDS = {"message.text.received": Kind.TEXT, "message.image.received": Kind.PHOTO,
             "message.sticker.received": Kind.STICKER, "message.unsupported.received": Kind.OTHER}


class ZaloError(Exception):
    """An API call failed; ``code`` is Zalo's error code."""

    def __init__(self, code: int, description: str):
        super().__init__(f"Zalo error {code}: {description}")
        self.code = code


def text_pieces(replies: list[Outgoing]) -> list[str]:
    """Replies as plain-text messages of at most 2,000 characters."""
    return [piece for reply in replies for piece in split_text(render_plain(reply), MAX_TEXT)]


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


class ZaloBotClient:
    def __init__(self, token: str, base_url: str, client: httpx.AsyncClient | None = None):
        self.url = f"{base_url.rstrip('/')}/bot{token}/"
        self.client = client or httpx.AsyncClient(timeout=httpx.Timeout(10.0, read=40.0))

    async def call(self, method: str, **params):
        response = await self.client.post(self.url + method, json=params)
        try:
            body = response.json()
        except ValueError:
            raise ZaloError(response.status_code, response.text[:200]) from None
        if not isinstance(body, dict) or not body.get("ok"):
            body = _dict(body)
            raise ZaloError(int(body.get("error_code") or response.status_code), str(body.get("description")))
        return body.get("result")

    async def close(self) -> None:
        await self.client.aclose()


def bot_incoming(payload: dict) -> Incoming | None:
    """The Incoming of a Bot Platform event, wrapped in {"ok", "result"} or bare; None if not a message."""
    event = payload.get("result", payload) if isinstance(payload, dict) else None
    if not isinstance(event, dict) or not isinstance(event.get("message"), dict):
        return None
    message = event["message"]
    sender, chat = _dict(message.get("from")), _dict(message.get("chat"))
    kind = BOT_KINDS.get(str(event.get("event_name", "")), Kind.OTHER)
    if kind == Kind.TEXT and not isinstance(message.get("text"), str):
        kind = Kind.OTHER
    user_id, chat_id = str(sender.get("id") or ""), str(chat.get("id") or sender.get("id") or "")
    message_id = message.get("message_id")
    if not user_id or not message_id or not isinstance(message_id, str | int):
        return None
    text = message.get("text") if isinstance(message.get("text"), str) else ""
    return Incoming(channel=BOT_CHANNEL, user_id=user_id, chat_id=chat_id, text=text, kind=kind,
                    display_name=str(sender.get("display_name", "")), message_id=str(message_id))


class ZaloBotChannel(Channel):
    name = BOT_CHANNEL

    def __init__(self, core, client: ZaloBotClient, secret: str | None, webhook_url: str | None = None):
        super().__init__(core)
        self.client, self.secret, self.webhook_url = client, secret, webhook_url
        self._polling: asyncio.Task | None = None

    @classmethod
    def enabled(cls, settings, config) -> bool:
        return bool(settings.zalo_bot_token)

    @classmethod
    def check(cls, settings, config) -> None:
        if config.channels.zalo_bot.webhook_url and not settings.zalo_bot_secret:
            raise StartupError("Zalo bot webhook mode needs ZALO_BOT_SECRET")

    @classmethod
    def from_settings(cls, core, settings) -> ZaloBotChannel:
        client = ZaloBotClient(settings.zalo_bot_token.strip(), settings.zalo_bot_base_url)
        return cls(core, client, settings.zalo_bot_secret, core.deps.config.channels.zalo_bot.webhook_url)

    async def start(self, stop: asyncio.Event) -> None:
        try:
            await self.client.call("getMe")
            if self.webhook_url:
                await self.client.call("setWebhook", url=self.webhook_url, secret_token=self.secret)
            else:
                await self.client.call("deleteWebhook")
        except ZaloError as exc:
            await self.client.close()
            raise StartupError(f"the Zalo Bot API refused ZALO_BOT_TOKEN or the webhook ({exc})") from None
        except httpx.HTTPError as exc:
            await self.client.close()
            raise StartupError(f"cannot reach the Zalo Bot API ({exc}); check ZALO_BOT_BASE_URL") from None
        if not self.webhook_url:
            self._polling = asyncio.create_task(self.poll(stop))
        log.info("zalo bot: %s", "webhook" if self.webhook_url else "polling")

    async def stop(self) -> None:
        if self._polling:
            self._polling.cancel()
            await asyncio.gather(self._polling, return_exceptions=True)
        await self.client.close()

    async def handle_event(self, payload: dict) -> None:
        """Handle one event and send its replies; raises ``httpx.HTTPError`` when they could not be sent."""
        incoming = bot_incoming(payload)
        if incoming is None:
            return
        await self.converse(incoming, lambda replies: self._deliver(incoming.chat_id, replies))

    async def _deliver(self, chat_id: str, replies: list[Outgoing]) -> None:
        try:
            await self.send(chat_id, replies)
        except ZaloError as exc:  # refused by the platform: sending again will not help
            log.warning("zalo: replies to a chat refused (%s); given up", exc)

    async def send(self, chat_id: str, replies: list[Outgoing]) -> None:
        for piece in text_pieces(replies):
            await self.client.call("sendMessage", chat_id=chat_id, text=piece)

    def routes(self) -> list[Route]:
        if not self.webhook_url:
            return []
        return [Route(urlsplit(self.webhook_url).path or "/zalo/bot", self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        if not secret_ok(self.secret, request.headers.get("X-Bot-Api-Secret-Token")):
            log.warning("zalo bot webhook: wrong or missing secret token from %s", request.client)
            return PlainTextResponse("forbidden", status_code=403)
        try:
            payload = await json_object(request, "zalo bot webhook")
        except BadRequest as bad:
            return bad.response
        try:
            await self.handle_event(payload)
        except httpx.HTTPError as exc:
            log.warning("zalo bot webhook: replies not sent (%s); the event may be sent again", exc)
            return PlainTextResponse("try again", status_code=503)
        except Exception:  # a defect, not the network: the same event would fail again
            log.exception("zalo bot webhook: event failed")
        return Response(status_code=200)

    async def _inbox(self, method, *args):
        return await asyncio.to_thread(method, *args)

    async def poll(self, stop: asyncio.Event, timeout: int = 30) -> None:
        """Long polling with getUpdates (one update per call) until ``stop`` (a call under way is let finish: the
        platform forgets an update once fetched); each update goes through the durable inbox (left over ones, from
        a crash, first)."""
        store, delay = self.core.deps.store, 1.0
        for key, payload in await self._inbox(store.inbox, BOT_CHANNEL):
            await self._from_inbox(key, payload)
        while not stop.is_set():
            try:
                update = await self.client.call("getUpdates", timeout=timeout)
                delay = 1.0
            except (httpx.HTTPError, ZaloError) as exc:
                log.warning("zalo getUpdates failed: %s; retrying in %.0f s", exc, delay)
                with contextlib.suppress(TimeoutError):  # the pause before retrying, cut short by ``stop``
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, 60)
                continue
            for item in update if isinstance(update, list) else [update] if update else []:
                key = await self._inbox(store.inbox_put, BOT_CHANNEL, json.dumps(item, ensure_ascii=False))
                await self._from_inbox(key, item)

    async def _from_inbox(self, key: int, payload) -> None:
        try:
            await self.handle_event(payload)
        except httpx.HTTPError as exc:  # not sent: keep it for the next start (the core resends the replies)
            log.warning("zalo: replies not sent (%s); the update stays in the inbox", exc)
            return
        except Exception:
            log.exception("zalo event failed")
        await self._inbox(self.core.deps.store.inbox_done, key)
