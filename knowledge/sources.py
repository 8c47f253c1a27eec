"""What a knowledge entry's ``source`` cites: legal documents, articles, and documents replaced by newer ones.

Usage::

    table = load_replaced()                        # knowledge/replaced.yaml
    source_faults("Thông tư 55/2021/TT-BCA Điều 15", table, today)
    # -> ['cites Thông tư 55/2021/TT-BCA, replaced by Thông tư 116/2026/TT-BCA from 01/07/2026 ...']

Two rules, both documented in ``knowledge/README.md``:

1. *Replaced documents.* A source that cites a document listed in ``replaced.yaml`` (replaced on or before
   ``today``) must also cite its replacement, or say «hết hiệu lực» to mark a deliberate historical reference.
2. *Articles.* Each part of a source (parts are separated by «;») that cites a law (Luật, Bộ luật), a decree
   (Nghị định) or a circular (Thông tư) must name where in it: «Điều N», «Chương II», «Phụ lục», a form
   («mẫu …») or, for a fee circular, its «biểu mức thu».
   Decisions, directives, resolutions, official letters and web sites need no article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

REPLACED_FILE = "replaced.yaml"
HISTORICAL_MARKER = "hết hiệu lực"

# Words that name a kind of document, longest first; the value is the canonical kind.
_KIND_WORDS = {"bộ luật": "Luật", "luật": "Luật", "nghị định": "Nghị định", "nđ": "Nghị định",
               "thông tư": "Thông tư", "tt": "Thông tư", "quyết định": "Quyết định", "qđ": "Quyết định",
               "nghị quyết": "Nghị quyết", "nq": "Nghị quyết", "chỉ thị": "Chỉ thị", "công văn": "Công văn"}
_SUFFIX_KINDS = {"TT": "Thông tư", "NĐ": "Nghị định", "QĐ": "Quyết định", "NQ": "Nghị quyết", "CT": "Chỉ thị"}
_KIND_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _KIND_WORDS), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)
# «55/2021», «55/2021/TT-BCA», «68/2020/QH14» — not the «09/2025» of a date «13/09/2025».
_NUMBER_RE = re.compile(r"(?<![\d/])(\d{1,4})/(\d{4})(?:/([A-ZĐ]+)[-A-Za-zĐđ0-9]*)?")
_NAMED_LAW_RE = re.compile(r"\b(?:Bộ\s+)?[Ll]uật\s+(?:[A-ZĐÂÊÔƠƯÁÀẢÃẠ]|\d)")
_ARTICLE_RE = re.compile(r"\b(Điều\s+\d+|Chương\s+[IVXLC]+\b|[Pp]hụ lục|mẫu\s+\S+|[Bb]iểu mức thu)")
NEEDS_ARTICLE = {"Luật", "Nghị định", "Thông tư"}


@dataclass(frozen=True)
class Citation:
    kind: str | None  # canonical kind, None when the text does not say
    number: str       # «55/2021»


@dataclass(frozen=True)
class Replacement:
    old: str
    new: str
    since: dt.date
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def old_citation(self) -> Citation:
        return citations(self.old)[0]

    @property
    def new_citation(self) -> Citation:
        return citations(self.new)[0]


def citations(text: str) -> list[Citation]:
    """Every numbered document in ``text``, with its kind taken from its code («/TT-BCA») or the word before it."""
    found = []
    for match in _NUMBER_RE.finditer(text):
        number, suffix = f"{match.group(1)}/{match.group(2)}", match.group(3) or ""
        before = [m.group(1).lower() for m in _KIND_RE.finditer(text[max(0, match.start() - 60):match.start()])]
        word = _KIND_WORDS[before[-1]] if before else None
        if suffix.startswith("QH"):
            kind = word if word in ("Nghị quyết", "Luật") else "Luật"
        else:
            kind = _SUFFIX_KINDS.get(suffix, word)
        found.append(Citation(kind, number))
    return found


def _cites(text: str, wanted: Citation) -> bool:
    return any(c.number == wanted.number and c.kind == wanted.kind for c in citations(text))


def load_replaced(directory: Path) -> list[Replacement]:
    """The table of replaced documents in ``directory`` (empty when the file is absent)."""
    path = directory / REPLACED_FILE
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = []
    for item in raw.get("replaced", []):
        rows.append(Replacement(str(item["old"]), str(item["new"]), item["from"],
                                tuple(item.get("aliases", ())), str(item.get("note", ""))))
    return rows


def check_replaced_table(rows: list[Replacement]) -> list[str]:
    """Faults of the table itself: a row whose old or new document is not a recognisable citation."""
    faults = []
    for row in rows:
        for side in (row.old, row.new):
            found = citations(side)
            if not found or found[0].kind is None:
                faults.append(f"{side!r} is not a document number with its kind (e.g. «Thông tư 55/2021/TT-BCA»)")
        if not isinstance(row.since, dt.date):
            faults.append(f"{row.old!r}: 'from' must be a date (YYYY-MM-DD)")
    return faults


def source_faults(source: str, replaced: list[Replacement], today: dt.date) -> list[str]:
    """What is wrong with one ``source`` under the two rules in this module's docstring."""
    faults = []
    historical = HISTORICAL_MARKER in source.lower()
    for row in replaced:
        if not isinstance(row.since, dt.date) or row.since > today:
            continue
        cited = _cites(source, row.old_citation) or any(a.lower() in source.lower() for a in row.aliases)
        if cited and not historical and not _cites(source, row.new_citation):
            faults.append(f"cites {row.old}, replaced by {row.new} from {row.since:%d/%m/%Y}: cite the new text "
                          f"(or mark the old one «{HISTORICAL_MARKER}»)")
    for part in source.split(";"):
        kinds = {c.kind for c in citations(part)}
        if (kinds & NEEDS_ARTICLE or _NAMED_LAW_RE.search(part)) and not _ARTICLE_RE.search(part):
            faults.append(f"«{part.strip()}» cites a law, decree or circular without an article (Điều …)")
    return faults
