"""A citizen's commune in a province: which commune's offices, contact and team answer them.

Usage::

    deps = arrive(core_deps, msg, person)        # the dependencies as seen from the citizen's commune (if known)
    ask_first(turn, {"text": question})          # None, or «Bạn ở xã/phường nào?» (the message is answered after)
    continue_flow(turn, "an dung")               # the answer to that question (None: not an answer, route on)
    resume(turn)                                 # the message to answer now that the commune is known, or None

With one commune configured (today's ``villages`` form, or a province with a single commune) nothing here asks or
changes anything. In a province the commune comes from the link the citizen came by (Telegram ``/start xa_<key>``,
the web chat page's ``?xa=<key>``, a commune's Zalo OA: ``Incoming.commune``), or from a question asked once when
a local answer is needed (an office's address, hours or phone, «Hỏi cán bộ»). It is kept per chat account in
``citizen_communes`` (``/xoadulieu`` deletes it); «đổi xã» or ``/xa`` shows and changes it. Buttons: ``mx:<key>``
(the ``m`` family of navigation buttons).

Answers that only mention a local detail in passing (the hotline entry's «hỗ trợ tại địa phương») do not ask: they
use the commune when known and the province's wording otherwise.
"""

from __future__ import annotations

import copy
import difflib
import logging
import re

from bot import texts
from bot.config import Config, Office, Offices
from bot.deps import Deps
from bot.handlers.turn import Turn
from bot.messages import Button, Incoming, Kind, Outgoing
from bot.privacy import redact
from bot.team.units import OrgTree, tree, without_prefix
from nlu.cues import WORDS
from nlu.matcher import Verdict
from nlu.normalize import fold_words

log = logging.getLogger(__name__)
LINK_PREFIX = "xa_"  # Telegram: https://t.me/<bot>?start=xa_<key>
MAX_BUTTONS = 8  # up to this many communes are offered as buttons; more are typed
FUZZY_CUTOFF = 0.8  # how close a typed name must be to a commune's (difflib ratio, folded)
ANSWER_MAX_WORDS = 8  # a longer message in reply to «Bạn ở xã nào?» is a question of its own
# placeholders whose text is a commune's own office (bot/offices.py); the whole office block makes an entry local
OFFICE_BLOCKS = ("{police_office}", "{service_centre}")
OFFICE_PLACEHOLDERS = re.compile(r"\{(police|service_centre)_[a-z]+\}|\{service_centre\}")
_PUNCTUATION = re.compile(r"[^\w\s]")


# -- the communes of the configuration -------------------------------------------------------------------------
def communes(config: Config) -> dict[str, None]:
    """The commune keys (xã, phường, đặc khu) citizens may belong to, in config order (a dict: fast ``in``)."""
    return tree(config).communes


def many(config: Config) -> bool:
    """Whether citizens must be told apart by commune (a province of more than one commune). Asked on every
    message: the tree's communes are worked out once, ``Config.several_communes`` would count the units again."""
    return len(communes(config)) > 1


def name(config: Config, key: str) -> str:
    """A commune's name inside a sentence: «Xã An Dũng» -> «xã An Dũng»."""
    return _lower_kind(tree(config).name(key))


def _lower_kind(unit_name: str) -> str:
    return unit_name[:1].lower() + unit_name[1:] if fold_words(unit_name).startswith(WORDS.commune_kinds) else unit_name


def province_contact(config: Config) -> str:
    """The province's own contact (its root unit's ``contact``), else the organisation's."""
    root = next((u for u in config.units if u.parent is None), None)
    return (root.contact if root else "") or config.organisation.contact


def _office(general: Office, own: Office, default_name: str) -> Office:
    """The commune's office: its own details, the top-level ones where it gives none."""
    values = {f: getattr(own, f) or getattr(general, f) for f in ("address", "hours", "phone", "map_url")}
    return Office(name=own.name or default_name, **values)


def local_config(config: Config, key: str) -> Config:
    """The configuration as seen from commune ``key``: its name, contact and offices (built once per commune)."""
    config = base(config)
    if config._local is None:
        config._local = {"": config}  # shared by the local copies: the way back to the province's own
    if key not in config._local:
        unit = next(u for u in config.units if u.key == key)
        where = _lower_kind(unit.name)
        organisation = config.organisation.model_copy(
            update={"commune": where, "contact": unit.contact or config.organisation.contact})
        offices = Offices(
            police=_office(config.offices.police, unit.offices.police, texts.COMMUNE_POLICE.format(commune=where)),
            service_centre=_office(config.offices.service_centre, unit.offices.service_centre,
                                   texts.COMMUNE_CENTRE.format(commune=where)))
        config._local[key] = config.model_copy(update={"organisation": organisation, "offices": offices})
    return config._local[key]


def base(config: Config) -> Config:
    """The province's configuration, also from a commune's local copy."""
    return config._local[""] if config._local else config


def localised(deps: Deps, key: str | None) -> Deps:
    """``deps`` answering for commune ``key`` (None: ``deps`` itself)."""
    if key is None:
        return deps
    local = copy.copy(deps)
    local.config, local.commune = local_config(deps.config, key), key
    return local


# -- knowing it ----------------------------------------------------------------------------------------------------
def known(deps: Deps, msg: Incoming) -> str | None:
    """The stored commune of this chat account, if it is still a commune of the configuration."""
    key = deps.store.citizen_commune(msg.channel, msg.user_id)
    return key if key in communes(deps.config) else None


def arrive(deps: Deps, msg: Incoming, person: dict | None) -> Deps:
    """The dependencies a citizen's message is handled with: a link's commune (web page key, commune OA) is
    remembered for a citizen who has none yet; a team member's turn is never localised."""
    if person is not None or not many(deps.config):
        return deps
    key = known(deps, msg)
    if key is None and msg.commune:
        if msg.commune in communes(deps.config):
            key = msg.commune
            deps.store.set_citizen_commune(msg.channel, msg.user_id, key, deps.now().isoformat())
        else:
            log.info("%s: a link named unknown commune %r: ignored", msg.channel, msg.commune[:40])
    return localised(deps, key)


def _set(turn: Turn, key: str) -> None:
    turn.deps.store.set_citizen_commune(turn.msg.channel, turn.msg.user_id, key, turn.now.isoformat())


def from_link(turn: Turn, key: str) -> Outgoing | None:
    """``/start xa_<key>``: remember the commune of the link (it replaces an earlier one); the line telling so."""
    if turn.person is not None or not many(turn.deps.config):
        return None
    if key not in communes(turn.deps.config):
        log.info("start link named unknown commune %r: ignored", key[:40])
        return None
    _set(turn, key)
    return Outgoing(texts.COMMUNE_FROM_LINK.format(commune=name(turn.deps.config, key)))


# -- matching what the citizen types ------------------------------------------------------------------------------
def _bare(text: str) -> str:
    """Folded, without «xã»/«phường» and without «tôi ở», «ở», trailing «ạ», «nhé»."""
    words = fold_words(_PUNCTUATION.sub(" ", text)).split()
    changed = True
    while changed and words:
        changed = False
        for filler in (*WORDS.commune_fillers, *WORDS.commune_kinds):
            parts = filler.split()
            if words[:len(parts)] == parts and len(words) > len(parts):
                words, changed = words[len(parts):], True
    while words and words[-1] in WORDS.commune_endings:
        words = words[:-1]
    return " ".join(words)


def _names(config: Config) -> dict[str, str]:
    org: OrgTree = tree(config)
    return {k: fold_words(without_prefix(org.name(k))) for k in communes(config)}


def named(config: Config, text: str) -> str | None:
    """The one commune a question names in full, with its «xã»/«phường» («công an phường Thành Sen ở đâu»)."""
    padded = " " + " ".join(fold_words(_PUNCTUATION.sub(" ", text)).split()) + " "
    org = tree(config)
    hits = [k for k in communes(config) if f" {fold_words(org.name(k))} " in padded]
    return hits[0] if len(hits) == 1 else None


def match(config: Config, text: str) -> list[str]:
    """The communes a typed name may mean: one (found), several (ask which) or none. Diacritics, «xã»/«phường»,
    «tôi ở …» and small typos do not matter."""
    typed = _bare(text)
    if not typed:
        return []
    names = _names(config)
    exact = [k for k, n in names.items() if typed in (n, k)]
    if exact:
        return exact
    padded = f" {typed} "
    inside = [k for k, n in names.items() if f" {n} " in padded]  # «tôi ở xã an dũng, huyện cũ …»
    if inside:
        longest = max(len(names[k]) for k in inside)
        return [k for k in inside if len(names[k]) == longest]
    starts = [k for k, n in names.items() if n.startswith(typed + " ") or n.startswith(typed) and len(typed) >= 3]
    if starts:
        return starts
    ratios = {k: difflib.SequenceMatcher(None, typed, n).ratio() for k, n in names.items()}
    best = max(ratios.values())
    if best < FUZZY_CUTOFF:
        return []
    return [k for k, r in ratios.items() if r >= best - 0.03]


# -- asking -------------------------------------------------------------------------------------------------------
def _buttons(config: Config, keys: list[str]) -> tuple[Button, ...]:
    org = tree(config)
    return tuple(Button(org.name(k), f"mx:{k}") for k in keys if len(f"mx:{k}".encode()) <= 64)


def _question(turn: Turn, lead: str = "") -> Outgoing:
    config = turn.deps.config
    keys = communes(config)
    if len(keys) <= MAX_BUTTONS:
        return Outgoing(lead + texts.COMMUNE_ASK + texts.COMMUNE_ASK_BUTTONS, _buttons(config, keys))
    example = without_prefix(tree(config).name(next(iter(keys))))
    return Outgoing(lead + texts.COMMUNE_ASK + texts.COMMUNE_ASK_TYPE.format(example=example))


def is_local(text: str, whole_entry: bool) -> bool:
    """Whether an answer's text is about a commune's own office: a whole entry that shows an office block, or a
    direct answer (a sub-question, the lines asked) that quotes an office's address, hours or phone."""
    if whole_entry:
        return any(block in text for block in OFFICE_BLOCKS)
    return bool(OFFICE_PLACEHOLDERS.search(text))


def ask_first(turn: Turn, replay: dict, text: str | None = None, whole_entry: bool = True) -> list[Outgoing] | None:
    """«Bạn ở xã/phường nào?» before a local answer to a citizen whose commune is not known (None: answer now).
    ``replay`` is the message answered once the commune is known ({"text": …} or {"payload": …}); ``text`` the
    answer's unfilled text (None: the answer is local, e.g. «Hỏi cán bộ»). A question that names a commune
    («công an phường Thành Sen ở đâu») is answered for that one (``turn.deps`` changes; nothing is stored)."""
    if turn.person is not None or not many(turn.deps.config):
        return None
    if text is not None and not is_local(text, whole_entry):
        return None
    key = named(turn.deps.config, replay.get("text") or "") if text is not None else None
    if key is not None:
        turn.deps = localised(turn.deps, key)
        return None
    if turn.deps.commune is not None:
        return None
    if replay.get("text"):  # sessions are stored: the citizen's words, like everywhere, redacted
        replay = {**replay, "text": redact(replay["text"])}
    turn.session.update(flow="commune", commune_then=replay)
    return [_question(turn)]


def _end(turn: Turn) -> None:
    turn.session["flow"] = None


def _chosen(turn: Turn, key: str) -> list[Outgoing]:
    _set(turn, key)
    _end(turn)
    return [Outgoing(texts.COMMUNE_SET.format(commune=name(turn.deps.config, key)))]


def _unknown(turn: Turn, typed: str) -> list[Outgoing]:
    config = turn.deps.config
    root = tree(config).root
    province = root.name[:1].lower() + root.name[1:] if root.kind == "province" else config.organisation.province
    reply = texts.COMMUNE_UNKNOWN.format(text=typed[:60], province=province, hotline=province_contact(config))
    keys = communes(config)
    return [Outgoing(reply, _buttons(config, keys) if len(keys) <= MAX_BUTTONS else ())]


def _answer(turn: Turn, text: str) -> list[Outgoing]:
    found = match(turn.deps.config, text)
    if len(found) == 1:
        return _chosen(turn, found[0])
    if found:
        turn.session["flow"] = "commune"
        return [Outgoing(texts.COMMUNE_CHOOSE.format(text=text.strip()[:60]),
                         _buttons(turn.deps.config, found[:MAX_BUTTONS]))]
    turn.session["flow"] = "commune"
    return _unknown(turn, text.strip())


def continue_flow(turn: Turn, text: str) -> list[Outgoing] | None:
    """A message after «Bạn ở xã/phường nào?»: the commune (or which of several), or a clear «not found» with
    the province's hotline. None: not an answer (the menu, «hủy», a question of its own): the core routes it on."""
    folded = fold_words(text)
    if folded in WORDS.cancel or folded in WORDS.menu or len(folded.split()) > ANSWER_MAX_WORDS \
            or not match(turn.deps.config, text) and _answerable(turn.deps, text):
        _end(turn)
        turn.session["commune_then"] = None
        return None
    return _answer(turn, text)


def _answerable(deps: Deps, text: str) -> bool:
    """A question the knowledge base answers («mất bao lâu?» after a topic button), not a place name."""
    return deps.matcher.match(text, deps.config.citizen.answer_threshold).verdict == Verdict.ANSWER


def button(turn: Turn, payload: str) -> list[Outgoing]:
    """``mx:<key>``: the commune chosen from the buttons."""
    key = payload.partition(":")[2]
    if turn.person is not None or key not in communes(turn.deps.config):
        return [Outgoing(texts.STALE_BUTTON)]
    return _chosen(turn, key)


def resume(turn: Turn) -> Incoming | None:
    """The message that asked for a local answer, to answer now that the commune is known (once)."""
    then = turn.session.get("commune_then")
    if turn.session.get("flow") == "commune" or not isinstance(then, dict):
        return None
    turn.session["commune_then"] = None
    msg = turn.msg
    if isinstance(then.get("payload"), str) and then["payload"]:
        return Incoming(channel=msg.channel, user_id=msg.user_id, chat_id=msg.chat_id, kind=Kind.BUTTON,
                        payload=then["payload"])
    if isinstance(then.get("text"), str) and then["text"]:
        return Incoming(channel=msg.channel, user_id=msg.user_id, chat_id=msg.chat_id, text=then["text"])
    return None


# -- seeing and changing it ---------------------------------------------------------------------------------------
def wants_change(text: str) -> str | None:
    """«đổi xã», «xã của tôi» -> ""; «đổi xã sang An Hòa» -> "an hoa" (the name typed after); None: not that."""
    folded = fold_words(text)
    if folded in WORDS.commune_change:
        return ""
    for opener in WORDS.commune_change_openers:
        if folded.startswith(f"{opener} "):
            rest = folded[len(opener) + 1:]
            for link in WORDS.commune_change_links:
                rest = rest.removeprefix(f"{link} ")
            return rest
    return None


def change(turn: Turn, argument: str = "") -> list[Outgoing]:
    """``/xa [tên]`` and «đổi xã»: which commune is set, and the way to change it (or the change itself)."""
    config = turn.deps.config
    if not many(config):
        return [Outgoing(texts.COMMUNE_ONLY_ONE.format(commune=config.organisation.commune))]
    if turn.person is not None:
        return [Outgoing(texts.COMMUNE_TEAM)]
    if argument.strip():
        turn.session["commune_then"] = None
        return _answer(turn, argument)
    current = known(turn.deps, turn.msg)
    turn.session.update(flow="commune", commune_then=None)
    lead = texts.COMMUNE_CURRENT.format(commune=name(config, current)) if current else texts.COMMUNE_NONE_YET
    return [_question(turn, lead)]
