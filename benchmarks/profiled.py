"""Run a Python module under cProfile in every thread (the core answers in worker threads, which ``python -m
cProfile`` does not see), and write the merged statistics when it exits.

Usage::

    .venv/bin/python benchmarks/profiled.py OUT.pstats -m bot run --webhook URL
    .venv/bin/python -c "import pstats; pstats.Stats('OUT.pstats').sort_stats('tottime').print_stats(30)"

``benchmarks/loop_latency.py`` and ``benchmarks/telegram_webhook.py`` start the bot this way when the environment
variable ``BENCH_PROFILE`` names the output file. Profiling roughly doubles the CPU cost of Python code: compare
shares between runs, not the absolute figures with an unprofiled run. Times are each thread's CPU time, so waiting
(on the database, the network, an idle event loop) counts for nothing.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import runpy
import sys
import threading
import time

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()


def _profile_this_thread(*_args) -> None:
    """Installed by ``threading.setprofile``: the first event in a new thread replaces it with a profiler."""
    profile = cProfile.Profile(time.thread_time)  # CPU time: a thread waiting (for the database, a request) costs 0
    with _lock:
        _profiles.append(profile)
    profile.enable()


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "-m":
        print(__doc__.split("Usage::")[1].strip().splitlines()[0], file=sys.stderr)
        return 2
    out, module = sys.argv[1], sys.argv[3]
    sys.argv = [module, *sys.argv[4:]]
    sys.path[0] = os.getcwd()  # as ``python -m`` does: the checkout in the working directory, not the installed one
    threading.setprofile(_profile_this_thread)
    _profile_this_thread()
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        threading.setprofile(None)
        with _lock:
            profiles = list(_profiles)
        stats = None
        for profile in profiles:
            profile.disable()
            try:
                stats = pstats.Stats(profile) if stats is None else stats.add(profile)
            except TypeError:  # a thread that never called a function
                continue
        if stats is not None:
            stats.dump_stats(out)
    return code


if __name__ == "__main__":
    sys.exit(main())
