"""aligntext: translate, align, cross-check and evaluate multilingual statements.

The everyday entry points are reachable from the package itself::

    import aligntext

    report = aligntext.compare_versions(["en.txt", "az.txt", "ru.txt", "tr.txt"])
    findings = aligntext.compare_sentences("Exports grew by 12%.", "Экспорт вырос на 13%.",
                                           "en", "ru")

They are imported on first use (PEP 562), so ``import aligntext`` stays cheap for the
command line. Each lives in the module that owns it (``aligntext.pipeline``,
``aligntext.check``, ...), where the rest of the API is; ``align``, ``evaluate``,
``segment`` and ``check`` are subpackages, so their functions are not repeated here
(``from aligntext.evaluate import evaluate``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Name -> the module that defines it.
_API = {
    "compare_versions": "aligntext.pipeline",
    "translate_folder": "aligntext.pipeline",
    "check_bitext_file": "aligntext.pipeline",
    "compare_sentences": "aligntext.check",
    "check_alignment": "aligntext.check",
    "extract_facts": "aligntext.check",
    "check_translations": "aligntext.qa",
    "read_document": "aligntext.io.documents",
    "segment_document": "aligntext.segment",
    "score": "aligntext.evaluate",
    "render_report": "aligntext.render.report",
}

__all__ = [
    "__version__",
    "check_alignment",
    "check_bitext_file",
    "check_translations",
    "compare_sentences",
    "compare_versions",
    "extract_facts",
    "read_document",
    "render_report",
    "score",
    "segment_document",
    "translate_folder",
]

if TYPE_CHECKING:
    from aligntext.check import check_alignment, compare_sentences, extract_facts
    from aligntext.evaluate import score
    from aligntext.io.documents import read_document
    from aligntext.pipeline import check_bitext_file, compare_versions, translate_folder
    from aligntext.qa import check_translations
    from aligntext.render.report import render_report
    from aligntext.segment import segment_document


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'aligntext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
