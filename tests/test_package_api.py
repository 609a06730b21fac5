"""The package's own namespace: the everyday entry points, imported on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import aligntext


def test_the_entry_points_are_the_owning_modules_functions():
    import importlib

    assert sorted(aligntext.__all__) == sorted(["__version__", *aligntext._API])
    for name, module in aligntext._API.items():
        assert getattr(aligntext, name) is getattr(importlib.import_module(module), name)
        assert name in dir(aligntext)
    found = aligntext.compare_sentences("Exports grew by 12%.", "Экспорт вырос на 13%.", "en", "ru")
    assert [f.message for f in found] == ["number 12% in source; target has 13%"]


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'compare'"):
        _ = aligntext.compare  # type: ignore[attr-defined]


def test_importing_the_package_imports_none_of_them():
    # The command line imports the package first: it must stay cheap.
    code = (
        "import sys, aligntext; print(sorted(m for m in sys.modules if m.startswith('aligntext.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
