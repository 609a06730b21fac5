"""The one folder walker: which files under a folder are read, in which order.

The translate job and ``evaluate``'s folder mode both list a folder through
:func:`walk_files`, so that they agree on hidden files, office lock files and symlinks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from aligntext.errors import InputError


def list_files(folder: str | os.PathLike[str], notes: list[str] | None = None) -> dict[str, Path]:
    """Every file :func:`walk_files` finds under ``folder``, by POSIX relative path;
    ``notes`` receives a line per symlink (or pipe, or device) left out.

    Raises:
        InputError: a folder under ``folder`` cannot be listed.
    """
    root = Path(folder)
    # The callers (evaluate) have no --follow-links: say what does work.
    hint = "copy the file into the folder to read it"
    return {
        p.relative_to(root).as_posix(): p for p in walk_files(root, notes=notes, link_hint=hint)
    }


def walk_files(
    folder: str | os.PathLike[str],
    suffixes: Sequence[str] | None = None,
    *,
    follow_links: bool = False,
    notes: list[str] | None = None,
    unreadable: list[tuple[Path, str]] | None = None,
    link_hint: str = "pass --follow-links to read it",
) -> Iterator[Path]:
    """The files under ``folder`` that are documents, in a stable (sorted) order.

    Hidden files and folders (``.git``, ``.DS_Store``) and office lock files (``~$x.docx``)
    are left out. A symlink that leads out of ``folder`` (to a file or a folder) is left out
    with a note in ``notes``, so that a planted ``p.txt -> /etc/passwd`` is never read;
    ``follow_links`` reads them (a link loop is read once).

    Args:
        folder: the folder to search, recursively.
        suffixes: the file suffixes to keep (lower case, with the dot); ``None`` keeps all.
        follow_links: read symlinks that lead out of the folder.
        notes: receives one line per symlink (or pipe, or device) left out.
        link_hint: how a note on a skipped symlink says to read it (the command's flag).
        unreadable: receives ``(folder, reason)`` for each folder that cannot be listed
            (no permission, removed meanwhile), whose files are then left out; ``None``
            raises instead.

    Raises:
        InputError: a folder cannot be listed and ``unreadable`` is ``None``.
    """
    folder = Path(folder)
    notes = notes if notes is not None else []
    root = folder.resolve()
    visited: set[Path] = {root}

    # os.walk skips a folder it cannot list without a word: its files would be missing
    # from the job, and the run would say it did everything.
    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename is not None else folder
        reason = exc.strerror or str(exc)
        if unreadable is None:
            raise InputError(
                f"cannot read folder {str(where)!r}: {reason}; fix its permissions or leave it out"
            ) from exc
        unreadable.append((where, reason))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=follow_links, onerror=failed):
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
                        notes.append(_link_note(here / d, real, "folder", link_hint))
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
            if suffixes is not None and Path(name).suffix.lower() not in suffixes:
                continue
            path = here / name
            if not follow_links and path.is_symlink():
                real = path.resolve()
                if root not in real.parents:
                    notes.append(_link_note(path, real, "file", link_hint))
                    continue
            if not path.is_file():
                # A FIFO or a device: reading it may block for ever or never end.
                notes.append(f"left out {str(path)!r}: not a regular file (a pipe or a device)")
                continue
            yield path


def _link_note(link: Path, real: Path, what: str, hint: str) -> str:
    return (
        f"skipped {str(link)!r}: a symlinked {what} that leads out of the input folder (to "
        f"{str(real)!r}); {hint}"
    )
