"""Fake Zalo servers on 127.0.0.1 speaking the real HTTP protocols: the Bot Platform and the OA/OAuth APIs.

Usage::

    with FakeZaloBot() as bot:          # POST /bot<token>/<method>; bot.push(event) feeds getUpdates
        ...bot.base_url, bot.sent
    with FakeZaloOA() as oa:            # POST /v3.0/oa/message/cs and /v4/oa/access_token
        oa.expire_access_token()        # the next send gets error -216 until the token is refreshed
"""

from __future__ import annotations

import time

from tests.fakes.loopback import LoopbackServer


class FakeZaloBot(LoopbackServer):
    base_url = LoopbackServer.address

    def __init__(self, token: str = "zalo-token-1"):
        super().__init__()
        self.token = token
        self.updates: list[dict] = []
        self.sent: list[dict] = []
        self.webhook: dict | None = None

    def push(self, event: dict) -> None:
        with self.lock:
            self.updates.append(event)

    def sent_to(self, chat_id: str) -> list[str]:
        with self.lock:
            return [s["text"] for s in self.sent if str(s.get("chat_id")) == str(chat_id)]

    def answer(self, path, headers, params):
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix):]
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": "b1", "account_name": "troly06", "display_name": "Trợ lý 06"}}
        if method == "getUpdates":
            if self.webhook:
                return 200, {"ok": False, "error_code": 409, "description": "webhook is active"}
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.3)
            while time.monotonic() < deadline:
                with self.lock:
                    if self.updates:
                        return 200, {"ok": True, "result": self.updates.pop(0)}
                time.sleep(0.01)
            return 200, {"ok": False, "error_code": 408, "description": "Request timeout"}
        if method in ("sendMessage", "sendPhoto"):
            with self.lock:
                self.sent.append({"method": method, **params})
            return 200, {"ok": True, "result": {"message_id": f"m{len(self.sent)}", "date": int(time.time() * 1000)}}
        if method == "setWebhook":
            self.webhook = params
            return 200, {"ok": True, "result": {"url": params.get("url")}}
        if method == "deleteWebhook":
            self.webhook = None
        return 200, {"ok": True, "result": True}


class FakeZaloOA(LoopbackServer):
    APP_ID, SECRET_KEY = "app-123", "oa-secret"

    base_url = LoopbackServer.address

    def __init__(self):
        super().__init__()
        self.access_token, self.refresh_token = "access-1", "refresh-1"
        self.rotations = 0
        self.sent: list[dict] = []

    def expire_access_token(self) -> None:
        with self.lock:
            self.access_token = f"access-expired-{time.time_ns()}"

    def sent_to(self, user_id: str) -> list[str]:
        with self.lock:
            return [s["message"]["text"] for s in self.sent if s["recipient"]["user_id"] == user_id]

    def answer(self, path, headers, params):
        if path == "/v3.0/oa/message/cs":
            if headers.get("access_token") != self.access_token:
                return 200, {"error": -216, "message": "Access token is invalid"}
            with self.lock:
                self.sent.append(params)
            return 200, {"error": 0, "message": "Success", "data": {"message_id": f"oa{len(self.sent)}"}}
        if path == "/v4/oa/access_token":
            if headers.get("secret_key") != self.SECRET_KEY or params.get("app_id") != self.APP_ID:
                return 200, {"error": -14002, "error_name": "Invalid app secret"}
            if params.get("refresh_token") != self.refresh_token or params.get("grant_type") != "refresh_token":
                return 200, {"error": -14014, "error_name": "Invalid refresh token"}
            with self.lock:
                self.rotations += 1
                self.access_token = f"access-{self.rotations + 1}"
                self.refresh_token = f"refresh-{self.rotations + 1}"
            return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token, "expires_in": "90000"}
        return 404, {"error": 404, "message": "not found"}
