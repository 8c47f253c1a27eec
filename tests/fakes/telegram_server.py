"""A fake Telegram Bot API server on 127.0.0.1 that speaks the real HTTP protocol.

Usage::

    with FakeBotApi(token="123:abc") as api:
        api.push_message(user_id=1, text="xin chào")       # becomes the next getUpdates result
        api.wait_for(lambda: api.sent_to(1))                # what the bot sent to chat 1
        api.fail_next("sendMessage", retry_after=1)         # answer the next sendMessage with 429

python-telegram-bot is pointed at it with ``base_url=api.base_url``. Supports getMe, getUpdates, sendMessage,
sendPhoto, sendDocument, answerCallbackQuery, editMessageReplyMarkup, setMyCommands, setWebhook, deleteWebhook.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Trợ lý 06", "username": "troly06_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}


def user(uid: int) -> dict:
    return {"id": uid, "is_bot": False, "first_name": f"Dân {uid}", "language_code": "vi"}


class FakeBotApi:
    def __init__(self, token: str = "123456:TEST-token_abc"):
        self.token = token
        self.lock = threading.Lock()
        self.updates: list[dict] = []
        self.sent: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.failures: dict[str, list[int]] = {}
        self.next_update_id = 1
        self.next_message_id = 1000
        self.on_send = None  # optional callback(record) when a message is sent
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def __enter__(self) -> FakeBotApi:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # -- scripting ---------------------------------------------------------------------------------------------
    def push(self, update: dict) -> dict:
        with self.lock:
            if "update_id" not in update:
                update["update_id"] = self.next_update_id
            self.next_update_id = max(self.next_update_id, update["update_id"] + 1)
            self.updates.append(update)
        return update

    def message(self, user_id: int, text: str | None = None, chat: dict | None = None, **extra) -> dict:
        with self.lock:
            self.next_message_id += 1
            mid = self.next_message_id
        msg = {"message_id": mid, "date": int(time.time()), "from": user(user_id),
               "chat": chat or {"id": user_id, "type": "private", "first_name": f"Dân {user_id}"}}
        if text is not None:
            msg["text"] = text
        msg.update(extra)
        return msg

    def push_message(self, user_id: int, text: str | None = None, **extra) -> dict:
        return self.push({"message": self.message(user_id, text, **extra)})

    def push_button(self, user_id: int, data: str, message: dict | None = None) -> dict:
        return self.push({"callback_query": {"id": f"cb{time.time_ns()}", "from": user(user_id),
                                             "chat_instance": "ci", "data": data,
                                             "message": message or self.message(user_id, "…", from_=None)}})

    def fail_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        with self.lock:
            self.failures.setdefault(method, []).extend([retry_after] * times)

    def sent_to(self, chat_id: int | str, method: str | None = None) -> list[dict]:
        with self.lock:
            return [s for s in self.sent if str(s.get("chat_id")) == str(chat_id)
                    and (method is None or s["method"] == method)]

    def called(self, method: str) -> list[dict]:
        with self.lock:
            return [params for name, params in self.calls if name == method]

    @staticmethod
    def wait_for(predicate, timeout: float = 10.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.01)
        return False

    # -- HTTP --------------------------------------------------------------------------------------------------
    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                # headers and body are written separately: without this, Nagle + delayed ACK add 40 ms a reply
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.do_POST()

            def do_POST(self):
                match = re.match(r"/bot([^/]+)/(\w+)", urllib.parse.urlsplit(self.path).path)
                params = self._params()
                if not match or match.group(1) != api.token:
                    return self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                method = match.group(2)
                with api.lock:
                    api.calls.append((method, params))
                    pending = api.failures.get(method)
                    retry_after = pending.pop(0) if pending else None
                if retry_after is not None:
                    return self._send(429, {"ok": False, "error_code": 429,
                                            "description": f"Too Many Requests: retry after {retry_after}",
                                            "parameters": {"retry_after": retry_after}})
                return self._send(200, {"ok": True, "result": api._answer(method, params)})

            def _params(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                ctype = self.headers.get("Content-Type", "")
                params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                if "json" in ctype and raw:
                    params.update(json.loads(raw))
                elif "urlencoded" in ctype:
                    params.update(urllib.parse.parse_qsl(raw.decode()))
                elif "multipart" in ctype:
                    boundary = ctype.split("boundary=")[-1].strip('"').encode()
                    for part in raw.split(b"--" + boundary):
                        head, _, body = part.partition(b"\r\n\r\n")
                        name = re.search(rb'name="([^"]+)"', head)
                        if name:
                            value = body[:-2] if body.endswith(b"\r\n") else body
                            is_file = b"filename=" in head
                            params[name.group(1).decode()] = value if is_file else value.decode(errors="replace")
                for key in ("reply_markup", "commands", "allowed_updates"):
                    if isinstance(params.get(key), str):
                        try:
                            params[key] = json.loads(params[key])
                        except ValueError:
                            pass
                return params

            def _send(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on a long poll while shutting down

        return Handler

    def _answer(self, method: str, params: dict):
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
            while True:
                with self.lock:
                    ready = [u for u in self.updates if u["update_id"] >= offset or u.get("_redeliver")]
                    for u in ready:
                        u.pop("_redeliver", None)
                    self.updates = [u for u in self.updates if u not in ready]
                if ready or time.monotonic() >= deadline:
                    return ready
                time.sleep(0.01)
        if method in ("sendMessage", "sendPhoto", "sendDocument"):
            with self.lock:
                self.next_message_id += 1
                record = {"method": method, "t": time.monotonic(), "message_id": self.next_message_id, **params}
                self.sent.append(record)
            if self.on_send:
                self.on_send(record)
            chat_id = int(str(params.get("chat_id")))
            result = {"message_id": record["message_id"], "date": int(time.time()),
                      "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER}
            if method == "sendMessage":
                result["text"] = params.get("text", "")
            elif method == "sendPhoto":
                result["photo"] = [{"file_id": "p1", "file_unique_id": "p1u", "width": 800, "height": 600}]
            else:
                result["document"] = {"file_id": "d1", "file_unique_id": "d1u", "file_name": params.get("filename")}
            return result
        if method == "editMessageReplyMarkup":
            return True
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True
