"""Pipelines that join the jobs: load a version (:mod:`.versions`), translate a folder
(:mod:`.batch`), compare versions (:mod:`.compare`), evaluate files and folders
(:mod:`.evaluation`). Library functions: they return typed results and never print.

The names below are imported on first use, so that loading one version (``aligntext
segment``, ``align``) does not load the translate job or the checker.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aligntext.pipeline.batch import (
        FileResult,
        ProgressEvent,
        TranslateRun,
        collect_inputs,
        translate_folder,
    )
    from aligntext.pipeline.compare import BitextCheck, check_bitext_file, compare_versions
    from aligntext.pipeline.versions import LoadedVersion, load_version

#: Public name -> the module that defines it.
_WHERE = {
    "FileResult": "aligntext.pipeline.batch",
    "ProgressEvent": "aligntext.pipeline.batch",
    "TranslateRun": "aligntext.pipeline.batch",
    "collect_inputs": "aligntext.pipeline.batch",
    "translate_folder": "aligntext.pipeline.batch",
    "BitextCheck": "aligntext.pipeline.compare",
    "check_bitext_file": "aligntext.pipeline.compare",
    "compare_versions": "aligntext.pipeline.compare",
    "LoadedVersion": "aligntext.pipeline.versions",
    "load_version": "aligntext.pipeline.versions",
}

__all__ = [
    "BitextCheck",
    "FileResult",
    "LoadedVersion",
    "ProgressEvent",
    "TranslateRun",
    "check_bitext_file",
    "collect_inputs",
    "compare_versions",
    "load_version",
    "translate_folder",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'aligntext.pipeline' has no attribute {name!r}")
