"""The answer path's caches and array shortcuts give exactly what the plain computation gives (no timing here:
speed is measured by ``benchmarks/faq_bench.py``)."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.privacy import redact
from bot.storage import Store
from nlu.features import char_wb_ngrams, word_ngrams
from nlu.matcher import WORD_WEIGHT
from nlu.normalize import Normalizer, fold

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS = ["đăng ký tạm trú online mất phí không", "làm hộ chiếu cho con bao lâu thì có", "", "a",
             "phạt bao nhiêu tiền nếu không khai báo tạm vắng", "thủ tục ly hôn đơn phương",
             "vneid " * 70,  # a word counted more than the term-frequency table holds
             "cấp lại thẻ căn cước bị mất ở đâu, lệ phí, giấy tờ gì?", "khai sinh cho bé 1800.1096"]


def _plain_query(matcher, norm: str) -> tuple[list[int], list[float]]:
    """TF-IDF of a normalised question the straightforward way: count grams, 1 + ln(tf) × idf, L2 per part."""
    model = matcher.model
    features, values = [], []
    parts = ((word_ngrams, model.word_vocabulary, model.word_idf, math.sqrt(WORD_WEIGHT), 0),
             (char_wb_ngrams, model.char_vocabulary, model.char_idf, math.sqrt(1 - WORD_WEIGHT),
              len(model.word_vocabulary)))
    for analyze, vocabulary, idf, scale, offset in parts:
        counts: dict[int, int] = {}
        for gram in analyze(norm):
            if (index := vocabulary.get(gram)) is not None:
                counts[index] = counts.get(index, 0) + 1
        part = [(1.0 + math.log(n)) * float(idf[i]) for i, n in counts.items()]
        length = math.sqrt(sum(v * v for v in part)) or 1.0
        features += [i + offset for i in counts]
        values += [v * scale / length for v in part]
    return features, values


def _questions(kb) -> list[str]:
    examples = [x for e in kb.entries.values() for f in e.facets for x in f.examples[:2]]
    return QUESTIONS + examples[::5]


def test_question_vectors_equal_the_plain_computation_bit_for_bit(kb, matcher):
    for text in _questions(kb):
        norm = matcher.normalizer(text)
        features, values = matcher._query(norm)
        plain_features, plain_values = _plain_query(matcher, norm)
        assert features.tolist() == plain_features, text
        assert values.tolist() == plain_values, text  # == on floats: the very same bits
        assert matcher._query(norm) is matcher._query(norm)  # memoised: one question is embedded once
        assert not values.flags.writeable  # shared by the callers: nobody may change it


def test_sub_question_similarities_equal_the_plain_sums(kb, matcher):
    """The matrix form of the sub-questions' examples scores exactly as a sum over the question's features."""
    checked = 0
    for entry in kb.entries.values():
        if not entry.facets:
            continue
        vectors = {f.id: [dict(zip(*(a.tolist() for a in matcher._query(matcher.normalizer(x))), strict=True))
                          for x in f.examples] for f in entry.facets}
        for text in [*QUESTIONS[:3], entry.title, *entry.facets[0].examples[:1]]:
            norm = matcher.normalizer(text)
            question = dict(zip(*(a.tolist() for a in matcher._query(norm)), strict=True))
            fast = matcher._facet_examples[entry.id].similarities(*matcher._query(norm))
            assert matcher._similarities(entry.id, norm) == fast  # and from its cache
            for facet in entry.facets:
                plain = max((sum(v * ex.get(i, 0.0) for i, v in question.items()) for ex in vectors[facet.id]),
                            default=0.0)
                assert fast.get(facet.id, 0.0) == plain, (entry.id, facet.id, text)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_repeated_question_gets_the_same_match(matcher, text):
    first = matcher.match(text)
    matcher._query.cache_clear()
    matcher._word_chars.cache_clear()
    assert matcher.match(text) == first
    assert np.array_equal(matcher.scores(text), matcher.scores(text))


def _same(a, b) -> bool:
    """Equal, with the same types and the same key order all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


START_UP_YAML = sorted([*ROOT.glob("knowledge/*.yaml"), *ROOT.glob("nlu/*.yaml"), ROOT / "config.yaml"])


@pytest.mark.parametrize("path", START_UP_YAML, ids=lambda p: p.name)
def test_libyaml_reads_every_start_up_file_as_the_python_loader_does(path):
    """The knowledge base, config and nlu tables are read with libyaml (start-up); the data must not change."""
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert _same(yaml.load(text, Loader=loader), yaml.safe_load(text))


def _plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate({ord("đ"): "d", ord("Đ"): "d"}).lower())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def test_fold_strips_exactly_the_non_spacing_marks():
    """Every character of the Basic Multilingual Plane (and some beyond) folds as the character-by-character
    filter does, also on a second pass when the translation table is filled."""
    every = "".join(chr(c) for c in [*range(0xD800), *range(0xE000, 0x10000), *range(0x1F300, 0x1F400)])
    for _ in range(2):
        assert fold(every) == _plain_fold(every)
        assert fold("Đăng KÝ tạm trú ở Hà Nội — Ðiện Biên") == _plain_fold("Đăng KÝ tạm trú ở Hà Nội — Ðiện Biên")


def test_normalizer_expands_abbreviations_as_the_plain_loop_does(kb):
    """Multi-word abbreviations are tried only where their phrase occurs: the same text as trying them all."""
    normalizer = Normalizer.default()
    every_pattern = Normalizer.default()
    every_pattern.multi = [("", pattern, expansion) for _, pattern, expansion in every_pattern.multi]  # "" in any
    texts = [*QUESTIONS, *(x for e in kb.entries.values() for x in [e.title, *e.examples])]
    texts += [f"{phrase} {phrase.upper()}" for phrase, _, _ in normalizer.multi]
    changed = 0
    for text in texts:
        assert normalizer(text) == every_pattern._normalize(text), text
        changed += normalizer(text) != " ".join(fold(text).split())
    assert changed > len(normalizer.multi)


def test_redaction_is_the_same_from_its_cache():
    texts = ["CCCD 001099012345, sđt 0912 345 678", "gọi 1900 0368", "mail a.b@gmail.com nhé", "không có số"]
    for _ in range(2):
        assert [redact(t) for t in texts] == [redact.__wrapped__(t) for t in texts]
    assert redact(texts[0]) == "CCCD [số định danh], sđt [số điện thoại]"


def test_pseudonyms_are_kept_per_store_and_stable(tmp_path):
    """The remembered pseudonym is the keyed hash of this installation: the same after the memory is dropped,
    and another installation (another secret) never gets it."""
    one, other = Store.open(tmp_path / "a"), Store.open(tmp_path / "b")
    try:
        first = one.user_key("telegram", "42")
        one._user_keys.clear()
        assert one.user_key("telegram", "42") == first
        assert other.user_key("telegram", "42") != first
        assert one.user_key("zalo", "42") != first
        reopened = Store.open(tmp_path / "a")
        assert reopened.user_key("telegram", "42") == first
        reopened.close()
    finally:
        one.close()
        other.close()


def test_kinds_and_domains_are_the_same_from_their_caches(kb, matcher):
    norms = [matcher.normalizer(t) for t in _questions(kb)] + ["thu tuc ly hon", "phat bao nhieu tien", "so do"]
    for _ in range(2):
        assert [matcher.cues.kinds(n) for n in norms] == [matcher.cues._kinds(n) for n in norms]
        assert [matcher.scope.domain_match(n) for n in norms] == [matcher.scope._domain_match(n) for n in norms]
    assert matcher.scope.domain("thu tuc ly hon") == "court"
    assert matcher.cues.kinds("phat bao nhieu tien") == ("penalty",)


def test_kb_build_byte_compiles_the_packages_a_start_imports(tmp_path):
    """What ``kb build`` does besides the model: the bot's packages get their byte code (read by every start)."""
    import importlib.util
    import shutil

    from bot.cli import _compile_bytecode

    for package in ("nlu", "knowledge"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    _compile_bytecode(tmp_path)
    for module in ("nlu/matcher.py", "nlu/normalize.py", "knowledge/loader.py"):
        assert Path(importlib.util.cache_from_source(str(tmp_path / module))).is_file(), module


def test_text_without_digits_or_at_sign_is_left_as_the_patterns_leave_it(kb):
    """redact() returns such text at once; the patterns it skips would not have changed it either."""
    from bot.privacy import _EMAIL, EMAIL, _redact_numbers

    texts = [x for e in kb.entries.values() for x in [e.title, e.answer, *e.examples]] + QUESTIONS
    plain = [t for t in texts if "@" not in t and not any(c.isdecimal() for c in t)]
    assert len(plain) > 100
    for text in plain:
        assert redact(text) == text == _redact_numbers(_EMAIL.sub(EMAIL, text))
    assert redact("gọi 0912 345 678 hoặc a@b.vn") == "gọi [số điện thoại] hoặc [email]"


def _plain_redact(text: str) -> str:
    """redact() without its shortcuts: every pattern over the whole text."""
    from bot.privacy import _EMAIL, _KEEP, _NUMBER, EMAIL, _glued, _label

    text = _EMAIL.sub(EMAIL, text)
    keeps = list(_KEEP.finditer(text))
    starts, ends = {k.start() for k in keeps}, {k.end() for k in keeps}
    parts, pos = [], 0
    for keep in keeps:
        if not _glued(text, keep, starts, ends):
            parts += [_NUMBER.sub(_label, text[pos:keep.start()]), keep.group(0)]
            pos = keep.end()
    return "".join([*parts, _NUMBER.sub(_label, text[pos:])])


def test_redaction_starts_at_the_first_digit_and_finds_what_the_whole_text_scan_finds(kb):
    """Dates, amounts and numbers all open with a digit (a number with «(» or «+» just before it): scanning from
    the first digit hides exactly what scanning the whole text hides, also around e-mail addresses."""
    texts = [x for e in kb.entries.values() for x in [e.title, e.answer, *e.examples]] + QUESTIONS
    numbered = [f"{t} {n}" for t in texts[::7] for n in ("0912 345 678", "(+84) 912.345.678", "01/12/2026",
                                                         "1.500.000 đ", "+84912345678", "50k", "59/2022/NĐ-CP")]
    numbered += ["(+84 912 345 678) gọi nhé", "+0912345678", "((+0912345678", "x(+0912 345 678", "a@b.vn 0912345678",
                 "mail 123@abc.com.vn, 001099012345", "٠٩١٢٣٤٥٦٧٨ số", "2022 - 2025 và 08:30 01/12/2026 lúc 10h30"]
    checked = 0
    for text in texts + numbered:
        assert redact.__wrapped__(text) == _plain_redact(text), text
        checked += any(c.isdecimal() for c in text)
    assert checked > 300


def test_phrase_patterns_shortcut_finds_exactly_what_their_regex_finds(kb, matcher):
    """A phrase pattern skips its regex when no word of the text begins one of its phrases: on every cue and
    domain pattern, over questions, examples, titles and the answers' raw sentences, the same matches."""
    from nlu.cues import PhrasePattern

    cues = matcher.cues
    patterns = [*cues.kind_patterns.values(), *cues.variant_patterns.values(), cues.followup_pattern,
                cues.all_pattern, cues.howto_pattern, cues.not_kinds_pattern, *matcher.scope.domains.values()]
    patterns = [p for p in patterns if p is not None]
    assert all(isinstance(p, PhrasePattern) for p in patterns)
    assert sum(p.phrases.openings is not None for p in patterns) > 10
    raw = [line for e in kb.entries.values() for line in e.answer.splitlines()[:4]]
    texts = [*QUESTIONS, *_questions(kb), *(e.title for e in kb.entries.values()), *raw]
    texts = [*texts, *(matcher.normalizer(t) for t in texts), *(" ".join(fold(t).split()) for t in raw)]
    skipped = 0
    for text in texts:  # every pattern on one text, as a message is checked: the text's runs are worked out once
        for pattern in patterns:
            found = pattern.search(text)
            plain = pattern.regex.search(text)
            assert (found and found.span()) == (plain and plain.span()), (pattern.pattern[:60], text)
            if plain is None:  # the regex matches nowhere in the text: what its finditer, sub and split give then
                spans, substituted, pieces = [], text, [text]
            else:
                spans = [m.span() for m in pattern.regex.finditer(text)]
                substituted, pieces = pattern.regex.sub(" ", text), pattern.regex.split(text)
            assert [m.span() for m in pattern.finditer(text)] == spans
            assert pattern.sub(" ", text) == substituted
            assert pattern.split(text) == pieces
            skipped += pattern._cannot_match(text)
    assert skipped > len(texts)  # the shortcut really is taken


def test_phrase_shortcut_is_exact_on_normalised_text_and_rules_out_whole_groups(kb, matcher):
    """On a normalised text (words, single spaces) the shortcut decides alone: it skips the regex exactly when
    the regex finds nothing, numbers («dưới 14 tuổi») and words with a sign («vnpt-ca») included; and a group's
    joint check (``may_hold``) is False only when no pattern of the group matches."""
    from nlu.cues import may_hold, phrase_union

    cues, scope = matcher.cues, matcher.scope
    groups = [list(cues.kind_patterns.values()), list(cues.variant_patterns.values()),
              list((cues.context_kind_patterns or {}).values()), list(scope.domains.values())]
    extra = ["cho be duoi 14 tuoi lam the can cuoc", "qua 30 ngay chua nhan duoc the thi sao", "muc 2 la gi",
             "chu ky so vnpt ca co dung duoc khong", "duoi 14a tuoi", "qua 30 ngay", "ly hon"]
    texts = [matcher.normalizer(t) for t in [*QUESTIONS, *_questions(kb), *(e.title for e in kb.entries.values())]]
    texts = [t for t in [*texts, *extra] if t]
    exact = 0
    for patterns in groups:
        joint = phrase_union(patterns)
        assert joint is not None
        for text in texts:
            hits = [p.regex.search(text) is not None for p in patterns]
            assert may_hold(joint, text) or not any(hits), text
            for pattern, hit in zip(patterns, hits, strict=True):
                if pattern.phrases.exact and pattern.phrases.openings is not None:
                    assert pattern._cannot_match(text) == (not hit), (pattern.pattern[:60], text)
                    exact += 1
    assert exact > 1000


def test_a_session_is_read_as_a_fresh_copy_with_its_stored_text(tmp_path):
    """The core compares a turn's new state with the stored text (no save when equal): the text is the state's
    own, from the buffer and from the database alike, and changing the copy read changes nothing stored."""
    from bot.storage import EMPTY_SESSION, session_text

    store = Store.open(tmp_path)
    try:
        state = {"ctx": {"topic": "tam_tru", "facet": None}, "choices": ["t:tam_tru", "m"], "asked": {"q": "tạm trú"}}
        assert store.session_and_text("web:1:1") == ({}, EMPTY_SESSION)
        for deferred in (True, False):
            store.save_session("web:1:1", state, deferred=deferred)
            read, text = store.session_and_text("web:1:1")
            assert read == state and text == session_text(read) == session_text(state)
            read["ctx"]["topic"] = "changed"
            assert store.session("web:1:1") == state
        store.flush_log(wait=True)
        assert store.session_and_text("web:1:1") == (state, session_text(state))
        assert session_text({"b": 1, "a": "ạ"}) == session_text({"a": "ạ", "b": 1}) == '{"a": "ạ", "b": 1}'
        store.save_session("web:1:1", {}, deferred=True)
        store.flush_log(wait=True)
        assert store.session_and_text("web:1:1") == ({}, EMPTY_SESSION)
    finally:
        store.close()
