"""Everything a person configures or types is documented: every CLI command has help and a row in the README's
commands table (and every row names a real command and real options), every config key and setting has a help
line, and the README's environment table lists exactly the environment variables the code reads."""

from __future__ import annotations

import argparse
import re
import typing

import pytest
from pydantic import BaseModel

from bot.cli import build_parser
from bot.config import Config, Settings
from tests.conftest import PROJECT_DIR

CODE_DIRS = ("bot", "nlu", "scheduler", "knowledge")


def _readme_rows(heading: str) -> list[list[str]]:
    """The body rows of the first table under ``## heading``, as lists of cells."""
    section = (PROJECT_DIR / "README.md").read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = [re.split(r"(?<!\\)\|", line.strip())[1:-1] for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]  # without the header and the --- line


def _children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _commands(parser=None, path=()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and subcommand as (path, parser), e.g. (("kb", "build"), <parser>)."""
    parser = parser or build_parser()
    found = [(path, parser)] if path else []
    for name, child in _children(parser).items():
        found += _commands(child, (*path, name))
    return found


def _leaves():
    return [(path, parser) for path, parser in _commands() if not _children(parser)]


COMMANDS = _commands()


@pytest.mark.parametrize("path, parser", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path, parser, capsys):
    parent = build_parser()
    for name in path[:-1]:
        parent = _children(parent)[name]
    listed = next(a for a in parent._actions if isinstance(a, argparse._SubParsersAction))
    assert any(c.dest == path[-1] and c.help for c in listed._choices_actions), "no one-line help in the list"
    assert parser.description, "no description"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue  # its choices are commands, checked one by one
        assert action.help, f"option {action.option_strings or action.dest} has no help"
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*path, "--help"])
    assert exit_.value.code == 0
    assert " ".join(parser.description.split()[:4]) in " ".join(capsys.readouterr().out.split())


def _documented_commands() -> list[tuple[tuple[str, ...], list[str]]]:
    """(command path, the options the row mentions) for each row of the README's commands table."""
    documented = []
    for first, *_ in _readme_rows("Commands"):
        tokens = re.search(r"`python -m bot ([^`]+)`", first).group(1).split()
        parser, path = build_parser(), ()
        while tokens and tokens[0] in _children(parser):
            parser = _children(parser)[tokens[0]]
            path = (*path, tokens.pop(0))
        options = re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", first.replace("python -m bot", ""))
        documented.append((path, options))
    return documented


def test_every_command_is_in_the_readme_table():
    documented = {path for path, _ in _documented_commands()}
    missing = [" ".join(path) for path, _ in _leaves() if path not in documented]
    assert not missing, f"commands without a row in the README's commands table: {missing}"


def test_every_readme_command_row_is_a_real_command_with_real_options():
    leaves = dict(_leaves())
    for path, options in _documented_commands():
        assert path in leaves, f"README row `python -m bot {' '.join(path)}` is not a command"
        known = {o for action in leaves[path]._actions for o in action.option_strings}
        assert set(options) <= known, (path, set(options) - known)


def _models(model: type[BaseModel]):
    """The model and every model reachable through its fields (also inside list[...], X | None, dict[...])."""
    yield model
    pending = [field.annotation for field in model.model_fields.values()]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _models(annotation)
        else:
            pending += typing.get_args(annotation)


def test_every_config_key_and_setting_has_a_help_line():
    models = {*_models(Config), Settings}
    assert {"Village", "Indicator", "ReminderStep", "Task", "Web"} <= {m.__name__ for m in models}
    for model in models:
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"


def _environment_read_by_the_code() -> set[str]:
    names = {name.upper() for name in Settings.model_fields}  # pydantic-settings, no prefix
    pattern = re.compile(r"""(?:os\.environ(?:\.get)?[\[(]|os\.getenv\()\s*["']([A-Z][A-Z0-9_]*)["']""")
    for directory in CODE_DIRS:
        for path in (PROJECT_DIR / directory).rglob("*.py"):
            names |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def test_the_readme_environment_table_lists_every_variable_the_code_reads():
    table = {name for first, *_ in _readme_rows("Environment") for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", first)}
    read = _environment_read_by_the_code()
    assert read - table == set(), "read by the code but not in the README's environment table"
    assert table - read == set(), "in the README's environment table but read by nothing"
