"""Translate files and folders: the library side of ``aligntext translate``.

:func:`translate_folder` reads every supported file (``.txt .md .docx .html``) under the
inputs, splits paragraphs into sentences, translates the sentences of many files together
(deduplicated, through the segment cache, in fixed batches formed from the whole job, see
:class:`_Plan`), puts the translations back paragraph by paragraph and writes each file
under ``OUT/<tgt>/`` with the input's relative path, format and structure.

The job is resumable. Each output file is written to a temporary file beside it and renamed
into place, so a killed run never leaves a half-written file; ``OUT/manifest.json`` (also
replaced atomically) records every file as soon as it is done, with the hash of its source
and the signature of its direction, so a second run skips finished files and translates the
rest; the batches a killed run had finished come back from the cache, and since the batches
do not depend on what was finished, the outputs are byte for byte those of an unbroken run.
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

Library code only: it never prints; progress goes to an optional callback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from aligntext import __version__
from aligntext.errors import AligntextError, InputError
from aligntext.io.atomic import atomic_write_text, remove_stale_parts
from aligntext.langs import CODES, resolve_lang
from aligntext.translate.base import Translator
from aligntext.translate.cache import CachedTranslator, SegmentCache, default_cache_path
from aligntext.types import Document, Finding, Signature

#: Builds the translator of one direction: ``factory(src, tgt)``.
TranslatorFactory = Callable[[str, str], Translator]

MANIFEST_NAME = "manifest.json"
_LOCK_NAME = ".aligntext-translate.lock"
_MANIFEST_FORMAT = 1

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
    """

    kind: str
    sentences: int = 0
    files: int = 0
    path: str = ""
    status: str = ""
    findings: int = 0


ProgressHook = Callable[[ProgressEvent], None]


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
        sentences: sentences in the files translated by this run.
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


# --- inputs ---------------------------------------------------------------------------------


def supported_suffixes() -> tuple[str, ...]:
    """The file suffixes the folder job reads (those the document readers support)."""
    from aligntext.io.documents import SUPPORTED_SUFFIXES

    return tuple(s.lower() for s in SUPPORTED_SUFFIXES)


def collect_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    tgts: Sequence[str] = (),
    follow_links: bool = False,
    warnings: list[str] | None = None,
) -> list[tuple[Path, PurePosixPath]]:
    """Find the files to translate and the relative path each gets under ``OUT/<tgt>/``.

    A file keeps its name; a folder is searched recursively (hidden files and folders are
    left out) and its files keep their path relative to it. A symlink inside a folder that
    leads out of it (to a file or a folder) is left out with a note in ``warnings``, so
    that a planted ``p.txt -> /etc/passwd`` is never read; ``follow_links`` reads them.

    Raises:
        InputError: an input is missing or of an unsupported format, no supported file was
            found, two inputs map to the same output path, the output folder is inside an
            input folder, or an input is inside (or is) an output folder ``OUT/<tgt>``,
            whose files the job would overwrite.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]  # one path, not a sequence of characters
    if not inputs:
        raise InputError("no input given; name one or more files or folders")
    suffixes = supported_suffixes()
    out_resolved = Path(out_dir).resolve() if out_dir is not None else None
    notes = warnings if warnings is not None else []
    found: list[tuple[Path, PurePosixPath]] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"input {str(raw)!r} does not exist; check the path")
        if out_dir is not None:
            from aligntext.io.atomic import guard_output

            # Writing OUT/<tgt>/x over the input x (or into the input's own folder) would
            # replace the sources by their translations.
            for tgt in tgts:
                guard_output(Path(out_dir) / tgt, [raw])
        if path.is_dir():
            root = path.resolve()
            if out_resolved is not None and (out_resolved == root or root in out_resolved.parents):
                raise InputError(
                    f"output folder {str(out_dir)!r} is inside input folder {str(raw)!r}; "
                    "choose an --out outside it"
                )
            found.extend(
                (p, PurePosixPath(p.relative_to(path).as_posix()))
                for p in _walk(path, suffixes, follow_links, notes)
            )
        else:
            # A file named on the command line is read whatever its name (news.en is text);
            # only a binary one is refused, here rather than after the models load.
            if path.suffix.lower() not in suffixes:
                from aligntext.io.documents import sniff_format

                sniff_format(path)
            found.append((path, PurePosixPath(path.name)))
    if not found:
        names = ", ".join(repr(str(i)) for i in inputs)
        raise InputError(
            f"no {', '.join(suffixes)} files found in {names}; point at files or folders "
            "that contain some"
        )
    result: list[tuple[Path, PurePosixPath]] = []
    seen: dict[str, Path] = {}
    for source, rel in found:
        key = rel.as_posix().lower()  # case-insensitive file systems collide too
        if key in seen:
            if seen[key].resolve() == source.resolve():
                continue  # the same file named twice
            raise InputError(
                f"{str(seen[key])!r} and {str(source)!r} would both be written to "
                f"{rel.as_posix()!r}; translate them in separate runs or into separate --out"
            )
        seen[key] = source
        result.append((source, rel))
    return result


def _walk(
    folder: Path, suffixes: tuple[str, ...], follow_links: bool, notes: list[str]
) -> Iterator[Path]:
    root = folder.resolve()
    visited: set[Path] = {root}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=follow_links):
        here = Path(dirpath)
        # Hidden folders (.git, .venv) are not documents; sorted for a stable order.
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if not follow_links:
                if (here / d).is_symlink():
                    real = (here / d).resolve()
                    if root not in real.parents:
                        notes.append(_link_note(here / d, real, "folder"))
                    continue  # inside the tree, its files are reached the direct way
            else:
                real = (here / d).resolve()
                if real in visited:
                    continue  # a link loop, or a folder already read
                visited.add(real)
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            # ~$x.docx and .~lock files are office lock files, not documents.
            if name.startswith((".", "~$")):
                continue
            if Path(name).suffix.lower() not in suffixes:
                continue
            path = here / name
            if not follow_links and path.is_symlink():
                real = path.resolve()
                if root not in real.parents:
                    notes.append(_link_note(path, real, "file"))
                    continue
            yield path


def _link_note(link: Path, real: Path, what: str) -> str:
    return (
        f"skipped {str(link)!r}: a symlinked {what} that leads out of the input folder (to "
        f"{str(real)!r}); pass --follow-links to read it"
    )


def _safe_output(out_root: Path, tgt: str, rel: PurePosixPath) -> Path:
    """``OUT/<tgt>/<rel>``, refusing any path that would land outside ``OUT/<tgt>``."""
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise InputError(f"refusing output path {rel.as_posix()!r}: it leaves the output folder")
    base = (out_root / tgt).resolve()
    if base.parent != out_root.resolve():
        raise InputError(
            f"refusing to write into {str(out_root / tgt)!r}: it is a symlink out of the "
            "output folder; remove the link or choose another --out"
        )
    target = out_root / tgt / Path(*rel.parts)
    # Resolve the folder (a symlinked sub-folder could point anywhere), not the file: a
    # symlink at the file's place is replaced by the rename, never written through.
    parent = target.parent.resolve()
    if parent != base and base not in parent.parents:
        raise InputError(
            f"refusing to write {str(target)!r}: it resolves outside the output folder "
            f"{str(base)!r} (a symlink?); remove the link or choose another --out"
        )
    return parent / target.name


# --- sentences --------------------------------------------------------------------------------


@dataclass
class _Para:
    """A paragraph as sentences plus the text between them, so it can be put back."""

    glue: list[str]  # len(sentences) + 1: before the first, between each, after the last
    originals: list[str]  # the sentences as written
    sentences: list[str]  # the same with runs of whitespace squashed: what is translated
    translate: list[bool]  # False: copied as is (no letters: numbers, bullets, rules)


@dataclass
class _Job:
    """One input file in one direction."""

    source: Path
    rel: PurePosixPath
    tgt: str
    digest: str
    src: str = ""
    doc: Document | None = None
    paras: list[_Para] = field(default_factory=list)
    output: Path | None = None
    key: str = ""
    warning: str = ""

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paras for s, t in zip(p.sentences, p.translate, strict=True) if t]

    @property
    def n_sentences(self) -> int:
        return sum(len(p.sentences) for p in self.paras)


def _split_paragraph(text: str, lang: str) -> _Para:
    from aligntext.segment import split_sentence_spans

    spans = split_sentence_spans(text, lang)
    glue: list[str] = []
    cursor = 0
    for start, end in spans:
        glue.append(text[cursor:start])
        cursor = end
    glue.append(text[cursor:])
    originals = [text[a:b] for a, b in spans]
    # A sentence wrapped over two lines is one line to the model.
    sentences = [" ".join(o.split()) for o in originals]
    # A sentence without a letter ("12.", "* * *", "2024") is kept: MT would only garble it.
    mask = [any(ch.isalpha() for ch in o) for o in originals]
    return _Para(glue, originals, sentences, mask)


def _join(para: _Para, translations: Mapping[str, str]) -> str:
    parts = [para.glue[0]]
    for original, sentence, do, glue in zip(
        para.originals, para.sentences, para.translate, para.glue[1:], strict=True
    ):
        parts.append(translations[sentence] if do else original)
        parts.append(glue)
    return "".join(parts)


#: A file read, its language detected and its paragraphs split (or why it could not be):
#: ``(document, language, paragraphs, warning)``.
_Loaded = tuple[Document, str, list[_Para], str] | AligntextError


# --- manifest -------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Manifest:
    """``OUT/manifest.json``: kept in memory, replaced atomically after every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = None  # unreadable: start afresh, the outputs get redone
            if isinstance(loaded, dict) and isinstance(loaded.get("files"), dict):
                self.data = loaded
        self.data.setdefault("files", {})
        self.data.setdefault("created", _now())

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.data["files"]

    def save(self) -> None:
        self.data["updated"] = _now()
        atomic_write_text(self.path, json.dumps(self.data, ensure_ascii=False, indent=2) + "\n")


@contextlib.contextmanager
def _locked(out_root: Path) -> Iterator[None]:
    """One run per output folder: a second one would interleave the manifest.

    The lock file is opened without following a symlink (a planted link must not make us
    create a file elsewhere) and removed when the run ends. Removing it is safe because a
    run that locked a file which was removed meanwhile sees that the name now points at
    another inode (or none) and locks again.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; run one job per folder
        yield
        return
    path = out_root / _LOCK_NAME
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError(
                    f"the lock file {str(path)!r} is a symlink; refusing to follow it: "
                    "remove it and run again"
                ) from None
            raise InputError(f"cannot create the lock file {str(path)!r}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise InputError(
                f"another 'aligntext translate' is writing to {str(out_root)!r}; wait for it "
                "to finish or choose another --out"
            ) from exc
        try:
            same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the run we waited for removed the file: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


# --- the job ----------------------------------------------------------------------------------


def translate_folder(
    inputs: Sequence[str | os.PathLike[str]],
    src: str | None,
    tgts: Sequence[str],
    out_dir: str | os.PathLike[str],
    *,
    translator_factory: TranslatorFactory | None = None,
    model: str | Mapping[str, str] | None = None,
    backend: str = "auto",
    device: str = "auto",
    beam_size: int | None = None,
    batch_tokens: int | None = None,
    translator_options: Mapping[str, Any] | None = None,
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
    fallback_model: str | None = None,
) -> TranslateRun:
    """Translate files and folders into one or more languages, mirroring them under ``out_dir``.

    Args:
        inputs: files and folders (searched recursively for ``.txt .md .docx .html``).
        src: the source language, or ``None`` to detect it per file.
        tgts: target languages; each gets ``out_dir/<tgt>/``.
        out_dir: the output folder; ``manifest.json`` is written there.
        translator_factory: builds the translator of a direction, ``factory(src, tgt)``;
            by default :func:`aligntext.translate.load_translator` with the options below.
        model: a hub id or local folder for every direction, or a mapping from target
            language (or ``src-tgt``) to one.
        backend: ``auto``, ``hf`` or ``ct2``.
        device: ``auto``, ``cpu`` or ``cuda``.
        beam_size: beam width (``None``: the backend's default; 1 is greedy).
        batch_tokens: the backend's token budget per batch (``None``: its default).
        translator_options: more keyword arguments for ``load_translator``.
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
            cache and resumed (see :class:`_Plan`): small enough that an interruption
            loses seconds of work, large enough for the backend to fill its batches.
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
            findings (implies ``check``). The second translations bypass the cache.
        retry_factory: builds the second translator of a direction; by default the same
            model (or ``fallback_model``) with a wider beam (8, or twice ``beam_size``).
        fallback_model: a hub id or local folder for the second translator.

    Returns:
        A :class:`TranslateRun` with one :class:`FileResult` per file and target.

    Raises:
        InputError: bad inputs, languages or options (see :func:`collect_inputs`).
        UnsupportedLanguageError: a language outside en, az, ru, tr.
        ModelNotFoundError: a direction's model is neither local nor reachable.
        KeyboardInterrupt: passed on after the manifest records what was finished.
    """
    started = time.perf_counter()
    src = resolve_lang(src) if src else None
    targets = list(dict.fromkeys(resolve_lang(t) for t in tgts))
    if not targets:
        raise InputError(f"no target language given; pass --tgt with one of {', '.join(CODES)}")
    if src is not None and src in targets:
        raise InputError(f"source and target language are both {src!r}; choose a different --tgt")
    if chunk_sentences < 1 or (batch_sentences is not None and batch_sentences < 1):
        raise InputError(
            f"chunk_sentences and batch_sentences must be at least 1, got {chunk_sentences} "
            f"and {batch_sentences}"
        )
    from aligntext.io.encoding import input_limit, max_input_bytes

    limit = max_input_bytes(max_input_mb)
    out_root = Path(out_dir)
    if out_root.exists() and not out_root.is_dir():
        raise InputError(f"output {str(out_dir)!r} is a file; --out needs a folder")
    notes: list[str] = []
    files = collect_inputs(
        inputs, out_root, tgts=targets, follow_links=follow_links, warnings=notes
    )
    out_root.mkdir(parents=True, exist_ok=True)
    out_root = out_root.resolve()

    factory = translator_factory or _default_factory(
        model, backend, device, beam_size, batch_tokens, translator_options or {}
    )
    retry: TranslatorFactory | None = None
    if retry_failed:
        check = True
        retry = retry_factory or _default_factory(
            fallback_model or model,
            backend,
            device,
            # A fallback model is a second opinion at the user's beam; the same model gets a
            # wider beam, which is what pulls greedy or narrow decoding out of loops.
            beam_size if fallback_model else max(8, 2 * (beam_size or 4)),
            batch_tokens,
            translator_options or {},
        )
    with _locked(out_root):
        # Only the run holding the lock may clean up what a killed run left, and only it
        # may create the cache file: a refused run leaves no trace.
        _remove_leftovers(out_root, targets)
        segment_cache = _open_cache(cache)
        runner = _Runner(
            out_root, factory, segment_cache, progress, check, chunk_sentences,
            batch_sentences, limit, input_format,
        )  # fmt: skip
        runner.retry_factory = retry
        try:
            # The cap holds for every read of the run, the writers' re-reads included.
            with input_limit(max_input_mb):
                result = runner.run(files, src, targets, force, started)
        finally:
            if segment_cache is not None and segment_cache is not cache:
                segment_cache.close()
    return dataclasses.replace(result, warnings=tuple(notes))


def _remove_leftovers(out_root: Path, targets: Sequence[str]) -> None:
    """Remove the temporary files of writes a ``kill -9`` cut short."""
    remove_stale_parts(out_root, recursive=False)
    for tgt in targets:
        folder = out_root / tgt
        if folder.is_dir() and not folder.is_symlink():
            remove_stale_parts(folder)


def _default_factory(
    model: str | Mapping[str, str] | None,
    backend: str,
    device: str,
    beam_size: int | None,
    batch_tokens: int | None,
    options: Mapping[str, Any],
) -> TranslatorFactory:
    def factory(src: str, tgt: str) -> Translator:
        from aligntext.translate import load_translator

        kwargs: dict[str, Any] = dict(options)
        if beam_size is not None:
            kwargs["beam_size"] = beam_size
        if batch_tokens is not None:
            kwargs["max_batch_tokens"] = batch_tokens
        chosen = model.get(f"{src}-{tgt}", model.get(tgt)) if isinstance(model, Mapping) else model
        return load_translator(src, tgt, model=chosen, backend=backend, device=device, **kwargs)

    return factory


def _open_cache(cache: SegmentCache | str | os.PathLike[str] | bool) -> SegmentCache | None:
    if cache is False or cache is None:
        return None
    if isinstance(cache, SegmentCache):
        return cache
    if cache is True:
        return SegmentCache(default_cache_path())
    return SegmentCache(cache)


class _Runner:
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
    ) -> None:
        self.input_format = input_format
        self.out_root = out_root
        self.batch_sentences = batch_sentences
        self.max_input_bytes = max_input_bytes
        self.factory = factory
        self.cache = cache
        self.progress = progress
        self.check = check
        self.chunk_sentences = chunk_sentences
        self.manifest = _Manifest(out_root / MANIFEST_NAME)
        self.translators: dict[tuple[str, str], Translator] = {}
        self.signatures: dict[str, Signature] = {}
        self.results: dict[str, FileResult] = {}
        self.retry_factory: TranslatorFactory | None = None
        self.retry_translators: dict[tuple[str, str], Translator] = {}
        self.translated = 0
        self.cached = 0
        self.sentences = 0

    # Translators are built on first need: a run whose files are all done loads no model.
    def translator(self, src: str, tgt: str) -> Translator:
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
        if self.progress is not None:
            self.progress(event)

    def record(self, job: _Job, status: str, *, save: bool = True, **extra: Any) -> None:
        """Keep a file's result and write it to the manifest at once."""
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
            flagged=tuple(extra.get("flagged", ())),
            retried=extra.get("retried", 0),
            improved=extra.get("improved", 0),
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
            entry["finished"] = _now()
        if result.message:
            entry["message"] = result.message
        if result.warning:
            entry["warning"] = result.warning
        if self.check and status == DONE:
            entry["findings"] = [_finding_dict(f) for f in result.findings]
            entry["flagged"] = len({f.pair for f in result.findings})
            entry["finding_types"] = _count_types(result.findings)
            if self.retry_factory is not None:
                entry["retried"], entry["improved"] = result.retried, result.improved
        self.manifest.files[relpath] = entry
        if save:
            self.manifest.save()
        if status != PENDING:
            self.emit(ProgressEvent("file", path=relpath, status=status))

    def run(
        self,
        files: list[tuple[Path, PurePosixPath]],
        src: str | None,
        targets: list[str],
        force: bool,
        started: float,
    ) -> TranslateRun:
        self.manifest.data.update(
            {
                "tool": "aligntext translate",
                "format": _MANIFEST_FORMAT,
                "aligntext_version": __version__,
                "state": "running",
                "src": src,
                "tgts": targets,
                "cache": str(self.cache.path) if self.cache is not None else None,
            }
        )
        self._drop_stale_entries()
        order: list[str] = []
        todo: list[_Job] = []
        done_before: list[_Job] = []
        docs: dict[Path, _Loaded] = {}
        for source, rel in files:
            try:
                digest = _sha256(source)
            except OSError as exc:
                digest, error = "", InputError(f"cannot read {str(source)!r}: {exc.strerror}")
                docs[source] = error
            for tgt in targets:
                job = _Job(source, rel, tgt, digest)
                order.append(f"{tgt}/{rel.as_posix()}")
                if self._already_done(job, src, force):
                    done_before.append(job)
                    continue
                todo.append(job)
        self.manifest.save()

        try:
            self._prepare(todo, src, docs)
            ready = [j for j in todo if j.doc is not None]
            # Files an earlier run finished still shape the batches (see _plan), so a
            # resumed job translates every sentence in the same company as an unbroken one.
            for job in done_before:
                loaded = self._load(job.source, job.src, docs)
                if not isinstance(loaded, AligntextError):
                    job.doc, job.paras = loaded[0], loaded[2]
            everything = [j for j in (*done_before, *ready) if j.doc is not None]
            position = {id(j): i for i, j in enumerate(self._in_input_order(everything, order))}
            everything.sort(key=lambda j: position[id(j)])
            pending = {id(j) for j in ready}
            # One direction at a time, its model released after it: one model in memory.
            directions = list(dict.fromkeys((j.src, j.tgt) for j in ready))
            plans = {
                d: _plan([j for j in everything if (j.src, j.tgt) == d], pending, self)
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
            found = [f for r in self.results.values() for f in r.findings]
            self.manifest.data["totals"]["finding_types"] = _count_types(found)
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
    def _in_input_order(jobs: list[_Job], order: list[str]) -> list[_Job]:
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

    def _already_done(self, job: _Job, src: str | None, force: bool) -> bool:
        """Whether an earlier run finished this file with the same source and settings."""
        relpath = f"{job.tgt}/{job.rel.as_posix()}"
        entry = self.manifest.files.get(relpath)
        if force or not job.digest or not isinstance(entry, dict):
            return False
        if entry.get("status") != DONE or entry.get("sha256") != job.digest:
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
        job.output = output
        self.record(
            job,
            SKIPPED,
            message="done by an earlier run",
            keep_entry=True,
            sentences=int(entry.get("sentences", 0)),
        )
        return True

    def _load(self, source: Path, src: str | None, docs: dict[Path, _Loaded]) -> _Loaded:
        """Read, detect and segment a file once (shared by every target)."""
        from aligntext.io.documents import read_document
        from aligntext.langid import verify_language

        if source not in docs:
            try:
                doc = read_document(source, fmt=self.input_format, max_bytes=self.max_input_bytes)
                note = ""
                if not src:
                    lang = _detect(doc, source)
                else:
                    lang = src
                    note = verify_language(doc.text, src, name=str(source)) or ""
                paras = [_split_paragraph(p.text, lang) for p in doc.paragraphs]
                docs[source] = (doc, lang, paras, note)
            except AligntextError as exc:
                docs[source] = exc
        return docs[source]

    def _prepare(self, jobs: list[_Job], src: str | None, docs: dict[Path, _Loaded]) -> None:
        """Load each job's file; record the ones that fail or need no translation."""
        for job in jobs:
            loaded = self._load(job.source, src, docs)
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
                job.output = _safe_output(self.out_root, job.tgt, job.rel)
            except InputError as exc:
                self.record(job, FAILED, message=str(exc))
                continue
            job.doc, job.paras = doc, paras

    def _translate_direction(self, plan: _Plan) -> None:
        if not plan.chunks:
            return
        translator = self.translator(plan.src, plan.tgt)
        key = str(self.signatures[f"{plan.src}-{plan.tgt}"])
        translations: dict[str, str] = {}
        done: set[int] = set()
        for number, chunk in enumerate(plan.chunks):
            jobs = [j for j in chunk if id(j) in plan.pending]
            if not jobs:
                continue
            started = time.perf_counter()
            for b in sorted({plan.batch_of[s] for job in jobs for s in job.sentences}):
                if b not in done:
                    translations.update(self._translate_batch(translator, plan.batches[b]))
                    done.add(b)
            total = sum(len(job.sentences) for job in jobs)
            elapsed = time.perf_counter() - started
            for job in jobs:
                job.key = key
                self.sentences += len(job.sentences)
                share = elapsed * len(job.sentences) / total if total else 0.0
                self._write(job, translations, share)
            # A batch no later chunk needs is dropped: memory stays that of a few chunks.
            for b in plan.last_use.get(number, ()):
                for sentence in plan.batches[b]:
                    translations.pop(sentence, None)
        self.cached = max(0, self.sentences - self.translated)

    def _translate_batch(self, translator: Translator, batch: list[str]) -> dict[str, str]:
        """Translate one batch whole: the unit of work, of caching and of resuming."""
        stats = getattr(translator, "stats", None)
        misses_before = stats.misses if stats is not None else 0

        def advance(n: int) -> None:
            self.emit(ProgressEvent("sentences", sentences=n))

        outputs = translator.translate(batch, progress=advance)
        if len(outputs) != len(batch):
            raise RuntimeError(
                f"translator returned {len(outputs)} sentences for {len(batch)}; "
                "this is a bug in the backend"
            )
        self.translated += (stats.misses - misses_before) if stats is not None else len(batch)
        return dict(zip(batch, outputs, strict=True))

    def _write(self, job: _Job, translations: Mapping[str, str], seconds: float) -> None:
        from aligntext.io.documents import write_document

        assert job.doc is not None and job.output is not None  # set by _prepare
        retried = improved = 0
        if self.retry_factory is not None:
            translations, retried, improved = self._retry(job, translations)
        texts = [_join(p, translations) for p in job.paras]
        findings: list[Finding] = []
        flagged: list[tuple[int, str, str]] = []
        if self.check:
            findings, flagged = _check(job, translations)
            self.emit(
                ProgressEvent(
                    "findings",
                    path=f"{job.tgt}/{job.rel.as_posix()}",
                    findings=len(flagged),
                )
            )
        job.output.parent.mkdir(parents=True, exist_ok=True)
        # write_document writes a temporary file beside the output and renames it: a
        # reader (or a resumed run) sees the old file or the whole new one, never half.
        try:
            write_document(job.doc, texts, job.output, lang=job.tgt)
        except AligntextError as exc:
            self.record(job, FAILED, message=str(exc), seconds=seconds)
            return
        self.record(
            job,
            DONE,
            seconds=seconds,
            findings=findings,
            flagged=flagged,
            retried=retried,
            improved=improved,
        )

    def _retry(
        self, job: _Job, translations: Mapping[str, str]
    ) -> tuple[Mapping[str, str], int, int]:
        """The job's translations with its failed sentences translated again (see
        :func:`aligntext.qa.run.retry_failed`), and how many were retried and replaced."""
        from aligntext.qa.run import retry_failed

        assert self.retry_factory is not None
        key = (job.src, job.tgt)

        def translate(sentences: list[str]) -> list[str]:
            if key not in self.retry_translators:
                assert self.retry_factory is not None
                self.retry_translators[key] = self.retry_factory(*key)
            return self.retry_translators[key].translate(sentences)

        mine = {s: translations[s] for s in dict.fromkeys(job.sentences)}
        done = retry_failed(mine, job.src, job.tgt, translate)
        better = {s: kept for s, (first, kept) in done.items() if kept != first}
        if not better:
            return translations, len(done), 0
        return {**translations, **better}, len(done), len(better)


@dataclass
class _Plan:
    """One direction's job cut into chunks of files and deterministic batches of sentences.

    Chunks are consecutive files (every file of the direction, finished or not, in input
    order) of about ``chunk_sentences`` sentences; a chunk's sentences not in an earlier
    chunk are sorted by length and text and cut into batches of ``batch_sentences``. The
    plan depends only on the inputs, never on what an earlier run finished, so a batch
    holds the same sentences however often the job was interrupted: the backend sees the
    same company for every sentence and gives the same output.
    """

    src: str
    tgt: str
    chunks: list[list[_Job]]
    batches: list[list[str]]
    batch_of: dict[str, int]
    pending: set[int]
    last_use: dict[int, list[int]]  # chunk number -> batches no later chunk needs
    work: int  # sentences the model will be sent (not cached), for the progress bar


def _plan(jobs: list[_Job], pending: set[int], runner: _Runner) -> _Plan:
    chunks: list[list[_Job]] = []
    current: list[_Job] = []
    size = 0
    for job in jobs:
        current.append(job)
        size += len(job.sentences)
        if size >= runner.chunk_sentences:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    src, tgt = (jobs[0].src, jobs[0].tgt) if jobs else ("", "")
    translator = runner.translator(src, tgt)
    size = runner.batch_sentences or _batch_size(translator)
    batches: list[list[str]] = []
    batch_of: dict[str, int] = {}
    for chunk in chunks:
        new = {s for job in chunk for s in job.sentences if s not in batch_of}
        ordered = sorted(new, key=lambda s: (len(s), s))
        for start in range(0, len(ordered), size):
            batch = ordered[start : start + size]
            for sentence in batch:
                batch_of[sentence] = len(batches)
            batches.append(batch)
    needed_by: dict[int, int] = {}
    for number, chunk in enumerate(chunks):
        for job in chunk:
            if id(job) in pending:
                for sentence in job.sentences:
                    needed_by[batch_of[sentence]] = number
    last_use: dict[int, list[int]] = {}
    for b, number in needed_by.items():
        last_use.setdefault(number, []).append(b)
    needed = sorted(needed_by)
    work = 0
    if needed:
        sentences = [s for b in needed for s in batches[b]]
        missing = getattr(translator, "missing", None)
        work = len(missing(sentences)) if callable(missing) else len(sentences)
    return _Plan(src, tgt, chunks, batches, batch_of, pending, last_use, work)


def _detect(doc: Document, path: Path) -> str:
    """The language of a document whose source language was not given."""
    from aligntext.langid import detect_language

    if not doc.text.strip():
        raise InputError(f"{str(path)!r} has no text to translate")
    try:
        return detect_language(doc.text)
    except InputError as exc:
        raise InputError(
            f"{path}: {exc}; pass --src if the file is in one of {', '.join(CODES)}"
        ) from exc


def _check(
    job: _Job, translations: Mapping[str, str]
) -> tuple[list[Finding], list[tuple[int, str, str]]]:
    """Suspect sentence pairs of a file: the checker's and the MT QA's warnings and errors
    (not the notes), and ``(index, source, translation)`` of each sentence with any."""
    from aligntext.qa.run import check_sentence

    findings: list[Finding] = []
    flagged: list[tuple[int, str, str]] = []
    index = 0
    for para in job.paras:
        for sentence, do in zip(para.sentences, para.translate, strict=True):
            if do:
                found = check_sentence(
                    sentence, translations[sentence], job.src, job.tgt, pair=index
                )
                findings.extend(found)
                if found:
                    flagged.append((index, sentence, translations[sentence]))
            index += 1
    return findings, flagged


def _count_types(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings per type, most frequent first."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.type] = counts.get(f.type, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        # 1-based, as stderr says it ("sentence 8"); docs/cli.md: numbers are 1-based,
        # fields named *index* 0-based.
        "sentence": finding.pair + 1,
        "type": finding.type,
        "severity": finding.severity,
        "message": finding.message,
        "source": " / ".join(s.text for s in finding.src_spans),
        "target": " / ".join(s.text for s in finding.tgt_spans),
    }


def _batch_size(translator: Translator) -> int:
    """Sentences per batch for a backend: its token budget at about 20 tokens a sentence.

    It depends only on the translator's settings, never on the run, so batches stay the
    same across interruptions; 64 to 512 keeps a batch to seconds of work on a CPU while a
    GPU still gets full batches.
    """
    inner = getattr(translator, "inner", translator)
    budget = getattr(inner, "batch_budget", None)
    if not callable(budget):
        return 64
    return min(512, max(64, int(budget()) // 20))
