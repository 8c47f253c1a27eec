"""Which kinds of fact each entry answers directly (issue #16, «Coverage»), for ``python -m bot kb coverage``.

A procedure citizens file should answer its fee, processing time, where to file, the documents, the penalty for
not doing it (or doing it late) and who may do it, each as a sub-question (``facets``), plus the yes/no questions
people ask most (:data:`YESNO_TARGET`). An entry states on purpose that a kind does not arise with
``not_applicable`` (knowledge/README.md); such a kind is neither present nor missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.loader import COVERAGE_KINDS, KNOWLEDGE_DIR, Entry, load_knowledge
from nlu.normalize import fold

YESNO_TARGET = 3  # the three most asked yes/no questions of a topic
# The groups issue #16 names: the 25 essential services, VNeID and residence (the menu headings of their files).
DEFAULT_GROUPS = ("25 dịch vụ công thiết yếu", "Tài khoản định danh điện tử VNeID", "Cư trú và lưu trú")
# What a kind is called in the report.
KIND_LABELS = {"fee": "fee", "time": "time", "place": "place", "documents": "documents", "penalty": "penalty",
               "eligibility": "eligibility/age"}


@dataclass(frozen=True)
class Coverage:
    """One entry's coverage: the kinds it answers, the ones it says do not apply, the ones it lacks."""

    group: str
    entry_id: str
    present: tuple[str, ...]
    not_applicable: tuple[str, ...]
    missing: tuple[str, ...]
    yesno: int

    @property
    def complete(self) -> bool:
        return not self.missing and self.yesno >= YESNO_TARGET


def entry_coverage(entry: Entry) -> Coverage:
    kinds = {f.kind for f in entry.facets}
    present = tuple(k for k in COVERAGE_KINDS if k in kinds)
    stated = tuple(k for k in COVERAGE_KINDS if k in entry.not_applicable and k not in kinds)
    missing = tuple(k for k in COVERAGE_KINDS if k not in kinds and k not in entry.not_applicable)
    yesno = sum(f.kind == "yesno" for f in entry.facets)
    return Coverage(entry.group, entry.id, present, stated, missing, yesno)


def _wanted(group: str, patterns: tuple[str, ...]) -> bool:
    return any(fold(p) in fold(group) for p in patterns)


def coverage(directory: Path = KNOWLEDGE_DIR, groups: tuple[str, ...] | None = DEFAULT_GROUPS) -> list[Coverage]:
    """The coverage of every non-small-talk entry of the groups whose name contains one of ``groups`` (folded:
    «cu tru» finds «Cư trú và lưu trú»), in menu order; ``None`` means every group."""
    kb = load_knowledge(directory)
    rows = []
    for group in kb.groups:
        if groups is not None and not _wanted(group.name, groups):
            continue
        rows.extend(entry_coverage(kb.entries[i]) for i in group.entry_ids if not kb.entries[i].smalltalk)
    return rows


def render(rows: list[Coverage], *, gaps_only: bool = False) -> list[str]:
    """One line per entry (``+`` answered, ``n/a:`` stated not to apply, ``-`` missing), a total per group and
    a line of how many entries lack each kind."""
    lines: list[str] = []
    current = None
    for row in rows:
        if row.group != current:
            current = row.group
            in_group = [r for r in rows if r.group == current]
            done = sum(r.complete for r in in_group)
            lines.append(f"## {current}: {done}/{len(in_group)} complete")
        if gaps_only and row.complete:
            continue
        marks = " ".join(f"{'+' if k in row.present else 'n/a:' if k in row.not_applicable else '-'}"
                         f"{KIND_LABELS[k]}" for k in COVERAGE_KINDS)
        missing = [KIND_LABELS[k] for k in row.missing]
        if row.yesno < YESNO_TARGET:
            missing.append(f"yesno ×{YESNO_TARGET - row.yesno}")
        tail = f"  missing: {', '.join(missing)}" if missing else ""
        lines.append(f"{row.entry_id:32} {marks} yesno {row.yesno}/{YESNO_TARGET}{tail}")
    lacking = ", ".join(f"{KIND_LABELS[k]} {sum(k in r.missing for r in rows)}" for k in COVERAGE_KINDS)
    few = sum(r.yesno < YESNO_TARGET for r in rows)
    lines.append(f"{sum(r.complete for r in rows)}/{len(rows)} entries complete; entries lacking: {lacking}, "
                 f"yes/no questions (fewer than {YESNO_TARGET}) {few}")
    return lines
