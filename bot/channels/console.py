"""Console chat: the whole bot in a terminal, no token, no network. Buttons become numbered choices.

Usage::

    python -m bot chat
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from bot.core import Core
from bot.messages import Incoming, render_plain
from nlu.cues import WORDS
from nlu.normalize import fold_words

PROMPT = "Bạn: "


render = render_plain


def chat(core: Core, lines: Iterable[str] | None = None, out: TextIO | None = None, user_id: str = "console") -> None:
    """Run a conversation until end of input or "thoát"; ``lines`` defaults to interactive input, ``out`` to stdout."""
    out = out or sys.stdout  # looked up per call, not at import (tests and embedders replace sys.stdout)
    interactive = lines is None
    out.write("Trợ lý 06 — gõ câu hỏi, «menu» để xem chủ đề, «thoát» để kết thúc.\n")
    source = _prompt_lines() if interactive else lines
    for line in source:
        if fold_words(line) in WORDS.bye:
            break
        for reply in core.handle(Incoming(channel="console", user_id=user_id, chat_id=user_id, text=line)):
            out.write(f"Trợ lý 06: {render(reply)}\n\n")
        out.flush()
    out.write("Tạm biệt!\n")


def _prompt_lines() -> Iterable[str]:
    while True:
        try:
            yield input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            return
