"""The shape of the package: no import cycle among its modules, and no
module longer than a reader can hold.

Imports are read from the source with :mod:`ast`, function-local ones
included (a lazy import hides a cycle, it does not remove it); those under
``if TYPE_CHECKING:`` are left out, as Python never runs them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sphinx_modelterms

PACKAGE = Path(sphinx_modelterms.__file__).parent
NAME = PACKAGE.name
MAX_LINES = 400
#: modules allowed to be longer until they are split (none now)
LONG_MODULES: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(module: str, path: Path) -> set[str]:
    """The package modules ``module`` imports when it runs."""
    package = (
        module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    )
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit_node(other)
            else:
                visit_node(child)

    def visit_node(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == NAME)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.split(".")[0] == NAME:
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    found.add(submodule if submodule in MODULES else source)
        visit(node)

    visit(ast.parse(path.read_text("utf-8")))
    found.discard(module)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph``, as the modules along it, or ``None``."""
    done: set[str] = set()
    path: list[str] = []

    def walk(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph.get(module, ())):
            cycle = walk(imported)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = walk(module)
        if cycle:
            return cycle
    return None


def test_the_reader_finds_imports_of_every_kind() -> None:
    graph = {m: _imported(m, p) for m, p in MODULES.items()}
    # relative, absolute, from a package, and function-local
    assert "sphinx_modelterms.model" in graph["sphinx_modelterms.domain"]
    assert "sphinx_modelterms.lookup" in graph["sphinx_modelterms.domain"]
    assert "sphinx_modelterms._extension" in graph["sphinx_modelterms"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_among_the_package_modules() -> None:
    graph = {m: _imported(m, p) for m, p in MODULES.items()}
    assert _cycle(graph) is None


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        module: n
        for module, path in MODULES.items()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long.keys() <= LONG_MODULES, long
