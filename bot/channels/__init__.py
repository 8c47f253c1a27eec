"""The registry of chat channels: one line per channel,
``name: ("module:Class", can push proactive messages, can show a late reply when the person is back)``.

Adding a channel is one file in this package (a :class:`bot.channels.base.Channel`), one line here and its tests;
``python -m bot run`` and ``tick`` find it here. Plain data, so the core can read it without importing any
platform library.
"""

REGISTRY: dict[str, tuple[str, bool, bool]] = {
    "telegram": ("bot.channels.telegram:TelegramChannel", True, True),
    "zalo": ("bot.channels.zalo_bot:ZaloBotChannel", True, True),
    "zalo_oa": ("bot.channels.zalo_oa:ZaloOAChannel", True, True),
    "web": ("bot.channels.web:WebChannel", False, True),  # an officer's answer appears on the page's next poll
}
