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
from nlu.scope import OutOfScope, load_out_of_scope


class BuiltMatchers:
    """The matchers this process has built, so that building one again from unchanged inputs costs nothing.

    A build is kept when it left ``cache_dir`` as it found it (it loaded the model) and is reused while the
    knowledge base and the out-of-scope examples are equal and the model files in ``cache_dir`` are the same
    (names, sizes and modification times, as ``make`` judges a file); a build that trained, replaced or removed a
    model file, or had no ``cache_dir``, is not kept. A bot process builds one matcher; a process that runs several
    commands in turn (the test suite's in-process command line, ``doctor`` after ``kb build``) loads each model
    once instead of once per command (~0.8 s of CPU each)."""

    def __init__(self):
        self.known: list[tuple[KnowledgeBase, OutOfScope, tuple, Matcher]] = []

    @staticmethod
    def models(cache_dir: Path | None) -> tuple:
        paths = sorted(Path(cache_dir).glob("matcher-*.npz")) if cache_dir is not None else []
        return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths)

    def build(self, kb: KnowledgeBase, cache_dir: Path | None = None) -> Matcher:
        out_of_scope = load_out_of_scope()
        before = self.models(cache_dir)
        for known_kb, known_oos, models, matcher in self.known:
            if before and models == before and known_kb == kb and known_oos == out_of_scope:
                return matcher
        matcher = Matcher.build(kb, Normalizer.default(), out_of_scope, cache_dir=cache_dir)
        if before and self.models(cache_dir) == before:
            self.known.append((kb, out_of_scope, before, matcher))
        return matcher


BUILT_MATCHERS = BuiltMatchers()


def build_matcher(kb: KnowledgeBase, cache_dir: Path | None = None) -> Matcher:
    """The matcher of ``kb`` with its model from ``cache_dir`` (trained there when missing or stale), or the one
    this process built before from the same inputs (:class:`BuiltMatchers`)."""
    return BUILT_MATCHERS.build(kb, cache_dir)


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
