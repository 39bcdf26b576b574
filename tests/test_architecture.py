"""The house rules of the layout (issue 15): a small top level, one name per module, no import
circle between modules. Import direction between stages is import-linter's job (`make lint`)."""

from __future__ import annotations

from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[1] / "newscrawl"
# Named after their paper or their command, or the conventional base/__init__ of a package.
NAMED_BY_ROLE = {"spiders", "commands"}


def test_top_level_holds_only_what_every_stage_shares() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules <= {"__init__.py", "settings.py", "items.py", "article.py"}, modules


def test_module_names_are_unique() -> None:
    seen: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in {"__init__.py", "__main__.py", "base.py"}:
            continue
        if path.parent.name in NAMED_BY_ROLE:
            continue
        assert path.name not in seen, f"{path} and {seen[path.name]}"
        seen[path.name] = path


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(
                        child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_between_modules() -> None:
    graph = grimp.build_graph("newscrawl")
    # A package's __init__ re-exporting its modules is not a circle of the code.
    for module in list(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if module == imported.rpartition(".")[0] or imported == module.rpartition(".")[0]:
                graph.remove_import(importer=module, imported=imported)
    assert _cycles(graph) == []
