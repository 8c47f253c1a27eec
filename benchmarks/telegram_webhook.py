"""Telegram webhook benchmark: N updates pushed into the webhook on loopback, timed until the reply reaches a fake
Bot API server.

Usage::

    .venv/bin/python benchmarks/telegram_webhook.py [--n 2000] [--concurrency 32]

The bot runs as ``python -m bot run --webhook`` in its own process; the fake server runs in another process.
Reports updates/s and p50/p99 latency (POST sent -> sendMessage received). Target (issue #3): ≥ 500 updates/s,
p99 < 50 ms, in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.telegram_server import FakeBotApi  # noqa: E402

WARMUP = 200
QUESTIONS = ["dang ky tam tru online", "quên mật khẩu VNeID", "hotline", "làm hộ chiếu ở đâu", "mức 2 cần gì",
             "thông báo lưu trú", "giá vàng hôm nay", "cấp lại thẻ căn cước"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fake_bot_api(port_out, received) -> None:
    """Child process: the fake Bot API server, reporting (chat id, wall time) of every reply it receives."""
    with FakeBotApi() as api:
        api.on_send = lambda record: received.put((int(record["chat_id"]), time.time()))
        port_out.put(api.base_url)
        while True:
            time.sleep(3600)


def start_fake_bot_api():
    """The fake Bot API in its own process: (the process, its base URL, a queue of (chat id, time) per reply)."""
    context = multiprocessing.get_context("spawn")
    port_out, received = context.Queue(), context.Queue()
    server = context.Process(target=fake_bot_api, args=(port_out, received), daemon=True)
    server.start()
    return server, port_out.get(timeout=30), received


async def bench(n: int, concurrency: int, rate: float = 0.0) -> dict:
    """The bot runs as ``python -m bot run --webhook`` in its own process, as in production."""
    server, base_url, received = start_fake_bot_api()
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        config = Path(data) / "config.yaml"
        config.write_text(f"channels:\n  listen: 127.0.0.1\n  port: {port}\n", encoding="utf-8")
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=FakeBotApi().token, TELEGRAM_BASE_URL=base_url, BOT_DATA_DIR=data,
                   BOT_CONFIG=str(config), TELEGRAM_WEBHOOK_SECRET="s")
        profile = [str(ROOT / "benchmarks" / "profiled.py"), os.environ["BENCH_PROFILE"]] \
            if os.environ.get("BENCH_PROFILE") else []  # every thread under cProfile (benchmarks/profiled.py)
        bot = subprocess.Popen([sys.executable, *profile, "-m", "bot", "run", "--webhook", f"http://127.0.0.1:{port}/tg"],
                               cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        sent: dict[int, float] = {}
        got: dict[int, float] = {}
        try:
            base = f"http://127.0.0.1:{port}"
            connector = aiohttp.TCPConnector(limit=concurrency)
            async with aiohttp.ClientSession(connector=connector) as client:  # a light load generator
                for _ in range(300):
                    try:
                        async with client.get(f"{base}/healthz") as response:
                            if response.status == 200:
                                break
                    except aiohttp.ClientError:
                        await asyncio.sleep(0.1)
                semaphore = asyncio.Semaphore(concurrency)

                async def push(i: int) -> None:
                    chat = 10_000 + i
                    update = {"update_id": i + 1, "message": {
                        "message_id": i + 1, "date": 0, "text": QUESTIONS[i % len(QUESTIONS)],
                        "chat": {"id": chat, "type": "private"},
                        "from": {"id": chat, "is_bot": False, "first_name": "B"}}}
                    if rate and i < n:  # open loop: update i is due at start + i / rate
                        await asyncio.sleep(max(0.0, start + i / rate - time.time()))
                    async with semaphore:
                        sent[chat] = time.time()
                        async with client.post(f"{base}/tg", json=update,
                                               headers={"X-Telegram-Bot-Api-Secret-Token": "s"}) as response:
                            response.raise_for_status()

                def collect(count: int) -> None:
                    deadline = time.time() + 120
                    while len(got) < count and time.time() < deadline:
                        try:
                            chat, at = received.get(timeout=1)
                            got.setdefault(chat, at)
                        except queue.Empty:
                            pass

                # warm-up (connections, first-use code paths), not measured
                await asyncio.gather(*(push(i) for i in range(n, n + WARMUP)))
                collect(WARMUP)
                got.clear()
                sent.clear()
                start = time.time()
                await asyncio.gather(*(push(i) for i in range(n)))
                collect(n)
        finally:
            bot.terminate()
            bot.wait(60)
            server.terminate()
    latencies = sorted((got[c] - sent[c]) * 1000 for c in sent if c in got)
    wall = max(got.values()) - start
    return {"n": n, "delivered": len(latencies), "ups": len(latencies) / wall,
            "p50": statistics.median(latencies), "p99": latencies[int(0.99 * (len(latencies) - 1))]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32, help="webhook requests in flight at once")
    parser.add_argument("--rate", type=float, default=0.0,
                        help="offered updates per second (default: as fast as the bot takes them)")
    args = parser.parse_args()
    r = asyncio.run(bench(args.n, args.concurrency, args.rate))
    offered = f"offered {args.rate:.0f}/s" if args.rate else "flat out"
    print(f"telegram webhook ({offered}): {r['delivered']}/{r['n']} replies, {r['ups']:.0f} updates/s, "
          f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
