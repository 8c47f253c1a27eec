"""Web chat: a small page a commune can put on its website (or in an iframe), talking to the same core.

Usage::

    channel = WebChannel(core, config.channels.web)
    routes = channel.routes()          # GET /chat (the page), POST /chat/api (one message in, replies out)

The page keeps a random session id in the browser's localStorage; that id is the chat account, so the web chat
has the same conversations (numbered choices become buttons) as Telegram and Zalo. Messages are rendered with
``textContent`` only. Each session may send ``rate_per_minute`` messages a minute; over that it gets a
Vietnamese "slow down" answer and nothing reaches the core.
"""

from __future__ import annotations

import base64
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
from bot.messages import Incoming, Kind, Outgoing

CHANNEL = "web"
PAGE = Path(__file__).with_name("web_chat.html")
SESSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_CHARS = 5000
SLOW_DOWN = "Bạn gửi nhanh quá. Hãy đợi một chút rồi hỏi tiếp nhé."
BAD_REQUEST = "Tin nhắn không hợp lệ. Bạn tải lại trang rồi thử lại."


def reply_json(reply: Outgoing) -> dict:
    data: dict = {"text": reply.text, "buttons": [{"label": b.label, "payload": b.payload} for b in reply.buttons]}
    if reply.picture is not None:
        data["picture"] = "data:image/png;base64," + base64.b64encode(reply.picture).decode()
    if reply.file is not None:
        data["text"] = f"{reply.text}\n[tệp: {reply.filename or 'tệp đính kèm'}]".strip()
    return data


async def _nothing_to_send(replies: list[Outgoing]) -> None:
    """The replies go back in the HTTP response."""


class WebChannel(Channel):
    name = CHANNEL

    def __init__(self, core, settings: Web, clock=time.monotonic):
        super().__init__(core)
        self.settings, self.clock = settings, clock
        self.recent: dict[str, deque] = defaultdict(deque)
        team = html.escape(core.deps.config.organisation.name)
        self.page = PAGE.read_text(encoding="utf-8").replace("{commune}", team).replace(
            "{api}", html.escape(settings.path.rstrip("/") + "/api"))

    @classmethod
    def enabled(cls, settings, config) -> bool:
        return config.channels.web.enabled

    @classmethod
    def from_settings(cls, core, settings) -> WebChannel:
        return cls(core, core.deps.config.channels.web)

    def _allowed(self, session: str) -> bool:
        now, window = self.clock(), self.recent[session]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self.settings.rate_per_minute:
            return False
        window.append(now)
        if len(self.recent) > 10_000:  # forget idle sessions
            for key in [k for k, v in self.recent.items() if not v or now - v[-1] > 60]:
                del self.recent[key]
        return True

    async def page_view(self, request: Request) -> Response:
        return HTMLResponse(self.page, headers={"Cache-Control": "no-cache"})

    async def message(self, request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            # the page always sends JSON; a cross-site form or text/plain "simple" request never gets through
            return JSONResponse({"error": BAD_REQUEST}, status_code=415)
        try:
            data = await json_object(request, "web chat", limit=64_000)
        except BadRequest as bad:
            return JSONResponse({"error": BAD_REQUEST}, status_code=bad.response.status_code)
        session = data.get("session")
        text, payload = data.get("text", "") if session else "", data.get("payload", "") if session else ""
        if not isinstance(session, str) or not SESSION.match(session) or not isinstance(text, str) \
                or not isinstance(payload, str) or len(payload) > 64:
            return JSONResponse({"error": BAD_REQUEST}, status_code=400)
        if not self._allowed(session):
            return JSONResponse({"error": SLOW_DOWN}, status_code=429)
        incoming = Incoming(channel=CHANNEL, user_id=session, chat_id=session, text=text[:MAX_CHARS + 1],
                            kind=Kind.BUTTON if payload else Kind.TEXT, payload=payload)
        replies = await self.converse(incoming, _nothing_to_send)
        return JSONResponse({"replies": [reply_json(r) for r in replies]})

    def routes(self) -> list[Route]:
        path = self.settings.path.rstrip("/")
        return [Route(path, self.page_view, methods=["GET"]), Route(f"{path}/api", self.message, methods=["POST"])]
