"""Load and validate the curated knowledge base (one YAML file per topic group).

Usage::

    kb = load_knowledge()                  # raises KnowledgeError on the first invalid file
    kb.entries["vneid_muc1"].answer
    problems = check_knowledge()           # every fault, for ``python -m bot kb check``
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nlu.normalize import Normalizer

KNOWLEDGE_DIR = Path(__file__).resolve().parent
MAX_ANSWER_CHARS = 1500
MIN_EXAMPLES = 8
MAX_FACET_ANSWER_CHARS = 300
MIN_FACET_EXAMPLES = 3
# What a sub-question asks; a follow-up such as «mất phí không?» is answered by the current entry's facet of that kind.
FACET_KINDS = ("fee", "time", "place", "documents", "proxy", "overdue", "penalty", "eligibility", "online", "yesno",
               "other")


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


def _parse(path: Path) -> _Parsed:
    """Validate one topic file entry by entry, collecting every schema fault."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return _Parsed(path.name, "", 0, [], [Problem(path.name, "", f"not valid YAML: {exc}")])
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        return _Parsed(path.name, "", 0, [], [Problem(path.name, "", "expected a mapping with 'group' and 'entries'")])
    problems = []
    group, order = raw.get("group"), raw.get("order", 100)
    if not isinstance(group, str) or not group:
        problems.append(Problem(path.name, "", "group: missing or not text"))
    if unknown := set(raw) - {"group", "order", "entries"}:
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
    return _Parsed(path.name, group or "", int(order) if isinstance(order, int) else 100, entries, problems)


def _files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


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
        groups.append(Group(parsed.group, parsed.order, tuple(e.id for e in parsed.entries)))
    if not entries:
        raise KnowledgeError(f"{directory}: no knowledge entries found")
    groups.sort(key=lambda g: (g.order, g.name))
    return KnowledgeBase(entries, tuple(groups))


def check_knowledge(directory: Path = KNOWLEDGE_DIR, normalizer: Normalizer | None = None) -> list[Problem]:
    """Every fault a curator must fix: schema, duplicate ids, dangling related ids, shared examples, lengths."""
    normalizer = normalizer or Normalizer.default()
    problems: list[Problem] = []
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
    for entry_id, (file, entry) in located.items():
        if len(entry.examples) < MIN_EXAMPLES:
            problems.append(Problem(file, entry_id, f"only {len(entry.examples)} examples (at least {MIN_EXAMPLES})"))
        if len(entry.answer) > MAX_ANSWER_CHARS:
            problems.append(
                Problem(file, entry_id, f"answer has {len(entry.answer)} characters (at most {MAX_ANSWER_CHARS})")
            )
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
            file = located[owners[0]][0]
            problems.append(Problem(file, owners[0], f"example {example!r} also in {', '.join(owners[1:])}"))
    return problems


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
        for example in set(normalizer(x) for x in facet.examples):
            seen_examples[example].append(where)
    return problems
