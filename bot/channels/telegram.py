"""Telegram channel through python-telegram-bot v22: translate updates to :class:`Incoming`, render replies.

Usage::

    channel = TelegramChannel.from_settings(core, settings)   # TELEGRAM_BOT_TOKEN, TELEGRAM_BASE_URL
    await channel.start(stop)       # getMe, commands; then polling (a task) or the webhook route in routes()
    await channel.process(update)   # one update: the core answers, the replies are sent

Only this module imports ``telegram``. Answers are sent as plain text (no parse mode), so a user's ``*_[<`` is never
interpreted as markup. An update is acknowledged only once it is handled and answered: the webhook answers 200
after :meth:`TelegramChannel.process` returns (a failed delivery answers 500, so Telegram sends the update again),
and polling asks for the next updates (which confirms the previous ones) only after a batch is done — that is why
polling is this module's own loop over ``getUpdates`` rather than PTB's ``Updater``, which confirms updates as soon
as it has fetched them. The core deduplicates on ``update_id``, so a redelivered update changes nothing twice.

CPU per update on a busy webhook: a private text message is read from its JSON (:func:`private_text`; every other
update goes through ``Update.de_json``), and text replies are posted without building a :class:`Message` from
Telegram's answer (:func:`send_text`).
"""

from __future__ import annotations

import asyncio
import logging
import re
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType, MessageLimit
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, ExtBot

from bot.channels.base import Channel, StartupError
from bot.channels.telegram_request import AiohttpRequest
from bot.config import Config
from bot.http import BadRequest as HttpBadRequest
from bot.http import json_object, secret_ok
from bot.messages import Button, Incoming, Kind, Outgoing, split_text

log = logging.getLogger(__name__)
CHANNEL = "telegram"
TOKEN_FORMAT = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
COMMANDS = [
    BotCommand("start", "Bắt đầu và xem các chủ đề"),
    BotCommand("menu", "Các chủ đề hỗ trợ"),
    BotCommand("help", "Trợ lý 06 giúp được gì"),
    BotCommand("hotline", "Số tổng đài hỗ trợ"),
    BotCommand("quyenriengtu", "Dữ liệu nào được lưu, lưu bao lâu"),
    BotCommand("xoadulieu", "Xem và xóa dữ liệu của bạn"),
]
MEMBER_COMMANDS = [
    *COMMANDS,
    BotCommand("baocao", "Nộp số liệu kỳ này"),
    BotCommand("suabaocao", "Sửa số liệu đã gửi"),
    BotCommand("viec", "Việc được giao"),
    BotCommand("huy", "Dừng việc đang nhập"),
]
LEADER_COMMANDS = [
    *COMMANDS,
    BotCommand("tonghop", "Tổng hợp số liệu, biểu đồ"),
    BotCommand("xuat", "Tệp Excel tổng hợp"),
    BotCommand("khoa", "Khóa số liệu một kỳ"),
    BotCommand("moi", "Tạo mã mời thành viên"),
    BotCommand("giaoviec", "Giao việc cho thôn"),
    BotCommand("thongbao", "Gửi thông báo tới người dân"),
    BotCommand("phieu", "Câu hỏi của người dân chờ trả lời"),
    BotCommand("traloi", "Trả lời một phiếu: /traloi MÃ nội dung"),
]
_KINDS = [
    ("sticker", Kind.STICKER), ("photo", Kind.PHOTO), ("voice", Kind.VOICE), ("audio", Kind.VOICE),
    ("video", Kind.VIDEO), ("video_note", Kind.VIDEO), ("animation", Kind.VIDEO), ("document", Kind.DOCUMENT),
    ("location", Kind.LOCATION), ("venue", Kind.LOCATION), ("contact", Kind.CONTACT),
]


def message_kind(message: Message) -> Kind:
    if message.text is not None:
        return Kind.TEXT
    return next((kind for attr, kind in _KINDS if getattr(message, attr, None)), Kind.OTHER)


def _rows(reply: Outgoing) -> list[list[Button]]:
    """Buttons one per row; short ones (like the feedback pair) share a row."""
    rows: list[list[Button]] = []
    for button in reply.buttons:
        if len(button.label) <= 14 and rows and len(rows[-1]) == 1 and len(rows[-1][0].label) <= 14:
            rows[-1].append(button)
        else:
            rows.append([button])
    return rows


def message_incoming(update: Update, text: str) -> Incoming:
    """A message update (from a user) as the core's :class:`Incoming`; ``text`` without a mention of the bot."""
    message = update.message
    return Incoming(
        channel=CHANNEL, user_id=str(message.from_user.id), chat_id=str(message.chat_id), text=text,
        kind=message_kind(message), display_name=message.from_user.full_name, message_id=str(update.update_id),
        reply_to=(message.reply_to_message.text or "") if message.reply_to_message else "",
    )


_PLAIN_MESSAGE = {"message_id": int, "date": int, "text": str, "chat": dict, "from": dict}
_PLAIN_CHAT = {"id": int, "type": str, "first_name": str, "last_name": str, "username": str}
_PLAIN_USER = {"id": int, "is_bot": bool, "first_name": str, "last_name": str, "username": str, "language_code": str,
               "is_premium": bool}


def _plain(obj: object, fields: dict[str, type], required: tuple[str, ...]) -> bool:
    """``obj`` is a dict with only these fields, each of exactly its type, and the required ones present."""
    return type(obj) is dict and all(type(v) is fields.get(k) for k, v in obj.items()) and all(
        k in obj for k in required)


def private_text(data: dict) -> Incoming | None:
    """The commonest update, a text message in a private chat, read straight from its JSON: what
    :func:`message_incoming` makes of ``Update.de_json(data)`` (which builds a dozen objects for it, the
    largest CPU cost of a webhook request after HTTP itself). None for every other update, and for any field
    beyond the few read here or of an unexpected type (entities, a reply, a group): those take the full path."""
    message = data.get("message")
    if len(data) != 2 or not _plain(message, _PLAIN_MESSAGE, ("message_id", "date", "text", "chat", "from")):
        return None
    chat, sender = message["chat"], message["from"]
    if not (_plain(chat, _PLAIN_CHAT, ("id", "type")) and chat["type"] == ChatType.PRIVATE
            and _plain(sender, _PLAIN_USER, ("id", "is_bot", "first_name")) and sender["first_name"]
            and 0 <= message["date"] < 2**31):
        return None
    last = sender.get("last_name")
    return Incoming(channel=CHANNEL, user_id=str(sender["id"]), chat_id=str(chat["id"]), text=message["text"],
                    kind=Kind.TEXT, display_name=f"{sender['first_name']} {last}" if last else sender["first_name"],
                    message_id=str(data["update_id"]))


def keyboard(reply: Outgoing) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard (see :func:`_rows`)."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
                                 for row in _rows(reply)])


def keyboard_json(reply: Outgoing) -> dict | None:
    """:func:`keyboard` as the Bot API's JSON object, the same as ``keyboard(reply).to_dict()``, built directly."""
    if not reply.buttons:
        return None
    return {"inline_keyboard": [[{"text": b.label, "callback_data": b.payload} for b in row] for row in _rows(reply)]}


async def send_text(bot: ExtBot, chat_id: int | str, text: str, markup: dict | None = None) -> None:
    """sendMessage through the bot's rate limiter and error handling, like ``bot.send_message``, without building
    a :class:`Message` from Telegram's answer, which nobody reads here (about half of send_message's CPU)."""
    await bot._post("sendMessage", {"chat_id": chat_id, "text": text, "reply_markup": markup})


async def send_replies(bot, chat_id: int | str, replies: list[Outgoing]) -> None:
    """Send replies in order: long texts split under Telegram's limit, buttons on the last piece."""
    for reply in replies:
        if reply.picture is not None:
            await bot.send_photo(chat_id, reply.picture, caption=reply.text[:1024] or None,
                                 reply_markup=keyboard(reply))
            continue
        if reply.file is not None:
            await bot.send_document(chat_id, reply.file, filename=reply.filename or "tep.xlsx",
                                    caption=reply.text[:1024] or None, reply_markup=keyboard(reply))
            continue
        chunks = split_text(reply.text, MessageLimit.MAX_TEXT_LENGTH)
        for i, chunk in enumerate(chunks):
            await send_text(bot, chat_id, chunk, keyboard_json(reply) if i == len(chunks) - 1 else None)


def build_bot(token: str, base_url: str | None = None) -> ExtBot:
    """The Bot API client: aiohttp networking; a 429 answer is waited out for ``retry_after`` seconds and the
    request retried, up to five times (proactive sending is paced by the scheduler's outbox sender)."""
    base = base_url or "https://api.telegram.org/bot"
    return ExtBot(token, base_url=base, base_file_url=base.replace("/bot", "/file/bot", 1),
                  request=AiohttpRequest(connection_pool_size=8),
                  get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=40.0),
                  rate_limiter=AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=5))


COMMUNE_COMMAND = BotCommand("xa", "Chọn, xem hoặc đổi xã, phường của bạn")


async def register_commands(bot: ExtBot, config: Config | None = None) -> None:
    """Publish the Vietnamese command list (setMyCommands); in a province of several communes also /xa."""
    several = config is not None and config.several_communes
    await bot.set_my_commands([*COMMANDS, COMMUNE_COMMAND] if several else COMMANDS)


def _permanent(exc: Exception) -> bool:
    """A send that can never succeed (blocked by the user, chat gone, bad request): retrying will not help."""
    return isinstance(exc, (BadRequest, Forbidden, InvalidToken))


class TelegramChannel(Channel):
    """Telegram updates in, replies out; polling or webhook."""

    name = CHANNEL

    def __init__(self, core, bot: ExtBot, webhook_url: str | None = None, secret: str | None = None):
        super().__init__(core)
        self.bot, self.webhook_url, self.secret = bot, webhook_url, secret
        self._polling: asyncio.Task | None = None

    @classmethod
    def enabled(cls, settings, config) -> bool:
        return bool(settings.telegram_bot_token)

    @classmethod
    def check(cls, settings, config) -> None:
        if not TOKEN_FORMAT.match(settings.telegram_bot_token.strip()):
            raise StartupError("TELEGRAM_BOT_TOKEN is malformed: it looks like 123456789:ABCdef… (from @BotFather)")
        if config.channels.telegram.webhook_url and not settings.telegram_webhook_secret:
            raise StartupError("Telegram webhook mode needs TELEGRAM_WEBHOOK_SECRET (letters, digits, _ and -)")

    @classmethod
    def from_settings(cls, core, settings) -> TelegramChannel:
        return cls(core, build_bot(settings.telegram_bot_token.strip(), settings.telegram_base_url),
                   core.deps.config.channels.telegram.webhook_url, settings.telegram_webhook_secret)

    async def connect(self) -> None:
        try:
            await self.bot.initialize()
        except InvalidToken:
            raise StartupError("the Bot API server refused TELEGRAM_BOT_TOKEN: check the token with @BotFather") \
                from None
        except NetworkError as exc:
            raise StartupError(f"cannot reach the Telegram Bot API ({exc}); check the network or TELEGRAM_BASE_URL") \
                from None
        self.core.bot_username = self.bot.username

    async def start(self, stop: asyncio.Event) -> None:
        await self.connect()
        try:
            await register_commands(self.bot, self.core.deps.config)
            if self.webhook_url:
                await self.bot.set_webhook(self.webhook_url, secret_token=self.secret,
                                           allowed_updates=Update.ALL_TYPES)
            else:
                await self.bot.delete_webhook()
                self._polling = asyncio.create_task(self.poll(stop))
        except TelegramError as exc:
            await self.stop()
            raise StartupError(f"Telegram refused the start-up request: {exc}") from None
        log.info("telegram: %s as @%s", "webhook" if self.webhook_url else "polling", self.bot.username)

    async def stop(self) -> None:
        if self._polling:
            self._polling.cancel()
            await asyncio.gather(self._polling, return_exceptions=True)
        await self.bot.shutdown()

    async def send(self, chat_id: str, replies: list[Outgoing]) -> None:
        await send_replies(self.bot, int(chat_id), replies)

    # -- receiving ----------------------------------------------------------------------------------------------
    async def process(self, update: Update) -> None:
        """Handle one update and send its replies; raises when they could not be sent (try again later)."""
        if update.message is not None:
            await self._on_message(update)
        elif update.callback_query is not None:
            await self._on_button(update)

    def _addressed(self, message: Message) -> tuple[bool, str]:
        """In groups, speak only when addressed; return (addressed, text without the mention)."""
        text = message.text or ""
        if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
            return True, text
        mention = f"@{self.bot.username}".lower()
        if text.startswith("/"):
            command = text.split()[0]
            return ("@" not in command or command.lower().endswith(mention)), text
        if mention in text.lower():
            start = text.lower().index(mention)
            return True, (text[:start] + text[start + len(mention):]).strip()
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == self.bot.id), text

    async def _on_message(self, update: Update) -> None:
        message = update.message
        if message.from_user is None:
            return
        addressed, text = self._addressed(message)
        if not addressed:
            return
        await self._converse_message(message_incoming(update, text), message.chat_id,
                                     message.chat.type == ChatType.PRIVATE)

    async def _converse_message(self, incoming: Incoming, chat_id: int, private: bool) -> None:
        async def deliver(replies: list[Outgoing]) -> None:
            await self._deliver(chat_id, replies)
            role = next((r.meta.joined_as for r in replies if r.meta and r.meta.joined_as), None)
            if role and private:  # a new team member sees the team's commands
                commands = LEADER_COMMANDS if role in ("leader", "deputy") else MEMBER_COMMANDS
                await self.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))

        await self.converse(incoming, deliver)

    async def _on_button(self, update: Update) -> None:
        query: CallbackQuery = update.callback_query
        try:
            await query.answer()  # stops the button's spinner; not part of the answer
        except TelegramError as exc:
            log.info("telegram: callback answer failed: %s", exc)
        chat_id = query.message.chat.id if query.message else query.from_user.id
        incoming = Incoming(channel=CHANNEL, user_id=str(query.from_user.id), chat_id=str(chat_id),
                            kind=Kind.BUTTON, payload=query.data or "", display_name=query.from_user.full_name,
                            message_id=str(update.update_id))

        async def deliver(replies: list[Outgoing]) -> None:
            prefix = next((r.meta.drop_buttons for r in replies if r.meta and r.meta.drop_buttons), None)
            if prefix and isinstance(query.message, Message) and query.message.reply_markup:
                rows = [[b for b in row if not (b.callback_data or "").startswith(prefix)]
                        for row in query.message.reply_markup.inline_keyboard]
                try:
                    await query.edit_message_reply_markup(InlineKeyboardMarkup([r for r in rows if r]))
                except BadRequest as exc:  # e.g. the markup is already gone
                    log.info("telegram: could not remove the buttons: %s", exc)
            await self._deliver(chat_id, replies)

        await self.converse(incoming, deliver)

    async def _deliver(self, chat_id: int, replies: list[Outgoing]) -> None:
        try:
            await send_replies(self.bot, chat_id, replies)
        except TelegramError as exc:
            if not _permanent(exc):
                raise
            log.warning("telegram: replies to a chat cannot be delivered (%s); given up", exc)

    def routes(self) -> list[Route]:
        if not self.webhook_url:
            return []
        return [Route(urlsplit(self.webhook_url).path or "/telegram", self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        """The webhook: verify the secret, parse the update, handle it, and only then answer 200."""
        if not secret_ok(self.secret, request.headers.get("X-Telegram-Bot-Api-Secret-Token")):
            log.warning("telegram webhook: wrong or missing secret token from %s", request.client)
            return PlainTextResponse("forbidden", status_code=403)
        try:
            data = await json_object(request, "telegram webhook")
        except HttpBadRequest as bad:
            return bad.response
        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            log.warning("telegram webhook: update without an integer update_id (400)")
            return PlainTextResponse("not an update", status_code=400)
        plain = private_text(data)
        if plain is None:
            try:
                update = Update.de_json(data, self.bot)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                log.warning("telegram webhook: update %s is malformed (%s: %s) (400)", update_id,
                            type(exc).__name__, str(exc)[:80])
                return PlainTextResponse("malformed update", status_code=400)
        try:
            if plain is None:
                await self.process(update)
            else:
                await self._converse_message(plain, int(plain.chat_id), True)
        except TelegramError as exc:
            log.warning("telegram webhook: replies to update %s not sent (%s); Telegram will send it again",
                        update_id, exc)
            return PlainTextResponse("try again", status_code=503)
        except Exception:  # a defect, not the network: sending the update again would fail again
            log.exception("telegram webhook: update %s failed", update_id)
        return Response(status_code=200)

    async def poll(self, stop: asyncio.Event, timeout: int = 30) -> None:
        """Long polling until ``stop``: a batch is handled completely before the next ``getUpdates`` confirms it;
        an update whose replies could not be sent is fetched again (from it on) after a pause."""
        offset, delay = None, 1.0
        stopped = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                fetch = asyncio.create_task(self.bot.get_updates(offset=offset, timeout=timeout,
                                                                 allowed_updates=Update.ALL_TYPES))
                await asyncio.wait({fetch, stopped}, return_when=asyncio.FIRST_COMPLETED)
                if not fetch.done():
                    fetch.cancel()
                    break
                try:
                    updates = fetch.result()
                except TelegramError as exc:
                    log.warning("telegram getUpdates failed: %s; retrying in %.0f s", exc, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 60)
                    continue
                if not updates:
                    continue
                results = await asyncio.gather(*(self.process(u) for u in updates), return_exceptions=True)
                failed = []
                for update, result in zip(updates, results, strict=True):
                    if isinstance(result, TelegramError):  # not sent: fetch it again (from it on) after a pause
                        failed.append(update.update_id)
                        log.warning("telegram: update %s not answered (%s); it will be fetched again",
                                    update.update_id, result)
                    elif isinstance(result, Exception):  # a defect: fetching it again would fail again
                        log.error("telegram: update %s failed", update.update_id, exc_info=result)
                offset = min(failed) if failed else updates[-1].update_id + 1
                if failed:
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 60)
                else:
                    delay = 1.0
        finally:
            stopped.cancel()
