"""Dated tasks: those in config.yaml and those leaders add with /giaoviec.

Usage::

    all_tasks(config, store)                  # soonest due first
    tasks_for(config, store, "trung_ha")      # the ones given to one village
"""

from __future__ import annotations

from bot.config import Config
from bot.storage import Store


def all_tasks(config: Config, store: Store) -> list[dict]:
    """Tasks from config.yaml and those added by leaders, soonest due first."""
    tasks = [{"id": t.id, "title": t.title, "product": t.product, "due": t.due.isoformat(), "villages": t.villages}
             for t in config.tasks]
    tasks += store.tasks()
    return sorted(tasks, key=lambda t: (t["due"], t["id"]))


def tasks_for(config: Config, store: Store, village: str) -> list[dict]:
    """The tasks given to ``village`` (or to every village)."""
    return [t for t in all_tasks(config, store) if not t["villages"] or village in t["villages"]]


def find_task(config: Config, store: Store, village: str, task_id: str) -> dict | None:
    return next((t for t in tasks_for(config, store, village) if t["id"] == task_id), None)
