"""Match a citizen's question to a knowledge entry, or decide that the bot does not know.

Usage::

    matcher = Matcher.build(kb, Normalizer.default(), load_out_of_scope(), cache_dir=data_dir)
    result = matcher.match("dang ky tam tru o dau")
    result.topic, result.confidence, result.alternatives

How it works: every example question and title is normalised (``nlu.normalize``) and embedded as TF-IDF over
word uni/bigrams plus character n-grams (robust to typos and missing spaces). A linear SVM (scikit-learn's
LinearSVC, about 0.1 s to train) scores a question against every entry. Out-of-scope example questions form one
more class, so "thủ tục ly hôn" lands there rather than on the nearest real topic. The confidence is a logistic
function of the best decision value and its margin over the runner-up, calibrated by ``benchmarks/calibrate.py``
on cross-validated data.

The trained model (vocabularies, IDF, SVM weights) is cached in the data directory under a hash of everything it
was trained from, so a normal start loads a small ``.npz`` file and never imports scikit-learn; when the cache is
missing, a short-lived ``python -m nlu.train`` process builds it (scikit-learn never enters the bot's memory).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from knowledge.loader import KnowledgeBase
from nlu.features import char_wb_ngrams, word_ngrams
from nlu.normalize import Normalizer

OUT_OF_SCOPE = "__out_of_scope__"
OUT_OF_SCOPE_FILE = Path(__file__).with_name("out_of_scope.yaml")

# Logistic calibration of P(correct) from (best decision value, margin); refit with benchmarks/calibrate.py.
CALIBRATION = (0.20, 1.51, 3.02)  # intercept, weight of best decision value, weight of margin
WORD_WEIGHT = 0.55
SVM_C = 1.0
MODEL_VERSION = 2  # bump when training changes in a way the cache key does not see


def load_out_of_scope(path: Path = OUT_OF_SCOPE_FILE) -> list[str]:
    """Example questions the bot must not answer from the knowledge base."""
    if not path.exists():
        return []
    return [str(x) for x in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("examples", [])]


@dataclass(frozen=True, slots=True)
class MatchResult:
    topic: str | None  # best knowledge entry, None when the best class is out-of-scope or nothing matched
    confidence: float  # calibrated probability that ``topic`` is right, 0..1
    score: float  # decision value of the best class
    margin: float  # how far the best class is ahead of the runner-up (decision units)
    alternatives: tuple[str, ...]  # the next entries, best first


@dataclass(frozen=True, slots=True)
class TrainingExample:
    text: str
    label: str


def training_examples(kb: KnowledgeBase, out_of_scope: list[str]) -> list[TrainingExample]:
    """The labelled texts the matcher learns from (also exported to Rasa's nlu.yml)."""
    examples = []
    for entry in kb.entries.values():
        examples.append(TrainingExample(entry.title, entry.id))
        examples.extend(TrainingExample(x, entry.id) for x in entry.examples)
    examples.extend(TrainingExample(x, OUT_OF_SCOPE) for x in out_of_scope)
    return examples


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class Model:
    """Everything needed to score a question; plain data, saved to and loaded from one ``.npz`` file."""

    word_vocabulary: dict[str, int]
    word_idf: np.ndarray
    char_vocabulary: dict[str, int]
    char_idf: np.ndarray
    weights: np.ndarray  # (word features + char features) x classes
    intercept: np.ndarray
    labels: list[str]

    @classmethod
    def train(cls, texts: list[str], labels: list[str], c: float = SVM_C) -> Model:
        """Fit TF-IDF and a linear SVM with scikit-learn (imported here only)."""
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        word = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
        char = TfidfVectorizer(analyzer=char_wb_ngrams, sublinear_tf=True)
        features = sparse.hstack([word.fit_transform(texts) * math.sqrt(WORD_WEIGHT),
                                  char.fit_transform(texts) * math.sqrt(1 - WORD_WEIGHT)]).tocsr()
        svm = LinearSVC(C=c, random_state=0).fit(features, labels)  # liblinear shuffles: fix the seed
        return cls({k: int(v) for k, v in word.vocabulary_.items()}, word.idf_,
                   {k: int(v) for k, v in char.vocabulary_.items()}, char.idf_,
                   np.ascontiguousarray(svm.coef_.T), svm.intercept_, [str(x) for x in svm.classes_])

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(f".tmp{os.getpid()}.npz")
        meta = json.dumps({"word": self.word_vocabulary, "char": self.char_vocabulary, "labels": self.labels},
                          ensure_ascii=False)
        np.savez(tmp, word_idf=self.word_idf, char_idf=self.char_idf, weights=self.weights,
                 intercept=self.intercept, meta=np.array(meta))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Model:
        with np.load(path) as data:
            meta = json.loads(str(data["meta"]))
            return cls(meta["word"], data["word_idf"], meta["char"], data["char_idf"], data["weights"],
                       data["intercept"], meta["labels"])


def _cache_key(texts: list[str], labels: list[str]) -> str:
    digest = hashlib.sha256(json.dumps([MODEL_VERSION, SVM_C, WORD_WEIGHT, texts, labels]).encode())
    return digest.hexdigest()[:16]


def _train_in_child(texts: list[str], labels: list[str], path: Path) -> bool:
    """Train with ``python -m nlu.train`` so scikit-learn stays out of this process's memory."""
    data = path.with_suffix(f".input{os.getpid()}.json")
    data.write_text(json.dumps({"texts": texts, "labels": labels}, ensure_ascii=False), encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "nlu.train", str(data), str(path)], capture_output=True,
                                text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
        return result.returncode == 0 and path.exists()
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        data.unlink(missing_ok=True)


class Matcher:
    def __init__(self, normalizer: Normalizer, model: Model):
        self.normalizer = normalizer
        self.model = model
        self.label_names = model.labels
        self.oos_index = self.label_names.index(OUT_OF_SCOPE) if OUT_OF_SCOPE in self.label_names else -1
        self._parts = (  # (analyzer, vocabulary, idf, weight of the part, index offset)
            (word_ngrams, model.word_vocabulary, model.word_idf, math.sqrt(WORD_WEIGHT), 0),
            (char_wb_ngrams, model.char_vocabulary, model.char_idf, math.sqrt(1 - WORD_WEIGHT),
             len(model.word_vocabulary)),
        )

    @classmethod
    def train(cls, normalizer: Normalizer, texts: list[str], labels: list[str]) -> Matcher:
        return cls(normalizer, Model.train([normalizer(t) for t in texts], labels))

    @classmethod
    def build(cls, kb: KnowledgeBase, normalizer: Normalizer, out_of_scope: list[str],
              cache_dir: Path | None = None) -> Matcher:
        """Load the cached model for this training data, or train it (and cache it when ``cache_dir`` is given)."""
        examples = training_examples(kb, out_of_scope)
        texts, labels = [normalizer(x.text) for x in examples], [x.label for x in examples]
        path = Path(cache_dir) / f"matcher-{_cache_key(texts, labels)}.npz" if cache_dir else None
        if path and path.exists():
            try:
                return cls(normalizer, Model.load(path))
            except (OSError, ValueError, KeyError):
                pass  # a damaged cache file is rebuilt below
        if path is None:
            return cls(normalizer, Model.train(texts, labels))
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("matcher-*.npz"):
            old.unlink(missing_ok=True)
        if _train_in_child(texts, labels, path):
            return cls(normalizer, Model.load(path))
        model = Model.train(texts, labels)  # no child process possible: train here
        model.save(path)
        return cls(normalizer, model)

    def _query(self, norm: str) -> tuple[list[int], np.ndarray]:
        """Feature indices and TF-IDF weights of a normalised question, each part L2-normalised and weighted."""
        features: list[int] = []
        values: list[float] = []
        for analyze, vocabulary, idf, scale, offset in self._parts:
            counts: dict[int, int] = {}
            for gram in analyze(norm):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            part = [(1.0 + math.log(n)) * idf[i] for i, n in counts.items()]
            length = math.sqrt(sum(v * v for v in part)) or 1.0
            features.extend(i + offset for i in counts)
            values.extend(v * scale / length for v in part)
        return features, np.array(values)

    def scores(self, text: str) -> np.ndarray:
        """Decision value of ``text`` for each class (indexed like ``label_names``); higher is more likely."""
        features, values = self._query(self.normalizer(text))
        if not features:
            return np.full(len(self.label_names), -1.0)
        return values @ self.model.weights[features] + self.model.intercept

    def match(self, text: str) -> MatchResult:
        best = self.scores(text)
        order = np.argsort(-best)
        top, second = order[0], order[1]
        s1, margin = float(best[top]), float(best[top] - best[second])
        intercept, w_score, w_margin = CALIBRATION
        confidence = _sigmoid(intercept + w_score * s1 + w_margin * margin)
        runners_up = tuple(self.label_names[i] for i in order[1:4] if i != self.oos_index)[:2]
        topic = None if top == self.oos_index or not self.normalizer(text) else self.label_names[top]
        return MatchResult(topic, confidence, s1, margin, runners_up)
