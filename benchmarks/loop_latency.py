"""Event-loop latency benchmark: does blocking work (a leader's chart, a locked database) stall other chats?

Usage::

    .venv/bin/python benchmarks/loop_latency.py [--rate 200] [--seconds 10]

The bot runs as ``python -m bot run --webhook`` in its own process against a fake Bot API in another process, with
a leader and every village's report for the current period in its database. Three measurements:

1. citizens' questions offered at ``--rate`` updates/s (open loop) for ``--seconds``: p50/p99 latency from the
   webhook POST to the reply reaching the fake Bot API;
2. the same while the leader asks ``/tonghop`` (text + chart) every second — target: p99 within 1.5× of (1);
3. ``/healthz`` polled every 50 ms while another process holds the database's write lock for 10 s — target:
   every answer under 100 ms; a citizen's question sent during the lock is answered (late) without the error reply.

Also printed: the bot process's CPU time (user + system, ``/proc/PID/stat``) per citizen update in phases 1 and 2,
and the load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.telegram_webhook import QUESTIONS, free_port, start_fake_bot_api  # noqa: E402
from tests.fakes.telegram_server import FakeBotApi  # noqa: E402

LEADER = 777
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": "s"}


def prepare(data: Path) -> None:
    """A leader linked to Telegram chat LEADER, and every village's report for the current period."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from bot.config import load_config
    from bot.storage import Store
    from bot.team.periods import reporting_period

    config = load_config()
    tz = config.organisation.timezone
    now = dt.datetime.now(ZoneInfo(tz))
    store = Store.open(data)
    leader = store.add_person("Lãnh đạo xã", "leader", None)
    store.create_invite("BENCH001", None, "leader", "2099-01-01T00:00:00+07:00", person_id=leader)
    store.redeem_invite("BENCH001", "telegram", str(LEADER), "Lãnh đạo", now.isoformat())
    for n, village in enumerate(config.villages):
        member = store.add_person(f"Thành viên {n}", "member", village.key)
        period = reporting_period(now, config.reporting_for(village.key), tz)
        store.save_report(period, village.key, {i.key: 10 + n for i in config.indicators}, member, now.isoformat())
    store.close()


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU time the process ``pid`` has used so far (its threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) / os.sysconf("SC_CLK_TCK"), int(fields[12]) / os.sysconf("SC_CLK_TCK")


def cpu_per_update(before: tuple[float, float], after: tuple[float, float], n: int) -> str:
    user, system = ((a - b) / n * 1000 for a, b in zip(after, before, strict=True))
    return f"{user + system:.2f} ms ({user:.2f} user + {system:.2f} system)"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))] if values else float("nan")


class Bench:
    def __init__(self, client: aiohttp.ClientSession, base: str, received):
        self.client, self.base, self.received = client, base, received
        self.sent: dict[int, float] = {}
        self.got: dict[int, float] = {}
        self.update_id = 0

    async def post(self, chat: int, text: str) -> int:
        self.update_id += 1
        update = {"update_id": self.update_id, "message": {
            "message_id": self.update_id, "date": 0, "text": text, "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "B"}}}
        async with self.client.post(f"{self.base}/tg", json=update, headers=HEADERS) as response:
            return response.status

    def drain(self) -> None:
        while True:
            try:
                chat, at = self.received.get_nowait()
            except queue.Empty:
                return
            self.got.setdefault(chat, at)

    async def citizens(self, first_chat: int, rate: float, seconds: float, leader: bool) -> list[float]:
        n = int(rate * seconds)
        start = time.time()

        async def one(i: int) -> None:
            await asyncio.sleep(max(0.0, start + i / rate - time.time()))
            chat = first_chat + i
            self.sent[chat] = time.time()
            await self.post(chat, QUESTIONS[i % len(QUESTIONS)])

        async def leader_asks() -> None:
            for _ in range(int(seconds)):
                await self.post(LEADER, "/tonghop")
                await asyncio.sleep(1.0)

        await asyncio.gather(*(one(i) for i in range(n)), *([leader_asks()] if leader else []))
        deadline = time.time() + 60
        chats = range(first_chat, first_chat + n)
        while time.time() < deadline and not all(c in self.got for c in chats):
            self.drain()
            await asyncio.sleep(0.05)
        return [(self.got[c] - self.sent[c]) * 1000 for c in chats if c in self.got]


async def healthz_during_lock(bench: Bench, db_path: Path, hold: float = 10.0) -> tuple[list[float], str]:
    holder = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    holder.execute("BEGIN EXCLUSIVE")
    start = time.time()
    question = asyncio.create_task(bench.post(900_001, "quên mật khẩu vneid"))
    latencies = []
    while time.time() - start < hold:
        t = time.perf_counter()
        async with bench.client.get(f"{bench.base}/healthz") as response:
            await response.read()
        latencies.append((time.perf_counter() - t) * 1000)
        await asyncio.sleep(0.05)
    holder.execute("COMMIT")
    holder.close()
    status = await question
    return latencies, f"question sent during the lock: webhook {status} after {time.time() - start:.1f} s"


async def run(rate: float, seconds: float) -> None:
    server, base_url, received = start_fake_bot_api()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        for model in (ROOT / "data").glob("matcher-*.npz"):
            (data / model.name).write_bytes(model.read_bytes())
        prepare(data)
        config = data / "config.yaml"
        text = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("port: 8080", f"port: {port}")
        config.write_text(text, encoding="utf-8")
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=FakeBotApi().token, TELEGRAM_BASE_URL=base_url, BOT_DATA_DIR=tmp,
                   BOT_CONFIG=str(config), TELEGRAM_WEBHOOK_SECRET="s")
        profile = [str(ROOT / "benchmarks" / "profiled.py"), os.environ["BENCH_PROFILE"]] \
            if os.environ.get("BENCH_PROFILE") else []  # every thread under cProfile (benchmarks/profiled.py)
        bot = subprocess.Popen([sys.executable, *profile, "-m", "bot", "run", "--webhook", f"http://127.0.0.1:{port}/tg"],
                               cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as client:
                for _ in range(300):
                    try:
                        async with client.get(f"{base}/healthz") as response:
                            if response.status == 200:
                                break
                    except aiohttp.ClientError:
                        await asyncio.sleep(0.1)
                bench = Bench(client, base, received)
                await bench.citizens(100_000, rate, 2, leader=True)  # warm-up: code paths, the chart, connections
                cpu = [cpu_seconds(bot.pid)]
                alone = await bench.citizens(200_000, rate, seconds, leader=False)
                cpu.append(cpu_seconds(bot.pid))
                mixed = await bench.citizens(300_000, rate, seconds, leader=True)
                cpu.append(cpu_seconds(bot.pid))
                health, question = await healthz_during_lock(bench, data / "troly06.db")
        finally:
            bot.terminate()
            bot.wait(60)
            server.terminate()
    n = int(rate * seconds)
    ratio = pct(mixed, 0.99) / pct(alone, 0.99)
    print(f"citizens alone at {rate:.0f}/s: {len(alone)}/{n} replies, p50 {pct(alone, .5):.1f} ms, "
          f"p99 {pct(alone, .99):.1f} ms")
    print(f"citizens at {rate:.0f}/s + /tonghop every second: {len(mixed)}/{n} replies, p50 {pct(mixed, .5):.1f} ms, "
          f"p99 {pct(mixed, .99):.1f} ms  ({ratio:.2f}× the p99 alone; target ≤ 1.5×)")
    print(f"bot process CPU per citizen update: {cpu_per_update(cpu[0], cpu[1], n)} alone, "
          f"{cpu_per_update(cpu[1], cpu[2], n)} with /tonghop (its chart renders in another process); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"/healthz while another process holds the write lock 10 s: {len(health)} requests, p50 "
          f"{pct(health, .5):.1f} ms, max {max(health):.1f} ms (target < 100 ms); {question}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="citizens' updates per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measured phase")
    args = parser.parse_args()
    asyncio.run(run(args.rate, args.seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
