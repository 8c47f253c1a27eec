"""Study for issues #11/#16 (branch `wrong9`): does a second, independent view of a question tell the classifier's
confidently wrong answers from its right ones?

For every half-A question of the real-question sets (real_questions.yaml and sets D–J; set C and every half B are
never read) the script asks the bot in-process, as ``python -m bot ask --json`` would, grades the reply with the
shared grader (``../shared/tools/faq_eval.py``'s ``grade``) and dumps, one JSON line per question:

- the classifier's top two classes (entries and out-of-scope classes), its best decision value, margin,
  confidence, the verdict, the entry answered;
- each second opinion's top two classes and their scores, and whether its best class is the answered entry:
  ``knn_word``: the nearest training example by cosine over word uni/bigram TF-IDF (no character n-grams);
  ``knn_char``: the same over character n-grams only; ``bm25``: BM25 over one document per class (an entry's
  title, examples, sub-questions' examples, answer and sub-questions' answers; an out-of-scope class's examples);
  ``knn_facet``: ``knn_word`` at the grain of sub-questions (does the nearest example belong to the sub-question
  answered, or to the entry as a whole when none was?); ``centroid``: the class whose mean word TF-IDF vector is
  closest;
- the grade: ``right`` (answered and right), ``wrong`` (answered and wrong: confidently wrong), ``fallback``.

Then it evaluates the rule «the classifier's answer is turned into UNSURE when a second opinion's best class is
not the answered entry and the classifier's margin is below t», for each second opinion (and two combinations of
them, ``derive``), by leave-one-set-out over the A halves: t is fitted on seven sets (the smallest t with the best
«wrong saved − right lost», 0 = no rule when none gains) and checked on the eighth. Usage (from the repository root)::

    .venv/bin/python benchmarks/second_opinion_study.py [--dump /tmp/second_opinion.jsonl]   # about 5 minutes
    .venv/bin/python benchmarks/second_opinion_study.py --reuse    # the figures again from the last dump
    .venv/bin/python benchmarks/second_opinion_study.py --sets j   # set J's A half only
    .venv/bin/python benchmarks/second_opinion_study.py --held-out knn_char:0.25   # half B once: counts only

The A halves were tuned: their wrong answers are the ones that survived. To see wrong answers at first contact,
copy this script and a set's files into a worktree of the commit its first run was made on (set J: 2b989c8, set
I: 83a2484) and run it there with ``--sets``.

Result (2026-12-02, main 88442f0): on today's A halves no view and no threshold gains (every leave-one-set-out fold
fits t = 0); at first contact disagreement doubles the odds of a wrong answer, but the best rules chosen there lose
on half B (knn_char < 0.25: 18 wrong : 30 right turned unsure). No rule; see benchmarks/RESULTS.md, branch `wrong9`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"  # faq_eval.py, the shared grader

SETS = {"rq": ["real_questions.yaml"], **{s: sorted(p.name for p in (ROOT / "benchmarks").glob(f"real_{s}_*.yaml"))
                                           for s in "defghij"}}
MARGINS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]


def half_cases(sets: list[str], half: str = "A") -> list[tuple[str, dict]]:
    cases = []
    for name, files in SETS.items():
        if name not in sets:
            continue
        for f in files:
            items = yaml.safe_load((ROOT / "benchmarks" / f).read_text(encoding="utf-8"))["cases"]
            cases.extend((name, c) for c in items if c.get("half") == half)
    return cases


class Opinions:
    """The second opinions, fitted on the matcher's own training examples (scikit-learn: a study, not the bot)."""

    def __init__(self, matcher, kb, out_of_scope):
        from sklearn.feature_extraction.text import TfidfVectorizer

        from nlu.features import char_wb_ngrams, word_ngrams
        from nlu.matcher import training_examples

        examples = training_examples(kb, out_of_scope)
        self.normalizer = matcher.normalizer
        texts = [self.normalizer(x.text) for x in examples]
        self.labels = np.array([x.label for x in examples])
        self.word = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
        self.char = TfidfVectorizer(analyzer=char_wb_ngrams, sublinear_tf=True)
        self.xw = self.word.fit_transform(texts)
        self.xc = self.char.fit_transform(texts)
        # the same word view at the grain of sub-questions: an entry's title and examples are «entry#-», a
        # sub-question's examples «entry#facet» (out-of-scope examples keep their class)
        grain = []
        for entry in kb.entries.values():
            grain += [f"{entry.id}#-"] * (1 + len(entry.examples))
            grain += [f"{entry.id}#{f.id}" for f in entry.facets for _ in f.examples]
        self.grain = np.array(grain + [str(x) for x in self.labels[len(grain):]])
        assert [g.split("#")[0] for g in self.grain] == [str(x) for x in self.labels]
        classes = sorted(set(self.labels))
        self.classes = np.array(classes)
        index = {c: i for i, c in enumerate(classes)}
        rows = np.array([index[x] for x in self.labels])
        from scipy import sparse
        member = sparse.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(classes), len(rows)))
        centroids = member @ self.xw
        norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1))).ravel()
        self.centroids = sparse.diags(1 / np.maximum(norms, 1e-9)) @ centroids
        # BM25 documents: one per class
        docs = defaultdict(list)
        for text, label in zip(texts, self.labels, strict=True):
            docs[label].append(text)
        for entry in kb.entries.values():
            docs[entry.id].append(self.normalizer(entry.answer))
            docs[entry.id].extend(self.normalizer(f.answer) for f in entry.facets)
        self.bm_docs = [Counter(word_ngrams(" . ".join(docs[c]))) for c in classes]
        lengths = np.array([sum(d.values()) for d in self.bm_docs])
        self.bm_len = lengths / lengths.mean()
        df = Counter(t for d in self.bm_docs for t in d)
        n = len(classes)
        self.bm_idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}

    @staticmethod
    def _top2(labels, scores) -> list[tuple[str, float]]:
        out, seen = [], set()
        for i in np.argsort(-scores):
            if labels[i] not in seen:
                seen.add(labels[i])
                out.append((str(labels[i]), round(float(scores[i]), 4)))
                if len(out) == 2:
                    break
        return out

    def of(self, text: str) -> dict[str, list[tuple[str, float]]]:
        from nlu.features import word_ngrams

        norm = self.normalizer(text)
        qw, qc = self.word.transform([norm]), self.char.transform([norm])
        word = (self.xw @ qw.T).toarray().ravel()
        char = (self.xc @ qc.T).toarray().ravel()
        centroid = (self.centroids @ qw.T).toarray().ravel()
        grams = Counter(word_ngrams(norm))
        k1, b = 1.2, 0.75
        bm = np.array([sum(self.bm_idf.get(t, 0) * d[t] * (k1 + 1) / (d[t] + k1 * (1 - b + b * length))
                           for t in grams if t in d) for d, length in zip(self.bm_docs, self.bm_len, strict=True)])
        return {"knn_facet": self._top2(self.grain, word), "knn_word": self._top2(self.labels, word),
                "knn_char": self._top2(self.labels, char),
                "centroid": self._top2(self.classes, centroid), "bm25": self._top2(self.classes, bm)}


def dump(path: Path | None, sets: list[str], half: str = "A") -> list[dict]:
    """Ask, grade and describe every question of ``half``; the rows are written to ``path`` (half A only: a held-out
    half's questions and grades are never written out)."""
    for path_entry in (str(TOOLS), str(ROOT)):  # the grader, and this checkout's bot when run as a script
        if path_entry not in sys.path:
            sys.path.insert(0, path_entry)
    from faq_eval import grade

    from bot.app import build_core
    from bot.config import Settings
    from bot.messages import Incoming, ReplyMeta
    from nlu.scope import load_out_of_scope

    core = build_core(Settings())
    matcher, kb = core.deps.matcher, core.deps.kb
    opinions = Opinions(matcher, kb, load_out_of_scope())
    threshold = core.deps.config.citizen.answer_threshold
    rows = []
    for name, case in half_cases(sets, half):
        q = case["q"].replace("\n", " ")
        msg = Incoming(channel="ask", user_id="ask", chat_id="ask", text=q)
        core.forget(msg)
        replies = core.handle(msg)
        meta = next((r.meta for r in replies if r.meta), ReplyMeta())
        out = {"answer": "\n\n".join(r.text for r in replies), "fallback": meta.fallback}
        ok, _ = grade(case, out)
        status = "fallback" if out["fallback"] else ("right" if ok else "wrong")
        result = matcher.match(q, threshold)
        scores = matcher.scores(q)
        order = np.argsort(-scores)[:2]
        second = opinions.of(q)
        rows.append({
            "set": name, "q": q, "oos": bool(case.get("fallback")), "grade": status, "ok": ok,
            "topic": meta.topic, "verdict": str(result.verdict), "match_topic": result.topic, "facet": result.facet,
            "classifier": [(matcher.label_names[i], round(float(scores[i]), 4)) for i in order],
            "score": round(result.score, 4), "margin": round(result.margin, 4),
            "confidence": round(result.confidence, 4), "support": sorted(result.support),
            **{k: v for k, v in second.items()},
            **{f"agree_{k}": bool(v) and v[0][0] == meta.topic for k, v in second.items() if k != "knn_facet"},
            "agree_knn_facet": second["knn_facet"][0][0] == f"{meta.topic}#{result.facet or '-'}",
        })
    if path is not None:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def held_out(sets: list[str], rules: list[tuple[str, float]]) -> None:
    """Half B, run once for rules chosen beforehand: per set only the counts (answered, right, wrong; wrong and right
    answers each rule would turn unsure). No question, reply or grade of half B is printed or written."""
    rows = dump(None, sets, "B")
    derive(rows)
    for name in sets:
        part = [r for r in rows if r["set"] == name]
        line = f"{name} B: {sum(r['grade'] != 'fallback' for r in part)} answered, " \
               f"{sum(r['grade'] == 'right' for r in part)} right, {sum(r['grade'] == 'wrong' for r in part)} wrong"
        print(line + "".join(f" | {view}<{t}: {ratio(gain(part, view, t))}" for view, t in rules))
    print("all B" + "".join(f" | {view}<{t}: {ratio(gain(rows, view, t))}" for view, t in rules))


def gain(rows: list[dict], opinion: str, t: float) -> tuple[int, int]:
    """(wrong answers turned unsure, right answers turned unsure) by the rule at margin t."""
    hit = [r for r in rows if r["grade"] != "fallback" and r["verdict"] == "answer" and r["topic"] == r["match_topic"]
           and not r[f"agree_{opinion}"] and r["margin"] < t]
    return sum(r["grade"] == "wrong" for r in hit), sum(r["grade"] == "right" for r in hit)


def fit_margin(rows: list[dict], opinion: str) -> float:
    """The smallest margin threshold with the most «wrong saved − right lost» on ``rows`` (0.0: no rule)."""
    return max(MARGINS, key=lambda t: (gain(rows, opinion, t)[0] - gain(rows, opinion, t)[1], -t))


def ratio(counts: tuple[int, int]) -> str:
    return f"{counts[0]}:{counts[1]}"


VIEWS = ("knn_word", "knn_char", "centroid", "bm25")


def derive(rows: list[dict]) -> None:
    """Two combined views: ``runner_up_<view>`` disagrees only when the view's pick is the classifier's own runner-up
    (the two topics the «unsure» buttons would offer); ``majority`` disagrees when three of the four views do."""
    for r in rows:
        for view in VIEWS:
            r[f"agree_runner_up_{view}"] = r[f"agree_{view}"] or r[view][0][0] != r["classifier"][1][0]
        r["agree_majority"] = sum(not r[f"agree_{view}"] for view in VIEWS) < 3


def cross_validate(rows: list[dict], check: list[dict] | None = None) -> None:
    """Leave-one-set-out over ``rows``; with ``check`` (another dump: today's bot on the tuned A halves), also what
    the threshold fitted on all of ``rows`` would do there."""
    derive(rows)
    if check:
        derive(check)
    answered = [r for r in rows if r["grade"] != "fallback"]
    print(f"half A: {len(rows)} questions, {len(answered)} answered, "
          f"{sum(r['grade'] == 'right' for r in rows)} right, {sum(r['grade'] == 'wrong' for r in rows)} wrong")
    for opinion in ("knn_facet", *VIEWS, *(f"runner_up_{v}" for v in VIEWS), "majority"):
        agree = Counter((r[f"agree_{opinion}"], r["grade"]) for r in answered)
        print(f"\n{opinion}: agrees right {agree[True, 'right']} wrong {agree[True, 'wrong']} | "
              f"disagrees right {agree[False, 'right']} wrong {agree[False, 'wrong']}")
        print("  margin<t  " + "  ".join(f"{t:>5}" for t in MARGINS))
        print("  wrong:right " + " ".join(f"{ratio(gain(rows, opinion, t)):>6}" for t in MARGINS))
        total = [0, 0]
        for held in sorted({r["set"] for r in rows}, key=list(SETS).index):
            fit = [r for r in rows if r["set"] != held]
            out = [r for r in rows if r["set"] == held]
            best = fit_margin(fit, opinion)
            w, r_ = gain(out, opinion, best)
            total[0] += w
            total[1] += r_
            print(f"  leave out {held}: t={best:<5} fitted {ratio(gain(fit, opinion, best))}, held out "
                  f"wrong→unsure {w}, right→unsure {r_}")
        print(f"  cross-validated total: wrong→unsure {total[0]}, right→unsure {total[1]}")
        if check:
            best = fit_margin(rows, opinion)
            print(f"  fitted on all: t={best}; on the check dump (wrong→unsure:right→unsure) "
                  f"{ratio(gain(check, opinion, best))}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=Path, nargs="+", default=[Path("/tmp/second_opinion.jsonl")],
                    help="where to write the dump (with --reuse: the dumps to read, pooled)")
    ap.add_argument("--check", type=Path, help="with --reuse: a dump to apply the threshold fitted on all to")
    ap.add_argument("--reuse", action="store_true", help="read the dump instead of asking the bot again")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, of " + ",".join(SETS))
    ap.add_argument("--held-out", metavar="VIEW:T,...", help="run half B once and print only the counts of these "
                    "rules (chosen beforehand on half A), e.g. knn_char:0.25")
    a = ap.parse_args()
    if a.held_out:
        held_out(a.sets.split(","), [(v, float(t)) for v, t in (x.split(":") for x in a.held_out.split(","))])
        return 0
    rows = [json.loads(x) for d in a.dump for x in d.read_text(encoding="utf-8").splitlines()] if a.reuse \
        else dump(a.dump[0], a.sets.split(","))
    check = [json.loads(x) for x in a.check.read_text(encoding="utf-8").splitlines()] if a.check else None
    cross_validate(rows, check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
