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

from nlu.normalize import YAML_LOADER, Normalizer, fold

if TYPE_CHECKING:  # types only: the knowledge package depends on nlu, never the other way at run time
    from knowledge.loader import KnowledgeBase

CLARIFY_FILE = Path(__file__).with_name("clarify.yaml")
MAX_CHOICES = 5


@dataclass(frozen=True, slots=True)
class Clarification:
    key: str
    choices: tuple[str, ...]  # knowledge entry ids, 2 to 5


class Clarifier:
    def __init__(self, triggers: dict[str, Clarification], leading: tuple[str, ...] = (),
                 trailing: tuple[str, ...] = ()):
        self.triggers = triggers  # normalised whole message -> what to ask
        self.leading = leading  # normalised filler words taken off the start («em muốn hỏi về …»)
        self.trailing = trailing  # ... and off the end («… rồi», «… phải làm sao»)

    @classmethod
    def load(cls, normalizer: Normalizer, kb: KnowledgeBase, path: Path = CLARIFY_FILE) -> Clarifier:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        triggers: dict[str, Clarification] = {}
        fillers = raw.pop("fillers", None) or {}
        for key, item in raw.items():
            choices = tuple(x for x in item.get("choices", []) if x in kb.entries)[:MAX_CHOICES]
            if len(choices) < 2:
                continue
            for trigger in item.get("triggers", []):
                triggers.setdefault(normalizer(str(trigger)), Clarification(str(key), choices))
        def forms(key: str) -> tuple[str, ...]:
            return tuple(sorted({" ".join(fold(str(x)).split()) for x in fillers.get(key) or ()}, key=len,
                                reverse=True))

        return cls(triggers, forms("leading"), forms("trailing"))

    def ask(self, norm: str, loose: bool = True) -> Clarification | None:
        """What to ask back when the normalised message is one of the vague ones, once filler words are taken off
        its start and end («em muốn hỏi về cấp lại» is «cấp lại»; not when ``loose`` is false: «cần giấy tờ gì»
        asks a fact, it is no «giấy tờ»), else None."""
        text = norm
        while text:
            if not loose:
                return self.triggers.get(text)
            if text in self.triggers:
                return self.triggers[text]
            shorter = next((text[len(f) + 1:] for f in self.leading if text.startswith(f + " ")), None) \
                or next((text[:-len(f) - 1] for f in self.trailing if text.endswith(" " + f)), None)
            if shorter is None:
                return None
            text = shorter
        return None
