"""Words that say *what kind of fact* a message asks for, or that it leans on the conversation before it.

Usage::

    cues = Cues.default()
    cues.kinds("mat phi khong")            # -> ("fee",)        (normalised text, see nlu.normalize)
    cues.is_followup("con nguoi gia thi sao")   # -> True
    cues.variant("cho con toi")            # -> "child"

Everything here works on normalised text (folded, abbreviations expanded) and matches whole words. The phrase
lists live in ``cues.yaml`` beside this file so a curator can extend them without touching code. Terms that are
cues are never counted as a knowledge entry's own key terms (``nlu.scope``): «mất phí không» names no topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from nlu.normalize import YAML_LOADER, fold

CUES_FILE = Path(__file__).with_name("cues.yaml")
SAME_PROCEDURE = "relative"  # «vợ tôi», «bố mẹ tôi»: the same procedure for someone else, no entry of their own
AGE = re.compile(r"(?<![a-z0-9])(?:\d+ )?tuoi(?![a-z0-9])")


def phrase_pattern(phrases: list[str]) -> re.Pattern | None:
    """One regex matching any of ``phrases`` (folded) as whole words; ``#`` in a phrase stands for a number."""
    forms = sorted({" ".join(fold(p).split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(re.escape(f).replace("\\#", r"\d+").replace("\\ ", " ") for f in forms)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


@dataclass(frozen=True)
class Cues:
    kind_patterns: dict[str, re.Pattern]  # facet kind -> its cue words
    variant_patterns: dict[str, re.Pattern]  # child / foreigner / elderly / ... -> words naming that person
    followup_pattern: re.Pattern | None  # «còn … thì sao», «vậy thì», «cái đó»: leans on what came before
    all_pattern: re.Pattern | None  # kind and follow-up cues (kept out of an entry's key terms)
    howto_pattern: re.Pattern | None = None  # «cách…», «hướng dẫn…»: the whole how-to is wanted
    validity_pattern: re.Pattern | None = None  # kinds.validity: «có hiệu lực bao lâu», «bao giờ hết hạn»
    not_kinds_pattern: re.Pattern | None = None  # «mai táng phí», «ở nhà thuê»: a cue word inside a name
    not_variants_pattern: re.Pattern | None = None  # «ở nước ngoài», «đi nước ngoài»: abroad, not a foreigner
    particles: frozenset[str] = frozenset()  # «bn», «dc», «ko», «vậy»: chat words that name no topic
    questions_pattern: re.Pattern | None = None  # «bao nhiêu», «ra sao»: words that ask, name nothing

    def __post_init__(self) -> None:
        # one message's kinds are asked several times (matching, the follow-up test, sub-questions): work them
        # out once per message
        object.__setattr__(self, "kinds", lru_cache(maxsize=256)(self._kinds))

    @classmethod
    def load(cls, path: Path = CUES_FILE) -> Cues:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        kinds = {k: p for k, v in (raw.get("kinds") or {}).items() if (p := phrase_pattern(v))}
        variants = {k: p for k, v in (raw.get("variants") or {}).items() if (p := phrase_pattern(v))}
        every = [x for v in (raw.get("kinds") or {}).values() for x in v] + list(raw.get("followup") or [])
        return cls(kinds, variants, phrase_pattern(list(raw.get("followup") or [])), phrase_pattern(every),
                   phrase_pattern(list(raw.get("howto") or [])), kinds.get("validity"),
                   phrase_pattern(list(raw.get("not_kinds") or [])),
                   phrase_pattern(list(raw.get("not_variants") or [])),
                   frozenset(" ".join(fold(p).split()) for p in raw.get("particles") or []),
                   phrase_pattern(list(raw.get("questions") or [])))

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Cues:
        return cls.load()

    def _kinds(self, norm: str) -> tuple[str, ...]:
        """The facet kinds the normalised message asks about (fee, time, place, ...), in file order; «phạt bao
        nhiêu tiền» asks a penalty, not a fee; «có thời hạn bao lâu», «bao giờ hết hạn» ask a validity, not a
        processing time nor what to do once it ran out; «mai táng phí», «ở nhà thuê» (``not_kinds``) ask nothing."""
        if self.not_kinds_pattern is not None:
            norm = self.not_kinds_pattern.sub(" ", norm)
        kinds = tuple(k for k, p in self.kind_patterns.items() if p.search(norm))
        if "penalty" in kinds:
            kinds = tuple(k for k in kinds if k != "fee")
        if "validity" in kinds:
            kinds = tuple(k for k in kinds if k not in ("time", "overdue"))
        return kinds

    def variant(self, norm: str) -> str | None:
        """Which kind of person the message names (``child``, ``foreigner``, ``elderly``...), if any."""
        return next((k for k, p in self.variant_patterns.items() if p.search(norm)), None)

    def without_places(self, norm: str) -> str:
        """The message without the phrases that name a place abroad rather than a person (``not_variants``)."""
        return self.not_variants_pattern.sub(" ", norm) if self.not_variants_pattern is not None else norm

    def person(self, norm: str) -> str | None:
        """The kind of person a follow-up is about: :meth:`variant` once «ở / đi nước ngoài» (abroad) is taken
        out, and none when the person named is the one who would act for you («nhờ người khác làm được không»)."""
        if "proxy" in self.kinds(norm):
            return None
        person = self.variant(self.without_places(norm))
        return None if person == SAME_PROCEDURE else person

    def is_followup(self, norm: str) -> bool:
        """Whether the message leans on the conversation: «còn … thì sao», a fact asked about «it», a variant."""
        return self.opens_followup(norm) or bool(self.kinds(norm)) or self.variant(norm) is not None

    def is_howto(self, norm: str) -> bool:
        return bool(self.howto_pattern and self.howto_pattern.search(norm))

    def is_cue(self, term: str) -> bool:
        """Whether a word or bigram belongs to a kind or follow-up cue (so it cannot name a topic)."""
        return bool(self.all_pattern and self.all_pattern.search(term))

    def is_variant_term(self, term: str) -> bool:
        """Whether a word or bigram belongs to a variant («người nước ngoài», «trẻ em»)."""
        return any(p.search(term) for p in self.variant_patterns.values())

    def opens_followup(self, norm: str) -> bool:
        """«còn … thì sao», «thế còn», «cái đó»: words that only make sense after something else."""
        return bool(self.followup_pattern and self.followup_pattern.search(norm)) or norm.startswith("con ")

    def content_words(self, norm: str) -> list[str]:
        """The words left once cue words, variants and syllables that carry no topic are taken out."""
        from nlu.scope import FUNCTION_WORDS

        text = self._uncued(norm[4:] if norm.startswith("con ") else norm)  # «còn …» opens, it names nothing
        text = AGE.sub(" ", text)  # «con tôi 10 tuổi»: an age describes the person, it names no topic
        if self.questions_pattern is not None:
            text = self.questions_pattern.sub(" ", text)
        for pattern in self.variant_patterns.values():
            text = pattern.sub(" ", text)
        return [w for w in text.split() if w not in FUNCTION_WORDS and w not in self.particles]

    def variant_words(self, norm: str) -> set[str]:
        """The words of the message that name a person («dưới 14 tuổi» -> {"duoi", "14", "tuoi"})."""
        return {w for p in self.variant_patterns.values() for m in p.finditer(norm) for w in m.group(0).split()}

    def split_variants(self, norm: str) -> list[str]:
        """The parts of the message around the words naming a person («người nước ngoài», «trẻ em»), those kept."""
        parts = [norm]
        for pattern in self.variant_patterns.values():
            parts = [piece for part in parts for piece in pattern.split(part)]
        found = [m.group(0) for p in self.variant_patterns.values() for m in p.finditer(norm)]
        return [p for p in parts + found if p.strip()]

    def _uncued(self, norm: str) -> str:
        """The message without its cue words, overlapping cues included («nộp ở đâu» holds «nộp ở» and «ở đâu»:
        no «đâu» is left over to look like a topic)."""
        if self.all_pattern is None:
            return norm
        words = norm.split()
        keep = [True] * len(words)
        for i in range(len(words)):
            found = self.all_pattern.match(" ".join(words[i:]))
            if found:
                keep[i:i + len(found.group(0).split())] = [False] * len(found.group(0).split())
        return " ".join(w for w, k in zip(words, keep, strict=True) if k)

    def strip(self, norm: str) -> str:
        """The message without its cue words: what is left names the topic, if anything."""
        if self.all_pattern is None:
            return norm
        return " ".join(self.all_pattern.sub(" ", norm).split())
