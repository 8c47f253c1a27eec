"""Jobs the tests send to the renderer process (``bot.offload``), in a module of their own: the spawned process
imports the module of each function it unpickles, and this one imports nothing (a test module would bring
python-telegram-bot, httpx and the bot's channels into it: ~1–2 s of a niced process's CPU per test)."""


def leave_a_cycle() -> None:
    """Leave garbage only the cycle collector frees, as a chart does."""
    cycle: list = []
    cycle.append(cycle)
