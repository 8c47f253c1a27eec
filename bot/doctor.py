"""``python -m bot doctor``: is this installation ready to run? One line per check, a fix for each failure.

Usage::

    checks = run_checks(Settings())
    for check in checks:
        print(check.line())
    exit_code = 1 if any(c.status == FAIL for c in checks) else 0

Checks, in order: the configuration, the channel settings, each configured token (``getMe``), the Telegram webhook
(registered where the config says, and whether Telegram reports delivery errors), the database (writable, WAL,
integrity, size), the matcher's model cache, free disk space, and the clock's time zone. Network calls only go
to the APIs configured by the environment (``TELEGRAM_BASE_URL``, ``ZALO_BOT_BASE_URL``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import Config, ConfigError, Settings, load_config
from bot.formatting import vn_number

OK, WARN, FAIL = "OK", "WARN", "FAIL"
MIN_FREE_BYTES = 200 * 1024 * 1024
TIMEOUT = 10.0


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str
    fix: str = ""

    def line(self) -> str:
        fix = f" — fix: {self.fix}" if self.fix and self.status != OK else ""
        return f"{self.status:4s} {self.name}: {self.detail}{fix}"


def _size(n: int) -> str:
    if n >= 10 * 1024 ** 3:
        return f"{n / 1024 ** 3:.0f} GB"
    return f"{n / 1024 ** 2:.1f} MB" if n >= 1024 ** 2 else f"{vn_number(n // 1024)} kB"


def check_config(settings: Settings) -> tuple[Check, Config | None]:
    try:
        config = load_config(settings.config_path)
    except ConfigError as exc:
        return Check("config", FAIL, str(exc), "correct the key named above (see bot/config.py for each key)"), None
    return Check("config", OK, f"{settings.config_path}: {len(config.villages)} villages, "
                               f"{len(config.indicators)} indicators"), config


def check_channels(settings: Settings, config: Config) -> Check:
    from bot.channels.base import StartupError, channel_classes

    try:
        enabled = [cls for cls in channel_classes() if cls.enabled(settings, config)]
        for cls in enabled:
            cls.check(settings, config)
    except StartupError as exc:
        return Check("channels", FAIL, str(exc), "set the variables named above (README, Environment)")
    if not enabled:
        return Check("channels", FAIL, "no channel is configured", "set TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN or "
                     "ZALO_OA_APP_ID, or channels.web.enabled in config.yaml")
    return Check("channels", OK, ", ".join(cls.name for cls in enabled))


def _get(url: str) -> dict:
    import httpx

    response = httpx.get(url, timeout=TIMEOUT)
    try:
        return response.json()
    except ValueError:
        return {"ok": False, "description": f"HTTP {response.status_code}, not JSON"}


def check_telegram(settings: Settings, config: Config) -> list[Check]:
    import httpx

    base = (settings.telegram_base_url or "https://api.telegram.org/bot") + settings.telegram_bot_token.strip()
    try:
        me = _get(f"{base}/getMe")
    except httpx.HTTPError as exc:
        return [Check("telegram token", FAIL, f"cannot reach the Bot API ({exc.__class__.__name__})",
                      "check the network, a proxy, or TELEGRAM_BASE_URL")]
    if not me.get("ok"):
        return [Check("telegram token", FAIL, f"refused: {me.get('description', 'no description')}",
                      "copy the token again from @BotFather into TELEGRAM_BOT_TOKEN")]
    checks = [Check("telegram token", OK, f"@{me['result'].get('username')}")]
    info = _get(f"{base}/getWebhookInfo").get("result") or {}
    wanted, registered = config.channels.telegram.webhook_url, info.get("url") or ""
    pending = info.get("pending_update_count", 0)
    if info.get("last_error_message"):
        checks.append(Check("telegram webhook", FAIL, f"Telegram cannot deliver to {registered}: "
                            f"{info['last_error_message']} ({pending} updates waiting)",
                            "check the HTTPS reverse proxy forwards that path to channels.listen:port and its "
                            "certificate is valid; then `python -m bot run` again"))
    elif wanted and registered != wanted:
        checks.append(Check("telegram webhook", WARN, f"configured {wanted}, registered {registered or 'none'}",
                            "`python -m bot run` registers it at start"))
    elif not wanted and registered:
        checks.append(Check("telegram webhook", WARN, f"polling configured but a webhook is registered at "
                            f"{registered}", "`python -m bot run` removes it at start (polling)"))
    else:
        checks.append(Check("telegram webhook", OK, f"webhook {registered}, {pending} updates waiting" if registered
                            else "polling (no webhook registered)"))
    return checks


def check_zalo_bot(settings: Settings) -> Check:
    import httpx

    try:
        me = _get(f"{settings.zalo_bot_base_url.rstrip('/')}/bot{settings.zalo_bot_token.strip()}/getMe")
    except httpx.HTTPError as exc:
        return Check("zalo bot token", FAIL, f"cannot reach the Zalo Bot API ({exc.__class__.__name__})",
                     "check the network or ZALO_BOT_BASE_URL")
    if not me.get("ok"):
        return Check("zalo bot token", FAIL, f"refused: {me.get('description', 'no description')}",
                     "copy the token again from the Zalo Bot Platform into ZALO_BOT_TOKEN")
    return Check("zalo bot token", OK, str((me.get("result") or {}).get("account_name", "accepted")))


def check_database(settings: Settings) -> Check:
    from bot.storage import DB_NAME, Store

    path = Path(settings.data_dir) / DB_NAME
    fix = (f"stop the other process using {path} (another `run`?), check that the bot's user may write "
           f"{settings.data_dir}, or free disk space")
    try:
        store = Store.open(settings.data_dir)
    except (OSError, sqlite3.DatabaseError) as exc:
        return Check("database", FAIL, f"{path}: cannot open ({exc})", fix)
    try:
        store.probe_write(dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        health = store.health()
    except sqlite3.DatabaseError as exc:
        return Check("database", FAIL, f"{path}: not writable ({exc})", fix)
    finally:
        store.close()
    detail = f"{path}: writable, journal {health['journal_mode']}, integrity {health['integrity']}, " \
             f"{_size(health['size'])}"
    if health["integrity"] != "ok":
        return Check("database", FAIL, detail, "restore the last good backup: `python -m bot restore FILE`")
    if health["journal_mode"] != "wal":
        return Check("database", FAIL, detail, "the file system must support WAL (not a network share)")
    return Check("database", OK, detail)


def check_model(settings: Settings) -> Check:
    from bot.app import build_matcher
    from knowledge.loader import load_knowledge

    cached = sorted(Path(settings.data_dir).glob("matcher-*.npz"))
    if not cached:
        return Check("model cache", FAIL, f"no trained model in {settings.data_dir}",
                     "run `python -m bot kb build` (the first start would otherwise train for a few seconds)")
    before = {p.name for p in cached}
    build_matcher(load_knowledge(), cache_dir=settings.data_dir)  # loads the cache when it matches the knowledge
    after = {p.name for p in Path(settings.data_dir).glob("matcher-*.npz")}
    if after - before:
        return Check("model cache", WARN, "the cached model was older than the knowledge base; rebuilt now",
                     "run `python -m bot kb build` after each knowledge update")
    return Check("model cache", OK, f"{len(after)} model file(s) in {settings.data_dir}")


def check_disk(settings: Settings) -> Check:
    directory = Path(settings.data_dir)
    usage = shutil.disk_usage(directory if directory.exists() else directory.parent)
    detail = f"{_size(usage.free)} free of {_size(usage.total)} under {directory}"
    if usage.free < MIN_FREE_BYTES:
        return Check("disk", FAIL, detail, f"free at least {_size(MIN_FREE_BYTES)} (old backups, logs: "
                                           "journalctl --vacuum-time=30d)")
    return Check("disk", OK, detail)


def check_clock(config: Config, now: dt.datetime | None = None) -> Check:
    name = config.organisation.timezone
    try:
        tz = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return Check("clock", FAIL, f"time zone {name!r} is unknown on this machine",
                     "install the time zone data (apt install tzdata, or pip install tzdata)")
    now = (now or dt.datetime.now(dt.UTC)).astimezone(tz)
    detail = f"{now:%H:%M %d/%m/%Y} in {name} (UTC{now.isoformat()[-6:]})"
    if now.year < 2025:
        return Check("clock", FAIL, detail, "set the system clock (timedatectl set-ntp true)")
    if name != "Asia/Ho_Chi_Minh":
        return Check("clock", WARN, detail, "deadlines in Việt Nam use Asia/Ho_Chi_Minh (organisation.timezone)")
    return Check("clock", OK, detail)


def run_checks(settings: Settings) -> list[Check]:
    config_check, config = check_config(settings)
    checks = [config_check]
    if config is not None:
        checks.append(check_channels(settings, config))
        if settings.telegram_bot_token:
            checks += check_telegram(settings, config)
        if settings.zalo_bot_token:
            checks.append(check_zalo_bot(settings))
    checks += [check_database(settings), check_model(settings), check_disk(settings)]
    if config is not None:
        checks.append(check_clock(config))
    return checks
