"""Cross-validate the matcher on the knowledge base and refit the confidence calibration.

Usage::

    .venv/bin/python benchmarks/calibrate.py [--folds 5]

Every example question (and every out-of-scope example) is held out once: the matcher is rebuilt on the other
folds and asked the held-out question. Prints the cross-validated accuracy per entry group, the worst entries, and
logistic-regression coefficients for ``nlu.matcher.CALIBRATION`` (P(answer right) from the best decision value
and its margin). ``--cases FILE`` adds a labelled question set (``topic:`` per case, see benchmarks/faq_dev.yaml).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.loader import load_knowledge  # noqa: E402
from nlu.matcher import Matcher, is_out_of_scope, load_out_of_scope, training_examples  # noqa: E402
from nlu.normalize import Normalizer  # noqa: E402


def cross_validate(folds: int, seed: int = 6) -> list[tuple[str, str | None, float, float]]:
    """(true entry or None for out-of-scope, predicted entry or None, best score, margin) per held-out example."""
    kb, normalizer = load_knowledge(), Normalizer.default()
    examples = training_examples(kb, load_out_of_scope())
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    rows = []
    for fold in range(folds):
        held = set(order[fold::folds])
        train = [x for i, x in enumerate(examples) if i not in held]
        matcher = Matcher.train(normalizer, [x.text for x in train], [x.label for x in train])
        for i in held:
            best = matcher.scores(examples[i].text)
            top2 = np.argsort(-best)[:2]
            predicted = matcher.label_names[top2[0]]
            rows.append((None if is_out_of_scope(examples[i].label) else examples[i].label,
                         None if is_out_of_scope(predicted) else predicted,
                         float(best[top2[0]]), float(best[top2[0]] - best[top2[1]])))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = cross_validate(args.folds)
    in_scope = [r for r in rows if r[0] is not None]
    oos = [r for r in rows if r[0] is None]
    right = sum(r[1] == r[0] for r in in_scope)
    print(f"{args.folds}-fold CV: in-scope top-1 {right}/{len(in_scope)} ({right / len(in_scope):.1%}), "
          f"out-of-scope detected {sum(r[1] is None for r in oos)}/{len(oos)}")
    wrong = Counter(r[0] for r in in_scope if r[1] != r[0])
    print("most missed entries:", ", ".join(f"{k} {v}" for k, v in wrong.most_common(8)))
    from sklearn.linear_model import LogisticRegression

    features = np.array([[r[2], r[3]] for r in rows])
    target = np.array([(r[1] == r[0]) if r[0] is not None else False for r in rows])
    mask = np.array([r[1] is not None for r in rows])  # calibrate answers the matcher would give
    model = LogisticRegression(C=10.0).fit(features[mask], target[mask])
    intercept, (w_score, w_margin) = float(model.intercept_[0]), model.coef_[0]
    print(f"CALIBRATION = ({intercept:.2f}, {w_score:.2f}, {w_margin:.2f})  # intercept, best score, margin")
    probabilities = model.predict_proba(features[mask])[:, 1]
    for low in (0.3, 0.5, 0.7, 0.9):
        sel = probabilities >= low
        print(f"  confidence ≥ {low:.1f}: {sel.sum():4d} answers, {target[mask][sel].mean():.1%} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
