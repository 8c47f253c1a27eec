"""CPU-heavy pure functions (chart rendering) in a separate process, so they never hold this process's GIL.

Usage::

    offload.enable()                          # python -m bot run does this at start
    png = offload.run(summary_chart, summary)  # in the worker process when enabled, else here

matplotlib's Agg renderer holds the GIL for up to ~200 ms at a time: in a worker thread it would still stall every
other chat and the event loop. The function and its arguments must be picklable (module-level, plain data).
Without ``enable()`` (tests, one-shot commands) ``run`` simply calls the function.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None


def enable(workers: int = 1, warm=None) -> None:
    """Start the worker process(es); ``warm`` (a picklable function) runs there at once, in the background, so
    the first real call does not pay for imports and font caches."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_exit_with_parent, initargs=(os.getpid(),))
        if warm is not None:
            _pool.submit(warm)


def _exit_with_parent(parent: int) -> None:
    """In the worker: end when the bot process is gone (even after a kill -9, which runs no clean-up)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def run(function, *args):
    return function(*args) if _pool is None else _pool.submit(function, *args).result()


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
