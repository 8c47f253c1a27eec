"""The commune's help is a knowledge group marked ``help: true`` (branch `cues9`), not a group known by its display
name: a follow-up in it keeps the procedure the conversation came from (bot/handlers/citizen.py, ``_helps``), the
flag is validated by ``kb check`` and renaming the group changes nothing.
"""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from bot.core import Core
from bot.deps import Deps
from knowledge.loader import KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge
from tests.conftest import TestBot
from tests.replies import last_reply, lead

ENTRY = """\
    group: {group}
    {help}entries:
      - id: alpha
        title: Tiêu đề alpha
        answer: Câu trả lời.
        examples: [{examples}]
        source: QĐ 06/QĐ-TTg
        reviewed: 2026-11-23
"""


def _write(directory, help_line: str) -> None:
    examples = ", ".join(f"câu hỏi alpha số {i}" for i in range(8))
    text = textwrap.dedent(ENTRY.format(group="Giúp đỡ", help=help_line, examples=examples))
    (directory / "a.yaml").write_text(text, encoding="utf-8")


def test_the_bundled_help_group_is_the_communes_offices(kb):
    helps = [g for g in kb.groups if g.help]
    assert len(helps) == 1
    assert {"cong_an_xa", "trung_tam_hcc"} <= set(helps[0].entry_ids)
    assert not any(g.help for g in kb.groups if "dvc09_khai_sinh" in g.entry_ids)


@pytest.mark.parametrize(("line", "helps"), [("help: true\n    ", True), ("help: false\n    ", False), ("", False)])
def test_the_flag_is_read_from_the_group_file(tmp_path, line, helps):
    _write(tmp_path, line)
    assert check_knowledge(tmp_path) == []
    assert load_knowledge(tmp_path).groups[0].help is helps


def test_kb_check_refuses_a_flag_that_is_not_true_or_false(tmp_path):
    _write(tmp_path, "help: có\n    ")
    assert [str(p) for p in check_knowledge(tmp_path)] == ["a.yaml: help: true or false"]
    with pytest.raises(KnowledgeError, match="help: true or false"):
        load_knowledge(tmp_path)


# the help without a smartphone, reached from the household-book question, keeps it: its CT07 fee answers
HELP_DIALOGUE = ("sổ hộ khẩu bị mất thì lấy gì chứng minh chỗ ở", "nhà tôi không ai dùng điện thoại thông minh thì sao",
                 "làm cái đó có tốn tiền không")


def _bot(kb: KnowledgeBase, matcher, store, config, clock, **change) -> TestBot:
    groups = tuple(dataclasses.replace(g, **change) if g.help else g for g in kb.groups)
    return TestBot(Core(Deps(config=config, store=store, kb=KnowledgeBase(kb.entries, groups), matcher=matcher,
                             clock=clock)))


def test_renaming_the_help_group_keeps_the_procedure(kb, matcher, store, config, clock):
    reply = last_reply(_bot(kb, matcher, store, config, clock, name="Một tên khác"), *HELP_DIALOGUE)
    assert reply.meta.fallback is False
    assert (reply.meta.topic, reply.meta.facet) == ("xac_nhan_cu_tru", "ct07_fee")
    assert "Không mất phí" in lead(reply)


def test_without_the_flag_the_procedure_is_not_kept(kb, matcher, store, config, clock):
    # the help entry has no fee of its own: with no procedure kept, the bot is unsure (the flag is what decides)
    reply = last_reply(_bot(kb, matcher, store, config, clock, help=False), *HELP_DIALOGUE)
    assert reply.meta.fallback is True and reply.meta.topic is None
