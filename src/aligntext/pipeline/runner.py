"""The translate job's engine: load each file once, plan the batches of each direction,
translate, put the sentences back paragraph by paragraph, write, and record it all in the
manifest."""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from aligntext import __version__
from aligntext.errors import AligntextError, InputError
from aligntext.pipeline.collect import (
    safe_output,
)
from aligntext.pipeline.engine import BatchEngine, LocalEngine, checked
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
from aligntext.pipeline.manifest import (
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    Manifest,
    checked_results,
    finding_entry,
    flagged_entry,
    sha256_of,
    utc_now,
)
from aligntext.pipeline.plan import (
    Chunker,
    FileJob,
    cut_batches,
    join_paragraph,
    to_translate,
    translator_batch_size,
)
from aligntext.pipeline.reading import Loaded, load_file, reread_failure
from aligntext.qa.run import check_file, count_types, manifest_fields
from aligntext.translate.base import Translator, TranslatorFactory
from aligntext.translate.cache import CachedTranslator, SegmentCache
from aligntext.types import Signature

#: How many bytes of input files the job keeps read between its scan and their chunk.
KEEP_BYTES = 32 << 20


class Runner:
    """The state of one run: translators per direction, the manifest, the results."""

    def __init__(
        self,
        out_root: Path,
        factory: TranslatorFactory,
        cache: SegmentCache | None,
        progress: ProgressHook | None,
        check: bool,
        chunk_sentences: int,
        batch_sentences: int | None = None,
        max_input_bytes: int | None = None,
        input_format: str | None = None,
        engine: BatchEngine | None = None,
    ) -> None:
        self.engine: BatchEngine = engine or LocalEngine()
        self.input_format = input_format
        self.out_root = out_root
        self.batch_sentences = batch_sentences
        self.max_input_bytes = max_input_bytes
        self.factory = factory
        self.cache = cache
        self.progress = progress
        self.check = check
        self.chunk_sentences = chunk_sentences
        self.manifest = Manifest(out_root / MANIFEST_NAME)
        self.translators: dict[tuple[str, str], Translator] = {}
        self.signatures: dict[str, Signature] = {}
        self.results: dict[str, FileResult] = {}
        self.retry_factory: TranslatorFactory | None = None  # set by translate_folder
        self.retry_translators: dict[tuple[str, str], Translator] = {}
        self.translated = self.cached = self.sentences = self.kept = 0  # kept: figures only
        self.blank = 0  # files with no text, written as they are
        self.held: dict[Path, Loaded] = {}  # see _load
        self.held_bytes = 0

    # Translators are built on first need: a run whose files are all done loads no model.
    def translator(self, src: str, tgt: str) -> Translator:
        """The translator of ``src`` -> ``tgt``, built on first use and kept."""
        if (src, tgt) not in self.translators:
            inner = self.factory(src, tgt)
            # The bar counts the model's work: cache hits are no work and must not jump it.
            wrapped: Translator = (
                CachedTranslator(inner, self.cache, report_hits=False)
                if self.cache is not None
                else inner
            )
            self.translators[(src, tgt)] = wrapped
            fields = tuple((str(k), str(v)) for k, v in wrapped.signature_fields())
            sig = Signature((*fields, ("direction", f"{src}-{tgt}"), ("version", __version__)))
            self.signatures[f"{src}-{tgt}"] = sig
            self.manifest.data.setdefault("signatures", {})[f"{src}-{tgt}"] = {
                "signature": str(sig),
                **sig.as_dict(),
            }
        return self.translators[(src, tgt)]

    def emit(self, event: ProgressEvent) -> None:
        """Pass ``event`` to the progress callback, if there is one."""
        if self.progress is not None:
            self.progress(event)

    def record(self, job: FileJob, status: str, *, save: bool = True, **extra: Any) -> None:
        """Keep a file's result and put it in the manifest (saved within seconds with
        ``save``, see :meth:`Manifest.checkpoint`; the run saves it at its end)."""
        output = job.output or (self.out_root / job.tgt / Path(*job.rel.parts))
        relpath = f"{job.tgt}/{job.rel.as_posix()}"
        result = FileResult(
            source=str(job.source),
            output=str(output),
            relpath=relpath,
            src_lang=job.src,
            tgt_lang=job.tgt,
            status=status,
            sentences=extra.get("sentences", job.size),
            paragraphs=job.paragraphs,
            seconds=round(extra.get("seconds", 0.0), 3),
            message=extra.get("message", ""),
            warning=job.warning,
            findings=tuple(extra.get("findings", ())),
            **{k: extra[k] for k in ("flagged", "retried", "improved") if k in extra},
        )
        self.results[relpath] = result
        if status == SKIPPED and extra.get("keep_entry"):
            return  # an earlier run's entry stays as it was
        entry: dict[str, Any] = {
            "source": str(job.source),
            "src": job.src,
            "tgt": job.tgt,
            "status": status,
            "sha256": job.digest,
            "sentences": result.sentences,
            "paragraphs": result.paragraphs,
            "seconds": result.seconds,
        }
        if job.key:
            entry["signature"] = job.key
        if status == DONE:
            entry["finished"] = utc_now()
            if extra.get("blank"):
                entry["blank"] = True  # a later run skips it without a signature
        if result.message:
            entry["message"] = result.message
        if result.warning:
            entry["warning"] = result.warning
        if self.check and status == DONE:
            entry["findings"] = [finding_entry(f) for f in result.findings]
            # What a later run that skips this file needs for its summary and report.
            entry["flagged_sentences"] = [flagged_entry(*x) for x in result.flagged]
            entry.update(manifest_fields(result, retry=self.retry_factory is not None))
        self.manifest.files[relpath] = entry
        if save:
            self.manifest.checkpoint()
        if status != PENDING:
            self.emit(ProgressEvent("file", path=relpath, status=status, message=result.message))

    def run(
        self,
        files: list[tuple[Path, PurePosixPath]],
        src: str | None,
        targets: list[str],
        force: bool,
        started: float,
        unreadable: Sequence[tuple[Path, PurePosixPath, str]] = (),
    ) -> TranslateRun:
        """Translate ``files`` into each of ``targets``; return the run's counts.

        Each folder of ``unreadable`` (``(folder, relative path, reason)``: the walk could
        not list it) fails in every target, so the run does not end as if complete.
        """
        self.manifest.data.update(
            {
                "tool": "aligntext translate",
                "format": MANIFEST_FORMAT,
                "aligntext_version": __version__,
                "state": "running",
                "src": src,
                "tgts": targets,
                "cache": str(self.cache.path) if self.cache is not None else None,
            }
        )
        self._drop_stale_entries()
        order: list[str] = []
        # Every (file, target) in input order, and whether an earlier run finished it.
        jobs: list[tuple[FileJob, bool]] = []
        unhashed: dict[Path, AligntextError] = {}
        for source, rel in files:
            try:
                digest = sha256_of(source)
            except OSError as exc:
                digest = ""
                unhashed[source] = InputError(f"cannot read {str(source)!r}: {exc.strerror}")
            for tgt in targets:
                job = FileJob(source, rel, tgt, digest)
                order.append(f"{tgt}/{rel.as_posix()}")
                jobs.append((job, self._already_done(job, src, force)))
        for folder, rel, reason in unreadable:
            for tgt in targets:
                job = FileJob(folder, rel, tgt, "", src=src or "")
                order.append(f"{tgt}/{rel.as_posix()}")
                why = f"cannot read folder {str(folder)!r}: {reason}; its files were left out"
                self.record(job, FAILED, save=False, message=why)
        self.manifest.save()

        try:
            ready, chunkers = self._scan(jobs, src, unhashed)
            pending = {id(j) for j in ready}
            self.emit(
                ProgressEvent(
                    "start", sentences=sum(c.work for c in chunkers.values()), files=len(ready)
                )
            )
            for job in ready:
                self.record(job, PENDING, save=False)
            self.manifest.save()
            # One direction at a time, its model released after it: one model in memory.
            for direction in dict.fromkeys((j.src, j.tgt) for j in ready):
                self._translate_direction(direction, chunkers[direction].chunks, pending, src)
                self.translators.pop(direction, None)
        except BaseException as exc:
            interrupted = isinstance(exc, KeyboardInterrupt)
            self.manifest.data["state"] = "interrupted" if interrupted else "failed"
            if not interrupted:
                self.manifest.data["error"] = str(exc) or type(exc).__name__
            self.manifest.save()
            raise
        self.manifest.data["state"] = "finished"
        self.manifest.data.pop("error", None)
        self.manifest.data["totals"] = {
            "files": len(order),
            "done": sum(1 for r in self.results.values() if r.status == DONE),
            "skipped": sum(1 for r in self.results.values() if r.status == SKIPPED),
            "failed": sum(1 for r in self.results.values() if r.status == FAILED),
            "sentences": self.sentences,
            "translated": self.translated,
            "cached": self.cached,
            "seconds": round(time.perf_counter() - started, 3),
        }
        if self.check:
            self.manifest.data["totals"]["finding_types"] = count_types(
                f for r in self.results.values() for f in r.findings
            )
        self.manifest.save()
        return TranslateRun(
            out_dir=str(self.out_root),
            manifest=str(self.manifest.path),
            files=tuple(self.results[rel] for rel in order if rel in self.results),
            signatures=tuple(self.signatures.items()),
            sentences=self.sentences,
            translated=self.translated,
            cached=self.cached,
            seconds=time.perf_counter() - started,
            cache_path=str(self.cache.path) if self.cache is not None else None,
        )

    def _drop_stale_entries(self) -> None:
        """Forget unfinished entries whose input is gone: nothing will ever finish them."""
        for relpath, entry in list(self.manifest.files.items()):
            if not isinstance(entry, dict):
                del self.manifest.files[relpath]
                continue
            if entry.get("status") in (PENDING, FAILED):
                source = entry.get("source")
                if not isinstance(source, str) or not Path(source).is_file():
                    del self.manifest.files[relpath]

    def _already_done(self, job: FileJob, src: str | None, force: bool) -> bool:
        """Whether an earlier run finished this file with the same source and settings."""
        relpath = f"{job.tgt}/{job.rel.as_posix()}"
        entry = self.manifest.files.get(relpath)
        if force or not job.digest or not isinstance(entry, dict):
            return False
        if entry.get("status") != DONE or entry.get("sha256") != job.digest:
            return False
        output = self.out_root / job.tgt / Path(*job.rel.parts)
        if entry.get("blank") is True and output.is_file():
            # A file with no text, written as it was: no model made it, nothing to check.
            job.src, job.output = str(entry.get("src") or ""), output
            self.record(job, SKIPPED, message="done by an earlier run", keep_entry=True)
            return True
        if "signature" not in entry:
            return False
        sentences = entry.get("sentences")  # not an int: edited or damaged by hand, redo
        if not isinstance(sentences, int) or isinstance(sentences, bool):
            return False
        # A run that checks (or retries) reports on every file: an earlier run's file counts
        # as done only when that run checked it (and retried) too, and its results are kept.
        earlier = checked_results(entry, job.tgt) if self.check else ((), ())
        if earlier is None or (self.retry_factory is not None and "retried" not in entry):
            return False
        if src is not None and entry.get("src") != src:
            return False
        job.src = str(entry.get("src") or "")
        if not job.src or job.src == job.tgt:
            return False
        if not output.is_file():
            return False
        try:
            self.translator(job.src, job.tgt)
        except AligntextError:
            return False  # the model is gone: let the real attempt raise the error
        if entry.get("signature") != str(self.signatures[f"{job.src}-{job.tgt}"]):
            return False
        job.output, (findings, flagged) = output, earlier
        job.size, job.paragraphs = sentences, _count(entry.get("paragraphs"))
        self.record(
            job,
            SKIPPED,
            message="done by an earlier run",
            keep_entry=True,
            sentences=sentences,
            findings=findings,
            flagged=flagged,
            retried=int(entry.get("retried") or 0),
            improved=int(entry.get("improved") or 0),
        )
        return True

    def _load(self, source: Path, src: str | None) -> Loaded:
        """Read, detect and segment a file, or take what the scan kept of it.

        The scan keeps what it read while the files kept hold at most
        :data:`KEEP_BYTES` together: a job of statements reads each once; a job of large
        files reads each unfinished one twice (at the scan, and with its chunk) and holds
        one chunk at a time.
        """
        if source in self.held:
            return self.held[source]
        loaded = load_file(source, src, self.input_format, self.max_input_bytes)
        if isinstance(loaded, tuple) and self.held_bytes < KEEP_BYTES:
            try:
                size = source.stat().st_size
            except OSError:
                return loaded
            if self.held_bytes + size <= KEEP_BYTES:
                self.held[source] = loaded
                self.held_bytes += size
        return loaded

    def _scan(
        self,
        jobs: list[tuple[FileJob, bool]],
        src: str | None,
        unhashed: dict[Path, AligntextError],
    ) -> tuple[list[FileJob], dict[tuple[str, str], Chunker]]:
        """Read each unfinished file once: record those that fail or need no translation,
        and cut every direction into chunks; say the jobs to translate.

        Only the open chunk's sentences are held, never a document past its own reading: a
        job's memory is that of one input and one chunk, however many files it has. A
        finished file is not read (its manifest entry gives its size).
        """
        chunkers: dict[tuple[str, str], Chunker] = {}
        ready: list[FileJob] = []
        last: tuple[Path, Loaded] | None = None  # a file's targets follow one another
        for job, done in jobs:
            sentences: list[str] = []
            if not done:
                if last is None or last[0] != job.source:
                    last = (job.source, unhashed.get(job.source) or self._load(job.source, src))
                if not self._resolve(job, last[1], src):
                    continue
                assert not isinstance(last[1], (bytes, AligntextError))
                sentences = to_translate(last[1][2])
                ready.append(job)
            direction = (job.src, job.tgt)
            if direction not in chunkers:
                chunkers[direction] = Chunker(self.chunk_sentences, self._work_of(*direction))
            chunkers[direction].add(job, sentences)
        for chunker in chunkers.values():
            chunker.close()
        return ready, chunkers

    def _work_of(self, src: str, tgt: str) -> Callable[[list[str]], int]:
        """How many of a chunk's sentences the model of ``src -> tgt`` will be sent."""

        def work(sentences: list[str]) -> int:
            missing = getattr(self.translator(src, tgt), "missing", None)
            return len(missing(sentences)) if callable(missing) else len(sentences)

        return work

    def _resolve(self, job: FileJob, loaded: Loaded, src: str | None) -> bool:
        """Take a job's language and size from its file; record it and say False if it
        fails or needs no translation (no text, already in the target language)."""
        if isinstance(loaded, bytes):
            self._write_blank(job, loaded, src)
            return False
        if isinstance(loaded, AligntextError):
            job.src = src or ""
            self.record(job, FAILED, message=str(loaded))
            return False
        doc, job.src, paras, job.warning = loaded
        job.size = sum(len(p.sentences) for p in paras)
        job.paragraphs = len(doc.paragraphs)
        if job.src == job.tgt:
            self.record(job, SKIPPED, message=f"already in {job.src}")
            return False
        try:
            job.output = safe_output(self.out_root, job.tgt, job.rel)
        except InputError as exc:
            self.record(job, FAILED, message=str(exc))
            return False
        return True

    def _write_blank(self, job: FileJob, data: bytes, src: str | None) -> None:
        """Write a file with no text as it is (the same bytes, the same structure)."""
        from aligntext.io.atomic import atomic_write_bytes

        job.src = src or ""
        try:
            job.output = safe_output(self.out_root, job.tgt, job.rel)
        except InputError as exc:
            self.record(job, FAILED, message=str(exc))
            return
        if self._output(job, lambda path: atomic_write_bytes(path, data), 0.0):
            self.blank += 1
            self.record(job, DONE, message="no text: written as it is", blank=True)

    def _output(self, job: FileJob, write: Callable[[Path], None], seconds: float) -> bool:
        """Run ``write(job.output)``; record the file as failed (and say False) if it fails."""
        assert job.output is not None  # set by _prepare
        # The writers write a temporary file beside the output and rename it: a reader (or
        # a resumed run) sees the old file or the whole new one, never half.
        try:
            job.output.parent.mkdir(parents=True, exist_ok=True)
            write(job.output)
        except AligntextError as exc:
            self.record(job, FAILED, message=str(exc), seconds=seconds)
            return False
        except OSError as exc:
            # One output that cannot be written (a file where its folder must go, a
            # read-only folder, a full disk) fails alone, as an unreadable input does.
            where = exc.filename if isinstance(exc.filename, str) else str(job.output)
            why = exc.strerror or str(exc)
            self.record(job, FAILED, message=f"cannot write {where!r}: {why}", seconds=seconds)
            return False
        return True

    def _translate_direction(
        self,
        direction: tuple[str, str],
        chunks: list[list[FileJob]],
        pending: set[int],
        src: str | None,
    ) -> None:
        """Translate and write one direction's unfinished files, chunk by chunk.

        A chunk is read when the engine asks for its first batch and written, its
        documents and translations dropped, as soon as its last batch is in: the local
        engine holds one chunk at a time. Its finished files are read too, for their
        sentences only: they keep the company they had in an unbroken run.
        """
        translator = self.translator(*direction)
        key = str(self.signatures["-".join(direction)])
        size = self.batch_sentences or translator_batch_size(translator)
        lazy = getattr(self.engine, "lazy", False)
        batches: dict[int, list[str]] = {}  # by number: the engine's index
        number = itertools.count()
        waiting: deque[tuple[list[FileJob], set[int]]] = deque()  # chunks to write, in order

        def planned() -> Iterator[list[str]]:
            for chunk in chunks:
                todo = [j for j in chunk if id(j) in pending]
                if not todo:
                    continue  # finished in an earlier run: not even read
                sentences: list[str] = []
                for job in chunk:
                    loaded = self._load(job.source, src)
                    if not isinstance(loaded, tuple):
                        if id(job) in pending:  # gone or changed since the scan
                            self.record(job, FAILED, message=reread_failure(loaded, job.source))
                            todo = [j for j in todo if j is not job]
                        continue
                    sentences.extend(to_translate(loaded[2]))
                    if id(job) in pending and lazy:
                        job.doc, job.paras = loaded[0], loaded[2]
                    # else: read again to be written (see BatchEngine.lazy)
                needs: set[int] = set()
                for batch in cut_batches(sentences, size):
                    n = next(number)
                    batches[n] = batch
                    needs.add(n)
                waiting.append((todo, needs))
                yield from (batches[i] for i in sorted(needs))

        translations: dict[str, str] = {}
        arrived: set[int] = set()
        started = time.perf_counter()

        def flush() -> None:
            # In input order: a chunk is written once every batch it needs is in.
            nonlocal started
            while waiting and waiting[0][1] <= arrived:
                jobs, needs = waiting.popleft()
                if not lazy:
                    jobs = [job for job in jobs if self._reload(job, src, translations)]
                total = sum(len(job.sentences) for job in jobs)
                elapsed = time.perf_counter() - started
                for job in jobs:
                    job.key = key
                    self.sentences += job.n_sentences
                    self.kept += job.n_sentences - len(job.sentences)
                    share = elapsed * len(job.sentences) / total if total else 0.0
                    self._write(job, translations, share)
                    job.doc, job.paras = None, []
                for b in needs:  # batches belong to one chunk: memory stays one chunk's
                    for sentence in batches.pop(b):
                        translations.pop(sentence, None)
                    arrived.discard(b)
                started = time.perf_counter()

        def advance(n: int) -> None:
            self.emit(ProgressEvent("sentences", sentences=n))

        stats = getattr(translator, "stats", None)
        before, base = (stats.misses if stats is not None else 0), self.translated
        for index, outputs in self.engine.translate_batches(translator, planned(), advance):
            translations.update(checked(batches[index], outputs))
            if stats is not None:  # the model's work, not the cache's
                self.translated = base + stats.misses - before
            else:
                self.translated += len(batches[index])
            arrived.add(index)
            flush()
        flush()  # a last chunk of figures only has no batch to wait for
        self.cached = max(0, self.sentences - self.kept - self.translated)

    def _reload(self, job: FileJob, src: str | None, translations: Mapping[str, str]) -> bool:
        """Read a job's file again to write it; record it as failed (and say False) if it
        cannot be read or no longer holds the sentences that were translated."""
        loaded = self._load(job.source, src)
        if isinstance(loaded, tuple):
            job.doc, job.paras = loaded[0], loaded[2]
            if all(s in translations for s in job.sentences):
                return True
            job.doc, job.paras = None, []
            loaded = InputError(f"{str(job.source)!r} changed while the job ran; run it again")
        self.record(job, FAILED, message=reread_failure(loaded, job.source))
        return False

    def _write(self, job: FileJob, translations: Mapping[str, str], seconds: float) -> None:
        from aligntext.io.documents import write_document

        assert job.doc is not None and job.output is not None  # set by _prepare
        extra: dict[str, Any] = {}
        if self.check:  # the checks, and the retries (which change translations) first
            translations, extra = check_file(
                job.paras, translations, job.src, job.tgt,
                self.retry_factory, self.retry_translators,
            )  # fmt: skip
            path, flagged = f"{job.tgt}/{job.rel.as_posix()}", len(extra["flagged"])
            self.emit(ProgressEvent("findings", path=path, findings=flagged))
        texts = [join_paragraph(p, translations) for p in job.paras]
        doc = job.doc
        if self._output(job, lambda path: write_document(doc, texts, path, lang=job.tgt), seconds):
            self.record(job, DONE, seconds=seconds, **extra)


def _count(value: object) -> int:
    """A count from the manifest: 0 for anything that is not a plain int."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
