"""Build a :class:`~aligntext.translate.base.Translator` for a direction.

:func:`load_translator` resolves the direction through the registry (one model, or two through
English), finds each model locally (or downloads it when the hub is reachable), reads its
family from its files when it is not a registry model, and wraps the legs of a pivot in a
:class:`~aligntext.translate.pivot.PivotTranslator`. Backends are looked up by name and
imported only when used, so importing this module never imports torch.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from aligntext.errors import BackendUnavailableError, InputError, StoreNotWritableError
from aligntext.langs import get_language
from aligntext.translate.base import Translator, TranslatorFactory, read_json_object
from aligntext.translate.pivot import PivotTranslator
from aligntext.translate.registry import (
    Registry,
    Step,
    ensure_model,
    load_registry,
    make_step,
    resolve_route,
)
from aligntext.translate.store import (
    MODEL_TYPE_FAMILIES,
    ct2_dir,
    find_model,
    is_ct2_model,
    is_local_path,
    local_revision,
    model_revision,
)

#: Backend name -> "module:class", imported on first use (sacrebleu's tokenizer registry).
BACKENDS: dict[str, str] = {
    "hf": "aligntext.translate.hf:HFTranslator",
    "ct2": "aligntext.translate.ct2:CT2Translator",
}

#: What ``--backend`` accepts: the backends plus ``auto`` (ct2 when installed, else hf).
BACKEND_CHOICES: tuple[str, ...] = ("auto", *BACKENDS)

_TARGET_TOKEN = re.compile(r"^>>[^<>\s]+<<$")


def get_backend(name: str) -> type:
    """The translator class registered as ``name``.

    Raises:
        InputError: unknown name (the message lists the known ones).
        BackendUnavailableError: the backend's library is not installed.
    """
    try:
        target = BACKENDS[name]
    except KeyError:
        raise InputError(
            f"unknown backend {name!r}; use one of {', '.join(BACKEND_CHOICES)}"
        ) from None
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise BackendUnavailableError(
            f"backend {name!r} cannot be imported ({exc}); install its library or pick "
            f"another --backend"
        ) from exc
    cls: type = getattr(module, attr)
    return cls


def default_backend(device: str = "auto") -> str:
    """``ct2`` when CTranslate2 is installed (the fast path) and can use ``device``, else
    ``hf``: on a GPU whose CUDA libraries CTranslate2 cannot load, transformers still runs
    there, which beats CTranslate2 on the CPU."""
    if importlib.util.find_spec("ctranslate2") is None:
        return "hf"
    if device != "cpu":
        from aligntext.translate.ct2 import cuda_status

        gpus, missing = cuda_status()
        if gpus > 0 and missing is not None:
            return "hf"
    return "ct2"


def detect_family(path: Path) -> str:
    """Read a model folder's family (``marian``, ``nllb``, ``m2m100``) from its files.

    Raises:
        InputError: the folder is not a model of a supported family.
    """
    record = path / "aligntext-source.json"
    if record.is_file():
        family = read_json_object(record).get("family")
        if family:
            return str(family)
    tokenizer_class = str(
        read_json_object(path / "tokenizer_config.json").get("tokenizer_class", "")
    )
    model_type = str(read_json_object(path / "config.json").get("model_type", ""))
    if tokenizer_class.startswith("Nllb"):
        return "nllb"
    by_type = MODEL_TYPE_FAMILIES.get(model_type)
    if tokenizer_class.startswith("M2M100") or by_type == "m2m100":
        return "m2m100"
    if tokenizer_class.startswith("Marian") or by_type == "marian":
        return "marian"
    raise InputError(
        f"cannot tell the model family of {path} (model_type {model_type or 'missing'}, "
        f"tokenizer {tokenizer_class or 'missing'}); aligntext runs Marian (OPUS-MT), NLLB "
        f"and M2M100 models"
    )


def _target_tokens(path: Path) -> set[str]:
    """The ``>>xxx<<`` target-language tokens of a Marian folder's vocabulary (none for a
    single-target model)."""
    return {t for t in read_json_object(path / "vocab.json") if _TARGET_TOKEN.match(t)}


def marian_target_token(path: Path, tgt: str) -> str | None:
    """The ``>>xxx<<`` token selecting ``tgt`` in a multi-target OPUS-MT model, or ``None``
    for a single-target model.

    Raises:
        InputError: the model is multi-target but has no token for ``tgt``.
    """
    tokens = _target_tokens(path)
    if not tokens:
        return None
    lang = get_language(tgt)
    for name in (lang.opus, lang.iso3, lang.nllb, lang.code):
        if f">>{name}<<" in tokens:
            return f">>{name}<<"
    raise InputError(
        f"model {path} is multi-target but has no target token for {tgt!r} "
        f"(tried >>{lang.opus}<<, >>{lang.iso3}<<); pick another --model"
    )


def _complete_step(step: Step, path: Path) -> Step:
    """Fill in the family and codes of a step whose model is outside the registry."""
    if step.family:
        return step
    family = detect_family(path)
    filled = make_step(step.src, step.tgt, step.model, family)
    if family == "marian":
        token = marian_target_token(path, step.tgt)
        if token:
            filled = Step(filled.src, filled.tgt, filled.model, family, source_prefix=token)
    return filled


def _ct2_source_revision(path: Path) -> str:
    revision = read_json_object(path / "aligntext-source.json").get("revision")
    return str(revision) if revision else local_revision(path)


def _load_step(
    step: Step, backend: str, options: dict[str, Any], download: bool, pull: str | None
) -> Translator:
    ct2_options = dict(options)
    hf_options = dict(options)
    inter = ct2_options.pop("inter_threads", 1)
    threads = ct2_options.pop("threads", None)
    hf_options.pop("inter_threads", None)
    ct2_options.update(inter_threads=inter, intra_threads=threads or 0)

    if backend == "ct2":
        from aligntext.translate.ct2 import convert_to_ct2, quantization_for, resolve_compute

        device, compute = resolve_compute(
            options.get("device", "auto"), options.get("compute_type")
        )
        ct2_options.update(device=device, compute_type=compute)
        quantization = quantization_for(compute)
        local = find_model(step.model)
        if local is not None and is_ct2_model(local):
            return get_backend("ct2")(
                _complete_step(step, local),
                local,
                revision=_ct2_source_revision(local),
                **ct2_options,
            )
        converted = ct2_dir(step.model, quantization)
        if local is None and not is_local_path(step.model) and is_ct2_model(converted):
            # only the converted copy is here (e.g. copied from another machine): enough
            return get_backend("ct2")(
                _complete_step(step, converted),
                converted,
                revision=_ct2_source_revision(converted),
                **ct2_options,
            )
        path = local or ensure_model(step.model, download=download, pull=pull)
        full = _complete_step(step, path)
        revision = model_revision(path)
        out = convert_to_ct2(
            step.model, quantization=quantization, family=full.family, revision=revision
        )
        return get_backend("ct2")(full, out, revision=revision, **ct2_options)

    cls = get_backend(backend)
    path = ensure_model(step.model, download=download, pull=pull)
    if is_ct2_model(path):
        raise InputError(
            f"{step.model} is a CTranslate2 model; use --backend ct2 or the transformers folder"
        )
    translator: Translator = cls(
        _complete_step(step, path), path, revision=model_revision(path), **hf_options
    )
    return translator


def _load_auto_step(
    step: Step,
    backend: str,
    options: dict[str, Any],
    download: bool,
    pull: str | None,
    notice: Callable[[str], None] | None,
) -> Translator:
    """:func:`_load_step` for ``--backend auto``: a model whose CTranslate2 copy cannot be
    written (a shared, read-only store) runs with transformers instead, which only reads
    the store, and ``notice`` (else :func:`warnings.warn`) says so: the user asked for
    whatever works, and gets it, slower."""
    try:
        return _load_step(step, backend, options, download, pull)
    except StoreNotWritableError as exc:
        if backend != "ct2":
            raise
        try:
            translator = _load_step(step, "hf", options, download, pull)
        except (InputError, BackendUnavailableError):
            raise exc from None  # hf cannot run it either: the store is what to fix
        message = f"--backend auto falls back to hf (slower): {exc}"
        if notice is not None:
            notice(message)
        else:
            warnings.warn(message, RuntimeWarning, stacklevel=3)
        return translator


def load_translator(
    src: str,
    tgt: str,
    *,
    model: str | None = None,
    backend: str = "auto",
    device: str = "auto",
    beam_size: int = 4,
    compute_type: str | None = None,
    max_new_tokens: int | None = None,
    min_new_tokens: int | None = None,
    max_batch_tokens: int | None = None,
    threads: int | None = None,
    inter_threads: int = 1,
    registry: Registry | None = None,
    download: bool = True,
    notice: Callable[[str], None] | None = None,
) -> Translator:
    """A translator for ``src`` -> ``tgt``; weights load on the first ``translate`` call.

    Models are located (and, with a CTranslate2 backend, converted) here, so a missing model
    fails now, before any work is done.

    Args:
        src: source language (``en``, ``az``, ``ru``, ``tr`` or another accepted spelling).
        tgt: target language.
        model: ``None`` for the registry's route (possibly ``pivot:en``), a registry id,
            ``pivot:en``, another hub id, or a local folder (transformers or CTranslate2).
        backend: ``auto`` (ct2 when installed, else hf), ``hf`` or ``ct2``.
        device: ``cpu``, ``cuda``, ``cuda:N`` or ``auto``.
        beam_size: beams (1 is greedy).
        compute_type: ct2: ``int8`` (CPU default), ``float16`` (GPU default),
            ``int8_float16`` ...; hf: ``float32`` / ``float16`` / ``bfloat16``.
        max_new_tokens: output tokens per sentence (ct2 ``max_decoding_length``); ``None``:
            twice the longest source in the batch plus 10.
        min_new_tokens: force at least this many output tokens (ct2 ``min_decoding_length``);
            with ``max_new_tokens`` equal, every output has the same length (benchmarks).
        max_batch_tokens: source-token budget per batch (padded for hf, real for ct2).
        threads: intra-op threads (torch threads / ct2 ``intra_threads``).
        inter_threads: ct2 only: batches run in parallel.
        registry: a parsed registry (default: ``models/registry.toml``).
        download: fetch a missing model when the hub is reachable (``HF_HUB_OFFLINE`` unset).
        notice: receives the one line saying that ``auto`` fell back to hf for a model
            whose CTranslate2 copy cannot be written (default: :func:`warnings.warn`).

    Returns:
        A :class:`~aligntext.translate.base.Translator`; a
        :class:`~aligntext.translate.pivot.PivotTranslator` for a route through English.

    Raises:
        InputError: bad language, model folder, backend name, device or compute type.
        ModelNotFoundError: a model is not local and the hub cannot be reached.
        BackendUnavailableError: the backend's library or the device is missing.
    """
    auto = backend == "auto"
    if auto:
        backend = default_backend(device)
    if backend not in BACKENDS:
        get_backend(backend)  # raises with the list of known names
    route = resolve_route(src, tgt, model=model, registry=registry or load_registry())
    options: dict[str, Any] = {
        "device": device,
        "beam_size": beam_size,
        "compute_type": compute_type,
        "max_new_tokens": max_new_tokens,
        "min_new_tokens": min_new_tokens,
        "max_batch_tokens": max_batch_tokens,
        "threads": threads,
        "inter_threads": inter_threads,
    }
    # the registry's route for a direction is pulled by its pair (both legs of a pivot)
    pull = f"{route.src}-{route.tgt}" if model is None else None
    legs = [
        _load_auto_step(step, backend, options, download, pull, notice)
        if auto
        else _load_step(step, backend, options, download, pull)
        for step in route.steps
    ]
    if len(legs) == 1:
        return legs[0]
    return PivotTranslator(legs[0], legs[1])


def _single_target(path: Path) -> bool:
    """Whether a model folder is a Marian model with no ``>>xxx<<`` target tokens: it
    translates into the one language it was trained for."""
    if not (path / "vocab.json").is_file():
        return False  # a converted copy: its vocabulary is stored otherwise, say nothing
    try:
        return detect_family(path) == "marian" and not _target_tokens(path)
    except (InputError, OSError, ValueError):
        return False


def translator_factory(
    model: str | Mapping[str, str] | None = None,
    backend: str = "auto",
    device: str = "auto",
    beam_size: int | None = None,
    batch_tokens: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> TranslatorFactory:
    """How the translate job gets a translator for each direction: :func:`load_translator`
    with these settings, called when the job first needs that direction.

    Args:
        model: a hub id or local folder for every direction, or a mapping from target
            language (or ``src-tgt``) to one; ``None``: the registry's model.
        backend: ``auto``, ``hf`` or ``ct2``.
        device: ``auto``, ``cpu`` or ``cuda``.
        beam_size: beam width (``None``: the backend's default; 1 is greedy).
        batch_tokens: the backend's token budget per batch (``None``: its default).
        options: more keyword arguments for :func:`load_translator`.
    """
    extra = dict(options or {})
    # A local Marian folder without target-language tokens translates into one language:
    # the target it was first used for (a second target would get that language too).
    one_target: dict[str, str] = {}

    def factory(src: str, tgt: str) -> Translator:
        kwargs: dict[str, Any] = dict(extra)
        if beam_size is not None:
            kwargs["beam_size"] = beam_size
        if batch_tokens is not None:
            kwargs["max_batch_tokens"] = batch_tokens
        chosen = model.get(f"{src}-{tgt}", model.get(tgt)) if isinstance(model, Mapping) else model
        if chosen is not None and is_local_path(chosen):
            key = str(Path(chosen).resolve())
            if one_target.get(key, tgt) != tgt:
                raise InputError(
                    f"model folder {chosen} translates into one language (a Marian model "
                    f"without target-language tokens), used here for {one_target[key]}, so "
                    f"not also for {tgt}: give a multilingual model (NLLB or M2M100), or, to "
                    f"translate, one folder per target (--model {one_target[key]}=DIR "
                    f"--model {tgt}=DIR)"
                )
            local = find_model(chosen)
            if local is not None and _single_target(local):
                one_target.setdefault(key, tgt)
        return load_translator(src, tgt, model=chosen, backend=backend, device=device, **kwargs)

    return factory
