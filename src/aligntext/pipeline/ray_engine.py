"""Translate a folder job's batches on a Ray cluster (``aligntext translate --ray``).

The job stays what :func:`~aligntext.pipeline.batch.translate_folder` makes it: this process
(the driver) reads and segments the inputs, plans the batches, looks them up in the segment
cache, writes every file atomically and keeps the manifest, so outputs, manifest, cache and
resume are those of the local engine. Only the translation moves: the batches the cache
does not hold go through Ray Data ``map_batches`` over an actor pool of translators (one
model load per actor), and come back as they finish; the driver commits each to the cache
and writes a chunk of files as soon as its batches are in.

A batch is sent as the local engine would send it to its model (the cache's missing
sentences, sorted the same way), so every sentence keeps its company and the output is byte
for byte the local one. An actor lost mid-job is restarted and its batch retried by Ray
(actor pools restart actors and retry their tasks without limit); a killed driver resumes
from the manifest and the cache like a local run.

Ray is optional (``pip install 'aligntext[ray]'``) and imported only here, only when asked.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligntext.errors import AligntextError, BackendUnavailableError, InputError
from aligntext.translate.base import ProgressCallback, Translator, TranslatorFactory
from aligntext.translate.cache import CachedTranslator

#: What to tell a user who asks for Ray without it.
INSTALL_HINT = "--ray needs Ray; pip install 'aligntext[ray]' (or run without --ray)"

#: Environment variables the workers get from the driver (with every ``ALIGNTEXT_*`` one), so
#: that they find models and caches as the driver does. A Ray started elsewhere does not
#: have the driver's environment.
_PASSED_ENV = (
    "XDG_CACHE_HOME",
    "HF_HOME",
    "HF_HUB_CACHE",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
)


class RayUnavailableError(BackendUnavailableError):
    """``--ray`` was asked for but Ray is not installed."""


def import_ray() -> Any:
    """Import Ray, or raise one line that says how to get it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayUnavailableError(INSTALL_HINT) from exc
    return ray


@dataclass(frozen=True)
class WorkerInfo:
    """What a worker's translator is, as the driver needs to know it."""

    node: str
    fields: tuple[tuple[str, str], ...]
    budget: int | None


class RemoteTranslator:
    """The driver's stand-in for the workers' translator of one direction.

    It carries what the job needs here (direction, signature, batch budget) and loads no
    model: ``translate`` is never called on it, the engine translates its batches.
    """

    def __init__(self, src: str, tgt: str, info: WorkerInfo) -> None:
        self.src_lang = src
        self.tgt_lang = tgt
        self.info = info
        budget = info.budget
        # batch.translator_batch_size asks for a callable batch_budget only where the backend
        # has one.
        self.batch_budget: Callable[[], int] | None = (
            (lambda: budget) if budget is not None else None
        )

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """The workers' translator's fields (their device, compute type ...)."""
        return self.info.fields

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Not here: the engine sends the batches to the workers."""
        raise RuntimeError("a RemoteTranslator translates through RayEngine.translate_batches")


class RayEngine:
    """Runs translation batches on Ray (see the module docstring).

    Args:
        address: ``None`` or ``""`` for a Ray started on this machine (or the cluster that
            ``RAY_ADDRESS`` names), ``auto`` for the cluster this node belongs to,
            ``ray://host:10001`` for a remote one. A Ray already initialised in this process
            is used as it is.
        workers: translator actors (each loads the model once); ``None``: as many as the
            cluster has room for (its GPUs over ``gpus_per_worker``, else its CPUs over
            ``cpus_per_worker``).
        gpus_per_worker: GPUs each actor reserves (fractions share a GPU); 0 on CPUs.
        cpus_per_worker: CPUs each actor reserves; CTranslate2 uses that many threads
            (Ray sets ``OMP_NUM_THREADS`` from it).
    """

    lazy = False  # the pool is fed every batch at once

    def __init__(
        self,
        address: str | None = None,
        *,
        workers: int | None = None,
        gpus_per_worker: float = 0.0,
        cpus_per_worker: float = 1.0,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be at least 1, got {workers}")
        if gpus_per_worker < 0 or cpus_per_worker <= 0:
            raise InputError(
                f"--gpus-per-worker must be 0 or more and CPUs per worker above 0, got "
                f"{gpus_per_worker} and {cpus_per_worker}"
            )
        self.ray = import_ray()
        self.address = address or None
        self.workers = workers
        self.gpus_per_worker = gpus_per_worker
        self.cpus_per_worker = cpus_per_worker
        # Says what the workers' translators warned of while the probe built them (a model
        # that runs with hf because its store is read-only): on a worker the warning would
        # only reach the worker's log.
        self.notice = notice
        self._said: set[str] = set()
        self._factory: TranslatorFactory | None = None
        self._started = False

    # --- the cluster ---------------------------------------------------------------------

    def start(self) -> None:
        """Connect to (or start) Ray once; quiet, no dashboard."""
        ray = self.ray
        _quiet_ray_data(ray)
        if ray.is_initialized():
            return
        # RAY_BACKEND_LOG_LEVEL is left alone: whatever its value, Ray's core prints
        # "logging.cc: Set ray log level from environment variable ..." on stderr when it is
        # set, even under -q; unset, the driver's core logs to Ray's files, not to stderr.
        try:
            with _signal_handlers_kept():
                ray.init(
                    address=self.address,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.address or os.environ.get("RAY_ADDRESS") or "a local Ray"
            raise InputError(f"cannot start or reach {where}: {_first_line(exc)}") from None
        self._started = True

    def close(self) -> None:
        """Shut down the Ray this engine started (one it found running is left alone)."""
        if self._started:
            self.ray.shutdown()
            self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def worker_count(self) -> int:
        """The actors to start: ``workers``, or what the cluster has room for."""
        if self.workers is not None:
            return self.workers
        self.start()
        room = self.ray.cluster_resources()
        if self.gpus_per_worker > 0:
            return max(1, int(room.get("GPU", 0) // self.gpus_per_worker))
        return max(1, int(room.get("CPU", 1) // self.cpus_per_worker))

    def _runtime_env(self) -> dict[str, Any]:
        env = {
            k: v
            for k, v in os.environ.items()
            if v and (k in _PASSED_ENV or k.startswith("ALIGNTEXT_"))
        }
        return {"env_vars": env} if env else {}

    # --- BatchEngine ---------------------------------------------------------------------

    def driver_factory(self, factory: TranslatorFactory) -> TranslatorFactory:
        """Stand-ins for the workers' translators, described by the workers themselves.

        Each direction is probed once on every node that can host a worker: the node
        builds the translator with ``factory`` and checks that it can read every model
        file. A node that cannot is refused in one line, before any work is sent.
        """
        self._factory = factory
        probed: dict[tuple[str, str], RemoteTranslator] = {}

        def describe(src: str, tgt: str) -> Translator:
            if (src, tgt) not in probed:
                self.start()
                probed[(src, tgt)] = RemoteTranslator(src, tgt, self._probe(factory, src, tgt))
            return probed[(src, tgt)]

        return describe

    def say(self, notices: Iterable[str]) -> None:
        """Pass what the workers warned of to ``notice`` (else :func:`warnings.warn`), each
        line once per engine: every node probed says the same."""
        for line in notices:
            if line not in self._said:
                self._said.add(line)
                if self.notice is not None:
                    self.notice(line)
                else:
                    warnings.warn(line, RuntimeWarning, stacklevel=2)

    def _probe(self, factory: TranslatorFactory, src: str, tgt: str) -> WorkerInfo:
        ray = self.ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        need_gpu = self.gpus_per_worker > 0
        nodes = [
            n
            for n in ray.nodes()
            if n.get("Alive")
            and n.get("Resources", {}).get("CPU", 0) >= min(1.0, self.cpus_per_worker)
            and (not need_gpu or n.get("Resources", {}).get("GPU", 0) >= self.gpus_per_worker)
        ]
        if not nodes:
            what = f"{self.gpus_per_worker} GPU(s) and " if need_gpu else ""
            raise InputError(
                f"no Ray node has {what}{self.cpus_per_worker} CPU(s) free for a worker; "
                "add nodes or lower --gpus-per-worker"
            )
        probe = ray.remote(_probe_translator)
        refs = [
            probe.options(
                num_cpus=min(1.0, self.cpus_per_worker),
                num_gpus=self.gpus_per_worker,
                runtime_env=self._runtime_env(),
                max_retries=1,
                scheduling_strategy=NodeAffinitySchedulingStrategy(n["NodeID"], soft=False),
            ).remote(factory, src, tgt)
            for n in nodes
        ]
        answers: list[tuple[str, Any, Any, list[str]]] = ray.get(refs)
        infos: list[WorkerInfo] = []
        for node, info, error, notices in answers:
            if error:
                raise InputError(f"on Ray worker node {node}: {error}")
            infos.append(info)
            self.say(notices)
        first = infos[0]
        for other in infos[1:]:
            if _output_fields(other.fields) != _output_fields(first.fields):
                raise InputError(
                    f"Ray nodes {first.node} and {other.node} would translate {src}-{tgt} "
                    "differently (their model folders or settings differ); give every node "
                    "the same model files"
                )
        return first

    def translate_batches(
        self, translator: Translator, batches: Iterable[list[str]], progress: ProgressCallback
    ) -> Iterator[tuple[int, list[str]]]:
        """Translate ``batches`` on the actor pool, yielding ``(index, outputs)``.

        Batches the cache answers whole are yielded first, without Ray; each batch that
        comes back is committed to the cache before it is yielded, as the local engine does.
        """
        # The pool is fed every batch at once: the driver holds the direction's sentences
        # (the job holds no document meanwhile: see BatchEngine.lazy).
        batches = list(batches)
        cached = translator if isinstance(translator, CachedTranslator) else None
        remote = cached.inner if cached is not None else translator
        if not isinstance(remote, RemoteTranslator) or self._factory is None:
            raise RuntimeError("RayEngine.translate_batches needs a translator it described")
        known: dict[int, dict[str, str]] = {}
        sent: dict[int, list[str]] = {}
        rows: list[dict[str, Any]] = []
        for index, batch in enumerate(batches):
            if cached is not None:
                # Exactly what CachedTranslator.translate sends to its model: the distinct
                # unseen sentences, sorted by length (stable), in commit-sized slices.
                hits = cached.cache.get_many(cached.key, batch)
                todo = sorted((s for s in dict.fromkeys(batch) if s not in hits), key=len)
                cached.stats.misses += len(todo)
                cached.stats.hits += len(batch) - len(todo)
                known[index] = hits
            else:
                todo = list(batch)
            if todo:
                sent[index] = todo
                rows.append({"index": index, "todo": json.dumps(todo)})
            else:
                yield index, [known[index][s] for s in batch]
        if not rows:
            return
        # Without a cache the local engine sends each batch whole in one call.
        commit_every = cached.commit_every if cached is not None else max(map(len, batches))
        for index, outputs in self._stream(remote.src_lang, remote.tgt_lang, rows, commit_every):
            batch, todo = batches[index], sent.pop(index)
            if len(outputs) != len(todo):
                raise RuntimeError(
                    f"a Ray worker returned {len(outputs)} sentences for {len(todo)}; "
                    "this is a bug in the backend"
                )
            if cached is None:
                progress(len(todo))
                yield index, outputs
                continue
            pairs = list(zip(todo, outputs, strict=True))
            cached.cache.put_many(cached.key, pairs)
            progress(len(todo))
            found = known.pop(index)
            found.update(pairs)
            yield index, [found[s] for s in batch]

    def _stream(
        self, src: str, tgt: str, rows: list[dict[str, Any]], commit_every: int
    ) -> Iterator[tuple[int, list[str]]]:
        ray = self.ray
        assert self._factory is not None
        # One row per block: a block is Ray's unit of scheduling and of retry, so a lost
        # actor costs one batch, and results stream back batch by batch.
        data = ray.data.from_items(rows, override_num_blocks=len(rows))
        mapped = data.map_batches(
            _TranslateWorker,
            fn_constructor_kwargs={
                "factory": self._factory,
                "src": src,
                "tgt": tgt,
                "commit_every": commit_every,
            },
            batch_size=1,
            batch_format="pandas",
            compute=ray.data.ActorPoolStrategy(size=min(self.worker_count(), len(rows))),
            num_cpus=self.cpus_per_worker,
            num_gpus=self.gpus_per_worker,
            runtime_env=self._runtime_env(),
        )
        try:
            for row in mapped.iter_rows():
                if row["error"]:
                    raise AligntextError(f"the Ray job failed: {row['error']}")
                yield int(row["index"]), json.loads(row["out"])
        except ray.exceptions.RayError as exc:
            raise AligntextError(f"the Ray job failed: {error_cause(exc)}") from None


class _TranslateWorker:
    """A Ray Data actor: builds the direction's translator once, then translates batches."""

    def __init__(self, factory: TranslatorFactory, src: str, tgt: str, commit_every: int) -> None:
        self.translator: Translator | None = None
        self.failure = ""
        self.commit_every = commit_every
        try:
            # The probe said what building the translator warns of; every worker would say
            # it again in its log.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                self.translator = factory(src, tgt)
        except Exception as exc:  # any failure: sent with the first batch
            self.failure = _worker_error(exc)

    def __call__(self, batch: Any) -> Any:
        """Translate each row's ``todo``; a failure comes back in the row's ``error``.

        An exception raised here would reach the driver as Ray Data's "UDF failed to process
        a data block", its cause lost on the way, after two ERROR lines in the log: the
        driver could not say what went wrong.
        """
        import pandas as pd

        outs, errors = [], []
        for todo_json in batch["todo"]:
            out: list[str] = []
            error = self.failure
            if self.translator is not None:
                try:
                    out = self._translate(self.translator, json.loads(todo_json))
                except Exception as exc:  # any failure: the driver raises it
                    error = _worker_error(exc)
            outs.append(json.dumps(out))
            errors.append(error)
        return pd.DataFrame({"index": list(batch["index"]), "out": outs, "error": errors})

    def _translate(self, translator: Translator, todo: list[str]) -> list[str]:
        out: list[str] = []
        # The slices CachedTranslator.translate would make (one for batches of 512 or less).
        for start in range(0, len(todo), self.commit_every):
            out.extend(translator.translate(todo[start : start + self.commit_every]))
        return out


def _worker_error(exc: Exception) -> str:
    """One line for what failed on a worker: aligntext's own message, else the type too."""
    if isinstance(exc, AligntextError):
        return _first_line(exc)
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _probe_translator(
    factory: TranslatorFactory, src: str, tgt: str
) -> tuple[str, WorkerInfo | None, str, list[str]]:
    """On a worker node: build the translator and check its model files can be read.

    Returns the node, what the driver needs to know of the translator (``None`` on
    failure), the failure (``""`` for none) and the runtime warnings building it gave, for
    the driver to say (a worker's stderr is not the user's).
    """
    import socket

    node = socket.gethostname()
    try:
        import ray

        node = ray.util.get_node_ip_address()
    except Exception:  # pragma: no cover - the host name will do
        pass
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        node, info, error = _build_and_check(factory, src, tgt, node)
    notices = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return node, info, error, notices


def _build_and_check(
    factory: TranslatorFactory, src: str, tgt: str, node: str
) -> tuple[str, WorkerInfo | None, str]:
    """:func:`_probe_translator`'s work: the translator built, its files read."""
    try:
        translator = factory(src, tgt)
        for folder in model_folders(translator):
            unreadable = _unreadable(folder)
            if unreadable:
                return (
                    node,
                    None,
                    (
                        f"cannot read model file {unreadable!r}; put the models on a path every "
                        "node sees (a shared file system) with read access for the Ray workers"
                    ),
                )
        # The weights too: a damaged or unsafe file is refused before the job, in one line.
        for leg in _legs(translator):
            load = getattr(leg, "load", None)
            if callable(load):
                load()
        inner = getattr(translator, "inner", translator)
        budget_of = getattr(inner, "batch_budget", None)
        budget = int(budget_of()) if callable(budget_of) else None
        fields = tuple((str(k), str(v)) for k, v in translator.signature_fields())
    except AligntextError as exc:
        return node, None, str(exc)
    return node, WorkerInfo(node, fields, budget), ""


def model_folders(translator: Any) -> list[Path]:
    """The model and tokenizer folders a translator (or a pivot's legs) reads."""
    found: list[Path] = []
    for leg in _legs(translator):
        for name in ("path", "tokenizer_path"):
            value = getattr(leg, name, None)
            if isinstance(value, (str, Path)) and Path(value) not in found:
                found.append(Path(value))
    return found


def _legs(translator: Any) -> list[Any]:
    """A translator and what it wraps: a cache's model, a pivot's two legs."""
    inner = getattr(translator, "inner", translator)
    legs = [inner, getattr(inner, "first", None), getattr(inner, "second", None)]
    return [leg for leg in legs if leg is not None]


def _unreadable(folder: Path) -> str:
    """The first file under ``folder`` this process cannot read ('' when all can be)."""
    if not os.access(folder, os.R_OK | os.X_OK):
        return str(folder)
    for root, _dirs, files in os.walk(folder):
        if not os.access(root, os.R_OK | os.X_OK):
            return root
        for name in files:
            path = os.path.join(root, name)
            if not os.access(path, os.R_OK):
                return path
    return ""


def _output_fields(fields: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields that change the text (where it ran does not)."""
    return sorted((k, v) for k, v in fields if k not in ("device", "threads"))


def _quiet_ray_data(ray: Any) -> None:
    """No progress bars or plan logs from Ray Data: progress is the CLI's business."""
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    with contextlib.suppress(AttributeError):
        ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


@contextlib.contextmanager
def _signal_handlers_kept() -> Iterator[None]:
    """Put SIGINT's and SIGTERM's handlers back after ``ray.init``, which replaces them.

    Ray's own SIGTERM handler exits at once with status 15 (and its core worker dumps a
    stack): the caller's handler, which stops the job cleanly and keeps the finished files,
    must stay in charge.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set from the main thread; Ray leaves them alone there
        return
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            if handler is not None:  # None: set outside Python, cannot be put back
                signal.signal(sig, handler)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def error_cause(exc: BaseException) -> str:
    """The innermost error's first line: what went wrong on the worker."""
    inner: BaseException = exc
    while True:
        nxt = getattr(inner, "cause", None) or inner.__cause__
        if not isinstance(nxt, BaseException) or nxt is inner:
            break
        inner = nxt
    return _first_line(inner)
