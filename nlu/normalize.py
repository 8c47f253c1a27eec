"""Vietnamese text normalisation for matching.

Usage::

    normalizer = Normalizer.default()
    normalizer("Đăng ký tk ĐDĐT mđ2 ko dc???")   # -> "dang ky tai khoan dinh danh dien tu muc 2 khong duoc"

Steps: Unicode NFC, lower case, diacritics folded ("đ" folded to "d" explicitly, since it does not decompose),
digit groups joined ("1800.1096" -> "18001096"), punctuation removed, letters repeated three or more times
squeezed ("chaooo" -> "chao"), then abbreviations and teencode expanded from ``abbreviations.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster start-up

ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.yaml")

_DIGIT_GROUPS = re.compile(r"(?<=\d)[ .,\-](?=\d)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
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
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    table: dict[str, str] = {}
    for expansion, forms in raw.items():
        for form in forms:
            table[_NON_WORD.sub(" ", fold(str(form))).strip()] = _NON_WORD.sub(" ", fold(expansion)).strip()
    return table


class Normalizer:
    """Callable that turns a raw message into the folded, expanded form the matcher indexes."""

    def __init__(self, abbreviations: dict[str, str]):
        self.single = {k: v for k, v in abbreviations.items() if " " not in k}
        multi = sorted((k for k in abbreviations if " " in k), key=len, reverse=True)
        self.multi = [(k, re.compile(rf"\b{re.escape(k)}\b"), abbreviations[k]) for k in multi]
        self._cached = lru_cache(maxsize=4096)(self._normalize)

    @classmethod
    def default(cls) -> Normalizer:
        return cls(load_abbreviations())

    def __call__(self, text: str) -> str:
        return self._cached(text)

    def _normalize(self, text: str) -> str:
        text = fold(unicodedata.normalize("NFC", text))
        text = _DIGIT_GROUPS.sub("", text)
        text = _NON_WORD.sub(" ", text)
        tokens = text.split()
        if _REPEATS.search(text):  # only then has some token letters to squeeze
            tokens = [tok if tok in self.single else _REPEATS.sub(r"\1", tok) for tok in tokens]
        text = " ".join(tokens)
        for phrase, pattern, expansion in self.multi:
            if phrase in text:  # the pattern can only match where the phrase occurs: skip the regex otherwise
                text = pattern.sub(expansion, text)
        words = [word for word in (self.single.get(tok, tok) for tok in text.split()) if word]
        if len(words) > 1 and words[-1] in TRAILING_FILLERS:
            words.pop()  # «giúp mình nha»; but «chủ nhà», «nhà đất» keep their «nhà»
        return " ".join(words)
