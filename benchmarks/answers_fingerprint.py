"""Digest of every answer the bot gives to the benchmark questions: a speed change must leave it unchanged.

Usage::

    .venv/bin/python benchmarks/answers_fingerprint.py [--out answers.jsonl]

Runs every question of ``benchmarks/*.yaml`` and ``../shared/eval/*.yaml`` through one ``python -m bot ask --json``:
the ``cases`` as plain (stateless) lines, then the ``dialogues`` twice, as session lines
(``{"session": ID, "q": text}``, turn 1 of every dialogue, then turn 2, … as ``dialog_eval.py`` sends them) and as
plain lines. Prints the number of lines and the SHA-256 of the whole output. The data directory is a fresh
temporary one with the matcher model copied from ``data/`` (run ``python -m bot kb build`` first), so the question
log of earlier runs plays no part. Other helpers change the knowledge in parallel: compare digests on one branch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "benchmarks").glob("*.yaml")) + sorted((ROOT.parent / "shared" / "eval").glob("*.yaml"))


def input_lines() -> list[str]:
    lines: list[str] = []
    for path in FILES:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for case in data.get("cases") or []:
            lines.append(case["q"].replace("\n", " "))
        dialogues = data.get("dialogues") or []
        longest = max((len(d["turns"]) for d in dialogues), default=0)
        for turn in range(longest):
            for d in dialogues:
                if turn < len(d["turns"]):
                    q = d["turns"][turn]["q"].replace("\n", " ")
                    lines.append(json.dumps({"session": f"{path.stem}-{d['id']}", "q": q}, ensure_ascii=False))
        lines += [t["q"].replace("\n", " ") for d in dialogues for t in d["turns"]]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the output lines to this file (to diff two runs)")
    args = parser.parse_args()
    lines = input_lines()
    with tempfile.TemporaryDirectory() as data:
        for model in (ROOT / "data").glob("matcher-*.npz"):
            shutil.copy(model, data)
        result = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"], cwd=ROOT, input="\n".join(lines) + "\n",
                                capture_output=True, text=True, encoding="utf-8",
                                env=dict(os.environ, BOT_DATA_DIR=data))
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
        return 1
    out = result.stdout
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    answered = out.count("\n")
    print(f"{len(lines)} lines in, {answered} out, sha256 {hashlib.sha256(out.encode()).hexdigest()}")
    return 0 if answered == len(lines) else 1


if __name__ == "__main__":
    sys.exit(main())
