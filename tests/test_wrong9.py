"""The second-opinion study (benchmarks/second_opinion_study.py, branch wrong9): its counting and its fit.

No decision rule came out of the study, so these tests guard the committed study's logic, on made-up rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "second_opinion_study.py"
spec = importlib.util.spec_from_file_location("second_opinion_study", SCRIPT)
study = importlib.util.module_from_spec(spec)
spec.loader.exec_module(study)


def row(grade: str, margin: float, agree: bool, *, verdict: str = "answer", moved: bool = False) -> dict:
    return {"grade": grade, "margin": margin, "agree_knn_word": agree, "verdict": verdict, "topic": "a",
            "match_topic": "b" if moved else "a"}


def test_only_answered_disagreeing_rows_below_the_margin_count():
    rows = [row("wrong", 0.1, False), row("right", 0.1, False), row("right", 0.1, True),  # agrees: untouched
            row("wrong", 0.5, False),  # margin too large
            row("fallback", 0.1, False), row("wrong", 0.1, False, moved=True)]  # not answered, or answered otherwise
    assert study.gain(rows, "knn_word", 0.2) == (1, 1)
    assert study.gain(rows, "knn_word", 0.6) == (2, 1)


def test_the_fit_is_no_rule_unless_wrong_answers_saved_outnumber_right_ones_lost():
    even = [row("wrong", 0.1, False), row("right", 0.1, False)]
    assert study.fit_margin(even, "knn_word") == 0.0
    gaining = [*even, row("wrong", 0.12, False), row("right", 0.7, False)]
    assert study.fit_margin(gaining, "knn_word") == 0.15  # the smallest threshold with the best gain
