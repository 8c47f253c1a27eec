"""CPU-heavy pure functions (chart rendering) in a separate process, so they never hold this process's GIL.

Usage::

    offload.enable(warm=warm_chart, warm_after=30)  # python -m bot run does this at start
    png = offload.run(summary_chart, summary)        # in the worker process when enabled, else here

matplotlib's Agg renderer holds the GIL for up to ~200 ms at a time: in a worker thread it would still stall every
other chat and the event loop. The function and its arguments must be picklable (module-level, plain data).
Without ``enable()`` (tests, one-shot commands) ``run`` simply calls the function.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

WORKER_NICENESS = 10  # added to the worker's nice value: on two cores it renders in the bot's idle time

_pool: ProcessPoolExecutor | None = None
_enabled: tuple[int, object] | None = None  # (workers, warm) between enable() and shutdown()
_timer: threading.Timer | None = None
_lock = threading.Lock()
_frozen = False  # in a worker: the first job's survivors are frozen (see _call)


def enable(workers: int = 1, warm=None, warm_after: float = 0.0) -> None:
    """Let ``run`` use worker process(es). They start ``warm_after`` seconds from now, or at the first ``run``
    if that comes sooner; ``warm`` (a picklable function) runs there first, in the background, so the first real
    call does not pay for imports and font caches. A delay keeps that start from competing with the bot's first
    replies (on two cores it would), and a short-lived process never pays for it."""
    global _enabled, _timer
    with _lock:
        if _enabled is not None:
            return
        _enabled = (workers, warm)
        if warm_after > 0:
            _timer = threading.Timer(warm_after, _start, kwargs={"warm": True})
            _timer.daemon = True
            _timer.start()
    if warm_after <= 0:
        _start(warm=True)


def _start(warm: bool) -> ProcessPoolExecutor | None:
    """The pool, started now if ``enable`` was called and it is not running yet (None after ``shutdown``)."""
    global _pool
    with _lock:
        if _pool is None and _enabled is not None:
            workers, warm_up = _enabled
            _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_start, initargs=(os.getpid(),))
            if warm and warm_up is not None:
                _pool.submit(_call, warm_up)
        return _pool


def _worker_start(parent: int) -> None:
    """In the worker: yield the CPU to the bot's own process (a chart can wait; a citizen's reply should not),
    and end when the bot process is gone (even after a kill -9, which runs no clean-up)."""
    os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _call(function, *args):
    """In the worker: one job, then the cycles it left (a matplotlib figure is one) are freed at once — without
    this the worker grows by ~50 MB before the collector gets to them. What the first job leaves alive (imports,
    font caches) is frozen out of the collector's scans, which makes each later collection ~10× cheaper."""
    global _frozen
    try:
        return function(*args)
    finally:
        gc.collect()
        if not _frozen:
            gc.freeze()
            _frozen = True


def run(function, *args):
    pool = (_pool or _start(warm=False)) if _enabled is not None else None
    return function(*args) if pool is None else pool.submit(_call, function, *args).result()


def shutdown() -> None:
    global _pool, _enabled, _timer
    with _lock:
        if _timer is not None:
            _timer.cancel()
            _timer = None
        _enabled = None
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
