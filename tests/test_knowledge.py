"""The bundled knowledge base is consistent, and ``kb check`` catches each kind of fault."""

from __future__ import annotations

import textwrap

import pytest

from bot.cli import main as cli_main
from knowledge.loader import KnowledgeError, check_knowledge, load_knowledge
from nlu.normalize import fold

REQUIRED_TOPICS = [
    "vneid_muc1", "vneid_muc2", "vneid_muc1_vs_muc2", "vneid_muc2_loi_ich", "vneid_tre_em", "vneid_nguoi_nuoc_ngoai",
    "vneid_le_phi", "vneid_kich_hoat", "vneid_quen_mat_khau", "vneid_quen_passcode", "vneid_doi_so_dien_thoai",
    "vneid_mat_dien_thoai", "vneid_lua_dao_otp", "vneid_dang_nhap_dvc", "dvc_danh_sach_25", "dvc_dieu_kien",
    "dvc_loi_ich", "dvc_cong_quoc_gia", "hotline", "luu_tru_la_gi", "luu_tru_cach_thuc", "luu_tru_thoi_han",
    "luu_tru_xu_phat", "tam_tru_vs_luu_tru", "luu_tru_nguoi_nuoc_ngoai", "ho_khau_thay_the", "can_cuoc_vs_cccd",
    "vneid_bhyt_kham_benh", "vneid_an_sinh_xa_hoi", "vneid_to_giac_toi_pham", "vneid_chu_ky_so", "de_an_06",
    "greeting", "thanks", "help",
]
SERVICE_HOWTOS = [
    "dvc01_xac_nhan_cmnd", "dvc02_the_can_cuoc", "dvc03_thuong_tru", "dvc04_tam_tru", "dvc05_tam_vang",
    "luu_tru_cach_thuc", "dvc07_bien_so_xe", "dvc08_phat_nguoi", "dvc09_khai_sinh", "dvc10_khai_tu",
    "dvc11_ket_hon", "dvc12_ho_chieu", "dvc13_con_dau_moi", "dvc14_con_dau_thu_nho", "dvc15_lien_thong_khai_sinh",
    "dvc16_lien_thong_khai_tu", "dvc17_bhyt_ho_gia_dinh", "dvc18_dang_ky_thue", "dvc19_bien_dong_dat_dai",
    "dvc20_gplx", "dvc21_thi_thpt", "dvc22_ly_lich_tu_phap", "dvc23_tro_cap_that_nghiep", "dvc24_cap_dien_moi",
    "dvc25_doi_chu_hop_dong_dien",
]


def test_bundled_knowledge_base_has_no_problems():
    assert [str(p) for p in check_knowledge()] == []


def test_every_required_topic_and_all_25_service_howtos_exist(kb):
    missing = [t for t in REQUIRED_TOPICS + SERVICE_HOWTOS if t not in kb.entries]
    assert missing == []
    assert len(SERVICE_HOWTOS) == 25


def test_entries_have_source_reviewed_date_and_known_related(kb):
    for entry in kb.entries.values():
        assert entry.source.strip(), entry.id
        assert entry.reviewed.year >= 2025, entry.id
        assert all(r in kb.entries for r in entry.related), entry.id


def test_answers_are_vietnamese_plain_text(kb):
    for entry in kb.entries.values():
        assert "**" not in entry.answer and "<b>" not in entry.answer, entry.id
        # Vietnamese with diacritics: folding must change the text
        assert fold(entry.answer) != entry.answer.lower(), entry.id


def test_hotline_entry_gives_both_numbers_and_local_contact(kb):
    answer = kb.entries["hotline"].answer
    assert "1800 1096" in answer and "1900 0368" in answer and "{local_contact}" in answer


def _write(directory, name, text):
    (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")


ENTRY = """\
      - id: {id}
        title: Tiêu đề {id}
        answer: {answer}
        examples: [{examples}]
        related: [{related}]
        source: {source}
        reviewed: 2026-11-23
"""


def _entry(id, answer="Câu trả lời.", examples=None, related="", source="QĐ 06/QĐ-TTg"):
    examples = examples or ", ".join(f"câu hỏi {id} số {i}" for i in range(8))
    return ENTRY.format(id=id, answer=answer, examples=examples, related=related, source=source)


def _kb_file(*entries):
    return "group: Thử\nentries:\n" + "".join(entries)


def test_check_accepts_a_good_file(tmp_path):
    _write(tmp_path, "a.yaml", _kb_file(_entry("alpha", related="beta"), _entry("beta")))
    assert check_knowledge(tmp_path) == []
    assert set(load_knowledge(tmp_path).entries) == {"alpha", "beta"}


@pytest.mark.parametrize(
    "entries, message",
    [
        ([_entry("alpha", related="nowhere")], "related id 'nowhere' does not exist"),
        ([_entry("alpha", examples="một, hai")], "only 2 examples"),
        ([_entry("alpha", answer="x" * 1501)], "answer has 1501 characters"),
        ([_entry("alpha", source='""')], "source"),
        ([_entry("alpha"), _entry("alpha")], "duplicate id"),
        ([_entry("alpha", examples=", ".join(["Đăng ký tạm trú"] + [f"a{i}" for i in range(7)])),
          _entry("beta", examples=", ".join(["dang ky tam tru"] + [f"b{i}" for i in range(7)]))],
         "also in beta"),
        ([_entry("Bad Id")], "id: String should match pattern"),
    ],
)
def test_check_reports_each_fault_with_file_and_entry(tmp_path, entries, message):
    _write(tmp_path, "topic.yaml", _kb_file(*entries))
    problems = [str(p) for p in check_knowledge(tmp_path)]
    assert any(p.startswith("topic.yaml: ") and message in p for p in problems), problems


def test_missing_reviewed_date_is_reported(tmp_path):
    _write(tmp_path, "topic.yaml", _kb_file(_entry("alpha").replace("        reviewed: 2026-11-23\n", "")))
    problems = [str(p) for p in check_knowledge(tmp_path)]
    assert problems == ["topic.yaml: alpha: reviewed: Field required"]


def test_invalid_yaml_is_reported(tmp_path):
    _write(tmp_path, "broken.yaml", "group: [unclosed\n")
    assert str(check_knowledge(tmp_path)[0]).startswith("broken.yaml: not valid YAML")


def test_load_refuses_a_faulty_file(tmp_path):
    _write(tmp_path, "topic.yaml", _kb_file(_entry("alpha", source='""')))
    with pytest.raises(KnowledgeError, match="topic.yaml: alpha: source"):
        load_knowledge(tmp_path)


def test_kb_check_command_exit_codes(tmp_path, capsys):
    _write(tmp_path, "topic.yaml", _kb_file(_entry("alpha", related="nowhere")))
    assert cli_main(["kb", "check", "--dir", str(tmp_path)]) == 1
    assert "topic.yaml: alpha: related id 'nowhere'" in capsys.readouterr().out
    (tmp_path / "topic.yaml").write_text(_kb_file(_entry("alpha")), encoding="utf-8")
    assert cli_main(["kb", "check", "--dir", str(tmp_path)]) == 0


SERVICE_NAMES = ["chứng minh nhân dân", "thường trú", "tạm trú", "tạm vắng", "lưu trú", "biển số", "phạt",
                 "khai sinh", "khai tử", "kết hôn", "hộ chiếu", "con dấu", "mai táng", "hộ gia đình", "thuế", "đất",
                 "giấy phép lái xe", "tốt nghiệp", "lý lịch tư pháp", "thất nghiệp", "điện"]


def test_each_service_howto_is_about_its_service_not_a_generic_list(kb):
    """A how-to (with its source line) names at most five services, so it never reads like the full list."""
    for entry_id in SERVICE_HOWTOS + ["luu_tru_la_gi", "luu_tru_thoi_han", "tam_tru_vs_luu_tru"]:
        entry = kb.entries[entry_id]
        text = fold(entry.answer + " " + entry.source)
        named = [name for name in SERVICE_NAMES if fold(name) in text]
        assert len(named) <= 5, (entry_id, named)


FACET = """\
        facets:
          - id: {id}
            kind: {kind}
            answer: {answer}
            examples: [{examples}]
            source: {source}
"""


def _with_facet(entry, id="fee", kind="fee", answer="Không mất phí.", examples="phí bao nhiêu, mất tiền không, lệ phí",
                source="Luật Hộ tịch 2014, Điều 11"):
    return entry + FACET.format(id=id, kind=kind, answer=answer, examples=examples, source=source)


def test_a_sub_question_is_loaded_with_its_entry(tmp_path):
    _write(tmp_path, "a.yaml", _kb_file(_with_facet(_entry("alpha"))))
    assert check_knowledge(tmp_path) == []
    facet = load_knowledge(tmp_path).entries["alpha"].facet("fee")
    assert facet.kind == "fee" and facet.answer == "Không mất phí." and len(facet.examples) == 3


@pytest.mark.parametrize(
    "facet, message",
    [
        ({"examples": "phí bao nhiêu"}, "alpha.fee: only 1 examples (at least 3)"),
        ({"source": '""'}, "source"),
        ({"answer": "x" * 301}, "alpha.fee: answer has 301 characters"),
        ({"kind": "price"}, "kind: Input should be"),
    ],
)
def test_check_reports_faulty_sub_questions(tmp_path, facet, message):
    _write(tmp_path, "topic.yaml", _kb_file(_with_facet(_entry("alpha"), **facet)))
    problems = [str(p) for p in check_knowledge(tmp_path)]
    assert any(p.startswith("topic.yaml: alpha") and message in p for p in problems), problems


def test_a_sub_question_example_may_not_repeat_an_entry_example(tmp_path):
    _write(tmp_path, "topic.yaml", _kb_file(_with_facet(_entry("alpha"), examples="câu hỏi alpha số 1, b, c")))
    problems = [str(p) for p in check_knowledge(tmp_path)]
    assert any("also in alpha.fee" in p for p in problems), problems


def test_two_sub_questions_sharing_an_example_are_reported_not_a_crash(tmp_path):
    _write(tmp_path, "topic.yaml", _kb_file(_with_facet(_entry("alpha")), _with_facet(_entry("beta"))))
    problems = [str(p) for p in check_knowledge(tmp_path)]
    assert any(p.startswith("topic.yaml: alpha.fee") and "also in beta.fee" in p for p in problems), problems


def test_rasa_export_has_each_sub_question_as_its_own_intent(tmp_path):
    import yaml

    from nlu.rasa_export import to_rasa_nlu

    _write(tmp_path, "a.yaml", _kb_file(_with_facet(_entry("alpha"))))
    nlu = yaml.safe_load(to_rasa_nlu(load_knowledge(tmp_path), []))["nlu"]
    intents = {item["intent"]: item["examples"] for item in nlu}
    assert set(intents) == {"alpha", "alpha.fee"}
    assert "- mất tiền không\n" in intents["alpha.fee"] and "mất tiền" not in intents["alpha"]
