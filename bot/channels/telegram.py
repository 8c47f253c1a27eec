"""Telegram channel through python-telegram-bot v22: translate updates to :class:`Incoming`, render replies.

Usage::

    application = build_application(core, token, base_url="http://127.0.0.1:8081/bot")
    # polling:  await application.updater.start_polling()
    # webhook:  feed updates with ``await application.update_queue.put(update)`` (see bot/web.py)

Only this module imports ``telegram``. Answers are sent as plain text (no parse mode), so a user's ``*_[<`` is never
interpreted as markup. Updates are deduplicated on ``update_id`` in the store, so a webhook retry or a restart
during polling never answers twice.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageLimit
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.channels.telegram_request import AiohttpRequest
from bot.core import Core
from bot.messages import Incoming, Kind, Outgoing, split_text
from bot.privacy import redact

log = logging.getLogger(__name__)
CHANNEL = "telegram"
COMMANDS = [
    BotCommand("start", "Bắt đầu và xem các chủ đề"),
    BotCommand("menu", "Các chủ đề hỗ trợ"),
    BotCommand("help", "Trợ lý 06 giúp được gì"),
    BotCommand("hotline", "Số tổng đài hỗ trợ"),
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


def keyboard(reply: Outgoing) -> InlineKeyboardMarkup | None:
    """Buttons one per row; short ones (like the feedback pair) share a row."""
    if not reply.buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for button in reply.buttons:
        key = InlineKeyboardButton(button.label, callback_data=button.payload)
        if len(button.label) <= 14 and rows and len(rows[-1]) == 1 and len(rows[-1][0].text) <= 14:
            rows[-1].append(key)
        else:
            rows.append([key])
    return InlineKeyboardMarkup(rows)


async def send_replies(bot, chat_id: int | str, replies: list[Outgoing]) -> None:
    """Send replies in order: long texts split under Telegram's limit, buttons on the last piece."""
    for reply in replies:
        markup = keyboard(reply)
        if reply.picture is not None:
            await bot.send_photo(chat_id, reply.picture, caption=reply.text[:1024] or None, reply_markup=markup)
            continue
        if reply.file is not None:
            await bot.send_document(chat_id, reply.file, filename=reply.filename or "tep.xlsx",
                                    caption=reply.text[:1024] or None, reply_markup=markup)
            continue
        chunks = split_text(reply.text, MessageLimit.MAX_TEXT_LENGTH)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            await bot.send_message(chat_id, chunk, reply_markup=markup if last else None)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates of different chats concurrently, but each chat's updates in order."""

    def __init__(self, max_concurrent_updates: int = 64):
        super().__init__(max_concurrent_updates)
        self._chats: dict[int | None, tuple[asyncio.Lock, int]] = {}  # chat -> (lock, updates holding or waiting)

    async def do_process_update(self, update, coroutine) -> None:
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        lock, users = self._chats.get(chat, (None, 0))
        lock = lock or asyncio.Lock()
        self._chats[chat] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[chat]
            if users == 1:
                del self._chats[chat]
            else:
                self._chats[chat] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class TelegramChannel:
    """Handlers that translate Telegram updates for the core; build with :func:`build_application`."""

    def __init__(self, core: Core):
        self.core = core

    async def deduplicate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stop any update whose ``update_id`` was handled before (webhook retries, restarts)."""
        if not self.core.deps.store.first_seen(f"{CHANNEL}:update:{update.update_id}"):
            log.info("duplicate update %s ignored", update.update_id)
            raise ApplicationHandlerStop

    def _addressed(self, message: Message, bot_username: str, bot_id: int) -> tuple[bool, str]:
        """In groups, speak only when addressed; return (addressed, text without the mention)."""
        text = message.text or ""
        if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
            return True, text
        mention = f"@{bot_username}".lower()
        if text.startswith("/"):
            command = text.split()[0]
            return ("@" not in command or command.lower().endswith(mention)), text
        if mention in text.lower():
            start = text.lower().index(mention)
            return True, (text[:start] + text[start + len(mention):]).strip()
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == bot_id), text

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any new message: translate, let the core answer, send the replies."""
        message = update.message
        if message is None or message.from_user is None:
            return
        addressed, text = self._addressed(message, context.bot.username, context.bot.id)
        if not addressed:
            return
        incoming = Incoming(
            channel=CHANNEL, user_id=str(message.from_user.id), chat_id=str(message.chat_id), text=text,
            kind=message_kind(message), display_name=message.from_user.full_name,
            message_id=str(message.message_id),
            reply_to=(message.reply_to_message.text or "") if message.reply_to_message else "",
        )
        replies = self.core.handle(incoming)
        await send_replies(context.bot, message.chat_id, replies)
        role = next((r.meta.joined_as for r in replies if r.meta and r.meta.joined_as), None)
        if role and message.chat.type == ChatType.PRIVATE:  # a new team member sees the team's commands
            commands = LEADER_COMMANDS if role in ("leader", "deputy") else MEMBER_COMMANDS
            await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(message.chat_id))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A press on an inline button: acknowledge it, let the core answer, send the replies."""
        query = update.callback_query
        await query.answer()
        chat_id = query.message.chat.id if query.message else query.from_user.id
        incoming = Incoming(channel=CHANNEL, user_id=str(query.from_user.id), chat_id=str(chat_id),
                            kind=Kind.BUTTON, payload=query.data or "", display_name=query.from_user.full_name)
        replies = self.core.handle(incoming)
        prefix = next((r.meta.drop_buttons for r in replies if r.meta and r.meta.drop_buttons), None)
        if prefix and isinstance(query.message, Message) and query.message.reply_markup:
            rows = [[b for b in row if not (b.callback_data or "").startswith(prefix)]
                    for row in query.message.reply_markup.inline_keyboard]
            await query.edit_message_reply_markup(InlineKeyboardMarkup([r for r in rows if r]))
        await send_replies(context.bot, chat_id, replies)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the error (redacted) and tell the user in one sentence."""
        text = update.message.text if isinstance(update, Update) and update.message else ""
        log.error("telegram update failed: %r", redact(text or "")[:200], exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat:
            try:
                await context.bot.send_message(update.effective_chat.id, texts.ERROR)
            except Exception:  # the error may be the network itself
                log.warning("could not send the error message")


async def register_commands(application: Application) -> None:
    """Publish the Vietnamese command list (setMyCommands)."""
    await application.bot.set_my_commands(COMMANDS)


def build_application(core: Core, token: str, base_url: str | None = None) -> Application:
    """A python-telegram-bot Application wired to the core.

    Replies are not throttled here (proactive sending is paced by the scheduler's outbox sender); a 429 answer
    from Telegram is waited out for ``retry_after`` seconds and the request retried, up to five times.
    """
    builder = (
        ApplicationBuilder().token(token).job_queue(None).concurrent_updates(PerChatUpdateProcessor())
        .request(AiohttpRequest(connection_pool_size=8)).get_updates_request(AiohttpRequest(connection_pool_size=1,
                                                                                           read_timeout=40.0))
        .rate_limiter(AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=5))
    )
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_url.replace("/bot", "/file/bot", 1))
    application = builder.build()
    channel = TelegramChannel(core)
    application.add_handler(TypeHandler(Update, channel.deduplicate), group=-1)
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, channel.on_message))
    application.add_handler(CallbackQueryHandler(channel.on_button))
    application.add_error_handler(channel.on_error)
    return application


def transport(bot):
    """The outbox's ``send(chat_id, replies)`` for Telegram."""

    async def send(chat_id: str, replies: list[Outgoing]) -> None:
        await send_replies(bot, int(chat_id), replies)

    return send
