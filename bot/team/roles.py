"""Who may do what, and where: a role plus the unit it applies to.

Usage::

    scope = Scope.of(person)          # person: a roster row with "role" and "village"
    scope.commune_leader              # tổ trưởng / tổ phó of the commune: every village, lock, broadcast
    scope.leads("trung_ha")           # may see and remind that village's members and correct its report
    scope.villages(config)            # the village keys this person may see

A roster row holds ``role`` (leader, deputy, member) and ``village`` (the unit; empty for the commune). A leader
with a village is that village's «tổ trưởng thôn»; a deputy always belongs to the commune. A province level
(issue #15) would add a unit kind above the commune without changing these questions.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMUNE, VILLAGE = "commune", "village"
ROLES = ("leader", "deputy", "member")


@dataclass(frozen=True)
class Scope:
    role: str  # leader | deputy | member
    level: str  # commune | village
    unit: str | None  # the village key at the village level; None for the commune

    @classmethod
    def of(cls, person: dict | None) -> Scope | None:
        """The scope of a roster row, or None for a citizen."""
        if person is None:
            return None
        village = person.get("village") or None
        return cls(person["role"], VILLAGE if village else COMMUNE, village)

    @property
    def commune_leader(self) -> bool:
        return self.level == COMMUNE and self.role in ("leader", "deputy")

    @property
    def village_leader(self) -> bool:
        return self.level == VILLAGE and self.role == "leader"

    @property
    def any_leader(self) -> bool:
        return self.commune_leader or self.village_leader

    def leads(self, village: str | None) -> bool:
        """May see and remind ``village``'s members and correct its report."""
        return self.commune_leader or (self.village_leader and village == self.unit)

    def villages(self, config) -> list[str]:
        """The village keys this person may see, in config order."""
        return [v.key for v in config.villages if self.leads(v.key) or v.key == self.unit]


def valid(role: str, village: str | None) -> bool:
    """Whether (role, unit) is a role the team has: a deputy belongs to the commune, a member to a village."""
    if role == "deputy":
        return village is None
    if role == "member":
        return village is not None
    return role == "leader"
