"""The command line: ``ask`` and ``ask --json`` contract, console chat, Rasa export, documented commands."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import yaml

from bot.channels.console import chat
from bot.cli import build_parser
from bot.core import Core

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_cli(args, tmp_path, stdin=None, env=None):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}, "BOT_DATA_DIR": str(tmp_path),
           **(env or {})}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=PROJECT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_ask_json_contract_one_line_per_question_in_order(tmp_path):
    questions = ["dang ky tam tru online", "Hôm nay trời có mưa không?", "", "hotline", "😀"]
    result = run_cli(["ask", "--json"], tmp_path, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(questions)
    records = [json.loads(line) for line in lines]
    assert [r["question"] for r in records] == questions
    for r in records:
        assert set(r) == {"question", "topic", "answer", "confidence", "fallback"}
        assert isinstance(r["answer"], str) and r["answer"]
        assert 0.0 <= r["confidence"] <= 1.0 and isinstance(r["fallback"], bool)
    assert records[0]["topic"] == "dvc04_tam_tru" and records[0]["fallback"] is False
    assert "tạm trú" in records[0]["answer"] and "Nguồn:" in records[0]["answer"]
    assert records[1]["topic"] is None and records[1]["fallback"] is True and "ngoài phạm vi" in records[1]["answer"]
    assert records[2]["fallback"] is True and records[4]["fallback"] is True
    assert records[3]["topic"] == "hotline" and records[3]["fallback"] is False


def test_ask_prints_the_answer_a_citizen_reads(tmp_path):
    result = run_cli(["ask", "quên", "mật", "khẩu", "VNeID"], tmp_path)
    assert result.returncode == 0
    assert "Quên mật khẩu" in result.stdout and "Nguồn:" in result.stdout and "Gõ số để chọn" in result.stdout


def test_console_conversation_with_numbered_choices(deps):
    out = io.StringIO()
    chat(Core(deps), ["menu", "1", "2", "giá vàng hôm nay", "thoát", "không đọc tới đây"], out=out)
    text = out.getvalue()
    first_group = deps.kb.groups[0]
    second_entry = deps.kb.entries[first_group.entry_ids[1]]
    assert "1. " + first_group.name in text
    assert second_entry.answer[:40] in text
    assert "ngoài phạm vi" in text and text.rstrip().endswith("Tạm biệt!")
    assert "không đọc tới đây" not in text


def test_chat_command_runs_on_piped_input(tmp_path):
    result = run_cli(["chat"], tmp_path, stdin="hotline\n")
    assert result.returncode == 0 and "1900 0368" in result.stdout


def test_export_rasa_nlu(tmp_path, kb):
    target = tmp_path / "nlu.yml"
    result = run_cli(["kb", "export-rasa", "-o", str(target)], tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    intents = {item["intent"]: item["examples"] for item in data["nlu"]}
    facets = {f"{entry.id}.{facet.id}" for entry in kb.entries.values() for facet in entry.facets}
    assert set(kb.entries) | facets | {"out_of_scope"} == set(intents)
    lines = intents["vneid_muc1"].splitlines()
    assert all(line.startswith("- ") for line in lines)
    assert "- " + kb.entries["vneid_muc1"].examples[0] in lines


def test_kb_unanswered_lists_redacted_questions(tmp_path):
    run_cli(["ask", "--json"], tmp_path, stdin="giá vàng 0912345678\ngiá vàng 0912345678\n")
    result = run_cli(["kb", "unanswered"], tmp_path)
    assert result.returncode == 0
    assert "2  giá vàng [số điện thoại]" in result.stdout and "0912345678" not in result.stdout


def _subparsers(parser):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            yield from action.choices.items()


def test_every_command_is_documented():
    parser = build_parser()
    help_text = parser.format_help()
    for name, sub in _subparsers(parser):
        assert name in help_text and sub.description, name
        for child_name, child in _subparsers(sub):
            assert child.description and child_name in sub.format_help(), child_name
            for action in child._actions:
                assert action.help, (child_name, action.dest)


def test_help_works_for_every_command(tmp_path):
    assert run_cli(["--help"], tmp_path).returncode == 0
    for args in (["chat"], ["ask"], ["run"], ["tick"], ["kb", "check"], ["kb", "build"], ["kb", "export-rasa"],
                 ["kb", "unanswered"], ["kb", "stats"], ["team", "import"], ["team", "invite"], ["team", "list"]):
        assert run_cli([*args, "--help"], tmp_path).returncode == 0, args


def test_tick_sends_due_reminders_through_telegram_once(tmp_path):
    from bot.storage import Store
    from tests.fakes.telegram_server import FakeBotApi

    store = Store.open(tmp_path)
    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("TICKCODE", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    store.redeem_invite("TICKCODE", "telegram", "4242", "An", "2026-11-01T00:00:00+07:00")
    store.close()
    with FakeBotApi() as api:
        env = {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url}
        dry = run_cli(["tick", "--now", "2026-12-05T08:00+07:00", "--dry-run"], tmp_path, env=env)
        assert dry.returncode == 0 and "remind:1:2026-11:d-3" in dry.stdout and api.sent == []
        first = run_cli(["tick", "--now", "2026-12-05T08:00+07:00"], tmp_path, env=env)
        assert first.returncode == 0, first.stderr
        assert "sent 1" in first.stdout
        (message,) = api.sent_to(4242)
        assert "còn 3 ngày" in message["text"] and "Thôn Trung Thượng" in message["text"]
        again = run_cli(["tick", "--now", "2026-12-05T08:10+07:00"], tmp_path, env=env)
        assert "sent 0" in again.stdout and len(api.sent_to(4242)) == 1


def test_tick_rejects_a_time_without_offset(tmp_path):
    result = run_cli(["tick", "--now", "2026-12-05T08:00"], tmp_path)
    assert result.returncode == 2 and "time zone offset" in result.stderr


def test_kb_stats_counts_questions_per_topic(tmp_path):
    run_cli(["ask", "--json"], tmp_path, stdin="hotline ho tro\nso tong dai vneid\ngiá vàng\n")
    result = run_cli(["kb", "stats"], tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[0].split()[0] == "2" and "hotline" in lines[0].lower()
    assert any("(fell back" in line for line in lines)


def test_kb_build_caches_the_model_for_the_next_start(tmp_path):
    result = run_cli(["kb", "build"], tmp_path)
    assert result.returncode == 0 and "matcher model ready" in result.stdout
    (cached,) = tmp_path.glob("matcher-*.npz")
    run_cli(["ask", "hotline"], tmp_path)
    assert list(tmp_path.glob("matcher-*.npz")) == [cached]  # reused, not retrained


def test_ask_json_sessions_are_kept_apart_and_plain_lines_stay_stateless(tmp_path):
    lines = [json.dumps({"session": "a", "q": "đăng ký thường trú cho vợ về nhà chồng"}, ensure_ascii=False),
             json.dumps({"session": 7, "q": "đăng ký khai sinh cho con"}, ensure_ascii=False),
             json.dumps({"session": "a", "q": "hết bao nhiêu tiền"}, ensure_ascii=False), "hết bao nhiêu tiền",
             json.dumps({"session": 7, "q": "hết bao nhiêu tiền"}, ensure_ascii=False), "{not json", "a\u2028b"]
    result = run_cli(["ask", "--json"], tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(lines) and "\u2028" not in result.stdout
    records = [json.loads(line) for line in out]
    assert [r.get("session") for r in records] == ["a", 7, "a", None, 7, None, None]
    # the follow-up stays on the topic of the session's first question (moving residence to the husband's home)
    assert records[2]["topic"] == records[0]["topic"] == "nhap_khau_nha_chong" and records[2]["fallback"] is False
    assert "20.000" in records[2]["answer"] and "20.000" not in records[0]["answer"][:80]
    assert records[4]["topic"] == "dvc09_khai_sinh" and records[3]["fallback"] is True
    assert records[5]["question"] == "{not json" and records[6]["question"] == "a\u2028b"
