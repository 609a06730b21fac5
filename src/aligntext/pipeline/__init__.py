"""Pipelines that join the jobs: translate a folder (:mod:`.batch`), compare versions
(:mod:`.compare`). Library functions: they return typed results and never print."""

from __future__ import annotations

from typing import Any

from aligntext.pipeline.batch import (
    FileResult,
    ProgressEvent,
    TranslateRun,
    collect_inputs,
    translate_folder,
)

_COMPARE = ("compare_versions", "check_bitext_file")

__all__ = [
    "FileResult",
    "ProgressEvent",
    "TranslateRun",
    "check_bitext_file",
    "collect_inputs",
    "compare_versions",
    "translate_folder",
]


def __getattr__(name: str) -> Any:
    # The comparison pipeline pulls in the checker; load it only when asked for.
    if name in _COMPARE:
        from aligntext.pipeline import compare

        return getattr(compare, name)
    raise AttributeError(f"module 'aligntext.pipeline' has no attribute {name!r}")
