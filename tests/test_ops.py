"""Operations: ``doctor``, ``backup`` / ``restore``, ``/metrics``, the systemd unit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import httpx
import pytest
import yaml

from bot import texts
from bot.cli import main
from bot.config import DEFAULT_CONFIG, Settings
from bot.doctor import FAIL, OK, WARN, run_checks
from bot.http import web_app
from bot.metrics import Metrics
from bot.storage import DB_NAME, Store
from tests.conftest import PROJECT_DIR as PROJECT
from tests.conftest import copy_models
from tests.fakes.telegram_server import FakeBotApi
from tests.test_degraded import Locker, model_dir  # noqa: F401 - a fixture
from tests.test_team import VILLAGE, join

TOKEN = "123456:TEST-token_abc"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """``python -m bot ARGS`` in this process on the data directory ``tmp_path``: (exit code, stdout, stderr)."""
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "ZALO_OA_APP_ID"):
        monkeypatch.delenv(name, raising=False)

    def run(*args, config=None):
        if config:
            monkeypatch.setenv("BOT_CONFIG", str(config))
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def web_config(tmp_path):
    raw = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    raw["channels"]["web"]["enabled"] = True
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _by_name(checks):
    return {c.name: c for c in checks}


# -- doctor ---------------------------------------------------------------------------------------------------------
def test_doctor_names_each_check_and_the_fix_for_a_missing_model(tmp_path, web_config):
    checks = _by_name(run_checks(Settings(bot_data_dir=tmp_path / "data", bot_config=web_config)))
    assert [checks[n].status for n in ("config", "channels", "database", "disk")] == [OK] * 4
    assert "writable, journal wal, integrity ok" in checks["database"].detail
    assert checks["model cache"].status == FAIL and "kb build" in checks["model cache"].line()
    assert checks["clock"].status == OK and "Asia/Ho_Chi_Minh (UTC+07:00)" in checks["clock"].detail


def test_doctor_checks_the_telegram_token_and_webhook_on_the_bot_api(tmp_path, web_config, model_dir):  # noqa: F811
    (tmp_path / "data").mkdir()
    copy_models(model_dir, tmp_path / "data")
    with FakeBotApi(token=TOKEN) as api:
        good = _by_name(run_checks(Settings(bot_data_dir=tmp_path / "data", bot_config=web_config,
                                            telegram_bot_token=TOKEN, telegram_base_url=api.base_url)))
        bad = _by_name(run_checks(Settings(bot_data_dir=tmp_path / "data", bot_config=web_config,
                                           telegram_bot_token="123456:WRONG", telegram_base_url=api.base_url)))
    assert good["telegram token"].status == OK and "@troly06_test_bot" in good["telegram token"].detail
    assert good["telegram webhook"].status == OK and "polling" in good["telegram webhook"].detail
    assert good["model cache"].status == OK
    assert all(c.status in (OK, WARN) for c in good.values()), [c.line() for c in good.values()]
    assert bad["telegram token"].status == FAIL and "@BotFather" in bad["telegram token"].fix


def test_doctor_fails_on_a_locked_database_with_a_fix(tmp_path, web_config, monkeypatch):
    import bot.storage

    monkeypatch.setattr(bot.storage, "BUSY_TIMEOUT_MS", 100)
    Store.open(tmp_path).close()
    locker = Locker(tmp_path / DB_NAME)
    try:
        check = _by_name(run_checks(Settings(bot_data_dir=tmp_path, bot_config=web_config)))["database"]
    finally:
        locker.release()
    assert check.status == FAIL and "database is locked" in check.detail and "stop the other process" in check.fix


def test_doctor_on_the_command_line_exits_1_with_one_line_per_check(cli, web_config):
    code, out, err = cli("doctor", config=web_config)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("OK   config:") and any(line.startswith("FAIL model cache:") for line in lines)
    assert lines[-1].endswith("failed: model cache") and "Traceback" not in err


# -- backup and restore -------------------------------------------------------------------------------------------
def test_backup_while_another_process_writes_and_restore_brings_it_back(tmp_path, testbot, store, cli):
    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    testbot.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m1")
    testbot.press("r:ok", user="m1")
    testbot.say("quên mật khẩu vneid", user="c1")
    assert store.flush_log(wait=True)  # what run's scheduler does within LOG_DELAY (group commit)
    locker = Locker(tmp_path / DB_NAME)  # a writer in the middle of a transaction: the backup does not wait for it
    try:
        code, out, err = cli("backup", str(tmp_path / "b.db"))
    finally:
        locker.release()
    assert code == 0, err
    backup = sqlite3.connect(tmp_path / "b.db")
    assert backup.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert backup.execute("select count(*) from report_history").fetchone()[0] == 1
    assert cli("backup", str(tmp_path / "b.db"))[0] == 2  # never overwritten silently
    store.db.execute("delete from reports")
    store.db.execute("delete from questions")
    store.db.conn.commit()
    store.close()
    code, out, err = cli("restore", str(tmp_path / "b.db"))
    assert code == 0, err
    restored = Store.open(tmp_path)
    assert restored.report("2026-11", VILLAGE)["values"]["cccd"] == 12 and len(restored.questions()) == 1
    before = list(tmp_path.glob("troly06-before-restore-*.db"))
    assert len(before) == 1 and sqlite3.connect(before[0]).execute("select count(*) from reports").fetchone()[0] == 0


def test_restore_refuses_a_file_that_is_not_a_bot_database(tmp_path, store, cli):
    store.log_question("test", "u", "câu hỏi", None, 0.1, True)
    store.close()
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("create table x (a)")
    other.commit()
    for name in ("junk.db", "other.db"):
        code, out, err = cli("restore", str(tmp_path / name))
        assert code == 1 and err.startswith("Not restored:") and "Traceback" not in err
    assert len(Store.open(tmp_path).questions()) == 1


# -- metrics --------------------------------------------------------------------------------------------------------
@pytest.mark.error_reply  # a handler error is counted and answered with texts.ERROR
async def test_metrics_count_questions_fallbacks_errors_and_the_outbox(deps, testbot, store, monkeypatch, tmp_path):
    import bot.core
    import bot.storage

    monkeypatch.setattr(bot.core, "BUSY_PATIENCE", 0.2)  # give up on the locked database at once
    metrics = Metrics(store, clock=deps.now).instrument(testbot.core)
    testbot.say("quên mật khẩu vneid")
    testbot.say("giá vàng hôm nay bao nhiêu")
    testbot.say("menu")
    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    testbot.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m1")
    monkeypatch.setattr(bot.storage, "BUSY_TIMEOUT_MS", 50)
    store.db.execute("PRAGMA busy_timeout=50")
    locker = Locker(tmp_path / DB_NAME)
    try:
        assert testbot.press("r:ok", user="m1")[0].text == texts.ERROR  # a real failure: the report cannot be saved
    finally:
        locker.release()
    queued = (deps.now() - dt.timedelta(minutes=10)).isoformat()
    store.enqueue([{"key": "k1", "channel": "telegram", "chat_id": "1", "kind": "broadcast", "text": "x"}], queued)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=web_app([metrics.route("/metrics")])),
                               base_url="http://bot")
    response = await client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    body = response.text
    assert 'troly06_questions_total{channel="test"} 2.0' in body
    assert 'troly06_fallbacks_total{channel="test"} 1.0' in body
    assert "troly06_handler_errors_total 1.0" in body
    assert 'troly06_outbox_messages{status="pending"} 1.0' in body
    assert "troly06_outbox_oldest_waiting_seconds 600.0" in body
    assert 'troly06_message_handling_seconds_count{channel="test"}' in body
    assert "troly06_question_log_buffered 0.0" in body


def test_metrics_are_off_unless_configured():
    from bot.config import load_config

    assert load_config().metrics.enabled is False


# -- deployment ---------------------------------------------------------------------------------------------------
def _unit(name: str) -> dict[str, list[str]]:
    """key -> values of a systemd unit file (comments skipped)."""
    values: dict[str, list[str]] = {}
    for line in (Path(PROJECT) / "deploy" / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_the_systemd_units_run_the_bot_and_a_nightly_backup_with_secrets_outside():
    unit = _unit("troly06.service")
    assert unit["ExecStart"] == ["/opt/troly06/.venv/bin/python -m bot run"]
    assert unit["EnvironmentFile"] == ["/etc/troly06/env"] and unit["StateDirectory"] == ["troly06"]
    assert "BOT_DATA_DIR=/var/lib/troly06" in unit["Environment"]
    assert not any("TOKEN" in v or "SECRET" in v for v in unit["Environment"])
    assert unit["Restart"] == ["on-failure"] and unit["KillSignal"] == ["SIGTERM"]
    backup = _unit("troly06-backup.service")
    assert "-m bot backup /var/lib/troly06/backups/troly06-$(date +%%Y-%%m-%%d-%%H%%M).db" in backup["ExecStart"][0]
    assert _unit("troly06-backup.timer")["OnCalendar"] == ["*-*-* 02:30:00"]
