"""The Hugging Face transformers backend: ``AutoModelForSeq2SeqLM`` plus its tokenizer.

Loads a model folder (downloaded or ``save_pretrained``) with safetensors weights when they
are there and never with ``trust_remote_code``; translates in length-sorted batches under a
padded token budget inside ``torch.inference_mode``. Imported only when the ``hf`` backend is
asked for: this module may import torch.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aligntext.errors import BackendUnavailableError, InputError
from aligntext.translate.base import (
    BackendSignature,
    ProgressCallback,
    auto_length,
    length_batches,
    quiet_transformers,
    translate_distinct,
)
from aligntext.translate.pieces import FitsModel, translate_in_pieces
from aligntext.translate.registry import Step
from aligntext.translate.store import weight_load_errors, weights_error

#: Padded source tokens per batch when none is given (CPU / GPU).
DEFAULT_BATCH_TOKENS = {"cpu": 2048, "cuda": 8192}

_DTYPES = ("float32", "float16", "bfloat16")


class HFTranslator(BackendSignature, FitsModel):
    """Translate with a transformers seq2seq model (Marian, NLLB-200, M2M100).

    The model loads on the first :meth:`translate` (or :meth:`load`).

    Args:
        step: the route step: direction, model id and the codes its family needs.
        path: the local model folder.
        revision: the hub revision of the folder (``local`` when unknown).
        device: ``cpu``, ``cuda``, ``cuda:N`` or ``auto`` (CUDA when available).
        beam_size: beams (1 is greedy).
        max_new_tokens: the translation's tokens per sentence, not counting the forced
            language token (NLLB / M2M100) or the end-of-sentence token; ``None`` for
            :func:`auto_length`.
        min_new_tokens: force at least this many tokens, counted the same way (equal-length
            benchmarks).
        max_batch_tokens: padded source tokens per batch (default per device), divided
            among the beams (see :meth:`batch_budget`).
        max_batch_sentences: an optional cap on sentences per batch.
        threads: torch intra-op threads (``None``: torch's default).
        compute_type: ``float32``, ``float16`` or ``bfloat16`` (default float32 on CPU,
            float16 on CUDA).
    """

    backend = "hf"

    def __init__(
        self,
        step: Step,
        path: str | Path,
        *,
        revision: str = "local",
        device: str = "auto",
        beam_size: int = 4,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        max_batch_tokens: int | None = None,
        max_batch_sentences: int | None = None,
        threads: int | None = None,
        compute_type: str | None = None,
    ) -> None:
        try:
            import torch
        except ImportError as exc:  # pragma: no cover - torch is a dependency
            raise BackendUnavailableError(
                "the hf backend needs torch and transformers; pip install torch transformers"
            ) from exc
        if beam_size < 1:
            raise InputError(f"beam size {beam_size} is below 1; use 1 (greedy) or more")
        self.step = step
        self.src_lang = step.src
        self.tgt_lang = step.tgt
        self.path = Path(path)
        self.revision = revision
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise BackendUnavailableError(
                f"device {device!r} asked for but torch sees no CUDA GPU; use --device cpu"
            )
        if device != "cpu" and not device.startswith("cuda"):
            raise InputError(f"unknown device {device!r}; use cpu, cuda or auto")
        self.device = device
        kind = "cpu" if device == "cpu" else "cuda"
        self.compute_type = compute_type or ("float32" if kind == "cpu" else "float16")
        if self.compute_type not in _DTYPES:
            raise InputError(
                f"compute type {self.compute_type!r} is not one the hf backend runs; use one "
                f"of {', '.join(_DTYPES)}"
            )
        self.beam_size = beam_size
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.max_batch_tokens = max_batch_tokens or DEFAULT_BATCH_TOKENS[kind]
        self.max_batch_sentences = max_batch_sentences
        self.threads = threads
        self._model: Any = None
        self._tokenizer: Any = None
        self._forced_bos: int | None = None

    # -- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Load tokenizer and model now (otherwise the first :meth:`translate` does)."""
        if self._model is not None:
            return
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if self.threads:
            torch.set_num_threads(self.threads)
        tokenizer = AutoTokenizer.from_pretrained(str(self.path), trust_remote_code=False)
        safetensors = any(self.path.glob("*.safetensors"))
        try:
            with quiet_transformers():
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    str(self.path),
                    trust_remote_code=False,
                    use_safetensors=safetensors or None,
                    dtype=getattr(torch, self.compute_type),
                )
        except weight_load_errors() as exc:
            raise weights_error(self.step.model, self.path, exc) from exc
        model.to(self.device)
        model.eval()
        # every call passes max_new_tokens; a saved max_length would only add warnings
        model.generation_config.max_length = None
        model.generation_config.min_length = None
        if self.step.src_code is not None:
            tokenizer.src_lang = self.step.src_code
        if self.step.target_prefix is not None:
            bos = tokenizer.convert_tokens_to_ids(self.step.target_prefix)
            if not isinstance(bos, int) or bos == tokenizer.unk_token_id:
                raise InputError(
                    f"model {self.step.model} has no language token "
                    f"{self.step.target_prefix!r}; is it a {self.step.family} model?"
                )
            self._forced_bos = bos
        self._tokenizer = tokenizer
        self._model = model

    # -- translating --------------------------------------------------------------------

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate ``sentences``; same length and order. Empty strings stay empty.

        A sentence longer than the model's positions is cut into pieces that fit, whose
        translations are joined with a space (see :mod:`~aligntext.translate.pieces`): the
        tokenizer would otherwise drop its end.
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
                plan=lambda lengths: length_batches(
                    lengths,
                    self.batch_budget(),
                    self.max_batch_sentences,
                    floor=self.min_new_tokens or 0,
                ),
                run=self._generate,
            ),
        )

    def _position_limit(self) -> int:
        # The model's config says how long a sequence it takes: it must be loaded first.
        self.load()
        return self._model_limit()

    def batch_budget(self) -> int:
        """Padded source tokens per batch: ``max_batch_tokens`` shared by the beams.

        Beam search runs ``beam_size`` hypotheses per sentence, so a batch's activations and
        key/value caches grow with ``sentences * beams``; dividing the budget keeps that
        product, hence the memory and the size of each matrix product, as in greedy mode.
        """
        return max(1, self.max_batch_tokens // self.beam_size)

    def _encode(self, texts: list[str]) -> list[list[int]]:
        if self.step.source_prefix:
            texts = [f"{self.step.source_prefix} {t}" for t in texts]
        limit = self._model_limit()
        encoded = self._tokenizer(texts, truncation=True, max_length=limit)
        return [list(x) for x in encoded["input_ids"]]

    def _model_limit(self) -> int:
        limit = getattr(self._model.config, "max_position_embeddings", None) or 512
        tokenizer_limit = getattr(self._tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < limit:
            limit = tokenizer_limit
        return int(limit)

    def _generate(self, batch: list[list[int]]) -> list[str]:
        import torch

        padded = self._tokenizer.pad({"input_ids": batch}, return_tensors="pt")
        longest = max(len(x) for x in batch)
        # max/min_new_tokens count the translation's own tokens: the forced language token
        # and the end-of-sentence token come on top, so hf and ct2 give the same lengths.
        config = copy.copy(self._model.generation_config)
        forced = 1 if self._forced_bos is not None else 0
        # a forced EOS (Marian) takes the last step: one more leaves the tokens asked for
        eos_step = 1 if config.forced_eos_token_id is not None else 0
        if self.max_new_tokens:
            max_new = self.max_new_tokens + forced + eos_step
        else:
            max_new = auto_length(longest, self._model_limit())
        config.max_new_tokens = max_new
        config.min_new_tokens = self.min_new_tokens + forced if self.min_new_tokens else None
        config.num_beams = self.beam_size
        config.do_sample = False
        config.early_stopping = True if self.beam_size > 1 else config.early_stopping
        if self._forced_bos is not None:
            config.forced_bos_token_id = self._forced_bos
        with torch.inference_mode():
            out = self._model.generate(
                input_ids=padded["input_ids"].to(self.device),
                attention_mask=padded["attention_mask"].to(self.device),
                generation_config=config,
            )
        rows = out.tolist()
        if not self.max_new_tokens:
            # Each output within its own source's budget, not the batch's longest: a looping
            # output is then cut at the same place whatever batch it shared (the segment
            # cache's key leaves the batch size out). A row starts with the decoder's start token.
            limit = self._model_limit()
            rows = [r[: 1 + auto_length(len(x), limit)] for r, x in zip(rows, batch, strict=True)]
        # the forced language token is not part of the translation
        start = 2 if self._forced_bos is not None else 1
        texts = self._tokenizer.batch_decode(
            [r[start:] for r in rows], skip_special_tokens=True, clean_up_tokenization_spaces=False
        )
        return [t.strip() for t in texts]

    def __repr__(self) -> str:
        return f"HFTranslator({self.step.model!r}, {self.src_lang}-{self.tgt_lang})"
