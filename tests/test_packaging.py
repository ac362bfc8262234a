"""Packaging matches the code: what is imported is declared, what is declared is used, test support stays out."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from fnmatch import fnmatch
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OWN = {"newsspider", "newsspider_testing", "benchmarks", "tests", "conftest"}
# Declared without an import statement, each for a reason.
UNIMPORTED = {
    "tzdata": "IANA zone data that zoneinfo reads where the system has none",
    "cssselect": "lxml's element.cssselect() imports it (profile CSS selectors in extract/)",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@cache
def _declared() -> dict[str, set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    groups = {"": {_name(r) for r in project["dependencies"]}}
    groups |= {extra: {_name(r) for r in reqs} for extra, reqs in project["optional-dependencies"].items()}
    return groups


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements that run on import: the module body, also inside top-level ``if``/``try`` blocks."""
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If | ast.Try):
            todo += [*node.body, *node.orelse, *getattr(node, "finalbody", []),
                     *(stmt for handler in getattr(node, "handlers", []) for stmt in handler.body)]  # fmt: skip
    return found


def imported_modules(root: Path, *, lazy: bool = True) -> dict[str, set[str]]:
    """Top-level module -> files under ``root`` importing it (with ``lazy``, also imports inside functions)."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree) if lazy else _module_level(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def _third_party(root: Path, *, lazy: bool = True) -> dict[str, set[str]]:
    """Distribution -> files, for the imports of ``root`` that are neither stdlib nor ours."""
    by_module = packages_distributions()
    found: dict[str, set[str]] = {}
    for module, files in imported_modules(root, lazy=lazy).items():
        if module in sys.stdlib_module_names or module in OWN or (root / f"{module}.py").exists():
            continue
        for dist in by_module.get(module, [module]):
            found.setdefault(dist.lower().replace("_", "-"), set()).update(files)
    return found


def test_the_package_imports_only_its_dependencies_on_import():
    """Extras (trafilatura for evaluate, jsonschema for schema.validator) are imported inside functions only."""
    undeclared = {dist: files for dist, files in _third_party(ROOT / "newsspider", lazy=False).items()
                  if dist not in _declared()[""]}  # fmt: skip
    assert not undeclared


@pytest.mark.parametrize(
    ("root", "extras"),
    [("newsspider", ("eval", "test")), ("newsspider_testing", ("test",)), ("tests", ("test", "eval")),
     ("benchmarks", ("test", "eval"))],
)  # fmt: skip
def test_every_import_is_declared(root, extras):
    allowed = set().union(_declared()[""], *(_declared()[extra] for extra in extras))
    undeclared = {dist: files for dist, files in _third_party(ROOT / root).items() if dist not in allowed}
    assert not undeclared


def test_every_dependency_is_imported_by_the_package():
    used = set(_third_party(ROOT / "newsspider"))
    assert _declared()[""] - used == set(UNIMPORTED)


def test_lxml_css_selectors_have_cssselect_declared():
    uses_css = [path for path in (ROOT / "newsspider").rglob("*.py") if ".cssselect(" in path.read_text("utf-8")]
    assert uses_css and "cssselect" in _declared()[""]


def test_no_production_module_imports_the_test_support():
    offenders = imported_modules(ROOT / "newsspider").get("newsspider_testing", set())
    assert not offenders
    assert not (ROOT / "newsspider" / "testing").exists()


def test_the_test_support_is_not_part_of_the_distribution():
    find = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]["find"]
    dirs = [path.parent.relative_to(ROOT) for path in ROOT.glob("*/**/__init__.py") if ".venv" not in path.parts]
    names = {".".join(path.parts) for path in dirs}
    packages = {name for name in names if any(fnmatch(name, pattern) for pattern in find["include"])}  # as setuptools
    assert "newsspider" in packages and "newsspider.demosite" in packages
    assert not [name for name in packages if name.startswith("newsspider_testing") or name.startswith("tests")]
