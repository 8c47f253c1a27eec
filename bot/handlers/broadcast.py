"""Leaders' notices to subscribed citizens: ``/thongbao TEXT``, a preview, then «Gửi» — scoped by the tree.

A commune's leaders reach their commune's subscribers; the root's leaders (the province, or today's one commune)
everyone, or in a province the communes they choose: by name in front of the text («/thongbao An Dũng, Đức Thọ:
nội dung») or with «🏘 Chọn xã, phường» under the preview (a page of communes to tick). The rules are in
:mod:`bot.team.audience`. Payloads: ``b:ok`` send, ``b:cancel``, ``b:all`` back to everyone, ``b:pick:<page>`` the
communes, ``b:t:<commune>:<page>`` tick or untick one.
"""

from __future__ import annotations

from bot import texts
from bot.handlers.turn import Turn
from bot.messages import Button, Outgoing
from bot.team.audience import audience, communes, reach
from bot.team.units import tree

MAX_CHARS = 3000
PAGE = 8


def _province(turn: Turn) -> bool:
    """Whether the person may choose communes: a root leader of a tree with several communes."""
    return reach(turn.scope) is None and turn.deps.config.several_communes


def _refusal(turn: Turn) -> list[Outgoing] | None:
    if turn.person is None:
        return [Outgoing(texts.TEAM_ONLY)]
    if reach(turn.scope) is False:
        return [Outgoing(texts.LEADERS_ONLY)]
    return None


def _named(turn: Turn, argument: str) -> tuple[list[str] | None, str]:
    """Communes named before a colon («An Dũng, Đức Thọ: nội dung»), and the notice; (None, argument) if the words
    before the colon do not all name a commune."""
    head, colon, rest = argument.partition(":")
    if not colon or len(head) > 200:
        return None, argument
    org = tree(turn.deps.config)
    keys = []
    for piece in head.replace(";", ",").split(","):
        found = org.find(piece.strip(), kinds=("commune",)) if piece.strip() else []
        if len(found) != 1:
            return None, argument
        keys += [k for k in found if k not in keys]
    return keys, rest.strip()


def broadcast(turn: Turn, argument: str) -> list[Outgoing]:
    """/thongbao [xã, …:] TEXT: preview a notice for the subscribers the person may reach; it goes out on «Gửi»."""
    if refusal := _refusal(turn):
        return refusal
    allowed = reach(turn.scope)
    chosen, text = _named(turn, argument.strip()) if turn.deps.config.several_communes else (None, argument)
    if chosen is not None and allowed is not None and set(chosen) - set(allowed):
        return [Outgoing(texts.BROADCAST_OWN_COMMUNE.format(commune=turn.village_name(allowed[0])))]
    text = text.strip()
    if len(text) < 5:
        return [Outgoing(texts.BROADCAST_USAGE)]
    turn.session.clear()
    turn.session.update(flow="broadcast", text=text[:MAX_CHARS], communes=chosen if chosen is not None else allowed)
    return _preview(turn)


def _where(turn: Turn, chosen: list[str] | None) -> str:
    if chosen is None:
        return ""
    names = [turn.village_name(k) for k in chosen]
    return texts.BROADCAST_WHERE.format(communes=", ".join(names[:10]) + (" …" if len(names) > 10 else ""))


def _preview(turn: Turn) -> list[Outgoing]:
    chosen = turn.session.get("communes")
    n = len(audience(turn.deps.config, turn.deps.store, chosen))
    preview = texts.BROADCAST_PREVIEW.format(n=n, text=turn.session["text"])
    if chosen is None and _province(turn):
        preview = texts.BROADCAST_PREVIEW_ALL.format(n=n, text=turn.session["text"])
    elif chosen is not None:
        preview = texts.BROADCAST_PREVIEW_SCOPED.format(n=n, where=_where(turn, chosen), text=turn.session["text"])
    buttons = [Button(texts.BROADCAST_SEND, "b:ok")]
    if _province(turn):
        buttons.append(Button(texts.BROADCAST_PICK, "b:pick:0"))
    buttons.append(Button(texts.BUTTON_CANCEL, "b:cancel"))
    return [Outgoing(preview, tuple(buttons))]


def _page(turn: Turn, page: int) -> list[Outgoing]:
    """One page of the communes to tick (✅ the chosen ones), with «Gửi», «Toàn tỉnh» and «Hủy»."""
    keys = communes(turn.deps.config)
    pages = max(1, -(-len(keys) // PAGE))
    page = min(max(page, 0), pages - 1)
    chosen = turn.session.get("communes") or []
    buttons = [Button(("✅ " if k in chosen else "") + turn.village_name(k)[:50], f"b:t:{k}:{page}")
               for k in keys[page * PAGE:(page + 1) * PAGE]]
    if page + 1 < pages:
        buttons.append(Button(texts.MORE_BUTTON, f"b:pick:{page + 1}"))
    buttons += [Button(texts.BROADCAST_SEND, "b:ok"), Button(texts.BROADCAST_ALL, "b:all"),
                Button(texts.BUTTON_CANCEL, "b:cancel")]
    n = len(audience(turn.deps.config, turn.deps.store, chosen)) if chosen else 0
    text = texts.BROADCAST_CHOOSE.format(page=page + 1, pages=pages, n=n,
                                         chosen=", ".join(turn.village_name(k) for k in chosen) or texts.NONE_YET)
    return [Outgoing(text, tuple(buttons))]


def broadcast_button(turn: Turn, payload: str) -> list[Outgoing]:
    """The buttons under a preview; the outbox delivers the notice within the rate limits."""
    if refusal := _refusal(turn):
        return refusal
    if turn.session.get("flow") != "broadcast":
        return [Outgoing(texts.STALE_BUTTON)]
    action, _, rest = payload[2:].partition(":")
    if action in ("pick", "t", "all") and not _province(turn):
        return [Outgoing(texts.STALE_BUTTON)]
    if action == "pick":
        return _page(turn, int(rest) if rest.isascii() and rest.isdigit() else 0)
    if action == "t":
        key, _, page = rest.rpartition(":")
        if key not in communes(turn.deps.config):
            return [Outgoing(texts.STALE_BUTTON)]
        chosen = list(turn.session.get("communes") or [])
        turn.session["communes"] = [k for k in chosen if k != key] if key in chosen else [*chosen, key]
        return _page(turn, int(page) if page.isascii() and page.isdigit() else 0)
    if action == "all":
        turn.session["communes"] = None
        return _preview(turn)
    if action != "ok":
        turn.session.clear()
        return [Outgoing(texts.CANCELLED)]
    return _send(turn)


def _send(turn: Turn) -> list[Outgoing]:
    chosen, allowed = turn.session.get("communes"), reach(turn.scope)
    if chosen is not None and not chosen:
        return [Outgoing(texts.BROADCAST_NONE_CHOSEN)]
    if allowed is not None and (chosen is None or set(chosen) - set(allowed)):  # a scope changed meanwhile
        turn.session.clear()
        return [Outgoing(texts.STALE_BUTTON)]
    text = turn.session["text"]
    turn.session.clear()
    recipients = audience(turn.deps.config, turn.deps.store, chosen)
    sender = None if allowed is None else turn.village_name(allowed[0])  # a commune's notice says it is theirs
    broadcast_id, total = turn.deps.store.add_broadcast(text, turn.person["id"], turn.now.isoformat(),
                                                        recipients=recipients, communes=chosen, sender=sender)
    return [Outgoing(texts.BROADCAST_QUEUED.format(id=broadcast_id, n=total) + _where(turn, chosen))]
