"""``python -m bot run``: start every configured channel, one HTTP server and the scheduler, until SIGINT/SIGTERM.

- Telegram when ``TELEGRAM_BOT_TOKEN`` is set: polling, or webhook with ``--webhook`` /
  ``channels.telegram.webhook_url`` (needs ``TELEGRAM_WEBHOOK_SECRET``).
- Zalo Bot Platform when ``ZALO_BOT_TOKEN`` is set: polling, or webhook with ``channels.zalo_bot.webhook_url``
  (needs ``ZALO_BOT_SECRET``).
- Zalo Official Account when ``ZALO_OA_APP_ID`` is set: webhook at ``channels.zalo_oa.path`` (needs
  ``ZALO_OA_SECRET_KEY`` and a token).
- The web chat page when ``channels.web.enabled`` is true.

Channels come from the registry (``bot/channels/__init__.py``); each says whether it is configured, checks its
settings and starts. Every webhook and ``/healthz`` share one HTTP server (``channels.listen``:``channels.port``,
``bot/http.py``). Start-up problems end with one line that says what to do, never a traceback.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys

from bot.channels.base import StartupError
from bot.config import Settings

log = logging.getLogger(__name__)
RENDERER_WARM_AFTER = 30.0  # seconds after the start: the chart renderer's process starts then, or at the first chart
__all__ = ["StartupError", "run"]


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
    import signal

    from bot.app import build_core
    from bot.channels.base import configured_channels
    from bot.config import load_config

    config = load_config(settings.config_path)
    if webhook_url:
        config.channels.telegram.webhook_url = webhook_url
    classes = configured_channels(settings, config)
    if not classes:
        raise StartupError("no channel is configured: set TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN or ZALO_OA_APP_ID, or "
                           "channels.web.enabled in config.yaml (or try `python -m bot chat`)")
    core = build_core(settings, config=config)
    channels = [cls.from_settings(core, settings) for cls in classes]
    from bot import offload

    # Start-up objects (knowledge base, model, libraries) never die: keep the garbage collector from rescanning
    # them on every full collection, which otherwise shows up as latency spikes under load.
    gc.collect()
    gc.freeze()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    started, scheduler = [], None
    try:
        for channel in channels:
            await channel.start(stop)
            started.append(channel)
        # Charts render in their own process (see bot/offload.py), started once the channels are up (a refused
        # token or a busy port ends the start without waiting for it) and RENDERER_WARM_AFTER seconds later, or
        # at the first chart: its start (imports, ~1 s of CPU) never competes with the first replies.
        offload.enable(warm=warm_chart, warm_after=RENDERER_WARM_AFTER)
        scheduler = start_scheduler(core.deps, {c.name: c.send for c in started if c.can_push or c.can_reply_later})
        routes = [route for c in started for route in c.routes()]
        if config.metrics.enabled:
            from bot.metrics import Metrics

            routes.append(Metrics(core.deps.store, core.deps.now).instrument(core).route(config.metrics.path))
        if routes:
            from bot.http import serve, web_app

            log.info("http: routes %s on %s:%s", [r.path for r in routes], config.channels.listen,
                     config.channels.port)
            await serve(web_app(routes), config.channels.listen, config.channels.port, stop)
        else:
            await stop.wait()
    finally:
        if scheduler:
            scheduler.shutdown(wait=False)
        for channel in reversed(started):
            await channel.stop()
        offload.shutdown()
    return 0


def warm_chart() -> None:
    """Render one small chart (in the offload process at start-up: imports, fonts)."""
    from bot.config import Config
    from bot.team.digest import build_summary
    from bot.team.render import summary_chart

    summary_chart(build_summary(Config(), "2026-01", {}))


def start_scheduler(deps, transports):
    """APScheduler triggers the same pass as ``python -m bot tick`` every ``scheduler.tick_seconds``."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    from bot import privacy
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
    privacy.schedule(scheduler, deps)  # retention purge daily, buffered question log retried
    scheduler.start()
    return scheduler
