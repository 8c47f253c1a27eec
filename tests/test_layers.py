"""Dependencies point one way: channels → core → handlers → team / nlu / knowledge → storage; scheduler → team.

Read from the source (imports made at run time, not those under ``if TYPE_CHECKING:``), so a new import that
turns an arrow around fails here before it becomes a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {  # package -> packages it must never import at run time
    "scheduler": ("bot.handlers", "bot.channels", "bot.core"),
    "bot.handlers": ("scheduler", "bot.channels", "bot.core"),
    "bot.team": ("bot.handlers", "bot.channels", "bot.core", "scheduler"),
    "bot.channels": ("bot.handlers", "bot.team", "scheduler"),
    "nlu": ("knowledge", "bot"),
    "knowledge": ("bot", "scheduler"),
}


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported by a file, leaving out ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", None) == "TYPE_CHECKING" for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _files(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_points_the_wrong_way(package):
    wrong = [f"{path.relative_to(ROOT)} imports {module}" for path in _files(package)
             for module in _runtime_imports(path)
             if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[package])]
    assert wrong == []


def test_every_command_and_button_handler_has_the_one_convention(testbot):
    """``handler(turn, argument)``, named functions of the handlers (no adapter in the core between them)."""
    import inspect

    handlers = {**testbot.core.commands, **{f"{k}:": h for k, h in testbot.core.buttons.items()}}
    for name, handler in handlers.items():
        params = list(inspect.signature(handler).parameters.values())
        assert handler.__name__ != "<lambda>", name
        assert [p.name for p in params[:1]] == ["turn"] and len(params) == 2, (name, params)
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params), (name, params)
