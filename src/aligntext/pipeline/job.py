"""What the translate job reports: per-file statuses, progress events, file results and the
run's summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aligntext.types import Finding, Signature

#: Per-file statuses in results and in the manifest.
DONE, SKIPPED, FAILED, PENDING = "done", "skipped", "failed", "pending"


@dataclass(frozen=True)
class ProgressEvent:
    """What :func:`translate_folder` reports to its ``progress`` callback.

    Args:
        kind: ``start`` (``sentences`` and ``files`` are the totals still to do),
            ``sentences`` (``sentences`` more are translated, from the model or the cache),
            ``file`` (``path`` reached ``status``), or ``findings`` (with ``check=True``:
            ``findings`` more suspect sentences in the file at ``path``).
        sentences: a total (``start``) or an increment (``sentences``).
        files: the number of files to translate (``start``).
        path: the output path relative to the output folder (``file``).
        status: ``done``, ``failed`` or ``skipped`` (``file``).
        message: why a file failed (``file``, status ``failed``).
    """

    kind: str
    sentences: int = 0
    files: int = 0
    path: str = ""
    status: str = ""
    findings: int = 0
    message: str = ""


@dataclass(frozen=True)
class FileResult:
    """One input file translated into one target language.

    Args:
        source: the input file.
        output: the output file (under ``OUT/<tgt>/``).
        relpath: ``output`` relative to the output folder, with ``/`` separators.
        src_lang: the source language (given or detected).
        tgt_lang: the target language.
        status: ``done`` (translated in this run), ``skipped`` (already done by an earlier
            run, or already in the target language), ``failed`` or ``pending`` (not reached:
            the run was interrupted).
        sentences: sentences in the file.
        paragraphs: paragraphs in the file.
        seconds: the file's share of the time of the chunk it was translated in.
        message: why it failed or was skipped.
        warning: a doubt about the input, such as a file that does not look like the
            source language given.
        findings: suspect sentence pairs found by ``check=True`` (``pair`` is the sentence's
            index in the file): the fact checker's and the MT QA's (:mod:`aligntext.qa`).
        flagged: for each sentence with findings, ``(index, source, translation)``.
        retried: sentences translated again by ``retry_failed=True``.
        improved: of those, the ones whose second translation was kept.
    """

    source: str
    output: str
    relpath: str
    src_lang: str
    tgt_lang: str
    status: str
    sentences: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    message: str = ""
    warning: str = ""
    findings: tuple[Finding, ...] = ()
    flagged: tuple[tuple[int, str, str], ...] = ()
    retried: int = 0
    improved: int = 0


@dataclass(frozen=True)
class TranslateRun:
    """The result of :func:`translate_folder`.

    Args:
        out_dir: the output folder.
        manifest: the path of ``manifest.json``.
        files: one result per (input file, target language), in input order per target.
        signatures: per direction (``en-ru``), how its translations were made.
        sentences: sentences in the files translated by this run, those of figures or
            symbols only (written as they are, neither translated nor cached) included.
        translated: distinct sentences sent to a model (neither cached nor repeated).
        cached: sentences answered by the cache or repeated within the run.
        seconds: wall time of the run.
        cache_path: the segment cache file, ``None`` without a cache.
        warnings: notes about the inputs, such as symlinks left out of the job.
    """

    out_dir: str
    manifest: str
    files: tuple[FileResult, ...]
    signatures: tuple[tuple[str, Signature], ...] = ()
    sentences: int = 0
    translated: int = 0
    cached: int = 0
    seconds: float = 0.0
    cache_path: str | None = None
    warnings: tuple[str, ...] = ()

    def by_status(self, status: str) -> tuple[FileResult, ...]:
        """The file results with ``status``."""
        return tuple(f for f in self.files if f.status == status)

    @property
    def findings(self) -> tuple[tuple[FileResult, Finding], ...]:
        """Every suspect sentence pair of a ``check=True`` run, with its file."""
        return tuple((f, finding) for f in self.files for finding in f.findings)


#: Receives the job's progress events (the CLI's progress bar).
ProgressHook = Callable[[ProgressEvent], None]
