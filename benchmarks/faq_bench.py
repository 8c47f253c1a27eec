"""FAQ benchmark: accuracy (via ../shared/tools/faq_eval.py), throughput, latency, cold start and peak memory.

Usage::

    .venv/bin/python benchmarks/faq_bench.py [--cases ../shared/eval/faq_public.yaml] [--n 1000]

Targets (issue #2): ≥ 95 % in-scope right, ≥ 90 % out-of-scope falling back, ≥ 2,000 questions/s in one process,
p99 < 5 ms per question, cold start of ``ask`` ≤ 2 s, peak RSS ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def in_process(questions: list[str], n: int) -> dict:
    """Answer ``n`` questions through the whole core (matching, context, logging to SQLite) in this process; 97
    people take turns, so follow-ups are read against each one's conversation as in real use."""
    from bot.app import build_core
    from bot.config import Settings
    from bot.messages import Incoming

    with tempfile.TemporaryDirectory() as data:
        core = build_core(Settings(bot_data_dir=Path(data)))
        stream = [questions[i % len(questions)] + ("" if i < len(questions) else f" {i}") for i in range(n)]
        for q in stream[:50]:  # warm-up
            core.handle(Incoming(channel="bench", user_id="w", chat_id="w", text=q))
        latencies = []
        cpu = time.process_time()
        start = time.perf_counter()
        for i, q in enumerate(stream):
            t0 = time.perf_counter()
            core.handle(Incoming(channel="bench", user_id=str(i % 97), chat_id=str(i % 97), text=q))
            latencies.append((time.perf_counter() - t0) * 1000)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        core.deps.store.close()
    latencies.sort()
    return {"questions": n, "qps": n / wall, "p50_ms": statistics.median(latencies),
            "p99_ms": latencies[int(0.99 * (n - 1))], "cpu_ms": cpu / n * 1000}


def cold_start_and_rss(questions: list[str], n: int, data: str) -> dict:
    """Start ``python -m bot ask --json`` afresh: time to the first answer, and its peak RSS over ``n`` questions."""
    env = dict(os.environ, BOT_DATA_DIR=data)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json"], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdin.write(questions[0] + "\n")
    proc.stdin.flush()
    json.loads(proc.stdout.readline())
    cold = time.perf_counter() - t0
    writer = threading.Thread(target=lambda: [proc.stdin.write(questions[i % len(questions)] + "\n")
                                              for i in range(1, n)] and proc.stdin.flush())
    writer.start()
    answered = 1 + sum(1 for _ in range(1, n) if proc.stdout.readline())
    writer.join()
    # peak RSS of the bot process itself (VmHWM), read while it is still alive
    status = Path(f"/proc/{proc.pid}/status").read_text()
    peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
    proc.stdin.close()
    proc.wait()
    return {"cold_start_s": cold, "answered": answered, "peak_rss_mb": peak_kb / 1024}


def accuracy(cases_path: Path) -> str:
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "faq_eval.py"), str(cases_path), "--py",
                             sys.executable], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(SHARED / "eval" / "faq_public.yaml"))
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    cases = yaml.safe_load(Path(args.cases).read_text(encoding="utf-8"))["cases"]
    questions = [c["q"].replace("\n", " ") for c in cases]
    print("accuracy:", accuracy(Path(args.cases)))
    speed = in_process(questions, args.n)
    print(f"in process: {speed['questions']} questions, {speed['qps']:.0f} q/s, p50 {speed['p50_ms']:.2f} ms, "
          f"p99 {speed['p99_ms']:.2f} ms, {speed['cpu_ms']:.2f} ms of CPU per question (the machine may be shared)")
    with tempfile.TemporaryDirectory() as data:
        for label in ("first start, trains and caches the model", "later starts, cached model"):
            cold = cold_start_and_rss(questions, args.n, data)
            print(f"ask --json ({label}): first answer after {cold['cold_start_s']:.2f} s, "
                  f"{cold['answered']} answers, peak RSS {cold['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
