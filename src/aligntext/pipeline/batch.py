"""Translate files and folders: the library side of ``aligntext translate``.

:func:`translate_folder` reads every supported file (``.txt .md .docx .html``) under the
inputs, splits paragraphs into sentences, translates the sentences of many files together
(deduplicated, through the segment cache, in fixed batches formed from the whole job, see
:class:`aligntext.pipeline.plan.Chunker`), puts the translations back paragraph by paragraph
and writes each file under ``OUT/<tgt>/`` with the input's relative path, format and
structure.

The job is resumable. Each output file is written to a temporary file beside it and renamed
into place, so a killed run never leaves a half-written file; ``OUT/manifest.json`` (also
replaced atomically, every 2 seconds at most and at the end or on an interruption) records
every file done, with the hash of its source and the signature of its direction, so a second
run skips finished files and translates the rest (a file done after the last save of a
``kill -9``-ed run is done again); the batches a killed run had finished come back from the
cache, and since the batches do not depend on what was finished, the outputs are byte for
byte those of an unbroken run.
The next run also removes the temporary files a ``kill -9`` left.

``manifest.json`` holds ``state`` (``running``, ``interrupted``, ``failed``, ``finished``),
``aligntext_version``, ``src``, ``tgts``, ``cache`` (the segment cache file), ``signatures``
(per direction: model, revision, backend, device, compute type, beam, pivot, version, and the
whole ``signature`` string), ``files`` (per output path relative to ``OUT``: ``source``,
``src``, ``tgt``, ``status`` done / skipped / failed / pending, ``sha256`` of the source,
``sentences``, ``paragraphs``, ``seconds``, ``finished``, ``signature``, ``message``,
``warning``, and ``findings`` with ``check=True``) and, at the end, ``totals``.

While a run writes to ``OUT`` it holds an advisory lock on ``OUT/.aligntext-translate.lock``
(removed when the run ends), so a second run into the same folder fails at once instead of
interleaving the manifest.

Library code only: it never prints; progress goes to an optional callback. This module is
the entry point; :mod:`.collect` finds the files, :mod:`.runner` does the work,
:mod:`.manifest` records it and :mod:`.job` holds the result types.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from aligntext.arguments import as_items, require_callable
from aligntext.errors import InputError
from aligntext.langs import CODES, resolve_lang
from aligntext.pipeline.collect import collect_inputs, safe_output, supported_suffixes
from aligntext.pipeline.engine import BatchEngine
from aligntext.pipeline.job import (
    DONE,
    FAILED,
    PENDING,
    SKIPPED,
    FileResult,
    ProgressEvent,
    ProgressHook,
    TranslateRun,
)
from aligntext.pipeline.manifest import MANIFEST_NAME, output_lock, remove_leftovers
from aligntext.pipeline.plan import translator_batch_size
from aligntext.pipeline.runner import Runner
from aligntext.translate.base import TranslatorFactory
from aligntext.translate.cache import SegmentCache, default_cache_path

__all__ = [
    "DONE",
    "FAILED",
    "MANIFEST_NAME",
    "PENDING",
    "SKIPPED",
    "FileResult",
    "ProgressEvent",
    "ProgressHook",
    "TranslateRun",
    "TranslatorFactory",
    "collect_inputs",
    "safe_output",
    "supported_suffixes",
    "translate_folder",
    "translator_batch_size",
]


# --- inputs ---------------------------------------------------------------------------------


# --- sentences --------------------------------------------------------------------------------


# --- manifest -------------------------------------------------------------------------------


# --- the job ----------------------------------------------------------------------------------


def translate_folder(
    inputs: Sequence[str | os.PathLike[str]],
    src: str | None,
    tgts: Sequence[str],
    out_dir: str | os.PathLike[str],
    *,
    translator_factory: TranslatorFactory,
    cache: SegmentCache | str | os.PathLike[str] | bool = True,
    progress: ProgressHook | None = None,
    check: bool = False,
    force: bool = False,
    chunk_sentences: int = 2048,
    batch_sentences: int | None = None,
    follow_links: bool = False,
    max_input_mb: float | None = None,
    input_format: str | None = None,
    retry_failed: bool = False,
    retry_factory: TranslatorFactory | None = None,
    engine: BatchEngine | None = None,
) -> TranslateRun:
    """Translate files and folders into one or more languages, mirroring them under ``out_dir``.

    Args:
        inputs: files and folders (searched recursively for ``.txt .md .docx .html``); one
            path alone is a list of one.
        src: the source language, or ``None`` to detect it per file.
        tgts: target languages; each gets ``out_dir/<tgt>/``. One string is a
            comma-separated list, as the command line's ``--tgt`` (``"ru"``, ``"ru,az"``).
        out_dir: the output folder; ``manifest.json`` is written there.
        translator_factory: builds the translator of a direction, ``factory(src, tgt)``,
            when the job first needs it: the one way a translator reaches the job (the CLI
            builds it with :func:`aligntext.translate.loader.translator_factory`).
        cache: ``True`` for the per-user segment cache
            (:func:`~aligntext.translate.cache.default_cache_path`), a path or a
            :class:`~aligntext.translate.cache.SegmentCache` for another, ``False`` for none.
        progress: called with :class:`ProgressEvent` as the run goes.
        check: run the mismatch checker and the MT QA checks (:mod:`aligntext.qa`: loops,
            copies, wrong language, length, cut-off and added text) on every
            source/translation sentence pair and keep the suspect ones (warnings and errors)
            in the results and the manifest.
        force: translate files again even when an earlier run finished them.
        chunk_sentences: about how many sentences of consecutive files are translated
            together; files are written when their chunk is done.
        batch_sentences: sentences per batch, the unit sent to the model, committed to the
            cache and resumed (see :class:`~aligntext.pipeline.plan.Chunker`): small enough
            that an interruption loses seconds of work, large enough for the backend to fill
            its batches.
            ``None``: from the backend's token budget, about 20 tokens a sentence, within
            64 to 512 (64 on a CPU at beam 4, about 400 on a GPU).
        follow_links: read symlinked files and folders that lead out of an input folder
            (by default they are skipped with a warning).
        max_input_mb: the cap on what one input may hold (see
            :data:`aligntext.io.encoding.DEFAULT_MAX_INPUT_MB`); larger files fail alone.
        input_format: ``txt``, ``md``, ``docx`` or ``html`` to read every file so; ``None``
            reads each by its suffix (by its content when the suffix is unknown).
        retry_failed: translate again, with ``retry_factory``'s translator, the sentences
            whose translation has an MT QA error, and keep whichever output has fewer
            findings by the same checks (implies ``check``). Second translations bypass the
            segment cache.
        retry_factory: builds the second translator of a direction (the CLI: the same model
            with a wider beam, or ``--fallback-model``); ``translator_factory`` when
            ``None``.
        engine: where the batches are translated: ``None`` in this process, or a
            :class:`~aligntext.pipeline.ray_engine.RayEngine` (a Ray cluster). Outputs,
            manifest, cache and resume are the same either way.

    Returns:
        A :class:`TranslateRun` with one :class:`FileResult` per file and target.

    Raises:
        InputError: bad inputs, languages or options (see :func:`collect_inputs`), an
            unknown ``input_format``.
        InputTypeError: a ``translator_factory`` (or ``retry_factory``) that is not callable.
        UnsupportedLanguageError: a language outside en, az, ru, tr.
        ModelNotFoundError: a direction's model is neither local nor reachable.
        KeyboardInterrupt: passed on after the manifest records what was finished.
    """
    started = time.perf_counter()
    src = resolve_lang(src) if src else None
    if isinstance(tgts, str):
        tgts = [t for t in tgts.split(",") if t.strip()]
    targets = list(dict.fromkeys(resolve_lang(t) for t in as_items(tgts, "tgts", "languages")))
    if not targets:
        raise InputError(f"no target language given; pass --tgt with one of {', '.join(CODES)}")
    if src is not None and src in targets:
        raise InputError(f"source and target language are both {src!r}; choose a different --tgt")
    if chunk_sentences < 1 or (batch_sentences is not None and batch_sentences < 1):
        raise InputError(
            f"chunk_sentences and batch_sentences must be at least 1, got {chunk_sentences} "
            f"and {batch_sentences}"
        )
    shape = "factory(src, tgt) returning a translator"
    require_callable(translator_factory, "translator_factory", shape)
    require_callable(retry_factory, "retry_factory", shape, optional=True)
    from aligntext.io.documents import format_of
    from aligntext.io.encoding import input_limit, max_input_bytes

    if input_format is not None:
        # Checked before any file: else every file would fail alone with the same message.
        format_of(out_dir, input_format)
    limit = max_input_bytes(max_input_mb)
    out_root = Path(out_dir)
    if out_root.exists() and not out_root.is_dir():
        raise InputError(f"output {str(out_dir)!r} is a file; --out needs a folder")
    notes: list[str] = []
    unreadable: list[tuple[Path, PurePosixPath, str]] = []
    files = collect_inputs(
        inputs,
        out_root,
        tgts=targets,
        follow_links=follow_links,
        warnings=notes,
        unreadable=unreadable,
    )
    out_root.mkdir(parents=True, exist_ok=True)
    out_root = out_root.resolve()

    if retry_failed:
        check = True
    with output_lock(out_root):
        # Only the run holding the lock may clean up what a killed run left, and only it
        # may create the cache file: a refused run leaves no trace.
        remove_leftovers(out_root, targets)
        segment_cache = _open_cache(cache)
        # A remote engine's translators describe its workers' (no model loads here).
        factory = engine.driver_factory(translator_factory) if engine else translator_factory
        runner = Runner(
            out_root, factory, segment_cache, progress, check, chunk_sentences,
            batch_sentences, limit, input_format, engine,
        )  # fmt: skip
        if retry_failed:
            runner.retry_factory = retry_factory or translator_factory
        try:
            # The cap holds for every read of the run, the writers' re-reads included.
            with input_limit(max_input_mb):
                result = runner.run(files, src, targets, force, started, unreadable)
        finally:
            if segment_cache is not None and segment_cache is not cache:
                segment_cache.close()
    return dataclasses.replace(result, warnings=tuple(notes))


def _open_cache(cache: SegmentCache | str | os.PathLike[str] | bool) -> SegmentCache | None:
    if cache is False or cache is None:
        return None
    if isinstance(cache, SegmentCache):
        return cache
    if cache is True:
        return SegmentCache(default_cache_path())
    return SegmentCache(cache)
