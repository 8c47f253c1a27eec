import pytest

from bot.config import ConfigError, load_config


def test_bundled_config_is_valid():
    config = load_config()
    assert config.organisation.timezone == "Asia/Ho_Chi_Minh"


def test_bad_key_is_named(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("citizen:\n  answer_threshold: 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"citizen\.answer_threshold: Input should be less than or equal to 1"):
        load_config(path)


def test_unknown_key_is_named(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("organisation:\n  nmae: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"organisation\.nmae: Extra inputs are not permitted"):
        load_config(path)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)


def test_config_error_is_one_line_on_the_command_line(tmp_path, monkeypatch, capsys):
    from bot.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("citizen:\n  answer_threshold: abc\n", encoding="utf-8")
    monkeypatch.setenv("BOT_CONFIG", str(bad))
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    assert main(["ask", "hotline"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("Configuration error:") and "citizen.answer_threshold" in err[-1]
