"""The one place that builds everything: config -> store, knowledge base, matcher -> core.

Usage::

    core = build_core(Settings())                        # from the environment and config.yaml
    core = build_core(settings, store=Store.memory())    # tests inject their own pieces
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Config, Settings, load_config
from bot.core import Core
from bot.deps import Deps
from bot.storage import Store
from knowledge.loader import KnowledgeBase, load_knowledge
from nlu.matcher import Matcher
from nlu.normalize import Normalizer
from nlu.scope import load_out_of_scope


def build_matcher(kb: KnowledgeBase, cache_dir: Path | None = None) -> Matcher:
    return Matcher.build(kb, Normalizer.default(), load_out_of_scope(), cache_dir=cache_dir)


def build_deps(settings: Settings, *, config: Config | None = None, store: Store | None = None,
               kb: KnowledgeBase | None = None, nlu: bool = True) -> Deps:
    """``nlu=False``: without the knowledge base and the matcher (``kb`` and ``matcher`` are None), for a scheduler
    pass, which answers nobody (``tick`` starts 1.5 s sooner)."""
    config = config or load_config(settings.config_path)
    kb = (kb or load_knowledge()) if nlu else None
    return Deps(config=config, store=store or Store.open(settings.data_dir), kb=kb,
                matcher=build_matcher(kb, cache_dir=settings.data_dir) if nlu else None)


def build_core(settings: Settings, **overrides) -> Core:
    return Core(build_deps(settings, **overrides))
