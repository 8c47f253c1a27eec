"""Fixed words have one home (issue #9): every word list the bot reads a message or a file with is in
``nlu/cues.yaml`` (section ``words``, loaded once at start-up as ``nlu.cues.WORDS``), none is written in bot/ code.

The rule is kept by reading every module under bot/ and scheduler/ (``ast``): a module-level (or class-level)
set, frozenset, tuple or list literal, or a dict literal, whose strings are all lowercase words
(«pronouns = {"em", "minh"}», a dict keyed or valued by such words, a tuple of them inside a dict; a word may keep
its diacritics, one at least is plain ASCII) is a word list, and only the names in ``NOT_LANGUAGE`` below may hold
one: identifiers of the code (unit kinds, states, field names) or what the bot writes, not words a person types.
Strings inside functions are not read: a pattern's group, a payload, a state compared in place.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from nlu.cues import CUES_FILE, WORDS, Cues, FixedWords
from nlu.normalize import fold_words

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"/?[^\W_]+(?:[ /][^\W_]+)* ?")  # «ho ten», «xa/phuong», «con », «nhé», «/huy»; lower case (below)
ASCII_WORD = re.compile(r"[a-z0-9/ ]+")

# (module, name) -> why it is no list of words for understanding: the short allow-list
NOT_LANGUAGE = {
    ("bot/config.py", "UNIT_KINDS"): "the kinds of unit in config.yaml",
    ("bot/config.py", "PARENT_KINDS"): "which kind of unit sits above which",
    ("bot/handlers/citizen.py", "OPEN_KINDS"): "sub-question kinds (knowledge/README.md)",
    ("bot/metrics.py", "OUTBOX_STATUSES"): "the outbox's states in the database",
    ("bot/team/plan_tasks.py", "REQUIRED"): "the fields a plan's table must have",
    ("bot/team/plan_tasks.py", "ROMAN"): "roman numerals of a quarter («quý II»)",
    ("bot/team/plan_tasks.py", "ORDER"): "task states, in the board's order",
    ("bot/team/roles.py", "ROLES"): "the roles stored for a team member",
    ("scheduler/outbox.py", "DIGEST_PARTS"): "the parts of a digest a leader gets",
    ("bot/team/cycles.py", "DEFAULT_NAMES"): "a cycle's name as the bot writes it («báo cáo tháng»), not read",
    ("bot/texts.py", "KIND_NAMES"): "a sub-question kind's name as the bot writes it («lệ phí»), not read",
}


def _strings(node: ast.AST) -> list[str] | None:
    """The strings of a collection literal whose every element is a string, a number or such a literal (nested);
    None for anything else (a call, a name, an f-string)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return [node.value]
        return [] if node.value is None or isinstance(node.value, int | float) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):  # -1
        return []
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        parts = [_strings(e) for e in node.elts]
    elif isinstance(node, ast.Dict):
        parts = [_strings(k) if k is not None else None for k in node.keys] + [_strings(v) for v in node.values]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"set", "frozenset",
                                                                                               "tuple", "list"}:
        parts = [_strings(a) for a in node.args] if node.args else [None]
    else:
        return None
    return None if any(p is None for p in parts) else [s for p in parts for s in p]


def word_lists(path: Path) -> dict[str, list[str]]:
    """The module- and class-level names of ``path`` bound to a literal of lowercase ASCII words, with the words."""
    found = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bodies = [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    for node in (n for body in bodies for n in body):
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Constant):
            continue  # one string is a word, not a list of them
        words = _strings(value)
        if words and all(WORD.fullmatch(w) and w == w.lower() for w in words) \
                and any(ASCII_WORD.fullmatch(w) for w in words):
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = words
    return found


def _bot_modules() -> list[Path]:
    """The bot's own code: bot/ and the scheduler that runs beside it."""
    return sorted(p for d in ("bot", "scheduler") for p in (ROOT / d).rglob("*.py"))


def test_no_module_under_bot_defines_a_word_list():
    lists = {(str(p.relative_to(ROOT)), name): words for p in _bot_modules() for name, words in word_lists(p).items()}
    strays = {key: words[:6] for key, words in lists.items() if key not in NOT_LANGUAGE}
    assert not strays, f"word lists belong in nlu/cues.yaml (section words), read as nlu.cues.WORDS: {strays}"


def test_the_allow_list_names_only_lists_that_are_there():
    there = {(str(p.relative_to(ROOT)), name) for p in _bot_modules() for name in word_lists(p)}
    assert set(NOT_LANGUAGE) <= there, set(NOT_LANGUAGE) - there


@pytest.mark.parametrize("source", [
    'PRONOUNS = {"em", "minh", "toi"}',
    'OPENERS = ("con ", "the con ")',
    'LEADS = frozenset({"so", "chon"})',
    'NUMBERS = {"mot": 1, "hai": 2}',
    'HEADERS = {"name": ("ho ten", "ten"), "phone": ("sdt",)}',
    'class Parser:\n    FILLERS = ["va", "cung"]',
    'WORDS: set[str] = {"huy", "thoi"}',
    'PARTICLES = {"a", "nhe", "nhé"}',  # one word left with its diacritics
    'ROLES = {"to truong": ("leader", None), "to pho": ("deputy", "commune")}',
    'BYE = {"exit", "thoát"}',
])
def test_the_check_finds_a_word_list_however_it_is_written(tmp_path, source):
    path = tmp_path / "module.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert word_lists(path)


@pytest.mark.parametrize("source", [
    'TITLE = "menu"',  # one word
    'NAMES = {"overdue": "Quá hạn"}',  # what the bot writes (capitals), not what it reads
    'LABELS = ("STT", "Mã")',  # column titles of a sheet it writes
    'TABLE = {Step.ASK: _typed}',  # code
    'FLOWS = ("handoff", "ticket_reply")',  # identifiers with an underscore
])
def test_the_check_leaves_other_constants_alone(tmp_path, source):
    path = tmp_path / "module.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert not word_lists(path)


def test_every_list_of_the_home_is_loaded_folded_and_not_empty():
    for field in dataclasses.fields(FixedWords):
        value = getattr(WORDS, field.name)
        assert value, field.name
        words = list(value) + [w for v in (value.values() if isinstance(value, dict) else ())
                               for w in (v if isinstance(v, tuple) else (v,)) if isinstance(w, str)]
        if not field.metadata.get("as_written"):
            assert all(w == fold_words(w) for w in words), field.name


def test_the_home_reads_any_diacritics_and_keeps_order(tmp_path):
    assert WORDS.pronouns >= {"minh", "toi", "e"} and "em" not in WORDS.kin
    assert WORDS.correction_openers[0] == "y minh la" and WORDS.commune_kinds == ("xa", "phuong", "dac khu", "thi tran")
    assert WORDS.choice_numbers["bon"] == 4 and WORDS.roles["to truong thon"] == ("leader", "village")
    assert WORDS.yes >= {"yes", "dung"} and WORDS.subscribe["huy theo doi"] is False
    assert WORDS.periods_relative["thang truoc"] == ("monthly", -1) and WORDS.rhythms["weekly"] == "tuan"
    assert WORDS.unit_prefixes[:2] == ("thôn", "xóm")  # as written: a unit's name is compared with its diacritics


def _variant(tmp_path, change) -> Path:
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    change(raw["words"])
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda w: w.pop("pronouns"), r"missing \['pronouns'\]"),
    (lambda w: w.update(pronoun=["em"]), r"unknown \['pronoun'\]"),
    (lambda w: w.update(back=["quay lại", True]), "words.back: a list of words"),  # an unquoted «yes» in YAML
    (lambda w: w.update(choice_numbers=["một"]), "words.choice_numbers: a mapping of words"),
])
def test_a_faulty_home_stops_start_up_naming_the_list(tmp_path, change, message):
    with pytest.raises(ValueError, match=message):
        FixedWords.load(_variant(tmp_path, change))


def test_a_word_added_with_diacritics_is_read_folded(tmp_path):
    words = FixedWords.load(_variant(tmp_path, lambda w: w["kin"].append("Dượng")))
    assert "duong" in words.kin and "duong" not in WORDS.kin


def test_a_misspelt_section_of_the_cues_file_stops_start_up(tmp_path):
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    raw["context_kind"] = raw.pop("context_kinds")
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown sections \['context_kind'\]"):
        Cues.load(path)
    assert Cues.load(CUES_FILE).context_kind_patterns  # the bundled file: every section known


def test_every_list_of_the_home_says_what_it_is_for():
    """Each list of ``words`` in cues.yaml has its comment on the line just above it."""
    section = CUES_FILE.read_text(encoding="utf-8").split("\nwords:\n", 1)[1].splitlines()
    names = [(i, m.group(1)) for i, line in enumerate(section) if (m := re.match(r"  ([a-z_]+|\"yes\"):", line))]
    assert {n.strip('"') for _, n in names} == {f.name for f in dataclasses.fields(FixedWords)}
    bare = [name for i, name in names if not section[i - 1].startswith("  #")]
    assert not bare, f"a list without its comment: {bare}"
