"""A fake Telegram Bot API server on 127.0.0.1 that speaks the real HTTP protocol.

Usage::

    with FakeBotApi(token="123:abc") as api:
        api.push_message(user_id=1, text="xin chào")       # becomes the next getUpdates result
        api.wait_for(lambda: api.sent_to(1))                # what the bot sent to chat 1
        api.fail_next("sendMessage", retry_after=1)         # answer the next sendMessage with 429
        api.stall("sendMessage")                            # hold sendMessage calls, then drop them (a crash window)

getUpdates has Telegram's offset semantics: an update is returned again until a later call's ``offset`` confirms
it (a bot killed before confirming gets it again after a restart).

python-telegram-bot is pointed at it with ``base_url=api.base_url``. Supports getMe, getUpdates, sendMessage,
sendPhoto, sendDocument, answerCallbackQuery, editMessageReplyMarkup, setMyCommands, setWebhook, deleteWebhook.
"""

from __future__ import annotations

import json
import re
import time

from tests.fakes.loopback import LoopbackServer

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Trợ lý 06", "username": "troly06_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}


def user(uid: int) -> dict:
    return {"id": uid, "is_bot": False, "first_name": f"Dân {uid}", "language_code": "vi"}


class FakeBotApi(LoopbackServer):
    def __init__(self, token: str = "123456:TEST-token_abc"):
        super().__init__()
        self.token = token
        self.updates: list[dict] = []
        self.sent: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.failures: dict[str, list[int]] = {}
        self.stalled: set[str] = set()
        self.confirmed = 0  # updates up to this id were confirmed by an offset
        self.next_update_id = 1
        self.next_message_id = 1000
        self.on_send = None  # optional callback(record) when a message is sent

    @property
    def base_url(self) -> str:
        return f"{self.address}/bot"

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

    def stall(self, method: str, on: bool = True) -> None:
        """Hold calls of ``method`` while on (up to 60 s), then drop them: recorded in ``calls``, never delivered."""
        with self.lock:
            (self.stalled.add if on else self.stalled.discard)(method)

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
    def answer(self, path: str, headers: dict, params: dict) -> tuple[int, dict]:
        match = re.match(r"/bot([^/]+)/(\w+)", path)
        if not match or match.group(1) != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        for key in ("reply_markup", "commands", "allowed_updates"):
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        method = match.group(2)
        with self.lock:
            self.calls.append((method, params))
            pending = self.failures.get(method)
            retry_after = pending.pop(0) if pending else None
        if method in self.stalled:
            end = time.monotonic() + 60
            while method in self.stalled and time.monotonic() < end:
                time.sleep(0.01)
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        if retry_after is not None:
            return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
                         "parameters": {"retry_after": retry_after}}
        return 200, {"ok": True, "result": self._answer(method, params)}

    def _answer(self, method: str, params: dict):
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
            while True:
                with self.lock:
                    if offset:
                        self.confirmed = max(self.confirmed, offset - 1)
                    self.updates = [u for u in self.updates if u["update_id"] > self.confirmed
                                    or u.get("_redeliver")]
                    ready = [u for u in self.updates if u["update_id"] > self.confirmed or u.get("_redeliver")]
                    for u in ready:
                        if u.pop("_redeliver", None):  # a duplicate is delivered once
                            self.updates.remove(u)
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
