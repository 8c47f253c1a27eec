"""Web chat: a small page a commune can put on its website (or in an iframe), talking to the same core.

Usage::

    channel = WebChannel(core, config.channels.web)
    routes = channel.routes()   # GET /chat (the page), POST /chat/api (one message in, replies out),
                                # GET /chat/api/history?session=…&after=N (the transcript, and officers' answers)
    await channel.send(session, replies)   # the outbox: an officer's answer joins the transcript

The page keeps a random session id in the browser's localStorage; that id is the chat account, so the web chat
has the same conversations (numbered choices become buttons) as Telegram and Zalo. The server keeps the last
messages of each session (the citizen's text redacted), so a reload shows the conversation again, and the page
polls for answers that arrive later («Hỏi cán bộ»). Messages are rendered with ``textContent`` only; phone numbers
and web addresses become ``tel:`` / ``https:`` links built as DOM nodes.

Hardening: a session may send ``rate_per_minute`` messages a minute, and one client address may start
``new_sessions_per_minute`` new sessions a minute after a burst of ``new_sessions_burst`` (so rotating session ids
does not escape the limit); over that the answer is a Vietnamese "slow down" and nothing reaches the core. The API
takes only ``Content-Type: application/json`` (so no other site can post to it with a plain form), answers with
``X-Content-Type-Options: nosniff``, and the page carries a ``Content-Security-Policy`` whose ``frame-ancestors``
lists the commune's own sites (``frame_ancestors``).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html
import re
import time
from collections import defaultdict, deque
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bot.channels.base import Channel
from bot.config import Web
from bot.http import BadRequest, json_object
from bot.messages import Incoming, Kind, Outgoing, clean_text

CHANNEL = "web"
PAGE = Path(__file__).with_name("web_chat.html")
SESSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
COMMUNE_KEY = re.compile(r"^[a-z0-9_]{1,60}$")  # a province: /chat?xa=<commune key> (checked again by the core)
MAX_CHARS = 5000
SLOW_DOWN = "Bạn gửi nhanh quá. Hãy đợi một chút rồi hỏi tiếp nhé."
BAD_REQUEST = "Tin nhắn không hợp lệ. Bạn tải lại trang rồi thử lại."
NOT_JSON = "Trang chat gửi sai định dạng. Bạn tải lại trang rồi thử lại."


def reply_json(reply: Outgoing) -> dict:
    data: dict = {"text": reply.text, "buttons": [{"label": b.label, "payload": b.payload} for b in reply.buttons]}
    if reply.picture is not None:
        data["picture"] = "data:image/png;base64," + base64.b64encode(reply.picture).decode()
    if reply.file is not None:
        data["text"] = f"{reply.text}\n[tệp: {reply.filename or 'tệp đính kèm'}]".strip()
    return data


async def _nothing_to_send(replies: list[Outgoing]) -> None:
    """The replies go back in the HTTP response."""


def _inline_hash(page: str, tag: str) -> str:
    """The CSP source of the page's one inline ``<tag>`` block."""
    body = page.split(f"<{tag}>", 1)[1].split(f"</{tag}>", 1)[0]
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


class _Window:
    """Sliding one-minute counters for many keys (sessions or client addresses)."""

    def __init__(self, limit: int, clock):
        self.limit, self.clock = limit, clock
        self.recent: dict[str, deque] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now, window = self.clock(), self.recent[key]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self.limit:
            return False
        window.append(now)
        if len(self.recent) > 10_000:  # forget idle keys
            for old in [k for k, v in self.recent.items() if not v or now - v[-1] > 60]:
                del self.recent[old]
        return True


class _NewSessions:
    """How many new chat sessions each client address may start: a bucket of ``burst`` that refills at ``per_minute``.

    A session's own messages are limited per session; what a client rotating session ids does is start sessions,
    so that is what an address pays for. A shared office or school connection gets the burst for a morning rush;
    over time no address starts sessions faster than ``per_minute``.
    """

    def __init__(self, burst: int, per_minute: int, clock):
        self.burst, self.rate, self.clock = burst, per_minute / 60, clock
        self.buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
        self.known: dict[str, float] = {}  # session -> last seen

    def allow(self, address: str, session: str) -> bool:
        now = self.clock()
        if session in self.known:
            self.known[session] = now
            return True
        tokens, when = self.buckets.get(address, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - when) * self.rate)
        if tokens < 1:
            self.buckets[address] = (tokens, now)
            return False
        self.buckets[address] = (tokens - 1, now)
        self.known[session] = now
        if len(self.known) > 100_000:  # forget sessions idle for a day
            self.known = {k: t for k, t in self.known.items() if now - t < 86_400}
        return True


class WebChannel(Channel):
    name = CHANNEL

    def __init__(self, core, settings: Web, clock=time.monotonic):
        super().__init__(core)
        self.settings, self.clock = settings, clock
        self.sessions = _Window(settings.rate_per_minute, clock)
        self.addresses = _NewSessions(settings.new_sessions_burst, settings.new_sessions_per_minute, clock)
        team = html.escape(core.deps.config.organisation.name)
        self.page = PAGE.read_text(encoding="utf-8").replace("{commune}", team).replace(
            "{api}", html.escape(settings.path.rstrip("/") + "/api")).replace("{poll}", str(settings.poll_seconds))
        ancestors = " ".join(["'self'", *settings.frame_ancestors])
        self.headers = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
        self.page_headers = {**self.headers, "Cache-Control": "no-cache", "Content-Security-Policy": (
            f"default-src 'none'; script-src {_inline_hash(self.page, 'script')}; "
            f"style-src {_inline_hash(self.page, 'style')}; img-src 'self' data:; connect-src 'self'; "
            f"base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")}

    @classmethod
    def enabled(cls, settings, config) -> bool:
        return config.channels.web.enabled

    @classmethod
    def from_settings(cls, core, settings) -> WebChannel:
        return cls(core, core.deps.config.channels.web)

    def _address(self, request: Request) -> str:
        forwarded = request.headers.get("x-forwarded-for", "")
        if self.settings.trust_forwarded_for and forwarded:
            return forwarded.split(",")[0].strip()
        return request.client.host if request.client else "?"

    def _json(self, data: dict, status_code: int = 200) -> Response:
        return JSONResponse(data, status_code=status_code, headers=self.headers)

    async def page_view(self, request: Request) -> Response:
        """The page; ``?xa=<key>`` (a commune's page in a province) is handed to the API with each message."""
        key = request.query_params.get("xa", "")
        key = key if COMMUNE_KEY.match(key) and key in self.core.deps.config.commune_keys else ""
        return HTMLResponse(self.page.replace("{xa}", key, 1), headers=self.page_headers)

    async def message(self, request: Request) -> Response:
        try:  # the size first: a huge body is refused (413) whatever its type
            data = await json_object(request, "web chat", limit=64_000)
        except BadRequest as bad:
            return self._json({"error": BAD_REQUEST}, status_code=bad.response.status_code)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            # the page always sends JSON; a cross-site form or text/plain "simple" request never gets through
            return self._json({"error": NOT_JSON}, status_code=415)
        session = data.get("session")
        text, payload = data.get("text", "") if session else "", data.get("payload", "") if session else ""
        label = data.get("label", "") if session else ""
        commune = data.get("xa", "")
        if not isinstance(session, str) or not SESSION.match(session) or not isinstance(text, str) \
                or not isinstance(payload, str) or len(payload) > 64 or not isinstance(label, str) \
                or not isinstance(commune, str) or commune and not COMMUNE_KEY.match(commune):
            return self._json({"error": BAD_REQUEST}, status_code=400)
        if not self.addresses.allow(self._address(request), session) or not self.sessions.allow(session):
            return self._json({"error": SLOW_DOWN}, status_code=429)
        incoming = Incoming(channel=CHANNEL, user_id=session, chat_id=session, text=text[:MAX_CHARS + 1],
                            kind=Kind.BUTTON if payload else Kind.TEXT, payload=payload, commune=commune)
        replies = await self.converse(incoming, _nothing_to_send)
        shown = [reply_json(r) for r in replies]
        said = clean_text(label[:80]) if payload else incoming.text[:MAX_CHARS]
        record = ([("me", said, [])] if said and said != "/start" else []) + \
            [("bot", r["text"], r["buttons"]) for r in shown]
        last = await asyncio.get_running_loop().run_in_executor(None, self._record, session, record)
        return self._json({"replies": shown, "last": last})

    def _record(self, session: str, messages: list, best_effort: bool = True) -> int:
        """Add to the session's transcript; the id of its last message (where the page polls from)."""
        store = self.core.deps.store
        store.add_web_messages(session, messages, self.core.deps.now().isoformat(), best_effort=best_effort)
        return store.last_web_message(session)  # reading works while another process writes (WAL)

    async def history(self, request: Request) -> Response:
        """The transcript of a session after message ``after`` (0: all of it, for a reload)."""
        session, after = request.query_params.get("session", ""), request.query_params.get("after", "0")
        if not SESSION.match(session) or not after.isascii() or not after.isdigit():
            return self._json({"error": BAD_REQUEST}, status_code=400)
        messages = await asyncio.get_running_loop().run_in_executor(
            None, self.core.deps.store.web_messages, session, int(after))
        return self._json({"messages": messages, "last": messages[-1]["id"] if messages else int(after)})

    async def send(self, chat_id: str, replies: list[Outgoing]) -> None:
        """The outbox's sender for this channel: the message appears on the page's next poll."""
        await asyncio.get_running_loop().run_in_executor(
            None, self._record, chat_id, [("bot", r["text"], r["buttons"]) for r in map(reply_json, replies)], False)

    def routes(self) -> list[Route]:
        path = self.settings.path.rstrip("/")
        return [Route(path, self.page_view, methods=["GET"]), Route(f"{path}/api", self.message, methods=["POST"]),
                Route(f"{path}/api/history", self.history, methods=["GET"])]
