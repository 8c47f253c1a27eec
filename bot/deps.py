"""The dependencies object handed to every handler (built once in :mod:`bot.app`; tests build their own)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.storage import Store
from knowledge.loader import KnowledgeBase
from nlu.matcher import Matcher


@dataclass
class Deps:
    config: Config
    store: Store
    kb: KnowledgeBase
    matcher: Matcher
