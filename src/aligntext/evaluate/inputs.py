"""Reading what is evaluated: line-aligned files (read exactly as the ``sacrebleu`` command
line reads them), documents segmented and aligned first, and folders matched by relative
path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligntext.errors import InputError
from aligntext.evaluate.metrics import _check_lengths
from aligntext.evaluate.results import FilePair, FolderMatch, PathLike
from aligntext.io.encoding import decode_bytes

#: Input formats: ``lines`` (one segment per line) or ``doc`` (segment and align first).
INPUT_FORMATS: tuple[str, ...] = ("lines", "doc", "txt", "md", "docx", "html")


def read_lines(path: PathLike) -> list[str]:
    """Read a line-aligned file exactly as the ``sacrebleu`` command line reads it.

    Lines are split on ``\\n`` only and trailing whitespace (including ``\\r``) is stripped
    from each; a UTF-8 byte-order mark is dropped. A file that is not UTF-8 (cp1251,
    koi8-r, cp1254, UTF-16), which sacrebleu would refuse, is decoded with aligntext's
    encoding detection instead.

    Raises:
        InputError: the file is missing, a folder, binary, undecodable or has no text.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"file not found: {str(p)!r}; check the path")
    if p.is_dir():
        raise InputError(f"{str(p)!r} is a folder; give a file, or folders for both sides")
    data = p.read_bytes()
    try:
        text = data.decode("utf-8")  # sacrebleu's own reading, so the scores are identical
    except UnicodeDecodeError:
        text = ""
    if data and (not text or "\x00" in text):
        # A legacy code page (cp1251, koi8-r, cp1254) or UTF-16, which sacrebleu cannot read
        # at all: decode it as every other aligntext reader does.
        try:
            text, _ = decode_bytes(data, p)
        except InputError as exc:
            if b"\x00" not in data[:8192]:
                raise
            raise InputError(
                f"{str(p)!r} is not a text file; for .docx and other documents use "
                "--input-format doc (input_format='doc')"
            ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{str(p)!r} is empty; give a file with one segment per line")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line.rstrip() for line in lines]


def _list_files(folder: Path) -> dict[str, Path]:
    """Regular files under ``folder`` by POSIX relative path; hidden files are skipped."""
    found: dict[str, Path] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        found[rel.as_posix()] = p
    return found


def match_folders(hypothesis: PathLike, references: Sequence[PathLike]) -> FolderMatch:
    """Match the files of a hypothesis folder to reference folders by relative path.

    Args:
        hypothesis: the folder of translations.
        references: one or more folders of references; each must hold the same files.

    Returns:
        The matched pairs plus the reference files with no hypothesis (``missing``) and the
        hypothesis files with no reference (``extra``).

    Raises:
        InputError: a folder is missing or empty, or the reference folders hold different
            files.
    """
    hyp_dir = Path(hypothesis)
    if not hyp_dir.is_dir():
        raise InputError(f"hypothesis folder not found: {str(hyp_dir)!r}")
    if not references:
        raise InputError("no reference given; give at least one reference folder")
    ref_dirs = [Path(r) for r in references]
    for r in ref_dirs:
        if not r.is_dir():
            raise InputError(
                f"reference {str(r)!r} is not a folder; a hypothesis folder needs reference folders"
            )
    ref_files = [_list_files(r) for r in ref_dirs]
    if not ref_files[0]:
        raise InputError(f"reference folder {str(ref_dirs[0])!r} has no files")
    for r, files in zip(ref_dirs[1:], ref_files[1:], strict=True):
        if set(files) != set(ref_files[0]):
            diff = sorted(set(files) ^ set(ref_files[0]))
            raise InputError(
                f"reference folders {str(ref_dirs[0])!r} and {str(r)!r} hold different files "
                f"({', '.join(diff[:5])}); every reference folder must hold the same files"
            )
    hyp_files = _list_files(hyp_dir)
    names = sorted(ref_files[0])
    pairs = tuple(
        FilePair(n, str(hyp_files[n]), tuple(str(f[n]) for f in ref_files))
        for n in names
        if n in hyp_files
    )
    missing = tuple(n for n in names if n not in hyp_files)
    extra = tuple(sorted(n for n in hyp_files if n not in ref_files[0]))
    return FolderMatch(pairs=pairs, missing=missing, extra=extra)


def _pairs_for(hypothesis: PathLike, references: Sequence[PathLike]) -> FolderMatch:
    """Files to evaluate: one pair for files, matched pairs for folders."""
    hyp = Path(hypothesis)
    if not references:
        raise InputError("no reference given; give at least one reference (--ref)")
    if hyp.is_dir():
        return match_folders(hyp, references)
    for r in references:
        if Path(r).is_dir():
            raise InputError(
                f"reference {str(r)!r} is a folder but hypothesis {str(hyp)!r} is not; give "
                "files on both sides or folders on both sides"
            )
    if not hyp.exists():
        raise InputError(f"hypothesis file not found: {str(hyp)!r}; check the path")
    for r in references:
        if not Path(r).exists():
            raise InputError(f"reference file not found: {str(r)!r}; check the path")
    return FolderMatch(pairs=(FilePair(hyp.name, str(hyp), tuple(str(r) for r in references)),))


def _doc_segments(
    pair: FilePair, lang: str, fmt: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """Segment a hypothesis document and its reference, align them, join each bead.

    ``fmt`` is the documents' format (``txt``, ``md``, ``docx``, ``html``); ``None`` reads
    each by its name, or its content when the name says nothing.
    """
    if len(pair.references) != 1:
        raise InputError(
            "document mode takes one reference per hypothesis; with several references give "
            "line-aligned files (--input-format lines)"
        )
    try:
        from aligntext.align import align
        from aligntext.io.documents import read_document
        from aligntext.segment import segment_document
    except ImportError as exc:
        raise InputError(
            f"document mode needs aligntext's reader, segmenter and aligner ({exc}); "
            "give line-aligned files (--input-format lines)"
        ) from exc
    hyp_segs = list(segment_document(read_document(pair.hypothesis, fmt=fmt), lang))
    ref_segs = list(segment_document(read_document(pair.references[0], fmt=fmt), lang))
    if not ref_segs:
        raise InputError(f"{pair.references[0]!r} is empty; give a document with text")
    if not hyp_segs:
        raise InputError(f"{pair.hypothesis!r} is empty; give a document with text")
    alignment = align(ref_segs, hyp_segs, src_lang=lang, tgt_lang=lang)
    hyps: list[str] = []
    refs: list[str] = []
    for bead in alignment:
        refs.append(" ".join(ref_segs[i].text for i in bead.src))
        hyps.append(" ".join(hyp_segs[i].text for i in bead.tgt))
    return hyps, [refs]


def _guess_lang(lines: Sequence[str]) -> str:
    """The target language from the reference text, among en, az, ru and tr."""
    from aligntext.langid import detect_language

    return detect_language("\n".join(lines[:200]))


def _load(
    pair: FilePair, input_format: str, lang: str | None
) -> tuple[list[str], list[list[str]], str | None]:
    if input_format == "lines":
        hyps = read_lines(pair.hypothesis)
        refs = [read_lines(r) for r in pair.references]
        _check_lengths(
            hyps,
            refs,
            hyp_name=pair.hypothesis,
            ref_names=list(pair.references),
        )
        return hyps, refs, lang
    fmt = None if input_format == "doc" else input_format
    if lang is None:
        from aligntext.io.documents import read_document

        lang = _guess_lang([read_document(pair.references[0], fmt=fmt).text])
    hyps, refs = _doc_segments(pair, lang, fmt)
    return hyps, refs, lang
