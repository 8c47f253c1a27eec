"""Run the real-citizens benchmarks on half A, half B or both, and print the figures per half.

Usage (from the repository root)::

    python3 benchmarks/real_eval.py --half A              # real_questions.yaml, half A (the half you may look at)
    python3 benchmarks/real_eval.py --half B              # the held-out half: report it, never tune on it
    python3 benchmarks/real_eval.py --half all            # A, B and the whole set, one after the other
    python3 benchmarks/real_eval.py --dialogues --half all   # dialogues.yaml, graded by dialog_eval.py
    python3 benchmarks/real_eval.py --half B --show 20    # also print up to 20 failing cases

The graders are the black-box tools shared by the team, ``../shared/tools/faq_eval.py`` and ``dialog_eval.py``
(beside this repository); they talk to ``python -m bot ask --json`` exactly as the judges' benchmark does. This
script only selects the cases of the requested half, writes them to a temporary YAML file and runs the grader on
it as a subprocess, once per half, so that the two halves are reported separately. The thresholds are switched
off (a benchmark, not a gate): the exit status is 0 when the figures were produced and 2 when the bot broke the
``ask --json`` contract.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"
QUESTIONS = ROOT / "benchmarks" / "real_questions.yaml"
DIALOGUES = ROOT / "benchmarks" / "dialogues.yaml"


def select(items: list[dict], half: str) -> list[dict]:
    """The items of one half ("A" or "B"); "all" keeps everything."""
    return items if half == "all" else [item for item in items if item.get("half") == half]


def run_half(dialogues: bool, half: str, py: str, show: int) -> int:
    source = DIALOGUES if dialogues else QUESTIONS
    key = "dialogues" if dialogues else "cases"
    items = select(yaml.safe_load(source.read_text(encoding="utf-8"))[key], half)
    with tempfile.TemporaryDirectory(prefix="real-eval-") as tmp:
        path = Path(tmp) / f"{source.stem}_{half}.yaml"
        path.write_text(yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if dialogues:
            cmd = [sys.executable, str(TOOLS / "dialog_eval.py"), str(path), "--py", py, "--repo", str(ROOT),
                   "--min", "0", "--show", str(show)]
        else:
            cmd = [sys.executable, str(TOOLS / "faq_eval.py"), str(path), "--py", py, "--repo", str(ROOT),
                   "--min-in", "0", "--min-oos", "0", "--show", str(show)]
        print(f"== {source.name}, half {half}: {len(items)} {key}", flush=True)
        done = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)
        sys.stdout.write(done.stdout)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
        return done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B", "all"), default="all")
    parser.add_argument("--dialogues", action="store_true", help="grade dialogues.yaml instead of real_questions.yaml")
    parser.add_argument("--py", default=str(ROOT / ".venv" / "bin" / "python"), help="Python that runs the bot")
    parser.add_argument("--show", type=int, default=0, help="print up to N failing cases per half")
    args = parser.parse_args(argv)
    if not Path(args.py).exists() and os.sep in args.py:
        parser.error(f"{args.py} not found: run `make install-dev` first or pass --py")
    halves = ("A", "B", "all") if args.half == "all" else (args.half,)
    broken = False
    for half in halves:
        broken |= run_half(args.dialogues, half, args.py, args.show) != 0
    return 2 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
