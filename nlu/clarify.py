"""Messages too vague to answer («cấp lại», «mất giấy rồi», «hỏi về thủ tục»): which short question to ask back.

Usage::

    clarifier = Clarifier.load(normalizer, kb)
    clarifier.ask("mat giay roi")      # -> Clarification(key="lost", choices=("dvc02_the_can_cuoc", ...)) or None

The table is ``clarify.yaml`` beside this file; the question itself is ``bot.texts.CLARIFY[key]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from nlu.normalize import YAML_LOADER, Normalizer

if TYPE_CHECKING:  # types only: the knowledge package depends on nlu, never the other way at run time
    from knowledge.loader import KnowledgeBase

CLARIFY_FILE = Path(__file__).with_name("clarify.yaml")
MAX_CHOICES = 5


@dataclass(frozen=True, slots=True)
class Clarification:
    key: str
    choices: tuple[str, ...]  # knowledge entry ids, 2 to 5


class Clarifier:
    def __init__(self, triggers: dict[str, Clarification]):
        self.triggers = triggers  # normalised whole message -> what to ask

    @classmethod
    def load(cls, normalizer: Normalizer, kb: KnowledgeBase, path: Path = CLARIFY_FILE) -> Clarifier:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        triggers: dict[str, Clarification] = {}
        for key, item in raw.items():
            choices = tuple(x for x in item.get("choices", []) if x in kb.entries)[:MAX_CHOICES]
            if len(choices) < 2:
                continue
            for trigger in item.get("triggers", []):
                triggers.setdefault(normalizer(str(trigger)), Clarification(str(key), choices))
        return cls(triggers)

    def ask(self, norm: str) -> Clarification | None:
        """What to ask back when the normalised message is one of the vague ones, else None."""
        return self.triggers.get(norm)
