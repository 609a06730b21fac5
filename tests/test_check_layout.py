"""The checker's modules stay findable: public names across modules, no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

CHECK = Path(__file__).resolve().parents[1] / "src" / "aligntext" / "check"


def _imports() -> dict[str, list[tuple[str, list[str]]]]:
    """For each check module, the check modules it imports (anywhere) and the names taken."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for path in sorted(CHECK.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "aligntext.check."
            ):
                found.append((node.module.rsplit(".", 1)[1], [a.name for a in node.names]))
        out[path.stem] = found
    return out


def test_no_private_name_is_imported_across_check_modules() -> None:
    private = [
        f"{mod} imports {name} from {other}"
        for mod, items in _imports().items()
        for other, names in items
        for name in names
        if name.startswith("_")
    ]
    assert private == []


def test_check_modules_import_no_cycle() -> None:
    graph = {mod: {other for other, _ in items} for mod, items in _imports().items()}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert cycles == []


def test_check_modules_stay_small() -> None:
    long = [
        p.name for p in CHECK.glob("*.py") if len(p.read_text(encoding="utf-8").splitlines()) > 600
    ]
    assert long == []
