"""Atomic file writes: a temporary file in the same folder, then a rename.

A crash or a kill never leaves a half-written output file behind. Two guards keep a write
from destroying what it must not: :func:`guard_output` refuses an output path that is one of
the inputs (or, for a folder job, holds one), and :func:`atomic_open` never renames over a
device, FIFO or socket (through a symlink or not): it writes through to a character device
or a FIFO, as ``> /dev/null`` does, and refuses the rest. An output that is a symlink keeps
its link: the file it points to is written (as ``cp`` and ``>`` do), still atomically, with
the temporary file beside that file.

Temporary files are named ``.<name>.<random>.part`` (the name cut to 200 bytes) so that
:func:`remove_stale_parts` can find and remove the ones a ``kill -9`` left behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from aligntext.errors import InputError

#: The temporary files :func:`atomic_open` creates: ``.<name>.<8 random chars>.part``.
PART_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    A symlink ``path`` is followed: the file it points to is replaced and the link stays.
    On any exception the temporary file is removed and ``path`` is left as it was.

    Raises:
        InputError: ``path`` is a symlink loop, or a dangling symlink into a missing folder.
    """
    target = Path(path)
    if _is_special(target):
        # A rename would replace the device node or FIFO (as root, /dev/null itself) with a
        # regular file; writing through is what the user meant by naming it.
        with _open_through(target, mode, encoding, newline) as fh:
            yield fh
        return
    if target.is_symlink():
        target = _link_target(target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{_stem(target.name)}.", suffix=".part", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); an output file is shared like any other.
        os.chmod(tmp, _target_mode(target))
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


#: The most bytes of the output's name a temporary name keeps: with the dot, the random
#: part and ``.part`` (15 bytes) it stays within the 255 bytes of NAME_MAX.
_STEM_BYTES = 200


def _stem(name: str) -> str:
    """``name`` cut to :data:`_STEM_BYTES` bytes at a character boundary."""
    raw = os.fsencode(name)
    if len(raw) <= _STEM_BYTES:
        return name
    # Dropping a cut multi-byte character's leftover bytes keeps the name valid UTF-8.
    return raw[:_STEM_BYTES].decode("utf-8", "ignore") or "output"


def _link_target(link: Path) -> Path:
    """The file a write through the symlink ``link`` lands in (every link followed).

    A rename onto the link itself would turn it into a regular file and leave the file the
    user named through it untouched; the rename must land on the link's target instead.
    """
    real = Path(os.path.realpath(link))
    if real.is_symlink():
        # realpath stops at a link it cannot resolve without going round in a circle.
        raise InputError(f"output {str(link)!r} is a symlink loop; give a file path")
    if not real.parent.is_dir():
        # A folder to create on the user's behalf through a dangling link is a guess too far.
        raise InputError(
            f"output {str(link)!r} is a symlink to {str(real)!r}, whose folder does not "
            "exist: create the folder or give another output path"
        )
    return real


def _is_special(target: Path) -> bool:
    """Whether ``target`` (a symlink followed) exists and is not a regular file or folder."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _open_through(target: Path, mode: str, encoding: str | None, newline: str | None) -> IO:
    """Open a character device or FIFO for writing; refuse block devices and sockets."""
    kind = os.stat(target).st_mode
    if not (stat.S_ISCHR(kind) or stat.S_ISFIFO(kind)):
        raise InputError(
            f"refusing to write to {str(target)!r}: it is a block device or a socket, not a "
            "file; give a file path"
        )
    if "b" in mode:
        return open(target, "wb")
    return open(target, "w", encoding=encoding, newline=newline)


def guard_output(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output path that would write over an input, or hold one in it.

    ``output`` is refused when it is the same file as an input (compared by device and
    inode, so symlinks and hard links count) or when an input lies inside it (an output
    folder that contains an input file or folder). An input ``-`` is standard input: the
    output is refused when it is the file standard input was redirected from
    (``segment - -o en.txt < en.txt``). An output ``-`` (stdout) is always fine.

    Raises:
        InputError: ``output`` is or contains one of ``inputs``.
    """
    if str(output) == "-":
        return
    out = Path(output)
    try:
        out_real = out.resolve()
    except (OSError, RuntimeError):
        return  # a symlink loop: the write itself reports it
    for raw in inputs:
        if str(raw) == "-":
            if _is_stdin(out):
                raise InputError(
                    f"output {str(output)!r} is the file standard input ('-') reads; writing "
                    "it would destroy the input: choose another output path"
                )
            continue
        source = Path(raw)
        try:
            same = out.exists() and source.exists() and os.path.samefile(out, source)
            inside = out_real in source.resolve().parents
        except (OSError, RuntimeError):
            continue
        if same or inside:
            what = "is" if same else "contains"
            raise InputError(
                f"output {str(output)!r} {what} the input {str(raw)!r}; writing it would "
                "destroy the input: choose another output path"
            )


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is the regular file the process's standard input (fd 0) reads."""
    try:
        held, named = os.fstat(0), os.stat(path)
    except OSError:
        return False
    # fd 0, not sys.stdin: a test harness or a wrapper may have replaced the object.
    return stat.S_ISREG(held.st_mode) and (held.st_dev, held.st_ino) == (
        named.st_dev,
        named.st_ino,
    )


def remove_stale_parts(folder: str | os.PathLike[str], recursive: bool = True) -> list[Path]:
    """Remove the temporary ``.part`` files an interrupted (``kill -9``) write left.

    Only names :func:`atomic_open` makes are touched (see :data:`PART_RE`), regular files
    only, and symlinked folders are not entered. Call it only while no other process writes
    into ``folder`` (under the job's lock).

    Returns:
        The files removed.
    """
    root = Path(folder)
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    walker = os.walk(root) if recursive else [(str(root), [], os.listdir(root))]
    for dirpath, _dirs, names in walker:
        for name in names:
            path = Path(dirpath) / name
            if PART_RE.match(name) and path.is_file() and not path.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed


def _target_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the old file's, or 0666 - umask."""
    try:
        return target.stat().st_mode & 0o777 if target.is_file() else _umask_mode()
    except FileNotFoundError:
        return _umask_mode()


def _umask_mode() -> int:
    """0666 less the process umask (there is no API to read it but to set and restore it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_open(path, "w", encoding=encoding) as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)
