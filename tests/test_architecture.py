"""The rules of docs/architecture.md, checked on the source with ast (nothing is imported).

- the modules of ``src/aligntext`` import each other without a cycle (module-level imports;
  an import inside a function runs when it is called, after every module has loaded);
- nothing below ``cli/`` prints or exits: no ``print(...)``, ``sys.exit``, ``exit`` or
  ``quit`` outside ``aligntext.cli`` and ``aligntext.__main__``;
- no module holds more than 600 lines;
- no module imports another module's private names (``from aligntext.x import _y``): what
  two modules share is public, with a docstring.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "aligntext"
MAX_LINES = 600

#: Modules over the limit that another change is splitting. Temporary: remove each entry as
#: soon as its split lands. Empty: issue 11 split check/compare.py and check/numbers.py.
SPLIT_PENDING: set[str] = set()

#: Where printing and exiting are allowed: the command line.
MAY_PRINT = ("aligntext.cli", "aligntext.__main__")


def module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root.parent): p for p in sorted(root.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def top_level_imports(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules imported at module level (``if TYPE_CHECKING`` blocks excluded).

    ``from package import name`` counts as importing the submodule ``package.name`` when
    there is one, else the package itself.
    """
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in known)
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, is_package, node)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in known:
                        found.add(sub)
                    elif target in known:
                        found.add(target)
            elif isinstance(node, ast.If):
                test = node.test
                if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
                    continue  # read by the type checker only, never run
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)

    visit(ast.parse(source).body)
    found.discard(module)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the project modules it imports at module level."""
    mods = modules(root)
    known = set(mods)
    return {
        name: top_level_imports(path.read_text(), name, path.name == "__init__.py", known)
        for name, path in mods.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                cycle = dfs(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = dfs(start)
            if cycle:
                return cycle
    return None


def prints_or_exits(source: str) -> list[str]:
    """``print(...)``, ``sys.exit(...)``, ``exit(...)`` and ``quit(...)`` calls, with lines."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("print", "exit", "quit"):
            hits.append(f"{func.id}() on line {node.lineno}")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in ("exit", "_exit")
            and isinstance(func.value, ast.Name)
            and func.value.id in ("sys", "os")
        ):
            hits.append(f"{func.value.id}.{func.attr}() on line {node.lineno}")
    return hits


def private_imports(source: str, module: str, is_package: bool, known: set[str]) -> list[str]:
    """Private names (one leading underscore) imported from other project modules, anywhere
    in ``source``; a submodule whose name starts with an underscore (``cli._util``) is no
    private name."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        target = _resolve(module, is_package, node)
        if not target.startswith("aligntext") or target == module:
            continue
        for alias in node.names:
            name = alias.name
            if (
                name.startswith("_")
                and not name.startswith("__")
                and f"{target}.{name}" not in known
            ):
                hits.append(f"{target}.{name} on line {node.lineno}")
    return hits


# --- the rules ----------------------------------------------------------------------------


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_nothing_below_cli_prints_or_exits() -> None:
    offenders = {
        name: hits
        for name, path in modules().items()
        if not name.startswith(MAY_PRINT)
        for hits in [prints_or_exits(path.read_text())]
        if hits
    }
    assert not offenders, f"print / exit below cli/: {offenders}"


def test_no_module_over_600_lines() -> None:
    lengths = {name: len(path.read_text().splitlines()) for name, path in modules().items()}
    too_long = {
        name: n for name, n in lengths.items() if n > MAX_LINES and name not in SPLIT_PENDING
    }
    assert not too_long, f"modules over {MAX_LINES} lines (split them): {too_long}"


def test_no_private_name_imported_across_modules() -> None:
    mods = modules()
    known = set(mods)
    offenders = {
        name: hits
        for name, path in mods.items()
        for hits in [private_imports(path.read_text(), name, path.name == "__init__.py", known)]
        if hits
    }
    assert not offenders, f"private names imported from other modules: {offenders}"


def test_split_pending_list_is_still_needed() -> None:
    # An entry whose module has been split must leave the list, so it cannot hide a new one.
    mods = modules()
    stale = [
        name
        for name in SPLIT_PENDING
        if name not in mods or len(mods[name].read_text().splitlines()) <= MAX_LINES
    ]
    assert not stale, f"remove from SPLIT_PENDING, now within the limit: {stale}"


# --- the checks can fail --------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "aligntext" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "aligntext"


def test_cycle_is_found(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from aligntext.b import x\n",
            "b.py": "from aligntext import c\n",
            "c.py": "import aligntext.a\n",
            "d.py": "def f():\n    from aligntext import a\n",
        },
    )
    graph = import_graph(pkg)
    assert find_cycle(graph) == ["aligntext.a", "aligntext.b", "aligntext.c", "aligntext.a"]
    del graph["aligntext.c"]
    assert find_cycle(graph) is None  # d's import inside a function is no edge


def test_type_checking_imports_are_no_edge() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import aligntext.b\n"
    assert top_level_imports(source, "aligntext.a", False, {"aligntext.b"}) == set()
    assert top_level_imports("import aligntext.b\n", "aligntext.a", False, {"aligntext.b"}) == {
        "aligntext.b"
    }


def test_private_imports_are_found() -> None:
    source = (
        "from aligntext.b import _hidden, shown\n"
        "from aligntext.cli import _util\n"
        "def f():\n    from .c import _late\n"
    )
    known = {"aligntext.a", "aligntext.b", "aligntext.c", "aligntext.cli._util"}
    assert private_imports(source, "aligntext.a", False, known) == [
        "aligntext.b._hidden on line 1",
        "aligntext.c._late on line 4",
    ]


def test_print_and_exit_are_found() -> None:
    source = "import sys\ndef f():\n    print('x')\n    sys.exit(1)\n"
    assert prints_or_exits(source) == ["print() on line 3", "sys.exit() on line 4"]
    assert prints_or_exits("def f(log):\n    log.print('x')\n") == []
