"""Digest of every answer the bot gives to the benchmark questions: a speed change must leave it unchanged.

Usage::

    .venv/bin/python benchmarks/answers_fingerprint.py [--out answers.jsonl]

Runs every question of ``benchmarks/*.yaml`` and ``../shared/eval/*.yaml`` through one ``python -m bot ask --json``:
the ``cases`` as plain (stateless) lines, then the ``dialogues`` twice, as session lines
(``{"session": ID, "q": text}``, turn 1 of every dialogue, then turn 2, … as ``dialog_eval.py`` sends them) and as
plain lines. Prints the number of lines and the SHA-256 of the whole output. The data directory is a fresh
temporary one with the matcher model copied from ``data/`` (run ``python -m bot kb build`` first), so the question
log of earlier runs plays no part. Other helpers change the knowledge in parallel: compare digests on one branch.

``--full`` feeds the same lines to one in-process core (``--worker``, in a child process on its own fresh data
directory) and writes, per line, more than ``ask --json`` shows: every reply's text and buttons (a feedback
button's question id masked: it is random), the meta (topic, facet, confidence as its exact ``repr``, fallback)
and every ``Matcher.match`` call the turn made with its whole ``MatchResult`` (verdict, facet, support, kinds,
score and margin bits…; a set as its sorted members). Use it to diff two runs: ``--full --out a.jsonl``
before, ``--full --out b.jsonl`` after; ``diff a.jsonl b.jsonl`` must be empty.
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


def worker() -> int:
    """The ``--full`` dump: stdin lines as ``ask --json`` reads them, one JSON line out per line (see the docstring)."""
    import re

    sys.path.insert(0, str(ROOT))
    from bot.cli import _ask_line, _core
    from bot.messages import Incoming, clean_text
    from nlu.matcher import Matcher

    calls: list[str] = []
    plain_match = Matcher.match

    def match(self, text, threshold=0.35, within=None):
        result = plain_match(self, text, threshold, within)
        fields = {f: getattr(result, f) for f in result.__dataclass_fields__}
        # a set's order changes with the process's hash seed: its members in order
        calls.append(repr((text, threshold, within, {f: sorted(v) if isinstance(v, frozenset | set) else v
                                                     for f, v in fields.items()})))
        return result

    Matcher.match = match
    core = _core()
    feedback = re.compile(r"^f:\d+:")
    for raw in sys.stdin.read().split("\n")[:-1]:
        session, question = _ask_line(clean_text(raw.rstrip("\r")))
        user = "ask" if session is None else f"s:{session}"
        msg = Incoming(channel="ask", user_id=user, chat_id=user, text=question)
        if session is None:
            core.forget(msg)
        calls.clear()
        replies = core.handle(msg)
        record = {"q": question, "session": session, "replies": [
            {"text": r.text, "buttons": [[b.label, feedback.sub("f:ID:", b.payload)] for b in r.buttons],
             "meta": None if r.meta is None else [r.meta.topic, r.meta.facet, repr(r.meta.confidence),
                                                  r.meta.fallback, r.meta.drop_buttons]}
            for r in replies], "match": list(calls)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the output lines to this file (to diff two runs)")
    parser.add_argument("--full", action="store_true", help="replies, buttons, meta and every MatchResult, in process")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker()
    lines = input_lines()
    with tempfile.TemporaryDirectory() as data:
        for model in (ROOT / "data").glob("matcher-*.npz"):
            shutil.copy(model, data)
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"] if args.full \
            else [sys.executable, "-m", "bot", "ask", "--json"]
        result = subprocess.run(command, cwd=ROOT, input="\n".join(lines) + "\n",
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
