"""Telegram webhook benchmark: N updates pushed into the webhook on loopback, timed until the reply reaches a fake
Bot API server.

Usage::

    .venv/bin/python benchmarks/telegram_webhook.py [--n 2000] [--concurrency 32]

Reports updates/s and p50/p99 latency (POST sent -> sendMessage received). Target (issue #3): ≥ 500 updates/s,
p99 < 50 ms, in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_core  # noqa: E402
from bot.channels.telegram import build_application  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.web import telegram_webhook_route, web_app  # noqa: E402
from tests.fakes.telegram_server import FakeBotApi  # noqa: E402

QUESTIONS = ["dang ky tam tru online", "quên mật khẩu VNeID", "hotline", "làm hộ chiếu ở đâu", "mức 2 cần gì",
             "thông báo lưu trú", "giá vàng hôm nay", "cấp lại thẻ căn cước"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def bench(n: int, concurrency: int) -> dict:
    received: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as data, FakeBotApi() as api:
        api.on_send = lambda record: received.setdefault(int(record["chat_id"]), time.perf_counter())
        core = build_core(Settings(bot_data_dir=Path(data)))
        application = build_application(core, api.token, api.base_url)
        await application.initialize()
        await application.start()
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(web_app([telegram_webhook_route("/tg", application, "s")]),
                                               host="127.0.0.1", port=port, log_level="warning"))
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        sent: dict[int, float] = {}
        semaphore = asyncio.Semaphore(concurrency)
        limits = httpx.Limits(max_connections=concurrency)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits) as client:

            async def push(i: int) -> None:
                chat = 10_000 + i
                update = {"update_id": i + 1, "message": {"message_id": i + 1, "date": 0, "text": QUESTIONS[i % 8],
                                                          "chat": {"id": chat, "type": "private"},
                                                          "from": {"id": chat, "is_bot": False, "first_name": "B"}}}
                async with semaphore:
                    sent[chat] = time.perf_counter()
                    response = await client.post("/tg", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s"})
                    response.raise_for_status()

            start = time.perf_counter()
            await asyncio.gather(*(push(i) for i in range(n)))
            while len(received) < n and time.perf_counter() - start < 120:
                await asyncio.sleep(0.005)
            wall = max(received.values()) - start
        server.should_exit = True
        await task
        await application.stop()
        await application.shutdown()
    latencies = sorted((received[c] - sent[c]) * 1000 for c in sent if c in received)
    return {"n": n, "delivered": len(latencies), "ups": len(latencies) / wall,
            "p50": statistics.median(latencies), "p99": latencies[int(0.99 * (len(latencies) - 1))]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32, help="webhook requests in flight at once")
    args = parser.parse_args()
    r = asyncio.run(bench(args.n, args.concurrency))
    print(f"telegram webhook: {r['delivered']}/{r['n']} replies, {r['ups']:.0f} updates/s, "
          f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
