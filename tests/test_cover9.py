"""Issue #16 «Coverage»: `kb coverage` tells curators which kinds of fact each entry answers directly, an entry can
state on purpose that a kind does not arise (`not_applicable`, checked by `kb check`), and the sub-questions added
from the report answer the fact asked first."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from bot.cli import main as cli_main
from knowledge.coverage import Coverage, coverage, render
from knowledge.loader import check_knowledge
from tests.replies import ask, assert_fact_leads

TODAY = dt.date(2026, 12, 2)


def _entry(extra: str = "") -> str:
    examples = ", ".join(f"câu hỏi mẫu số {i}" for i in range(8))
    return textwrap.dedent(f"""\
        group: Cư trú và lưu trú
        entries:
          - id: thu_tuc
            title: Một thủ tục
            answer: Nộp hồ sơ ở Công an xã.
            examples: [{examples}]
            source: "Luật Cư trú 68/2020/QH14 Điều 22"
            reviewed: 2026-12-02
            facets:
              - id: fee
                kind: fee
                answer: Không mất phí.
                examples: [tốn tiền không, phí bao nhiêu, có mất tiền ko]
                source: "Luật Cư trú 68/2020/QH14 Điều 22"
              - id: co_the
                kind: yesno
                answer: Có.
                examples: [được không, có làm được ko, được phép không]
                source: "Luật Cư trú 68/2020/QH14 Điều 22"
        """) + textwrap.indent(textwrap.dedent(extra), "    ")


def _write(tmp_path, extra=""):
    (tmp_path / "topic.yaml").write_text(_entry(extra), encoding="utf-8")
    return tmp_path


def test_coverage_lists_answered_missing_and_yes_no_kinds(tmp_path):
    [row] = coverage(_write(tmp_path))
    assert row.present == ("fee",) and row.yesno == 1
    assert set(row.missing) == {"time", "place", "documents", "penalty", "eligibility"}
    lines = render([row])
    assert lines[0] == "## Cư trú và lưu trú: 0/1 complete"
    assert "+fee" in lines[1] and "-penalty" in lines[1] and "yesno 1/3" in lines[1]
    assert "missing: time, place, documents, penalty, eligibility/age, yesno ×2" in lines[1]


def test_a_kind_stated_not_to_apply_is_neither_present_nor_missing(tmp_path):
    directory = _write(tmp_path, """\
        not_applicable:
          penalty: "Nghị định 282/2025/NĐ-CP Chương II không đặt mức phạt cho việc này"
        """)
    [row] = coverage(directory)
    assert row.not_applicable == ("penalty",) and "penalty" not in row.missing
    assert "n/a:penalty" in render([row])[1]
    assert check_knowledge(directory, today=TODAY) == []


def test_kb_check_rejects_a_contradicting_or_unsourced_not_applicable(tmp_path):
    directory = _write(tmp_path, """\
        not_applicable:
          fee: "miễn phí theo Nghị định 282/2025/NĐ-CP"
          penalty: "không"
        """)
    problems = [str(p) for p in check_knowledge(directory, today=TODAY)]
    assert any("thu_tuc.not_applicable.fee: says fee does not apply but a sub-question" in p for p in problems)
    assert any("thu_tuc.not_applicable.fee: reason: " in p and "without an article" in p for p in problems)
    assert any("thu_tuc.not_applicable.penalty: give the reason" in p for p in problems)


def test_kb_check_rejects_an_unknown_kind_in_not_applicable(tmp_path):
    directory = _write(tmp_path, """\
        not_applicable:
          yesno: "không có câu hỏi có hay không nào"
        """)
    assert any("not_applicable" in str(p) for p in check_knowledge(directory, today=TODAY))


def test_kb_coverage_command_filters_groups_and_gaps(tmp_path, capsys):
    directory = _write(tmp_path)
    assert cli_main(["kb", "coverage", "--dir", str(directory), "--group", "cu tru", "--gaps"]) == 0
    out = capsys.readouterr().out
    assert "thu_tuc" in out and "0/1 entries complete" in out
    assert cli_main(["kb", "coverage", "--dir", str(directory), "--group", "hộ chiếu"]) == 1


def test_gaps_only_leaves_out_complete_entries():
    full = Coverage("G", "day_du", ("fee", "time", "place", "documents", "penalty"), ("eligibility",), (), 3)
    partial = Coverage("G", "thieu", ("fee",), (), ("time",), 0)
    lines = render([full, partial], gaps_only=True)
    assert lines[0] == "## G: 1/2 complete"
    assert not any(line.startswith("day_du") for line in lines) and lines[1].startswith("thieu")


def test_the_bundled_knowledge_states_the_penalties_the_law_does_not_set():
    rows = {r.entry_id: r for r in coverage()}
    assert "penalty" in rows["dvc11_ket_hon"].not_applicable
    assert "penalty" in rows["dvc22_ly_lich_tu_phap"].not_applicable


def test_the_bundled_report_covers_the_three_groups():
    rows = coverage()
    groups = {r.group for r in rows}
    assert groups == {"25 dịch vụ công thiết yếu", "Tài khoản định danh điện tử VNeID", "Cư trú và lưu trú"}
    assert sum(r.group == "25 dịch vụ công thiết yếu" for r in rows) == 25


# The sub-questions the report's gaps led to (knowledge/CHANGES-2026-12-02m-cover9.md). Every question is worded for
# this test (none is a benchmark's or a knowledge example); each checks the fact in the reply's first paragraph.
@pytest.mark.parametrize("question, topic, facet, facts", [
    # where to register a birth when the parents rent (tạm trú): the parents' place of residence incl. tạm trú
    ("vợ chồng em thuê phòng trọ ở đây thì khai sinh cho cháu ở ủy ban nào", "dvc09_khai_sinh", "place",
     ("tạm trú", "UBND xã, phường")),
    ("ks cho con ở chỗ đang ở trọ thì nộp đâu", "dvc09_khai_sinh", "place", ("tạm trú", "UBND")),
    ("tạm trú thì mình nộp hồ sơ ở chỗ nào vậy", "dvc04_tam_tru", "noi_nop", ("Công an xã, phường", "nơi bạn đến ở")),
    ("dang ky tam tru nop tai dau", "dvc04_tam_tru", "noi_nop", ("Công an xã", "VNeID")),
    ("làm giấy đăng ký kết hôn thì đến đâu", "dvc11_ket_hon", "noi_dang_ky",
     ("UBND xã, phường nơi cư trú", "bên nam hoặc bên nữ")),
    ("nhà trai với nhà gái khác tỉnh thì đk kết hôn tại đâu", "dvc11_ket_hon", "noi_dang_ky", ("bên nam hoặc bên nữ",)),
    ("lien thong khai sinh the bhyt cho be thi nop o dau vay", "dvc15_lien_thong_khai_sinh", "noi_nop",
     ("VNeID", "Công an", "bảo hiểm xã hội")),
    ("nộp liên thông khai sinh cho bé thì phải có những giấy tờ nào", "dvc15_lien_thong_khai_sinh", "giay_to",
     ("giấy chứng sinh", "VNeID mức 2")),
])
def test_the_fact_asked_leads(testbot, question, topic, facet, facts):
    assert_fact_leads(ask(testbot, question), topic, facet, facts)
