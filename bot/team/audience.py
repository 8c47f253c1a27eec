"""Who a leader's notice (``/thongbao``) may reach, and who it does reach: broadcasts scoped by the tree.

Usage::

    allowed = reach(scope)                          # None: every subscriber (and any communes); [key]: that commune
    people = audience(config, store, ["an_dung"])   # the subscribers of those communes (None: every subscriber)
    communes(config)                                # the tree's communes (xã, phường, đặc khu), in config order

Rules: a leader or deputy of the root (the province, or today's one commune) reaches everyone, or the communes
they choose; a commune's leaders and deputies reach their commune's subscribers only; nobody else broadcasts
(a department has no citizens of its own, a village leader no subscribers list).

A subscriber's commune is the citizen's commune (``Store.citizen_communes``: the deep link ``?start=xa_<key>``,
the commune's web page or Zalo OA, or the question asked once). A subscriber whose commune is unknown belongs to
the deployment's only commune when the tree has one commune (today's configuration); in a tree of several communes
they are reached by a broadcast to everyone only.
"""

from __future__ import annotations

from bot.config import Config
from bot.storage import Store
from bot.team.roles import Scope
from bot.team.units import tree


def communes(config: Config) -> list[str]:
    """The communes of the tree (the root itself in today's one-commune configuration), in config order."""
    return list(tree(config).communes)


def reach(scope: Scope | None) -> list[str] | None | bool:
    """Which subscribers this person may broadcast to: None (everyone, or communes they choose), the list of their
    own commune, or False (may not broadcast)."""
    if scope is None or not scope.commune_leader:
        return False
    if scope.top:
        return None
    return [scope.unit] if scope.level == "commune" else False


def audience(config: Config, store: Store, chosen: list[str] | None) -> list[dict]:
    """The subscribers a notice for ``chosen`` communes reaches (None: every subscriber)."""
    subscribers = store.subscribers()
    if chosen is None:
        return subscribers
    wanted = set(chosen)
    only = communes(config)
    only_one = only[0] if len(only) == 1 else None
    known = store.citizen_communes()
    return [s for s in subscribers
            if (known.get((s["channel"], s["user_id"])) or only_one) in wanted]
