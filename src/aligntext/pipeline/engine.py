"""Where a translate job's batches are translated: here, one after another (the local
engine), or elsewhere (:class:`aligntext.pipeline.ray_engine.RayEngine`).

The job keeps its bookkeeping (inputs, plan, cache look-ups, manifest, atomic writes) in its
own process whatever the engine; an engine only turns batches into translations and may
return them in any order. The job writes a chunk of files as soon as its batches are in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

from aligntext.translate.base import ProgressCallback, Translator, TranslatorFactory


class BatchEngine(Protocol):
    """Runs a job's batches: the local engine, or a Ray cluster."""

    def driver_factory(self, factory: TranslatorFactory) -> TranslatorFactory:
        """The factory the job calls: for a remote engine, translators that describe the
        workers' ones (signature, batch budget) without loading a model here."""
        ...

    def translate_batches(
        self, translator: Translator, batches: Sequence[list[str]], progress: ProgressCallback
    ) -> Iterator[tuple[int, list[str]]]:
        """Translate each batch whole, as ``translator`` (built by the job from
        :meth:`driver_factory`, maybe wrapped in a cache) would; yield ``(index, outputs)``."""
        ...


class LocalEngine:
    """The batches one after another in this process, through the job's translator."""

    def driver_factory(self, factory: TranslatorFactory) -> TranslatorFactory:
        """The factory itself: the model runs here."""
        return factory

    def translate_batches(
        self, translator: Translator, batches: Sequence[list[str]], progress: ProgressCallback
    ) -> Iterator[tuple[int, list[str]]]:
        """Each batch whole, in order: the unit of work, of caching and of resuming."""
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


class _Sentenced(Protocol):
    @property
    def sentences(self) -> list[str]: ...


JobT = TypeVar("JobT", bound=_Sentenced)


def chunk_order(
    chunks: Sequence[Sequence[JobT]], pending: set[int], batch_of: Mapping[str, int]
) -> tuple[list[tuple[int, list[JobT], set[int]]], list[int]]:
    """The chunks with files to write, each with the batches it needs, and every needed
    batch once, in the order the chunks need them.

    The local engine translates the batches in that order, so each chunk is written as
    soon as its last batch is done, as before there were engines.

    Returns:
        ``[(chunk number, its pending jobs, their batches)]`` and the batch order.
    """
    todo: list[tuple[int, list[JobT], set[int]]] = []
    order: list[int] = []
    seen: set[int] = set()
    for number, chunk in enumerate(chunks):
        jobs = [j for j in chunk if id(j) in pending]
        if jobs:
            needs = {batch_of[s] for job in jobs for s in job.sentences}
            order.extend(sorted(needs - seen))
            seen |= needs
            todo.append((number, jobs, needs))
    return todo, order
