"""The translate job's manifest (OUT/manifest.json: what was done, so that a run resumes)
and the lock that keeps two runs out of the same output folder."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from aligntext.errors import InputError
from aligntext.io.atomic import atomic_write_bytes, remove_stale_parts
from aligntext.types import Finding, Span

MANIFEST_NAME = "manifest.json"


#: The lock file a run holds in its output folder.
LOCK_NAME = ".aligntext-translate.lock"


MANIFEST_FORMAT = 1


def utc_now() -> str:
    """The time now in UTC, ISO 8601 to the second (the manifest's timestamps)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Manifest:
    """``OUT/manifest.json``: kept in memory, replaced atomically when saved.

    The job saves it at its start and end, on an interruption or failure, and in between
    at most every :attr:`interval` seconds (:meth:`checkpoint`): rewriting the whole file
    after each of 4,000 files made the run quadratic. A file finished after the last save
    is redone by the next run after a ``kill -9``; its output, written atomically, is
    whole either way.
    """

    #: The least time between two saves by :meth:`checkpoint`, in seconds.
    interval = 2.0

    def __init__(self, path: Path) -> None:
        self.path = path
        self.saved_at = float("-inf")
        self.data: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = None  # unreadable: start afresh, the outputs get redone
            if isinstance(loaded, dict) and isinstance(loaded.get("files"), dict):
                self.data = loaded
        self.data.setdefault("files", {})
        self.data.setdefault("created", utc_now())

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        """Per input file (its path relative to the input folder): its state and outputs."""
        return self.data["files"]

    def save(self) -> None:
        """Write the manifest (atomically), stamped with the time."""
        self.data["updated"] = utc_now()
        text = json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"
        # A file name that is not UTF-8 (cp1251 bytes) is a str with lone surrogates, which
        # UTF-8 cannot encode. It only occurs inside JSON strings, where backslashreplace's
        # ``\udccf`` is the JSON escape of the same character: json.loads gives it back.
        atomic_write_bytes(self.path, text.encode("utf-8", "backslashreplace"))
        self.saved_at = time.monotonic()

    def checkpoint(self) -> None:
        """:meth:`save`, unless the last save was less than :attr:`interval` ago."""
        if time.monotonic() - self.saved_at >= self.interval:
            self.save()


@contextlib.contextmanager
def output_lock(out_root: Path) -> Iterator[None]:
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
    path = out_root / LOCK_NAME
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


def remove_leftovers(out_root: Path, targets: Sequence[str]) -> None:
    """Remove the temporary files of writes a ``kill -9`` cut short."""
    remove_stale_parts(out_root, recursive=False)
    for tgt in targets:
        folder = out_root / tgt
        if folder.is_dir() and not folder.is_symlink():
            remove_stale_parts(folder)


def checked_results(
    entry: dict[str, Any], tgt: str
) -> tuple[tuple[Finding, ...], tuple[tuple[int, str, str], ...]] | None:
    """The findings and flagged sentences an earlier run kept in a file's manifest entry
    (:func:`finding_entry`'s fields), or ``None`` when it did not check the file or the
    entry is not as this version writes it."""
    rows, flagged = entry.get("findings"), entry.get("flagged_sentences")
    if not isinstance(rows, list) or not isinstance(flagged, list):
        return None
    try:
        findings = tuple(
            Finding(
                int(r["sentence"]) - 1,
                str(r["type"]),
                str(r["severity"]),
                str(r["message"]),
                tgt_spans=(Span(int(r["sentence"]) - 1, -1, -1, str(r["target"])),)
                if r.get("target")
                else (),
                src_lang=str(entry.get("src") or ""),
                tgt_lang=tgt,
            )
            for r in rows
        )
        # 1-based, as "sentence" in the findings and on stderr.
        sentences = tuple(
            (int(x["sentence"]) - 1, str(x["source"]), str(x["target"])) for x in flagged
        )
    except (KeyError, TypeError, ValueError):
        return None
    return findings, sentences


def finding_entry(finding: Finding) -> dict[str, Any]:
    """A finding as a checked file's manifest entry lists it."""
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


def flagged_entry(index: int, source: str, target: str) -> dict[str, Any]:
    """A flagged sentence as a checked file's manifest entry lists it (``sentence`` 1-based,
    as in the findings and on stderr)."""
    return {"sentence": index + 1, "source": source, "target": target}
