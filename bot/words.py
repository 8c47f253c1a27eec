"""The fixed words the bot understands, in one place. Every key is folded (``nlu.normalize.fold_words``: lower
case, no diacritics, single spaces), so «Báo cáo», «bao cao» and «BÁO  CÁO» are the same word.

Usage::

    from bot.words import CANCEL_WORDS
    fold_words(text) in CANCEL_WORDS          # «Hủy», «thôi», «dừng» …

Phrases with a period in them (a team member's «báo cáo tháng 11») are patterns, in bot/handlers/team_text.py.
"""

from __future__ import annotations

# -- anyone (bot/handlers/citizen.py) --------------------------------------------------------------------------
MENU_WORDS = {"menu", "danh muc", "chu de", "cac chu de", "xem menu"}
SUBSCRIBE_WORDS = {"nhan thong bao": True, "dang ky nhan thong bao": True, "theo doi": True,
                   "huy nhan thong bao": False, "dung nhan thong bao": False, "huy theo doi": False}
HELP_WORDS = {"help", "tro giup", "huong dan su dung"}
HOTLINE_WORDS = {"hotline"}

# -- inside a conversation: the report, a task note, a broadcast (bot/handlers/report.py, tasks.py) -----------
SKIP_WORDS = {"bo qua", "bo", "skip", "khong co", "ko co", "k co"}
BACK_WORDS = {"quay lai", "lai", "back", "tro lai"}
CANCEL_WORDS = {"huy", "/huy", "thoi", "dung", "huy bo", "cancel"}
YES_WORDS = {"dung", "co", "ok", "yes", "chac chan", "giu"}
CONFIRM_WORDS = {"xac nhan", "ok", "dong y", "gui"}
NO_NOTE_WORDS = {"khong", "ko", "k", "khong co"}

# -- roles in a roster file or a /moi command (bot/team/roster.py) ----------------------------------------------
# folded role words -> (role, where): where is "village", "commune" or None (the village column decides)
ROLE_WORDS = {
    "to truong": ("leader", None), "totruong": ("leader", None), "leader": ("leader", None),
    "to truong thon": ("leader", "village"), "to truong xa": ("leader", "commune"),
    "to pho": ("deputy", "commune"), "topho": ("deputy", "commune"), "deputy": ("deputy", "commune"),
    "to pho xa": ("deputy", "commune"),
    "thanh vien": ("member", "village"), "thanhvien": ("member", "village"), "member": ("member", "village"),
    "to vien": ("member", "village"),
    # a province's roster (issue #15): leaders and officers of a commune, a department or the province
    "lanh dao": ("leader", "commune"), "lanh dao don vi": ("leader", "commune"),
    "can bo": ("deputy", "commune"), "can bo tinh": ("deputy", "commune"), "chuyen vien": ("deputy", "commune"),
}

# -- ending a console chat (bot/channels/console.py; compared lower-cased, not folded) --------------------------
BYE_WORDS = {"exit", "quit", "thoat", "thoát", "/exit", "/quit"}

# -- a citizen's commune in a province (bot/handlers/commune.py) ------------------------------------------------
COMMUNE_WORDS = {"doi xa", "doi phuong", "doi xa phuong", "chon xa", "chon phuong", "chon lai xa", "doi dia phuong",
                 "xa cua toi", "phuong cua toi", "doi noi o"}
COMMUNE_FILLERS = ("toi o", "minh o", "em o", "chau o", "nha toi o", "nha o", "o", "tai", "thuoc", "la")
