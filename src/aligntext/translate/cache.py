"""A persistent segment cache and the :class:`CachedTranslator` wrapper that uses it.

The cache is a SQLite file keyed by (model signature, direction, source sentence), so a re-run
of a folder job, a resumed run, or boilerplate repeated across documents costs nothing: only
sentences never seen with the same model and settings reach the translator. Caching is a
wrapper around any :class:`~aligntext.translate.base.Translator`, not a special case inside a
backend (argos-translate's ``CachedTranslation`` pattern).

Where the cache lives: by default one file shared by every run of the user,
``$ALIGNTEXT_CACHE_DIR/segments.sqlite``, else ``$XDG_CACHE_HOME/aligntext/segments.sqlite``,
else ``~/.cache/aligntext/segments.sqlite`` (see :func:`default_cache_path`); a per-user file
lets boilerplate repeated across output folders hit too. Pass another path to keep a cache
with a project. The file is opened in WAL mode with a busy timeout, so several processes and
threads may read and write it at once; each translated slice is committed as soon as it is
done, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligntext.errors import InputError
from aligntext.translate.base import ProgressCallback, Translator

#: Signature keys that do not change a translation's text, so they stay out of the cache key
#: (translating on another device or with another batch size reuses the same entries).
_NON_OUTPUT_KEYS = frozenset(
    {"device", "batch_tokens", "max_batch_tokens", "threads", "inter_threads", "intra_threads"}
)

#: SQLite's limit on host parameters is 999 in old builds; stay well under it.
_LOOKUP_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS signatures (
    key TEXT PRIMARY KEY,
    signature TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (key, source)
) WITHOUT ROWID;
"""


def default_cache_path() -> Path:
    """The per-user segment cache file (not created by this call).

    ``$ALIGNTEXT_CACHE_DIR/segments.sqlite`` when that variable is set, else
    ``$XDG_CACHE_HOME/aligntext/segments.sqlite``, else ``~/.cache/aligntext/segments.sqlite``.
    """
    explicit = os.environ.get("ALIGNTEXT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser() / "segments.sqlite"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(base).expanduser() / "aligntext" / "segments.sqlite"


def cache_key(src_lang: str, tgt_lang: str, fields: Iterable[tuple[str, str]]) -> str:
    """The cache key of a translator: a hash of its direction and output-relevant settings.

    Args:
        src_lang: source language code.
        tgt_lang: target language code.
        fields: the translator's :meth:`~aligntext.translate.base.Translator.signature_fields`.

    Returns:
        A short hex digest; equal for translators that produce the same text.
    """
    return hashlib.sha256(_signature_text(src_lang, tgt_lang, fields).encode()).hexdigest()[:32]


def _signature_text(src_lang: str, tgt_lang: str, fields: Iterable[tuple[str, str]]) -> str:
    kept = sorted((str(k), str(v)) for k, v in fields if k not in _NON_OUTPUT_KEYS)
    return "|".join([f"direction:{src_lang}-{tgt_lang}"] + [f"{k}:{v}" for k, v in kept])


class SegmentCache:
    """A SQLite file of translated sentences, safe for several threads and processes.

    Args:
        path: the database file; its folder is created when missing.

    Raises:
        InputError: the file exists but is not a usable SQLite database, or cannot be created.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared under a lock; WAL lets other processes read while we write.
            self._conn = sqlite3.connect(
                str(self.path), timeout=60.0, check_same_thread=False, isolation_level=None
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise InputError(
                f"cannot use the segment cache {str(self.path)!r} ({exc}); pass another "
                "--cache FILE (a new one is made), or --no-cache"
            ) from exc

    def register(self, key: str, signature: str) -> None:
        """Record which signature a key stands for, so the file can be inspected."""
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO signatures (key, signature) VALUES (?, ?)", (key, signature)
            )

    def get_many(self, key: str, sources: Sequence[str]) -> dict[str, str]:
        """The cached translations of ``sources`` under ``key`` (missing ones left out)."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        with self._lock:
            for start in range(0, len(unique), _LOOKUP_CHUNK):
                chunk = unique[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT source, target FROM segments WHERE key = ? AND source IN ({marks})",
                    (key, *chunk),
                )
                found.update(rows.fetchall())
        return found

    def put_many(self, key: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Store ``(source, translation)`` pairs under ``key`` in one transaction."""
        rows = [(key, s, t) for s, t in pairs]
        if not rows:
            return
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO segments (key, source, target) VALUES (?, ?, ?)", rows
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def count(self, key: str | None = None) -> int:
        """Number of cached sentences, for one key or in all."""
        with self._lock:
            if key is None:
                row = self._conn.execute("SELECT COUNT(*) FROM segments").fetchone()
            else:
                row = self._conn.execute(
                    "SELECT COUNT(*) FROM segments WHERE key = ?", (key,)
                ).fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SegmentCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class CacheStats:
    """Counts kept by a :class:`CachedTranslator` over its lifetime.

    Args:
        hits: sentences answered from the cache (or repeated within one call).
        misses: sentences sent to the wrapped translator.
    """

    hits: int = 0
    misses: int = 0


class CachedTranslator:
    """Wraps any translator with a :class:`SegmentCache`.

    Only sentences not yet cached under the wrapped translator's signature reach it,
    deduplicated, sorted by length and sent in slices of ``commit_every`` sentences; each
    slice is stored as soon as it comes back, so an interrupted run keeps its work.

    Args:
        inner: the translator to wrap.
        cache: a :class:`SegmentCache` or the path of its file.
        commit_every: sentences per call to ``inner``; large enough that the backend can
            form full batches, small enough that an interruption loses little.
        report_hits: pass cache hits to ``progress`` at once (so a bar over all sentences
            reaches its total); ``False`` reports only the wrapped translator's work, for a
            bar over the sentences :meth:`missing` counted.
    """

    def __init__(
        self,
        inner: Translator,
        cache: SegmentCache | str | os.PathLike[str],
        *,
        commit_every: int = 512,
        report_hits: bool = True,
    ) -> None:
        if commit_every < 1:
            raise InputError(f"commit_every must be at least 1, got {commit_every}")
        self.inner = inner
        self.src_lang: str = inner.src_lang
        self.tgt_lang: str = inner.tgt_lang
        self.cache = cache if isinstance(cache, SegmentCache) else SegmentCache(cache)
        self.commit_every = commit_every
        self.report_hits = report_hits
        self.stats = CacheStats()
        self._key: str | None = None

    @property
    def key(self) -> str:
        """This translator's cache key (computed once: signatures do not change)."""
        if self._key is None:
            fields = tuple(self.inner.signature_fields())
            self._key = cache_key(self.src_lang, self.tgt_lang, fields)
            self.cache.register(self._key, _signature_text(self.src_lang, self.tgt_lang, fields))
        return self._key

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """The wrapped translator's fields: a cache never changes what comes out."""
        return tuple(self.inner.signature_fields())

    def missing(self, sentences: Sequence[str]) -> list[str]:
        """The distinct sentences of ``sentences`` not in the cache, in order."""
        known = self.cache.get_many(self.key, sentences)
        return [s for s in dict.fromkeys(sentences) if s not in known]

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate ``sentences``, asking the wrapped translator only for unseen ones.

        ``progress`` is called with cache hits at once and with the wrapped translator's
        counts as it goes, so a progress bar reaches the total.
        """
        if not sentences:
            return []
        key = self.key
        known = self.cache.get_many(key, sentences)
        todo = [s for s in dict.fromkeys(sentences) if s not in known]
        self.stats.misses += len(todo)
        self.stats.hits += len(sentences) - len(todo)
        if progress is not None and self.report_hits and len(sentences) > len(todo):
            progress(len(sentences) - len(todo))
        # Similar lengths in one slice keep the backend's batches free of padding.
        todo.sort(key=len)
        reported = [0]

        def inner_progress(n: int) -> None:
            reported[0] += n
            if progress is not None:
                progress(n)

        for start in range(0, len(todo), self.commit_every):
            chunk = todo[start : start + self.commit_every]
            reported[0] = 0
            out = self.inner.translate(chunk, progress=inner_progress)
            if len(out) != len(chunk):
                raise RuntimeError(
                    f"translator returned {len(out)} sentences for {len(chunk)}; "
                    "this is a bug in the backend"
                )
            self.cache.put_many(key, zip(chunk, out, strict=True))
            known.update(zip(chunk, out, strict=True))
            # A backend that reports no (or partial) progress still moves the bar to the end.
            if progress is not None and reported[0] < len(chunk):
                progress(len(chunk) - reported[0])
        return [known[s] for s in sentences]
