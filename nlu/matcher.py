"""Match a citizen's question to a knowledge entry (and sub-question), or decide that the bot must not answer.

Usage::

    matcher = Matcher.build(kb, Normalizer.default(), load_out_of_scope(), cache_dir=data_dir)
    result = matcher.match("dang ky tam tru mat phi khong")
    result.verdict, result.topic, result.facet, result.confidence, result.alternatives

How it scores: every example question and title (and every sub-question's examples, under its entry) is
normalised (``nlu.normalize``) and embedded as TF-IDF over word uni/bigrams plus character n-grams (robust to
typos and missing spaces). A linear SVM (scikit-learn's LinearSVC, about 0.1 s to train) scores a question against
every entry. Out-of-scope examples (``out_of_scope.yaml``) form one class per neighbouring administrative domain
(courts, land, business registration, tax, social insurance, labour, schools, banking, …) plus a generic one, so
«thủ tục ly hôn» lands on the court class rather than on the nearest real topic. The confidence is a logistic
function of the best decision value and its margin over the runner-up, calibrated by ``benchmarks/calibrate.py``.

The decision rule (``Verdict``) does not answer on shared words or syllables alone:

1. An out-of-scope class wins -> OUT_OF_SCOPE (SMALLTALK for the small-talk class), unless the best entry is
   within ``OOS_OVERRULE_MARGIN`` and the question names two of that entry's own key terms. The domain told
   (where such questions go) is the one a lexicon phrase names, else the winning class's.
2. The best entry is answered when the confidence reaches the threshold *and* the question contains one of the
   entry's key terms (``nlu.scope``: word pairs such as «tạm trú», «mức 2», never a lone syllable such as «lưu»
   or «thi», never a word the out-of-scope examples use); without key terms only at ``STRONG_CONFIDENCE`` — or,
   for one of VNeID's own entries, when the question names VNeID («vneid», «định danh điện tử», too common to be a
   key term) and the entry is chosen at ``PRODUCT_CONFIDENCE`` («tải vneid ở đâu», «pascode vneid là gì»).
3. A phrase of the out-of-domain lexicon in the question («sổ đỏ», «ly hôn», «thuế thu nhập doanh nghiệp») needs
   ``DOMAIN_CONFIDENCE`` as well, and the words of that phrase do not count as key terms («đổi sổ đỏ sang sổ mới»
   does not support «đổi số điện thoại»); failing that -> OUT_OF_SCOPE with the domain, so the reply can say
   where such questions go — UNSURE instead when the question names VNeID (``Scope.names_product``), in rule 1 too:
   «đã ly hôn mà VNeID vẫn ghi đã kết hôn» is ours at heart, the close topics are offered.
   The longest phrase found names the domain and the words of every phrase found lose their support; a phrase
   only in the situation (after «sau khi», «khi», «nếu») of a question whose head names one of ours is no domain
   («nhập khẩu cho con sau khi bố mẹ ly hôn»); nor one only in a short clause before «nhưng» when what follows names
   one of ours and no domain («vợ chồng ly hôn nhưng vẫn ở chung nhà có tách hộ được không», ``_after_but``) —
   unless the clause wants the domain's procedure («vợ muốn ly hôn nhưng chồng không đồng ý»). In a text of several
   sentences each sentence naming the domain must be such a situation on its own («… 4 tháng. Nếu tôi nghỉ việc thì
   … có được hưởng chế độ thai sản không?»: the sentence before «nếu» is not its head); «cách xử lý khi …» asks it.
4. Otherwise UNSURE when the question names something of ours (a key term, or confidence above the threshold):
   the close topics are offered; else OUT_OF_SCOPE.
5. A question asking a fee, a deadline or a penalty (``STRICT_KINDS``) that the chosen entry does not state (no
   sub-question of that kind, no sentence about it, a title not about it) is UNSURE rather than the whole how-to —
   and rather than a sub-question of another kind (rule 5b: «khám BHYT không đúng tuyến mức hưởng thế nào» is not
   answered with «đi khám bằng thẻ căn cước»).
6. An entry chosen over the classifier's best on key terms (routing, below) is answered only at
   ``ROUTED_CONFIDENCE``; words naming a person («người nước ngoài», «trẻ em») are never a topic's support.
7. A question that names a neighbouring domain and only one thing of the entry (one stretch of the question its
   key terms cover: «lý lịch tư pháp» is one thing, not the two pairs «lý lịch», «lịch tư»), where the domain's
   phrase is the longer of the two, is that domain's (OUT_OF_SCOPE) below ``DOMAIN_OUTWEIGHS_CONFIDENCE``:
   «hợp pháp hóa lãnh sự lý lịch tư pháp», «bổ sung ngày tháng vào giấy khai sinh». Not when VNeID is named.
   The same, however sure, when the domain's phrase opens the question before the one thing of ours (rule 7b,
   ``_domain_leads``: «công chứng giấy khai sinh ở đâu», «thủ tục chuyển nơi hưởng trợ cấp thất nghiệp»), unless
   that phrase is the situation («đi du học…», «chưa có sổ hồng…», «chưa ly hôn…», «chưa được cấp sổ đỏ…»), or what
   happened before the person now wants ours («ly hôn từ năm 2010, nay muốn đăng ký kết hôn lại»), or the one asking
   for something of ours («ngân hàng đòi giấy xác nhận cư trú»). Rule 7c, below ``DOMAIN_OUTWEIGHS_CONFIDENCE``
   and however many things of ours are named: the domain's phrase closes the question right before its yes/no tail
   («quên mang cccd đi thi có được vào phòng thi không», «cccd hết hạn có giao dịch ngân hàng được không») —
   unless that phrase is what our procedure needs («… có cần bản sao sổ đỏ không»); rule 7d, the same way: the head
   before «khi», «nếu» names the domain and nothing of ours («có mất quyền làm cha nếu không ghi tên trên khai sinh»).
   Rules 7 and 7b never take a question whose domain phrase comes before «rồi» / «xong»: that is what happened («đổi tên
   trong giấy khai sinh rồi có phải đổi căn cước không»). An abbreviation counts as the one word typed when rule 7
   weighs the two phrases («cccd» is not four words).
8. A question asking a time or a fee without naming any key term of the entry (answered on confidence alone)
   is UNSURE: «bằng lái b2 bao nhiêu ngày có» asks a fact of a procedure the entry is not about — unless it also
   asks something the entry has a sub-question for («hết hạn bao lâu thì phải thi lại»: the expired licence), or
   the question names VNeID and the entry is one of VNeID's own, chosen at ``PRODUCT_CONFIDENCE`` (rule 2's
   threshold: «vneid có mất phí không», «vneid bao lâu thì được duyệt»: «vneid» is in too many entries to be a key
   term, yet it is named).
9. A small-talk entry (greeting, thanks, what the bot does) answers a message of at most ``SMALLTALK_MAX_WORDS``
   words, or one that says a word only small talk uses («cảm ơn», «hello»); a longer question the classifier puts
   there («cần bao nhiêu vốn để thành lập công ty TNHH…») is OUT_OF_SCOPE.
10. Rule 1 the other way round: an entry that beats an out-of-scope class by less than ``OOS_OVERRULE_MARGIN`` on a
   single key term that its title does not say, chosen below ``LONE_TERM_CONFIDENCE``, in a question of at least
   ``LONE_TERM_MIN_WORDS`` words, is UNSURE: «vợ muốn ly hôn nhưng chồng không đồng ý» shares only «đồng ý» with
   moving into the husband's household. Word coverage (the question's words the entry never says) did not tell
   wrong answers from right ones on the A halves; this narrow rule is what held (benchmarks/RESULTS.md, `wrong8`).

Routing (``_routed``): a fact question moves to a close entry only when the best one cannot answer it; never away
from the entry of the person named, never when a neighbouring domain is named; «… hình thức nào» prefers a how-to
entry that close; a short question's topic is what comes before «khi / nếu». ``_also``: a question that also names
another entry's title (a rare title phrase, or one joined to the answered title: «thường trú, tạm trú») gets that
entry offered by name.

Facet grain: among close candidates a fact question moves to the entry whose own key terms it names and which has
a sub-question of the kind asked (a penalty question goes to the act's penalty, not the best-known one); inside the
entry the sub-question is chosen by cosine similarity to its examples plus a bonus when the question's cue words
(``nlu/cues.yaml``) name its kind; a question naming a kind never gets a sub-question of another named kind, and
two sub-questions of one kind that the question both names are both given. «Validity» (``cues.yaml`` kinds) is how
long something stays valid: a sub-question whose examples ask that answers it. The thresholds were chosen on the
real-question set's half A
(``benchmarks/real_eval.py --half A``), never on half B.

The trained model (vocabularies, IDF, SVM weights) is cached in the data directory under a hash of everything it
was trained from, so a normal start loads a small ``.npz`` file and never imports scikit-learn; when the cache is
missing, a short-lived ``python -m nlu.train`` process builds it (scikit-learn never enters the bot's memory).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nlu.clarify import Clarifier
from nlu.cues import Cues
from nlu.features import char_wb_ngrams, gram_set, word_ngrams
from nlu.normalize import Normalizer, fold
from nlu.scope import FUNCTION_WORDS, GENERIC_DOMAIN, OutOfScope, Scope, load_out_of_scope

if TYPE_CHECKING:  # types only: the knowledge package depends on nlu, never the other way at run time
    from knowledge.loader import Entry, KnowledgeBase

__all__ = ["OUT_OF_SCOPE", "MatchResult", "Matcher", "Verdict", "is_out_of_scope", "load_out_of_scope",
           "training_examples"]

OUT_OF_SCOPE = "__out_of_scope__"  # the generic out-of-scope class; a domain's class is "__out_of_scope__:land"

# Logistic calibration of P(correct) from (best decision value, margin); refit with benchmarks/calibrate.py.
CALIBRATION = (0.20, 1.51, 3.02)  # intercept, weight of best decision value, weight of margin
WORD_WEIGHT = 0.55
SVM_C = 1.0
MODEL_VERSION = 3  # bump when training changes in a way the cache key does not see
STRONG_CONFIDENCE = 0.90  # answered without key-term support (typos, unusual wording) only this sure
DOMAIN_CONFIDENCE = 0.70  # a question that also names a neighbouring domain is answered only this sure
# «vneid» named stands for a key term of VNeID's own entries this sure: rule 2's support and rule 8's exception (one
# idea, one threshold: rule 8 at 0.90 and rule 2 at 0.70 gave the same replies on every benchmark, 0.90 for both lost
# five answers — branch scope5, 2026-12-02)
PRODUCT_CONFIDENCE = 0.70
ROUTED_CONFIDENCE = 0.50  # an entry chosen over the classifier's best (by key terms) is answered only this sure
# rule 10: an entry that beats an out-of-scope class by less than OOS_OVERRULE_MARGIN on one key term that is not in
# its title («đồng ý», «thanh niên», «phụ thuộc») is answered only this sure (branch wrong8, 2026-12-02, A halves)
LONE_TERM_CONFIDENCE = 0.56
LONE_TERM_MIN_WORDS = 10  # ... in a question this long (a short follow-up is mostly its one key term)
OOS_OVERRULE_MARGIN = 0.25  # an out-of-scope class this close to a well-supported entry loses to it
ALSO_MAX_TITLES = 2  # a second topic is offered for a title phrase at most this many titles share
ROUTE_WITHIN = 0.6  # a fact question may move to a close entry that has that fact and names the act asked about
STRICT_KINDS = ("fee", "time", "penalty", "benefit")  # asked, not in the entry: say so rather than the how-to
STATES = {  # rule 5b: an answer that states such a fact («trong 30 ngày», «15.000 đồng», «phạt», «80 %»), folded
    "time": re.compile(r"\d+ ?(?:ngay|thang|nam|gio|tuan|tieng)|ngay lam viec|ngay lap tuc|trong ngay"),
    "fee": re.compile(r"\d ?(?:dong|d|vnd)\b|mien phi|le phi|khong mat (?:phi|tien)"),
    "penalty": re.compile(r"\bphat\b"),
    "benefit": re.compile(r"\d+ ?%|phan tram"),
}
HOWTO_WITHIN = 0.15  # «… dưới các hình thức nào»: a how-to entry this close beats a definition («Phân biệt…»)
SMALLTALK_MAX_WORDS = 8  # a longer message is small talk only when it says a word of small talk («cảm ơn», «hello»)
HEAD_MAX_WORDS = 16  # a short question's topic comes before «khi», «nếu» (what follows is the situation)
# not «vũ khí»; nor «làm gì khi…», «xử lý thế nào nếu…», «cách xử lý khi…»: what to do when X asks about X, not
# about what comes before
CONDITION = re.compile(r"(?<!\bvu)(?<!lam gi)(?<!lam sao)(?<!the nao)(?<!xu ly)"
                       r" (?:khi(?! nao)|neu|sau khi|truoc khi|trong truong hop|ma chua) ")
ASKS_WHEN = re.compile(r"(?:lam gi|lam sao|the nao|xu ly) (?:khi|neu) ")  # ... and no later «khi» is the head's
# «đổi tên trong giấy khai sinh rồi có phải đổi căn cước»: what happened comes before «rồi», «xong»; the question after
SEQUEL = re.compile(r" (?:roi|xong)(?: (?:thi|gio|nay|bay gio))? ")
SITUATION_BEFORE = re.compile(r"(?:^| )(?:di|dang|co|chua|chua co|chua duoc|da|da co|da duoc|khong co)\s*$")  # «đi du
#   học», «chưa có sổ hồng»; «chưa ly hôn có đăng ký kết hôn được không», «nhà chưa được cấp sổ đỏ», «đã ly hôn…»:
#   the person's state (scope8)
# «vợ muốn ly hôn nhưng chồng không đồng ý»: the domain's procedure is what the person wants, not the situation
GOAL_BEFORE = re.compile(r"(?:^| )(?:muon|xin|can|(?<!gia )dinh)\s*$")  # not «gia đình»
# ... and the other way round: «ly hôn từ năm 2010, nay muốn đăng ký kết hôn lại»: what is wanted is ours (rule 7b)
WANTS_OURS = re.compile(r"(?:^| )(?:muon|xin)(?: [a-z0-9]+)?\s*$")  # not «cần»: folded it is «căn» (nhà, hộ)
# a letter's sentences («… 4 tháng. Nếu tôi chấm dứt hợp đồng lao động …»): typed with a stop, a question mark, a
# line break
SENTENCE_END = re.compile(r"(?<=[.?!…])\s+|\n+")
DOMAIN_OUTWEIGHS_CONFIDENCE = 0.95  # rule 7 decides below this: a longer domain phrase, or one that leads
NEEDED = re.compile(r"(?:^| )(?:can|phai co|phai nop|nop|mang|mang theo|xuat trinh|ban sao|bang|dung)"
                    r"(?: [a-z0-9]+)?\s*$")  # rule 7c spares what our procedure needs («có cần bản sao sổ đỏ không»)
YES_NO_TAIL = re.compile(r"(?: (?:duoc|hay|co))? (?:khong|ko|k|chua)(?: (?:a|vay|nhi|ha))?")  # rule 7c
# «ngân hàng yêu cầu giấy xác nhận cư trú», «trường đòi hộ khẩu»: the domain asks for something of ours (rule 7b)
REQUESTS = re.compile(r" (?:(?:cu|lai|van|hay|thuong) )?(?:doi|yeu cau|bat|bao|hoi|doi hoi|chi nhan|khong nhan"
                      r"|co chap nhan|chap nhan) ")
BUT_HEAD_MAX_WORDS = 6  # ... a short clause: «vợ chồng ly hôn nhưng …»; a longer one says what is at stake
BUT = re.compile(r"(?<!\w)nhưng(?!\w)")  # «… ly hôn nhưng …»: what comes before is the situation (as typed: NFC)
PURPOSE = re.compile(r" de (?!an )")  # «… cho con để vào lớp 10» (a short question): the rest is why, the situation
FACET_MIN_SCORE = 0.45  # a sub-question is chosen when its similarity (+ cue bonus) reaches this
FACET_KIND_BONUS = 0.30  # the question's cue words name the sub-question's kind (fee, time, penalty, ...)
FACET_SOLE_KIND = 0.40  # ... and it is the entry's only sub-question of that kind
FACET_SITUATION_SHARE = 1 / 3  # a sub-question's situation: words this share (and two at least) of its examples say
FACET_SITUATION_SPREAD = 0.30  # ... that no more than this share of the entries' examples use («khác», «mất»: none)
FACET_UNASKED_SCORE = 0.80  # a sub-question whose kind the cue words do not name must be this similar
FACET_UNASKED_LEAD = 1.4  # ... and this many times as similar as the entry's next one (not the topic words alone)
FACET_PLAIN_SCORE = 0.60  # a yes/no or other sub-question (no cue words) must be this similar
FACET_YESNO_SCORE = 0.50  # ... a yes/no sub-question, for a question that asks only a yes or no («… được không»)
YES_NO = re.compile(r"(?:^| )(?:khong|ko|k|hong|hok|chua)(?: (?:a|vay|nhi|nhe|the|ha|ah))?$"
                    r"|(?:^| )(?:hay|hoac) (?:khong|chua)(?: |$)|(?:^| )duoc khong(?: |$)")  # «… được không»
QUALIFIER_KINDS = frozenset({"online", "proxy"})  # «… online», «làm hộ» tell how it is done;
#                 with «bao lâu», «bao nhiêu tiền», «ở đâu», «phạt» also asked, that fact leads
FACET_HOWTO_SCORE = 0.75  # «cách…», «hướng dẫn…» wants the whole how-to unless a sub-question fits this well
CONTEXT_FACET_FLOOR = 0.20  # a cue-less follow-up («cả 2 người phải có mặt à») leans on a sub-question this similar
CONTEXT_FACET_RATIO = 1.5  # ... and this many times as similar as the entry's next sub-question
WORD_CACHE = 16384  # words whose character n-gram features are kept (Vietnamese has a few thousand syllables)
QUERY_CACHE = 256  # questions whose embedding is kept (a question is embedded for the SVM and its facets)
MATCH_CACHE = 1024  # (text, threshold, candidates) whose MatchResult is kept: frequent questions matched once


class Verdict(StrEnum):
    ANSWER = "answer"
    UNSURE = "unsure"  # in scope, but not sure which entry: offer the close ones
    OUT_OF_SCOPE = "out_of_scope"  # another domain, or nothing the bot knows about
    SMALLTALK = "smalltalk"  # about the bot itself, chit-chat, asking for a person


def is_out_of_scope(label: str) -> bool:
    return label == OUT_OF_SCOPE or label.startswith(OUT_OF_SCOPE + ":")


def _domain_of(label: str) -> str | None:
    return label.partition(":")[2] or None


@dataclass(frozen=True, slots=True)
class MatchResult:
    topic: str | None  # best knowledge entry, None when the best class is out-of-scope or nothing matched
    confidence: float  # calibrated probability that ``topic`` is right, 0..1
    score: float  # decision value of the best class
    margin: float  # how far the best class is ahead of the runner-up (decision units)
    alternatives: tuple[str, ...]  # the next entries, best first
    verdict: Verdict = Verdict.ANSWER
    facet: str | None = None  # the sub-question of ``topic`` that fits, when one does
    lines: str | None = None  # else the sentences of the entry's answer that state the fact asked (follow-ups)
    domain: str | None = None  # neighbouring domain named by the question (out_of_scope.yaml), if any
    support: frozenset[str] = frozenset()  # key terms of ``topic`` found in the question
    kinds: tuple[str, ...] = ()  # facet kinds asked for by cue words (fee, time, ...)
    best: str | None = None  # best entry even when an out-of-scope class won (for "did you mean" buttons)
    also: str | None = None  # a second entry the question names on its own («thường trú, tạm trú»): offered by name


@dataclass(frozen=True, slots=True)
class TrainingExample:
    text: str
    label: str


def training_examples(kb: KnowledgeBase, out_of_scope: OutOfScope | list[str]) -> list[TrainingExample]:
    """The labelled texts the matcher learns from (also exported to Rasa's nlu.yml).

    An entry's class learns from its title, its examples and its sub-questions' examples; out-of-scope examples
    form one class per neighbouring domain plus a generic one.
    """
    examples = []
    for entry in kb.entries.values():
        examples.append(TrainingExample(entry.title, entry.id))
        examples.extend(TrainingExample(x, entry.id) for x in entry.examples)
        examples.extend(TrainingExample(x, entry.id) for f in entry.facets for x in f.examples)
    pairs = out_of_scope.examples if isinstance(out_of_scope, OutOfScope) else [(x, GENERIC_DOMAIN) for x in
                                                                               out_of_scope]
    examples.extend(TrainingExample(x, OUT_OF_SCOPE if d == GENERIC_DOMAIN else f"{OUT_OF_SCOPE}:{d}")
                    for x, d in pairs)
    return examples


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A sentence of an answer states a validity when it gives a number of years or says how long something stays valid
_VALIDITY_FACT = re.compile(r"(?<![a-z0-9])(?:\d+ nam|het han|co gia tri|hieu luc)(?![a-z0-9])")
_STEP = re.compile(r"\d+[.)]\s")


def _fact_sentences(answer: str) -> list[tuple[str, str]]:
    """(sentence, folded sentence) of an answer, numbered steps left out: a step says how, not the fact asked."""
    sentences = []
    for line in answer.splitlines():
        line = line.strip()
        if line and not _STEP.match(line):
            sentences.extend((s, " ".join(fold(s).split())) for s in _SENTENCE.split(line)
                             if s and "xem tren trang" not in fold(s))  # «… xem trên trang dịch vụ» states nothing
    return sentences


@dataclass(frozen=True)
class _FacetExamples:
    """The sub-questions' example vectors of one entry as one dense matrix over the features they use, so a
    question's similarity to every example is a few array operations instead of a Python loop per example.

    Each similarity is summed left to right in the question's feature order (``cumsum`` down the gathered rows),
    exactly as the plain ``sum(v * example[i] for i, v in question)`` it replaces: the same floating-point result,
    bit for bit. The matrix is kept columns x examples, so a question's features gather whole rows (a copy of
    contiguous memory, not a strided gather of columns), and each sub-question's best example is one
    ``maximum.reduceat`` over its rows (a maximum is exact, whatever the order).
    """

    columns: np.ndarray  # sorted feature indices used by any example of the entry
    matrix: np.ndarray  # columns x examples, the examples' TF-IDF weights (0 where a feature is absent)
    rows: tuple[tuple[str, slice], ...]  # sub-question id -> its examples' rows
    starts: np.ndarray | None = None  # each sub-question's first row, for ``reduceat``; None when one has no example
    ids: tuple[str, ...] = ()  # the sub-question ids, in the order of ``rows``

    @classmethod
    def build(cls, facets: list[tuple[str, list[tuple[np.ndarray, np.ndarray]]]]) -> _FacetExamples:
        vectors = [vector for _, examples in facets for vector in examples]
        columns = np.array(sorted({i for features, _ in vectors for i in features.tolist()}), dtype=np.intp)
        matrix = np.zeros((len(vectors), len(columns)))
        for row, (features, values) in enumerate(vectors):
            matrix[row, np.searchsorted(columns, features)] = values
        rows, start = [], 0
        for facet_id, examples in facets:
            rows.append((facet_id, slice(start, start + len(examples))))
            start += len(examples)
        whole = bool(rows) and all(part.stop > part.start for _, part in rows)
        starts = np.array([part.start for _, part in rows], dtype=np.intp) if whole else None
        return cls(columns, np.ascontiguousarray(matrix.T), tuple(rows), starts, tuple(x for x, _ in rows))

    def similarities(self, features: np.ndarray, values: np.ndarray) -> dict[str, float]:
        """Sub-question id -> the best dot product of the question with one of its examples (0.0 without any)."""
        if not len(self.columns) or not len(features):
            return {}
        where = np.minimum(np.searchsorted(self.columns, features), len(self.columns) - 1)
        shared = self.columns[where] == features  # the question's features some example has, in question order
        if not shared.any():
            return {}
        sums = np.cumsum(self.matrix[where[shared]] * values[shared][:, None], axis=0)[-1]
        if self.starts is not None:
            return dict(zip(self.ids, np.maximum.reduceat(sums, self.starts).tolist(), strict=True))
        sums = sums.tolist()
        return {facet_id: max(sums[part], default=0.0) for facet_id, part in self.rows}


_SUBLINEAR_TF = np.array([0.0] + [1.0 + math.log(n) for n in range(1, 64)])  # 1 + ln(n) by math.log


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


def shared_model_dir() -> Path:
    """Where a trained model is also kept for this user's other data directories (``$XDG_CACHE_HOME/troly06``,
    else ``~/.cache/troly06``): a bot started on a new data directory loads it instead of training for seconds."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "troly06"


def _copy_model(source: Path, target: Path) -> bool:
    """Copy a model file so that a reader never sees half of it; False (nothing changed) when it cannot."""
    tmp = target.with_suffix(f".tmp{os.getpid()}.npz")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(source.read_bytes())
        os.replace(tmp, target)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


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
    def __init__(self, normalizer: Normalizer, model: Model, kb: KnowledgeBase | None = None,
                 scope: Scope | None = None, cues: Cues | None = None, clarifier: Clarifier | None = None):
        self.normalizer = normalizer
        self.clarifier = clarifier or Clarifier({})
        self.model = model
        self.label_names = model.labels
        self.cues = cues or Cues.default()
        self.scope = scope or Scope({}, {}, self.cues)
        self.kb = kb
        self._product_entries = frozenset(  # the entries of the groups about VNeID itself
            x for group in (kb.groups if kb else ()) if Scope.names_product(normalizer(group.name))
            for x in group.entry_ids)
        self._oos = [is_out_of_scope(x) for x in self.label_names]
        self._entry_index = {x: i for i, x in enumerate(self.label_names) if not is_out_of_scope(x)}
        self._idf = np.concatenate([model.word_idf, model.char_idf])  # word features first, then character ones
        self._word_scale, self._char_scale = math.sqrt(WORD_WEIGHT), math.sqrt(1 - WORD_WEIGHT)
        self._char_offset = len(model.word_vocabulary)
        self._word_chars = lru_cache(maxsize=WORD_CACHE)(self._word_chars_uncached)
        self.variant_entries: dict[str, list[str]] = {}  # «child» -> the entries about children, ...
        self.person_entries: dict[str, list[str]] = {}  # the same for follow-ups, «ở nước ngoài» (abroad) left out
        self._titles = {entry.id: normalizer(entry.title) for entry in (kb.entries.values() if kb else ())}
        for entry in (kb.entries.values() if kb else ()):
            texts = [self._titles[entry.id], *(normalizer(x) for x in entry.examples)]
            self._index_persons(self.variant_entries, entry.id, texts)
            self._index_persons(self.person_entries, entry.id, [self.cues.without_places(t) for t in texts])
        self._sentences = {entry.id: _fact_sentences(entry.answer) for entry in (kb.entries.values() if kb else ())}
        self._query = lru_cache(maxsize=QUERY_CACHE)(self._query_uncached)  # one question is embedded once
        self._matched = lru_cache(maxsize=MATCH_CACHE)(self._match_uncached)  # ... and matched once (see match)
        self._similarities = lru_cache(maxsize=QUERY_CACHE)(  # ... and compared with an entry's sub-questions once
            lambda entry_id, norm: self._facet_examples[entry_id].similarities(*self._query(norm)))
        self._facets = lru_cache(maxsize=QUERY_CACHE)(self._facets_uncached)  # asked by the matcher, then the reply
        self._facet_persons = lru_cache(maxsize=None)(self._facet_persons_uncached)
        self._facet_situations = lru_cache(maxsize=None)(self._facet_situations_uncached)
        self._common_words = lru_cache(maxsize=1)(self._common_words_uncached)
        self._facet_examples = {entry.id: _FacetExamples.build([
            (facet.id, [self._query(normalizer(x)) for x in facet.examples]) for facet in entry.facets])
            for entry in (kb.entries.values() if kb else ()) if entry.facets}
        self._title_terms = {entry.id: frozenset(set(word_ngrams(self.cues.strip(self._titles[entry.id])))
                                                 & self.scope.key_terms.get(entry.id, frozenset()))
                             for entry in (kb.entries.values() if kb else ())}
        self._title_spread = Counter(t for terms in self._title_terms.values() for t in terms)
        self._smalltalk_words = self._smalltalk_vocabulary(kb, normalizer) if kb else {}
        self.entry_words = lru_cache(maxsize=None)(self._entry_words)  # normalised once per entry, when first asked
        self._facet_kinds: dict[str, dict[str, frozenset[str]]] = {}  # entry -> sub-question -> its kinds, in order
        validity = self.cues.kind_patterns.get("validity")
        for entry in (kb.entries.values() if kb else ()):
            self._facet_kinds[entry.id] = {}
            for facet in entry.facets:
                norms = [normalizer(x) for x in facet.examples]
                # a facet whose examples ask how long something stays valid also answers «… có thời hạn bao lâu»
                hits = sum(bool(validity.search(x)) for x in norms) if validity is not None else 0
                valid = bool(norms) and 3 * hits >= len(norms) and hits > 0
                self._facet_kinds[entry.id][facet.id] = frozenset({facet.kind, *(["validity"] if valid else [])})
        # «lệ phí thường trú và tạm trú»: what tells apart sub-questions of one kind (the entry's key terms that only
        # one of them uses), so a question naming both gets both
        self._facet_terms: dict[tuple[str, str], frozenset[str]] = {}
        for entry in (kb.entries.values() if kb else ()):
            grams = {f.id: {g for x in f.examples for g in word_ngrams(self.cues.strip(normalizer(x)))}
                     for f in entry.facets}
            for facet in entry.facets:
                others = set().union(*(grams[f.id] for f in entry.facets if f.kind == facet.kind and f.id != facet.id))
                if others:
                    own = grams[facet.id] - others
                    self._facet_terms[entry.id, facet.id] = frozenset(own & self.scope.key_terms.get(entry.id, set()))

    @staticmethod
    def _smalltalk_vocabulary(kb: KnowledgeBase, normalizer: Normalizer) -> dict[str, frozenset[str]]:
        """Small-talk entry -> the words of its texts that no other entry's texts use (function words left out)."""
        def words(entry: Entry) -> set[str]:
            return {w for text in (entry.title, *entry.examples) for w in normalizer(text).split()}
        others = set().union(*(words(e) for e in kb.entries.values() if not e.smalltalk))
        return {e.id: frozenset(words(e) - others - FUNCTION_WORDS) for e in kb.entries.values() if e.smalltalk}

    def _entry_words(self, entry_id: str) -> frozenset[str]:
        """The normalised words of an entry's own texts: title, answer, examples, sub-questions' answers and
        examples (``self.entry_words``, memoised)."""
        entry = self.kb.entries[entry_id]
        facets = [x for f in entry.facets for x in (f.answer, *f.examples)]
        texts = [entry.title, entry.answer, *entry.examples, *facets]
        return frozenset(w for t in texts for w in self.normalizer(t).split())

    def _index_persons(self, index: dict[str, list[str]], entry_id: str, texts: list[str]) -> None:
        """Add ``entry_id`` under each kind of person its title, or two of its examples, name (``texts``: the
        normalised title first, then the examples)."""
        for variant, pattern in self.cues.variant_patterns.items():
            if pattern.search(texts[0]) or sum(bool(pattern.search(t)) for t in texts[1:]) >= 2:
                index.setdefault(variant, []).append(entry_id)

    @classmethod
    def train(cls, normalizer: Normalizer, texts: list[str], labels: list[str]) -> Matcher:
        return cls(normalizer, Model.train([normalizer(t) for t in texts], labels))

    @classmethod
    def build(cls, kb: KnowledgeBase, normalizer: Normalizer, out_of_scope: OutOfScope,
              cache_dir: Path | None = None) -> Matcher:
        """Load the cached model for this training data, or train it (and cache it when ``cache_dir`` is given)."""
        cues = Cues.default()
        return cls(normalizer, cls._model(kb, normalizer, out_of_scope, cache_dir), kb,
                   Scope.build(kb, normalizer, out_of_scope, cues), cues, Clarifier.load(normalizer, kb))

    @staticmethod
    def _model(kb: KnowledgeBase, normalizer: Normalizer, out_of_scope: OutOfScope, cache_dir: Path | None) -> Model:
        examples = training_examples(kb, out_of_scope)
        texts, labels = [normalizer(x.text) for x in examples], [x.label for x in examples]
        path = Path(cache_dir) / f"matcher-{_cache_key(texts, labels)}.npz" if cache_dir else None
        if path and path.exists():
            try:
                return Model.load(path)
            except (OSError, ValueError, KeyError):
                pass  # a damaged cache file is rebuilt below
        if path is None:
            return Model.train(texts, labels)
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("matcher-*.npz"):
            old.unlink(missing_ok=True)
        shared = shared_model_dir() / path.name  # the same training data, trained for another data directory
        if shared != path and shared.exists() and _copy_model(shared, path):
            try:
                return Model.load(path)
            except (OSError, ValueError, KeyError):
                path.unlink(missing_ok=True)  # a damaged shared copy: trained below
        if _train_in_child(texts, labels, path):
            model = Model.load(path)
        else:
            model = Model.train(texts, labels)  # no child process possible: train here
            model.save(path)
        if shared != path:
            _copy_model(path, shared)  # best effort: a read-only home only means the next one trains too
        return model

    def _query_uncached(self, norm: str) -> tuple[np.ndarray, np.ndarray]:
        """Feature indices and TF-IDF weights of a normalised question, each part L2-normalised and weighted
        (read-only arrays: ``self._query`` memoises them per question).

        Both parts (word n-grams, then character n-grams after them) go through one set of array operations;
        each part's length is summed left to right over its own slice, so every weight has the same bits as when
        the parts were computed one after the other."""
        counts = Counter(self._word_features(norm))  # feature index -> term frequency, in order of first occurrence
        words = len(counts)
        counts.update(self._char_features(norm))  # character features are numbered after every word feature
        index = np.fromiter(counts, np.intp, len(counts))
        tf = self._tf(np.fromiter(counts.values(), np.intp, len(counts)), max(counts.values(), default=0))
        values = tf * self._idf[index]  # sublinear tf-idf
        square = values * values
        for piece, weight, size in ((slice(0, words), self._word_scale, words),
                                    (slice(words, None), self._char_scale, len(values) - words)):
            length = math.sqrt(np.cumsum(square[piece])[-1]) if size else 0.0  # left to right
            part = values[piece]
            part *= weight  # weighted, then divided by the part's length: each weight rounded as before
            part /= length or 1.0
        for array in (index, values):
            array.flags.writeable = False
        return index, values

    @staticmethod
    def _tf(counts: np.ndarray, highest: int) -> np.ndarray:
        """Sublinear term frequency 1 + ln(n), from a table of ``math.log`` (numpy's log may differ in the last bit);
        ``highest``: the largest count."""
        if highest >= len(_SUBLINEAR_TF):
            return np.array([1.0 + math.log(n) for n in counts.tolist()])
        return _SUBLINEAR_TF[counts]

    def _word_features(self, norm: str) -> list[int]:
        """The word uni/bigram feature indices of a normalised question, in order (out-of-vocabulary ones left out)."""
        return [i for i in map(self.model.word_vocabulary.get, word_ngrams(norm)) if i is not None]

    def _char_features(self, norm: str) -> list[int]:
        """The character n-gram feature indices, in order: each word's n-grams depend on that word alone
        (``char_wb``), so they are looked up once per word (``self._word_chars`` memoises them)."""
        return list(chain.from_iterable(map(self._word_chars, norm.split())))

    def _word_chars_uncached(self, word: str) -> tuple[int, ...]:
        """A word's character n-gram feature indices, numbered after the word features (``_idf``)."""
        offset = self._char_offset
        return tuple(i + offset for i in map(self.model.char_vocabulary.get, char_wb_ngrams(word)) if i is not None)

    def scores(self, text: str) -> np.ndarray:
        """Decision value of ``text`` for each class (indexed like ``label_names``); higher is more likely."""
        return self._scores(self.normalizer(text))

    def _scores(self, norm: str) -> np.ndarray:
        features, values = self._query(norm)
        if not len(features):
            return np.full(len(self.label_names), -1.0)
        return values @ self.model.weights[features] + self.model.intercept

    def match(self, text: str, threshold: float = 0.35, within: list[str] | None = None) -> MatchResult:
        """The best entry (and sub-question) for ``text`` and the verdict: answer, unsure, out of scope, small talk.

        ``within`` restricts the candidates to those entries (a follow-up read against the conversation); the
        out-of-scope classes then do not compete, and the verdict is ANSWER or UNSURE.

        A match depends on the text, the threshold and ``within`` alone (the model, the knowledge and the cues do
        not change once built), and the result is frozen: the same question asked again (a frequent one, the same
        message read twice in one turn) is matched once (``MATCH_CACHE`` of them kept).
        """
        return self._matched(text, threshold, None if within is None else tuple(within))

    def _match_uncached(self, text: str, threshold: float, within: tuple[str, ...] | None) -> MatchResult:
        with self.cues.typed(text):  # cue words read with the question's diacritics («nộp hồ sơ» is no «nộp hộ»)
            return self._match_typed(text, threshold, within)

    def _match_typed(self, text: str, threshold: float, within: tuple[str, ...] | None) -> MatchResult:
        norm = self.normalizer(text)
        best = self._scores(norm)
        if within is not None:
            keep = np.full(len(best), -np.inf)
            index = [self._entry_index[x] for x in within if x in self._entry_index]
            keep[index] = best[index]
            best = keep
        order = np.argsort(-best).tolist()  # the rest is read as plain Python numbers (the same values)
        oos = self._oos
        best = best.tolist()
        top = order[0]
        second = next((i for i in order[1:] if not (oos[i] and oos[top])), order[1])
        s1, margin = best[top], best[top] - best[second]
        if not math.isfinite(margin):
            margin = 2.0
        intercept, w_score, w_margin = CALIBRATION
        confidence = _sigmoid(intercept + w_score * s1 + w_margin * margin)
        entries = [i for i in order[:6] if not oos[i] and math.isfinite(best[i])]
        best_entry = self.label_names[entries[0]] if entries else None
        runners_up = tuple(self.label_names[i] for i in entries if i != top)[:2]
        kinds = self.cues.kinds(norm)
        domain, domain_words = self.scope.domain_match(norm)
        if self.scope.accented and (accented := self.scope.accented_domain(text))[0] \
                and len(accented[1]) >= len(domain_words):
            domain, domain_words = accented[0], domain_words | accented[1]  # «thuê bao», not «thuế»
        # «nhập khẩu cho con sau khi bố mẹ ly hôn», «vợ chồng ly hôn nhưng ở cùng nhà có được tách hộ không»: that
        # domain is the situation only
        if domain_words and (self._situation_after(norm, text) or self._after_but(text) is not None):
            situation = domain
            domain, domain_words = None, frozenset()
            if oos[top] and best_entry and _domain_of(self.label_names[top]) == situation:
                top = self._entry_index[best_entry]  # ... so its out-of-scope examples do not decide either
        if not norm or not entries:
            return MatchResult(None, confidence, s1, margin, runners_up, Verdict.OUT_OF_SCOPE, domain=domain,
                               kinds=kinds)
        if oos[top] and best_entry and margin < OOS_OVERRULE_MARGIN \
                and len(self.scope.support(best_entry, norm)) >= 2:
            top = self._entry_index[best_entry]  # two of the entry's own key terms outweigh a narrow loss
        if oos[top]:
            domain = domain or _domain_of(self.label_names[top])  # the phrase found names it better than the class
            verdict = Verdict.SMALLTALK if domain == "smalltalk" else Verdict.OUT_OF_SCOPE
            if verdict == Verdict.OUT_OF_SCOPE and best_entry and self.scope.names_product(norm):
                verdict = Verdict.UNSURE  # another domain's words around VNeID: offer our close topics instead
            return MatchResult(None, confidence, s1, margin, runners_up, verdict, domain=domain, kinds=kinds,
                               best=best_entry)
        topic = self.label_names[top]
        topic, support = self._routed(topic, norm, kinds, [self.label_names[i] for i in entries], best,
                                      bool(domain_words))
        if domain_words:  # «đổi sổ đỏ sang sổ mới»: «sổ» of the domain's phrase is no key term of «đổi số»
            support = {t for t in support if domain_words.isdisjoint(t.split())}
        if support and all(self.cues.is_variant_term(t) for t in support):
            support = set()  # «người nước ngoài», «trẻ em» name a person, not a topic
        if (self._entry(topic).smalltalk if self.kb else False) and confidence >= DOMAIN_CONFIDENCE:
            if not self._sounds_smalltalk(topic, norm):  # «cần bao nhiêu vốn để thành lập công ty TNHH…»: a
                return MatchResult(None, confidence, s1, margin, runners_up, Verdict.OUT_OF_SCOPE,  # question,
                                   domain=domain, kinds=kinds, best=best_entry)  # not thanks
            support = support or {self._entry(topic).title}  # greeting, thanks, help: no key terms needed
        named = support or self._product_fact(topic, confidence, norm)  # «vneid»: its own entries' key term
        verdict = self._verdict(confidence, threshold, named, domain, norm, within is not None)
        if verdict == Verdict.ANSWER and topic != self.label_names[top] and confidence < ROUTED_CONFIDENCE:
            verdict = Verdict.UNSURE  # moved on key terms alone from a weak best guess: offer, do not assert
        if verdict == Verdict.ANSWER and within is None and not (self.kb and self._entry(topic).smalltalk):
            outside = max((x for x, o in zip(best, oos, strict=True) if o), default=-math.inf)
            verdict = self._guarded(topic, confidence, support, domain, domain_words, norm, kinds, text,
                                    s1 - outside)
        facet = None
        if verdict == Verdict.ANSWER and self.kb is not None:
            strict = tuple(k for k in kinds if k in STRICT_KINDS)
            wanted = strict + (("validity",) if "validity" in kinds and "validity" not in strict else ())
            facet, stated = self.fact(topic, norm, wanted, kinds)
            if facet is None and stated is None and strict and not self.is_about(topic, strict):
                verdict = Verdict.UNSURE  # a fee, a deadline, a penalty the entry does not state: do not pretend
            elif facet is not None and self._states_other_kind(topic, facet, strict):
                verdict = Verdict.UNSURE  # rule 5b: «… không đúng tuyến mức hưởng thế nào» got «đi khám bằng căn cước»
            # a complete question without a fitting sub-question gets the whole entry (it holds those sentences)
        also = self._also(topic, norm, [self.label_names[i] for i in entries], best, domain_words) \
            if verdict == Verdict.ANSWER and within is None else None
        return MatchResult(topic, confidence, s1, margin, tuple(x for x in runners_up if x != topic), verdict,
                           facet=facet, domain=domain, support=frozenset(support), kinds=kinds,
                           best=topic, also=also)

    def _situation_after(self, norm: str, text: str = "") -> bool:
        """Whether the neighbouring domain's phrase is only in the situation (after «sau khi», «khi», «nếu», or «để»
        in a short question) and what comes before names something of ours and no domain. In a text of several
        sentences each sentence that names the domain is read on its own: the sentence before is not its head
        («Tôi đã đóng BHXH 2 năm. Nếu tôi nghỉ việc thì … có được hưởng chế độ thai sản không?», «Hậu quả tôi bị
        dập ống chân. Khi đâm phải xe … nồng độ cồn …»)."""
        if not self._situation_in(norm):
            return False
        sentences = [part for piece in SENTENCE_END.split(text) if (part := self.normalizer(piece))] if text else []
        return len(sentences) < 2 or all(self._situation_in(part) for part in sentences
                                         if self.scope.domain(part) is not None)

    def _situation_in(self, norm: str) -> bool:
        found = CONDITION.search(norm) or len(norm.split()) <= HEAD_MAX_WORDS and PURPOSE.search(norm)
        if found and (asks := ASKS_WHEN.search(norm)) and asks.start() < found.start():
            return False  # «cách xử lý khi hồ sơ bị trả về … khi thông báo website»: all of it is what is asked
        return bool(found) and self.scope.domain(norm[:found.start()]) is None \
            and bool(self.scope.supported_entries(norm[:found.start()]))

    def _after_but(self, text: str) -> str | None:
        """What follows «nhưng» (typed with its diacritics: folded it is «những») when the neighbouring domain's phrase
        is only before it and what follows names something of ours and no domain: «vợ chồng ly hôn nhưng vẫn ở cùng
        nhà có được tách hộ không» asks the household; the divorce is the situation (rule 3's reading of «khi», the
        other way round)."""
        typed = unicodedata.normalize("NFC", text).lower()
        found = BUT.search(typed)
        if found is None:
            return None
        head, tail = self.normalizer(typed[:found.start()]), self.normalizer(typed[found.end():])
        if len(head.split()) > BUT_HEAD_MAX_WORDS or self.scope.domain(head) is None \
                or self.scope.domain(tail) is not None or not self.scope.supported_entries(tail) \
                or any(GOAL_BEFORE.search(head[:start]) for start, _ in self.scope.domain_spans(head)):
            return None  # «vợ muốn ly hôn nhưng …»: the divorce is what she wants, the question is the court's
        return tail

    def _sequel(self, norm: str) -> str | None:
        """What follows «rồi» / «xong» when a neighbouring domain's phrase comes before it and what follows names
        something of ours: «đổi tên trong giấy khai sinh rồi có phải làm lại căn cước không»
        asks the card; the name change is what happened, so rule 7 does not give the question to that domain (rule 3
        still asks ``DOMAIN_CONFIDENCE``)."""
        found = SEQUEL.search(norm)
        if found is None:
            return None
        before, after = norm[:found.start()], norm[found.end():]
        if self.scope.domain(before) is None or not self.scope.supported_entries(after):
            return None
        return after

    def _sounds_smalltalk(self, topic: str, norm: str) -> bool:
        """Rule 9: a small-talk entry (greeting, thanks, what the bot does) answers a short message, or a longer one
        that says a word only small talk uses («cảm ơn» folds to «cam on»: «on»; «hello», «bot»)."""
        words = norm.split()
        return len(words) <= SMALLTALK_MAX_WORDS or not self._smalltalk_words.get(topic, frozenset()).isdisjoint(words)

    def _also(self, topic: str, norm: str, candidates: list[str], scores: list[float],
              domain_words: frozenset[str]) -> str | None:
        """A close entry whose title the question also names, with words the answered entry's title does not have
        («cách đăng ký thường trú, tạm trú online»: «tạm trú» is the title of another entry)."""
        grams = gram_set(norm)
        mine = self._title_terms.get(topic, frozenset())
        top_score = scores[self._entry_index[topic]]
        for other in candidates:
            if other == topic or scores[self._entry_index[other]] < top_score - ROUTE_WITHIN:
                continue
            named = {t for t in self._title_terms.get(other, frozenset()) & grams
                     if domain_words.isdisjoint(t.split()) and not self.cues.is_variant_term(t)}
            if not named or not named.isdisjoint(mine) or (self.kb and self._entry(other).smalltalk):
                continue
            own = self.scope.key_terms.get(topic, frozenset())
            if any(self._title_spread[t] <= ALSO_MAX_TITLES and t not in own or self._joined(norm, mine, t)
                   for t in named):
                return other
        return None

    @staticmethod
    def _joined(norm: str, mine: frozenset[str], term: str) -> bool:
        """«thường trú, tạm trú», «thường trú và tạm trú»: the other title's words right after the answered one's."""
        return any(re.search(rf"(?<![a-z0-9]){re.escape(a)} (?:(?:va|hoac|voi) )?{re.escape(term)}(?![a-z0-9])", norm)
                   for a in mine)

    def is_about(self, topic: str, kinds: tuple[str, ...]) -> bool:
        """Whether the entry's title is about one of these kinds of fact («Mức phạt khi…», «… có mất phí không»)."""
        title = self.title_of(topic)
        return any(self.cues.kind_patterns[k].search(title) for k in kinds if k in self.cues.kind_patterns)

    def fact(self, topic: str, norm: str, wanted: tuple[str, ...], kinds: tuple[str, ...] | None = None
             ) -> tuple[str | None, str | None]:
        """(sub-question, None) when one of the entry's sub-questions fits; else (None, the answer's sentences
        about the ``wanted`` kinds) when there are some; else (None, None)."""
        facet = self.facet_for(topic, norm, kinds)
        if facet is not None or not wanted:
            return facet, None
        if self.is_about(topic, wanted):
            return None, None  # «Mức phạt khi…»: the whole entry is the fact asked
        return None, self.lines_about(topic, wanted)

    def lines_about(self, topic: str, wanted: tuple[str, ...]) -> str | None:
        """Up to three sentences of the entry's answer (steps left out) that state a fact of these kinds."""
        patterns = [self.cues.kind_patterns[k] for k in wanted if k in self.cues.kind_patterns]
        if "validity" in wanted:
            patterns.append(_VALIDITY_FACT)
        picked = [s for s, folded in self._sentences.get(topic, ()) if any(p.search(folded) for p in patterns)]
        return "\n".join(dict.fromkeys(picked[:3])) or None

    def speaks_of_variant(self, entry_id: str, variant: str | None) -> bool:
        """Whether one of the entry's sub-questions is about that person (its examples name a child, ...)."""
        pattern = self.cues.variant_patterns.get(variant or "")
        if pattern is None or self.kb is None or entry_id not in self.kb.entries:
            return False
        return any(pattern.search(self.cues.without_places(self.normalizer(x)))
                   for f in self._entry(entry_id).facets for x in f.examples)

    def facet_kinds(self, entry_id: str, facet_id: str) -> frozenset[str]:
        """The kinds a sub-question answers (its own, and «validity» when its examples ask one)."""
        return self._facet_kinds[entry_id].get(facet_id, frozenset())

    def _routed(self, topic: str, norm: str, kinds: tuple[str, ...], candidates: list[str],
                scores: list[float], named_domain: bool = False) -> tuple[str, set[str]]:
        """Prefer, among the close candidates, the entry the question is really about.

        - A fact question the best entry cannot answer moves to a close entry that has that fact and names more of
          the question: «không báo tạm vắng bị phạt không» goes from the best-known penalty entry to «tạm vắng».
        - An unsupported best entry gives way to a supported close one, but not away from the entry of the person
          the question names («… cho người nước ngoài»).
        - «… dưới các hình thức nào» (a how-to) prefers a how-to entry («Cách…») to a definition that close.
        - A short question's topic comes before «khi», «nếu»: «đăng ký khai sinh khi chưa đăng ký kết hôn» is about
          the birth registration.
        A question that names a neighbouring domain is never moved: the classifier's own choice is judged.
        """
        support = self.scope.support(topic, norm)
        if self.kb is None or named_domain:
            return topic, support
        top_score = scores[self._entry_index[topic]]
        close = [o for o in candidates
                 if o != topic and scores[self._entry_index[o]] >= top_score - ROUTE_WITHIN]
        variant = self.cues.variant(norm)
        persons = set(self.variant_entries.get(variant, ())) if variant else set()
        chosen = topic
        strict = tuple(k for k in kinds if k in STRICT_KINDS)
        if not (support and (not kinds or self.has_kind(topic, kinds))):
            for other in close:
                if topic in persons and other not in persons:
                    continue  # stay with the entry of the person named
                if support and not self.has_kind(other, kinds):
                    continue  # only an unsupported best entry gives way to any supported close one
                other_support = self.scope.support(other, norm)
                if len(other_support) > len(support) and not other_support <= self.scope.support(topic, norm):
                    chosen, support = other, other_support
                elif support and chosen == topic and other_support == support and strict \
                        and self.has_kind(other, strict) and self.lines_about(topic, strict) is None:
                    chosen = other  # named alike; only this one states the fee, time or penalty asked («căn cước
                    #                 bao lâu có»): the best entry would have to say it does not know
        if chosen == topic and self.cues.is_howto(norm) and not self._is_howto_entry(topic):
            for other in close:
                other_support = self.scope.support(other, norm)
                if scores[self._entry_index[other]] >= top_score - HOWTO_WITHIN \
                        and self._is_howto_entry(other) and len(other_support) >= len(support):
                    return other, other_support
        if chosen == topic and len(norm.split()) <= HEAD_MAX_WORDS:
            found = CONDITION.search(norm)
            head = norm[:found.start()] if found else ""
            if head and support and not self.scope.support(topic, head):
                for other in close:
                    if self.scope.support(other, head):
                        return other, self.scope.support(other, norm)
        return chosen, support

    def _is_howto_entry(self, entry_id: str) -> bool:
        return self.cues.is_howto(self.title_of(entry_id))

    def has_kind(self, entry_id: str, kinds: tuple[str, ...]) -> bool:
        """Whether the entry has a sub-question of one of these kinds (a validity one counts for «validity»)."""
        if self.kb is None or entry_id not in self.kb.entries:
            return False
        return any(not own.isdisjoint(kinds) for own in self._facet_kinds[entry_id].values())

    def _verdict(self, confidence: float, threshold: float, support: set[str] | bool, domain: str | None, norm: str,
                 restricted: bool) -> Verdict:
        if domain == "smalltalk" and not (support and confidence >= DOMAIN_CONFIDENCE):
            return Verdict.SMALLTALK
        # a question that names a neighbouring domain («sổ đỏ», «nghỉ không lương») is ours only when it also names
        # two distinct things of the entry («gia hạn» … «thẻ bảo hiểm y tế»), not one shared phrase
        if confidence >= threshold and support and (domain is None or confidence >= DOMAIN_CONFIDENCE):
            return Verdict.ANSWER
        if confidence >= STRONG_CONFIDENCE and domain is None:
            return Verdict.ANSWER
        if restricted:
            return Verdict.ANSWER if confidence >= threshold else Verdict.UNSURE
        if domain is not None:
            return Verdict.UNSURE if self.scope.names_product(norm) else Verdict.OUT_OF_SCOPE
        if support or confidence >= threshold or self.scope.supported_entries(norm):
            return Verdict.UNSURE
        return Verdict.OUT_OF_SCOPE

    def _guarded(self, topic: str, confidence: float, support: set[str], domain: str | None,
                 domain_words: frozenset[str], norm: str, kinds: tuple[str, ...], text: str = "",
                 ahead_of_outside: float = math.inf) -> Verdict:
        """Second look at an answer (rules 7, 8 and 10 of the module docstring)."""
        longer = domain is not None and confidence < DOMAIN_OUTWEIGHS_CONFIDENCE \
            and len(domain_words) > self._typed_cover(text, norm, support)
        if domain is not None and domain != "smalltalk" and self.scope.spans(norm, support) < 2 \
                and not self.scope.names_product(norm) and (longer or self._domain_leads(norm, support)) \
                and self._sequel(norm) is None:
            return Verdict.OUT_OF_SCOPE  # «hợp pháp hóa lãnh sự lý lịch tư pháp»: the other office's procedure
        if domain is not None and domain != "smalltalk" and confidence < DOMAIN_OUTWEIGHS_CONFIDENCE \
                and not self.scope.names_product(norm) and (self._domain_closes(norm) or self._domain_heads(norm)):
            return Verdict.OUT_OF_SCOPE  # rule 7c: «… có được vào phòng thi không» asks the domain's yes or no
        # «bằng lái b2 bao nhiêu ngày có»: a fact of an entry the question never names — unless it also asks what
        # the entry has a sub-question for («hết hạn bao lâu thì phải thi lại»)
        others = tuple(k for k in kinds if k not in ("time", "fee"))
        if not support and not {"time", "fee"}.isdisjoint(kinds) and not (others and self.has_kind(topic, others)) \
                and not self._product_fact(topic, confidence, norm):
            return Verdict.UNSURE
        if ahead_of_outside < OOS_OVERRULE_MARGIN and self._lone_term(topic, confidence, support, norm):
            return Verdict.UNSURE  # rule 10: «vợ muốn ly hôn nhưng chồng không đồng ý»: one shared pair, a weak guess
        return Verdict.ANSWER

    def _lone_term(self, topic: str, confidence: float, support: set[str], norm: str) -> bool:
        """Rule 10 (asked when an out-of-scope class is within ``OOS_OVERRULE_MARGIN`` of the entry: rule 1 the other
        way round): the answer rests on a single key term that the entry's title does not say («đồng ý» for moving
        into the husband's household, «thanh niên» for a vehicle's plate), in a question of at least
        ``LONE_TERM_MIN_WORDS`` words, chosen below ``LONE_TERM_CONFIDENCE``: one shared word pair is not enough."""
        return len(support) == 1 and confidence < LONE_TERM_CONFIDENCE and len(norm.split()) >= LONE_TERM_MIN_WORDS \
            and support.isdisjoint(self._title_terms.get(topic, frozenset())) \
            and not self._product_fact(topic, confidence, norm)

    def _typed_cover(self, text: str, norm: str, support: set[str]) -> int:
        """How many words of the question as typed the key terms cover: «cccd» is one word typed, though it reads as
        the four of «căn cước công dân» — rule 7 weighs what the person wrote against the domain's phrase."""
        covered = self.scope.covered(norm, support)
        named = {w for t in support for w in t.split()}
        for token in set(re.findall(r"[a-z0-9]+", fold(text))):
            long = self.normalizer.single.get(token, "")
            if " " in long and not named.isdisjoint(long.split()):
                covered -= len(long.split()) - 1
        return covered

    def _states_other_kind(self, topic: str, facet: str, strict: tuple[str, ...]) -> bool:
        """Rule 5b: a fee, time, penalty or benefit is asked, and the sub-question chosen states another kind of
        fact while the entry states the kind asked nowhere (no sub-question, no sentence, a title not about it, not
        that sub-question's own answer: «Thanh toán trực tuyến» answers how a fee is paid)."""
        if not strict or not self.facet_kinds(topic, facet).isdisjoint(strict) or self.has_kind(topic, strict) \
                or self.is_about(topic, strict) or self.lines_about(topic, strict) is not None:
            return False
        answer = self.normalizer(self._entry(topic).facet(facet).answer)
        return not any(STATES[k].search(answer) for k in strict if k in STATES)

    def _product_fact(self, topic: str, confidence: float, norm: str) -> bool:
        """VNeID named stands for a key term of VNeID's own entries (rule 2's support, rule 8's exception): the
        question names VNeID, the entry is one of VNeID's own, chosen at ``PRODUCT_CONFIDENCE``."""
        return confidence >= PRODUCT_CONFIDENCE and topic in self._product_entries \
            and self.scope.names_product(norm)

    def _domain_closes(self, norm: str) -> bool:
        """Rule 7c: the neighbouring domain's phrase is the last thing asked, right before the yes/no tail
        («quên mang cccd đi thi có được vào phòng thi không», «cccd hết hạn có giao dịch ngân hàng được không»): what
        is asked is that domain's, what of ours comes before is what the person has. Not when the phrase is what our
        procedure needs («… có cần bản sao sổ đỏ không», «… bằng sổ hồng được không»)."""
        spans = self.scope.domain_spans(norm)
        if not spans:
            return False
        start, end = max(spans, key=lambda span: span[1])
        return YES_NO_TAIL.fullmatch(norm[end:]) is not None and NEEDED.search(norm[:start]) is None

    def _domain_heads(self, norm: str) -> bool:
        """Rule 7d: the head of the question (before «khi», «nếu») names the neighbouring domain and nothing of
        ours, what follows does («có mất quyền làm cha nếu không ghi tên trên khai sinh»): the head is asked, the
        rest is the situation — rule 3's reading, the other way round."""
        found = CONDITION.search(norm)
        if found is None:
            return False
        head = norm[:found.start()]
        return self.scope.domain(head) is not None and not self.scope.supported_entries(head)

    def _domain_leads(self, norm: str, support: set[str]) -> bool:
        """Rule 7b: the question opens with the neighbouring domain's phrase, before the one thing of ours it names
        («chứng thực giấy khai sinh ở đâu»: the certification is asked) — unless that phrase is the situation, what
        the person goes to or has («đi du học có phải khai báo tạm vắng», «chưa có sổ hồng có làm được hộ khẩu»)."""
        first = min(self.scope.domain_spans(norm), default=None)  # the first phrase of the domain
        found = self.scope.found(norm, support)
        if first is None or not found or SITUATION_BEFORE.search(norm[:first[0]]) \
                or REQUESTS.match(norm[first[1]:]):
            return False
        before_ours = " ".join(norm.split()[:found[0][0]])
        if WANTS_OURS.search(before_ours) and not any(GOAL_BEFORE.search(norm[:start])
                                                      for start, _ in self.scope.domain_spans(norm)):
            return False  # «… ly hôn từ năm 2010, nay muốn đăng ký kết hôn lại»: the divorce is what happened
        start = first[0]
        return len(norm[:start].split()) < found[0][0]

    def _entry(self, entry_id: str) -> Entry:
        return self.kb.entries[entry_id]

    def title_of(self, entry_id: str) -> str:
        """The entry's title, normalised once at start-up."""
        return self._titles[entry_id]

    def facet_for(self, entry_id: str, norm: str, kinds: tuple[str, ...] | None = None) -> str | None:
        """The sub-question of the entry that the question asks, or None (see :meth:`facets_for`)."""
        found = self.facets_for(entry_id, norm, kinds)
        return found[0] if found else None

    def facets_for(self, entry_id: str, norm: str, kinds: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The sub-questions the question asks, best first, one per kind («mất bao lâu? chi phí bao nhiêu?» asks
        two): similarity to a sub-question's examples plus a bonus when the cue words name its kind. A kind the
        question does not name («khai báo tạm vắng khi nào?» names no fee) needs a near-identical example."""
        # the kinds are read before the cache: they depend on how the message was typed (Cues.typed), not only norm
        return self._facets(entry_id, norm, self.cues.kinds(norm) if kinds is None else kinds)

    def _facets_uncached(self, entry_id: str, norm: str, kinds: tuple[str, ...] | None) -> tuple[str, ...]:
        if self.kb is None or entry_id not in self.kb.entries:
            return ()
        facets = self._entry(entry_id).facets
        if not facets:
            return ()
        kinds = self.cues.kinds(norm) if kinds is None else kinds
        similarities = self._similarities(entry_id, norm)
        needed = FACET_HOWTO_SCORE if self.cues.is_howto(norm) else FACET_MIN_SCORE
        scored = []
        kinds_of = self._facet_kinds[entry_id]
        # «cổng dịch vụ công quốc gia»: words of the entry's title and nothing else ask no sub-question without cue
        # words, however alike they are to one of its examples («quên mật khẩu đăng nhập cổng dịch vụ công quốc gia»)
        topic_only = set(norm.split()) <= set(self.title_of(entry_id).split())
        for facet in facets:
            similarity = similarities.get(facet.id, 0.0)
            asked = kinds_of[facet.id].intersection(kinds)
            if asked:
                same_kind = sum(not kinds_of[f.id].isdisjoint(asked) for f in facets)
                score = similarity + (FACET_SOLE_KIND if same_kind == 1 else FACET_KIND_BONUS)
                passed = score >= needed
            elif kinds and facet.kind in self.cues.kind_patterns:
                continue  # «quá hạn … bị phạt thế nào» asks the penalty: never the deadline, however alike the words
            else:  # nothing asked of its kind: its examples' own words must be what the question shares with it,
                #    not the topic's words every sub-question of the entry has («cấp lại bằng lái bị mất» ≠ the fee)
                score = similarity
                runner_up = max((x for f, x in similarities.items() if f != facet.id), default=0.0)
                if facet.kind in self.cues.kind_patterns:
                    passed = similarity >= FACET_UNASKED_SCORE and similarity >= FACET_UNASKED_LEAD * runner_up
                else:
                    yes_no = facet.kind == "yesno" and not kinds and YES_NO.search(norm)  # a yes or no, nothing else
                    passed = similarity >= (FACET_YESNO_SCORE if yes_no else FACET_PLAIN_SCORE) \
                        and (similarity >= FACET_UNASKED_SCORE or not topic_only)
            if passed:
                scored.append((score, facet))
        scored = self._without_unsaid_situations(entry_id, norm, kinds, scored)
        # «khai sinh online mất bao lâu»: the time leads, then the online — unless the fact asked is only found
        # in a sub-question about someone the question does not name («hộ chiếu online cần điều kiện gì»: a child's)
        asks = set(kinds) - QUALIFIER_KINDS

        def qualifier_only(facet) -> bool:  # of a kind asked, but only of a qualifier kind («online»)
            return not kinds_of[facet.id].isdisjoint(kinds) and kinds_of[facet.id].isdisjoint(asks)
        persons = {self.cues.variant(norm)}
        if asks and len(asks) < len(set(kinds)) and any(
                not kinds_of[f.id].isdisjoint(asks) and self._facet_persons(entry_id, f.id) <= persons
                for _, f in scored):
            scored.sort(key=lambda x: (qualifier_only(x[1]), -x[0]))
        else:
            # «tra cứu tiến độ hồ sơ đã nộp trực tuyến …»: a sub-question chosen for «trực tuyến» alone (how it is
            # done) gives way to one that fits on its own words and is more similar (the tracking)
            fits = max((similarities.get(f.id, 0.0) for _, f in scored if kinds_of[f.id].isdisjoint(kinds)),
                       default=0.0)
            scored = [(x, f) for x, f in scored if not (qualifier_only(f) and similarities.get(f.id, 0.0) < fits)]
            scored.sort(key=lambda x: -x[0])
        grams = gram_set(norm)
        named = {f.id for f in facets if not self._facet_terms.get((entry_id, f.id), frozenset()).isdisjoint(grams)}
        chosen, seen = [], set()
        for _, facet in scored:
            if facet.kind not in seen:
                seen.add(facet.kind)
                chosen.append(facet.id)
        if len(named) >= 2 and named & set(chosen):  # the question names two sub-questions of one kind: both
            chosen += [f.id for f in facets if f.id in named and f.id not in chosen
                       and not kinds_of[f.id].isdisjoint(kinds)]
        return tuple(chosen[:1] + [f for f in chosen[1:] if not kinds_of[f].isdisjoint(kinds)][:2])

    def _without_unsaid_situations(self, entry_id: str, norm: str, kinds: tuple[str, ...], scored: list) -> list:
        """A plain kind question («làm hộ chiếu ở đâu», «đăng ký kết hôn ở đâu») is not answered with a sub-question
        about a situation it does not say (a passport lost abroad, a marriage with a foreigner: see
        :meth:`_facet_situations_uncached`) when a general sub-question of the kind asked (one without a situation)
        also fits; a question that says a word of the situation, or is near-identical to one of its examples
        (``FACET_UNASKED_SCORE``), keeps it."""
        situations = self._facet_situations(entry_id)
        kinds_of = self._facet_kinds[entry_id]
        asked = set(kinds)
        general = {k for _, f in scored if not situations[f.id][0] for k in kinds_of[f.id] & asked}
        if not general:
            return scored
        words = set(norm.split())
        similarities = self._similarities(entry_id, norm)

        def unsaid(facet) -> bool:
            own = kinds_of[facet.id] & asked
            situation, vocabulary = situations[facet.id]
            return bool(own) and own <= general and bool(situation) and vocabulary.isdisjoint(words) \
                and similarities.get(facet.id, 0.0) < FACET_UNASKED_SCORE
        return [(score, facet) for score, facet in scored if not unsaid(facet)]

    def _facet_situations_uncached(self, entry_id: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Each sub-question's situation and the words that speak of it. The situation: the words that a third or
        more (``FACET_SITUATION_SHARE``, two at least) of its examples say and its answer states, but that the
        entry's title and own examples never use, nor the examples of many entries (``FACET_SITUATION_SPREAD``) —
        «nước ngoài» for a passport lost abroad, «tổ chức» for an organisation's account; none for a general one
        («Nộp ở cơ quan quản lý xuất nhập cảnh Công an tỉnh…»). The words that speak of it: every word of its
        examples and answer that the title and the entry's examples never use («doanh nghiệp» of an organisation).
        Cue, question and function words are left out."""
        entry = self._entry(entry_id)
        general = self._plain_words(self.title_of(entry.id)).union(
            *(self._plain_words(self.normalizer(x)) for x in entry.examples))
        common = self._common_words()
        found = {}
        for facet in entry.facets:
            counts = Counter(w for x in facet.examples for w in self._plain_words(self.normalizer(x)))
            need = max(2, math.ceil(FACET_SITUATION_SHARE * len(facet.examples)))
            answer = self._plain_words(self.normalizer(facet.answer))
            situation = frozenset(w for w, n in counts.items()
                                  if n >= need and w in answer and w not in general and w not in common)
            found[facet.id] = situation, frozenset((set(counts) | answer) - general)
        return found

    def _common_words_uncached(self) -> frozenset[str]:
        """The words that the examples (an entry's or its sub-questions') of more than ``FACET_SITUATION_SPREAD`` of
        the entries use: «khác», «mất», «năm» say no situation of their own."""
        entries = [e for e in self.kb.entries.values() if not e.smalltalk] if self.kb else []
        spread = Counter(w for e in entries for w in set().union(
            *(self.normalizer(x).split() for x in chain(e.examples, *(f.examples for f in e.facets)))))
        return frozenset(w for w, n in spread.items() if n > FACET_SITUATION_SPREAD * len(entries))

    def _plain_words(self, norm: str) -> set[str]:
        """The words of a normalised text that may name a situation: cue, question and function words, chat
        particles and numbers left out."""
        norm = self.cues.strip(norm)
        if self.cues.questions_pattern is not None:
            norm = self.cues.questions_pattern.sub(" ", norm)
        return {w for w in norm.split() if w not in FUNCTION_WORDS and w not in self.cues.particles and not w.isdigit()}

    def _facet_persons_uncached(self, entry_id: str, facet_id: str) -> frozenset[str]:
        """The kinds of person (child, foreigner...) a third or more of a sub-question's examples name."""
        facet = self._entry(entry_id).facet(facet_id)
        examples = [self.cues.without_places(self.normalizer(x)) for x in facet.examples]
        return frozenset(v for v, p in self.cues.variant_patterns.items()
                         if 3 * sum(bool(p.search(x)) for x in examples) >= len(examples))

    def closest_facet(self, entry_id: str, norm: str, among: frozenset[str] | None = None) -> str | None:
        """The sub-question of the conversation's entry that a short follow-up without cue words leans on («cả 2
        người phải có mặt à» after marriage registration): the most similar one, when it is similar enough and
        clearly ahead of the entry's other sub-questions (``among``: of these sub-questions only). Short messages
        share few n-grams with the examples, so the rule is relative rather than :meth:`facets_for`'s absolute
        thresholds."""
        ranked = self._ranked_facets(entry_id, norm, among)
        if not ranked:
            return None
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        return ranked[0][0] if ranked[0][1] >= CONTEXT_FACET_RATIO * runner_up else None

    def close_facets(self, entry_id: str, norm: str) -> list[str]:
        """The sub-questions a short follow-up leans on when :meth:`closest_facet` cannot tell them apart: the most
        similar one (similar enough) and those within ``CONTEXT_FACET_RATIO`` of it, most similar first."""
        ranked = self._ranked_facets(entry_id, norm)
        return [f for f, x in ranked if CONTEXT_FACET_RATIO * x > ranked[0][1]]

    def _ranked_facets(self, entry_id: str, norm: str, among: frozenset[str] | None = None) -> list[tuple[str, float]]:
        """The entry's sub-questions (``among``: of these only) by similarity to a short follow-up, most similar
        first; none when the most similar is below ``CONTEXT_FACET_FLOOR`` (shared by :meth:`closest_facet` and
        :meth:`close_facets`)."""
        if self.kb is None or entry_id not in self.kb.entries or not self._entry(entry_id).facets:
            return []
        ranked = sorted(((f, x) for f, x in self._similarities(entry_id, norm).items() if among is None or f in among),
                        key=lambda x: -x[1])
        return ranked if ranked and ranked[0][1] >= CONTEXT_FACET_FLOOR else []
