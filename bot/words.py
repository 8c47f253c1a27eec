"""The fixed words the bot understands, in one place. Every key is folded (``nlu.normalize.fold_words``: lower
case, no diacritics, single spaces), so «Báo cáo», «bao cao» and «BÁO  CÁO» are the same word.

Usage::

    from bot.words import TEAM_WORDS
    TEAM_WORDS.get(fold_words(text))          # "report", "edit", "tasks", "summary", "cancel" or None
"""

from __future__ import annotations

# -- anyone (bot/handlers/citizen.py) --------------------------------------------------------------------------
MENU_WORDS = {"menu", "danh muc", "chu de", "cac chu de", "xem menu"}
SUBSCRIBE_WORDS = {"nhan thong bao": True, "dang ky nhan thong bao": True, "theo doi": True,
                   "huy nhan thong bao": False, "dung nhan thong bao": False, "huy theo doi": False}
HELP_WORDS = {"help", "tro giup", "huong dan su dung"}
HOTLINE_WORDS = {"hotline"}

# -- team members: plain words instead of commands (bot/core.py) ----------------------------------------------
TEAM_WORDS = {
    "bao cao": "report", "nop bao cao": "report", "nop so lieu": "report", "gui so lieu": "report",
    "bao cao so lieu": "report", "sua bao cao": "edit", "sua so lieu": "edit", "viec cua toi": "tasks",
    "viec": "tasks", "nhiem vu": "tasks", "tong hop": "summary", "huy": "cancel",
}

# -- inside a conversation: the report, a task note, a broadcast (bot/handlers/member.py) ---------------------
SKIP_WORDS = {"bo qua", "bo", "skip", "khong co", "ko co", "k co"}
BACK_WORDS = {"quay lai", "lai", "back", "tro lai"}
CANCEL_WORDS = {"huy", "/huy", "thoi", "dung", "huy bo", "cancel"}

# -- roles in a roster file or a /moi command (bot/roster.py) ---------------------------------------------------
ROLE_WORDS = {"to truong": "leader", "totruong": "leader", "leader": "leader", "to pho": "deputy", "topho": "deputy",
              "deputy": "deputy", "thanh vien": "member", "thanhvien": "member", "member": "member",
              "to vien": "member"}

# -- ending a console chat (bot/channels/console.py; compared lower-cased, not folded) --------------------------
BYE_WORDS = {"exit", "quit", "thoat", "thoát", "/exit", "/quit"}
