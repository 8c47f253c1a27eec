"""Curator tools: `kb check` catches replaced documents, sources without an article and over-long answers;
`kb stale` lists entries not reviewed for a while; answers about the local offices come from config.yaml."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from bot.cli import main as cli_main
from bot.config import load_config
from bot.core import Core
from bot.deps import Deps
from bot.offices import fill_placeholders, placeholder_values
from knowledge.loader import MAX_ANSWER_CHARS, PLACEHOLDERS, check_knowledge, stale_entries
from knowledge.sources import Replacement, citations, source_faults
from tests.conftest import TestBot

TODAY = dt.date(2026, 12, 1)
REPLACED = """\
replaced:
  - old: Thông tư 55/2021/TT-BCA
    new: Thông tư 116/2026/TT-BCA
    from: 2026-07-01
  - old: Nghị định 144/2021/NĐ-CP
    new: Nghị định 282/2025/NĐ-CP
    from: 2025-12-15
"""


def _topic(source: str, answer: str = "Câu trả lời ngắn.", reviewed: str = "2026-12-01") -> str:
    examples = ", ".join(f"hỏi thử số {i}" for i in range(8))
    return textwrap.dedent(f"""\
        group: Thử
        entries:
          - id: alpha
            title: Tiêu đề
            answer: "{answer}"
            examples: [{examples}]
            source: "{source}"
            reviewed: {reviewed}
        """)


def _problems(tmp_path, source, answer="Câu trả lời ngắn."):
    (tmp_path / "replaced.yaml").write_text(REPLACED, encoding="utf-8")
    (tmp_path / "topic.yaml").write_text(_topic(source, answer), encoding="utf-8")
    return [str(p) for p in check_knowledge(tmp_path, today=TODAY)]


def test_a_source_citing_a_replaced_circular_fails_until_it_cites_the_new_one(tmp_path):
    problems = _problems(tmp_path, "Thông tư 55/2021/TT-BCA Điều 15")
    assert any("topic.yaml: alpha: source: cites Thông tư 55/2021/TT-BCA, replaced by Thông tư 116/2026/TT-BCA"
               in p for p in problems), problems
    assert _problems(tmp_path, "Thông tư 116/2026/TT-BCA Điều 15; Thông tư 55/2021/TT-BCA Điều 15") == []
    assert _problems(tmp_path, "TT 55/2021/TT-BCA Điều 15 (hết hiệu lực từ 01/07/2026)") == []


def test_an_abbreviated_citation_of_a_replaced_decree_is_recognised(tmp_path):
    problems = _problems(tmp_path, "NĐ 144/2021 Điều 9")
    assert any("replaced by Nghị định 282/2025/NĐ-CP" in p for p in problems), problems


def test_a_replacement_not_yet_in_force_is_not_a_fault():
    rows = [Replacement("Thông tư 55/2021/TT-BCA", "Thông tư 116/2026/TT-BCA", dt.date(2026, 7, 1))]
    assert source_faults("Thông tư 55/2021/TT-BCA Điều 15", rows, dt.date(2026, 6, 30)) == []
    assert source_faults("Thông tư 55/2021/TT-BCA Điều 15", rows, dt.date(2026, 7, 1)) != []


@pytest.mark.parametrize("source", ["Luật Cư trú 68/2020/QH14", "Nghị định 282/2025/NĐ-CP; vneid.gov.vn",
                                    "Luật Căn cước", "Thông tư 75/2022/TT-BTC"])
def test_a_law_decree_or_circular_without_an_article_fails(tmp_path, source):
    problems = _problems(tmp_path, source)
    assert any("without an article" in p for p in problems), problems


@pytest.mark.parametrize("source", ["Luật Cư trú 68/2020/QH14 Điều 30", "Thông tư 75/2022/TT-BTC biểu mức thu",
                                    "Quyết định 06/QĐ-TTg; vneid.gov.vn", "Chỉ thị 24/CT-TTg ngày 13/09/2025",
                                    "Thông tư 66/2023/TT-BCA (mẫu CT07)", "hotline 1900 0368"])
def test_sources_that_name_the_place_or_need_none_pass(tmp_path, source):
    assert _problems(tmp_path, source) == []


def test_a_date_is_not_taken_for_a_document_number():
    assert citations("Chỉ thị 24/CT-TTg ngày 13/09/2025") == []
    assert [(c.kind, c.number) for c in citations("Luật Cư trú 68/2020/QH14; TT 66/2023/TT-BCA")] == [
        ("Luật", "68/2020"), ("Thông tư", "66/2023")]


def test_an_over_long_answer_fails(tmp_path):
    problems = _problems(tmp_path, "vneid.gov.vn", answer="x" * (MAX_ANSWER_CHARS + 1))
    assert any(f"answer has {MAX_ANSWER_CHARS + 1} characters (at most {MAX_ANSWER_CHARS})" in p
               for p in problems), problems


def test_an_unknown_placeholder_fails(tmp_path):
    problems = _problems(tmp_path, "vneid.gov.vn", answer="Gọi {police_fax}.")
    assert any("unknown placeholder {police_fax}" in p for p in problems), problems


def test_kb_check_exits_1_on_a_replaced_document(tmp_path, capsys):
    (tmp_path / "replaced.yaml").write_text(REPLACED, encoding="utf-8")
    (tmp_path / "topic.yaml").write_text(_topic("Thông tư 55/2021/TT-BCA Điều 15"), encoding="utf-8")
    assert cli_main(["kb", "check", "--dir", str(tmp_path)]) == 1
    assert "replaced by Thông tư 116/2026/TT-BCA" in capsys.readouterr().out


def test_kb_stale_lists_an_old_entry_and_not_a_fresh_one(tmp_path, capsys):
    (tmp_path / "old.yaml").write_text(_topic("vneid.gov.vn", reviewed="2025-01-15"), encoding="utf-8")
    fresh = _topic("vneid.gov.vn", reviewed=TODAY.isoformat()).replace("id: alpha", "id: beta").replace(
        "hỏi thử", "câu khác")
    (tmp_path / "fresh.yaml").write_text(fresh, encoding="utf-8")
    assert stale_entries(tmp_path, months=6, today=TODAY) == [("old.yaml", "alpha", dt.date(2025, 1, 15))]
    assert cli_main(["kb", "stale", "--months", "6", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2025-01-15  old.yaml: alpha" in out and "beta" not in out


def test_every_placeholder_kb_check_allows_is_filled():
    values = placeholder_values(load_config())
    assert set(values) == set(PLACEHOLDERS)
    assert all(values.values())


OTHER_COMMUNE = """\
organisation:
  commune: xã Thạch Bằng
  contact: Tổ công tác 06 xã Thạch Bằng (0239 000 111)
offices:
  police:
    name: Công an xã Thạch Bằng
    address: Số 12 đường Ven Biển, thôn Bằng Châu
    hours: Thứ Hai đến Thứ Sáu 7:00–17:00; sáng Thứ Bảy 7:00–11:00
    phone: 0239 123 4567
    map_url: https://maps.example.vn/cong-an-thach-bang
"""


@pytest.fixture
def other_commune_bot(tmp_path, store, kb, matcher, clock):
    path = tmp_path / "config.yaml"
    path.write_text(OTHER_COMMUNE, encoding="utf-8")
    return TestBot(Core(Deps(config=load_config(path), store=store, kb=kb, matcher=matcher, clock=clock)))


@pytest.mark.parametrize("question, expected", [
    ("công an xã ở đâu vậy", "Số 12 đường Ven Biển, thôn Bằng Châu"),
    ("cho xin số điện thoại của công an xã", "0239 123 4567"),
    ("công an xã có làm việc ngày thứ bảy không", "sáng Thứ Bảy 7:00–11:00"),
])
def test_office_questions_are_answered_from_the_commune_config(other_commune_bot, question, expected):
    reply = other_commune_bot.say(question)[0]
    assert expected in reply.text, reply.text
    assert "Trụ sở Công an xã An Dũng" not in reply.text


def test_an_office_detail_not_configured_points_to_the_local_contact(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(OTHER_COMMUNE, encoding="utf-8")
    config = load_config(path)
    text = fill_placeholders("Một cửa: {service_centre_phone}", config)
    assert "Tổ công tác 06 xã Thạch Bằng (0239 000 111)" in text and "{" not in text
