"""Is the bot entitled to answer? Key terms of each entry, and the lexicon of neighbouring domains.

Usage::

    scope = Scope.build(kb, normalizer, load_out_of_scope(), Cues.default())
    scope.support("vneid_quen_mat_khau", "quen mat khau vneid")   # -> {"mat khau", "quen mat"}
    scope.domain("thu tuc ly hon don phuong")                      # -> "court"

Key terms: the word pairs of an entry's title and recurring in its example questions (its sub-questions' too)
that the out-of-scope examples do not use and that not nearly every entry uses, minus cue words (a fee, a time,
«ở đâu»: they say what is asked, not about what).
A pair of syllables is the unit because Vietnamese words are mostly two syllables: «lưu trú» is a key term, the
syllable «lưu» alone (inside «lưu ý», «lưu trữ») is not. A single token counts only when it is long and rare
(«passcode», «asm»). A question *supports* an entry when it contains one of the entry's key terms.

The out-of-domain lexicon (``out_of_scope.yaml``: ``domains.<key>.terms``) lists phrases of the neighbouring
administrative domains (divorce and courts, land, company tax, business registration, …); a hit names the domain,
so the bot can say where such questions usually go.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from nlu.cues import Cues, may_hold, phrase_pattern, phrase_union
from nlu.features import gram_set, word_ngrams
from nlu.normalize import YAML_LOADER, Normalizer, fold

if TYPE_CHECKING:  # types only: the knowledge package depends on nlu, never the other way at run time
    from knowledge.loader import KnowledgeBase

OUT_OF_SCOPE_FILE = Path(__file__).with_name("out_of_scope.yaml")
GENERIC_DOMAIN = "other"
MAX_PAIR_ENTRIES = 30  # a word pair used by more entries than this names no topic at all ...
MAX_PAIR_SHARE = 0.4  # ... or than 40 % of the entries, once the knowledge base outgrows 75 entries
# (1/3 until session 20: it sat one entry above «căn cước», used by 33 of 103 entries, and two branches that each
# added one entry saying it took the pair from every card entry once merged. 0.4 lies inside the gap between the
# card's pair (35 of 103) and the pairs that name no topic, «định danh» (45) and «công an» (50);
# tests/test_pair_limit_gap.py checks the room on both sides.)
MAX_PAIR_OUTSIDE = 1  # ... nor one that out-of-scope examples use more than once («hỗ trợ», «tài khoản»)
MAX_WORD_ENTRIES = 2  # a single token must be nearly unique to an entry ...
MIN_WORD_CHARS = 4  # ... and longer than a syllable such as «lưu» or «thi»
MIN_USES = 1  # a key term recurs in the entry's examples (or is in its title)
_STOP = {"dang ky", "thu tuc", "huong dan", "khong biet", "the nao", "lam sao",
         "giong nhau", "khac nhau", "trach nhiem", "giong", "trach"}  # comparing, duty: no topic
# Syllables that carry no topic: a pair containing one is not a key term («có khách» no, «qua đêm» yes).
FUNCTION_WORDS = set("""
a ai anh ba bac ban bay be bi bo cac cai cach chi cho co cua cung da dang de den di do duoc em gi gio ha hay hoi
hom khi khong la lam len may minh mot muon nao nay neu nguoi nha nhe nho nhu nhung no nua o oi phai qua ra rang roi
sao se sau tai the thi thoi tim toi trong va van vao vay ve voi vua xin xong
""".split()) - {"the"}  # «thẻ» folds to «the»: keep it
_TOKEN = re.compile(r"[a-z0-9]+")
# Our own product named in a question («VNeID vẫn hiển thị đã kết hôn»): never another domain's question outright.
PRODUCT = re.compile(r"(?<![a-z0-9])(?:vneid|dinh danh dien tu)(?![a-z0-9])")


def _accented(text: str) -> str:
    """Lower case, NFC, single spaces: the text with its diacritics, for the accent-sensitive domain phrases."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True)
class OutOfScope:
    """What the bot must not answer from the knowledge base: examples (text, domain) and domain phrases."""

    examples: list[tuple[str, str]]
    terms: dict[str, list[str]]
    accented: dict[str, list[str]] = field(default_factory=dict)  # phrases matched with their diacritics only

    def texts(self) -> list[str]:
        return [text for text, _ in self.examples]


def load_out_of_scope(path: Path = OUT_OF_SCOPE_FILE) -> OutOfScope:
    """Read ``out_of_scope.yaml``: generic ``examples`` and per-domain ``terms`` and ``examples``."""
    if not path.exists():
        return OutOfScope([], {})
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    examples = [(str(x), GENERIC_DOMAIN) for x in raw.get("examples") or []]
    terms: dict[str, list[str]] = {}
    accented: dict[str, list[str]] = {}
    for key, domain in (raw.get("domains") or {}).items():
        examples.extend((str(x), str(key)) for x in domain.get("examples") or [])
        terms[str(key)] = [str(x) for x in domain.get("terms") or []]
        if domain.get("accented_terms"):
            accented[str(key)] = [str(x) for x in domain["accented_terms"]]
    return OutOfScope(examples, terms, accented)


def entry_texts(kb: KnowledgeBase, entry_id: str) -> list[str]:
    entry = kb.entries[entry_id]
    return [entry.title, *entry.examples, *(x for f in entry.facets for x in f.examples)]


def pair_limit(entries: int) -> int:
    """How many entries may use a word pair that still names a topic: a fixed floor, then a share of the knowledge
    base, so that a new entry saying «căn cước» does not take the word from every card entry (see MAX_PAIR_SHARE)."""
    return max(MAX_PAIR_ENTRIES, int(entries * MAX_PAIR_SHARE))


class Scope:
    def __init__(self, key_terms: dict[str, frozenset[str]], domains: dict[str, re.Pattern], cues: Cues,
                 accented: dict[str, re.Pattern] | None = None):
        self.key_terms = key_terms
        self.domains = domains
        self.accented = accented or {}
        self.cues = cues
        self.domain_match = lru_cache(maxsize=256)(self._domain_match)  # asked more than once per message
        self._domain_phrases = phrase_union(domains.values())  # most messages name no domain: one look-up
        self._entries_of_term: dict[str, tuple[str, ...]] = {}  # key term -> the entries it is a key term of
        for entry_id, terms in key_terms.items():
            for term in terms:
                self._entries_of_term[term] = (*self._entries_of_term.get(term, ()), entry_id)

    @classmethod
    def build(cls, kb: KnowledgeBase, normalizer: Normalizer, out_of_scope: OutOfScope, cues: Cues) -> Scope:
        grams: dict[str, Counter] = {}
        titles: dict[str, set[str]] = {}
        for entry_id, entry in kb.entries.items():
            counts: Counter = Counter()
            for text in entry_texts(kb, entry_id):  # cue words out first: no «trú trực» from «tạm trú trực tuyến»
                counts.update({g for part in cues.split_variants(cues.strip(normalizer(text)))
                               for g in word_ngrams(part)})  # and no «ngoài thuê» across «người nước ngoài»
            grams[entry_id] = counts
            titles[entry_id] = set(word_ngrams(cues.strip(normalizer(entry.title))))
        spread = Counter(g for counts in grams.values() for g in counts)
        outside = Counter(g for text in out_of_scope.texts() for g in set(word_ngrams(normalizer(text))))
        limit = pair_limit(len(kb.entries))
        keys = {g for g in spread if cls._is_key(g, spread[g], outside[g], cues, limit)}  # each gram judged once
        key_terms = {}
        for entry_id, counts in grams.items():
            key_terms[entry_id] = frozenset(
                g for g, n in counts.items() if (n >= MIN_USES or g in titles[entry_id]) and g in keys)
        domains = {k: p for k, v in out_of_scope.terms.items() if (p := phrase_pattern(v))}
        accented = {k: re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(_accented(x)) for x in v)})(?!\w)")
                    for k, v in out_of_scope.accented.items() if v}
        return cls(key_terms, domains, cues, accented)

    @staticmethod
    def _is_key(gram: str, entries: int, outside: int, cues: Cues, limit: int = MAX_PAIR_ENTRIES) -> bool:
        tokens = gram.split()
        if gram in _STOP or cues.is_cue(gram) or any(t in FUNCTION_WORDS for t in tokens):
            return False
        if len(tokens) == 2:
            return entries <= limit and outside <= MAX_PAIR_OUTSIDE and not all(t.isdigit() for t in tokens)
        return entries <= MAX_WORD_ENTRIES and not outside and (len(gram) >= MIN_WORD_CHARS or gram.isdigit()
                                                                and len(gram) >= 2)

    def support(self, entry_id: str, norm: str) -> set[str]:
        """The entry's key terms found in the normalised question."""
        terms = self.key_terms.get(entry_id)
        if not terms:
            return set()
        return terms.intersection(gram_set(norm))

    @staticmethod
    def found(norm: str, terms: set[str] | frozenset[str]) -> list[tuple[int, int]]:
        """Where the key terms (words and word pairs) occur in the question: (first word, after the last), sorted."""
        tokens = norm.split()
        return sorted({(i, i + size) for size in (1, 2) for i in range(len(tokens) - size + 1)
                       if " ".join(tokens[i:i + size]) in terms})

    @classmethod
    def spans(cls, norm: str, terms: set[str] | frozenset[str]) -> int:
        """How many separate stretches of the question the key terms cover: overlapping word pairs are one thing
        named («lý lịch tư pháp» gives «lý lịch» and «lịch tư», one stretch); pairs apart are two things."""
        count, end = 0, -1
        for start, stop in cls.found(norm, terms):
            count += start >= end
            end = max(end, stop)
        return count

    @classmethod
    def covered(cls, norm: str, terms: set[str] | frozenset[str]) -> int:
        """How many words of the question the key terms cover."""
        return len({j for start, stop in cls.found(norm, terms) for j in range(start, stop)})

    def supported_entries(self, norm: str) -> set[str]:
        """Every entry with at least one key term in the question."""
        index = self._entries_of_term  # the question's grams looked up, not every entry's terms compared
        return {entry_id for gram in gram_set(norm) for entry_id in index.get(gram, ())}

    @staticmethod
    def names_product(norm: str) -> bool:
        """The normalised question names VNeID or the electronic identity: something of ours is at stake."""
        return PRODUCT.search(norm) is not None

    def domain(self, norm: str) -> str | None:
        """The neighbouring administrative domain the question's words belong to, if any (its longest phrase)."""
        return self.domain_match(norm)[0]

    def accented_domain(self, text: str) -> tuple[str | None, frozenset[str]]:
        """A domain phrase that only its diacritics tell apart from ours («thuê bao» of telecoms, not «thuế»): the
        domain and the phrase's folded words, found in the question as typed; a question typed without diacritics
        gets none (it could mean either)."""
        lowered = _accented(text)
        for key, pattern in self.accented.items():
            if found := pattern.search(lowered):
                return key, frozenset(fold(found.group(0)).split())
        return None, frozenset()

    def domain_spans(self, norm: str) -> list[tuple[int, int]]:
        """Where (character offsets: start, end) each phrase of a neighbouring domain is in the question."""
        return [found.span() for pattern in self.domains.values() for found in pattern.finditer(norm)]

    def _domain_match(self, norm: str) -> tuple[str | None, frozenset[str]]:
        """The domain and the words of the phrases that named one («sổ đỏ» -> {"so", "do"}).

        When phrases of several domains occur, the longest names the domain («chứng thực bản sao giấy khai sinh»:
        civil status, not land's «chứng thực»; ties go to the first in file order) and the words of all of them
        are given, so none of them supports an entry."""
        if not may_hold(self._domain_phrases, norm):
            return None, frozenset()
        best, words = None, set()
        for key, pattern in self.domains.items():
            for found in pattern.finditer(norm):
                words.update(found.group(0).split())
                if best is None or len(found.group(0)) > best[1]:
                    best = (key, len(found.group(0)))
        return (best[0] if best else None), frozenset(words)
