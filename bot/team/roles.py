"""Who may do what, and where: a role plus the unit of the organisation tree it applies to.

Usage::

    scope = Scope.of(person, config)  # person: a roster row with "role", "village" and "unit"
    scope.top_leader                  # leader / deputy of the root (the province, or the one commune): lock, tasks
    scope.commune_leader              # leader / deputy of a unit above the villages (province, commune, department)
    scope.leads("trung_ha")           # may see and remind that village's members and correct its report
    scope.villages(config)            # the village keys this person may see
    scope.covers("an_dung")           # whether a unit lies in this person's scope

A roster row holds ``role`` (leader, deputy, member), ``village`` (the village of village people) and ``unit`` (the
unit of leaders above the villages: a commune, a department or the province; empty with an empty village: the root
of the tree). A leader with a village is that village's «tổ trưởng thôn»; a deputy belongs to a unit above the
villages; a member to a village. A province officer sees the whole tree, or the part under their unit; a commune
leader their commune; a village leader their village. Today's one-commune configuration is a tree whose root is the
commune, so its commune leaders are top leaders, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.team.units import tree

ROLES = ("leader", "deputy", "member")


@dataclass(frozen=True)
class Scope:
    role: str  # leader | deputy | member
    level: str  # the kind of the unit: province | commune | department | village
    unit: str  # the unit's key (the root's key for a row without a unit)
    top: bool  # the unit is the root of the tree
    org: object  # the OrgTree

    @classmethod
    def of(cls, person: dict | None, config) -> Scope | None:
        """The scope of a roster row, or None for a citizen."""
        if person is None:
            return None
        org = tree(config)
        key = person.get("village") or person.get("unit") or org.root.key
        if key not in org.units:  # a unit removed from config.yaml: the person keeps no power over anything
            return cls(person["role"], "gone", key, False, org)
        return cls(person["role"], org.kind(key), key, key == org.root.key, org)

    @property
    def above_villages(self) -> bool:
        return self.level in ("province", "commune", "department")

    @property
    def commune_leader(self) -> bool:
        """A leader or deputy of a unit above the villages (sees its whole subtree)."""
        return self.above_villages and self.role in ("leader", "deputy")

    @property
    def top_leader(self) -> bool:
        """A leader or deputy of the root: every unit, locking periods, tasks, broadcasts to everyone."""
        return self.top and self.commune_leader

    @property
    def village_leader(self) -> bool:
        return self.level == "village" and self.role == "leader"

    @property
    def any_leader(self) -> bool:
        return self.commune_leader or self.village_leader

    def covers(self, key: str | None) -> bool:
        """Whether unit ``key`` (None: the root) lies in this leader's part of the tree."""
        return self.any_leader and self.org.contains(self.unit, key)

    def leads(self, village: str | None) -> bool:
        """May see and remind ``village``'s members and correct its report."""
        return village is not None and self.covers(village)

    def villages(self, config=None) -> list[str]:
        """The village keys this person may see, in config order (a member: their own village)."""
        if self.level == "gone":
            return []
        return self.org.villages_under(self.unit)

    def may_invite(self, unit: str | None, role: str) -> bool:
        """A village leader invites their village's members; a leader above the villages anyone in their part."""
        if self.commune_leader:
            return self.covers(unit)
        return self.village_leader and unit == self.unit and role == "member"


def valid(role: str, village: str | None) -> bool:
    """Whether (role, village) is a role the team has: a deputy belongs above the villages, a member to a village."""
    if role == "deputy":
        return village is None
    if role == "member":
        return village is not None
    return role == "leader"
