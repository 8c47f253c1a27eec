"""Zalo: the Zalo Bot Platform (a Bot API shaped like Telegram's) and the Zalo Official Account API v3.

Usage::

    bot = ZaloBotChannel(core, ZaloBotClient(token, base_url), secret)
    app_routes = [bot.route("/zalo/bot")]          # webhook, or: await bot.poll(stop) for long polling
    oa = ZaloOAChannel(core, ZaloOAClient(store, app_id, secret_key, ...), config.channels.zalo_oa)
    app_routes.append(oa.route("/zalo/oa"))
    await bot.send(chat_id, replies)                 # the outbox's transport for "zalo" / "zalo_oa"

A thin httpx client over each HTTP API; no business logic. Zalo has no inline buttons, so replies are plain text
with numbered choices (``render_plain``) — the core remembers them and typing the number picks one. Outgoing
text is split under 2,000 characters. Both webhooks answer at once and handle the event in the background;
events are deduplicated on their message id in SQLite.

OA webhook signatures: ``X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + timestamp + OA secret key)>``.
Third-party integrations agree on this formula but it is not confirmed against Zalo's own documentation, so a
mismatch is logged with what was compared, and refusing it is a switch (``channels.zalo_oa.verify_signature``,
default on).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.config import ZaloOA
from bot.core import Core
from bot.messages import Incoming, Kind, Outgoing, Unreachable, render_plain, split_text
from bot.privacy import redact
from bot.storage import Store
from bot.web import BodyTooLarge, json_body, read_body, secret_ok

log = logging.getLogger(__name__)
MAX_TEXT = 2000
BOT_CHANNEL = "zalo"
OA_CHANNEL = "zalo_oa"
BOT_KINDS = {"message.text.received": Kind.TEXT, "message.image.received": Kind.PHOTO,
             "message.sticker.received": Kind.STICKER, "message.unsupported.received": Kind.OTHER}
OA_KINDS = {"user_send_text": Kind.TEXT, "user_send_image": Kind.PHOTO, "user_send_sticker": Kind.STICKER,
            "user_send_gif": Kind.STICKER, "user_send_audio": Kind.VOICE, "user_send_video": Kind.VIDEO,
            "user_send_file": Kind.DOCUMENT, "user_send_location": Kind.LOCATION, "user_send_link": Kind.OTHER,
            "user_send_business_card": Kind.CONTACT}
TOKEN_EXPIRED = -216


class ZaloError(Exception):
    """An API call failed; ``code`` is Zalo's error code."""

    def __init__(self, code: int, description: str):
        super().__init__(f"Zalo error {code}: {description}")
        self.code = code


def text_pieces(replies: list[Outgoing]) -> list[str]:
    """Replies as plain-text messages of at most 2,000 characters."""
    return [piece for reply in replies for piece in split_text(render_plain(reply), MAX_TEXT)]


async def _logging_errors(handle, event: dict) -> None:
    try:
        await handle(event)
    except Exception:
        log.exception("zalo event failed")


def accepted(handle, event: dict) -> Response:
    """Answer the webhook at once (200) and handle the event afterwards, logging any failure."""
    return Response(status_code=200, background=BackgroundTask(_logging_errors, handle, event))


# -- Zalo Bot Platform ----------------------------------------------------------------------------------------
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
        if not body.get("ok"):
            raise ZaloError(int(body.get("error_code") or response.status_code), str(body.get("description")))
        return body.get("result")

    async def close(self) -> None:
        await self.client.aclose()


def bot_incoming(payload: dict) -> tuple[str, Incoming] | None:
    """(message id, Incoming) from a Bot Platform event, wrapped in {"ok", "result"} or bare; None if not a message."""
    event = payload.get("result", payload) if isinstance(payload, dict) else None
    if not isinstance(event, dict) or not isinstance(event.get("message"), dict):
        return None
    message = event["message"]
    sender, chat = message.get("from") or {}, message.get("chat") or {}
    kind = BOT_KINDS.get(event.get("event_name", ""), Kind.OTHER)
    if kind == Kind.TEXT and not isinstance(message.get("text"), str):
        kind = Kind.OTHER
    user_id, chat_id = str(sender.get("id", "")), str(chat.get("id") or sender.get("id", ""))
    if not user_id or not message.get("message_id"):
        return None
    return str(message["message_id"]), Incoming(
        channel=BOT_CHANNEL, user_id=user_id, chat_id=chat_id, text=message.get("text") or "", kind=kind,
        display_name=str(sender.get("display_name", "")), message_id=str(message["message_id"]))


class ZaloBotChannel:
    def __init__(self, core: Core, client: ZaloBotClient, secret: str | None):
        self.core, self.client, self.secret = core, client, secret

    async def handle_event(self, payload: dict) -> None:
        parsed = bot_incoming(payload)
        if parsed is None:
            return
        message_id, incoming = parsed
        if not self.core.deps.store.first_seen(f"{BOT_CHANNEL}:message:{message_id}"):
            log.info("zalo: duplicate message %s ignored", message_id)
            return
        await self.send(incoming.chat_id, self.core.handle(incoming))

    async def send(self, chat_id: str, replies: list[Outgoing]) -> None:
        for piece in text_pieces(replies):
            await self.client.call("sendMessage", chat_id=chat_id, text=piece)

    def route(self, path: str) -> Route:
        async def receive(request: Request) -> Response:
            if not secret_ok(self.secret, request.headers.get("X-Bot-Api-Secret-Token")):
                log.warning("zalo bot webhook: wrong or missing secret token from %s", request.client)
                return PlainTextResponse("forbidden", status_code=403)
            payload, problem = await json_body(request)
            if problem:
                return problem
            return accepted(self.handle_event, payload)

        return Route(path, receive, methods=["POST"])

    async def poll(self, stop: asyncio.Event, timeout: int = 30) -> None:
        """Long polling with getUpdates (one update per call) until ``stop`` is set."""
        delay = 1.0
        while not stop.is_set():
            try:
                update = await self.client.call("getUpdates", timeout=timeout)
                delay = 1.0
            except (httpx.HTTPError, ZaloError) as exc:
                log.warning("zalo getUpdates failed: %s; retrying in %.0f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60)
                continue
            for item in update if isinstance(update, list) else [update] if update else []:
                await _logging_errors(self.handle_event, item)


# -- Zalo Official Account ------------------------------------------------------------------------------------
def oa_signature(app_id: str, body: bytes, timestamp: str, secret_key: str) -> str:
    return hashlib.sha256(app_id.encode() + body + timestamp.encode() + secret_key.encode()).hexdigest()


class ZaloOAClient:
    """Sends OA customer-service messages; refreshes the access token on error -216 (the refresh token is single
    use: the new pair is stored in SQLite in one transaction before it is used)."""

    def __init__(self, store: Store, app_id: str, secret_key: str, access_token: str | None,
                 refresh_token: str | None, base_url: str, oauth_base_url: str,
                 client: httpx.AsyncClient | None = None):
        self.store, self.app_id, self.secret_key = store, app_id, secret_key
        self.base_url, self.oauth_base_url = base_url.rstrip("/"), oauth_base_url.rstrip("/")
        self.client = client or httpx.AsyncClient(timeout=10.0)
        if store.secret("zalo_oa_refresh_token") is None and refresh_token:
            store.save_secrets({"zalo_oa_access_token": access_token or "",
                                "zalo_oa_refresh_token": refresh_token}, dt.datetime.now(dt.UTC).isoformat())
        self._initial_access = access_token
        self._refreshing = asyncio.Lock()

    @property
    def access_token(self) -> str:
        return self.store.secret("zalo_oa_access_token") or self._initial_access or ""

    async def send_text(self, user_id: str, text: str) -> None:
        for attempt in (1, 2):
            response = await self.client.post(
                f"{self.base_url}/v3.0/oa/message/cs", headers={"access_token": self.access_token},
                json={"recipient": {"user_id": user_id}, "message": {"text": text}})
            body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
            error = int(body.get("error", -1)) if response.status_code == 200 else response.status_code
            if error == 0:
                return
            if error == TOKEN_EXPIRED and attempt == 1:
                await self.refresh(expired=self.access_token)
                continue
            raise ZaloError(error, str(body.get("message", response.text[:200])))

    async def refresh(self, expired: str | None = None) -> None:
        """Exchange the refresh token; one at a time, and not again if another send already refreshed ``expired``."""
        async with self._refreshing:
            if expired is not None and self.access_token != expired:
                return
            await self._refresh()

    async def _refresh(self) -> None:
        refresh_token = self.store.secret("zalo_oa_refresh_token")
        if not refresh_token:
            raise ZaloError(TOKEN_EXPIRED, "access token expired and no refresh token is stored")
        response = await self.client.post(
            f"{self.oauth_base_url}/v4/oa/access_token", headers={"secret_key": self.secret_key},
            data={"refresh_token": refresh_token, "app_id": self.app_id, "grant_type": "refresh_token"})
        body = response.json()
        if not body.get("access_token") or not body.get("refresh_token"):
            raise ZaloError(int(body.get("error", -1)), f"token refresh refused: {body.get('error_name', body)}")
        self.store.save_secrets({"zalo_oa_access_token": body["access_token"],
                                 "zalo_oa_refresh_token": body["refresh_token"]}, dt.datetime.now(dt.UTC).isoformat())
        log.info("zalo oa: access token refreshed")

    async def close(self) -> None:
        await self.client.aclose()


class ZaloOAChannel:
    def __init__(self, core: Core, client: ZaloOAClient, settings: ZaloOA):
        self.core, self.client, self.settings = core, client, settings

    def verify(self, body: bytes, signature_header: str | None, timestamp: str) -> bool:
        expected = oa_signature(self.client.app_id, body, timestamp, self.client.secret_key)
        given = (signature_header or "").removeprefix("mac=").strip()
        if hmac.compare_digest(expected, given):
            return True
        log.warning("zalo oa: signature mismatch (app_id %s, timestamp %r, body %d bytes, header %r, expected "
                    "mac=%s…); %s", self.client.app_id, timestamp, len(body), (signature_header or "")[:80],
                    expected[:12], "refused" if self.settings.verify_signature else "accepted: verify_signature off")
        return not self.settings.verify_signature

    def route(self, path: str) -> Route:
        async def receive(request: Request) -> Response:
            try:
                body = await read_body(request)
                event = json.loads(body)
            except BodyTooLarge:
                return PlainTextResponse("too large", status_code=413)
            except (ValueError, UnicodeDecodeError):
                return PlainTextResponse("bad request", status_code=400)
            if not isinstance(event, dict):
                return PlainTextResponse("bad request", status_code=400)
            if not self.verify(body, request.headers.get("X-ZEvent-Signature"), str(event.get("timestamp", ""))):
                return PlainTextResponse("forbidden", status_code=403)
            return accepted(self.handle_event, event)

        return Route(path, receive, methods=["POST"])

    async def handle_event(self, event: dict) -> None:
        name = str(event.get("event_name", ""))
        if not name.startswith("user_send_"):
            return
        sender = str((event.get("sender") or {}).get("id", ""))
        message = event.get("message") or {}
        message_id = str(message.get("msg_id", ""))
        if not sender or not message_id:
            return
        store = self.core.deps.store
        if not store.first_seen(f"{OA_CHANNEL}:message:{message_id}"):
            log.info("zalo oa: duplicate message %s ignored", message_id)
            return
        store.touch_inbound(OA_CHANNEL, sender, self.core.deps.now().isoformat())
        kind = OA_KINDS.get(name, Kind.OTHER)
        text = message.get("text") if kind == Kind.TEXT and isinstance(message.get("text"), str) else ""
        incoming = Incoming(channel=OA_CHANNEL, user_id=sender, chat_id=sender, text=text, kind=kind,
                            message_id=message_id)
        await self.reply(sender, self.core.handle(incoming))

    async def reply(self, user_id: str, replies: list[Outgoing]) -> None:
        for piece in text_pieces(replies):
            await self.client.send_text(user_id, piece)

    async def send(self, user_id: str, replies: list[Outgoing]) -> None:
        """The outbox's transport: proactive messages only inside the reply window, otherwise Unreachable."""
        last = self.core.deps.store.last_inbound(OA_CHANNEL, user_id)
        window = dt.timedelta(hours=self.settings.reply_window_hours)
        if last is None or self.core.deps.now() - dt.datetime.fromisoformat(last) > window:
            raise Unreachable(f"Zalo OA user {redact(user_id)} last wrote {last or 'never'}: outside the "
                              f"{self.settings.reply_window_hours:g} h reply window")
        await self.reply(user_id, replies)
