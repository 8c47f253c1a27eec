"""A simulated clock: tests and benchmarks set or advance ``now``; ``sleep`` advances it instead of waiting."""

from __future__ import annotations

import datetime as dt


class SimClock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)

    async def sleep(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)
