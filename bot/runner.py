"""``python -m bot run``: start every configured channel, one HTTP server and the scheduler, until SIGINT/SIGTERM.

- Telegram when ``TELEGRAM_BOT_TOKEN`` is set: polling, or webhook with ``--webhook`` /
  ``channels.telegram.webhook_url`` (needs ``TELEGRAM_WEBHOOK_SECRET``).
- Zalo Bot Platform when ``ZALO_BOT_TOKEN`` is set: polling, or webhook with ``channels.zalo_bot.webhook_url``
  (needs ``ZALO_BOT_SECRET``).
- Zalo Official Account when ``ZALO_OA_APP_ID`` is set: webhook at ``channels.zalo_oa.path`` (needs
  ``ZALO_OA_SECRET_KEY`` and a token).
- The web chat page when ``channels.web.enabled`` is true.

Every webhook and ``/healthz`` share one HTTP server (``channels.listen``:``channels.port``). Start-up problems end
with one line that says what to do, never a traceback.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import signal
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.config import Settings

log = logging.getLogger(__name__)
TOKEN_FORMAT = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class StartupError(Exception):
    """Start-up cannot go on; the message is one line for the operator."""


@dataclass
class Runtime:
    """What a started channel contributes: webhook routes, an outbox transport, and how to stop it."""

    name: str
    transport: object
    routes: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    stop: object = None  # async callable


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


def check_settings(settings: Settings, webhook_url: str | None, config) -> None:
    """Every misconfiguration, before anything starts."""
    if not (settings.telegram_bot_token or settings.zalo_bot_token or settings.zalo_oa_app_id
            or config.channels.web.enabled):
        raise StartupError("no channel is configured: set TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN or ZALO_OA_APP_ID, or "
                           "channels.web.enabled in config.yaml (or try `python -m bot chat`)")
    if settings.telegram_bot_token:
        if not TOKEN_FORMAT.match(settings.telegram_bot_token.strip()):
            raise StartupError("TELEGRAM_BOT_TOKEN is malformed: it looks like 123456789:ABCdef… (from @BotFather)")
        if (webhook_url or config.channels.telegram.webhook_url) and not settings.telegram_webhook_secret:
            raise StartupError("Telegram webhook mode needs TELEGRAM_WEBHOOK_SECRET (letters, digits, _ and -)")
    if settings.zalo_bot_token and config.channels.zalo_bot.webhook_url and not settings.zalo_bot_secret:
        raise StartupError("Zalo bot webhook mode needs ZALO_BOT_SECRET")
    if settings.zalo_oa_app_id:
        if not settings.zalo_oa_secret_key:
            raise StartupError("Zalo OA needs ZALO_OA_SECRET_KEY (the app's secret key)")
        if not (settings.zalo_oa_access_token or settings.zalo_oa_refresh_token):
            raise StartupError("Zalo OA needs ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN")


async def _main(settings: Settings, webhook_url: str | None) -> int:
    from bot.app import build_core
    from bot.config import load_config

    check_settings(settings, webhook_url, load_config(settings.config_path))
    core = build_core(settings)
    # Start-up objects (knowledge base, model, libraries) never die: keep the garbage collector from rescanning
    # them on every full collection, which otherwise shows up as latency spikes under load.
    gc.collect()
    gc.freeze()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runtimes: list[Runtime] = []
    scheduler = None
    try:
        if settings.telegram_bot_token:
            runtimes.append(await start_telegram(core, settings, webhook_url))
        if settings.zalo_bot_token:
            runtimes.append(await start_zalo_bot(core, settings, stop))
        if settings.zalo_oa_app_id:
            runtimes.append(start_zalo_oa(core, settings))
        if core.deps.config.channels.web.enabled:
            from bot.channels.web import CHANNEL, WebChannel

            web = WebChannel(core, core.deps.config.channels.web)
            runtimes.append(Runtime(CHANNEL, web.transport, web.routes()))
        scheduler = start_scheduler(core.deps, {r.name: r.transport for r in runtimes if r.transport})
        routes = [route for r in runtimes for route in r.routes]
        channels = core.deps.config.channels
        if routes:
            from bot.web import serve, web_app

            log.info("http: routes %s on %s:%s", [r.path for r in routes], channels.listen, channels.port)
            await serve(web_app(routes), channels.listen, channels.port, stop)
        else:
            await stop.wait()
    finally:
        if scheduler:
            scheduler.shutdown(wait=False)
        for runtime in reversed(runtimes):
            for task in runtime.tasks:
                task.cancel()
            if runtime.stop:
                await runtime.stop()
    return 0


async def start_telegram(core, settings: Settings, webhook_url: str | None) -> Runtime:
    """Initialise (getMe), register commands, then poll or prepare the webhook route."""
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.channels.telegram import build_application, register_commands, transport
    from bot.web import telegram_webhook_route

    application = build_application(core, settings.telegram_bot_token.strip(), settings.telegram_base_url)
    try:
        await application.initialize()
    except InvalidToken:
        raise StartupError("the Bot API server refused TELEGRAM_BOT_TOKEN: check the token with @BotFather") from None
    except NetworkError as exc:
        raise StartupError(f"cannot reach the Telegram Bot API ({exc}); check the network or TELEGRAM_BASE_URL") \
            from None
    core.bot_username = application.bot.username
    webhook_url = webhook_url or core.deps.config.channels.telegram.webhook_url

    async def stop() -> None:
        if application.updater and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()

    try:
        await register_commands(application)
        routes = []
        if webhook_url:
            secret = settings.telegram_webhook_secret
            await application.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            routes.append(telegram_webhook_route(urlsplit(webhook_url).path or "/telegram", application, secret))
        else:
            await application.bot.delete_webhook()
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await application.start()
    except TelegramError as exc:
        await stop()
        raise StartupError(f"Telegram refused the start-up request: {exc}") from None
    log.info("telegram: %s as @%s", "webhook" if webhook_url else "polling", application.bot.username)
    return Runtime("telegram", transport(application.bot), routes, stop=stop)


async def start_zalo_bot(core, settings: Settings, stop_event: asyncio.Event) -> Runtime:
    import httpx

    from bot.channels.zalo import BOT_CHANNEL, ZaloBotChannel, ZaloBotClient, ZaloError

    client = ZaloBotClient(settings.zalo_bot_token.strip(), settings.zalo_bot_base_url)
    channel = ZaloBotChannel(core, client, settings.zalo_bot_secret)
    webhook_url = core.deps.config.channels.zalo_bot.webhook_url
    try:
        await client.call("getMe")
        if webhook_url:
            await client.call("setWebhook", url=webhook_url, secret_token=settings.zalo_bot_secret)
        else:
            await client.call("deleteWebhook")
    except ZaloError as exc:
        await client.close()
        raise StartupError(f"the Zalo Bot API refused ZALO_BOT_TOKEN or the webhook ({exc})") from None
    except httpx.HTTPError as exc:
        await client.close()
        raise StartupError(f"cannot reach the Zalo Bot API ({exc}); check ZALO_BOT_BASE_URL") from None
    routes = [channel.route(urlsplit(webhook_url).path or "/zalo/bot")] if webhook_url else []
    tasks = [] if webhook_url else [asyncio.create_task(channel.poll(stop_event))]
    log.info("zalo bot: %s", "webhook" if webhook_url else "polling")
    return Runtime(BOT_CHANNEL, channel.send, routes, tasks, stop=client.close)


def start_zalo_oa(core, settings: Settings) -> Runtime:
    from bot.channels.zalo import OA_CHANNEL, ZaloOAChannel, ZaloOAClient

    config = core.deps.config.channels.zalo_oa
    client = ZaloOAClient(core.deps.store, settings.zalo_oa_app_id, settings.zalo_oa_secret_key,
                          settings.zalo_oa_access_token, settings.zalo_oa_refresh_token, settings.zalo_oa_base_url,
                          settings.zalo_oauth_base_url)
    channel = ZaloOAChannel(core, client, config)
    log.info("zalo oa: webhook at %s (signature check %s)", config.path, "on" if config.verify_signature else "OFF")
    return Runtime(OA_CHANNEL, channel.send, [channel.route(config.path)], stop=client.close)


def start_scheduler(deps, transports):
    """APScheduler triggers the same pass as ``python -m bot tick`` every ``scheduler.tick_seconds``."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    from scheduler.outbox import run_pass

    async def tick() -> None:
        try:
            items, report = await run_pass(deps, deps.now(), transports, asyncio.sleep, clock=deps.now)
            if report and (report.sent or report.failed or report.retried or report.unreachable):
                log.info("scheduler: %d due, %d sent, %d skipped, %d retried, %d failed, %d unreachable",
                         len(items), report.sent, report.skipped, report.retried, report.failed, report.unreachable)
        except Exception:
            log.exception("scheduler pass failed")

    scheduler = AsyncIOScheduler(timezone=deps.config.organisation.timezone)
    scheduler.add_job(tick, IntervalTrigger(seconds=deps.config.scheduler.tick_seconds), id="tick",
                      max_instances=1, coalesce=True, next_run_time=deps.now())
    scheduler.start()
    return scheduler
