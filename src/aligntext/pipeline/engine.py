"""Where a translate job's batches are translated: here, one after another (the local
engine), or elsewhere (:class:`aligntext.pipeline.ray_engine.RayEngine`).

The job keeps its bookkeeping (inputs, plan, cache look-ups, manifest, atomic writes) in its
own process whatever the engine; an engine only turns batches into translations and may
return them in any order. The job writes a chunk of files as soon as its batches are in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from aligntext.translate.base import ProgressCallback, Translator, TranslatorFactory


class BatchEngine(Protocol):
    """Runs a job's batches: the local engine, or a Ray cluster."""

    #: Whether the engine asks for the next batch only once it has given the outputs of the
    #: last: the job then holds one chunk's documents at a time. An engine that takes every
    #: batch first (Ray's pool) makes the job drop each document once planned and read it
    #: again to write it.
    lazy: bool

    def driver_factory(self, factory: TranslatorFactory) -> TranslatorFactory:
        """The factory the job calls: for a remote engine, translators that describe the
        workers' ones (signature, batch budget) without loading a model here."""
        ...

    def translate_batches(
        self, translator: Translator, batches: Iterable[list[str]], progress: ProgressCallback
    ) -> Iterator[tuple[int, list[str]]]:
        """Translate each batch whole, as ``translator`` (built by the job from
        :meth:`driver_factory`, maybe wrapped in a cache) would; yield ``(index, outputs)``,
        ``index`` counting the batches from 0 in the order ``batches`` gives them.

        ``batches`` may be lazy: the job reads a chunk's files when its first batch is
        asked for, so an engine that takes them one at a time holds one chunk at a time."""
        ...


class LocalEngine:
    """The batches one after another in this process, through the job's translator."""

    lazy = True

    def driver_factory(self, factory: TranslatorFactory) -> TranslatorFactory:
        """The factory itself: the model runs here."""
        return factory

    def translate_batches(
        self, translator: Translator, batches: Iterable[list[str]], progress: ProgressCallback
    ) -> Iterator[tuple[int, list[str]]]:
        """Each batch whole, in order, the next asked for when this one's outputs are
        taken: the unit of work, of caching and of resuming."""
        for index, batch in enumerate(batches):
            yield index, translator.translate(batch, progress=progress)


def checked(batch: Sequence[str], outputs: Sequence[str]) -> dict[str, str]:
    """``batch`` mapped to ``outputs``, refusing a backend that lost or added sentences."""
    if len(outputs) != len(batch):
        raise RuntimeError(
            f"translator returned {len(outputs)} sentences for {len(batch)}; "
            "this is a bug in the backend"
        )
    return dict(zip(batch, outputs, strict=True))
