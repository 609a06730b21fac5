"""The CTranslate2 backend, aligntext's fast path, and the conversion that feeds it.

A transformers model folder is converted once (``aligntext models convert`` or on first use)
into ``<models home>/ct2/<model>-<quantization>/``, with the tokenizer files copied along, so
a converted folder works on its own. Imported only when the ``ct2`` backend or a conversion
is asked for. Translating needs only ctranslate2 and the torch-free tokenisers of
:mod:`~aligntext.translate.tokenize` (sentencepiece, tokenizers); converting imports
transformers and torch, once per model.
"""

from __future__ import annotations

import ctypes
import json
import math
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aligntext.errors import BackendUnavailableError, InputError, StoreNotWritableError
from aligntext.translate.base import (
    BackendSignature,
    ProgressCallback,
    auto_length,
    length_batches,
    quiet_transformers,
    translate_distinct,
)
from aligntext.translate.pieces import FitsModel, translate_in_pieces
from aligntext.translate.registry import Step, ensure_model
from aligntext.translate.store import (
    STORE_NOT_WRITABLE,
    ct2_dir,
    folder_stamp,
    is_ct2_model,
    make_temp_dir,
    sweep_temp_dirs,
    weight_load_errors,
    weights_error,
)
from aligntext.translate.tokenize import PieceTokenizer, load_piece_tokenizer

#: Written into each converted folder: what it was converted from, and when.
SOURCE_FILE = "aligntext-source.json"

#: Tokenizer files copied next to the converted model (``config.json`` is CTranslate2's own).
TOKENIZER_FILES = (
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "vocab.json",
    "target_vocab.json",
    "source.spm",
    "target.spm",
    "sentencepiece.bpe.model",
    "generation_config.json",
)

#: Compute types per device kind, default first.
COMPUTE_TYPES = {
    "cpu": ("int8", "int8_float32", "float32", "int8_bfloat16", "bfloat16"),
    "cuda": (
        "float16",
        "int8_float16",
        "int8",
        "int8_float32",
        "bfloat16",
        "int8_bfloat16",
        "float32",
    ),
}

#: Padded tokens per batch at beam 1 when none is given (CPU / GPU); see
#: :meth:`CT2Translator.batch_budget`. On the CPU about 32 sentences of ~40 tokens at beam 4,
#: the batch CTranslate2's own examples recommend, 64 greedy.
DEFAULT_BATCH_TOKENS = {"cpu": 2560, "cuda": 16384}

#: Each translate_batch call gets this many batches' worth of sentences: enough for
#: CTranslate2's own length sorting, small enough for a steady progress bar.
_BATCHES_PER_CALL = 8


def _ctranslate2() -> Any:
    from aligntext.translate.cuda_libs import preload_cuda12

    # The [gpu] extra's CUDA 12 libraries, loaded before CTranslate2 looks for them.
    preload_cuda12()
    try:
        import ctranslate2
    except ImportError as exc:  # pragma: no cover - ctranslate2 is a dependency
        raise BackendUnavailableError(
            "the ct2 backend needs ctranslate2; pip install ctranslate2, or use --backend hf"
        ) from exc
    return ctranslate2


#: CUDA libraries CTranslate2 4.x opens at run time: its wheels are built for CUDA 12, and a
#: machine with only CUDA 13 sees the GPU but fails at the first translation.
CUDA_LIBRARIES: tuple[str, ...] = ("libcublas.so.12",)


def cuda_status() -> tuple[int, str | None]:
    """GPUs CTranslate2 sees, and the first CUDA library it would fail to load (or ``None``)."""
    ct2 = _ctranslate2()
    gpus = int(ct2.get_cuda_device_count())
    if gpus == 0 or not sys.platform.startswith("linux"):
        return gpus, None
    for name in CUDA_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            return gpus, name
    return gpus, None


def resolve_compute(device: str, compute_type: str | None) -> tuple[str, str]:
    """Resolve ``auto`` device and the default compute type, and check the pair.

    ``auto`` is CUDA when CTranslate2 can really run there (it sees a GPU and can load the
    CUDA libraries), else the CPU.

    Raises:
        BackendUnavailableError: CUDA asked for but CTranslate2 sees no GPU or cannot load
            the CUDA libraries.
        InputError: unknown device, or a compute type that does not run on it.
    """
    gpus, missing = cuda_status()
    if device == "auto":
        device = "cuda" if gpus > 0 and missing is None else "cpu"
    if device.startswith("cuda"):
        if gpus == 0:
            raise BackendUnavailableError(
                f"device {device!r} asked for but CTranslate2 sees no CUDA GPU; use --device cpu"
            )
        if missing is not None:
            raise BackendUnavailableError(
                f"CTranslate2 sees a GPU but cannot load {missing} (its wheels need the CUDA 12 "
                f"libraries); install them, or use --backend hf or --device cpu"
            )
        suffix = device.partition(":")[2]
        if suffix and not suffix.isdigit():
            raise InputError(f"unknown device {device!r}; use cpu, cuda, cuda:N or auto")
        kind = "cuda"
    elif device == "cpu":
        kind = "cpu"
    else:
        raise InputError(f"unknown device {device!r}; use cpu, cuda, cuda:N or auto")
    compute = compute_type or COMPUTE_TYPES[kind][0]
    if compute not in COMPUTE_TYPES[kind]:
        raise InputError(
            f"compute type {compute!r} does not run on {kind}; use one of "
            f"{', '.join(COMPUTE_TYPES[kind])}"
        )
    return device, compute


def quantization_for(compute_type: str) -> str:
    """The weight type to convert to for ``compute_type``: int8 weights serve every int8
    compute type; float types keep float weights, so nothing is lost to int8 on a GPU."""
    if compute_type.startswith("int8"):
        return "int8"
    return compute_type


def _convert_family(path: Path) -> Any:
    """A TransformersConverter that also copes with transformers 5's M2M100 tokenizer,
    whose ``get_vocab`` no longer lists the ``__xx__`` language tokens CTranslate2 needs."""
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):
        def load_tokenizer(self, tokenizer_class: Any, model_path: str, **kwargs: Any) -> Any:
            tokenizer = super().load_tokenizer(tokenizer_class, model_path, **kwargs)
            lang_ids = getattr(tokenizer, "lang_token_to_id", None)
            if lang_ids:
                base = tokenizer.get_vocab

                def get_vocab() -> dict[str, int]:
                    vocab = dict(base())
                    vocab.update(lang_ids)
                    return vocab

                tokenizer.get_vocab = get_vocab
            return tokenizer

    return _Converter(str(path), low_cpu_mem_usage=True, trust_remote_code=False)


def convert_to_ct2(
    model: str,
    *,
    quantization: str = "int8",
    force: bool = False,
    output: str | Path | None = None,
    family: str = "",
    revision: str = "local",
) -> Path:
    """Convert a transformers model (hub id or folder) into a CTranslate2 folder.

    The conversion is written to a temporary folder and renamed into place, so an
    interrupted conversion never leaves a half model. An up-to-date copy is reused.

    Args:
        model: hub id (looked up locally, downloaded if the hub is reachable) or folder.
        quantization: weight type (``int8``, ``float16``, ``bfloat16``, ``float32``...).
        force: convert even when an up-to-date copy exists.
        output: where to write (default: :func:`~aligntext.translate.registry.ct2_dir`).
        family: recorded in the folder's source file so it loads on its own.
        revision: the source's hub revision, recorded likewise.

    Returns:
        The converted folder.

    Raises:
        ModelNotFoundError: the model is not local and cannot be downloaded.
        InputError: the folder is already a CTranslate2 model or is not convertible.
    """
    _ctranslate2()
    source = ensure_model(model)
    if is_ct2_model(source):
        raise InputError(f"{model} is already a CTranslate2 model; use it as --model directly")
    target = Path(output) if output else ct2_dir(model, quantization)
    # The copy takes over the config and tokenizer files too: any change means converting again.
    stamp = folder_stamp(source)
    record = target / SOURCE_FILE
    if not force and is_ct2_model(target) and record.is_file():
        try:
            if json.loads(record.read_text(encoding="utf-8")).get("weights") == stamp:
                return target
        except ValueError:
            pass
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # What a conversion killed outright (SIGKILL) left: nobody else will remove it.
        sweep_temp_dirs(target.parent, target.name)
        tmp = make_temp_dir(target)
    except OSError as exc:
        if not isinstance(exc, PermissionError) and exc.errno not in STORE_NOT_WRITABLE:
            raise
        # A shared, read-only model store: the copy is made once by whoever may write there.
        raise StoreNotWritableError(
            f"cannot write the CTranslate2 copy of {model} into {target.parent} "
            f"({_why(exc)}); have it made there once with 'aligntext models convert {model}', "
            "point ALIGNTEXT_MODELS at a folder you may write, or use --backend hf"
        ) from None
    try:
        try:
            with quiet_transformers():
                _convert_family(source).convert(str(tmp), quantization=quantization, force=True)
        except (ValueError, KeyError, NotImplementedError) as exc:
            raise InputError(
                f"cannot convert {model} to CTranslate2: {exc}; use --backend hf"
            ) from exc
        except weight_load_errors() as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # the disk (full, read-only), not the model: the CLI names the file
            # A missing, damaged or unsafe weights file: the hf backend would fail on it too.
            raise weights_error(model, source, exc) from exc
        for name in TOKENIZER_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, tmp / name)
        (tmp / SOURCE_FILE).write_text(
            json.dumps(
                {
                    "source": model,
                    "family": family,
                    "revision": revision,
                    "quantization": quantization,
                    "weights": stamp,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _why(exc: OSError) -> str:
    """``permission denied`` / ``read-only file system``: the reason, as a clause."""
    return (exc.strerror or "permission denied").lower()


class CT2Translator(BackendSignature, FitsModel):
    """Translate with a CTranslate2 model (converted Marian, NLLB-200 or M2M100).

    The translator loads on the first :meth:`translate` (or :meth:`load`).

    Args:
        step: the route step: direction, model id and the codes its family needs.
        path: the CTranslate2 model folder (with the tokenizer files).
        tokenizer_path: where the tokenizer lives, if not in ``path``.
        revision: the hub revision of the source model (``local`` when unknown).
        device: ``cpu``, ``cuda``, ``cuda:N`` or ``auto`` (CUDA when CTranslate2 sees a GPU).
        compute_type: see :data:`COMPUTE_TYPES` (default int8 on CPU, float16 on CUDA).
        beam_size: beams (1 is greedy).
        max_new_tokens: the translation's tokens per sentence, not counting the forced
            language token (NLLB / M2M100) or the end-of-sentence token (CTranslate2's
            ``max_decoding_length`` counts the former); ``None`` for twice the longest source
            of a call plus 10, within 512.
        min_new_tokens: force at least this many tokens, counted the same way
            (``min_decoding_length``; equal-length benchmarks).
        max_batch_tokens: source tokens per batch at beam 1 (CTranslate2's
            ``max_batch_size`` with ``batch_type="tokens"``); see :meth:`batch_budget`.
        inter_threads: batches translated in parallel.
        intra_threads: threads per batch (0: CTranslate2's default, all cores).
    """

    backend = "ct2"

    def __init__(
        self,
        step: Step,
        path: str | Path,
        *,
        tokenizer_path: str | Path | None = None,
        revision: str = "local",
        device: str = "auto",
        compute_type: str | None = None,
        beam_size: int = 4,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        max_batch_tokens: int | None = None,
        inter_threads: int = 1,
        intra_threads: int = 0,
    ) -> None:
        if beam_size < 1:
            raise InputError(f"beam size {beam_size} is below 1; use 1 (greedy) or more")
        self.step = step
        self.src_lang = step.src
        self.tgt_lang = step.tgt
        self.path = Path(path)
        self.tokenizer_path = Path(tokenizer_path) if tokenizer_path else self.path
        self.revision = revision
        self.device, self.compute_type = resolve_compute(device, compute_type)
        self._device_kind = "cpu" if self.device == "cpu" else "cuda"
        self._device_index = int(self.device.split(":", 1)[1]) if ":" in self.device else 0
        kind = self._device_kind
        self.beam_size = beam_size
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.max_batch_tokens = max_batch_tokens or DEFAULT_BATCH_TOKENS[kind]
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self._translator: Any = None
        self._tokenizer: PieceTokenizer | None = None

    def load(self) -> None:
        """Load tokenizer and model now (otherwise the first :meth:`translate` does)."""
        if self._translator is not None:
            return
        ct2 = _ctranslate2()
        # sentencepiece / tokenizers: no transformers, hence no torch, on the fast path
        self._tokenizer = load_piece_tokenizer(
            self.tokenizer_path, self.step.family, self.step.src_code
        )
        try:
            self._translator = ct2.Translator(
                str(self.path),
                device=self._device_kind,
                device_index=self._device_index,
                compute_type=self.compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
        except RuntimeError as exc:
            # the device's failures (a CUDA library, its memory) are not the folder's fault
            if re.search(r"cuda|cannot be loaded|memory", str(exc), re.IGNORECASE):
                raise
            raise weights_error(self.step.model, self.path, exc) from exc

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate ``sentences``; same length and order. Empty strings stay empty.

        A sentence longer than the model's positions is cut (at clause punctuation, else
        between words, else between characters) into pieces that fit, whose translations
        are joined with a space: the model would otherwise fail on it, or the tokenizer
        would drop its end.
        """
        return translate_in_pieces(
            sentences,
            progress,
            fit=self._fit,
            run=lambda texts, report: translate_distinct(
                texts,
                report,
                load=self.load,
                encode=self._encode,
                plan=self._plan,
                run=self._translate_tokens,
            ),
        )

    def _position_limit(self) -> int:
        """The longest sequence the model takes: the tokenizer's ``model_max_length``."""
        return int(getattr(self._pieces(), "max_length", 512))

    def batch_budget(self) -> int:
        """Padded tokens per batch: ``max_batch_tokens`` over the square root of the beam.

        A batch decodes ``beam_size`` hypotheses per sentence, so its memory grows with the
        beam; but the encoder runs once per sentence and small batches waste the CPU. On the
        opus-mt-en-ru-shaped benchmark at beam 4 (2 loaded cores), half the budget ran as
        fast as the full one at about 130 MB less peak memory, while the budget over the beam
        (a quarter) was 20-30% slower.
        """
        return max(1, round(self.max_batch_tokens / math.sqrt(self.beam_size)))

    def _plan(self, lengths: list[int]) -> list[list[int]]:
        budget = self.batch_budget()
        if self.inter_threads > 1:
            # CTranslate2 splits each call into batches itself, inter_threads of them at once
            return length_batches(lengths, budget * _BATCHES_PER_CALL * self.inter_threads)
        # our own batches, one per call, so the floor of a forced output length counts
        return length_batches(lengths, budget, floor=self.min_new_tokens or 0)

    def _encode(self, texts: list[str]) -> list[list[str]]:
        if self.step.source_prefix:
            texts = [f"{self.step.source_prefix} {t}" for t in texts]
        return self._pieces().encode(texts)

    def _pieces(self) -> PieceTokenizer:
        if self._tokenizer is None:
            self.load()
        if self._tokenizer is None:  # pragma: no cover - load() sets it
            raise BackendUnavailableError(f"the tokenizer of {self.step.model} did not load")
        return self._tokenizer

    def _translate_tokens(self, batch: list[list[str]]) -> list[str]:
        prefix = [[self.step.target_prefix]] * len(batch) if self.step.target_prefix else None
        longest = max(len(t) for t in batch)
        # CTranslate2 counts the target prefix in the decoding lengths; ours do not
        forced = 1 if prefix else 0
        if self.max_new_tokens:
            max_length = self.max_new_tokens + forced
        else:
            max_length = auto_length(longest, 512)
        # The decoder has no positions past the model's: a longer output fails the batch.
        max_length = min(max_length, self._position_limit() - 1)
        min_length = self.min_new_tokens + forced if self.min_new_tokens else 0
        try:
            results = self._run_batch(batch, prefix, max_length, min_length)
        except RuntimeError as exc:
            if "cannot be loaded" not in str(exc):
                if len(batch) == 1:
                    raise
                # One odd sentence must not sink the batch (and the run): one at a time.
                return [t for item in batch for t in self._translate_tokens([item])]
            # a CUDA library missing at run time: not a bug in the input
            raise BackendUnavailableError(
                f"CTranslate2 cannot run on {self.device}: {exc}; use --backend hf or --device cpu"
            ) from exc
        skip = 1 if prefix else 0
        hypotheses = [r.hypotheses[0] for r in results]
        if not self.max_new_tokens:
            # Each output within its own source's budget, not the batch's longest: a looping
            # output is then cut at the same place whatever batch it shared (the segment
            # cache's key leaves the batch size out).
            own = [min(max_length, auto_length(len(t), max_length) + forced) for t in batch]
            hypotheses = [h[:n] for h, n in zip(hypotheses, own, strict=True)]
        return self._pieces().decode([h[skip:] for h in hypotheses])

    def _run_batch(
        self, batch: list[list[str]], prefix: Any, max_length: int, min_length: int
    ) -> Any:
        return self._translator.translate_batch(
            batch,
            target_prefix=prefix,
            # 0: the batch as planned; with inter_threads, CTranslate2's own batches
            max_batch_size=self.batch_budget() if self.inter_threads > 1 else 0,
            batch_type="tokens",
            beam_size=self.beam_size,
            num_hypotheses=1,
            max_decoding_length=max_length,
            min_decoding_length=min_length,
            return_scores=False,
        )

    def __repr__(self) -> str:
        return f"CT2Translator({self.step.model!r}, {self.src_lang}-{self.tgt_lang})"
