"""Citizen conversations: answer questions from the knowledge base, menus, hotline, feedback.

A command or button handler takes the turn and its argument (the text after the command, or the button's payload)
and returns the replies, like every handler; helpers below it take the dependencies. The conversation's
context (the topic just answered, a clarifying question waiting) lives in the session the core saves. Button payloads:
``t:<entry id>`` shows an entry, ``g:<n>`` a group of the menu, ``m`` the menu, ``f:<question id>:<1|0>`` feedback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from bot import texts, tickets
from bot.deps import Deps
from bot.formatting import vn_date
from bot.handlers import commune
from bot.handlers.turn import Turn
from bot.messages import PUSH_CHANNELS, Button, Kind, Outgoing, ReplyMeta
from bot.offices import fill_placeholders
from bot.privacy import redact
from bot.storage import NotFoundError
from knowledge.loader import Entry
from nlu.clarify import Clarification
from nlu.cues import AGE, WORDS
from nlu.features import bigrams
from nlu.matcher import PRODUCT_CONFIDENCE, STRICT_KINDS, MatchResult, Verdict
from nlu.normalize import fold_words

GROUP_PAGE_SIZE = 8  # topics per page; with «Xem thêm» and the menu button a page has at most 10 buttons


def _entry_text(deps: Deps, entry: Entry) -> str:
    answer = fill_placeholders(entry.answer, deps.config)
    if entry.smalltalk:
        return answer
    source = texts.SOURCE_LINE.format(source=entry.source, reviewed=vn_date(entry.reviewed))
    return f"{answer}\n\n{source}"


def _unique(buttons: list[Button]) -> list[Button]:
    """The same payload (the same entry) is never offered twice."""
    seen: set[str] = set()
    return [b for b in buttons if not (b.payload in seen or seen.add(b.payload))]


def _topic_buttons(deps: Deps, ids: list[str]) -> list[Button]:
    return _unique([Button(deps.kb.entries[i].title, f"t:{i}") for i in ids if i in deps.kb.entries])


def _feedback_buttons(question_id: int) -> list[Button]:
    return [Button(texts.FEEDBACK_YES, f"f:{question_id}:1"), Button(texts.FEEDBACK_NO, f"f:{question_id}:0")]


def show_entry(deps: Deps, entry_id: str, question_id: int | None = None, extra: list[Button] = ()) -> Outgoing:
    """One knowledge entry with its source, related topics and (for a logged question) feedback buttons."""
    entry = deps.kb.entries[entry_id]
    buttons = _unique(list(extra) + [b for b in _topic_buttons(deps, entry.related) if b.payload != f"t:{entry_id}"]
                      + _back_buttons(deps, entry))
    if question_id is not None and not entry.smalltalk:
        buttons += _feedback_buttons(question_id)
    return Outgoing(_entry_text(deps, entry), tuple(buttons))


def show_fact(deps: Deps, entry_id: str, lead: str, source: str, reviewed, question_id: int | None) -> Outgoing:
    """A direct answer first (a sub-question's, or the entry's lines about the fact asked), then the way on:
    «Xem hướng dẫn đầy đủ» and the related topics as buttons."""
    entry = deps.kb.entries[entry_id]
    lead = fill_placeholders(lead, deps.config)
    text = "\n\n".join([lead, texts.FACET_TOPIC.format(title=entry.title),
                         texts.SOURCE_LINE.format(source=source, reviewed=vn_date(reviewed))])
    buttons = [Button(texts.FULL_GUIDE_BUTTON, f"t:{entry_id}")]
    buttons += [b for b in _topic_buttons(deps, entry.related) if b.payload != f"t:{entry_id}"]
    if question_id is not None:
        buttons += _feedback_buttons(question_id)
    return Outgoing(text, tuple(_unique(buttons)))


# -- answering a question, in the conversation's context ------------------------------------------------------
#
# The session keeps ``ctx``: {"topic": entry id, "facet": sub-question id or None, "at": ISO time,
# "clarify": [entry ids] while a clarifying question (or the unsure reply's buttons, "offered": True) waits for its
# answer}. It expires after
# ``citizen.context_minutes``. Flow of one message (see bot/handlers/citizen.mmd):
#   vague («cấp lại») -> clarifying question | answer to the clarifying question -> that entry
#   | elliptical follow-up («mất phí không?», «còn người nước ngoài thì sao») -> the fact of the current entry or
#   the related entry that fits | complete question -> matched on its own (a topic switch) | out of scope, small
#   talk or unsure -> one of the three "no" replies.

FOLLOWUP_MAX_WORDS = 12
FOLLOWUP_OPENER_WORDS = 4  # «còn …», «thế còn …» mark a follow-up: such a message may be that much longer
REPEAT_CONFIDENCE = 0.5  # a message read alone this sure keeps its reading in a conversation; below, the topic may
REPEAT_FULL_CONFIDENCE = PRODUCT_CONFIDENCE  # the entry just shown in full is shown whole again only this sure
UNDER_AGE = re.compile(r"(?<![a-z0-9])(?:duoi|chua du|nho hon) (\d+) tuoi")  # «trẻ dưới 6 tuổi»: an age range
AN_AGE = re.compile(r"(?<![a-z0-9])(\d+) tuoi")
NUMBERISH = re.compile(r"\d+[a-z]{0,4}")  # «2», «10t» (tuổi), «23h»: a number, with its unit, names no topic
# with a number: names no subject
NAME_NOTHING = WORDS.service_verbs | WORDS.pronouns | WORDS.auxiliaries | WORDS.everyday_verbs | WORDS.quantifiers
HOW_IN_CHAT = re.compile(r"(?<![a-z])(?:lam sao|the nao|ra sao)(?![a-z])")  # «làm sao lấy lại»: how, in a conversation
SHORT_THEN_WORDS = 4  # «thế lưu trú»: a topic after «thế», «vậy» in this many words carries the fact asked before
OPEN_KINDS = frozenset({"yesno", "other"})  # sub-question kinds no cue word asks for: a yes/no, a case of its own
PERSON_OPENING_WORDS = 6  # a sub-question whose direct answer names a person this early is about that person
NEIGHBOUR_CONFIDENCE = 0.6  # a follow-up moves to a close entry that the bot alone guesses this sure (see _neighbour)


def _context(turn: Turn) -> dict | None:
    ctx = turn.session.get("ctx")
    if not isinstance(ctx, dict) or ctx.get("topic") not in turn.deps.kb.entries and not ctx.get("clarify"):
        return None
    try:
        age = turn.now - dt.datetime.fromisoformat(ctx["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if age > dt.timedelta(minutes=turn.deps.config.citizen.context_minutes):
        turn.session["ctx"] = None
        return None
    return ctx


def remember(turn: Turn, replies: list[Outgoing]) -> None:
    """After a confident answer on an entry, that entry becomes the conversation's topic. When a follow-up moved
    the conversation to it from another entry («cho con tôi 3 tuổi thì sao» after tạm trú: the child's residence),
    that entry is kept as where it came from (``from``): its procedure is the one being done."""
    came_from = turn.session.pop(MOVED_FROM, None)  # set by answer_question for this turn only
    meta = replies[0].meta if replies else None
    _remember_unsure(turn, meta)
    if meta is None or meta.fallback or not meta.topic or meta.topic not in turn.deps.kb.entries:
        return
    if turn.deps.kb.entries[meta.topic].smalltalk:
        return
    before = _context(turn) or {}
    if came_from is None and _helps(turn.deps, meta.topic) and before.get("topic") != meta.topic:
        # «người nhà bị liệt thì công an có đến nhà làm không» after the card: the commune's help (done at home,
        # without a smartphone, the office's hours) tells how that procedure is done — it stays where it came from
        came_from = before.get("from") if _helps(turn.deps, before.get("topic")) else before.get("topic")
    text = turn.msg.text.strip() if turn.msg.kind == Kind.TEXT else ""
    asked = before.get("asked") if before.get("topic") == meta.topic else redact(text) if text else None
    turn.session["ctx"] = {"topic": meta.topic, "facet": meta.facet, "at": turn.now.isoformat()}
    if asked:
        turn.session["ctx"]["asked"] = asked  # the question that brought the topic (redacted: sessions are stored)
    if came_from in turn.deps.kb.entries and came_from != meta.topic:
        turn.session["ctx"]["from"] = came_from


MOVED_FROM = "moved_from"  # session key, for one turn: the topic a follow-up left for a related entry


def _helps(deps: Deps, entry_id: str | None) -> bool:
    """Whether an entry is of the commune's help (a group marked ``help: true``: the commune's offices, help without
    a smartphone, how any procedure is done), not a procedure of its own."""
    return any(entry_id in g.entry_ids for g in deps.kb.groups if g.help)
UNSURE = "unsure"  # session key: the question the bot last could not answer, with when it was asked


def _remember_unsure(turn: Turn, meta: ReplyMeta | None) -> None:
    """Keep the question of an unsure reply (topics offered) or a refusal, with no topic, so that a bare follow-up
    after it («nộp ở đâu», «trước mấy giờ») can be read together with it; a bare follow-up that again got no answer
    keeps the question it leaned on. Any answer, a question asked back on a vague message, a button or a command
    forgets it."""
    text = turn.msg.text.strip() if turn.msg.kind == Kind.TEXT else ""
    ctx = turn.session.get("ctx") or {}
    if meta is None or not meta.fallback or meta.topic or not text or text.startswith("/") \
            or ctx.get("clarify") and not ctx.get("offered"):
        turn.session[UNSURE] = None
        return
    if _bare_followup(turn.deps, turn.deps.matcher.normalizer(text)) and _unsure_before(turn):
        return  # «mất phí không» after «nộp ở đâu», both after the same unanswered question
    turn.session[UNSURE] = {"text": redact(text), "at": turn.now.isoformat()}  # sessions are stored: redacted


def _unsure_before(turn: Turn) -> str | None:
    """The question last left unanswered in this conversation, if recent."""
    held = turn.session.get(UNSURE)
    if not isinstance(held, dict) or not held.get("text"):
        return None
    try:
        age = turn.now - dt.datetime.fromisoformat(held["at"])
    except (KeyError, TypeError, ValueError):
        return None
    return held["text"] if age <= dt.timedelta(minutes=turn.deps.config.citizen.context_minutes) else None


def _bare_followup(deps: Deps, norm: str) -> bool:
    """A message that asks a fact of whatever was being discussed and names nothing itself («nộp ở đâu», «mất phí
    không», «phải báo trước mấy giờ»)."""
    cues = deps.matcher.cues
    return bool(cues.followup_kinds(norm)) and not cues.person(norm) and not _names_something(deps, norm)


def _after_unsure(turn: Turn, text: str, norm: str, result: MatchResult) -> MatchResult | None:
    """A bare follow-up right after a question the bot could not answer («Hướng dẫn chủ trọ thông báo lưu trú trên
    VNeID để không bị phạt» → unsure; «phải báo trước mấy giờ»): the two read as one question. Taken only when
    that reading is an answer the matcher is sure of; else None and the message is read alone, as before."""
    before = _unsure_before(turn)
    if before is None or result.verdict == Verdict.ANSWER or not _bare_followup(turn.deps, norm):
        return None
    matcher = turn.deps.matcher
    joined = f"{before} {text}"
    read = matcher.match(joined, turn.deps.config.citizen.answer_threshold)
    if read.verdict != Verdict.ANSWER or read.topic not in turn.deps.kb.entries \
            or turn.deps.kb.entries[read.topic].smalltalk:
        return None
    kinds = matcher.cues.followup_kinds(norm)
    if read.facet is None and not read.lines:
        facet, lines = matcher.fact(read.topic, matcher.normalizer(joined), kinds, kinds)
        if facet is None and lines is None and any(k in STRICT_KINDS for k in kinds) \
                and not matcher.is_about(read.topic, kinds):
            return None  # the fact asked is not in that entry: no guess
        read = replace(read, facet=facet, lines=lines)
    return replace(read, kinds=kinds)


def answer_question(turn: Turn, text: str) -> list[Outgoing]:
    """Match a free-text question in the conversation's context; answer it, ask back, or say why not."""
    with turn.deps.matcher.cues.typed(text):  # its cue words read with the diacritics it was typed with
        return _answer_typed(turn, text)


def _answer_typed(turn: Turn, text: str) -> list[Outgoing]:
    deps = turn.deps
    matcher = deps.matcher
    norm = matcher.normalizer(text)
    threshold = deps.config.citizen.answer_threshold
    ctx = _context(turn)
    result = matcher.match(text, threshold)
    if ctx and ctx.get("clarify"):
        turn.session["ctx"] = {**ctx, "clarify": None, "offered": None} if ctx.get("topic") else None
        chosen = _clarified(turn, text, result, list(ctx["clarify"]), named_only=bool(ctx.get("offered")))
        if chosen is not None:
            return _reply(turn, text, chosen)
    topic = ctx.get("topic") if ctx else None  # the entry the conversation is about, if any
    if not topic and (joined := _after_unsure(turn, text, norm, result)) is not None:
        return _reply(turn, text, joined)  # «trước mấy giờ» after an unanswered question: both read as one
    if topic and fold_words(text) in WORDS.acknowledgements and THANKS_ENTRY in deps.kb.entries:
        # «vâng ạ», «ok», «dạ» in a conversation: a polite word back, the topic kept («vâng» folds like «vắng»)
        return _reply(turn, text, _in_context(THANKS_ENTRY))
    if topic and (rest := _after_pleasantry(turn, text, result)) is not None:
        return answer_question(turn, rest)  # «cảm ơn. cho mình hỏi thêm làm thẻ bhyt cho bé thế nào»: the question
    if topic and (rest := _after_correction(text)) is not None:
        return answer_question(turn, rest)  # «ý mình là làm cho con 8 tuổi»: the question asked again, in context
    clarification = matcher.clarifier.ask(norm, loose=not matcher.cues.kinds(norm))
    if clarification is not None and not (topic and _asks_a_fact(matcher, norm)):
        return _clarify(turn, text, clarification)  # «đăng ký ở đâu» right after a topic asks where to do it
    if topic and _is_followup(turn, norm, result, topic):
        read = _carried(turn, ctx, norm, _followup(turn, text, norm, topic, result))
        if read.topic != topic:
            turn.session[MOVED_FROM] = topic
        return _reply(turn, text, read)
    if topic and (leaning := _leans_on_topic(turn, norm, result, topic)) is not None:
        return _reply(turn, text, leaning)
    if topic and (own := _own_subquestion(turn, norm, result, topic)) is not None:
        return _reply(turn, text, own)
    if topic and (again := _same_entry_again(turn, ctx, norm, result)) is not None:
        return _reply(turn, text, again)
    if topic and _repeats_weakly(ctx, result):
        result = replace(result, verdict=Verdict.UNSURE)  # the same whole entry again, on a weak guess: ask
    return _reply(turn, text, _still_offered(turn, norm, topic, _carried(turn, ctx, norm, result)) if topic else result)


def _still_offered(turn: Turn, norm: str, topic: str, result: MatchResult) -> MatchResult:
    """An unsure reading right after a topic, of a message that names a key term of that topic («số cũ bị mất thì
    nhận OTP kiểu gì» after «đổi số điện thoại VNeID»): the topic stays among the choices offered, whatever place
    the classifier gave it among close entries (it is a tie with others)."""
    if result.verdict != Verdict.UNSURE or topic in (result.best, *result.alternatives)[:3] \
            or not turn.deps.matcher.scope.support(topic, norm):
        return result
    return replace(result, alternatives=(topic, *result.alternatives))


def _in_context(topic: str, facet: str | None = None, *, verdict: Verdict = Verdict.ANSWER, kinds=(),
                alternatives: tuple[str, ...] = (), lines: str | None = None, confidence: float = 1.0) -> MatchResult:
    """A reply the conversation decided rather than the scores: no score or margin of its own."""
    return MatchResult(topic, confidence, 0.0, 0.0, alternatives, verdict, facet, kinds=kinds, best=topic,
                       lines=lines)


def _asks_a_fact(matcher, norm: str) -> bool:
    """Whether a vague message asks one fact (where, how much, how long…) of whatever was being discussed. «làm
    online», «nộp hồ sơ online», «làm giấy tờ gì» stay vague: they name the whole field of online services, of
    paperwork."""
    return bool(set(matcher.cues.followup_kinds(norm)) - {"online", "proxy", "documents"})


THANKS_ENTRY = "thanks"
PLEASANTRY_END = re.compile(r"[.,!;]+\s+")
PLEASANTRY_REST_WORDS = 3  # what follows a «cảm ơn.» must be this long to be a question of its own


def _after_pleasantry(turn: Turn, text: str, result: MatchResult) -> str | None:
    """The question after a thanks or a greeting that opens the message, when the whole is read as small talk."""
    entry = turn.deps.kb.entries.get(result.topic or "")
    if result.verdict != Verdict.ANSWER or entry is None or not entry.smalltalk:
        return None
    parts = PLEASANTRY_END.split(text.strip(), maxsplit=1)
    if len(parts) < 2 or len(parts[1].split()) < PLEASANTRY_REST_WORDS:
        return None
    head = turn.deps.matcher.match(parts[0], turn.deps.config.citizen.answer_threshold)
    smalltalk = head.verdict == Verdict.SMALLTALK or head.topic in turn.deps.kb.entries \
        and turn.deps.kb.entries[head.topic].smalltalk
    return parts[1] if smalltalk else None


_OPENER_WORDS = [(o.split(), len(o.split())) for o in WORDS.correction_openers]
_OPENER_FIRST = frozenset(words[0] for words, _ in _OPENER_WORDS)
_OPENER_MOST = max(size for _, size in _OPENER_WORDS)


def _after_correction(text: str) -> str | None:
    """The question after «ý mình là», «à nhầm»: the person says it again, more exactly; it is read like any message
    of the conversation (a follow-up of the topic, or a question of its own)."""
    words = text.split()
    # folded word by word, so that each folded word still points at its raw word (a word that folds to two, or a
    # lone comma, would shift a fold of the whole text); a raw word that folds to nothing (punctuation) is skipped.
    # Only the opening words are compared: folded until there is one more than the longest opener has
    folded = []
    for i, w in enumerate(words):
        folded += [(i, f) for f in fold_words(w).replace(",", " ").split()]
        if len(folded) > _OPENER_MOST or folded and folded[0][1] not in _OPENER_FIRST:
            break
    if not folded or folded[0][1] not in _OPENER_FIRST:
        return None  # no opener starts with its first word
    for opener, size in _OPENER_WORDS:
        if [f for _, f in folded[:size]] == opener and len(folded) > size:
            rest = " ".join(words[folded[size - 1][0] + 1:]).lstrip(" ,.:;-")
            return rest or None
    return None


def choice_number(text: str) -> int | None:
    """The number of a choice typed in words: «số 2», «chọn 3», «câu 4», «cái thứ hai», «2 ạ» (bare digits are read
    by the core); None when the message is something else."""
    words = [w for w in fold_words(text).replace(",", " ").split() if w not in WORDS.choice_particles]
    picked = words[len(words) - 1:] if words else []
    lead = words[:-1]
    if not picked or len(lead) > 2 or lead and " ".join(lead) not in WORDS.choice_leads:
        return None
    word = picked[0]
    if word.isascii() and word.isdigit():
        return int(word)
    return WORDS.choice_numbers.get(word) if lead else None


def _repeats_weakly(ctx: dict, result: MatchResult) -> bool:
    """A message that is no follow-up and would get, on a weak guess, the very entry just shown in full («thế mua
    sim mới thì đăng ký chính chủ ở cửa hàng nào» after «đổi số điện thoại VNeID»): the person has read it and
    asks something else, so the bot offers the close topics rather than repeat it."""
    return _shows_entry_again(ctx, result) and result.confidence < REPEAT_FULL_CONFIDENCE


def _shows_entry_again(ctx: dict, result: MatchResult) -> bool:
    """Whether the reply would be the very entry just shown in full, whole once more."""
    return result.verdict == Verdict.ANSWER and result.topic == ctx.get("topic") and not ctx.get("facet") \
        and result.facet is None and not result.lines


def _same_entry_again(turn: Turn, ctx: dict, norm: str, result: MatchResult) -> MatchResult | None:
    """A question of its own that would get the very entry just shown in full once more («em có tiền án thì phiếu có
    ghi không» right after «cấp phiếu lý lịch tư pháp»): the person has read it and asks one thing of it — the
    sub-question the message is clearly closest to, when there is one; else None (as before)."""
    if not _shows_entry_again(ctx, result) or _new_subject(norm):
        return None
    facet = _closest_facet(turn.deps.matcher, result.topic, norm)
    return replace(result, facet=facet) if facet is not None else None


def _carried(turn: Turn, ctx: dict, norm: str, result: MatchResult) -> MatchResult:
    """«còn hộ chiếu thì sao» right after «làm lại căn cước hết bao nhiêu tiền»: the fact asked before (here the
    fee), now of the topic named — when the message opens as a follow-up (or names a person) and asks no fact of
    its own. The entry's sub-question of that kind, else its lines about it, else the whole entry as before."""
    matcher = turn.deps.matcher
    cues = matcher.cues
    before = ctx.get("facet")
    if result.verdict != Verdict.ANSWER or result.facet is not None or result.lines or result.kinds or not before \
            or not (cues.opens_followup(norm) or cues.person(norm) or _short_then(norm)) \
            or ctx.get("topic") not in turn.deps.kb.entries:
        return result
    kinds = tuple(k for k in matcher.facet_kinds(ctx["topic"], before) if k in cues.kind_patterns)
    if not kinds:
        return result
    topic = result.topic
    facet, lines = matcher.fact(topic, norm, kinds, kinds)
    about = None if facet is not None or lines is not None else _entry_about(
        turn.deps, turn.deps.kb.entries[topic], kinds, same_subject=True, persons=_persons(turn.deps, ctx, norm))
    if about is not None:
        topic = about  # «thế lưu trú» after a tạm trú penalty: the stay notification's penalty entry
        facet, lines = matcher.fact(topic, norm, kinds, kinds)
    if facet is None and lines is None:
        return result
    facet = _processing_time(turn.deps, topic, facet, kinds)  # «còn hộ chiếu» after «mất bao lâu»: not validity
    if topic == ctx["topic"] and facet == before:
        # the very sub-question just read, again: «còn bằng xe máy A1 thì sao» after «đổi online được không» asks
        # of something the message names (the A1 licence's validity); a message that names nothing («còn cấp lại
        # thì sao») keeps the fact asked before
        if _names_something(turn.deps, norm) and not _speaks_of_case(turn, topic, before, norm):
            other = matcher.closest_facet(topic, norm) or _facet_saying(matcher, topic, norm, _beyond_title(
                turn.deps, topic, norm))
            if other is None or other == before:
                return result  # its own reading (the whole entry) rather than the same lines again
            return replace(result, topic=topic, best=topic, facet=other, lines=None, kinds=kinds)
    if topic != ctx["topic"] and (named := cues.person(norm)) and named in _entry_persons(turn.deps, topic):
        # «thế người nước ngoài thì sao» after the tạm trú fee: that person has a procedure of its own, which the
        # citizen has not read — the fact asked first, then the procedure
        entry = turn.deps.kb.entries[topic]
        lead = entry.facet(facet).answer if facet else lines
        return replace(result, topic=topic, best=topic, facet=None, lines=f"{lead}\n\n{entry.answer}", kinds=kinds)
    return replace(result, topic=topic, best=topic, facet=facet, lines=lines, kinds=kinds)


def _speaks_of_case(turn: Turn, topic: str, facet: str, norm: str) -> bool:
    """Whether a sub-question says the case a follow-up names: «mất thẻ thì sao» right after «đổi thẻ hết bao
    nhiêu» names a loss, and the fee sub-question just read states the fee of a re-issue after a loss («cấp lại
    (mất, hỏng)»); «thẻ» is the topic's own word. Then that sub-question, read again, is the answer for that case."""
    case = _beyond_title(turn.deps, topic, norm)
    return bool(case) and _says_all(turn.deps.matcher, topic, facet, case)


def _beyond_title(deps: Deps, entry_id: str, norm: str) -> list[str]:
    """The words of substance in ``norm`` that the entry's title does not say (not a generic title word, a cue, a
    person, a service verb or a number): the case a message names beyond the topic itself."""
    matcher = deps.matcher
    title = set(matcher.title_of(entry_id).split())
    return [w for w in matcher.cues.content_words(norm)
            if w not in WORDS.generic_title and w not in title and not _names_nothing(w)]


def _names_something(deps: Deps, norm: str) -> bool:
    """Whether a follow-up holds a word of substance: not a cue, a person, a service verb, a generic title word or
    a number («còn cấp lại thì sao» names nothing; «còn bằng xe máy A1 thì sao» names the licence)."""
    return any(w not in WORDS.generic_title and not _names_nothing(w) for w in deps.matcher.cues.content_words(norm))


def _names_nothing(word: str) -> bool:
    """A service verb, the speaker, an auxiliary or a number («nộp», «e», «cần», «10t»): no subject of its own."""
    return word in NAME_NOTHING or NUMBERISH.fullmatch(word) is not None


def _short_then(norm: str) -> bool:
    """«thế lưu trú», «vậy hộ chiếu?»: a topic named after «thế», «vậy», in a few words — «and what about …»."""
    return any(norm.startswith(f"{o} ") for o in WORDS.then_openers) and len(norm.split()) <= SHORT_THEN_WORDS


def _leans_on_topic(turn: Turn, norm: str, result: MatchResult, current: str) -> MatchResult | None:
    """A short message without cue words that the bot is unsure of on its own, names nothing new and fits one of
    the current entry's sub-questions clearly better than the others («cả 2 người phải có mặt à» after marriage
    registration): that sub-question's answer. Also a message the bot alone would decline although no word of
    another domain is in it and the current entry uses all its words («được hưởng bao nhiêu» after the
    unemployment benefit), or whose other domain is only the circumstance of the topic's own action («đi xuất khẩu
    lao động 3 năm có phải khai không» after «khai báo tạm vắng»): that sub-question, else the unsure reply with
    the topic — not «out of scope»."""
    matcher = turn.deps.matcher
    if len(norm.split()) > FOLLOWUP_MAX_WORDS or result.verdict not in (Verdict.UNSURE, Verdict.OUT_OF_SCOPE):
        return None
    declined = result.verdict == Verdict.OUT_OF_SCOPE
    if declined:
        domain_words = matcher.scope.domain_match(norm)[1]
        if domain_words and not _names_the_action(turn.deps, current, norm, domain_words, needs_opener=False):
            return None  # another domain's own question: out of scope indeed
        rest = [w for w in matcher.cues.content_words(norm) if w not in domain_words]
        if _unknown_words(turn.deps, current, rest):
            return None  # it names something the current entry never speaks of
    if not result.support <= turn.deps.matcher.scope.key_terms.get(current, frozenset()):
        return None  # it names another topic's key terms: not about this one
    if declined:
        # a sub-question of a fact kind the message does not ask is never guessed («phải có mặt không» is alike
        # «mất phí không» once folded); a yes/no one it is clearly closest to is («cả hai phải cùng đến à» after
        # marriage registration: both must be present)
        facet = _closest_facet(matcher, current, norm)
        if facet is not None and matcher.facet_kinds(current, facet) <= OPEN_KINDS | set(result.kinds):
            return _in_context(current, facet, kinds=result.kinds)
        if (matcher.cues.is_howto(norm) or HOW_IN_CHAT.search(norm)) and not _names_something(turn.deps, norm):
            return _in_context(current)  # «lấy lại kiểu gì», «làm thế nào»: how to do it, the entry's own answer
        return _in_context(current, verdict=Verdict.UNSURE, kinds=result.kinds, alternatives=result.alternatives,
                           confidence=0.0)
    if (neighbour := _neighbour(turn, norm, result, current)) is not None:
        return _in_context(neighbour, matcher.closest_facet(neighbour, norm), kinds=result.kinds)
    facet = _closest_facet(matcher, current, norm) or _told_apart(turn, norm, current)
    if facet is None:
        return None
    return _in_context(current, facet, kinds=result.kinds)


def _told_apart(turn: Turn, norm: str, current: str) -> str | None:
    """«có phải thi lại không» right after «xin cấp lại bằng lái khi bị mất»: the message alone is as close to the
    sub-question on an expired licence as to the one on a lost licence; the question that brought the topic names
    the case (words the entry's title lacks: «mất»); the one of those sub-questions that says more of them than
    any other is the answer."""
    matcher = turn.deps.matcher
    asked = ((turn.session.get("ctx") or {}).get("asked") or "") if _context(turn) else ""
    close = matcher.close_facets(current, norm)
    if not asked or len(close) < 2:
        return None
    case = set(_beyond_title(turn.deps, current, matcher.normalizer(asked)))
    said = {f: sum(f" {w} " in _facet_said_padded(matcher, current, f) for w in case) for f in close}
    most = max(said.values())
    best = [f for f in close if said[f] == most]
    return best[0] if most and len(best) == 1 else None  # the one that says most of the case, else no guess


ALTERNATIVE = re.compile(r" (?:hay la|hoac la|hay|hoac) ")  # «một người đi được không hay cả 2 phải có mặt»


def _closest_facet(matcher, entry_id: str, norm: str) -> str | None:
    """The sub-question a short follow-up leans on (``closest_facet``); for a question in two alternatives («1 người
    đi nộp được không hay cả 2 phải có mặt»), which asks one thing twice, the one its alternatives point at when
    the whole is too mixed to tell: the alternatives' sub-questions agree, or only one alternative has one."""
    facet = matcher.closest_facet(entry_id, norm)
    parts = [p for p in ALTERNATIVE.split(norm) if p.strip()]
    if facet is not None or len(parts) < 2:
        return facet
    found = {f for part in parts if (f := matcher.closest_facet(entry_id, part)) is not None}
    return found.pop() if len(found) == 1 else None


def _own_subquestion(turn: Turn, norm: str, result: MatchResult, current: str) -> MatchResult | None:
    """«vậy đăng ký ở nơi tạm trú được không» right after marriage registration: alone, the bot weakly guesses the
    tạm trú entry from «tạm trú», but the marriage entry has a sub-question this message is closest to that says
    those very words (registering where one lives on tạm trú): they are the circumstance of the current topic's
    question, not a new topic. Never after «còn …» (the person turns to a new subject). A guess the bot is fairly
    sure of alone stays, unless the message says more than the other entry's title and the sub-question says all of
    it: «bố mẹ chưa đăng ký kết hôn thì khai sinh thế nào» right after the birth registration is its sub-question
    on unmarried parents, not marriage registration (whose title is all that «đăng ký kết hôn» names)."""
    deps = turn.deps
    matcher = deps.matcher
    if result.verdict != Verdict.ANSWER or result.topic in (None, current) or not result.support \
            or _new_subject(norm) or len(norm.split()) > FOLLOWUP_MAX_WORDS:
        return None
    entry = matcher.kb.entries.get(current)  # closest_facet picks among these sub-questions
    words = {w for term in result.support for w in term.split()}  # a sub-question that says a term says its words
    if entry is None or not any(_says_all(matcher, current, f.id, words) for f in entry.facets):
        return None  # no sub-question says those words: none can be the one (spares the similarities)
    facet_id = matcher.closest_facet(current, norm)
    # the terms the guess rests on, each to be said by the sub-question; when none is clearly ahead, one of the close
    # ones that says the guess's title terms as they are and every word of the others («tài khoản vneid mức 1 có
    # dùng được không» after flying on VNeID: «mức 1 thì không dùng được»; «khoản vneid» is no phrase of it)
    terms = list(result.support)
    if facet_id is None:
        title = _pairs(matcher.title_of(result.topic))
        terms = [w for term in result.support for w in ([term] if term in title else term.split())]
        facet_id = _facet_saying(matcher, current, norm, terms)
    if facet_id is None or deps.kb.entries[current].facet(facet_id) is None:
        return None
    if not _says_all(matcher, current, facet_id, terms):
        return None
    if result.confidence >= REPEAT_CONFIDENCE:
        extra = _beyond_title(deps, result.topic, norm)
        if not extra or not _says_all(matcher, current, facet_id, extra):
            return None
    return _in_context(current, facet_id, kinds=result.kinds)


def _facet_saying(matcher, entry_id: str, norm: str, words: list[str]) -> str | None:
    """Of the sub-questions a follow-up is close to (``close_facets``, most similar first), the first that says
    every one of ``words`` — the case the message names («bằng xe máy a1»: the licences without expiry); None when
    it names no such word or none says them all."""
    if not words:
        return None
    return next((f for f in matcher.close_facets(entry_id, norm) if _says_all(matcher, entry_id, f, words)), None)


def _says_all(matcher, entry_id: str, facet_id: str, terms) -> bool:
    """Whether a sub-question's answer and examples (:func:`_facet_said`) say every one of ``terms``."""
    said = _facet_said_padded(matcher, entry_id, facet_id)
    return all(f" {term} " in said for term in terms)


@lru_cache(maxsize=4096)
def _facet_said_padded(matcher, entry_id: str, facet_id: str) -> str:
    """:func:`_facet_said` with a space at each end, so that `` word `` finds a whole word anywhere in it."""
    return f" {_facet_said(matcher, entry_id, facet_id)} "


@lru_cache(maxsize=4096)
def _facet_said(matcher, entry_id: str, facet_id: str) -> str:
    """A sub-question's answer and examples, normalised and joined: what it says (worked out once per sub-question
    of a matcher's knowledge base, not on every message)."""
    facet = matcher.kb.entries[entry_id].facet(facet_id)
    return " ".join(" ".join(matcher.normalizer(x).split()) for x in (facet.answer, *facet.examples))


@lru_cache(maxsize=4096)
def _facet_age_bounds(matcher, entry_id: str, facet_id: str) -> tuple[int, ...]:
    """The ages a sub-question's texts bound a child by («Trẻ dưới 6 tuổi…» -> (6,)), once per sub-question."""
    return tuple(int(b) for b in UNDER_AGE.findall(_facet_said(matcher, entry_id, facet_id)))


def _neighbour(turn: Turn, norm: str, result: MatchResult, current: str) -> str | None:
    """The close entry a follow-up moves to: «báo trước mấy giờ» after «đăng ký tạm trú» (whose answer says an
    overnight guest needs a stay notification instead) is the stay notification's deadline. The bot's own guess
    for the message alone, fairly sure, among the current entry's related entries and theirs, when the message
    names a word of that entry's title («báo») that the current title lacks."""
    deps = turn.deps
    guess = result.topic or result.best
    if result.verdict == Verdict.OUT_OF_SCOPE or guess in (None, current) or guess not in deps.kb.entries \
            or result.confidence < NEIGHBOUR_CONFIDENCE:
        return None  # a declined message's confidence is that of «out of scope», not of the entry
    related = deps.kb.entries[current].related
    if guess not in {*related, *(r for x in related if x in deps.kb.entries for r in deps.kb.entries[x].related)}:
        return None
    normalize = deps.matcher.normalizer
    own = set(normalize(deps.kb.entries[current].title).split())
    theirs = set(normalize(deps.kb.entries[guess].title).split()) - own
    return guess if theirs & set(deps.matcher.cues.content_words(norm)) else None


def _chatty_followup(turn: Turn, norm: str, result: MatchResult, current: str) -> bool:
    """A long message that asks a fact or names a person («bé nhà mình mới 3 tuổi thôi, có cần đưa bé đến tận nơi
    … hay bố mẹ làm thay được»): a follow-up all the same when the bot is unsure of it alone, or declines it on no
    word of another domain (the situation told at length: «hai đứa em làm ở Bình Dương nhưng quê ở Nghệ An, đăng ký
    ở Bình Dương thì cần mang giấy tờ gì»), and it names no other topic's key terms."""
    matcher = turn.deps.matcher
    if result.verdict not in (Verdict.UNSURE, Verdict.OUT_OF_SCOPE) \
            or result.verdict == Verdict.OUT_OF_SCOPE and matcher.scope.domain_match(norm)[1]:
        return False  # declined on a word of another domain: its own question (a long one it guessed: no reason)
    named = {t for t in result.support if not matcher.cues.is_variant_term(t) and not AGE.search(t)}  # «3 tuổi»
    if not named <= matcher.scope.key_terms.get(current, frozenset()):
        return False  # the bot's own guess rests on another entry's key terms
    return not any(_names_other_title(turn.deps, norm, other, current)
                   for other in matcher.scope.supported_entries(norm))  # nor does it name another entry by its title


def _is_followup(turn: Turn, norm: str, result: MatchResult, current: str) -> bool:
    """An elliptical message that leans on the topic before, rather than a question complete on its own."""
    cues = turn.deps.matcher.cues
    longest = FOLLOWUP_MAX_WORDS + (FOLLOWUP_OPENER_WORDS if cues.opens_followup(norm) else 0)
    if not cues.leans_on_context(norm):
        return False
    chatty = len(norm.split()) > longest
    if chatty and result.verdict == Verdict.SMALLTALK and result.confidence < REPEAT_CONFIDENCE \
            and cues.followup_kinds(norm):
        # a long message that asks a fact is no small talk when the classifier only weakly took a word of it for a
        # chat («mình ở Hà Nội, người yêu ở Nghệ An, … đăng ký ở Hà Nội được không hay phải về quê»: «người yêu»)
        result = replace(result, verdict=Verdict.UNSURE)
    if chatty and not _chatty_followup(turn, norm, result, current):
        return False
    if result.verdict == Verdict.SMALLTALK:
        return False
    words = turn.deps.matcher.scope.domain_match(norm)[1] if result.verdict == Verdict.OUT_OF_SCOPE else frozenset()
    if words:
        # «còn mua bán nhà đất thì sao» leaves scope even right after a topic; «nghỉ việc bao lâu thì phải nộp»
        # after the unemployment benefit does not: the current entry itself speaks of «nghỉ việc»; nor does «còn đi
        # xuất khẩu lao động 2 năm thì có phải khai không» after «khai báo tạm vắng»: it asks the topic's own action.
        # A domain the classifier guessed from no word of that domain («bao lâu thì có thẻ») is no way out.
        # The other words must be the entry's own: «thế còn mở tài khoản ngân hàng» after the unemployment benefit
        # (paid to a bank account) asks to open one.
        # After «còn …» the domain's phrase is the new subject («còn nghĩa vụ quân sự thì bao giờ phải đi» after
        # tạm vắng, whose answer speaks of people of military age): it stays only with the topic's own action.
        rest = [w for w in cues.content_words(norm) if w not in words]
        return not _new_subject(norm) and _entry_speaks_of(turn.deps, current, words, norm) \
            and not _unknown_words(turn.deps, current, rest) or _names_the_action(turn.deps, current, norm, words)
    if _channel_only(turn, norm, result, current):
        return True  # «làm trên dịch vụ công được không» after a procedure: that procedure, online
    if result.verdict == Verdict.ANSWER and _names_other_title(turn.deps, norm, result.topic, current):
        return False  # «còn phạt nguội thì sao»: another entry's own name, though its «phạt» is also a cue word
    if chatty:
        return True  # the words of the situation told (places, who) are no new subject: _chatty_followup checked
    unknown = _unknown_words(turn.deps, current, cues.content_words(norm))
    if result.verdict == Verdict.OUT_OF_SCOPE and not cues.opens_followup(norm) and len(unknown) >= 2:
        return False  # an out-of-scope question of its own (it says more than «bao lâu», «cho con tôi»)
    if result.verdict == Verdict.OUT_OF_SCOPE and unknown:
        return False  # «còn mua nhà thì sao»: it names something the current entry never speaks of
    if _new_subject(norm) and unknown and not turn.deps.matcher.scope.supported_entries(norm):
        return False  # «còn tiêm chủng cho bé ở đâu»: a new subject that neither this entry nor any other names
    if result.verdict == Verdict.ANSWER and result.topic != current:
        own = turn.deps.matcher.scope.key_terms.get(current, frozenset())
        person = cues.variant_words(norm)  # «dưới 14 tuổi … trên 14 tuổi»: «14 tuổi» names the person again
        named = {t for t in result.support if not cues.is_variant_term(t) and not AGE.search(t)
                 and not {w for w in t.split() if not NUMBERISH.fullmatch(w)} <= person
                 and not all(NUMBERISH.fullmatch(w) or w in WORDS.units for w in t.split())}  # «5 tháng»: a duration
        # «con nhỏ hơn 6 tuổi thì sao», «cho con 8 tuổi»: an age describes the person («con 8»), it names no topic
        normalize = turn.deps.matcher.normalizer
        titles = (normalize(turn.deps.kb.entries[result.topic].title), normalize(turn.deps.kb.entries[current].title))
        if any(t in titles[0] and t not in titles[1] for t in named):
            return False  # «vậy còn mức 1» after «mức 2»: the other entry's own title, though the current one says it
        return named <= own  # it names nothing new (at most a person: «cho con tôi»): still the current topic
    return True


def _channel_only(turn: Turn, norm: str, result: MatchResult, current: str) -> bool:
    """«làm trên dịch vụ công được không», «nộp qua mạng được ko» right after a procedure: the portal, the app or
    «mạng» is where the person would do it, not a topic of its own — the message asks whether the current procedure
    can be done online, when the current entry says so and the message names nothing but the channel (its key terms
    and its words of substance are a channel's words: «dịch vụ công», «vneid», «mạng»)."""
    matcher = turn.deps.matcher
    if "online" not in matcher.cues.followup_kinds(norm) or not matcher.has_kind(current, ("online",)) \
            or _new_subject(norm):
        return False  # «thế còn nộp phạt nguội online ở đâu»: the person turns to another subject
    if result.topic not in (None, current) and result.verdict == Verdict.ANSWER and not result.support:
        return False  # the bot alone is very sure of another topic on no key term: that topic's own question
    if not all(set(term.split()) <= WORDS.channels for term in result.support):
        return False  # «tra cứu hồ sơ trên dịch vụ công»: it names the portal's own service
    return not [w for w in matcher.cues.content_words(norm)
                if w not in WORDS.channels and w not in WORDS.generic_title and not _names_nothing(w)]


def _new_subject(norm: str) -> bool:
    """«còn …», «thế còn …», «vậy còn …» at the start: what follows is the subject the person turns to. Not when a
    person follows: «con e đi du học», «con bố mẹ chưa đăng ký kết hôn» (folded, «con» is also the child) or «còn em
    thì sao» tell whose case of the current topic is asked, not a new subject."""
    opener = next((f"{o} " for o in WORDS.new_subject_openers if norm.startswith(f"{o} ")), None)
    if opener is None:
        return False
    rest = norm[len(opener):].split()
    return not rest or rest[0] not in WORDS.pronouns | WORDS.kin


def _unknown_words(deps: Deps, entry_id: str, words: list[str]) -> list[str]:
    """The words that the entry's own texts (title, answer, examples, sub-questions) never use; a service verb
    («nộp chỗ nào»), a number («người thứ 2»), a word of time («bé nhà tôi mới 2 tuổi», «năm nay») or the speaker
    («bé nhà e») names nothing and is never unknown."""
    words = [w for w in words if w not in WORDS.time_words and w not in WORDS.countries and not _names_nothing(w)]
    if not words:
        return []
    found = deps.matcher.entry_words(entry_id)
    return [w for w in words if w not in found]


def _names_the_action(deps: Deps, entry_id: str, norm: str, domain_words: frozenset[str],
                      needs_opener: bool = True) -> bool:
    """An explicit follow-up («còn …», «thế còn …»; with ``needs_opener`` false, any) that repeats a word of the
    current entry's title («khai»)."""
    cues = deps.matcher.cues
    if needs_opener and not cues.opens_followup(norm):
        return False
    title_norm = deps.matcher.title_of(entry_id)
    title = set(cues.content_words(title_norm)) - WORDS.generic_title
    pairs = _pairs(norm) & _pairs(title_norm)
    words = norm.split()
    # a verb of the topic («khai», «đổi»), or a word of a title pair the message repeats: «hộ» of «hộ cá thể» is
    # not «hộ chiếu»
    repeated = [i for i, w in enumerate(words) if w in title and w not in domain_words
                and w in cues.content_words(norm) and (w in WORDS.service_verbs or any(w in p.split() for p in pairs))]
    named = [i for i, w in enumerate(words) if w in domain_words]
    # the action applies to the domain's thing when the domain words follow it (object after verb: «còn đổi sđt
    # cho tài khoản ngân hàng thì sao»); before it they are the circumstance («còn đi xuất khẩu lao động … có phải
    # khai không»)
    return bool(repeated) and (not named or min(named) < max(repeated))


def _pairs(norm: str) -> set[str]:
    """The word pairs of a normalised text («hộ chiếu», «phạt nguội»)."""
    return set(bigrams(norm.split()))


def _names_other_title(deps: Deps, norm: str, other: str | None, current: str) -> bool:
    """Whether the message holds a word pair of another entry's title («phạt nguội») that the current title lacks;
    pairs of generic or service words («nộp tiền», «đăng ký») and of a person («cho con») name no topic."""
    if other is None or other == current or other not in deps.kb.entries:
        return False
    normalize, cues = deps.matcher.normalizer, deps.matcher.cues
    title = normalize(deps.kb.entries[other].title)
    plain = WORDS.generic_title | WORDS.service_verbs | cues.variant_words(title) | cues.variant_words(norm)
    own = _pairs(normalize(deps.kb.entries[current].title))
    named = set(cues.content_words(norm))  # not the words of a cue («nộp tiền» asks a fee) nor of a person
    # a pair names the other topic when no word of it is plain («phạt nguội»), or when its other word is one of
    # substance the message says outside a cue: «khai tử» (a service verb and «tử»); not «cấp lại», «nộp tiền»
    theirs = {p for p in _pairs(title) - own
              if (not set(p.split()) & plain or (set(p.split()) - plain) & named)
              and not any(NUMBERISH.fullmatch(w) or w == "tuoi" for w in p.split())}
    return bool(theirs & _pairs(norm))


def _entry_speaks_of(deps: Deps, entry_id: str, words: frozenset[str], norm: str) -> bool:
    """Whether the domain phrase found in ``norm`` (its ``words``) also occurs in the entry's own texts, its
    sub-questions' included («du học» after tạm vắng: its sub-question on going abroad speaks of studying abroad)."""
    found = [w for w in norm.split() if w in words]
    phrase = " ".join(dict.fromkeys(found))
    entry = deps.kb.entries[entry_id]
    texts_ = [entry.title, entry.answer, *entry.examples, *(t for f in entry.facets for t in (f.answer, *f.examples))]
    return bool(phrase) and any(phrase in deps.matcher.normalizer(t) for t in texts_)


def _followup(turn: Turn, text: str, norm: str, current: str, alone: MatchResult) -> MatchResult:
    """Read an elliptical message against the current entry: its fact of the kind asked, or the related entry
    (the child's or the foreigner's variant, the penalty entry) that fits the message with the topic's title."""
    deps = turn.deps
    matcher = deps.matcher
    entry = deps.kb.entries[current]
    threshold = deps.config.citizen.answer_threshold
    kinds = matcher.cues.followup_kinds(norm)
    joined = f"{entry.title} {text}"
    variant = matcher.cues.person(norm)
    about = [x for x in matcher.person_entries.get(variant or "", []) if x != current]
    if about and (matcher.speaks_of_variant(current, variant) or current in matcher.person_entries[variant]):
        about = []  # «con dưới 14 tuổi thì khác gì» after the passport: its own sub-questions speak of children;
        # «con nhỏ hơn 6 tuổi thì sao» after «đăng ký thường trú cho con»: the topic is already that person's
    # «mất bao lâu?», «nộp ở đâu?», «giấy tờ gì?» name nothing but the fact: they stay on the current entry
    # «nộp chỗ nào», «đăng ký ở đâu», «làm ở xa có được không»: the fact only — no word of substance, no key term
    names = _names_something(deps, norm) and bool(matcher.scope.supported_entries(norm))
    if about:  # «cho con tôi», «người nước ngoài thì sao»: that person's entry, a related one first
        # an entry whose title is about that person comes first: «cho con tôi 3 tuổi» after tạm trú is the child's
        # residence, not «Đăng ký thường trú», whose examples speak of children in passing (another procedure)
        titled = [x for x in about if variant in _entry_persons(deps, x)]
        close = ([x for x in titled if x in entry.related] or _person_entries(deps, titled, joined) if titled else []) \
            or [x for x in about if x in entry.related] or _person_entries(deps, about, joined)
        if not close:  # «người nước ngoài thì sao» after the birth registration: no entry of ours is about that
            return _in_context(current, verdict=Verdict.UNSURE, kinds=kinds, alternatives=tuple(about[:2]),
                               confidence=0.0)
        topic = matcher.match(joined, threshold, within=close).topic or close[0]
    elif (neighbour := _neighbour(turn, norm, alone, current)) is not None:
        topic = neighbour
    elif kinds and matcher.has_kind(current, kinds):
        topic = current
    elif (named := variant or matcher.cues.variant(matcher.cues.without_places(norm))) \
            and (own := _person_facet(deps, current, named, norm)):
        # «bé nhà mình mới 3 tuổi, có cần đưa bé đến … hay bố mẹ làm thay» after the passport: its sub-question
        # about children, not a related entry's answer about proxies
        return _in_context(current, own, kinds=kinds)
    else:
        topic = matcher.match(joined, threshold, within=[current, *entry.related]).topic or current if names \
            else current
        if topic != current and not matcher.scope.support(topic, norm):
            topic = current  # «làm ở xa có được không»: it names nothing of the related entry; stay
        if kinds and not matcher.has_kind(topic, kinds) \
                and matcher.fact(topic, norm, kinds, kinds) == (None, None) and not matcher.is_about(topic, kinds):
            topic = _origin(deps, turn.session.get("ctx") or {}, topic, kinds, names) \
                or _entry_about(deps, entry, kinds, same_subject=not names,
                                persons=_persons(deps, turn.session.get("ctx") or {}, norm)) or topic
    # the sub-question of the kind asked is told apart with the topic's title («vậy thì làm ở đâu» after the birth
    # registration: where to register, not where to replace a lost certificate)
    facet, lines = matcher.fact(topic, matcher.normalizer(joined) if kinds else norm, kinds, kinds)
    facet = _processing_time(deps, topic, facet, kinds)
    facet = _persons_own(deps, topic, facet, variant, norm)
    if facet is None and lines is None and topic == current and kinds:
        facet = _person_case(deps, turn.session.get("ctx") or {}, norm)  # or the whole entry, as before
    verdict = Verdict.ANSWER
    strict = tuple(k for k in kinds if k in STRICT_KINDS)
    if facet is None and lines is None and strict and not matcher.is_about(topic, strict):
        verdict = Verdict.UNSURE  # the fact asked is not in the knowledge base: offer the topic, do not guess
    return _in_context(topic, facet, verdict=verdict, kinds=kinds, lines=lines)


def _persons_own(deps: Deps, entry_id: str, facet: str | None, variant: str | None, norm: str) -> str | None:
    """«kết hôn với người nước ngoài thì cần gì» after marriage registration: the sub-question of the kind asked
    (the documents of a Vietnamese couple, of a second marriage) says nothing of that person, while the entry has a
    sub-question about that person's own case (marrying a foreigner: where, which extra papers) — that one, which
    states the facts as they hold for them. A sub-question of the kind that speaks of the person stays («miễn cho
    trẻ em» in the fee's answer)."""
    if facet is None or variant is None:
        return facet
    pattern = deps.matcher.cues.variant_patterns.get(variant)
    if pattern is None or pattern.search(deps.matcher.cues.without_places(_facet_said(deps.matcher, entry_id, facet))):
        return facet
    return _person_facet(deps, entry_id, variant, norm) or facet


def _origin(deps: Deps, ctx: dict, topic: str, kinds: tuple[str, ...], names: bool) -> str | None:
    """The entry a follow-up moved the conversation from, when it holds the fact asked that the current entry
    lacks and the message names nothing else: «mất phí không» after «cho con tôi 3 tuổi thì sao» (the child's
    residence, reached from tạm trú) is the tạm trú fee — registering the child is that procedure."""
    origin = ctx.get("from")
    if names or topic != ctx.get("topic") or origin not in deps.kb.entries:
        return None
    matcher = deps.matcher
    if matcher.has_kind(origin, kinds) or matcher.is_about(origin, kinds):
        return origin
    if not _helps(deps, topic):
        return None
    # «mất phí không» after «không có smartphone thì sao» after «không còn sổ hộ khẩu thì chứng minh cư trú thế
    # nào»: the fact is of the procedure that entry points to (the CT07 confirmation's fee), as after that entry
    return _entry_about(deps, deps.kb.entries[origin], kinds, same_subject=True, persons=_persons(deps, {}, ""))


def _person_facet(deps: Deps, entry_id: str, variant: str, norm: str) -> str | None:
    """The entry's sub-question about the person a follow-up names that the message is closest to, of an age that
    fits theirs: never «Trẻ dưới 6 tuổi…» for a child of 10."""
    among = frozenset(f for f in _person_facets(deps, entry_id, variant) if _age_fits(deps, entry_id, f, norm))
    return deps.matcher.closest_facet(entry_id, norm, among) if among else None


def _age_fits(deps: Deps, entry_id: str, facet_id: str, norm: str) -> bool:
    """Whether a sub-question about children under some age («Trẻ dưới 6 tuổi…») fits the age the message says
    («bé nhà em 10 tuổi»); a message that names an age range itself, or no age, fits every one."""
    said = [int(x) for x in AN_AGE.findall(norm)]
    if not said or UNDER_AGE.search(norm) or deps.kb.entries[entry_id].facet(facet_id) is None:
        return True
    bounds = _facet_age_bounds(deps.matcher, entry_id, facet_id)
    return not bounds or min(said) < max(bounds)


def _person_case(deps: Deps, ctx: dict, norm: str) -> str | None:
    """The person's sub-question just shown, when a follow-up asks of that person's case a fact the entry has no
    sub-question of («phải mang bé đến không» after «Trẻ dưới 6 tuổi…»: its answer tells how the parents do it)."""
    facet, persons = ctx.get("facet"), _persons(deps, ctx, norm)
    if not facet or not persons.strict or ctx.get("topic") not in deps.kb.entries \
            or not _age_fits(deps, ctx["topic"], facet, norm):
        return None
    return facet if any(facet in _person_facets(deps, ctx["topic"], v) for v in persons) else None


def _person_facets(deps: Deps, entry_id: str, variant: str) -> frozenset[str]:
    """The entry's sub-questions about that person (a child, a foreigner...): most of their examples name it — not
    one that mentions it in passing («con đi du học nước ngoài có phải khai tạm vắng không»)."""
    matcher = deps.matcher
    pattern = matcher.cues.variant_patterns.get(variant)
    if pattern is None:
        return frozenset()

    def names(example: str) -> bool:
        return bool(pattern.search(matcher.cues.without_places(matcher.normalizer(example))))

    facets = deps.kb.entries[entry_id].facets
    most = frozenset(f.id for f in facets if f.examples and 2 * sum(names(x) for x in f.examples) > len(f.examples))
    # when none has most examples naming that person, the one whose direct answer opens with them («Kết hôn với
    # người nước ngoài tại Việt Nam: …», whose examples name nationalities: «người Hàn Quốc», «người Nhật»)
    return most or frozenset(f.id for f in facets if names(" ".join(f.answer.split()[:PERSON_OPENING_WORDS])))


def _processing_time(deps: Deps, topic: str, facet: str | None, kinds: tuple[str, ...]) -> str | None:
    """«bao giờ có» asks how long the procedure takes: of two sub-questions of kind «time», the one about the
    processing time, not the one about how long the card or registration stays valid."""
    matcher = deps.matcher
    if facet is None or "time" not in kinds or "validity" in kinds \
            or "validity" not in matcher.facet_kinds(topic, facet):
        return facet
    other = [f.id for f in deps.kb.entries[topic].facets
             if "time" in matcher.facet_kinds(topic, f.id) and "validity" not in matcher.facet_kinds(topic, f.id)]
    return other[0] if other else facet


def _person_entries(deps: Deps, about: list[str], joined: str) -> list[str]:
    """Of the entries about the person a follow-up names, those that fit the topic: the person's only entry
    («người cao tuổi» holds for every procedure), else those whose key terms the topic's title and the message name
    («người nước ngoài» after «đăng ký tạm trú»: the foreigners' tạm trú declaration, not their VNeID account)."""
    if len(about) == 1:
        return about
    matcher = deps.matcher
    norm = matcher.normalizer(joined)
    supported = {x: {t for t in matcher.scope.support(x, norm) if not matcher.cues.is_variant_term(t)} for x in about}
    most = max(len(terms) for terms in supported.values())
    best = [x for x in about if most and len(supported[x]) == most]
    titled = [x for x in best if any(t in matcher.title_of(x) for t in supported[x])]
    return titled or best  # a tie goes to the entry whose title names the term («Khai báo tạm trú cho khách…»)


def _entry_about(deps: Deps, entry: Entry, kinds: tuple[str, ...], same_subject: bool = False,
                 persons: Persons | None = None) -> str | None:
    """A related entry, else one of the same group, that holds the fact asked: a sub-question of that kind, or a
    title about it («Bao lâu thì tài khoản được duyệt» for «mất bao lâu?» after «đăng ký mức 2»). With
    ``same_subject`` (the message named nothing but the fact) only an entry whose title shares a word of substance
    with the current one's: «phạt bao nhiêu» after the criminal record is not the passport's penalty.
    Never an entry about another person than the conversation's (``persons``, see :func:`_persons`), nor a general
    one while a person's own case is discussed: «phải mang bé đến không» after the under-6 child's card is neither
    the Việt kiều's card done at home nor the adult's level-2 account."""
    matcher = deps.matcher
    persons = persons if persons is not None else Persons()
    group = next((g.entry_ids for g in deps.kb.groups if entry.id in g.entry_ids), ())
    subject = _title_words(deps, entry)
    for candidate in [*entry.related, *group]:
        other = deps.kb.entries.get(candidate)
        if not other or candidate == entry.id:
            continue
        if same_subject and not _title_words(deps, other) & subject:
            continue
        whose = _entry_persons(deps, candidate)
        if whose != persons and not whose & persons and (whose or persons.strict):
            continue  # another person's entry, or a general one while one person's own case is discussed
        if matcher.has_kind(candidate, kinds) or matcher.is_about(candidate, kinds):
            return candidate
    return None


def _entry_persons(deps: Deps, entry_id: str) -> frozenset[str]:
    """The kinds of person an entry is about, as its title names them («… cho khách người nước ngoài»; none for
    most entries: «Đăng ký thường trú» is for everyone, though a few of its examples speak of a child)."""
    cues = deps.matcher.cues
    title = cues.without_places(deps.matcher.title_of(entry_id))
    return frozenset(v for v, pattern in cues.variant_patterns.items() if pattern.search(title))


class Persons(frozenset):
    """Whom the conversation is about; ``strict`` when that person's own case is discussed (the message names the
    person, or the sub-question just shown is theirs), not merely an entry about such people."""

    strict: bool = False


def _persons(deps: Deps, ctx: dict, norm: str) -> Persons:
    """Whom the conversation is about: the person the message names, else the one of the sub-question just
    shown («Trẻ dưới 6 tuổi…») — their own case — else those the current entry is about («Việt kiều… có được làm
    thẻ căn cước không»: the card's general processing time still holds for them)."""
    cues = deps.matcher.cues
    topic, facet = ctx.get("topic"), ctx.get("facet")
    named = cues.person(norm)
    own = frozenset({named}) if named else frozenset(
        v for v in cues.variant_patterns if topic in deps.kb.entries and facet
        and facet in _person_facets(deps, topic, v))
    if own:
        persons = Persons(own)
        persons.strict = True
        return persons
    return Persons(_entry_persons(deps, topic) if topic in deps.kb.entries else ())


def _title_words(deps: Deps, entry: Entry) -> set[str]:
    """The word pairs of an entry's title that name its subject («hộ chiếu», «lưu trú»; not «đăng ký», «cấp lại»,
    a cue word): pairs, because one syllable is shared by unrelated words («phổ thông», «thông tin»)."""
    cues = deps.matcher.cues
    words = [w for w in cues.content_words(deps.matcher.title_of(entry.id))
             if w not in WORDS.generic_title and w not in WORDS.service_verbs]
    # nor an age («đủ 14 tuổi»): it tells whom, not what
    return {p for p in bigrams(words) if not any(NUMBERISH.fullmatch(w) or w == "tuoi" for w in p.split())}


def _clarified(turn: Turn, text: str, result: MatchResult, choices: list[str],
               named_only: bool = False) -> MatchResult | None:
    """The words typed after a clarifying question: a complete question stands on its own, else the choice named.
    After the unsure reply's buttons (``named_only``) only a choice the words name by its key terms is taken."""
    if result.verdict == Verdict.ANSWER:
        return result
    picked = turn.deps.matcher.match(text, turn.deps.config.citizen.answer_threshold, within=choices)
    if picked.topic and (picked.support or picked.verdict == Verdict.ANSWER and not named_only):
        return replace(picked, verdict=Verdict.ANSWER)
    return None


def _clarify(turn: Turn, text: str, clarification: Clarification) -> list[Outgoing]:
    """Ask one short question back, with the choices as buttons."""
    deps = turn.deps
    deps.store.log_question(turn.msg.channel, turn.msg.user_id, text, None, 0.0, True)
    ctx = _context(turn) or {}
    turn.session["ctx"] = {**ctx, "clarify": list(clarification.choices), "offered": None,
                           "at": turn.now.isoformat()}
    meta = ReplyMeta(fallback=True, confidence=0.0)
    buttons = _topic_buttons(deps, list(clarification.choices))
    return [Outgoing(texts.CLARIFY[clarification.key], tuple(buttons), meta=meta)]


def _reply(turn: Turn, text: str, result: MatchResult) -> list[Outgoing]:
    """The reply to a matched question: a direct answer, the entry, or one of the three kinds of "no"."""
    deps = turn.deps
    msg = turn.msg
    answered = result.verdict == Verdict.ANSWER and result.topic in deps.kb.entries
    topic = result.topic if answered else None
    facet = result.facet if answered else None
    if answered and (ask := commune.ask_first(turn, {"text": text}, *_local_text(deps, result))):
        return ask  # «Bạn ở xã/phường nào?» first: the answer quotes a commune's own office
    deps = turn.deps  # a question that names a commune is answered for it
    qid = deps.store.log_question(msg.channel, msg.user_id, text, topic, result.confidence, not answered)
    meta = ReplyMeta(question_id=qid, topic=topic, facet=facet, confidence=result.confidence, fallback=not answered)
    contact = deps.config.organisation.contact
    if result.verdict == Verdict.SMALLTALK:
        buttons = (*handoff_button(deps, msg.channel), Button(texts.MENU_BUTTON, "m"))
        return [Outgoing(texts.SMALLTALK.format(contact=contact), buttons, meta=meta)]
    if result.verdict == Verdict.OUT_OF_SCOPE:
        where = texts.OUT_OF_SCOPE_WHERE.get(result.domain or "", texts.OUT_OF_SCOPE_WHERE_DEFAULT)
        buttons = (*handoff_button(deps, msg.channel), Button(texts.MENU_BUTTON, "m"))
        return [Outgoing(texts.OUT_OF_SCOPE.format(where=where), buttons, meta=meta)]
    if not answered:
        close = [x for x in (result.best, *result.alternatives) if x][:3]
        buttons = _topic_buttons(deps, close)
        if buttons:  # the next message may name one of them in words («cái tạm trú ấy»): read it as the choice
            turn.session["ctx"] = {**(_context(turn) or {}), "clarify": [b.payload[2:] for b in buttons],
                                   "offered": True, "at": turn.now.isoformat()}
        body = texts.UNSURE.format(suggest=texts.UNSURE_SUGGEST if buttons else "", contact=contact)
        buttons += handoff_button(deps, msg.channel)
        return [Outgoing(body, (*buttons, Button(texts.MENU_BUTTON, "m")), meta=meta)]
    return [_with_also(deps, reply, result.also) for reply in _answer(deps, text, result, topic, facet, qid, meta)]


def _with_also(deps: Deps, reply: Outgoing, also: str | None) -> Outgoing:
    """A second topic the question named on its own is offered by name, its button first."""
    if not also or also not in deps.kb.entries or also == reply.meta.topic:
        return reply
    title = deps.kb.entries[also].title
    buttons = _unique([Button(title, f"t:{also}"), *reply.buttons])
    return replace(reply, text=f"{reply.text}\n\n{texts.ALSO_ASKED.format(title=title)}", buttons=tuple(buttons))


def _answer(deps: Deps, text: str, result: MatchResult, topic: str, facet: str | None, qid: int,
            meta: ReplyMeta) -> list[Outgoing]:
    """A confident answer: the sub-questions' direct answers, the entry's lines about the fact, or the entry."""
    entry = deps.kb.entries[topic]
    if facet is not None:  # the direct answers first: one per fact asked («mất bao lâu? chi phí bao nhiêu?»)
        ids = dict.fromkeys([facet, *deps.matcher.facets_for(topic, deps.matcher.normalizer(text), result.kinds)])
        chosen = [entry.facet(f) for f in ids if entry.facet(f)]
        lead = "\n".join([f.answer for f in chosen] + _not_covered(deps, topic, [f.id for f in chosen], result.kinds))
        source = "; ".join(dict.fromkeys(f.source for f in chosen))
        reviewed = max(f.reviewed or entry.reviewed for f in chosen)
        return [replace(show_fact(deps, topic, lead, source, reviewed, qid), meta=meta)]
    if result.lines:
        return [replace(show_fact(deps, topic, result.lines, entry.source, entry.reviewed, qid), meta=meta)]
    runner_up = result.alternatives[:1] if result.margin < deps.config.citizen.choice_margin and not result.also else []
    extra = _topic_buttons(deps, [x for x in runner_up if x != topic])
    reply = show_entry(deps, topic, qid, extra)
    body = reply.text + ("\n\n" + texts.CLOSE_ALTERNATIVE if extra else "")
    return [Outgoing(body, reply.buttons, meta=meta)]


def _not_covered(deps: Deps, topic: str, facets: list[str], kinds: tuple[str, ...]) -> list[str]:
    """«mất bao lâu? chi phí bao nhiêu?» when only the time has a sub-question: the entry's own lines about the fee,
    or a plain line that the bot does not know it (never silence that reads as «no fee»)."""
    covered = set().union(*(deps.matcher.facet_kinds(topic, f) for f in facets))
    lines = []
    for kind in (k for k in kinds if k in STRICT_KINDS and k not in covered):
        lines.append(deps.matcher.lines_about(topic, (kind,)) or texts.NOT_STATED.format(what=texts.KIND_NAMES[kind]))
    return list(dict.fromkeys(lines))


def _local_text(deps: Deps, result: MatchResult) -> tuple[str, bool]:
    """The unfilled text an answer will show, and whether it is the whole entry (for ``commune.ask_first``)."""
    entry = deps.kb.entries[result.topic]
    if result.facet is not None:
        facet = entry.facet(result.facet)
        return (facet.answer if facet else ""), False
    return (result.lines, False) if result.lines else (entry.answer, True)


def choose_in_range(count: int) -> list[Outgoing]:
    """A number (or «quay lại») that picks none of the numbered choices just offered."""
    return [Outgoing(texts.CHOOSE_IN_RANGE.format(n=count))]


def _back_buttons(deps: Deps, entry: Entry) -> list[Button]:
    """A topic answer leads back to its menu group and to the main menu (not for greeting, thanks, help)."""
    if entry.smalltalk:
        return []
    index = next((i for i, g in enumerate(deps.kb.groups) if entry.id in g.entry_ids), None)
    if index is None:
        return [Button(texts.MENU_BUTTON, "m")]
    return [Button(texts.BACK_TO_GROUP.format(group=deps.kb.groups[index].name), f"g:{index}"),
            Button(texts.MENU_BUTTON, "m")]


def _menu_topics(deps: Deps, index: int) -> list[str]:
    """The entries a group shows in the menu: its topics, not greeting, thanks or help."""
    return [i for i in deps.kb.groups[index].entry_ids if not deps.kb.entries[i].smalltalk]


def handoff_button(deps: Deps, channel: str) -> list[Button]:
    """«Hỏi cán bộ xã», where an officer's answer can reach this channel."""
    if deps.config.handoff.enabled and channel in tickets.ANSWERABLE_CHANNELS:
        return [Button(texts.HANDOFF_BUTTON, "mh:ask")]
    return []


def show_menu(deps: Deps, intro: str = texts.MENU, channel: str = "") -> list[Outgoing]:
    """The topic groups of the knowledge base as buttons, the notices subscription where the channel can push them,
    and «Hỏi cán bộ xã» where an answer can reach it."""
    buttons = [Button(group.name, f"g:{i}") for i, group in enumerate(deps.kb.groups) if _menu_topics(deps, i)]
    if channel in PUSH_CHANNELS:
        buttons.append(Button(texts.SUBSCRIBE_BUTTON, "s:1"))
    buttons += handoff_button(deps, channel)
    return [Outgoing(intro, tuple(buttons))]


def menu(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/menu, a fixed word or the ``m`` button: the menu for this channel."""
    return show_menu(turn.deps, channel=turn.msg.channel)


def subscribe(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/theodoi: the commune's notices («loa phường»)."""
    return set_subscription(turn, True)


def unsubscribe(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/huytheodoi: no more notices."""
    return set_subscription(turn, False)


def subscribe_button(turn: Turn, payload: str) -> list[Outgoing]:
    """``s:1`` subscribes, ``s:0`` unsubscribes."""
    return set_subscription(turn, payload == "s:1")


def set_subscription(turn: Turn, on: bool) -> list[Outgoing]:
    """Subscribe to or unsubscribe from the commune's notices (also the fixed words «theo dõi», «hủy theo dõi»)."""
    deps, msg = turn.deps, turn.msg
    if on and msg.channel in PUSH_CHANNELS and (ask := commune.ask_first(turn, {"payload": "s:1"})):
        return ask  # a province: the notices of the citizen's own commune
    commune_name = deps.config.organisation.commune
    if on and msg.channel not in PUSH_CHANNELS:
        return [Outgoing(texts.SUBSCRIBE_NOT_HERE.format(commune=commune_name))]
    if on:
        new = deps.store.subscribe(msg.channel, msg.user_id, msg.chat_id, deps.now().isoformat())
        return [Outgoing((texts.SUBSCRIBED if new else texts.ALREADY_SUBSCRIBED).format(commune=commune_name))]
    gone = deps.store.unsubscribe(msg.channel, msg.user_id)
    return [Outgoing((texts.UNSUBSCRIBED if gone else texts.NOT_SUBSCRIBED).format(commune=commune_name))]


def show_group(deps: Deps, index: int, page: int = 0) -> list[Outgoing]:
    """One page of a menu group's topics, with «Xem thêm» when there are more and a way back to the menu."""
    topics = _menu_topics(deps, index) if 0 <= index < len(deps.kb.groups) else []
    start = page * GROUP_PAGE_SIZE
    if not topics or not 0 <= start < len(topics):
        return [Outgoing(texts.STALE_BUTTON, (Button(texts.MENU_BUTTON, "m"),))]
    buttons = _topic_buttons(deps, topics[start:start + GROUP_PAGE_SIZE])
    if start + GROUP_PAGE_SIZE < len(topics):
        buttons.append(Button(texts.MORE_BUTTON, f"g:{index}:{page + 1}"))
    buttons.append(Button(texts.MENU_BUTTON, "m"))
    return [Outgoing(texts.GROUP.format(group=deps.kb.groups[index].name), tuple(buttons))]


def group_button(turn: Turn, payload: str) -> list[Outgoing]:
    """``g:<group>[:<page>]``: a group of the menu."""
    group, _, page = payload.partition(":")[2].partition(":")
    if group.isascii() and group.isdigit() and (not page or page.isascii() and page.isdigit()):
        return show_group(turn.deps, int(group), int(page or 0))
    return [Outgoing(texts.STALE_BUTTON)]


def topic_button(turn: Turn, payload: str) -> list[Outgoing]:
    """``t:<entry id>``: an entry chosen from the menu (in a province, one about an office asks the commune first)."""
    entry = turn.deps.kb.entries.get(payload.partition(":")[2])
    if entry and (ask := commune.ask_first(turn, {"payload": payload}, entry.answer)):
        return ask
    return show_topic(turn.deps, payload.partition(":")[2])


def show_topic(deps: Deps, entry_id: str) -> list[Outgoing]:
    """An entry chosen from a button (it becomes the conversation's topic)."""
    if entry_id not in deps.kb.entries:
        return [Outgoing(texts.STALE_BUTTON, (Button(texts.MENU_BUTTON, "m"),))]
    return _answered(entry_id, [show_entry(deps, entry_id)])


def feedback_button(turn: Turn, payload: str) -> list[Outgoing]:
    """``f:<question id>:<1|0>``: store 👍/👎 for a question this person asked."""
    qid, _, vote = payload.partition(":")[2].partition(":")
    if not (qid.isascii() and qid.isdigit() and vote in ("0", "1")):
        return [Outgoing(texts.STALE_BUTTON)]
    helpful = vote == "1"
    try:
        turn.deps.store.set_feedback(int(qid), helpful, turn.msg.channel, turn.msg.user_id)
    except NotFoundError:
        return [Outgoing(texts.STALE_BUTTON)]
    thanks = texts.FEEDBACK_THANKS_YES if helpful else texts.FEEDBACK_THANKS_NO
    return [Outgoing(thanks, meta=ReplyMeta(drop_buttons="f:"))]


def start(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/start [topic id]: greeting and the menu, or the topic a deep link points at."""
    deps = turn.deps
    if argument in deps.kb.entries:
        return [show_entry(deps, argument)]
    greeting = deps.kb.entries.get("greeting")
    intro = greeting.answer if greeting else texts.MENU
    notice = texts.PRIVACY_SHORT.format(days=deps.config.privacy.retention_days)
    return show_menu(deps, f"{intro}\n\n{notice}", turn.msg.channel)


def privacy(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/quyenriengtu: what is kept, why, for how long, and the citizen's rights."""
    deps = turn.deps
    org = deps.config.organisation
    return [Outgoing(texts.PRIVACY_FULL.format(team=org.name, days=deps.config.privacy.retention_days,
                                               contact=org.contact))]


def forget_me(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/xoadulieu: show what is kept about this account and ask to confirm its deletion."""
    data = turn.deps.store.personal_data(turn.msg.channel, turn.msg.user_id)
    if not (data["questions"] or data["subscribed"] or data["sessions"] or data["tickets"] or data["commune"]):
        return [Outgoing(texts.FORGET_NOTHING)]
    recent = "; ".join(f"«{q[:80]}»" for q in data["recent"])
    text = texts.FORGET_SUMMARY.format(
        questions=data["questions"], feedback=data["feedback"],
        subscribed=texts.FORGET_SUBSCRIBED if data["subscribed"] else texts.FORGET_NOT_SUBSCRIBED,
        tickets=(texts.FORGET_TICKETS.format(tickets=data["tickets"]) if data["tickets"] else "")
        + (texts.FORGET_COMMUNE.format(commune=commune.name(turn.deps.config, data["commune"]))
           if data["commune"] else ""),
        recent=texts.FORGET_RECENT.format(questions=recent) if recent else "")
    if turn.person:
        text += texts.FORGET_TEAM_NOTE
    return [Outgoing(text, (Button(texts.FORGET_YES, "x:ok"), Button(texts.FORGET_NO, "x:no")))]


def forget_button(turn: Turn, payload: str) -> list[Outgoing]:
    """The answer to /xoadulieu's question (``x:ok`` or ``x:no``): delete everything kept about this account, or
    nothing."""
    if payload != "x:ok":
        return [Outgoing(texts.FORGET_KEPT.format(days=turn.deps.config.privacy.retention_days))]
    gone = turn.deps.store.forget_person(turn.msg.channel, turn.msg.user_id)
    turn.session.clear()  # the core must not write the conversation back
    tickets = texts.FORGET_DONE_TICKETS.format(tickets=gone["tickets"]) if gone["tickets"] else ""
    return [Outgoing(texts.FORGET_DONE.format(questions=gone["questions"], subscriptions=gone["subscriptions"],
                                              tickets=tickets))]


def _answered(topic: str, replies: list[Outgoing]) -> list[Outgoing]:
    """Mark the first reply as a confident answer on ``topic`` (what ``ask --json`` reports)."""
    first = replies[0]
    meta = ReplyMeta(topic=topic, confidence=1.0, fallback=False)
    return [Outgoing(first.text, first.buttons, first.picture, first.file, first.filename, meta), *replies[1:]]


def help_(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/help for a citizen: what the bot can do, and the menu."""
    entry = turn.deps.kb.entries.get("help")
    return _answered("help", show_menu(turn.deps, entry.answer if entry else texts.MENU, turn.msg.channel))


def hotline(turn: Turn, argument: str = "") -> list[Outgoing]:
    """/hotline: the hotline entry."""
    return _answered("hotline", [show_entry(turn.deps, "hotline")])


def is_menu_request(text: str) -> str | None:
    """Which fixed word the text is ("menu", "help", "hotline"), or None."""
    folded = fold_words(text)
    if folded in WORDS.menu:
        return "menu"
    if folded in WORDS.help:
        return "help"
    if folded in WORDS.hotline:
        return "hotline"
    return None
