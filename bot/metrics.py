"""Prometheus metrics for the operator (off unless ``metrics.enabled``): ``GET /metrics`` on the bot's HTTP server.

Usage::

    metrics = Metrics(core.deps.store, clock=core.deps.now)
    metrics.instrument(core)                 # counts questions, fallbacks, handler errors; times each message
    routes.append(metrics.route("/metrics"))

Exposed (text format of ``prometheus-client``, one registry per instance): ``troly06_questions_total`` and
``troly06_fallbacks_total`` per channel, ``troly06_handler_errors_total`` (messages that got the error reply),
``troly06_message_handling_seconds`` (histogram per channel: from a message reaching the core to its replies),
``troly06_outbox_messages`` per status, ``troly06_outbox_oldest_waiting_seconds``, and
``troly06_question_log_buffered`` (questions waiting in memory because the database could not be written).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

OUTBOX_STATUSES = ("pending", "sending", "sent", "skipped", "failed")


class _ErrorCounter(logging.Handler):
    """Counts the errors the core logs (each one is a message answered with the error reply)."""

    def __init__(self, counter: Counter):
        super().__init__(level=logging.ERROR)
        self.counter = counter

    def emit(self, record: logging.LogRecord) -> None:
        self.counter.inc()


class _StoreCollector:
    """Read at scrape time from the database: the outbox, and the question log's in-memory buffer."""

    def __init__(self, store, clock):
        self.store, self.clock = store, clock

    def collect(self):
        counts, oldest = self.store.outbox_stats()
        messages = GaugeMetricFamily("troly06_outbox_messages", "Outbox messages per status.", labels=["status"])
        for status in sorted(set(OUTBOX_STATUSES) | set(counts)):
            messages.add_metric([status], counts.get(status, 0))
        yield messages
        age = 0.0
        if oldest:
            age = max(0.0, (self.clock() - dt.datetime.fromisoformat(oldest)).total_seconds())
        yield GaugeMetricFamily("troly06_outbox_oldest_waiting_seconds",
                                "Age of the oldest outbox message not yet sent (0 when none waits).", value=age)
        yield GaugeMetricFamily("troly06_question_log_buffered",
                                "Questions kept in memory because the database could not be written.",
                                value=self.store.log_stuck)


class Metrics:
    def __init__(self, store, clock=None):
        self.registry = CollectorRegistry()
        self.questions = Counter("troly06_questions", "Citizen questions answered or fallen back.", ["channel"],
                                 registry=self.registry)
        self.fallbacks = Counter("troly06_fallbacks", "Questions the bot did not answer (fell back).", ["channel"],
                                 registry=self.registry)
        self.errors = Counter("troly06_handler_errors", "Messages that got the error reply.", registry=self.registry)
        self.latency = Histogram("troly06_message_handling_seconds", "Time from a message to its replies.",
                                 ["channel"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.registry.register(_StoreCollector(store, clock or (lambda: dt.datetime.now(dt.UTC))))

    def instrument(self, core) -> Metrics:
        """Count and time every message ``core`` handles (wraps its ``handle``; channels call it as before)."""
        handle = core.handle
        logging.getLogger("bot.core").addHandler(_ErrorCounter(self.errors))

        def timed(msg):
            start = time.perf_counter()
            replies = handle(msg)
            self.latency.labels(msg.channel).observe(time.perf_counter() - start)
            meta = next((r.meta for r in replies if r.meta and r.meta.question_id is not None), None)
            if meta is not None:
                self.questions.labels(msg.channel).inc()
                if meta.fallback:
                    self.fallbacks.labels(msg.channel).inc()
            return replies

        core.handle = timed
        return self

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def route(self, path: str) -> Route:
        async def metrics(request: Request) -> Response:
            return Response(self.render(), media_type=CONTENT_TYPE_LATEST)

        return Route(path, metrics, methods=["GET"])
