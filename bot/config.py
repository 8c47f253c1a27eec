"""Configuration: ``config.yaml`` validated into models, secrets from environment variables.

Usage::

    settings = Settings()                  # environment: BOT_CONFIG, BOT_DATA_DIR, TELEGRAM_BOT_TOKEN, ...
    config = load_config(settings.config_path)
    config.organisation.contact

Every key has a default and a help line (``Field(description=...)``); a test checks that none is missing.
A bad key stops start-up with one line naming the key, raised as :class:`ConfigError`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_DIR / "config.yaml"


class ConfigError(Exception):
    """The configuration is invalid; the message names the key and the fix."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Organisation(_Section):
    name: str = Field("Tổ công tác 06 xã", description="Name of the team running the bot, shown to users.")
    commune: str = Field("xã", description="The commune (xã/phường) the bot serves.")
    province: str = Field("", description="The province, for digests and exports.")
    contact: str = Field(
        "Công an xã hoặc Tổ công tác 06 nơi bạn cư trú",
        description="Local team contact (hotline, office) given in answers and in the fallback.",
    )
    timezone: str = Field("Asia/Ho_Chi_Minh", description="IANA time zone for every date and deadline.")
    address: str = Field(
        "anh/chị", description="How the bot addresses team members, e.g. «anh/chị» or «đồng chí»."
    )


class Citizen(_Section):
    answer_threshold: float = Field(
        0.35, ge=0, le=1, description="Minimum confidence to answer a question instead of falling back."
    )
    choice_margin: float = Field(
        0.15, ge=0, le=2,
        description="When the runner-up topic's decision value is within this of the best, offer it as a choice.",
    )
    max_message_chars: int = Field(
        2000, ge=50, description="Longer messages get a polite request to ask more briefly (nothing is logged)."
    )
    context_minutes: int = Field(
        30, ge=1, description="A follow-up («mất phí không?») is read against the last topic for this many minutes."
    )


class Handoff(_Section):
    enabled: bool = Field(True, description="Citizens may pass a question to a person on the team («Hỏi cán bộ»).")
    officers: list[str] = Field(
        default_factory=list,
        description="Roster names of the officers who answer citizens; empty: the commune's leader and deputies.",
    )
    max_open: int = Field(3, ge=1, description="Tickets one citizen may have waiting for an answer at once.")
    max_per_day: int = Field(5, ge=1, description="New tickets one citizen may open per day.")
    office_hours: str = Field(
        "07:30-17:00", pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$", description="Office hours Monday to Friday (HH:MM-HH:MM)."
    )
    saturday_hours: str | None = Field(
        "07:30-11:30", pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$", description="Saturday office hours; unset: closed."
    )
    escalate_hours: float = Field(
        8, gt=0, description="Working hours after which an unanswered ticket is escalated to the leaders."
    )


class Telegram(_Section):
    webhook_url: str | None = Field(
        None, description="Public HTTPS URL for webhook mode (e.g. https://host/telegram); unset means polling."
    )


class Village(_Section):
    key: str = Field(pattern=r"^[a-z0-9_]+$", description="Short ASCII id of the village (thôn/tổ dân phố).")
    name: str = Field(description="Vietnamese name shown to people, e.g. «Thôn Trung Thượng».")
    targets: dict[str, float] = Field(
        default_factory=dict, description="Per-indicator target for this village per period (overrides the default)."
    )
    deadline_day: int | None = Field(None, ge=1, le=28, description="This village's own deadline day, if different.")


UNIT_KINDS = ("province", "commune", "department", "village")
# the kind a unit's parent must have
PARENT_KINDS = {"province": (), "commune": ("province",), "department": ("province",), "village": ("commune",)}


class Unit(_Section):
    key: str = Field(pattern=r"^[a-z0-9_]+$", description="Short ASCII id of the unit, unique in the tree.")
    name: str = Field(description="Vietnamese name shown to people, e.g. «Xã An Dũng», «Sở Tư pháp», «Thôn 1».")
    kind: Literal["province", "commune", "department", "village"] = Field(
        description="province (the root), commune (xã/phường/đặc khu), department (a province department, "
                    "reports like a commune) or village (thôn/tổ dân phố, under a commune).")
    parent: str | None = Field(None, description="Key of the unit above (none for the province).")
    targets: dict[str, float] = Field(
        default_factory=dict, description="Village: per-indicator target per period (overrides the default); "
                                          "commune or department: the target of its own figures.")
    deadline_day: int | None = Field(None, ge=1, le=28, description="Village: its own deadline day, if different.")
    contact: str = Field("", description="Commune: the local contact citizens of this commune are given (Tổ công "
                                         "tác 06, hotline); the province: its hotline; empty: organisation.contact.")
    offices: Offices = Field(  # Offices is defined below (Unit.model_rebuild() there)
        default_factory=lambda: Offices(), description="Commune: its police office and public-service centre "
                                                       "(address, hours, phone); empty keys: the top-level offices.")


class Indicator(_Section):
    key: str = Field(pattern=r"^[a-z0-9_]+$", description="Short ASCII id used in storage and exports.")
    label: str = Field(description="Vietnamese label shown to members and in digests.")
    unit: str = Field("", description="Unit in Vietnamese, e.g. «hồ sơ», «tài khoản», «người».")
    aliases: list[str] = Field(
        default_factory=list, description="Words members may type for it in a one-message report (any diacritics)."
    )
    minimum: int = Field(0, ge=0, description="Smallest accepted value.")
    maximum: int = Field(100000, ge=0, description="Largest accepted value for one village and one period.")
    optional: bool = Field(False, description="Whether a member may skip it («bỏ qua»).")
    target: float | None = Field(
        None, ge=0, description="Default target per village per period (progress = reported / target); unset: none."
    )
    question: str = Field(
        "", description="How the bot asks for it, with {period} for the period, e.g. «{period}, thôn mình thu nhận "
                        "được bao nhiêu hồ sơ cấp thẻ căn cước?»; empty: the label."
    )


class Reporting(_Section):
    cycle: Literal["monthly", "weekly"] = Field(
        "monthly", description="monthly (due on deadline_day of the next month) or weekly (due on weekday)."
    )
    deadline_day: int = Field(8, ge=1, le=28, description="Day of the next month by which a month's figures are due.")
    weekday: int = Field(4, ge=0, le=6, description="Weekly cycle: weekday of the deadline (0 = Monday, 4 = Friday).")
    deadline_time: str = Field("17:00", pattern=r"^\d{2}:\d{2}$", description="Time of day of the deadline (HH:MM).")
    jump_factor: float = Field(
        3.0, gt=1, description="A value over this many times last period's (and over 20) asks for confirmation."
    )
    upward_days: int = Field(
        7, ge=0, le=27, description="A province: communes and departments send their report to the province this "
                                    "many days after the villages' deadline (same time of day).")
    start: dt.date | None = Field(
        None, description="First day the bot collects reports: periods due before it are not owed (no reminders, "
                          "digests or escalations); unset: the moment of the first run, stored."
    )


class Cycle(Reporting):
    """One more reporting cycle beside the default one (``reporting`` with ``indicators``), e.g. a 90-day
    campaign reported weekly before 09:00 on Friday (seed 003)."""

    key: str = Field(pattern=r"^[a-z0-9_]{1,30}$", description="Short ASCII id of the cycle; its periods are stored "
                                                                "as <key>:<period>.")
    name: str = Field(description="Vietnamese name shown to people, e.g. «báo cáo tuần chiến dịch Công dân số».")
    cycle: Literal["monthly", "weekly", "once"] = Field(
        "weekly", description="The rhythm: monthly (by deadline_day of the next month), weekly (by weekday at "
                              "deadline_time) or once (by the date due).")
    due: dt.date | None = Field(None, description="cycle once: the day the figures are due (at deadline_time).")
    end: dt.date | None = Field(None, description="Last day of the cycle: periods due after it are not owed (no "
                                                  "reminders); unset: no end.")
    words: list[str] = Field(
        default_factory=list, description="Words members use to name it («tuần», «chiến dịch»); its key and, unless "
                                          "another cycle shares the rhythm, «tuần»/«tháng» always work.")
    kinds: list[Literal["commune", "department", "village"]] = Field(
        default_factory=lambda: ["village"], description="Kinds of units that report in it (ignored with units).")
    units: list[str] = Field(default_factory=list, description="Keys of the units that report in it, instead of kinds.")
    indicators: list[Indicator] = Field(
        default_factory=list, description="Its own figures (as the top-level indicators); empty: those.")
    cumulative: dict[str, float] = Field(
        default_factory=dict, description="Indicator -> a cumulative target for all its units together, from start "
                                          "to cumulative_by (e.g. muc2: 700000).")
    cumulative_by: dt.date | None = Field(None, description="The day the cumulative targets are due; unset: end.")

    @model_validator(mode="after")
    def _rhythm(self):
        if self.cycle == "once" and self.due is None:
            raise ValueError("due: a cycle reported once needs the date it is due")
        if self.start and self.end and self.end < self.start:
            raise ValueError("end: before start")
        return self


class ReminderStep(_Section):
    days: int = Field(description="Day relative to the deadline's date (-3 = three days before, 1 = the day after).")
    time: str = Field(pattern=r"^\d{2}:\d{2}$", description="Local time of day (HH:MM).")


def _default_steps() -> list[ReminderStep]:
    return [ReminderStep(days=-3, time="08:00"), ReminderStep(days=-1, time="08:00"),
            ReminderStep(days=0, time="07:30"), ReminderStep(days=1, time="08:00")]


class Scheduler(_Section):
    reminders: list[ReminderStep] = Field(
        default_factory=_default_steps, description="When members who have not reported are reminded."
    )
    escalate_days: int = Field(1, ge=0, description="Days after the deadline when leaders hear who is overdue.")
    escalate_time: str = Field("09:00", pattern=r"^\d{2}:\d{2}$", description="Time of day of the escalation.")
    quiet_start: str = Field("21:00", pattern=r"^\d{2}:\d{2}$", description="No proactive message from this time…")
    quiet_end: str = Field("07:00", pattern=r"^\d{2}:\d{2}$", description="…until this time (moved to it).")
    catch_up_hours: float = Field(
        12, ge=0, description="After downtime, reminders due longer ago than this are dropped (digests are not)."
    )
    digest_catch_up_days: int = Field(
        14, ge=0, description="After downtime, digests and escalations are still sent up to this many days late."
    )
    tick_seconds: int = Field(60, ge=5, description="How often `python -m bot run` runs a scheduler pass.")
    rate_per_second: float = Field(25, gt=0, description="Proactive messages per second overall (Telegram: 30).")
    per_chat_seconds: float = Field(1.0, ge=0, description="Minimum seconds between two messages to one chat.")
    max_attempts: int = Field(5, ge=1, description="Delivery attempts before a message is marked failed.")


class Task(_Section):
    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$", description="Short ASCII id of the task (at most 40 characters).")
    title: str = Field(description="What to do, in Vietnamese.")
    product: str = Field("", description="Expected product (báo cáo, danh sách, …).")
    due: dt.date = Field(description="Due date (YYYY-MM-DD).")
    villages: list[str] = Field(default_factory=list, description="Village keys it is assigned to; empty = all.")


class ZaloBot(_Section):
    webhook_url: str | None = Field(
        None, description="Public HTTPS URL of the Zalo Bot Platform webhook (path served by the bot); unset: polling."
    )


class ZaloOA(_Section):
    verify_signature: bool = Field(
        True, description="Refuse OA webhook calls whose X-ZEvent-Signature does not match (see README)."
    )
    reply_window_hours: float = Field(
        48, gt=0, description="OA may message a user only this long after the user's last message."
    )
    path: str = Field("/zalo/oa", description="Path of the OA webhook on the bot's HTTP server.")
    communes: dict[str, str] = Field(
        default_factory=dict, description="A province: OA id -> commune key; a citizen writing to a commune's OA "
                                          "is answered for that commune.")


class Web(_Section):
    enabled: bool = Field(False, description="Serve the web chat page at `path` on the bot's HTTP server.")
    path: str = Field("/chat", pattern=r"^/[A-Za-z0-9_/-]*$", description="URL path of the web chat page.")
    rate_per_minute: int = Field(30, ge=1, description="Messages one web chat session may send per minute.")
    new_sessions_per_minute: int = Field(
        30, ge=1, description="New chat sessions one client address may start per minute, once its burst is used "
                              "(a script rotating session ids gets no further than one session)."
    )
    new_sessions_burst: int = Field(
        230, ge=1, description="New sessions one client address may start at once (a shared office or school "
                               "connection in a rush)."
    )
    trust_forwarded_for: bool = Field(
        False, description="Take the client address from X-Forwarded-For (only behind your own reverse proxy)."
    )
    frame_ancestors: list[str] = Field(
        default_factory=list,
        description="Sites allowed to embed the chat in an iframe, e.g. https://anDung.hatinh.gov.vn (CSP).",
    )
    poll_seconds: int = Field(15, ge=2, description="How often the page asks for officers' answers (seconds).")


class Channels(_Section):
    telegram: Telegram = Field(default_factory=Telegram, description="Telegram channel settings.")
    zalo_bot: ZaloBot = Field(default_factory=ZaloBot, description="Zalo Bot Platform settings.")
    zalo_oa: ZaloOA = Field(default_factory=ZaloOA, description="Zalo Official Account settings.")
    web: Web = Field(default_factory=Web, description="Web chat for a commune's website.")
    listen: str = Field("127.0.0.1", description="Address of the HTTP server for webhooks and /healthz.")
    port: int = Field(8080, ge=1, le=65535, description="Port of the HTTP server for webhooks and /healthz.")


class Office(_Section):
    name: str = Field("", description="Name shown to citizens, e.g. «Công an xã An Dũng»; empty: not configured.")
    address: str = Field("", description="Street address of the office.")
    hours: str = Field(
        "", description="Opening hours in words, incl. Saturday morning where it applies, e.g. «Thứ Hai–Thứ Sáu …»."
    )
    phone: str = Field("", description="Phone number citizens may call.")
    map_url: str = Field("", description="Link to the office on a map (https://…).")


class Offices(_Section):
    police: Office = Field(default_factory=Office, description="The commune's police office (Công an xã).")
    service_centre: Office = Field(
        default_factory=Office,
        description="The commune's public-service centre (Trung tâm phục vụ hành chính công / bộ phận một cửa).",
    )


Unit.model_rebuild()  # its ``offices`` are defined above


class Privacy(_Section):
    retention_days: int = Field(
        180, ge=1, description="Days the question log, citizens' sessions and tickets are kept; the daily purge "
                               "(and `python -m bot privacy purge`) deletes older ones. Team reports are kept."
    )


class Metrics(_Section):
    enabled: bool = Field(False, description="Serve Prometheus metrics at `path` on the bot's HTTP server.")
    path: str = Field("/metrics", pattern=r"^/[A-Za-z0-9_/-]*$", description="URL path of the metrics page.")


def _check_units(units: list[Unit]) -> None:
    """One root, unique keys, known parents of the right kind; raise ValueError naming the unit."""
    keys: dict[str, Unit] = {}
    for n, unit in enumerate(units):
        if unit.key in keys:
            raise ValueError(f"units[{n}].key: {unit.key!r} is used twice")
        keys[unit.key] = unit
    roots = [u.key for u in units if u.parent is None]
    if len(roots) != 1:
        raise ValueError(f"units: exactly one unit has no parent (the province), not {len(roots)}: {roots}")
    for n, unit in enumerate(units):
        parent = keys.get(unit.parent) if unit.parent else None
        if unit.parent and parent is None:
            raise ValueError(f"units[{n}].parent: unknown unit {unit.parent!r}")
        if parent and parent.kind not in PARENT_KINDS[unit.kind]:
            raise ValueError(f"units[{n}].parent: a {unit.kind} belongs to a {' or '.join(PARENT_KINDS[unit.kind])}, "
                             f"not to the {parent.kind} {parent.key!r}")
        if parent is None and unit.kind == "village":
            raise ValueError(f"units[{n}].parent: a village belongs to a commune")


class _ConfigMethods:
    @model_validator(mode="after")
    def _tree(self):
        """``units`` (a province) or ``villages`` (one commune, the original form): the villages come from units."""
        if self.units:
            if self.villages:
                raise ValueError("villages: give either villages (one commune) or units (a province), not both")
            _check_units(self.units)
            self.villages = [Village(key=u.key, name=u.name, targets=u.targets, deadline_day=u.deadline_day)
                             for u in self.units if u.kind == "village"]
        for oa, key in self.channels.zalo_oa.communes.items():
            if key not in self.commune_keys:
                raise ValueError(f"channels.zalo_oa.communes.{oa}: {key!r} is not a commune key of units")
        return self

    @property
    def commune_keys(self) -> frozenset[str]:
        """The keys of the communes named in ``units`` (empty in the one-commune form, where ``villages`` is used):
        the one home of "which communes are there" for the layers that do not read the organisation tree."""
        return frozenset(u.key for u in self.units if u.kind == "commune")

    @property
    def several_communes(self) -> bool:
        """A province of more than one commune: citizens are told apart by commune (Telegram's /xa, ?xa=)."""
        return len(self.commune_keys) > 1

    @model_validator(mode="after")
    def _cycles(self):
        """Unique cycle keys, known units, cumulative targets of the cycle's own indicators."""
        seen: set[str] = set()
        known = {u.key for u in self.units} | {v.key for v in self.villages}
        for n, cycle in enumerate(self.cycles):
            if cycle.key in seen:
                raise ValueError(f"cycles[{n}].key: {cycle.key!r} is used twice")
            seen.add(cycle.key)
            if unknown := [u for u in cycle.units if u not in known]:
                raise ValueError(f"cycles[{n}].units: unknown unit {unknown[0]!r}")
            own = {i.key for i in (cycle.indicators or self.indicators)}
            if bad := [k for k in cycle.cumulative if k not in own]:
                raise ValueError(f"cycles[{n}].cumulative: {bad[0]!r} is not one of the cycle's indicators")
        return self

    def reporting_for(self, village_key: str | None) -> Reporting:
        """The reporting rules of one village (its own deadline day, if it has one)."""
        if self._village_index is None or len(self._village_index) != len(self.villages):
            self._village_index = {v.key: v for v in self.villages}  # a province has thousands of villages
        village = self._village_index.get(village_key) if village_key else None
        if village and village.deadline_day and self.reporting.cycle == "monthly":
            return self.reporting.model_copy(update={"deadline_day": village.deadline_day})
        return self.reporting


class Config(_ConfigMethods, _Section):
    _org: object = PrivateAttr(None)  # the organisation tree, built once by bot.team.units.tree
    _village_index: dict | None = PrivateAttr(None)
    _local: dict | None = PrivateAttr(None)  # a province: the config as seen from each commune (handlers.commune)
    organisation: Organisation = Field(default_factory=Organisation, description="Who runs the bot.")
    villages: list[Village] = Field(
        default_factory=list, description="The villages whose teams report (one commune; or give units).")
    units: list[Unit] = Field(
        default_factory=list, description="A province's organisation tree: province, communes and departments, "
                                          "villages (instead of villages).")
    indicators: list[Indicator] = Field(default_factory=list, description="Figures each village reports.")
    reporting: Reporting = Field(default_factory=Reporting, description="Reporting period and deadline.")
    cycles: list[Cycle] = Field(
        default_factory=list, description="More reporting cycles beside the default one (a weekly campaign, a "
                                          "report due once), each with its units, indicators and rhythm.")
    tasks: list[Task] = Field(default_factory=list, description="Dated tasks given to the village teams.")
    scheduler: Scheduler = Field(default_factory=Scheduler, description="Reminders, digests and the outbox.")
    citizen: Citizen = Field(default_factory=Citizen, description="Citizen question answering.")
    handoff: Handoff = Field(default_factory=Handoff, description="Citizens' questions answered by a person.")
    channels: Channels = Field(default_factory=Channels, description="Chat channels.")
    offices: Offices = Field(default_factory=Offices, description="Local offices quoted in answers.")
    privacy: Privacy = Field(default_factory=Privacy, description="What is kept about people, and how long.")
    metrics: Metrics = Field(default_factory=Metrics, description="Prometheus metrics for the operator.")


class Settings(BaseSettings):
    """Environment variables (secrets and paths never live in config.yaml)."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    bot_config: Path = Field(DEFAULT_CONFIG, description="Path of the YAML configuration file.")
    bot_data_dir: Path = Field(PROJECT_DIR / "data", description="Directory of the SQLite database and logs.")
    telegram_bot_token: str | None = Field(None, description="Telegram bot token; Telegram is on when set.")
    telegram_base_url: str | None = Field(
        None, description="Bot API prefix the token is appended to, e.g. http://127.0.0.1:8081/bot."
    )
    telegram_webhook_secret: str | None = Field(
        None, description="Secret expected in X-Telegram-Bot-Api-Secret-Token (webhook mode)."
    )
    zalo_bot_token: str | None = Field(None, description="Zalo Bot Platform token; the Zalo bot is on when set.")
    zalo_bot_base_url: str = Field("https://bot-api.zaloplatforms.com", description="Zalo Bot Platform API base.")
    zalo_bot_secret: str | None = Field(None, description="Secret expected in X-Bot-Api-Secret-Token (webhook).")
    zalo_oa_app_id: str | None = Field(None, description="Zalo OA app id; the OA channel is on when set.")
    zalo_oa_secret_key: str | None = Field(None, description="Zalo OA app secret key (signatures, token refresh).")
    zalo_oa_access_token: str | None = Field(None, description="Initial OA access token (rotated ones are stored).")
    zalo_oa_refresh_token: str | None = Field(None, description="Initial OA refresh token (single use, rotated).")
    zalo_oa_base_url: str = Field("https://openapi.zalo.me", description="Zalo OA OpenAPI base.")
    zalo_oauth_base_url: str = Field("https://oauth.zaloapp.com", description="Zalo OAuth base (token refresh).")

    @property
    def config_path(self) -> Path:
        return self.bot_config

    @property
    def data_dir(self) -> Path:
        return self.bot_data_dir


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate the YAML file; raise :class:`ConfigError` naming the first bad key."""
    path = Path(path or DEFAULT_CONFIG)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found; set BOT_CONFIG or create it from config.yaml") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__}): fix the syntax") from None
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if not key:  # a whole-file check (the organisation tree) names its key in the message
            raise ConfigError(f"{path}: {err['msg'].removeprefix('Value error, ')}") from None
        raise ConfigError(f"{path}: {key}: {err['msg']}") from None
