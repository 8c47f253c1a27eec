"""Broadcast benchmark: a notice to N subscribers through python-telegram-bot and a fake Bot API on loopback,
paced on simulated time (no real sleeping).

Usage::

    .venv/bin/python benchmarks/broadcast.py [--n 10000]

Reports: messages delivered, subscribers served exactly once, the largest number sent in any one simulated
second (must stay within Telegram's 30 messages/s; the configured rate is scheduler.rate_per_second), simulated
and wall-clock duration.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_deps  # noqa: E402
from bot.channels.telegram import TelegramChannel, build_bot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core import Core  # noqa: E402
from scheduler.outbox import deliver  # noqa: E402
from tests.fakes.clock import SimClock  # noqa: E402
from tests.fakes.telegram_server import FakeBotApi  # noqa: E402


async def bench(n: int) -> dict:
    with tempfile.TemporaryDirectory() as data, FakeBotApi() as api:
        deps = build_deps(Settings(bot_data_dir=Path(data)))
        start = deps.now()
        clock = SimClock(start)
        store = deps.store
        with store.db.atomic():
            for i in range(n):
                store.subscribe("telegram", str(10_000 + i), str(10_000 + i), start.isoformat())
        leader = store.add_person("Tổ trưởng", "leader", None)
        store.add_broadcast("Thông báo thử nghiệm: lịch cấp căn cước lưu động.", leader, start.isoformat())
        channel = TelegramChannel(Core(deps), build_bot(api.token, api.base_url))
        await channel.connect()
        send = channel.send
        moments: list[dt.datetime] = []

        async def timed(chat_id, replies):
            await send(chat_id, replies)
            moments.append(clock())

        wall = time.perf_counter()
        report = await deliver(deps, {"telegram": timed}, clock, clock.sleep)
        wall = time.perf_counter() - wall
        await channel.stop()
        chats = Counter(s["chat_id"] for s in api.sent)
    per_second = Counter(int((m - start).total_seconds()) for m in moments)
    return {"n": n, "sent": report.sent, "exactly_once": len(chats) == n and set(chats.values()) == {1},
            "max_per_second": max(per_second.values()), "simulated_s": (clock.now - start).total_seconds(),
            "wall_s": wall, "rate": deps.config.scheduler.rate_per_second}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    r = asyncio.run(bench(args.n))
    print(f"broadcast to {r['n']} subscribers: {r['sent']} sent, each exactly once: {r['exactly_once']}, "
          f"at most {r['max_per_second']} in any simulated second (configured {r['rate']:.0f}/s, Telegram 30/s), "
          f"{r['simulated_s']:.0f} s simulated, {r['wall_s']:.1f} s wall clock")
    return 0 if r["exactly_once"] and r["max_per_second"] <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
