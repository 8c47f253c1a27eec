"""Speed shortcuts of the perf9 pass give exactly what the plain computation gives (no timing here: speed is
measured by ``benchmarks/faq_bench.py``; ``benchmarks/answers_fingerprint.py --full`` diffs every answer)."""

from __future__ import annotations

from bot.handlers.citizen import _after_correction
from nlu.cues import STATUS_DROPS, WORDS
from nlu.matcher import Matcher

OWN = ["giấy tạm trú mất tiền không vậy", "cho bé dưới 6 tuổi làm căn cước được không", "người nước ngoài ở nhà mình",
       "khi nào hết hạn thẻ", "phạt bao nhiêu nếu quên khai báo", "làm ở đâu, mấy ngày có", "ông bà già rồi thì sao",
       "", "a", "15 ngày", "hộ chiếu cho con dưới 14 tuổi nộp ở đâu"]


def _texts(kb, normalizer) -> list[str]:
    raw = [*OWN, *(e.title for e in kb.entries.values()),
           *(x for e in kb.entries.values() for x in e.examples[:3]),
           *(x for e in kb.entries.values() for f in e.facets for x in f.examples[:2])]
    return [normalizer(t) for t in raw]


def test_kinds_and_person_from_the_phrases_found_equal_searching_each_pattern(kb, matcher):
    cues = matcher.cues
    texts = _texts(kb, matcher.normalizer)
    found = 0
    for norm in texts:
        plain = cues._without_not_kinds(norm)
        kinds = tuple(k for k, p in cues.kind_patterns.items() if p.regex.search(plain))
        if "penalty" in kinds:
            kinds = tuple(k for k in kinds if k != "fee")
        if "validity" in kinds:
            kinds = tuple(k for k in kinds if k not in ("time", "overdue"))
        if "status" in kinds:
            kinds = tuple(k for k in kinds if k not in STATUS_DROPS)
        if cues.threshold_pattern is not None and cues.threshold_pattern.regex.search(plain):
            kinds = ("eligibility", *(k for k in kinds if k not in ("time", "overdue", "eligibility")))
        assert cues._read_kinds(norm, None) == kinds, norm  # every phrase found counts (no homograph read)
        variant = next((k for k, p in cues.variant_patterns.items() if p.regex.search(norm)), None)
        assert cues.variant(norm) == variant, norm
        found += bool(kinds) + (variant is not None)
    assert found > 200  # the phrases really are found


def test_the_phrases_found_are_where_the_regex_matches(kb, matcher):
    cues = matcher.cues
    for norm in _texts(kb, matcher.normalizer):
        found = cues._kind_phrases.found(norm)
        assert found is not None or not norm
        if found is None:
            continue
        for kind, pattern in cues.kind_patterns.items():
            hit = pattern.regex.search(norm) is not None
            assert hit == any(kind in cues._kinds_of_phrase[p] for p in found), (kind, norm)
    assert cues._kind_phrases.found("Mất Phí?") is None  # not normalised: the regex decides


def test_a_match_is_kept_and_equals_a_fresh_one(kb, matcher):
    for text in OWN[:6]:
        first = matcher.match(text)
        assert matcher.match(text) is first  # kept
        assert matcher._match_uncached(text, 0.35, None) == first
        within = [first.best] if first.best else None
        if within:
            assert matcher.match(text, 0.35, within) == matcher._match_uncached(text, 0.35, tuple(within))
    assert isinstance(matcher, Matcher)


def _plain_after_correction(text: str) -> str | None:
    """``_after_correction`` as it was: every word folded, every opener compared."""
    from nlu.normalize import fold_words

    words = text.split()
    folded = [(i, f) for i, w in enumerate(words) for f in fold_words(w).replace(",", " ").split()]
    for opener in WORDS.correction_openers:
        size = len(opener.split())
        if [f for _, f in folded[:size]] == opener.split() and len(folded) > size:
            return " ".join(words[folded[size - 1][0] + 1:]).lstrip(" ,.:;-") or None
    return None


def test_a_correction_is_found_from_its_opening_words_only(kb):
    texts = [*OWN, "Ý mình là, làm cho bé nhà mình", "à nhầm: cấp lại thẻ", ", . ý là đổi thẻ", "ý , mình là thẻ",
             "Mình hỏi nhầm", "mình hỏi nhầm rồi ạ, ý là hộ chiếu", "xin lỗi nhầm", "gõ  nhầm . tạm vắng"]
    texts += [f"{o} cho con 8 tuổi" for o in WORDS.correction_openers] + list(WORDS.correction_openers)
    texts += [x for e in kb.entries.values() for x in e.examples[:2]]
    hits = 0
    for text in texts:
        assert _after_correction(text) == _plain_after_correction(text), text
        hits += _after_correction(text) is not None
    assert hits > len(WORDS.correction_openers)


def test_the_entries_a_question_names_are_found_through_the_index_of_key_terms(kb, matcher):
    from nlu.features import gram_set

    scope = matcher.scope
    found = 0
    for norm in _texts(kb, matcher.normalizer):
        plain = {e for e, terms in scope.key_terms.items() if not terms.isdisjoint(gram_set(norm))}
        assert scope.supported_entries(norm) == plain, norm
        found += len(plain)
    assert found > 500


def test_the_titles_table_holds_every_entry_normalised_once_at_start_up(kb, matcher, monkeypatch):
    expected = {x: matcher.normalizer(e.title) for x, e in kb.entries.items()}
    calls = []
    normalise = matcher.normalizer
    monkeypatch.setattr(matcher, "normalizer", lambda text: calls.append(text) or normalise(text))
    assert {x: matcher.title_of(x) for x in kb.entries} == expected
    assert calls == []  # read from the table, not normalised again
