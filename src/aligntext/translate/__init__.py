"""Machine translation: model registry, backends (transformers, CTranslate2), pivoting, cache.

``import aligntext.translate`` stays light: torch, transformers and ctranslate2 are imported
by the backend modules (:mod:`~aligntext.translate.hf`, :mod:`~aligntext.translate.ct2`) only
when a translator is built.
"""

from aligntext.translate.base import ProgressCallback, Translator, length_batches
from aligntext.translate.loader import BACKEND_CHOICES, get_backend, load_translator
from aligntext.translate.pivot import PivotTranslator
from aligntext.translate.registry import (
    ModelSpec,
    Route,
    Step,
    all_directions,
    load_registry,
    resolve_route,
)
from aligntext.translate.store import models_home

__all__ = [
    "BACKEND_CHOICES",
    "ModelSpec",
    "PivotTranslator",
    "ProgressCallback",
    "Route",
    "Step",
    "Translator",
    "all_directions",
    "get_backend",
    "length_batches",
    "load_registry",
    "load_translator",
    "models_home",
    "resolve_route",
]
