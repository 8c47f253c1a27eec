"""The two text analyzers of the matcher, equal to scikit-learn's ``TfidfVectorizer`` analyzers we train with.

At run time the bot scores questions without importing scikit-learn (it costs ~0.7 s and ~70 MB at start-up);
``tests/test_matcher.py`` checks that these functions produce exactly what scikit-learn's analyzers produce.
"""

from __future__ import annotations

from functools import lru_cache

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 4)


def word_ngrams(text: str) -> list[str]:
    """Whitespace tokens and their bigrams (``analyzer="word", token_pattern=r"\\S+", ngram_range=(1, 2)``)."""
    tokens = text.split()
    return tokens + bigrams(tokens)


@lru_cache(maxsize=1024)  # one question's grams are compared with many entries' key terms
def gram_set(text: str) -> frozenset[str]:
    """:func:`word_ngrams` as a set, worked out once per text."""
    return frozenset(word_ngrams(text))


def bigrams(tokens: list[str]) -> list[str]:
    """Each two consecutive tokens, joined by a space («tạm», «trú», «online» -> «tạm trú», «trú online»)."""
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_wb_ngrams(text: str) -> list[str]:
    """Character 2- to 4-grams inside space-padded words (``analyzer="char_wb", ngram_range=(2, 4)``)."""
    grams: list[str] = []
    low, high = CHAR_NGRAMS
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if length <= n:  # a short word counts once, whole
                grams.append(padded)
                break
            grams.extend(padded[i:i + n] for i in range(length - n + 1))
    return grams
