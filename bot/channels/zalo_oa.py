"""Zalo Official Account API v3: a webhook into the same core, customer-service messages out.

Usage::

    channel = ZaloOAChannel.from_settings(core, settings)    # ZALO_OA_APP_ID, ZALO_OA_SECRET_KEY, tokens
    routes = channel.routes()                                 # POST channels.zalo_oa.path (default /zalo/oa)
    await channel.send(user_id, replies)                      # the outbox's transport for "zalo_oa"

Replies are plain text with numbered choices, split under 2,000 characters (as for the Zalo bot). The webhook
answers 200 only after the event is handled and answered; the core deduplicates on ``msg_id``.

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
import logging

import httpx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.base import Channel, StartupError
from bot.channels.zalo_bot import ZaloError, text_pieces
from bot.config import ZaloOA
from bot.http import BadRequest, parse_object, read_body
from bot.messages import Incoming, Kind, Outgoing, Unreachable
from bot.privacy import redact
from bot.storage import Store

log = logging.getLogger(__name__)
OA_CHANNEL = "zalo_oa"
OA_KINDS = {"user_send_text": Kind.TEXT, "user_send_image": Kind.PHOTO, "user_send_sticker": Kind.STICKER,
            "user_send_gif": Kind.STICKER, "user_send_audio": Kind.VOICE, "user_send_video": Kind.VIDEO,
            "user_send_file": Kind.DOCUMENT, "user_send_location": Kind.LOCATION, "user_send_link": Kind.OTHER,
            "user_send_business_card": Kind.CONTACT}
TOKEN_EXPIRED = -216


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


class ZaloOAChannel(Channel):
    name = OA_CHANNEL

    def __init__(self, core, client: ZaloOAClient, settings: ZaloOA):
        super().__init__(core)
        self.client, self.settings = client, settings

    @classmethod
    def enabled(cls, settings, config) -> bool:
        return bool(settings.zalo_oa_app_id)

    @classmethod
    def check(cls, settings, config) -> None:
        if not settings.zalo_oa_secret_key:
            raise StartupError("Zalo OA needs ZALO_OA_SECRET_KEY (the app's secret key)")
        if not (settings.zalo_oa_access_token or settings.zalo_oa_refresh_token):
            raise StartupError("Zalo OA needs ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN")

    @classmethod
    def from_settings(cls, core, settings) -> ZaloOAChannel:
        client = ZaloOAClient(core.deps.store, settings.zalo_oa_app_id, settings.zalo_oa_secret_key,
                              settings.zalo_oa_access_token, settings.zalo_oa_refresh_token,
                              settings.zalo_oa_base_url, settings.zalo_oauth_base_url)
        return cls(core, client, core.deps.config.channels.zalo_oa)

    async def start(self, stop: asyncio.Event) -> None:
        log.info("zalo oa: webhook at %s (signature check %s)", self.settings.path,
                 "on" if self.settings.verify_signature else "OFF")

    async def stop(self) -> None:
        await self.client.close()

    def verify(self, body: bytes, signature_header: str | None, timestamp: str) -> bool:
        expected = oa_signature(self.client.app_id, body, timestamp, self.client.secret_key)
        given = (signature_header or "").removeprefix("mac=").strip()
        if hmac.compare_digest(expected, given):
            return True
        log.warning("zalo oa: signature mismatch (app_id %s, timestamp %r, body %d bytes, header %r, expected "
                    "mac=%s…); %s", self.client.app_id, timestamp, len(body), (signature_header or "")[:80],
                    expected[:12], "refused" if self.settings.verify_signature else "accepted: verify_signature off")
        return not self.settings.verify_signature

    def routes(self) -> list[Route]:
        return [Route(self.settings.path, self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        """The webhook: verify the signature, handle the event, and only then answer 200."""
        try:
            body = await read_body(request, "zalo oa webhook")
            event = parse_object(body, "zalo oa webhook", request)
        except BadRequest as bad:
            return bad.response
        if not self.verify(body, request.headers.get("X-ZEvent-Signature"), str(event.get("timestamp", ""))):
            return PlainTextResponse("forbidden", status_code=403)
        try:
            await self.handle_event(event)
        except httpx.HTTPError as exc:
            log.warning("zalo oa webhook: replies not sent (%s); the event may be sent again", exc)
            return PlainTextResponse("try again", status_code=503)
        except Exception:  # a defect, not the network: the same event would fail again
            log.exception("zalo oa webhook: event failed")
        return Response(status_code=200)

    async def handle_event(self, event: dict) -> None:
        name = str(event.get("event_name", ""))
        if not name.startswith("user_send_"):
            return
        sender = event.get("sender")
        sender = str(sender.get("id") or "") if isinstance(sender, dict) else ""
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        message_id = message.get("msg_id")
        if not sender or not message_id or not isinstance(message_id, str | int):
            return
        kind = OA_KINDS.get(name, Kind.OTHER)
        text = message.get("text") if kind == Kind.TEXT and isinstance(message.get("text"), str) else ""
        recipient = event.get("recipient")  # the OA written to: a province may run one OA per commune
        oa = str(recipient.get("id") or "") if isinstance(recipient, dict) else ""
        incoming = Incoming(channel=OA_CHANNEL, user_id=sender, chat_id=sender, text=text, kind=kind,
                            message_id=str(message_id), commune=self.settings.communes.get(oa, ""))
        await asyncio.to_thread(self.core.deps.store.touch_inbound, OA_CHANNEL, incoming.user_id,
                                self.core.deps.now().isoformat())
        await self.converse(incoming, lambda replies: self._deliver(incoming.user_id, replies))

    async def _deliver(self, user_id: str, replies: list[Outgoing]) -> None:
        try:
            await self.reply(user_id, replies)
        except ZaloError as exc:  # refused by the platform: sending again will not help
            log.warning("zalo oa: replies to a user refused (%s); given up", exc)

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
