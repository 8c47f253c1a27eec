"""The command line, in this process (``cli`` fixture) except the ``ask --json`` streaming contract, which needs a
real process and pipe: ``ask``, console chat, Rasa export, ``kb`` tools, ``tick``. (Help texts: test_docs.py.)"""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time

import yaml

from bot.channels.console import chat
from bot.core import Core
from tests.conftest import PROJECT_DIR


def _read_line(proc: subprocess.Popen, timeout: float = 60) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "no answer within the time limit"
    return proc.stdout.readline()


def test_ask_json_streams_one_line_per_question_in_order(data_dir):
    questions = ["dang ky tam tru online", "Hôm nay trời có mưa không?", "", "hotline", "😀"]
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json"], cwd=PROJECT_DIR, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(questions[0] + "\n")
        proc.stdin.flush()
        lines = [_read_line(proc)]  # answered while stdin is still open: one line out per line in, flushed
        proc.stdin.write("\n".join(questions[1:]) + "\n")
        proc.stdin.close()
        lines += proc.stdout.read().splitlines()
        assert proc.wait(60) == 0 and "Traceback" not in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()
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


def test_ask_prints_the_answer_a_citizen_reads(cli, kb):
    result = cli("ask", "quên", "mật", "khẩu", "VNeID")
    assert result.returncode == 0
    assert result.stdout.startswith(kb.entries["vneid_quen_mat_khau"].answer[:40])
    assert "Nguồn:" in result.stdout and "Gõ số để chọn" in result.stdout


def test_ask_without_a_question_says_how(cli):
    result = cli("ask")
    assert result.returncode == 2 and "python -m bot ask" in result.stderr and result.stdout == ""


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


def test_chat_command_runs_on_piped_input(cli, kb):
    result = cli("chat", stdin="hotline\n")
    assert result.returncode == 0
    assert "Trợ lý 06: " + kb.entries["hotline"].answer[:40] in result.stdout
    assert result.stdout.rstrip().endswith("Tạm biệt!")


def test_export_rasa_nlu(cli, tmp_path, kb):
    target = tmp_path / "nlu.yml"
    result = cli("kb", "export-rasa", "-o", str(target))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    intents = {item["intent"]: item["examples"] for item in data["nlu"]}
    facets = {f"{entry.id}.{facet.id}" for entry in kb.entries.values() for facet in entry.facets}
    assert set(kb.entries) | facets | {"out_of_scope"} == set(intents)
    lines = intents["vneid_muc1"].splitlines()
    assert all(line.startswith("- ") for line in lines)
    assert "- " + kb.entries["vneid_muc1"].examples[0] in lines


def test_kb_unanswered_lists_redacted_questions(cli):
    asked = cli("ask", "--json", stdin="giá vàng 0912345678\ngiá vàng 0912345678\n")
    assert [json.loads(line)["fallback"] for line in asked.stdout.splitlines()] == [True, True]
    result = cli("kb", "unanswered")
    assert result.returncode == 0
    assert "2  giá vàng [số điện thoại]" in result.stdout and "0912345678" not in result.stdout


def test_tick_sends_due_reminders_through_telegram_once(cli, store, monkeypatch):
    from tests.fakes.telegram_server import FakeBotApi

    pid = store.add_person("Nguyễn Văn An", "member", "trung_thuong")
    store.create_invite("TICKCODE", "trung_thuong", "member", "2099-01-01T00:00:00+07:00", person_id=pid)
    store.redeem_invite("TICKCODE", "telegram", "4242", "An", "2026-11-01T00:00:00+07:00")
    with FakeBotApi() as api:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
        monkeypatch.setenv("TELEGRAM_BASE_URL", api.base_url)
        dry = cli("tick", "--now", "2026-12-05T08:00+07:00", "--dry-run")
        assert dry.returncode == 0 and "remind:1:2026-11:d-3" in dry.stdout and api.sent == []
        first = cli("tick", "--now", "2026-12-05T08:00+07:00")
        assert first.returncode == 0, first.stderr
        assert "sent 1" in first.stdout
        (message,) = api.sent_to(4242)
        assert "còn 3 ngày" in message["text"] and "Thôn Trung Thượng" in message["text"]
        again = cli("tick", "--now", "2026-12-05T08:10+07:00")
        assert "sent 0" in again.stdout and len(api.sent_to(4242)) == 1


def test_tick_loads_neither_the_knowledge_base_nor_the_model(cli, data_dir):
    for model in data_dir.glob("matcher-*.npz"):
        model.unlink()  # the matcher would have to be trained, and cached here, if tick built one
    result = cli("tick", "--now", "2026-12-05T08:00+07:00")
    assert result.returncode == 0 and "pass at 2026-12-05T08:00:00+07:00" in result.stdout
    assert list(data_dir.glob("matcher-*.npz")) == []


def test_tick_rejects_a_time_without_offset(cli):
    result = cli("tick", "--now", "2026-12-05T08:00")
    assert result.returncode == 2 and "time zone offset" in result.stderr
    result = cli("tick", "--now", "5/12/2026")
    assert result.returncode == 2 and "not an ISO time" in result.stderr


def test_kb_stats_counts_questions_per_topic(cli):
    cli("ask", "--json", stdin="hotline ho tro\nso tong dai vneid\ngiá vàng\n")
    result = cli("kb", "stats")
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[0].split()[0] == "2" and "hotline" in lines[0].lower()
    assert any("(fell back" in line for line in lines)


def test_kb_build_caches_the_model_for_the_next_start(built_model, cli, data_dir, kb):
    # the session's model was built by `kb build` (tests/conftest.py); data_dir holds a copy of it
    assert "matcher model ready" in built_model.output
    (cached,) = built_model.directory.glob("matcher-*.npz")
    (copied,) = data_dir.glob("matcher-*.npz")
    assert copied.name == cached.name
    written = copied.stat().st_mtime_ns
    time.sleep(0.01)
    result = cli("ask", "hotline")
    assert result.stdout.startswith(kb.entries["hotline"].answer[:40])
    assert list(data_dir.glob("matcher-*.npz")) == [copied] and copied.stat().st_mtime_ns == written  # reused
    again = cli("kb", "build")
    assert again.returncode == 0 and "matcher model ready" in again.stdout
    assert copied.stat().st_mtime_ns == written  # nothing to train


def test_ask_json_sessions_are_kept_apart_and_plain_lines_stay_stateless(cli):
    lines = [json.dumps({"session": "a", "q": "đăng ký thường trú cho vợ về nhà chồng"}, ensure_ascii=False),
             json.dumps({"session": 7, "q": "đăng ký khai sinh cho con"}, ensure_ascii=False),
             json.dumps({"session": "a", "q": "hết bao nhiêu tiền"}, ensure_ascii=False), "hết bao nhiêu tiền",
             json.dumps({"session": 7, "q": "hết bao nhiêu tiền"}, ensure_ascii=False), "{not json", "a\u2028b"]
    result = cli("ask", "--json", stdin="\n".join(lines) + "\n")
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
