"""Commune leaders' notices to every subscribed citizen: ``/thongbao TEXT``, a preview, then «Gửi»."""

from __future__ import annotations

from bot import texts
from bot.handlers.leader import leader_guard
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing

MAX_CHARS = 3000


def broadcast(turn: Turn, argument: str) -> list[Outgoing]:
    """/thongbao TEXT: preview a notice for every subscriber; it goes out when the leader presses «Gửi»."""
    if refusal := leader_guard(turn):
        return refusal
    text = argument.strip()
    if len(text) < 5:
        return [Outgoing(texts.BROADCAST_USAGE)]
    turn.session.clear()
    turn.session.update(flow="broadcast", text=text[:MAX_CHARS])
    preview = texts.BROADCAST_PREVIEW.format(n=len(turn.deps.store.subscribers()), text=text[:MAX_CHARS])
    return [Outgoing(preview, (Button(texts.BROADCAST_SEND, "b:ok"), Button(texts.BUTTON_CANCEL, "b:cancel")))]


def broadcast_button(turn: Turn, payload: str) -> list[Outgoing]:
    """«Gửi» / «Hủy» under a broadcast preview; the outbox delivers it within the rate limits."""
    if refusal := leader_guard(turn):
        return refusal
    if turn.session.get("flow") != "broadcast":
        return [Outgoing(texts.STALE_BUTTON)]
    text = turn.session["text"]
    turn.session.clear()
    if payload != "b:ok":
        return [Outgoing(texts.CANCELLED)]
    broadcast_id, total = turn.deps.store.add_broadcast(text, turn.person["id"], turn.now.isoformat())
    return [Outgoing(texts.BROADCAST_QUEUED.format(id=broadcast_id, n=total))]
