"""Who a leader's notice (``/thongbao``) may reach, and who it does reach: broadcasts scoped by the tree.

Usage::

    allowed = reach(scope)                          # None: every subscriber (and any communes); [key]: that commune
    people = audience(config, store, ["an_dung"])   # the subscribers of those communes (None: every subscriber)
    communes(config)                                # the tree's communes (xã, phường, đặc khu), in config order

Rules: a leader or deputy of the root (the province, or today's one commune) reaches everyone, or the communes
they choose; a commune's leaders and deputies reach their commune's subscribers only; nobody else broadcasts
(a department has no citizens of its own, a village leader no subscribers list).

A subscriber's commune is the one recorded with the subscription (``subscribers.commune``), else the citizen's
commune (``Store.citizen_commune``: the deep link ``?start=xa_<key>`` or the question asked once) when the store
keeps it. A subscriber whose commune is unknown belongs to the
deployment's only commune when the tree has one commune (today's configuration); in a tree of several communes
they are reached by a broadcast to everyone only.
"""

from __future__ import annotations

from bot.config import Config
from bot.storage import Store
from bot.team.roles import Scope
from bot.team.units import tree


def communes(config: Config) -> list[str]:
    """The communes of the tree (the root itself in today's one-commune configuration), in config order."""
    org = tree(config)
    return [k for k, u in org.units.items() if u.kind == "commune"]


def reach(scope: Scope | None) -> list[str] | None | bool:
    """Which subscribers this person may broadcast to: None (everyone, or communes they choose), the list of their
    own commune, or False (may not broadcast)."""
    if scope is None or not scope.commune_leader:
        return False
    if scope.top:
        return None
    return [scope.unit] if scope.level == "commune" else False


def subscriber_commune(store: Store, subscriber: dict) -> str | None:
    """The commune a subscriber belongs to: the one recorded with the subscription, else the citizen's commune if
    the store keeps citizens' communes (None: unknown)."""
    if subscriber.get("commune"):
        return subscriber["commune"]
    lookup = getattr(store, "citizen_commune", None)
    return lookup(subscriber["channel"], subscriber["user_id"]) if lookup else None


def audience(config: Config, store: Store, chosen: list[str] | None) -> list[dict]:
    """The subscribers a notice for ``chosen`` communes reaches (None: every subscriber)."""
    subscribers = store.subscribers()
    if chosen is None:
        return subscribers
    wanted = set(chosen)
    only = communes(config)
    only_one = only[0] if len(only) == 1 else None
    return [s for s in subscribers if (subscriber_commune(store, s) or only_one) in wanted]
