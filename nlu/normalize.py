"""Vietnamese text normalisation for matching.

Usage::

    normalizer = Normalizer.default()
    normalizer("Đăng ký tk ĐDĐT mđ2 ko dc???")   # -> "dang ky tai khoan dinh danh dien tu muc 2 khong duoc"

Steps: Unicode NFC, lower case, diacritics folded ("đ" folded to "d" explicitly, since it does not decompose),
digit groups joined ("1800.1096" -> "18001096"), punctuation removed, letters repeated three or more times
squeezed ("chaooo" -> "chao"), then abbreviations and teencode expanded from ``abbreviations.yaml``.

An abbreviation with two meanings («hc»: hộ chiếu or học, «mk»: mật khẩu or mình, «bh»: bảo hiểm or bao giờ) is
listed under ``_in_context`` in that file: its rules are tried in order against the words around it (already
expanded by the plain table) and the first that holds gives the meaning; when none holds the plain table applies,
or the word stays as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster start-up

ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.yaml")

_DIGIT_GROUPS = re.compile(r"(?<=\d)[ .,\-](?=\d)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
CONTEXT_KEY = "_in_context"  # the section of abbreviations.yaml holding the context rules, see ContextRule
CONTEXT_WINDOW = 3  # «near» looks this many words either side
TRAILING_FILLERS = {"nha"}  # a polite ending only at the end; anywhere else «nha» is «nhà»


class _DropMarks(dict):
    """``str.translate`` table that deletes non-spacing marks (category Mn) and keeps every other character;
    filled as characters are met, so after the first few messages each character is one dict lookup in C."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.category(chr(code)) == "Mn" else code
        return self[code]


_DROP_MARKS = _DropMarks()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (``đ`` becomes ``d``)."""
    return unicodedata.normalize("NFD", text.translate(_FOLD_TABLE).lower()).translate(_DROP_MARKS)


@lru_cache(maxsize=1024)  # the core compares one message with several word lists
def fold_words(text: str) -> str:
    """Folded text with single spaces and no trailing punctuation: how fixed words ("menu", "báo cáo") compare."""
    return " ".join(fold(text).strip(" .!?").split())


def load_abbreviations(path: Path = ABBREVIATIONS_FILE) -> dict[str, str]:
    """Read the abbreviation table; keys and values are folded so they match folded text."""
    return _table(_read(path))


def _read(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


def _table(raw: dict) -> dict[str, str]:
    return {_folded(form): _folded(expansion) for expansion, forms in raw.items() if expansion != CONTEXT_KEY
            for form in forms}


def _folded(text) -> str:
    """A form, meaning or rule phrase as the normalizer compares it: folded, words separated by one space."""
    return _NON_WORD.sub(" ", fold(str(text))).strip()


def _phrases(values) -> tuple[str, ...]:
    return tuple(_folded(v) for v in values or ())


@dataclass(frozen=True)
class ContextRule:
    """One meaning of an ambiguous abbreviation and where it holds. Every condition given must hold (``prev``: the
    words just before end with one of the phrases; ``next``: the words just after start with one; ``near``: one
    occurs within ``CONTEXT_WINDOW`` words either side; ``first``/``last``: the word opens/ends the message); any
    ``unless_*`` condition that holds vetoes the rule. ``means`` is folded; an empty one keeps the word as typed
    (for a word the plain table does not list). Meanings are whole words, never forms of the plain table."""

    means: str
    prev: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    first: bool = False
    last: bool = False
    unless_prev: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()

    @classmethod
    def from_yaml(cls, raw: dict) -> ContextRule:
        lists = ("prev", "next", "near", "unless_prev", "unless_next", "unless_near")
        unknown = set(raw) - {"means", "first", "last", *lists}
        if unknown:
            raise ValueError(f"unknown keys in a context rule: {sorted(unknown)}")
        means = raw.get("means")
        return cls(means=_folded(means) if means else "",
                   first=bool(raw.get("first")), last=bool(raw.get("last")),
                   **{key: _phrases(raw.get(key)) for key in lists})

    def holds(self, before: str, after: str, is_first: bool, is_last: bool) -> bool:
        """``before``/``after``: the (expanded) words on each side, nearest first for ``after``, last for ``before``."""
        if self.first and not is_first or self.last and not is_last:
            return False
        if self.prev and not _ends_with(before, self.prev) or self.next and not _starts_with(after, self.next):
            return False
        if self.near and not _near(before, after, self.near):
            return False
        return not (_ends_with(before, self.unless_prev) or _starts_with(after, self.unless_next)
                    or _near(before, after, self.unless_near))


def _ends_with(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text == p or text.endswith(" " + p) for p in phrases)


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text == p or text.startswith(p + " ") for p in phrases)


def _near(before: str, after: str, phrases: tuple[str, ...]) -> bool:
    if not phrases:
        return False
    left, right = before.split(), after.split()
    for p in phrases:  # a phrase counts when it starts (left: ends) within the window
        size = CONTEXT_WINDOW + p.count(" ")
        if f" {p} " in " " + " ".join(left[-size:]) + " " or f" {p} " in " " + " ".join(right[:size]) + " ":
            return True
    return False


def load_context_rules(path: Path = ABBREVIATIONS_FILE) -> dict[str, tuple[ContextRule, ...]]:
    """The ``_in_context`` section: for each ambiguous form (folded), its rules in the order written."""
    return _context_rules(_read(path))


def _context_rules(raw: dict) -> dict[str, tuple[ContextRule, ...]]:
    rules: dict[str, tuple[ContextRule, ...]] = {}
    for form, items in (raw.get(CONTEXT_KEY) or {}).items():
        key = _folded(form)
        if " " in key:
            raise ValueError(f"a context rule is for one word, not {form!r}")
        rules[key] = tuple(ContextRule.from_yaml(item) for item in items)
    return rules


class Normalizer:
    """Callable that turns a raw message into the folded, expanded form the matcher indexes."""

    def __init__(self, abbreviations: dict[str, str], context: dict[str, tuple[ContextRule, ...]] | None = None):
        self.single = {k: v for k, v in abbreviations.items() if " " not in k}
        self.context = context or {}
        multi = sorted((k for k in abbreviations if " " in k), key=len, reverse=True)
        self.multi = [(k, re.compile(rf"\b{re.escape(k)}\b"), abbreviations[k]) for k in multi]
        self._cached = lru_cache(maxsize=4096)(self._normalize)

    @classmethod
    def default(cls) -> Normalizer:
        raw = _read(ABBREVIATIONS_FILE)  # one file, read once: the plain table and the context rules
        return cls(_table(raw), _context_rules(raw))

    def __call__(self, text: str) -> str:
        return self._cached(text)

    def _in_context(self, tokens: list[str]) -> list[str]:
        """Replace each ambiguous word by the meaning its first holding rule gives; the words around it are read
        as the plain table expands them (so «lm hc» reads «lam hc»)."""
        view = [self.single.get(tok, tok) for tok in tokens]
        out = list(tokens)
        for i, tok in enumerate(tokens):
            rules = self.context.get(tok)
            if not rules:
                continue
            before, after = " ".join(w for w in view[:i] if w), " ".join(w for w in view[i + 1:] if w)
            for rule in rules:
                if rule.holds(before, after, i == 0, i == len(tokens) - 1):
                    out[i] = rule.means or tok
                    break
        return out

    def _normalize(self, text: str) -> str:
        text = fold(unicodedata.normalize("NFC", text))
        text = _DIGIT_GROUPS.sub("", text)
        text = _NON_WORD.sub(" ", text)
        tokens = text.split()
        if _REPEATS.search(text):  # only then has some token letters to squeeze
            tokens = [tok if tok in self.single or tok in self.context else _REPEATS.sub(r"\1", tok)
                      for tok in tokens]
        if self.context and any(tok in self.context for tok in tokens):
            tokens = self._in_context(tokens)
        text = " ".join(tokens)
        for phrase, pattern, expansion in self.multi:
            if phrase in text:  # the pattern can only match where the phrase occurs: skip the regex otherwise
                text = pattern.sub(expansion, text)
        words = [word for word in (self.single.get(tok, tok) for tok in text.split()) if word]
        if len(words) > 1 and words[-1] in TRAILING_FILLERS:
            words.pop()  # «giúp mình nha»; but «chủ nhà», «nhà đất» keep their «nhà»
        return " ".join(words)
