"""Words that say *what kind of fact* a message asks for, or that it leans on the conversation before it.

Usage::

    cues = Cues.default()
    cues.kinds("mat phi khong")            # -> ("fee",)        (normalised text, see nlu.normalize)
    cues.is_followup("con nguoi gia thi sao")   # -> True
    cues.variant("cho con toi")            # -> "child"

Everything here works on normalised text (folded, abbreviations expanded) and matches whole words. The phrase
lists live in ``cues.yaml`` beside this file so a curator can extend them without touching code. Terms that are
cues are never counted as a knowledge entry's own key terms (``nlu.scope``): «mất phí không» names no topic.

The same file holds every other fixed word the bot reads a message with (section ``words``): the commands typed
as words («menu», «hủy»), the roles of a roster, and the small word lists of the handlers (the speaker's pronouns,
service verbs, a choice typed in words …), read once at start-up as :data:`WORDS` (:class:`FixedWords`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import yaml

from nlu.features import bigrams
from nlu.normalize import YAML_LOADER, fold, fold_words

CUES_FILE = Path(__file__).with_name("cues.yaml")
SAME_PROCEDURE = "relative"  # «vợ tôi», «bố mẹ tôi»: the same procedure for someone else, no entry of their own
AGE = re.compile(r"(?<![a-z0-9])(?:\d+ )?tuoi(?![a-z0-9])")
# a question about an application filed («đã nộp trực tuyến tới đâu rồi») asks none of these: its «đến đâu» is no
# «where», its «trực tuyến», «nộp hộ» tell how it was filed
STATUS_DROPS = ("place", "online", "proxy")
# the sections of cues.yaml (``words`` is read by :class:`FixedWords`)
SECTIONS = frozenset({"kinds", "thresholds", "not_kinds", "homographs", "variants", "not_variants", "particles",
                      "questions", "followup", "howto", "context_kinds", "words"})


def _parsed(path: Path) -> dict:
    """``cues.yaml`` parsed once for both of its readers (:meth:`Cues.load`, :meth:`FixedWords.load`): kept per
    file, its modification time and size, so an edited file is read again. The readers only read it."""
    stat = path.stat()
    return _parsed_as_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parsed_as_of(path: Path, mtime_ns: int, size: int) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


_RUN = re.compile(r"[a-z0-9]+")
SHORTCUT_MIN_CHARS = 32  # a shorter text not normalised (a raw title) is searched as cheaply as it is checked


@lru_cache(maxsize=1024)  # one message is checked against every cue and domain pattern
def _runs(text: str) -> frozenset[str]:
    """The maximal runs of ``[a-z0-9]`` in ``text`` and each two consecutive ones («bao lau»)."""
    runs = _RUN.findall(text)
    return frozenset(runs).union(bigrams(runs))


_CLEAN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")  # a normalised text (nlu.normalize): words, single spaces
_NUMBER = re.compile(r"(?<= )[0-9]+(?= )")


@lru_cache(maxsize=1024)  # one message is checked against every cue and domain pattern
def _padded(text: str) -> tuple[str, str] | None:
    """A normalised ``text`` with a space at each end, and again with each number written ``#`` (as a phrase
    says «dưới # tuổi»); None for any other text (capitals, punctuation, double spaces)."""
    if not _CLEAN.fullmatch(text):
        return None
    padded = f" {text} "
    return padded, _NUMBER.sub("#", padded)


def _opening(phrase: str) -> str | None:
    """What a text must contain for the whole-word ``phrase`` to match in it: its first two words as two
    consecutive runs of ``[a-z0-9]`` (or its first word alone, or the run a word such as «vnpt-ca» opens with);
    None when it opens with a number or a sign."""
    words = phrase.split(" ")[:2]
    if not _RUN.fullmatch(words[0]):
        lead = _RUN.match(words[0])
        return lead.group(0) if lead and words[0][lead.end()] != "#" else None  # «#» would carry on the run
    return " ".join(words) if len(words) == 2 and _RUN.fullmatch(words[1]) else words[0]


class Phrases:
    """The folded phrases of one or more :func:`phrase_pattern` regexes, indexed by their opening words, to tell
    cheaply and exactly that a text cannot match any of them (:meth:`absent`).

    A match starts where a run of ``[a-z0-9]`` starts (the look-behind), and each word of the phrase is then a
    whole run (a space or the look-ahead follows it). So a text without the opening words of any phrase as runs
    (:func:`_opening`) cannot match; and in a normalised text (words, single spaces) a phrase matches exactly
    where `` phrase `` occurs in `` text `` (a ``#`` where the text has a whole number)."""

    __slots__ = ("forms", "openings", "by_opening", "exact", "indexed")

    def __init__(self, forms: Iterable[str]):
        self.forms = tuple(forms)
        openings = [_opening(f) for f in self.forms]
        self.by_opening: dict[str, tuple[str, ...]] = {}
        for opening, form in zip(openings, self.forms, strict=True):
            self.by_opening[opening] = (*self.by_opening.get(opening, ()), f" {form} ")
        self.openings = None if None in openings else frozenset(openings)  # None: one opens with a number or sign
        self.indexed = frozenset(o for o in openings if o is not None)  # the openings of the others (``found``)
        # «#» stands for a whole number: a phrase with it has it as a word of its own and no number written out
        self.exact = all(not any("#" in w for w in words) or all(w == "#" or "#" not in w and not w.isdigit()
                                                                  for w in words)
                         for words in (f.split(" ") for f in self.forms))

    def absent(self, text: str) -> bool:
        """Whether ``text`` certainly matches none of the phrases (False: the regex must decide)."""
        if self.openings is None:
            return False
        padded = _padded(text) if self.exact else None
        if padded is None and len(text) < SHORTCUT_MIN_CHARS:
            return False  # a short raw text (a title) is searched as cheaply as it is checked
        runs = _runs(text)
        if self.openings.isdisjoint(runs):
            return True
        if padded is None:
            return False
        plain, numbers = padded
        return not any(p in (numbers if "#" in p else plain) for o in self.openings.intersection(runs)
                       for p in self.by_opening[o])

    def found(self, text: str) -> frozenset[str] | None:
        """The phrases (padded: `` form ``) that occur in a normalised ``text``, exactly where the regex would
        match; None when that cannot be told without the regex (a text not normalised, a number written inside a
        phrase). A phrase opening with a number («# tuổi đã được») or a sign is looked for in every text."""
        if not self.exact:
            return None
        padded = _padded(text)
        if padded is None:
            return None
        plain, numbers = padded
        found = [p for o in self.indexed.intersection(_runs(text)) for p in self.by_opening[o]
                 if p in (numbers if "#" in p else plain)]
        found += [p for p in self.by_opening.get(None, ()) if p in (numbers if "#" in p else plain)]
        return frozenset(found)


class PhrasePattern:
    """A :func:`phrase_pattern` regex with an exact shortcut (:class:`Phrases`): when a text cannot match, the
    regex is not run (most messages, most patterns); otherwise the regex decides, as before."""

    __slots__ = ("regex", "phrases")

    def __init__(self, regex: re.Pattern, phrases: Phrases):
        self.regex = regex
        self.phrases = phrases

    def _cannot_match(self, text: str) -> bool:
        return self.phrases.absent(text)

    def search(self, text: str, *bounds: int) -> re.Match | None:
        return None if not bounds and self._cannot_match(text) else self.regex.search(text, *bounds)

    def finditer(self, text: str, *bounds: int):
        return iter(()) if not bounds and self._cannot_match(text) else self.regex.finditer(text, *bounds)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return text if self._cannot_match(text) else self.regex.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return [text] if self._cannot_match(text) else self.regex.split(text, maxsplit)

    def __getattr__(self, name: str):  # every other use of the regex (``pattern``, ``match``...) as it is
        if name == "regex":  # not set yet (a copy being built): no endless recursion
            raise AttributeError(name)
        return getattr(self.regex, name)


def phrase_pattern(phrases: list[str]) -> PhrasePattern | None:
    """One regex matching any of ``phrases`` (folded) as whole words; ``#`` in a phrase stands for a number."""
    forms = sorted({" ".join(fold(p).split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(re.escape(f).replace("\\#", r"\d+").replace("\\ ", " ") for f in forms)
    return PhrasePattern(re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"), Phrases(forms))


def phrase_union(patterns: Iterable[PhrasePattern]) -> Phrases | None:
    """The phrases of all these patterns, to rule them all out with one look-up (:func:`may_hold`); None when
    one of them is a plain regex."""
    patterns = list(patterns)
    if not all(isinstance(p, PhrasePattern) for p in patterns):
        return None
    return Phrases(f for p in patterns for f in p.phrases.forms)


def may_hold(phrases: Phrases | None, text: str) -> bool:
    """False when ``text`` certainly matches none of ``phrases`` (:func:`phrase_union`): then no pattern they come
    from can match it, and none need be asked."""
    return phrases is None or not phrases.absent(text)


def _groups_of_phrases(patterns: dict[str, PhrasePattern]) -> dict[str, frozenset[str]]:
    """Padded phrase (`` form ``, as :class:`Phrases` keeps it) -> the keys of the patterns holding it."""
    groups: dict[str, set[str]] = {}
    for key, pattern in patterns.items():
        for form in pattern.phrases.forms if isinstance(pattern, PhrasePattern) else ():
            groups.setdefault(f" {form} ", set()).add(key)
    return {phrase: frozenset(keys) for phrase, keys in groups.items()}


TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng (combining marks)
_TYPED_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)  # words come back in every message
def shape(word: str) -> tuple[str, str]:
    """A word as its diacritics spell it, wherever the tone mark is put («ủy» and «uỷ» alike): its letters with their
    vowel marks (and «đ»), and its tone marks."""
    marked = unicodedata.normalize("NFD", word.lower())
    return (unicodedata.normalize("NFC", "".join(c for c in marked if c not in TONE_MARKS)),
            "".join(c for c in marked if c in TONE_MARKS))


@lru_cache(maxsize=1024)  # one message is read as typed by the matcher and by the handler
def typed_words(text: str) -> tuple[tuple[str, tuple[str, str] | None], ...]:
    """The words of a message as typed, in order: each folded, with its :func:`shape` where it is written with
    diacritics (None where it is not: «ho» may mean «hồ» or «hộ»)."""
    words = _TYPED_WORD.findall(unicodedata.normalize("NFC", text).lower())
    return tuple((folded, None if folded == word else shape(word)) for word in words if (folded := _fold_word(word)))


@lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=1024)  # one message's words are aligned for its kinds and its follow-up kinds
def _aligned(norm: str, typed: tuple[tuple[str, tuple[str, str] | None], ...]) -> tuple[tuple[str, str] | None, ...]:
    """For each word of the normalised ``norm``, the shape of the typed word it comes from (None where it was typed
    without diacritics, or is not one typed word: an abbreviation expanded, digits joined)."""
    words = norm.split(" ")
    shapes: list[tuple[str, str] | None] = [None] * len(words)
    blocks = SequenceMatcher(None, [f for f, _ in typed], words, autojunk=False).get_matching_blocks()
    for start, at, size in blocks:
        shapes[at:at + size] = [shaped for _, shaped in typed[start:start + size]]
    return tuple(shapes)


# the message being read, as typed (its words with diacritics, see typed_words); set by Cues.typed
_TYPED: ContextVar[tuple[tuple[str, tuple[str, str] | None], ...] | None] = ContextVar("typed", default=None)


def _spellings(phrases: dict[str, list[str]]) -> dict[str, tuple[tuple[tuple[str, str] | None, ...], ...]]:
    """Padded folded phrase -> how the cue lists spell it, word by word: a word's :func:`shape` where it is written
    with diacritics, None where it is not (an abbreviation such as «dc», or a word without marks)."""
    spelt: dict[str, set[tuple[tuple[str, str] | None, ...]]] = {}
    for phrase in (p for listed in phrases.values() for p in listed if p.strip()):
        words = " ".join(unicodedata.normalize("NFC", phrase).lower().split()).split(" ")
        spelt.setdefault(f" {' '.join(fold(w) for w in words)} ", set()).add(
            tuple(None if fold(w) == w else shape(w) for w in words))
    return {p: tuple(forms) for p, forms in spelt.items()}


@dataclass(frozen=True)
class Cues:
    kind_patterns: dict[str, PhrasePattern]  # facet kind -> its cue words
    variant_patterns: dict[str, PhrasePattern]  # child / foreigner / elderly / ... -> words naming that person
    followup_pattern: PhrasePattern | None  # «còn … thì sao», «vậy thì», «cái đó»: leans on what came before
    all_pattern: PhrasePattern | None  # kind and follow-up cues (kept out of an entry's key terms)
    howto_pattern: PhrasePattern | None = None  # «cách…», «hướng dẫn…»: the whole how-to is wanted
    validity_pattern: PhrasePattern | None = None  # kinds.validity: «có hiệu lực bao lâu», «bao giờ hết hạn»
    not_kinds_pattern: PhrasePattern | None = None  # «mai táng phí», «ở nhà thuê»: a cue word inside a name
    not_variants_pattern: PhrasePattern | None = None  # «ở nước ngoài», «đi nước ngoài»: abroad, not a foreigner
    particles: frozenset[str] = frozenset()  # «bn», «dc», «ko», «vậy»: chat words that name no topic
    questions_pattern: PhrasePattern | None = None  # «bao nhiêu», «ra sao»: words that ask, name nothing
    context_kind_patterns: dict[str, PhrasePattern] | None = None  # more cues, for a follow-up only (context_kinds)
    threshold_pattern: PhrasePattern | None = None  # «ở bao lâu thì phải», «vắng bao lâu thì phải»: an eligibility
    # padded folded phrase of a kind (or context kind) -> its spellings with diacritics (see _spellings)
    spellings: dict[str, tuple[tuple[tuple[str, str] | None, ...], ...]] = field(default_factory=dict)
    # «hồ sơ»: words that fold like a word of a cue and are another word; padded folded -> spellings (homographs)
    homographs: dict[str, tuple[tuple[tuple[str, str] | None, ...], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # one message's kinds are asked several times (matching, the follow-up test, sub-questions): work them
        # out once per message (and per spelling of its words, see typed)
        object.__setattr__(self, "_kinds_cached", lru_cache(maxsize=256)(self._read_kinds))
        object.__setattr__(self, "_said_cached", lru_cache(maxsize=256)(self._context_said))
        object.__setattr__(self, "_content", lru_cache(maxsize=1024)(self._content_words))
        # one look-up rules out a whole group of patterns for most messages (see may_hold)
        object.__setattr__(self, "_kind_phrases", phrase_union(self.kind_patterns.values()))
        object.__setattr__(self, "_variant_phrases", phrase_union(self.variant_patterns.values()))
        object.__setattr__(self, "_context_phrases", phrase_union((self.context_kind_patterns or {}).values()))
        # padded phrase -> the kinds (the variants) whose cue words hold it: a message's kinds from the phrases
        # found in it, in one pass (see Phrases.found)
        object.__setattr__(self, "_kinds_of_phrase", _groups_of_phrases(self.kind_patterns))
        object.__setattr__(self, "_variants_of_phrase", _groups_of_phrases(self.variant_patterns))

    @classmethod
    def load(cls, path: Path = CUES_FILE) -> Cues:
        raw = _parsed(path)
        if unknown := set(raw) - SECTIONS:  # a misspelt section would be left out without a word
            raise ValueError(f"{path.name}: unknown sections {sorted(unknown)} (known: {', '.join(sorted(SECTIONS))})")
        kinds = {k: p for k, v in (raw.get("kinds") or {}).items() if (p := phrase_pattern(v))}
        spellings = _spellings({**{f"kinds.{k}": v for k, v in (raw.get("kinds") or {}).items()},
                                **{f"context_kinds.{k}": v for k, v in (raw.get("context_kinds") or {}).items()}})
        variants = {k: p for k, v in (raw.get("variants") or {}).items() if (p := phrase_pattern(v))}
        every = [x for v in (raw.get("kinds") or {}).values() for x in v] + list(raw.get("followup") or [])
        return cls(kinds, variants, phrase_pattern(list(raw.get("followup") or [])), phrase_pattern(every),
                   phrase_pattern(list(raw.get("howto") or [])), kinds.get("validity"),
                   phrase_pattern(list(raw.get("not_kinds") or [])),
                   phrase_pattern(list(raw.get("not_variants") or [])),
                   frozenset(" ".join(fold(p).split()) for p in raw.get("particles") or []),
                   phrase_pattern(list(raw.get("questions") or [])),
                   {k: p for k, v in (raw.get("context_kinds") or {}).items() if (p := phrase_pattern(v))},
                   phrase_pattern(list(raw.get("thresholds") or [])), spellings,
                   _spellings({"homographs": list(raw.get("homographs") or [])}))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Cues:
        return cls.load()

    @contextmanager
    def typed(self, text: str) -> Iterator[None]:
        """While inside, cue words are read with the diacritics of ``text``, the message as the citizen typed it:
        a cue word is not said where the message spells that word otherwise («nộp hồ sơ» holds no «nộp hộ», a
        proxy), and is where the word is typed without diacritics («nop ho so»: either could be meant)."""
        token = _TYPED.set(typed_words(text))
        try:
            yield
        finally:
            _TYPED.reset(token)

    def kinds(self, norm: str) -> tuple[str, ...]:
        """The facet kinds the normalised message asks about (fee, time, place, ...), in file order; «phạt bao
        nhiêu tiền» asks a penalty, not a fee; «có thời hạn bao lâu», «bao giờ hết hạn» ask a validity, not a
        processing time nor what to do once it ran out; «mai táng phí», «ở nhà thuê» (``not_kinds``) ask nothing;
        inside :meth:`typed`, a cue word the message spells otherwise asks nothing either."""
        return self._kinds_cached(norm, self._typed_key(norm))

    def _typed_key(self, norm: str) -> tuple | None:
        """What the cue words of ``norm`` are read against, word by word: the message as typed (see :meth:`typed`)
        when one of its words with diacritics is a word of ``norm``, else ``()`` when a homograph («ho so») is in
        it; None when nothing is to be checked."""
        typed = _TYPED.get()
        if typed:
            words = set(norm.split())
            if any(shaped is not None and folded in words for folded, shaped in typed):
                return typed
        padded = f" {norm} "
        return () if any(h in padded for h in self.homographs) else None

    @staticmethod
    def _spelt_otherwise(spellings: tuple, shapes: tuple[tuple[str, str] | None, ...], at: int) -> bool:
        """Whether a phrase found at word ``at`` of a message has a word there that the citizen typed with other
        diacritics than every one of its ``spellings`` give («hồ» where the cue «nộp hộ» says «hộ»)."""
        return all(any(word is not None and (typed := shapes[at + i]) is not None and typed != word
                       for i, word in enumerate(spelling))
                   for spelling in spellings)

    def _shadowed(self, spellings: tuple, size: int, padded: str, shapes: tuple, at: int) -> bool:
        """Whether a cue found at word ``at`` (``size`` words) shares a word with a homograph of the message («ho»
        of «ho so») that is another word than the cue's there («hồ», not «hộ»), and the homograph is not typed
        otherwise: «nộp hồ sơ», «nop ho so» hold no «nộp hộ»; «nộp hộ sổ» does."""
        for homograph, forms in self.homographs.items():
            start = padded.find(homograph)
            while start >= 0:
                first = padded.count(" ", 0, start + 1) - 1
                shared = range(max(at, first), min(at + size, first + len(homograph.split())))
                if shared and not self._spelt_otherwise(forms, shapes, first) and all(
                        any(cue[i - at] is not None and form[i - first] is not None and cue[i - at] != form[i - first]
                            for i in shared for form in forms) for cue in spellings):
                    return True
                start = padded.find(homograph, start + 1)
        return False

    def _said_where(self, phrase: str, padded: str, shapes: tuple[tuple[str, str] | None, ...]) -> bool:
        """Whether the padded ``phrase`` occurs in the padded message ``padded`` at least once as typed (not
        :meth:`_spelt_otherwise` nor :meth:`_shadowed`)."""
        size = len(phrase.split())
        spellings = self.spellings.get(phrase, ((None,) * size,))
        at = padded.find(phrase)
        while at >= 0:
            word = padded.count(" ", 0, at + 1) - 1
            if not self._spelt_otherwise(spellings, shapes, word) \
                    and not self._shadowed(spellings, size, padded, shapes, word):
                return True
            at = padded.find(phrase, at + 1)
        return False

    def _context_said(self, keys: tuple[str, ...], norm: str, typed: tuple) -> tuple[str, ...]:
        """The ``context_kinds`` among ``keys`` said in ``norm`` as typed (cached: asked of one message often)."""
        return self._said({k: self.context_kind_patterns[k] for k in keys}, norm, typed)

    def _said(self, patterns: dict[str, PhrasePattern], norm: str, typed: tuple) -> tuple[str, ...]:
        """The keys of ``patterns`` whose phrases occur in ``norm`` as typed (see :meth:`typed`), in order."""
        found = {key: [m.group(0) for m in pattern.finditer(norm)] for key, pattern in patterns.items()}
        if not any(found.values()):
            return ()
        clean = " ".join(norm.split())  # a message with its ``not_kinds`` taken out has runs of spaces
        shapes = _aligned(clean, typed)
        numbers = f" {_NUMBER.sub('#', f' {clean} ').strip()} "
        return tuple(key for key, said in found.items()
                     if any(self._said_where(f" {_NUMBER.sub('#', f' {m} ').strip()} ", numbers, shapes)
                            for m in said))

    def _kinds(self, norm: str) -> tuple[str, ...]:
        """:meth:`kinds` without its cache."""
        return self._read_kinds(norm, self._typed_key(norm))

    def _read_kinds(self, norm: str, typed: tuple | None) -> tuple[str, ...]:
        """The kinds of ``norm``; ``typed``: what its words are checked against (:meth:`_typed_key`), None for
        nothing (every cue phrase found counts)."""
        norm = self._without_not_kinds(norm)
        found = self._kind_phrases.found(norm) if self._kind_phrases is not None else None
        if typed is not None and found:
            shapes, (plain, numbers) = _aligned(norm, typed), _padded(norm)
            found = frozenset(p for p in found if self._said_where(p, numbers if "#" in p else plain, shapes))
        if found is not None:  # the kinds whose phrases occur, in file order: what searching each pattern gives
            named = {k for phrase in found for k in self._kinds_of_phrase[phrase]}
            kinds = tuple(k for k in self.kind_patterns if k in named)
        elif not may_hold(self._kind_phrases, norm):
            return ()
        elif typed is not None:
            kinds = self._said(self.kind_patterns, norm, typed)
        else:
            kinds = tuple(k for k, p in self.kind_patterns.items() if p.search(norm))
        if "penalty" in kinds:
            kinds = tuple(k for k in kinds if k != "fee")
        if "validity" in kinds:
            kinds = tuple(k for k in kinds if k not in ("time", "overdue"))
        if "status" in kinds:  # «hồ sơ đã nộp trực tuyến đến đâu rồi»: how far it got, not where or how to file
            kinds = tuple(k for k in kinds if k not in STATUS_DROPS)
        if self.threshold_pattern is not None and self.threshold_pattern.search(norm):
            # «ở bao lâu thì phải đăng ký tạm trú»: how long a stay makes it due, not how long the procedure takes
            kinds = ("eligibility", *(k for k in kinds if k not in ("time", "overdue", "eligibility")))
        return kinds

    def _without_not_kinds(self, norm: str) -> str:
        """The message without the phrases that look like cue words but ask nothing (``not_kinds``)."""
        return self.not_kinds_pattern.sub(" ", norm) if self.not_kinds_pattern is not None else norm

    def followup_kinds(self, norm: str) -> tuple[str, ...]:
        """The kinds a message asks when it comes right after a topic: :meth:`kinds`, and those its
        ``context_kinds`` cue words name («không báo thì sao»: the penalty; «trước mấy giờ»: the time)."""
        kinds = self.kinds(norm)
        if not may_hold(self._context_phrases, norm):
            return kinds
        norm = self._without_not_kinds(norm)  # «người ở tỉnh khác đến»: whence, not where to file
        patterns = {k: p for k, p in (self.context_kind_patterns or {}).items() if k not in kinds}
        if (typed := self._typed_key(norm)) is not None:
            return kinds + self._said_cached(tuple(patterns), norm, typed)
        return kinds + tuple(k for k, p in patterns.items() if p.search(norm))

    def leans_on_context(self, norm: str) -> bool:
        """:meth:`is_followup`, or a fact asked the way one asks only in a conversation (``context_kinds``)."""
        return self.is_followup(norm) or bool(self.followup_kinds(norm))

    def variant(self, norm: str) -> str | None:
        """Which kind of person the message names (``child``, ``foreigner``, ``elderly``...), if any."""
        found = self._variant_phrases.found(norm) if self._variant_phrases is not None else None
        if found is not None:  # the first variant whose phrases occur (see _kinds)
            named = {k for phrase in found for k in self._variants_of_phrase[phrase]}
            return next((k for k in self.variant_patterns if k in named), None)
        if not may_hold(self._variant_phrases, norm):
            return None
        return next((k for k, p in self.variant_patterns.items() if p.search(norm)), None)

    def without_places(self, norm: str) -> str:
        """The message without the phrases that name a place abroad rather than a person (``not_variants``)."""
        return self.not_variants_pattern.sub(" ", norm) if self.not_variants_pattern is not None else norm

    def person(self, norm: str) -> str | None:
        """The kind of person a follow-up is about: :meth:`variant` once «ở / đi nước ngoài» (abroad) is taken
        out, and none when the person named is the one who would act for you («nhờ người khác làm được không»)."""
        if "proxy" in self.kinds(norm):
            return None
        person = self.variant(self.without_places(norm))
        return None if person == SAME_PROCEDURE else person

    def is_followup(self, norm: str) -> bool:
        """Whether the message leans on the conversation: «còn … thì sao», a fact asked about «it», a variant."""
        return self.opens_followup(norm) or bool(self.kinds(norm)) or self.variant(norm) is not None

    def is_howto(self, norm: str) -> bool:
        return bool(self.howto_pattern and self.howto_pattern.search(norm))

    def is_cue(self, term: str) -> bool:
        """Whether a word or bigram belongs to a kind or follow-up cue (so it cannot name a topic)."""
        return bool(self.all_pattern and self.all_pattern.search(term))

    def is_variant_term(self, term: str) -> bool:
        """Whether a word or bigram belongs to a variant («người nước ngoài», «trẻ em»)."""
        return any(p.search(term) for p in self.variant_patterns.values())

    def opens_followup(self, norm: str) -> bool:
        """«còn … thì sao», «thế còn», «cái đó»: words that only make sense after something else."""
        return bool(self.followup_pattern and self.followup_pattern.search(norm)) or norm.startswith("con ")

    def content_words(self, norm: str) -> list[str]:
        """The words left once cue words, variants and syllables that carry no topic are taken out (worked out once
        per text: the follow-up tests ask it of one message several times)."""
        return list(self._content(norm))

    def _content_words(self, norm: str) -> tuple[str, ...]:
        from nlu.scope import FUNCTION_WORDS

        text = self._uncued(norm[4:] if norm.startswith("con ") else norm)  # «còn …» opens, it names nothing
        for pattern in (self.context_kind_patterns or {}).values() if may_hold(self._context_phrases, text) else ():
            text = pattern.sub(" ", text)  # «đóng bao nhiêu» asks, names nothing
        text = AGE.sub(" ", text)  # «con tôi 10 tuổi»: an age describes the person, it names no topic
        if self.questions_pattern is not None:
            text = self.questions_pattern.sub(" ", text)
        for pattern in self.variant_patterns.values() if may_hold(self._variant_phrases, text) else ():
            text = pattern.sub(" ", text)
        return tuple(w for w in text.split() if w not in FUNCTION_WORDS and w not in self.particles)

    def variant_words(self, norm: str) -> set[str]:
        """The words of the message that name a person («dưới 14 tuổi» -> {"duoi", "14", "tuoi"})."""
        if not may_hold(self._variant_phrases, norm):
            return set()
        return {w for p in self.variant_patterns.values() for m in p.finditer(norm) for w in m.group(0).split()}

    def split_variants(self, norm: str) -> list[str]:
        """The parts of the message around the words naming a person («người nước ngoài», «trẻ em»), those kept."""
        if not may_hold(self._variant_phrases, norm):
            return [norm] if norm.strip() else []
        parts = [norm]
        for pattern in self.variant_patterns.values():
            parts = [piece for part in parts for piece in pattern.split(part)]
        found = [m.group(0) for p in self.variant_patterns.values() for m in p.finditer(norm)]
        return [p for p in parts + found if p.strip()]

    def _uncued(self, norm: str) -> str:
        """The message without its cue words, overlapping cues included («nộp ở đâu» holds «nộp ở» and «ở đâu»:
        no «đâu» is left over to look like a topic)."""
        if self.all_pattern is None:
            return norm
        words = norm.split()
        keep = [True] * len(words)
        for i in range(len(words)):
            found = self.all_pattern.match(" ".join(words[i:]))
            if found:
                keep[i:i + len(found.group(0).split())] = [False] * len(found.group(0).split())
        return " ".join(w for w, k in zip(words, keep, strict=True) if k)

    def strip(self, norm: str) -> str:
        """The message without its cue words: what is left names the topic, if anything."""
        if self.all_pattern is None:
            return norm
        return " ".join(self.all_pattern.sub(" ", norm).split())


@dataclass(frozen=True)
class FixedWords:
    """The fixed words the handlers read a message with: section ``words`` of ``cues.yaml``, folded
    (:func:`nlu.normalize.fold_words`), one field per list, read once at start-up as :data:`WORDS`.

    Usage::

        from nlu.cues import WORDS
        word in WORDS.pronouns                  # «e», «mình», «tôi» …
        WORDS.choice_numbers.get("hai")         # -> 2

    A list whose order matters (openers tried in turn) is a tuple, every other list a frozenset; a mapping is a dict
    whose keys and words are folded (its lists become tuples). A field marked ``as_written`` is only lower-cased.
    The file must hold exactly these lists, each entry a string: a missing, unknown or mistyped list stops start-up.
    """

    generic_title: frozenset[str]
    service_verbs: frozenset[str]
    time_words: frozenset[str]
    pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    everyday_verbs: frozenset[str]
    quantifiers: frozenset[str]
    units: frozenset[str]
    acknowledgements: frozenset[str]
    correction_openers: tuple[str, ...]
    choice_particles: frozenset[str]
    choice_leads: frozenset[str]
    choice_numbers: dict[str, int]
    then_openers: frozenset[str]
    new_subject_openers: tuple[str, ...]
    kin: frozenset[str]
    countries: frozenset[str]
    channels: frozenset[str]
    handoff_cancel: frozenset[str]
    commune_kinds: tuple[str, ...]
    commune_endings: frozenset[str]
    commune_change_openers: tuple[str, ...]
    commune_change_links: tuple[str, ...]
    menu: frozenset[str]
    subscribe: dict[str, bool]
    help: frozenset[str]
    hotline: frozenset[str]
    skip: frozenset[str]
    back: frozenset[str]
    cancel: frozenset[str]
    yes: frozenset[str]
    confirm: frozenset[str]
    no_note: frozenset[str]
    roles: dict[str, tuple[str, str | None]]
    bye: frozenset[str]
    commune_change: frozenset[str]
    commune_fillers: tuple[str, ...]
    roster_headers: dict[str, tuple[str, ...]]
    plan_columns: dict[str, tuple[str, ...]]
    plan_organs: tuple[str, ...]
    plan_groups: dict[str, tuple[str, ...]]
    plan_fillers: frozenset[str]
    periods_relative: dict[str, tuple[str, int]]
    rhythms: dict[str, str]
    unit_prefixes: tuple[str, ...] = field(metadata={"as_written": True})  # lower case, diacritics kept

    @classmethod
    def load(cls, path: Path = CUES_FILE) -> FixedWords:
        raw = _parsed(path).get("words") or {}
        kinds = {f.name: f.type.split("[")[0] for f in fields(cls)}
        f_meta = {f.name: f.metadata for f in fields(cls)}
        if raw.keys() != kinds.keys():
            raise ValueError(f"{path.name}, words: unknown {sorted(raw.keys() - kinds.keys())}, "
                             f"missing {sorted(kinds.keys() - raw.keys())}")
        values = {}
        for name, kind in kinds.items():
            listed = raw[name]
            if not isinstance(listed, dict if kind == "dict" else list) \
                    or not all(isinstance(w, str) and w.strip() for w in listed):
                raise ValueError(f"{path.name}, words.{name}: a {'mapping' if kind == 'dict' else 'list'} of words")
            if f_meta[name].get("as_written"):
                values[name] = tuple(dict.fromkeys(" ".join(w.lower().split()) for w in listed))
            elif kind == "dict":
                values[name] = {fold_words(w): _folded(v) for w, v in listed.items()}
            else:
                folded = dict.fromkeys(fold_words(w) for w in listed)  # file order, each word once
                values[name] = tuple(folded) if kind == "tuple" else frozenset(folded)
        return cls(**values)


def _folded(value):
    """A value of a mapping of ``words``: a word folded, a list a tuple of its values folded, any other as it is."""
    if isinstance(value, str):
        return fold_words(value)
    return tuple(_folded(v) for v in value) if isinstance(value, list) else value


WORDS = FixedWords.load()
