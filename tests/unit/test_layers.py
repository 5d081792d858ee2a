"""The package's layers, read off its own imports: no cycle, and the leaves stay leaves.

Every ``import legplan.x`` / ``from legplan.x import ...`` counts, also the ones
inside functions (a lazy import that closes a loop is still a loop).
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "calculator" / "legplan"


def _imports(path: Path) -> set[str]:
    """The ``legplan`` modules a file imports (``legplan.x`` -> ``x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "legplan" and len(parts) > 1 and (PACKAGE / f"{parts[1]}.py").exists():
                found.add(parts[1])
    return found


GRAPH = {p.stem: _imports(p) - {p.stem} for p in sorted(PACKAGE.glob("*.py"))}


def test_the_graph_was_read():
    assert {"vocab", "model", "rules", "schedule", "render", "ics", "templating"} <= set(GRAPH)
    assert "vocab" in GRAPH["model"]


def test_no_import_cycle():
    try:
        order = list(TopologicalSorter(GRAPH).static_order())
    except CycleError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")
    assert order.index("vocab") < order.index("model") < order.index("schedule")


def test_a_cycle_would_be_found():
    with pytest.raises(CycleError):
        list(TopologicalSorter({**GRAPH, "vocab": {"schedule"}}).static_order())


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("vocab", set()),
        ("errors", set()),
        ("sources", {"vocab"}),
        ("rules", {"vocab"}),
        ("model", {"vocab"}),
        ("templating", {"rules", "sources"}),
    ],
)
def test_leaves_import_only_what_they_stand_on(module, allowed):
    assert GRAPH[module] <= allowed, f"{module} imports {sorted(GRAPH[module] - allowed)}"


def test_nobody_imports_a_private_name():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("legplan"):
                private = [
                    a.name
                    for a in node.names
                    if a.name.startswith("_") and not a.name.endswith("__")
                ]
                assert not private, f"{path.name} imports {private} from {node.module}"
