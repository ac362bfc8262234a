"""The project's import graph has no cycle (every import counts, also inside functions and under TYPE_CHECKING)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("newsspider", "newsspider_testing", "benchmarks")  # the whole project: code, test support, benchmarks


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The newsspider modules ``path`` imports (``from a import b`` counts ``a.b`` when that is a module, else ``a``)."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names = {f"{base}.{alias.name}" for alias in node.names}
            found.update(names & modules or {base})  # ``from pkg import module`` imports the module
    return {name for name in found if name in modules}


def graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    return {name: imports(path, set(paths)) - {name} for name, path in paths.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_state_package_is_in_no_cycle():
    edges = graph()
    assert "newsspider.state.extension" in edges
    state = {name: targets for name, targets in edges.items() if name.startswith("newsspider.state")}
    reach = {name: targets & set(edges) for name, targets in edges.items()}
    # A cycle through a state module would be found walking from it.
    for name in sorted(state):
        cycle = find_cycle({node: reach[node] for node in reachable(reach, name)})
        assert cycle is None or not any(node.startswith("newsspider.state") for node in cycle), cycle


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


def test_the_whole_project_imports_form_no_cycle():
    edges = graph()
    assert {"newsspider.chain", "newsspider_testing.crawlrun", "benchmarks.crawl"} <= set(edges)
    assert find_cycle(edges) is None
