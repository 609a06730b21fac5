"""Per-user caches: where they live, and tables kept between runs.

Nothing is created by looking a cache up; files are written atomically and a cache that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def user_cache_dir() -> Path:
    """``$ALIGNTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/aligntext``, else ``~/.cache/aligntext``."""
    explicit = os.environ.get("ALIGNTEXT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(base).expanduser() / "aligntext"


class TableCache:
    """Tables that functions derive from slow sources, kept in one file between runs.

    Decorate a function of hashable arguments with an instance: within a process it works as
    an unbounded ``lru_cache``; the tables computed are also pickled into the user cache when
    the process ends, and later processes start from them. The file's name carries a digest
    of the size and time of every file ``inputs`` lists (the code and data the tables are
    derived from) and of the Python version, so a change to any of them starts afresh.

    Args:
        name: the cache file's stem (``locale-tables``).
        inputs: returns the files the tables depend on; called once, at first use.
    """

    def __init__(self, name: str, inputs: Callable[[], Iterable[Path]]) -> None:
        self.name = name
        self.inputs = inputs
        self._tables: dict[tuple[str, tuple[Any, ...]], Any] | None = None
        self._path: Path | None = None
        self._dirty = False

    def __call__(self, func: F) -> F:
        """Decorate a table builder: its results are kept under its name and arguments."""
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def wrapper(*args: Any) -> Any:
            tables = self._load()
            key = (name, args)
            if key not in tables:
                tables[key] = func(*args)
                self._dirty = True
            return tables[key]

        def cache_clear() -> None:
            """Forget this function's tables, in memory and (at exit) on disk."""
            tables = self._load()
            for key in [k for k in tables if k[0] == name]:
                del tables[key]
            self._dirty = True

        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    def path(self) -> Path:
        """The cache file for the current inputs."""
        if self._path is None:
            digest = hashlib.sha1(sys.version.encode())
            for file in self.inputs():
                try:
                    stat = file.stat()
                except OSError:
                    continue
                digest.update(f"{file}:{stat.st_size}:{stat.st_mtime_ns}".encode())
            self._path = user_cache_dir() / f"{self.name}-{digest.hexdigest()[:16]}.pickle"
        return self._path

    def _load(self) -> dict[tuple[str, tuple[Any, ...]], Any]:
        if self._tables is None:
            import atexit
            import pickle

            self._tables = {}
            try:
                # The file is the user's own, written by this class: unpickling it trusts
                # nobody the user does not already trust with their cache folder.
                with self.path().open("rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict):
                    self._tables = data
            except Exception:  # missing, from another version, cut short: build afresh
                self._tables = {}
            atexit.register(self.save)
        return self._tables

    def save(self) -> None:
        """Write the tables when this process computed new ones (stale siblings removed)."""
        if not self._dirty or self._tables is None:
            return
        import pickle
        import tempfile

        path = self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(self._tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob(f"{self.name}-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except Exception:  # a full disk, a table that cannot be pickled: keep no file
            Path(tmp).unlink(missing_ok=True)
            return
        self._dirty = False
