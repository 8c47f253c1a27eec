"""Export our training data to Rasa 3's ``nlu.yml`` format (Rasa itself does not install on Python ≥ 3.11).

Usage::

    text = to_rasa_nlu(load_knowledge(), load_out_of_scope())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from nlu.matcher import is_out_of_scope, training_examples
from nlu.scope import OutOfScope

if TYPE_CHECKING:  # types only: the knowledge package depends on nlu, never the other way at run time
    from knowledge.loader import KnowledgeBase

RASA_OUT_OF_SCOPE = "out_of_scope"


class _Literal(str):
    """A string dumped as a YAML block literal (Rasa's ``examples: |`` style)."""


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _literal)


def to_rasa_nlu(kb: KnowledgeBase, out_of_scope: OutOfScope | list[str]) -> str:
    """Rasa NLU YAML: an intent per knowledge entry, one per sub-question (``entry.facet``), and ``out_of_scope``."""
    by_intent: dict[str, list[str]] = {}
    facets = [(f"{e.id}.{f.id}", x) for e in kb.entries.values() for f in e.facets for x in f.examples]
    facet_texts = {(intent.partition(".")[0], text) for intent, text in facets}
    for intent, text in [(RASA_OUT_OF_SCOPE if is_out_of_scope(x.label) else x.label, x.text)
                         for x in training_examples(kb, out_of_scope)
                         if (x.label, x.text) not in facet_texts] + facets:
        texts = by_intent.setdefault(intent, [])
        clean = " ".join(text.split())
        if clean not in texts:
            texts.append(clean)
    nlu = [{"intent": intent, "examples": _Literal("".join(f"- {t}\n" for t in texts))}
           for intent, texts in by_intent.items()]
    return yaml.dump({"version": "3.1", "nlu": nlu}, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
