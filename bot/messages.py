"""Channel-neutral messages: what a channel adapter hands to the core and what it gets back.

Usage::

    reply = core.handle(Incoming(channel="console", user_id="1", chat_id="1", text="dang ky tam tru"))
    for out in reply:
        print(out.text, [b.label for b in out.buttons])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.channels import REGISTRY


class Kind(StrEnum):
    """What the user sent."""

    TEXT = "text"
    BUTTON = "button"  # a press on one of our buttons; ``payload`` holds its data
    STICKER = "sticker"
    PHOTO = "photo"
    VOICE = "voice"
    VIDEO = "video"
    DOCUMENT = "document"
    LOCATION = "location"
    CONTACT = "contact"
    OTHER = "other"


PUSH_CHANNELS = frozenset(name for name, (_, push, _) in REGISTRY.items() if push)  # can get proactive messages
# can show a reply that comes later (an officer's answer): push channels, and the web chat on its next poll
LATE_REPLY_CHANNELS = frozenset(name for name, (_, _, later) in REGISTRY.items() if later)


def clean_text(text: str) -> str:
    """``text`` without lone surrogates (they cannot be encoded, stored or sent): each becomes U+FFFD, a pair of
    surrogates becomes the character it stands for."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message or button press. ``message_id`` is the platform's id of the update, unique within the channel
    (empty when the channel has none): the core handles an update with an id at most once."""

    channel: str
    user_id: str
    chat_id: str
    text: str = ""
    kind: Kind = Kind.TEXT
    payload: str = ""
    display_name: str = ""
    message_id: str = ""
    reply_to: str = ""  # text of the message this one replies to (an officer answering a ticket by replying)
    commune: str = ""  # a province: the commune key the link or account it came by names (web page, commune OA)

    def __post_init__(self) -> None:  # text is cleaned at the edge, whatever the channel
        for name in ("user_id", "chat_id", "text", "payload", "display_name", "message_id", "commune"):
            value = getattr(self, name)
            if not value.isascii():
                object.__setattr__(self, name, clean_text(value))


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    payload: str  # short ASCII, at most 64 bytes (Telegram's callback_data limit)

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > 64:
            raise ValueError(f"button payload over 64 bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class ReplyMeta:
    """What a reply means, for channels and ``ask --json``: never shown to the person.

    ``question_id`` points feedback buttons at a logged question; ``topic`` / ``facet`` name the knowledge entry and
    sub-question answered (None on a fallback); ``drop_buttons`` asks the channel to remove the buttons with that
    payload prefix from the message pressed; ``joined_as`` is the role of a person who has just joined the team.
    """

    question_id: int | None = None
    topic: str | None = None
    facet: str | None = None
    confidence: float = 0.0
    fallback: bool = True
    drop_buttons: str | None = None
    joined_as: str | None = None


@dataclass(frozen=True, slots=True)
class Outgoing:
    text: str = ""
    buttons: tuple[Button, ...] = ()
    picture: bytes | None = None  # PNG bytes
    file: bytes | None = None
    filename: str = ""
    meta: ReplyMeta | None = field(default=None, compare=False)


def reply_record(reply: Outgoing) -> dict:
    """A reply as JSON-ready data, kept until it is delivered (a picture or file is kept as its caption only)."""
    return {"text": reply.text, "buttons": [[b.label, b.payload] for b in reply.buttons]}


def reply_from_record(record: dict) -> Outgoing:
    buttons = tuple(Button(label, payload) for label, payload in record.get("buttons", []))
    return Outgoing(record.get("text", ""), buttons)


CHOICE_HINT = "Gõ số để chọn:"


def numbered_choices(buttons: tuple[Button, ...] | list[Button]) -> str:
    """Plain-text fallback for buttons, for channels without them (console, Zalo)."""
    return "\n".join(f"{i}. {b.label}" for i, b in enumerate(buttons, 1))


def render_plain(reply: Outgoing) -> str:
    """A reply as plain text: its text, placeholders for a picture or file, buttons as numbered lines.

    The core remembers the offered buttons, so typing a number picks one on channels without buttons.
    """
    parts = [reply.text] if reply.text else []
    if reply.picture is not None:
        parts.append("[hình ảnh]")
    if reply.file is not None:
        parts.append(f"[tệp: {reply.filename or 'tệp đính kèm'}]")
    if reply.buttons:
        parts.append(f"{CHOICE_HINT}\n{numbered_choices(reply.buttons)}")
    return "\n".join(parts)


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters, at paragraph, line or word boundaries."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not chunks:
        chunks.append(rest)
    return chunks


class Unreachable(Exception):
    """The channel cannot deliver to this user now (e.g. outside Zalo OA's reply window); retrying will not help."""
