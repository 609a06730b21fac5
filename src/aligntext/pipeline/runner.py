"""The translate job's engine: load each file once, plan the batches of each direction,
translate, put the sentences back paragraph by paragraph, write, and record it all in the
manifest."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from aligntext import __version__
from aligntext.errors import AligntextError, InputError
from aligntext.langs import CODES
from aligntext.pipeline.collect import (
    safe_output,
)
from aligntext.pipeline.engine import BatchEngine, LocalEngine, checked, chunk_order
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
    FileJob,
    Paragraph,
    Plan,
    join_paragraph,
    plan_direction,
    split_paragraph,
)
from aligntext.qa.run import check_file, count_types, manifest_fields
from aligntext.translate.base import Translator, TranslatorFactory
from aligntext.translate.cache import CachedTranslator, SegmentCache
from aligntext.types import Document, Signature

#: A file read, its language detected and its paragraphs split (or why it could not be):
#: ``(document, language, paragraphs, warning)``.
#: ``bytes``: a file with no text (empty, whitespace only), written out as it is.
_Loaded = tuple[Document, str, list[Paragraph], str] | AligntextError | bytes

#: The largest file :func:`_blank` reads to see whether it holds only whitespace.
_BLANK_BYTES = 1 << 16


def _blank(source: Path) -> bytes | None:
    """The bytes of a file that holds no text (empty, or whitespace only), else ``None``."""
    try:
        if source.stat().st_size > _BLANK_BYTES:
            return None
        data = source.read_bytes()
    except OSError:
        return None
    for codec in ("utf-8-sig", "utf-16"):  # utf-16 needs its BOM: "\n\n" is no UTF-16
        if codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            if not data.decode(codec).strip():
                return data
        except UnicodeDecodeError:
            continue
    return None


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
            sentences=job.n_sentences if job.doc is not None else extra.get("sentences", 0),
            paragraphs=len(job.doc.paragraphs) if job.doc is not None else 0,
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
        todo: list[FileJob] = []
        done_before: list[FileJob] = []
        docs: dict[Path, _Loaded] = {}
        for source, rel in files:
            try:
                digest = sha256_of(source)
            except OSError as exc:
                digest, error = "", InputError(f"cannot read {str(source)!r}: {exc.strerror}")
                docs[source] = error
            for tgt in targets:
                job = FileJob(source, rel, tgt, digest)
                order.append(f"{tgt}/{rel.as_posix()}")
                if self._already_done(job, src, force):
                    done_before.append(job)
                    continue
                todo.append(job)
        for folder, rel, reason in unreadable:
            for tgt in targets:
                job = FileJob(folder, rel, tgt, "", src=src or "")
                order.append(f"{tgt}/{rel.as_posix()}")
                why = f"cannot read folder {str(folder)!r}: {reason}; its files were left out"
                self.record(job, FAILED, save=False, message=why)
        self.manifest.save()

        try:
            self._prepare(todo, src, docs)
            ready = [j for j in todo if j.doc is not None]
            # Files an earlier run finished still shape the batches (see plan_direction), so a
            # resumed job translates every sentence in the same company as an unbroken one.
            for job in done_before:
                loaded = self._load(job.source, job.src, docs)
                if isinstance(loaded, tuple):
                    job.doc, job.paras = loaded[0], loaded[2]
            everything = [j for j in (*done_before, *ready) if j.doc is not None]
            position = {id(j): i for i, j in enumerate(self._in_input_order(everything, order))}
            everything.sort(key=lambda j: position[id(j)])
            pending = {id(j) for j in ready}
            # One direction at a time, its model released after it: one model in memory.
            directions = list(dict.fromkeys((j.src, j.tgt) for j in ready))
            plans = {
                d: plan_direction(
                    [j for j in everything if (j.src, j.tgt) == d],
                    pending,
                    self.translator(*d),
                    self.chunk_sentences,
                    self.batch_sentences,
                )
                for d in directions
            }
            self.emit(
                ProgressEvent(
                    "start",
                    sentences=sum(plan.work for plan in plans.values()),
                    files=len(ready),
                )
            )
            for job in ready:
                self.record(job, PENDING, save=False)
            self.manifest.save()
            for direction in directions:
                self._translate_direction(plans[direction])
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

    @staticmethod
    def _in_input_order(jobs: list[FileJob], order: list[str]) -> list[FileJob]:
        rank = {rel: i for i, rel in enumerate(order)}
        return sorted(jobs, key=lambda j: rank[f"{j.tgt}/{j.rel.as_posix()}"])

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
        if force or not job.digest or not isinstance(entry, dict) or "signature" not in entry:
            return False  # no signature: a file with no text, rewritten (no model loaded)
        sentences = entry.get("sentences")  # not an int: edited or damaged by hand, redo
        if entry.get("status") != DONE or entry.get("sha256") != job.digest:
            return False
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
        output = self.out_root / job.tgt / Path(*job.rel.parts)
        if not output.is_file():
            return False
        try:
            self.translator(job.src, job.tgt)
        except AligntextError:
            return False  # the model is gone: let the real attempt raise the error
        if entry.get("signature") != str(self.signatures[f"{job.src}-{job.tgt}"]):
            return False
        job.output, (findings, flagged) = output, earlier
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

    def _load(self, source: Path, src: str | None, docs: dict[Path, _Loaded]) -> _Loaded:
        """Read, detect and segment a file once (shared by every target)."""
        from aligntext.pipeline.versions import load_version

        if source not in docs:
            try:
                # Sentences are split paragraph by paragraph below, keeping what lies
                # between them, so that the translation can be put back in place.
                loaded = load_version(
                    source,
                    src or None,
                    input_format=self.input_format,
                    name=str(source),
                    segment=False,
                    max_bytes=self.max_input_bytes,
                    detect=lambda doc: _detect(doc, source),
                )
                doc = loaded.document
                assert doc is not None  # a document format, never "lines"
                lang = loaded.lang
                note = loaded.warnings[0] if loaded.warnings else ""
                paras = [split_paragraph(p.text, lang) for p in doc.paragraphs]
                docs[source] = (doc, lang, paras, note)
            except AligntextError as exc:
                # An empty or whitespace-only file is a file with nothing to translate,
                # not a failure: a folder with a blank placeholder must still end with 0.
                blank = _blank(source)
                docs[source] = blank if blank is not None else exc
        return docs[source]

    def _prepare(self, jobs: list[FileJob], src: str | None, docs: dict[Path, _Loaded]) -> None:
        """Load each job's file; record the ones that fail or need no translation."""
        for job in jobs:
            loaded = self._load(job.source, src, docs)
            if isinstance(loaded, bytes):
                self._write_blank(job, loaded, src)
                continue
            if isinstance(loaded, AligntextError):
                job.src = src or ""
                self.record(job, FAILED, message=str(loaded))
                continue
            doc, lang, paras, job.warning = loaded
            job.src = lang
            if lang == job.tgt:
                self.record(job, SKIPPED, message=f"already in {lang}")
                continue
            try:
                job.output = safe_output(self.out_root, job.tgt, job.rel)
            except InputError as exc:
                self.record(job, FAILED, message=str(exc))
                continue
            job.doc, job.paras = doc, paras

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
            self.record(job, DONE, message="no text: written as it is")

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

    def _translate_direction(self, plan: Plan) -> None:
        if not plan.chunks:
            return
        translator = self.translator(plan.src, plan.tgt)
        key = str(self.signatures[f"{plan.src}-{plan.tgt}"])
        todo, order = chunk_order(plan.chunks, plan.pending, plan.batch_of)
        translations: dict[str, str] = {}
        arrived: set[int] = set()
        started = time.perf_counter()

        def flush() -> None:
            # In input order: a batch is dropped after the last chunk that needs it
            # (plan.last_use), which holds only if no later chunk is written first.
            nonlocal started
            while todo and todo[0][2] <= arrived:
                number, jobs, _ = todo.pop(0)
                total = sum(len(job.sentences) for job in jobs)
                elapsed = time.perf_counter() - started
                for job in jobs:
                    job.key = key
                    self.sentences += job.n_sentences
                    self.kept += job.n_sentences - len(job.sentences)
                    share = elapsed * len(job.sentences) / total if total else 0.0
                    self._write(job, translations, share)
                # A batch no later chunk needs is dropped: memory stays that of a few chunks.
                for b in plan.last_use.get(number, ()):
                    for sentence in plan.batches[b]:
                        translations.pop(sentence, None)
                started = time.perf_counter()

        def advance(n: int) -> None:
            self.emit(ProgressEvent("sentences", sentences=n))

        flush()
        batches = [plan.batches[b] for b in order]
        stats = getattr(translator, "stats", None)
        before, base = (stats.misses if stats is not None else 0), self.translated
        for index, outputs in self.engine.translate_batches(translator, batches, advance):
            translations.update(checked(batches[index], outputs))
            if stats is not None:  # the model's work, not the cache's
                self.translated = base + stats.misses - before
            else:
                self.translated += len(batches[index])
            arrived.add(order[index])
            flush()
        self.cached = max(0, self.sentences - self.kept - self.translated)

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


def _detect(doc: Document, path: Path) -> str:
    """The language of a document whose source language was not given."""
    from aligntext.langid import detect_language

    if not doc.text.strip():
        raise InputError(f"{str(path)!r} has no text to translate")
    try:
        return detect_language(doc.text)
    except InputError as exc:
        # The file is named beside the message wherever it is shown.
        raise InputError(f"{exc}; pass --src if the file is in one of {', '.join(CODES)}") from exc
