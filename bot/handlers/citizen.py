"""Citizen conversations: answer questions from the knowledge base, menus, hotline, feedback.

Every function takes the dependencies and the incoming message and returns the replies. Button payloads:
``t:<entry id>`` shows an entry, ``g:<n>`` a group of the menu, ``m`` the menu, ``f:<question id>:<1|0>`` feedback.
"""

from __future__ import annotations

from bot import texts, tickets
from bot.deps import Deps
from bot.messages import PUSH_CHANNELS, Button, Incoming, Outgoing, ReplyMeta
from bot.storage import NotFoundError
from knowledge.loader import Entry
from nlu.normalize import fold_words

MENU_WORDS = {"menu", "danh muc", "chu de", "cac chu de", "xem menu"}
SUBSCRIBE_WORDS = {"nhan thong bao": True, "dang ky nhan thong bao": True, "theo doi": True,
                   "huy nhan thong bao": False, "dung nhan thong bao": False, "huy theo doi": False}
HELP_WORDS = {"help", "tro giup", "huong dan su dung"}
HOTLINE_WORDS = {"hotline"}


def _entry_text(deps: Deps, entry: Entry) -> str:
    answer = entry.answer.replace("{local_contact}", deps.config.organisation.contact)
    if entry.smalltalk:
        return answer
    source = texts.SOURCE_LINE.format(source=entry.source, reviewed=entry.reviewed.strftime("%d/%m/%Y"))
    return f"{answer}\n\n{source}"


def _topic_buttons(deps: Deps, ids: list[str]) -> list[Button]:
    return [Button(deps.kb.entries[i].title, f"t:{i}") for i in ids if i in deps.kb.entries]


def _feedback_buttons(question_id: int) -> list[Button]:
    return [Button(texts.FEEDBACK_YES, f"f:{question_id}:1"), Button(texts.FEEDBACK_NO, f"f:{question_id}:0")]


def show_entry(deps: Deps, entry_id: str, question_id: int | None = None, extra: list[Button] = ()) -> Outgoing:
    """One knowledge entry with its source, related topics and (for a logged question) feedback buttons."""
    entry = deps.kb.entries[entry_id]
    buttons = list(extra) + _topic_buttons(deps, entry.related)
    if question_id is not None and not entry.smalltalk:
        buttons += _feedback_buttons(question_id)
    return Outgoing(_entry_text(deps, entry), tuple(buttons))


def answer_question(deps: Deps, msg: Incoming, text: str) -> list[Outgoing]:
    """Match a free-text question; answer it, or say plainly that the bot does not know."""
    result = deps.matcher.match(text)
    threshold = deps.config.citizen.answer_threshold
    fallback = result.topic is None or result.confidence < threshold
    topic = None if fallback else result.topic
    qid = deps.store.log_question(msg.channel, msg.user_id, text, topic, result.confidence, fallback)
    meta = ReplyMeta(question_id=qid, topic=topic, confidence=result.confidence, fallback=fallback)
    if fallback:
        body = texts.FALLBACK.format(contact=deps.config.organisation.contact)
        close_call = result.margin < deps.config.citizen.choice_margin
        suggestions = [result.topic] if result.topic else list(result.alternatives[:2]) if close_call else []
        if result.topic and close_call:
            suggestions += result.alternatives[:1]
        buttons = _topic_buttons(deps, suggestions)
        if buttons:
            body += "\n\n" + texts.FALLBACK_SUGGEST
        buttons += handoff_button(deps, msg.channel)
        buttons.append(Button(texts.MENU_BUTTON, "m"))
        return [Outgoing(body, tuple(buttons), meta=meta)]
    runner_up = result.alternatives[:1] if result.margin < deps.config.citizen.choice_margin else []
    extra = _topic_buttons(deps, list(runner_up))
    reply = show_entry(deps, topic, qid, extra)
    text = reply.text
    if extra:
        text += "\n\n" + texts.CLOSE_ALTERNATIVE
    return [Outgoing(text, reply.buttons, meta=meta)]


def handoff_button(deps: Deps, channel: str) -> list[Button]:
    """«Hỏi cán bộ xã», where an officer's answer can reach this channel."""
    if deps.config.handoff.enabled and channel in tickets.ANSWERABLE_CHANNELS:
        return [Button(texts.HANDOFF_BUTTON, "h:ask")]
    return []


def show_menu(deps: Deps, intro: str = texts.MENU, channel: str = "") -> list[Outgoing]:
    """The topic groups of the knowledge base as buttons, the notices subscription and «Hỏi cán bộ xã»."""
    buttons = [Button(group.name, f"g:{i}") for i, group in enumerate(deps.kb.groups)]
    buttons.append(Button(texts.SUBSCRIBE_BUTTON, "s:1"))
    buttons += handoff_button(deps, channel)
    return [Outgoing(intro, tuple(buttons))]


def subscribe(deps: Deps, msg: Incoming, on: bool) -> list[Outgoing]:
    """/theodoi and /huytheodoi: the commune's notices («loa phường»)."""
    commune = deps.config.organisation.commune
    if on and msg.channel not in PUSH_CHANNELS:
        return [Outgoing(texts.SUBSCRIBE_NOT_HERE.format(commune=commune))]
    if on:
        new = deps.store.subscribe(msg.channel, msg.user_id, msg.chat_id, deps.now().isoformat())
        return [Outgoing((texts.SUBSCRIBED if new else texts.ALREADY_SUBSCRIBED).format(commune=commune))]
    gone = deps.store.unsubscribe(msg.channel, msg.user_id)
    return [Outgoing((texts.UNSUBSCRIBED if gone else texts.NOT_SUBSCRIBED).format(commune=commune))]


def show_group(deps: Deps, index: int) -> list[Outgoing]:
    """The entries of one menu group."""
    if not 0 <= index < len(deps.kb.groups):
        return [Outgoing(texts.STALE_BUTTON, (Button(texts.MENU_BUTTON, "m"),))]
    group = deps.kb.groups[index]
    return [Outgoing(texts.GROUP.format(group=group.name), tuple(_topic_buttons(deps, list(group.entry_ids))))]


def show_topic(deps: Deps, entry_id: str) -> list[Outgoing]:
    """An entry chosen from a button."""
    if entry_id not in deps.kb.entries:
        return [Outgoing(texts.STALE_BUTTON, (Button(texts.MENU_BUTTON, "m"),))]
    return [show_entry(deps, entry_id)]


def record_feedback(deps: Deps, msg: Incoming, question_id: int, helpful: bool) -> list[Outgoing]:
    """Store 👍/👎 for a question this person asked."""
    try:
        deps.store.set_feedback(question_id, helpful, msg.channel, msg.user_id)
    except NotFoundError:
        return [Outgoing(texts.STALE_BUTTON)]
    thanks = texts.FEEDBACK_THANKS_YES if helpful else texts.FEEDBACK_THANKS_NO
    return [Outgoing(thanks, meta=ReplyMeta(drop_buttons="f:"))]


def start(deps: Deps, argument: str = "") -> list[Outgoing]:
    """/start [topic id]: greeting and the menu, or the topic a deep link points at."""
    if argument in deps.kb.entries:
        return [show_entry(deps, argument)]
    greeting = deps.kb.entries.get("greeting")
    intro = greeting.answer if greeting else texts.MENU
    notice = texts.PRIVACY_SHORT.format(days=deps.config.privacy.retention_days)
    return show_menu(deps, f"{intro}\n\n{notice}")


def privacy(deps: Deps) -> list[Outgoing]:
    """/quyenriengtu: what is kept, why, for how long, and the citizen's rights."""
    org = deps.config.organisation
    return [Outgoing(texts.PRIVACY_FULL.format(team=org.name, days=deps.config.privacy.retention_days,
                                               contact=org.contact))]


def forget_me(deps: Deps, msg: Incoming, person: dict | None) -> list[Outgoing]:
    """/xoadulieu: show what is kept about this account and ask to confirm its deletion."""
    data = deps.store.personal_data(msg.channel, msg.user_id)
    if not (data["questions"] or data["subscribed"] or data["sessions"] or data["tickets"]):
        return [Outgoing(texts.FORGET_NOTHING)]
    recent = "; ".join(f"«{q[:80]}»" for q in data["recent"])
    text = texts.FORGET_SUMMARY.format(
        questions=data["questions"], feedback=data["feedback"],
        subscribed=texts.FORGET_SUBSCRIBED if data["subscribed"] else texts.FORGET_NOT_SUBSCRIBED,
        tickets=texts.FORGET_TICKETS.format(tickets=data["tickets"]) if data["tickets"] else "",
        recent=texts.FORGET_RECENT.format(questions=recent) if recent else "")
    if person:
        text += texts.FORGET_TEAM_NOTE
    return [Outgoing(text, (Button(texts.FORGET_YES, "x:ok"), Button(texts.FORGET_NO, "x:no")))]


def forget_button(deps: Deps, msg: Incoming, session: dict, confirmed: bool) -> list[Outgoing]:
    """The answer to /xoadulieu's question: delete everything kept about this account, or nothing."""
    if not confirmed:
        return [Outgoing(texts.FORGET_KEPT.format(days=deps.config.privacy.retention_days))]
    gone = deps.store.forget_person(msg.channel, msg.user_id)
    session.clear()  # the core must not write the conversation back
    tickets = texts.FORGET_DONE_TICKETS.format(tickets=gone["tickets"]) if gone["tickets"] else ""
    return [Outgoing(texts.FORGET_DONE.format(questions=gone["questions"], subscriptions=gone["subscriptions"],
                                              tickets=tickets))]


def _answered(topic: str, replies: list[Outgoing]) -> list[Outgoing]:
    """Mark the first reply as a confident answer on ``topic`` (what ``ask --json`` reports)."""
    first = replies[0]
    meta = ReplyMeta(topic=topic, confidence=1.0, fallback=False)
    return [Outgoing(first.text, first.buttons, first.picture, first.file, first.filename, meta), *replies[1:]]


def help_(deps: Deps) -> list[Outgoing]:
    """/help: what the bot can do, and the menu."""
    entry = deps.kb.entries.get("help")
    return _answered("help", show_menu(deps, entry.answer if entry else texts.MENU))


def hotline(deps: Deps) -> list[Outgoing]:
    """/hotline: the hotline entry."""
    return _answered("hotline", [show_entry(deps, "hotline")])


def is_menu_request(text: str) -> str | None:
    """Which fixed word the text is ("menu", "help", "hotline"), or None."""
    folded = fold_words(text)
    if folded in MENU_WORDS:
        return "menu"
    if folded in HELP_WORDS:
        return "help"
    if folded in HOTLINE_WORDS:
        return "hotline"
    return None
