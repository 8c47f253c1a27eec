"""The organisation tree: province → communes and province departments → villages / residential groups.

Usage::

    org = tree(config)                     # built once per configuration
    org.root                               # Unit("xa", "xã An Dũng", "commune") for today's one-commune config
    org.villages_under("an_dung")          # village keys of a commune, in config order
    org.contains("an_dung", "trung_ha")    # whether a unit lies in another's subtree (a unit contains itself)
    org.commune_of("trung_ha")             # "an_dung"
    org.find("Xã An Dũng"), org.find("an dung", kinds=("commune",))   # a key typed or named, else None

A province is written as ``units`` in config.yaml (see ``examples/province.yaml``); today's ``villages`` list is a
tree of one commune whose root key is ``xa`` (the word ``/moi xa`` already uses for the commune's leaders).
Village keys are unique in the whole tree, so reports, reminders and tasks keep using the village key alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from nlu.cues import WORDS
from nlu.normalize import fold

ROOT_KEY = "xa"  # the root of a one-commune configuration


@dataclass(frozen=True)
class Unit:
    key: str
    name: str
    kind: str  # province | commune | department | village
    parent: str | None


def without_prefix(name: str) -> str:
    """«Thôn Trung Thượng» -> «Trung Thượng» (also «Xóm», «Ấp», «Tổ dân phố», «Xã», «Phường»)."""
    for prefix in WORDS.unit_prefixes:
        if name.lower().startswith(f"{prefix} "):
            return name[len(prefix) + 1:]
    return name


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


class OrgTree:
    def __init__(self, units: list[Unit], one_commune: bool = False):
        self.one_commune = one_commune  # today's form: the root is the commune, stored as no unit
        self.units = {u.key: u for u in units}
        self.root = next(u for u in units if u.parent is None)
        # the communes (xã, phường, đặc khu), in config order; a dict for a fast ``in`` (asked on every message)
        self.communes: dict[str, None] = dict.fromkeys(u.key for u in units if u.kind == "commune")
        self._children: dict[str, list[str]] = {}
        for unit in units:
            if unit.parent:
                self._children.setdefault(unit.parent, []).append(unit.key)
        self._under: dict[str, list[str]] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._below: dict[str, frozenset[str]] = {}
        self._names: dict[str, list[str]] = {}
        for unit in units:
            for name in {unit.key, _folded(unit.name), _folded(without_prefix(unit.name))} - {""}:
                self._names.setdefault(name, []).append(unit.key)

    @classmethod
    def from_config(cls, config: Config) -> OrgTree:
        if config.units:
            return cls([Unit(u.key, u.name, u.kind, u.parent) for u in config.units])
        commune = Unit(ROOT_KEY, config.organisation.commune, "commune", None)
        return cls([commune, *(Unit(v.key, v.name, "village", ROOT_KEY) for v in config.villages)], one_commune=True)

    # -- questions ------------------------------------------------------------------------------------------------
    def unit(self, key: str | None) -> Unit:
        """The unit of ``key``; None (a roster row without a unit) is the root."""
        return self.units[key] if key else self.root

    def kind(self, key: str | None) -> str:
        return self.unit(key).kind

    def name(self, key: str | None) -> str:
        return self.unit(key).name if key is None or key in self.units else key

    def children(self, key: str, kinds: tuple[str, ...] | None = None) -> list[str]:
        return [k for k in self._children.get(key, []) if kinds is None or self.units[k].kind in kinds]

    def ancestors(self, key: str) -> tuple[str, ...]:
        """From the unit itself up to the root (remembered: a province's roster asks it thousands of times)."""
        chain = self._ancestors.get(key)
        if chain is None:
            parent = self.units[key].parent
            chain = self._ancestors[key] = (key, *(self.ancestors(parent) if parent else ()))
        return chain

    def contains(self, ancestor: str | None, key: str | None) -> bool:
        """Whether ``key`` is ``ancestor`` or lies below it (None is the root)."""
        ancestor = ancestor or self.root.key
        return (key or self.root.key) in self.units and ancestor in self.ancestors(key or self.root.key)

    def villages_under(self, key: str | None) -> list[str]:
        """The village keys in a unit's subtree (the unit itself if it is a village), in config order."""
        key = key or self.root.key
        if key not in self._under:
            if self.units[key].kind == "village":
                self._under[key] = [key]
            else:
                self._under[key] = [v for child in self._children.get(key, []) for v in self.villages_under(child)]
        return self._under[key]

    def place(self, key: str | None) -> tuple[str | None, str | None]:
        """(village, unit) columns of a roster row for a unit key: a village, a unit above it, or the root (None)."""
        if key is None or (key == self.root.key and self.one_commune):
            return None, None
        return (key, None) if self.units[key].kind == "village" else (None, key)

    def commune_of(self, key: str) -> str | None:
        """The commune (or department) a unit belongs to; None above that level."""
        for ancestor in self.ancestors(key):
            if self.units[ancestor].kind in ("commune", "department"):
                return ancestor
        return None

    def reporting_units(self) -> list[str]:
        """Communes and departments: the units that report upward to the province, in config order."""
        return [k for k, u in self.units.items() if u.kind in ("commune", "department")]

    def find(self, text: str, kinds: tuple[str, ...] | None = None, within: str | None = None) -> list[str]:
        """Every unit a typed key or name (with or without «Thôn», «Xã», any diacritics) may mean."""
        found = self._names.get(_folded(text), [])
        inside = None if within is None else self._subtree(within)
        return [k for k in found if (kinds is None or self.units[k].kind in kinds) and (inside is None or k in inside)]

    def _subtree(self, key: str) -> frozenset[str]:
        """The unit and everything below it (remembered)."""
        if key not in self._below:
            self._below[key] = frozenset({key}).union(*(self._subtree(c) for c in self._children.get(key, [])))
        return self._below[key]


def tree(config: Config) -> OrgTree:
    """The configuration's organisation tree, built once. Read from the model's private attributes directly:
    pydantic's lookup of ``config._org`` goes through two failed attribute lookups (~35,000 instructions), and
    every citizen message asks for the tree a few times (``handlers.commune.many``)."""
    private = config.__pydantic_private__
    if private["_org"] is None:
        private["_org"] = OrgTree.from_config(config)
    return private["_org"]
