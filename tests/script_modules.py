"""Load a script of ``scripts/`` as a module, for tests of the learning and benchmark scripts.

Import from a test module (pytest puts ``tests/`` on ``sys.path``)::

    from script_modules import load_script

    learn = load_script("learn_names")
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module, registered in ``sys.modules`` under ``name`` (so
    that its dataclasses and pickling work as when it runs)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
