"""Run the real-citizens benchmarks on half A, half B or both, and print the figures per half.

Usage (from the repository root)::

    python3 benchmarks/real_eval.py --half A              # real_questions.yaml, half A (the half you may look at)
    python3 benchmarks/real_eval.py --half B              # the held-out half: report it, never tune on it
    python3 benchmarks/real_eval.py --half all            # A, B and the whole set, one after the other
    python3 benchmarks/real_eval.py --dialogues --half all   # dialogues.yaml, graded by dialog_eval.py
    python3 benchmarks/real_eval.py --dialogues --stateless  # same, one plain line per turn (no session ids)
    python3 benchmarks/real_eval.py --half B --show 20    # also print up to 20 failing cases
    python3 benchmarks/real_eval.py --file benchmarks/real_questions_c.yaml   # another set (set C, never tuned on)
    python3 benchmarks/real_eval.py --half B $(printf -- '--file %s ' benchmarks/real_d_*.yaml)   # set D, as one

The graders are the black-box tools shared by the team, ``../shared/tools/faq_eval.py`` and ``dialog_eval.py``
(beside this repository); they talk to ``python -m bot ask --json`` exactly as the judges' benchmark does. This
script only selects the cases of the requested half, writes them to a temporary YAML file and runs the grader on
it as a subprocess, once per half, so that the two halves are reported separately. The thresholds are switched
off (a benchmark, not a gate): the exit status is 0 when the figures were produced and 2 when the bot broke the
``ask --json`` contract.

After each grader's own figures one more line splits its failures (the grader is run with all failures shown, and
only ``--show N`` of them are printed)::

    confidently wrong 49/173: in-scope answered wrongly 34, out-of-scope answered 15; in-scope fell back 6

"Confidently wrong" is every failure that is not a fallback: the bot answered, and the answer missed the facts the
case expects (or the question was out of scope and deserved the fallback). It equals faq_eval's "answered wrongly"
figure; for dialogues it counts failing turns (all graded turns, not only the last ones).
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


def run_half(dialogues: bool, half: str, py: str, show: int, stateless: bool = False,
             sources: list[Path] | None = None) -> int:
    sources = sources or [DIALOGUES if dialogues else QUESTIONS]
    key = "dialogues" if dialogues else "cases"
    items = select([item for source in sources
                    for item in yaml.safe_load(source.read_text(encoding="utf-8"))[key]], half)
    name = "+".join(s.stem for s in sources)
    if len(name) > 120:  # a file name has at most 255 bytes: twenty sets are named by their count
        name = f"{sources[0].stem}+{len(sources) - 1}_more"
    source = sources[0] if len(sources) == 1 else Path(name)
    with tempfile.TemporaryDirectory(prefix="real-eval-") as tmp:
        path = Path(tmp) / f"{source.stem}_{half}.yaml"
        path.write_text(yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if dialogues:
            cmd = [sys.executable, str(TOOLS / "dialog_eval.py"), str(path), "--py", py, "--repo", str(ROOT),
                   "--min", "0"] + (["--stateless"] if stateless else []) + ["--show", str(show)]
        else:
            cmd = [sys.executable, str(TOOLS / "faq_eval.py"), str(path), "--py", py, "--repo", str(ROOT),
                   "--min-in", "0", "--min-oos", "0", "--show", str(show)]
        cmd[-1] = "1000000"                       # let the grader list every failure; we print `show` of them
        print(f"== {source.name}, half {half}: {len(items)} {key}", flush=True)
        done = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)
        if done.returncode == 2 or not done.stdout.strip():
            sys.stdout.write(done.stdout)
            sys.stderr.write(done.stderr)
            return 2
        fails, rest = split_failures(done.stdout)
        for block in fails[:show]:
            sys.stdout.write(block)
        sys.stdout.write("".join(rest))
        graded = (sum(1 for d in items for t in d["turns"] if t.get("expect") != "any") if dialogues
                  else len(items))
        print(failure_summary(fails, graded, dialogues))
        return 0


def split_failures(stdout: str) -> tuple[list[str], list[str]]:
    """The grader's FAIL blocks (a FAIL line and its indented continuation lines) and its other lines."""
    fails: list[str] = []
    rest: list[str] = []
    for line in stdout.splitlines(keepends=True):
        if line.startswith("FAIL "):
            fails.append(line)
        elif line.startswith("     after ") and fails:
            fails[-1] += line
        else:
            rest.append(line)
    return fails, rest


def failure_summary(fails: list[str], total: int, dialogues: bool) -> str:
    """One line: how many failures were confident answers (in-scope wrong, out-of-scope answered) vs fallbacks."""
    heads = [f.splitlines()[0] for f in fails]
    session = sum(1 for h in heads if ": reply carries session " in h)
    heads = [h for h in heads if ": reply carries session " not in h]
    fell_back = sum(1 for h in heads if ": fell back | topic=" in h)
    answered_oos = sum(1 for h in heads if ": expected fallback | topic=" in h)
    wrong_in = len(heads) - fell_back - answered_oos
    of = f"{total} graded turns" if dialogues else f"{total}"
    line = (f"confidently wrong {wrong_in + answered_oos}/{of}: in-scope answered wrongly {wrong_in}, "
            f"out-of-scope answered {answered_oos}; in-scope fell back {fell_back}")
    if session:
        line += f"; {session} turns not graded (reply without the right session: try --stateless)"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B", "C", "all"), default="all")
    parser.add_argument("--dialogues", action="store_true", help="grade dialogues.yaml instead of real_questions.yaml")
    parser.add_argument("--py", default=str(ROOT / ".venv" / "bin" / "python"), help="Python that runs the bot")
    parser.add_argument("--stateless", action="store_true",
                        help="dialogues: send plain lines without sessions (for a bot that has no session support)")
    parser.add_argument("--show", type=int, default=0, help="print up to N failing cases per half")
    parser.add_argument("--file", type=Path, action="append",
                        help="grade this questions (or, with --dialogues, dialogues) file, all its cases at once "
                        "unless --half is given; repeat it to grade several files as one set")
    args = parser.parse_args(argv)
    if not Path(args.py).exists() and os.sep in args.py:
        parser.error(f"{args.py} not found: run `make install-dev` first or pass --py")
    halves = ("A", "B", "all") if args.half == "all" and not args.file else (args.half,)
    broken = False
    for half in halves:
        broken |= run_half(args.dialogues, half, args.py, args.show, args.stateless, args.file) != 0
    return 2 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
