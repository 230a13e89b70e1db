"""How the package's modules depend on each other: data flows one way, from the engine to its
results to the reporters, and no two modules import each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "auditrules"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(module: str, everywhere: bool) -> set[str]:
    """The package's modules that `module` imports: at its top level (outside TYPE_CHECKING
    blocks), or `everywhere` (inside functions too)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    nodes = ast.walk(tree) if everywhere else iter(tree.body)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


def test_the_engine_imports_neither_reporters_nor_waivers_anywhere():
    for module in ("auditrules.engine", "auditrules.results", "auditrules.spool"):
        reached = _imports(module, everywhere=True)
        wrong = {name for name in reached
                 if name.startswith("auditrules.reporters") or name in {"auditrules.waivers",
                                                                        "auditrules.redact"}}
        assert not wrong, f"{module} imports {sorted(wrong)}"


def test_reporters_and_waivers_read_results_not_the_engine():
    readers = [name for name in MODULES if name.startswith("auditrules.reporters.")]
    for module in [*readers, "auditrules.waivers", "auditrules.redact"]:
        assert "auditrules.engine" not in _imports(module, everywhere=True), module


def test_no_two_modules_import_each_other():
    graph = {module: _imports(module, everywhere=False) for module in MODULES}
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                cycle = [*path[path.index(other):], other] if other in path else [module, other]
                raise AssertionError("modules import each other in a circle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, [*path, other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert len(state) == len(MODULES) > 60
