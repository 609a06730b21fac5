"""The model registry: which pretrained model translates each direction.

The table is ``models/registry.toml`` (a readable file, edited by hand); this module reads it
and resolves a direction into a :class:`Route` (one model, or two through English).
:func:`ensure_model` joins it to the model store (:mod:`aligntext.translate.store`: where
models live, pulling them), whose names are re-exported here. Nothing here imports torch,
transformers or ctranslate2.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from aligntext.errors import InputError, ModelNotFoundError
from aligntext.langs import CODES, get_language, resolve_lang
from aligntext.translate.store import (
    DOWNLOAD_PATTERNS,
    MODEL_INFO_FILE,
    REPO_ROOT,
    check_model_type,
    ct2_dir,
    find_model,
    hf_hub_cache,
    hub_answered,
    hub_offline,
    incomplete_copy,
    incomplete_message,
    is_ct2_model,
    is_local_path,
    missing_model_message,
    model_revision,
    model_slug,
    models_home,
    pull_model,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# The model store's names (:mod:`aligntext.translate.store`) stay importable from here.
__all__ = [
    "DOWNLOAD_PATTERNS",
    "FAMILIES",
    "MODEL_INFO_FILE",
    "PIVOT",
    "PIVOT_MODEL",
    "REPO_ROOT",
    "Direction",
    "ModelRow",
    "ModelSpec",
    "Registry",
    "Route",
    "Step",
    "all_directions",
    "ct2_dir",
    "ensure_model",
    "find_model",
    "hf_hub_cache",
    "hub_answered",
    "hub_offline",
    "is_ct2_model",
    "is_local_path",
    "list_models",
    "load_registry",
    "make_step",
    "missing_model_message",
    "model_revision",
    "model_slug",
    "models_home",
    "pull_model",
    "pull_name",
    "pull_targets",
    "registry_path",
    "resolve_route",
]

#: Model families and the transformers ``model_type`` each one is saved with.
FAMILIES: tuple[str, ...] = ("marian", "nllb", "m2m100")

#: The pivot language for directions without a direct model.
PIVOT = "en"
PIVOT_MODEL = f"pivot:{PIVOT}"


# --- registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    """One model of the registry.

    Args:
        id: the hub id (``Helsinki-NLP/opus-mt-en-ru``).
        family: ``marian``, ``nllb`` or ``m2m100``.
        pairs: the directions a Marian model translates (``("en-ru",)``).
        languages: the languages a multilingual model (NLLB, M2M100) covers.
        target_tokens: for multi-target OPUS-MT models, the ``>>xxx<<`` token per target.
        note: a remark shown by ``aligntext models list``.
    """

    id: str
    family: str
    pairs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    target_tokens: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def supports(self, src: str, tgt: str) -> bool:
        """Whether the model translates ``src`` into ``tgt``."""
        if self.languages:
            return src in self.languages and tgt in self.languages and src != tgt
        return f"{src}-{tgt}" in self.pairs


@dataclass(frozen=True)
class Direction:
    """A direction's entry: its default model (or ``pivot:en``) and the alternatives."""

    src: str
    tgt: str
    default: str
    alternatives: tuple[str, ...] = ()

    @property
    def pair(self) -> str:
        """``src-tgt``."""
        return f"{self.src}-{self.tgt}"


@dataclass(frozen=True)
class Registry:
    """The parsed registry file."""

    models: dict[str, ModelSpec]
    directions: dict[str, Direction]
    path: str = ""

    def direction(self, src: str, tgt: str) -> Direction:
        """The entry for ``src``-``tgt`` (codes already resolved)."""
        try:
            return self.directions[f"{src}-{tgt}"]
        except KeyError:
            raise InputError(
                f"direction {src}-{tgt} is not in the model registry {self.path}; "
                f"add it or pass --model"
            ) from None


def registry_path() -> Path:
    """The registry file: ``$ALIGNTEXT_REGISTRY``, the checkout's ``models/registry.toml``,
    or the copy installed with the package."""
    env = os.environ.get("ALIGNTEXT_REGISTRY")
    if env:
        return Path(env)
    repo = REPO_ROOT / "models" / "registry.toml"
    if repo.is_file():
        return repo
    return Path(__file__).resolve().parents[1] / "data" / "registry.toml"


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """Read and check the registry file (default: :func:`registry_path`).

    Raises:
        InputError: the file is missing or names an unknown family, language or model.
    """
    return _load_registry(str(path or registry_path()))


@lru_cache(maxsize=4)
def _load_registry(path: str) -> Registry:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise InputError(
            f"model registry {path} not found; set ALIGNTEXT_REGISTRY to a registry.toml"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"model registry {path} is not valid TOML: {exc}") from None

    models: dict[str, ModelSpec] = {}
    for model_id, entry in data.get("models", {}).items():
        family = entry.get("family", "")
        if family not in FAMILIES:
            raise InputError(
                f"model {model_id} in {path} has family {family!r}; use one of "
                f"{', '.join(FAMILIES)}"
            )
        pairs = tuple(_pair(p, path) for p in entry.get("pairs", ()))
        models[model_id] = ModelSpec(
            id=model_id,
            family=family,
            pairs=pairs,
            languages=tuple(resolve_lang(c) for c in entry.get("languages", ())),
            target_tokens=tuple(
                (resolve_lang(k), str(v)) for k, v in entry.get("target_tokens", {}).items()
            ),
            note=entry.get("note", ""),
        )

    directions: dict[str, Direction] = {}
    for pair, entry in data.get("directions", {}).items():
        src, tgt = _pair(pair, path).split("-")
        names = (entry["default"], *entry.get("alternatives", ()))
        for name in names:
            if name != PIVOT_MODEL and name not in models:
                raise InputError(f"direction {pair} in {path} names unknown model {name!r}")
            if name != PIVOT_MODEL and not models[name].supports(src, tgt):
                raise InputError(f"model {name} in {path} does not translate {pair}")
        directions[f"{src}-{tgt}"] = Direction(
            src, tgt, entry["default"], tuple(entry.get("alternatives", ()))
        )
    return Registry(models=models, directions=directions, path=path)


def _pair(text: str, path: str) -> str:
    parts = text.split("-")
    if len(parts) != 2:
        raise InputError(f"direction {text!r} in {path} is not SRC-TGT (e.g. en-ru)")
    return f"{resolve_lang(parts[0])}-{resolve_lang(parts[1])}"


# --- routes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One model call of a route, with the codes its family needs.

    Args:
        src: source language (aligntext code).
        tgt: target language.
        model: hub id or local directory.
        family: ``marian``, ``nllb``, ``m2m100``, or ``""`` when not yet known (a model
            outside the registry: the loader reads its config).
        src_code: the tokenizer's ``src_lang`` (NLLB ``azj_Latn``, M2M100 ``az``).
        target_prefix: the token forced as the first output token (NLLB ``azj_Latn``,
            M2M100 ``__az__``): HF ``forced_bos_token_id``, CTranslate2 ``target_prefix``.
        source_prefix: the token put before every source sentence by multi-target OPUS-MT
            models (``>>aze_Latn<<``).
    """

    src: str
    tgt: str
    model: str
    family: str = ""
    src_code: str | None = None
    target_prefix: str | None = None
    source_prefix: str | None = None


@dataclass(frozen=True)
class Route:
    """How a direction is translated: one step, or two through :data:`PIVOT`."""

    src: str
    tgt: str
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def pivot(self) -> str | None:
        """The pivot language, or ``None`` for a direct route."""
        return self.steps[0].tgt if len(self.steps) > 1 else None

    @property
    def models(self) -> tuple[str, ...]:
        """The models of the route, in order."""
        return tuple(s.model for s in self.steps)

    def __str__(self) -> str:
        chain = " > ".join(s.model for s in self.steps)
        via = f" (pivot:{self.pivot})" if self.pivot else ""
        return f"{self.src}-{self.tgt}: {chain}{via}"


def make_step(src: str, tgt: str, model: str, family: str, spec: ModelSpec | None = None) -> Step:
    """A :class:`Step` for ``model`` of ``family`` with the language codes filled in.

    Raises:
        InputError: a multi-target model has no target token for ``tgt``.
    """
    s, t = get_language(src), get_language(tgt)
    if family == "nllb":
        return Step(src, tgt, model, family, s.nllb, t.nllb)
    if family == "m2m100":
        return Step(src, tgt, model, family, s.m2m, f"__{t.m2m}__")
    token = None
    if spec is not None and spec.target_tokens:
        token = dict(spec.target_tokens).get(tgt)
        if token is None:
            raise InputError(f"model {model} has no target token for {tgt!r}")
    return Step(src, tgt, model, family, source_prefix=token)


def resolve_route(
    src: str, tgt: str, *, model: str | None = None, registry: Registry | None = None
) -> Route:
    """Resolve a direction into the models that translate it.

    Args:
        src: source language (any spelling :func:`~aligntext.langs.resolve_lang` accepts).
        tgt: target language.
        model: ``None`` for the registry's default, a registry id, ``pivot:en``, or any other
            hub id or local directory (its family is then read from its files when loaded).
        registry: a parsed registry (default: :func:`load_registry`).

    Raises:
        InputError: same source and target, or a registry model that does not translate the
            direction.
    """
    src, tgt = resolve_lang(src), resolve_lang(tgt)
    if src == tgt:
        raise InputError(f"source and target language are both {src!r}; pick another target")
    reg = registry or load_registry()
    name = model or reg.direction(src, tgt).default
    if name == PIVOT_MODEL:
        if PIVOT in (src, tgt):
            raise InputError(f"cannot pivot {src}-{tgt} through {PIVOT}; pick a direct model")
        first = resolve_route(src, PIVOT, registry=reg)
        second = resolve_route(PIVOT, tgt, registry=reg)
        return Route(src, tgt, first.steps + second.steps)
    spec = reg.models.get(name)
    if spec is None:
        return Route(src, tgt, (Step(src, tgt, name),))
    if not spec.supports(src, tgt):
        raise InputError(
            f"model {name} does not translate {src}-{tgt}; see 'aligntext models list'"
        )
    return Route(src, tgt, (make_step(src, tgt, name, spec.family, spec),))


def all_directions() -> list[tuple[str, str]]:
    """The 12 directions among the supported languages, in a stable order."""
    return [(s, t) for s in CODES for t in CODES if s != t]


# --- where models live --------------------------------------------------------------------


def pull_name(model: str, registry: Registry | None = None) -> str:
    """What to pass to ``aligntext models pull`` for ``model``: the pair it is the default
    of, else the id."""
    reg = registry or load_registry()
    for direction in reg.directions.values():
        if direction.default == model:
            return direction.pair
    return model


def ensure_model(model: str, *, download: bool = True, pull: str | None = None) -> Path:
    """The local directory of ``model``, downloading it into :func:`models_home` when it is
    missing and the hub may be reached. ``pull`` is what the error tells the user to pull
    (default: the pair ``model`` is the default of, else ``model``).

    Raises:
        InputError: ``model`` is a local path that does not exist, or a folder that needs
            custom code or is of an unsupported architecture (:func:`check_model_type`).
        ModelNotFoundError: the model is not local and cannot be downloaded.
    """
    found = find_model(model)
    if found is not None:
        # Both backends and `models convert` get their folder here: refuse, in one line, one
        # that transformers could only load by running its code.
        check_model_type(model, found)
        return found
    if is_local_path(model):
        if Path(model).exists():
            raise InputError(f"{model} is a file, not a model folder; give the model's folder")
        raise InputError(f"model directory {model} does not exist; check the path")
    name = pull or pull_name(model)
    message = incomplete_message(model, name) or missing_model_message(model, name)
    if not download or hub_offline():
        raise ModelNotFoundError(message)
    try:
        pulled = pull_model(model)
    except Exception as exc:
        if hub_answered(exc):
            raise  # the hub was reached and refused: its own message says why
        # network, DNS, proxy ...: all mean "cannot be reached", whatever the library says
        raise ModelNotFoundError(message) from exc
    check_model_type(model, pulled)
    return pulled


def pull_targets(target: str, registry: Registry | None = None) -> list[str]:
    """The models ``aligntext models pull TARGET`` fetches: a pair's default route (both
    legs of a pivot) or the id itself."""
    reg = registry or load_registry()
    parts = target.split("-")
    if len(parts) == 2 and "/" not in target:
        try:
            src, tgt = resolve_lang(parts[0]), resolve_lang(parts[1])
        except InputError:
            # Two language-code-like halves (de-en, en-fr) ask for a direction aligntext does
            # not translate; sending them to the hub as a model id only fails later, obscurely.
            if all(_DIRECTION_PART.fullmatch(part) for part in parts):
                known = ", ".join(f"{s}-{t}" for s, t in all_directions())
                raise InputError(
                    f"unknown direction {target!r}; use one of {known}, or a hub id such as "
                    "Helsinki-NLP/opus-mt-en-ru"
                ) from None
            return [target]
        return list(resolve_route(src, tgt, registry=reg).models)
    return [target]


#: One half of a direction as people type it: a two- or three-letter language code.
_DIRECTION_PART = re.compile(r"[A-Za-z]{2,3}")


@dataclass(frozen=True)
class ModelRow:
    """One row of ``aligntext models list``."""

    pair: str
    default: str
    family: str
    alternatives: tuple[str, ...]
    local: str  # "no", "yes" (transformers files), "yes+ct2" or "incomplete"


def list_models(registry: Registry | None = None) -> list[ModelRow]:
    """The registry table for ``aligntext models list``, with what is present locally."""
    reg = registry or load_registry()
    rows = []
    for src, tgt in all_directions():
        direction = reg.directions.get(f"{src}-{tgt}")
        if direction is None:
            continue
        route = resolve_route(src, tgt, registry=reg)
        states = [_local_state(m) for m in route.models]
        if "incomplete" in states:
            local = "incomplete"
        elif "no" in states:
            local = "no"
        else:
            local = "yes+ct2" if all(s == "yes+ct2" for s in states) else "yes"
        family = (
            f"pivot:{PIVOT}"
            if direction.default == PIVOT_MODEL
            else reg.models[direction.default].family
        )
        rows.append(
            ModelRow(direction.pair, direction.default, family, direction.alternatives, local)
        )
    return rows


def _local_state(model: str) -> str:
    converted = ct2_dir(model, "int8")
    if find_model(model) is None:
        if is_ct2_model(converted):
            return "yes+ct2"
        return "incomplete" if incomplete_copy(model) else "no"
    return "yes+ct2" if is_ct2_model(converted) else "yes"
