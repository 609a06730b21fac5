"""Pipelines that join the jobs: translate a folder (``batch``), compare versions."""

from aligntext.pipeline.batch import (
    FileResult,
    ProgressEvent,
    TranslateRun,
    collect_inputs,
    translate_folder,
)

__all__ = [
    "FileResult",
    "ProgressEvent",
    "TranslateRun",
    "collect_inputs",
    "translate_folder",
]
