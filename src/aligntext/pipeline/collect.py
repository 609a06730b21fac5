"""Which files the translate job reads and where each one's translation goes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from aligntext.arguments import as_items
from aligntext.errors import InputError
from aligntext.io.walk import walk_files


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
    unreadable: list[tuple[Path, PurePosixPath, str]] | None = None,
) -> list[tuple[Path, PurePosixPath]]:
    """Find the files to translate and the relative path each gets under ``OUT/<tgt>/``.

    A file keeps its name; a folder is searched recursively (hidden files and folders are
    left out) and its files keep their path relative to it. A symlink inside a folder that
    leads out of it (to a file or a folder) is left out with a note in ``warnings``, so
    that a planted ``p.txt -> /etc/passwd`` is never read; ``follow_links`` reads them.

    Raises:
        InputError: an input is missing or of an unsupported format, no supported file was
            found, two inputs map to the same output path, the output folder is inside an
            input folder, an input is inside (or is) an output folder ``OUT/<tgt>``,
            whose files the job would overwrite, or a folder cannot be listed and
            ``unreadable`` is ``None``.
    """
    inputs = as_items(inputs, "inputs", "files and folders", one=True)
    if not inputs:
        raise InputError("no input given; name one or more files or folders")
    suffixes = supported_suffixes()
    out_resolved = Path(out_dir).resolve() if out_dir is not None else None
    notes = warnings if warnings is not None else []
    found: list[tuple[Path, PurePosixPath]] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            if str(raw) == "-":
                # Other commands read '-' as stdin; a translation job needs files to name its
                # outputs after and to resume by.
                raise InputError(
                    "translate reads files and folders, not stdin ('-'); save the text to a "
                    "file and give its path"
                )
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
            failed: list[tuple[Path, str]] = []
            found.extend(
                (p, PurePosixPath(p.relative_to(path).as_posix()))
                for p in walk_files(
                    path,
                    suffixes,
                    follow_links=follow_links,
                    notes=notes,
                    unreadable=failed if unreadable is not None else None,
                )
            )
            for folder, reason in failed:
                where = folder.relative_to(path).as_posix() if folder != path else path.name
                if unreadable is not None:
                    unreadable.append((folder, PurePosixPath(where), reason))
        else:
            if not path.is_file():
                # A job reads each file twice (its digest, then its text) and may resume: a
                # pipe would block on the second read.
                raise InputError(
                    f"input {str(raw)!r} is a pipe or a device, not a file; save the text to "
                    "a file and translate that"
                )
            # A file named on the command line is read whatever its name (news.en is text);
            # only a binary one is refused, here rather than after the models load.
            if path.suffix.lower() not in suffixes:
                from aligntext.io.documents import sniff_format

                sniff_format(path)
            found.append((path, PurePosixPath(path.name)))
    if not found and not unreadable:
        names = ", ".join(repr(str(i)) for i in inputs)
        raise InputError(
            f"no {', '.join(suffixes)} files found in {names}; point at files or folders "
            "that contain some"
        )
    result: list[tuple[Path, PurePosixPath]] = []
    seen: dict[str, tuple[Path, PurePosixPath]] = {}
    # Report.txt and report.txt are two outputs, unless the output folder ignores case.
    # Probed only when two names differ in case alone: the probe writes a file.
    relpaths = {rel.as_posix() for _, rel in found}
    twins = len({r.lower() for r in relpaths}) < len(relpaths)
    fold = twins and out_dir is not None and ignores_case(Path(out_dir), tgts)
    for source, rel in found:
        key = rel.as_posix().lower() if fold else rel.as_posix()
        if key in seen:
            first, first_rel = seen[key]
            if first.resolve() == source.resolve():
                continue  # the same file named twice
            if first_rel != rel:
                raise InputError(
                    f"{str(first)!r} and {str(source)!r} differ only in case and the "
                    f"file system of {str(out_dir)!r} ignores case, so they would be one "
                    "output; rename one, or translate them into separate --out"
                )
            raise InputError(
                f"{str(first)!r} and {str(source)!r} would both be written to "
                f"{rel.as_posix()!r}; translate them in separate runs or into separate --out"
            )
        seen[key] = (source, rel)
        result.append((source, rel))
    return result


def ignores_case(out_dir: Path, tgts: Sequence[str] = ()) -> bool:
    """Whether the file system that will hold ``out_dir/<tgt>`` ignores the case of names.

    Probed with a temporary file in the nearest folder that exists (``out_dir/<tgt>``,
    ``out_dir`` or a parent); where no file can be made there, by the platform (macOS and
    Windows ignore case by default).
    """
    import sys
    import tempfile

    candidates = [out_dir / t for t in tgts[:1]] + [out_dir, *out_dir.absolute().parents]
    folder = next((c for c in candidates if c.is_dir()), None)
    try:
        if folder is None:
            raise OSError("no folder to probe")
        # mkstemp's names are lower case: the upper-case twin exists only if case is ignored.
        fd, name = tempfile.mkstemp(prefix=".aligntext-case-", dir=folder)
    except OSError:
        return sys.platform in ("darwin", "win32")
    os.close(fd)
    try:
        twin = Path(name).with_name(Path(name).name.upper())
        return twin.exists()
    finally:
        os.unlink(name)


def safe_output(out_root: Path, tgt: str, rel: PurePosixPath) -> Path:
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
