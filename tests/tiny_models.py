"""Tiny random-weight translation models for tests, built once per test session.

Import from a test module (pytest puts ``tests/`` on ``sys.path``)::

    from tiny_models import tiny_model

    path = tiny_model("marian")  # or "m2m100", "nllb"; target_tokens=True for >>xxx<<

Each model is built by ``scripts/make_tiny_model.py`` (the same script a user runs) into a
temporary folder the first time it is asked for, and reused until the session ends. Load it
through the public path: ``load_translator(src, tgt, model=str(path))``. Point
``ALIGNTEXT_MODELS`` at a temporary folder in tests that use the ct2 backend, so the
converted copy does not land in the checkout's ``models/cache``.
"""

from __future__ import annotations

import atexit
import importlib.util
import shutil
import tempfile
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_tiny_model.py"

_built: dict[tuple[str, bool], Path] = {}
_root: Path | None = None


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_tiny_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tiny_model(arch: str = "marian", *, target_tokens: bool = False) -> Path:
    """The folder of a tiny ``arch`` model (``marian``, ``m2m100``, ``nllb``), built once.

    Treat it as read-only: other tests share it.
    """
    global _root
    key = (arch, target_tokens)
    if key not in _built:
        if _root is None:
            _root = Path(tempfile.mkdtemp(prefix="aligntext-tiny-"))
            atexit.register(shutil.rmtree, _root, True)
        out = _root / (f"{arch}-multi" if target_tokens else arch)
        _built[key] = _script().make_tiny_model(out, arch, target_tokens=target_tokens)
    return _built[key]
