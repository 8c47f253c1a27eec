"""``python -m bot run``: start every configured channel and keep running until SIGINT/SIGTERM.

Telegram is on when ``TELEGRAM_BOT_TOKEN`` is set: polling by default, webhook when a URL is given (``--webhook``
or ``channels.telegram.webhook_url``), served by :mod:`bot.web` together with ``/healthz``. Start-up problems end
with one line that says what to do, never a traceback.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import signal
import sys
from urllib.parse import urlsplit

from bot.config import Settings

log = logging.getLogger(__name__)
TOKEN_FORMAT = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class StartupError(Exception):
    """Start-up cannot go on; the message is one line for the operator."""


def run(settings: Settings, webhook_url: str | None = None) -> int:
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:  # uvloop does not build on every platform; asyncio's own loop works too
        runner = asyncio.run
    try:
        return runner(_main(settings, webhook_url))
    except StartupError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2


async def _main(settings: Settings, webhook_url: str | None) -> int:
    from bot.app import build_core

    token = settings.telegram_bot_token
    if not token:
        raise StartupError("no channel is configured: set TELEGRAM_BOT_TOKEN (or try `python -m bot chat`)")
    if not TOKEN_FORMAT.match(token.strip()):
        raise StartupError("TELEGRAM_BOT_TOKEN is malformed: it looks like 123456789:ABCdef… (from @BotFather)")
    core = build_core(settings)
    # Start-up objects (knowledge base, model, libraries) never die: keep the garbage collector from rescanning
    # them on every full collection, which otherwise shows up as latency spikes under load.
    gc.collect()
    gc.freeze()
    telegram_config = core.deps.config.channels.telegram
    webhook_url = webhook_url or telegram_config.webhook_url
    if webhook_url and not settings.telegram_webhook_secret:
        raise StartupError("webhook mode needs TELEGRAM_WEBHOOK_SECRET (letters, digits, _ and -)")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run_telegram(core, token.strip(), settings.telegram_base_url, webhook_url,
                       settings.telegram_webhook_secret, telegram_config, stop)
    return 0


async def run_telegram(core, token: str, base_url: str | None, webhook_url: str | None, secret: str | None,
                       telegram_config, stop: asyncio.Event) -> None:
    """Initialise (getMe), then poll or serve the webhook until ``stop`` is set."""
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.channels.telegram import build_application, register_commands, transport
    from bot.web import serve, telegram_webhook_route, web_app

    application = build_application(core, token, base_url)
    try:
        await application.initialize()
    except InvalidToken:
        raise StartupError("the Bot API server refused TELEGRAM_BOT_TOKEN: check the token with @BotFather") from None
    except NetworkError as exc:
        raise StartupError(f"cannot reach the Telegram Bot API ({exc}); check the network or TELEGRAM_BASE_URL") \
            from None
    core.bot_username = application.bot.username
    scheduler = start_scheduler(core.deps, {"telegram": transport(application.bot)})
    try:
        await register_commands(application)
        if webhook_url:
            path = urlsplit(webhook_url).path or "/telegram"
            await application.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            await application.start()
            log.info("telegram: webhook %s, listening on %s:%s", webhook_url, telegram_config.listen,
                     telegram_config.port)
            app = web_app([telegram_webhook_route(path, application, secret)])
            await serve(app, telegram_config.listen, telegram_config.port, stop)
        else:
            await application.bot.delete_webhook()
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
            await application.start()
            log.info("telegram: polling as @%s", application.bot.username)
            await stop.wait()
    except TelegramError as exc:
        raise StartupError(f"Telegram refused the start-up request: {exc}") from None
    finally:
        scheduler.shutdown(wait=False)
        if application.updater and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()


def start_scheduler(deps, transports):
    """APScheduler triggers the same pass as ``python -m bot tick`` every ``scheduler.tick_seconds``."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    from scheduler.outbox import run_pass

    async def tick() -> None:
        try:
            items, report = await run_pass(deps, deps.now(), transports, asyncio.sleep, clock=deps.now)
            if report and (report.sent or report.failed or report.retried):
                log.info("scheduler: %d due, %d sent, %d skipped, %d retried, %d failed", len(items), report.sent,
                         report.skipped, report.retried, report.failed)
        except Exception:
            log.exception("scheduler pass failed")

    scheduler = AsyncIOScheduler(timezone=deps.config.organisation.timezone)
    scheduler.add_job(tick, IntervalTrigger(seconds=deps.config.scheduler.tick_seconds), id="tick",
                      max_instances=1, coalesce=True, next_run_time=deps.now())
    scheduler.start()
    return scheduler
