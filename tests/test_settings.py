"""Settings have one home: every NEWSCRAWL_* name the code reads gets its default in
newscrawl/settings.py, is read without a second literal default, and has a row in README.md's
settings table (with the default settings.py gives it)."""

from __future__ import annotations

import ast
import importlib.util
import re
from types import ModuleType

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "newscrawl"
SETTINGS_FILE = PACKAGE / "settings.py"
NAME = re.compile(r"NEWSCRAWL_[A-Z0-9_]+")
# Environment hooks for the test suite itself (e.g. NEWSCRAWL_TEST_EXTRACT_WORKER_CRASH): not
# settings, never set in a real crawl.
TEST_HOOK = "NEWSCRAWL_TEST_"
GETTERS = {"get", "getint", "getfloat", "getbool", "getlist", "getdict", "getdictorlist",
           "getwithbase"}
# Environment variables settings.py may read; cleared so the defaults themselves are compared.
ENV = ("NEWSCRAWL_DB", "NEWSCRAWL_CONTACT", "NEWSCRAWL_LOG_LEVEL", "NEWSCRAWL_EXTRACT_PROCESSES",
       "NEWSCRAWL_SCHEDULE", "SPLASH_URL", "NEWSCRAWL_CHROMIUM", "PLAYWRIGHT_CDP_URL", "REDIS_URL")


def _literals(tree: ast.AST) -> set[str]:
    """String constants that are exactly a NEWSCRAWL_* name (docstrings and messages are not)."""
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and NAME.fullmatch(node.value)}


def names_read() -> dict[str, list[str]]:
    """Every NEWSCRAWL_* name in newscrawl/'s code, with the modules that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _literals(ast.parse(path.read_text())):
            if not name.startswith(TEST_HOOK):
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def _env_defaults(tree: ast.AST) -> dict[str, object]:
    """Names one module reads from the environment (os.environ.get / os.getenv), with the
    literal default given there (``get(NAME, default)`` or ``get(NAME) or default``)."""
    found: dict[str, object] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.environ.get", "os.getenv")
                and node.args and isinstance(node.args[0], ast.Constant)):
            found[node.args[0].value] = (node.args[1].value if len(node.args) > 1
                                         and isinstance(node.args[1], ast.Constant) else None)
    for node in ast.walk(tree):
        if (isinstance(node, ast.BoolOp) and isinstance(node.values[0], ast.Call)
                and isinstance(node.values[-1], ast.Constant)):
            call = node.values[0]
            if ast.unparse(call.func) in ("os.environ.get", "os.getenv") and call.args:
                found[call.args[0].value] = node.values[-1].value
    return found


def settings_defaults(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What settings.py defines (environment unset), plus the names it only reads from the
    environment to fill a Scrapy setting (NEWSCRAWL_LOG_LEVEL -> LOG_LEVEL), with their default."""
    return {**_env_defaults(ast.parse(SETTINGS_FILE.read_text())),
            **vars(fresh_settings(monkeypatch))}


def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """newscrawl/settings.py executed anew with its environment variables unset."""
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    spec = importlib.util.spec_from_file_location("fresh_newscrawl_settings", SETTINGS_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_table() -> dict[str, str | None]:
    """README.md's settings table: each name in a row's first cell -> its default when written
    as a literal (`48`; one per name when the row lists several), else None ("empty", "2 MiB")."""
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    table: dict[str, str | None] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) != 3 or cells[0] in ("setting", "---"):
            continue
        names = re.findall(r"`([A-Z0-9_]+)`", cells[0])
        values = re.findall(r"`([^`]*)`", cells[1])
        literal = len(values) == len(names) and re.fullmatch(r"(`[^`]*`,? ?)+", cells[1])
        for i, name in enumerate(names):
            table[name] = values[i] if literal else None
    return table


def test_every_name_read_is_defined_in_settings_py(monkeypatch: pytest.MonkeyPatch) -> None:
    defined = settings_defaults(monkeypatch)
    missing = {name: where for name, where in names_read().items() if name not in defined}
    assert not missing, f"read but not defined in newscrawl/settings.py: {missing}"


def test_every_name_read_is_in_the_readme_table() -> None:
    missing = sorted(set(names_read()) - set(readme_table()))
    assert not missing, f"not in README.md's settings table: {missing}"


def test_readme_defaults_are_those_of_settings_py(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the table gives a default as a literal, it is the value settings.py sets."""
    settings = settings_defaults(monkeypatch)
    compared = {name: (written, str(settings[name])) for name, written in readme_table().items()
                if written is not None}
    assert len(compared) >= 15
    wrong = {name: pair for name, pair in compared.items() if pair[0] != pair[1]}
    assert not wrong, f"README default != settings.py (written, actual): {wrong}"


def test_no_second_literal_default() -> None:
    """Components read NEWSCRAWL_* settings with one argument: the default is settings.py's."""
    offenders = [f"{path.relative_to(ROOT)}:{call.lineno} {name}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path != SETTINGS_FILE
                 for tree in [ast.parse(path.read_text())]
                 for name, call in _getter_calls(tree)
                 if len(call.args) > 1 or call.keywords or _or_default(tree, call)]
    assert not offenders, f"a second default besides settings.py: {offenders}"


def _getter_calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    """``x.get*(NAME…)`` calls on a NEWSCRAWL_* name, given as a literal or a module constant."""
    constants = {target.id: node.value.value for node in ast.walk(tree)
                 if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                 for target in node.targets if isinstance(target, ast.Name)}
    calls = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in GETTERS and node.args):
            continue
        first = node.args[0]
        name = (first.value if isinstance(first, ast.Constant)
                else constants.get(first.id) if isinstance(first, ast.Name) else None)
        if isinstance(name, str) and NAME.fullmatch(name) and not name.startswith(TEST_HOOK):
            calls.append((name, node))
    return calls


def _or_default(tree: ast.AST, call: ast.Call) -> bool:
    """``settings.get(NAME) or <literal>``: a default by another spelling."""
    return any(isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or)
               and node.values[0] is call
               and any(isinstance(v, ast.Constant) for v in node.values[1:])
               for node in ast.walk(tree))
