"""Match a citizen's question to a knowledge entry, or decide that the bot does not know.

Usage::

    matcher = Matcher.build(kb, Normalizer.default(), load_out_of_scope())
    result = matcher.match("dang ky tam tru o dau")
    result.topic, result.confidence, result.alternatives

How it works: every example question and title is normalised (``nlu.normalize``) and embedded as TF-IDF over
word uni/bigrams plus character n-grams (robust to typos and missing spaces). A linear SVM (scikit-learn's
LinearSVC, trained at start-up in about 0.1 s) scores a question against every entry. Out-of-scope example
questions form one more class, so "thủ tục ly hôn" lands there rather than on the nearest real topic. The
confidence is a logistic function of the best decision value and its margin over the runner-up, calibrated by
``benchmarks/calibrate.py`` on cross-validated data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from knowledge.loader import KnowledgeBase
from nlu.normalize import Normalizer

OUT_OF_SCOPE = "__out_of_scope__"
OUT_OF_SCOPE_FILE = Path(__file__).with_name("out_of_scope.yaml")

# Logistic calibration of P(correct) from (best score, margin); refit with benchmarks/calibrate.py.
CALIBRATION = (0.20, 1.51, 3.02)  # intercept, weight of best decision value, weight of margin
WORD_WEIGHT = 0.55
SVM_C = 1.0


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

    @property
    def out_of_scope(self) -> bool:
        return self.topic is None


@dataclass(frozen=True, slots=True)
class TrainingExample:
    text: str
    label: str


def training_examples(kb: KnowledgeBase, out_of_scope: list[str]) -> list[TrainingExample]:
    """The labelled texts the matcher indexes (also exported to Rasa's nlu.yml)."""
    examples = []
    for entry in kb.entries.values():
        examples.append(TrainingExample(entry.title, entry.id))
        examples.extend(TrainingExample(x, entry.id) for x in entry.examples)
    examples.extend(TrainingExample(x, OUT_OF_SCOPE) for x in out_of_scope)
    return examples


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class _Embedding:
    """A fitted TF-IDF vectorizer with a fast single-query path (sklearn's ``transform`` costs ~0.5 ms a call)."""

    def __init__(self, vectorizer: TfidfVectorizer, texts: list[str], weight: float):
        self.matrix = vectorizer.fit_transform(texts) * math.sqrt(weight)
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        self.scale = math.sqrt(weight)

    def query(self, text: str, offset: int) -> tuple[list[int], list[float]]:
        """Feature indices (shifted by ``offset``) and unnormalised sublinear TF-IDF weights of ``text``."""
        counts: dict[int, int] = {}
        for gram in self.analyze(text):
            index = self.vocabulary.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        features = list(counts)
        return [f + offset for f in features], [(1.0 + math.log(c)) * self.idf[f] for f, c in counts.items()]


class Matcher:
    def __init__(self, normalizer: Normalizer, texts: list[str], labels: list[str], c: float = SVM_C):
        self.normalizer = normalizer
        normalized = [normalizer(t) for t in texts]
        self.word = _Embedding(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                               token_pattern=r"\S+"), normalized, WORD_WEIGHT)
        self.char = _Embedding(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
                               normalized, 1 - WORD_WEIGHT)
        features = sparse.hstack([self.word.matrix, self.char.matrix]).tocsr()
        classifier = LinearSVC(C=c).fit(features, labels)
        self.label_names = [str(x) for x in classifier.classes_]
        # features x classes, so a query's few features select rows
        self.weights = np.ascontiguousarray(classifier.coef_.T)
        self.intercept = classifier.intercept_
        self.word_size = self.word.matrix.shape[1]
        self.oos_index = self.label_names.index(OUT_OF_SCOPE) if OUT_OF_SCOPE in self.label_names else -1

    @classmethod
    def build(cls, kb: KnowledgeBase, normalizer: Normalizer, out_of_scope: list[str]) -> Matcher:
        examples = training_examples(kb, out_of_scope)
        return cls(normalizer, [x.text for x in examples], [x.label for x in examples])

    def scores(self, text: str) -> np.ndarray:
        """Decision value of ``text`` for each class (indexed like ``label_names``); higher is more likely."""
        norm = self.normalizer(text)
        word_features, word_weights = self.word.query(norm, 0)
        char_features, char_weights = self.char.query(norm, self.word_size)
        features = word_features + char_features
        if not features:
            return np.full(len(self.label_names), -1.0)
        # each half is L2-normalised and weighted as the training documents' halves are
        weights = np.array(word_weights + char_weights)
        n_word = len(word_features)
        for part, embedding in ((slice(0, n_word), self.word), (slice(n_word, None), self.char)):
            norm_part = np.linalg.norm(weights[part])
            if norm_part:
                weights[part] *= embedding.scale / norm_part
        return weights @ self.weights[features] + self.intercept

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
