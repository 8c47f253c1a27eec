"""Load and validate the curated knowledge base (one YAML file per topic group).

Usage::

    kb = load_knowledge()                  # raises KnowledgeError on the first invalid file
    kb.entries["vneid_muc1"].answer
    problems = check_knowledge()           # every fault, for ``python -m bot kb check``
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.sources import REPLACED_FILE, check_replaced_table, load_replaced, source_faults
from nlu.normalize import YAML_LOADER, Normalizer

KNOWLEDGE_DIR = Path(__file__).resolve().parent
MAX_ANSWER_CHARS = 900  # the longest answer; it must fit a phone screen
TYPICAL_ANSWER_CHARS = 600  # the median answer of the checked files stays under this
# Files still under review: the 2026-12 rules (answer length, replaced documents, articles in sources) are reported
# by `kb check --strict` only, so the branch stays green while their owner rewrites them. Empty it when they comply.
PENDING_REVIEW_FILES: frozenset[str] = frozenset()
# Placeholders an answer may contain; bot/offices.py fills each one from config.yaml.
PLACEHOLDERS = ("local_contact", "police_office", "police_name", "police_address", "police_hours", "police_phone",
                "police_map", "service_centre", "service_centre_name", "service_centre_address",
                "service_centre_hours", "service_centre_phone", "service_centre_map")
MIN_EXAMPLES = 8
LEGACY_MAX_ANSWER_CHARS = 1500  # the limit before 2026-12, still applied to PENDING_REVIEW_FILES
MAX_FACET_ANSWER_CHARS = 300
MIN_FACET_EXAMPLES = 3
# What a sub-question asks; a follow-up such as «mất phí không?» is answered by the current entry's facet of that kind.
FACET_KINDS = ("fee", "time", "place", "documents", "proxy", "overdue", "penalty", "eligibility", "online", "status",
               "yesno", "other")
# The kinds of fact `kb coverage` expects of a procedure; an entry may state on purpose that one does not apply
# (`not_applicable: {penalty: "…"}`), with the reason and the text it rests on.
COVERAGE_KINDS = ("fee", "time", "place", "documents", "penalty", "eligibility")
MIN_REASON_CHARS = 10


class KnowledgeError(Exception):
    """A knowledge file cannot be loaded; the message names the file and the entry."""


class Facet(BaseModel):
    """A sub-question of an entry: one fact (a fee, a deadline, a yes or no) answered in one to three lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal[FACET_KINDS]  # type: ignore[valid-type]
    answer: str = Field(min_length=2)
    examples: list[str]
    source: str = Field(min_length=2)
    reviewed: dt.date | None = None  # defaults to the entry's

    @field_validator("answer")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=2, max_length=80)
    answer: str = Field(min_length=2)
    examples: list[str]
    related: list[str] = []
    source: str = Field(min_length=2)
    reviewed: dt.date
    smalltalk: bool = False  # greeting, thanks, help: no source line, no feedback buttons
    facets: list[Facet] = []  # sub-questions answered directly (see knowledge/README.md)
    # kinds of fact that do not arise for this entry, each with why (e.g. «no penalty set by law» and the text)
    not_applicable: dict[Literal[COVERAGE_KINDS], str] = {}  # type: ignore[valid-type]
    group: str = ""

    def facet(self, facet_id: str) -> Facet | None:
        return next((f for f in self.facets if f.id == facet_id), None)

    @field_validator("answer", "title")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


@dataclass(frozen=True)
class Group:
    name: str
    order: int
    entry_ids: tuple[str, ...]
    help: bool = False  # `help: true`: the commune's own help (its offices), not procedures of their own


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, Entry]
    groups: tuple[Group, ...]

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class _Parsed:
    file: str
    group: str
    order: int
    entries: list[Entry]
    problems: list[Problem]
    help: bool = False


def _parse(path: Path) -> _Parsed:
    """Validate one topic file entry by entry, collecting every schema fault."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # libyaml: 10x faster start-up
    except yaml.YAMLError as exc:
        return _Parsed(path.name, "", 0, [], [Problem(path.name, "", f"not valid YAML: {exc}")])
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        return _Parsed(path.name, "", 0, [], [Problem(path.name, "", "expected a mapping with 'group' and 'entries'")])
    problems = []
    group, order = raw.get("group"), raw.get("order", 100)
    if not isinstance(group, str) or not group:
        problems.append(Problem(path.name, "", "group: missing or not text"))
    helps = raw.get("help", False)
    if not isinstance(helps, bool):
        problems.append(Problem(path.name, "", "help: true or false"))
    if unknown := set(raw) - {"group", "order", "entries", "help"}:
        problems.append(Problem(path.name, "", f"unknown keys: {', '.join(sorted(unknown))}"))
    entries = []
    for index, item in enumerate(raw["entries"], 1):
        name = item.get("id", f"entry #{index}") if isinstance(item, dict) else f"entry #{index}"
        try:
            entries.append(Entry.model_validate({**item, "group": group or ""}))
        except (ValidationError, TypeError) as exc:
            errors = exc.errors() if isinstance(exc, ValidationError) else [{"loc": (), "msg": str(exc)}]
            for err in errors:
                field = ".".join(str(p) for p in err["loc"]) or "entry"
                problems.append(Problem(path.name, str(name), f"{field}: {err['msg']}"))
    return _Parsed(path.name, group or "", int(order) if isinstance(order, int) else 100, entries, problems,
                   helps is True)


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name != REPLACED_FILE)


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Load every topic file; raise :class:`KnowledgeError` on schema errors or duplicate ids."""
    entries: dict[str, Entry] = {}
    groups = []
    for path in _files(directory):
        parsed = _parse(path)
        if parsed.problems:
            raise KnowledgeError(str(parsed.problems[0]))
        for entry in parsed.entries:
            if entry.id in entries:
                raise KnowledgeError(f"{path.name}: {entry.id}: duplicate id")
            entries[entry.id] = entry
        groups.append(Group(parsed.group, parsed.order, tuple(e.id for e in parsed.entries), parsed.help))
    if not entries:
        raise KnowledgeError(f"{directory}: no knowledge entries found")
    groups.sort(key=lambda g: (g.order, g.name))
    return KnowledgeBase(entries, tuple(groups))


def check_knowledge(directory: Path = KNOWLEDGE_DIR, normalizer: Normalizer | None = None, *,
                    today: dt.date | None = None, strict: bool = False) -> list[Problem]:
    """Every fault a curator must fix: schema, duplicate ids, dangling related ids, shared examples, lengths,
    sources citing replaced documents or no article. ``strict`` also applies the 2026-12 rules to
    :data:`PENDING_REVIEW_FILES`."""
    normalizer = normalizer or Normalizer.default()
    today = today or dt.date.today()
    replaced = load_replaced(directory)
    problems: list[Problem] = [Problem(REPLACED_FILE, "", fault) for fault in check_replaced_table(replaced)]
    located: dict[str, tuple[str, Entry]] = {}
    for path in _files(directory):
        parsed = _parse(path)
        problems.extend(parsed.problems)
        for entry in parsed.entries:
            if entry.id in located:
                problems.append(Problem(path.name, entry.id, f"duplicate id (also in {located[entry.id][0]})"))
                continue
            located[entry.id] = (path.name, entry)
    seen_examples: dict[str, list[str]] = defaultdict(list)
    lengths: list[int] = []
    for entry_id, (file, entry) in located.items():
        if len(entry.examples) < MIN_EXAMPLES:
            problems.append(Problem(file, entry_id, f"only {len(entry.examples)} examples (at least {MIN_EXAMPLES})"))
        reviewed_rules = strict or file not in PENDING_REVIEW_FILES
        if len(entry.answer) > (MAX_ANSWER_CHARS if reviewed_rules else LEGACY_MAX_ANSWER_CHARS):
            limit = MAX_ANSWER_CHARS if reviewed_rules else LEGACY_MAX_ANSWER_CHARS
            problems.append(Problem(file, entry_id, f"answer has {len(entry.answer)} characters (at most {limit})"))
        problems.extend(_check_text(file, entry_id, entry.answer))
        if reviewed_rules:
            problems.extend(Problem(file, entry_id, f"source: {fault}")
                            for fault in source_faults(entry.source, replaced, today))
            problems.extend(Problem(file, f"{entry_id}.{facet.id}", f"source: {fault}")
                            for facet in entry.facets for fault in source_faults(facet.source, replaced, today))
            problems.extend(Problem(file, f"{entry_id}.not_applicable.{kind}", f"reason: {fault}")
                            for kind, reason in entry.not_applicable.items()
                            for fault in source_faults(reason, replaced, today))
            if not entry.smalltalk:
                lengths.append(len(entry.answer))
        for rid in entry.related:
            if rid not in located:
                problems.append(Problem(file, entry_id, f"related id {rid!r} does not exist"))
            elif rid == entry_id:
                problems.append(Problem(file, entry_id, "related lists the entry itself"))
        for example in set(normalizer(x) for x in entry.examples):
            seen_examples[example].append(entry_id)
        problems.extend(_check_facets(file, entry, normalizer, seen_examples))
    for example, owners in seen_examples.items():
        owners = list(dict.fromkeys(owners))
        if len(owners) > 1:
            file = located[owners[0].split(".")[0]][0]  # an owner is an entry or «entry.sub_question»
            problems.append(Problem(file, owners[0], f"example {example!r} also in {', '.join(owners[1:])}"))
    if lengths and (median := statistics.median(lengths)) > TYPICAL_ANSWER_CHARS:
        problems.append(Problem("(all files)", "", f"the median answer has {median:.0f} characters "
                                        f"(at most {TYPICAL_ANSWER_CHARS}): shorten the longest answers"))
    return problems


def _check_text(file: str, where: str, text: str) -> list[Problem]:
    """Placeholders in an answer must be ones the bot fills (``{local_contact}``, ``{police_address}`` …)."""
    unknown = sorted(set(re.findall(r"\{([a-z_]+)\}", text)) - set(PLACEHOLDERS))
    return [Problem(file, where, f"unknown placeholder {{{name}}} (known: {', '.join(PLACEHOLDERS)})")
            for name in unknown]


def stale_entries(directory: Path = KNOWLEDGE_DIR, months: int = 6,
                  today: dt.date | None = None) -> list[tuple[str, str, dt.date]]:
    """(file, entry or entry.facet id, reviewed) of everything not reviewed for ``months`` months, oldest first."""
    today = today or dt.date.today()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    cutoff = today.replace(year=year, month=month + 1, day=min(today.day, 28))
    found = []
    for path in _files(directory):
        for entry in _parse(path).entries:
            if entry.reviewed < cutoff:
                found.append((path.name, entry.id, entry.reviewed))
            found.extend((path.name, f"{entry.id}.{f.id}", f.reviewed) for f in entry.facets
                         if f.reviewed is not None and f.reviewed < cutoff)
    return sorted(found, key=lambda row: (row[2], row[0], row[1]))


def _check_facets(file: str, entry: Entry, normalizer: Normalizer,
                  seen_examples: dict[str, list[str]]) -> list[Problem]:
    """Faults of an entry's sub-questions: repeated ids, too few examples, answers too long for a direct answer."""
    problems = []
    ids = [f.id for f in entry.facets]
    for facet in entry.facets:
        where = f"{entry.id}.{facet.id}"
        if ids.count(facet.id) > 1:
            problems.append(Problem(file, where, "duplicate sub-question id"))
        if len(facet.examples) < MIN_FACET_EXAMPLES:
            problems.append(Problem(file, where,
                                    f"only {len(facet.examples)} examples (at least {MIN_FACET_EXAMPLES})"))
        if len(facet.answer) > MAX_FACET_ANSWER_CHARS:
            problems.append(Problem(file, where, f"answer has {len(facet.answer)} characters "
                                                 f"(at most {MAX_FACET_ANSWER_CHARS} for a direct answer)"))
        if facet.answer.count("\n") > 2:
            problems.append(Problem(file, where, "a direct answer has at most three lines"))
        problems.extend(_check_text(file, where, facet.answer))
        for example in set(normalizer(x) for x in facet.examples):
            seen_examples[example].append(where)
    kinds = {f.kind for f in entry.facets}
    for kind, reason in entry.not_applicable.items():
        where = f"{entry.id}.not_applicable.{kind}"
        if kind in kinds:
            problems.append(Problem(file, where, f"says {kind} does not apply but a sub-question of kind {kind} "
                                                 "answers it: drop one"))
        if len(reason.strip()) < MIN_REASON_CHARS:
            problems.append(Problem(file, where, f"give the reason and the text it rests on "
                                                 f"(at least {MIN_REASON_CHARS} characters)"))
    return problems
