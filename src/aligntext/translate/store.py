"""The model store: where models live on this machine, and pulling them from the hub.

Where models live, in the order they are looked for:

1. ``--model DIR``: any local directory holding a model saved with ``save_pretrained`` (or a
   CTranslate2 model directory).
2. The aligntext model store, :func:`models_home`: ``$ALIGNTEXT_MODELS`` when set; else
   ``models/cache/`` in a source checkout; else ``$XDG_CACHE_HOME/aligntext/models``
   (``~/.cache/aligntext/models``). ``aligntext models pull`` downloads there, one folder
   per model (``Helsinki-NLP--opus-mt-en-ru``), and CTranslate2 copies go to ``ct2/``.
3. The Hugging Face hub cache (``$HF_HOME`` / ``$HF_HUB_CACHE``), so models already
   downloaded by transformers are found without a second copy.
4. The hub itself, unless ``HF_HUB_OFFLINE`` is set; otherwise
   :class:`~aligntext.errors.ModelNotFoundError` tells the user how to get the model.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
import time
from pathlib import Path

from aligntext.errors import InputError, ModelNotFoundError
from aligntext.translate.base import read_json_object

#: Files a model download needs (weights are chosen separately, safetensors first).
DOWNLOAD_PATTERNS: tuple[str, ...] = (
    "*.json",
    "*.spm",
    "*.model",
    "vocab.*",
    "*.txt",
    "README.md",
)


#: Written into each pulled model folder: the hub id and the exact revision fetched.
MODEL_INFO_FILE = "aligntext-model.json"


REPO_ROOT = Path(__file__).resolve().parents[3]


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def models_home() -> Path:
    """The aligntext model store (see the module docstring); not created here."""
    env = os.environ.get("ALIGNTEXT_MODELS")
    if env:
        return Path(env).expanduser()
    if (REPO_ROOT / "models" / "registry.toml").is_file():
        return REPO_ROOT / "models" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligntext" / "models"


def model_slug(model: str) -> str:
    """A folder name for a hub id (``Helsinki-NLP--opus-mt-en-ru``)."""
    return model.replace("/", "--")


def is_local_path(model: str) -> bool:
    """Whether ``model`` names a local directory rather than a hub id."""
    if Path(model).expanduser().exists():
        return True
    return not _HUB_ID.match(model)


def hub_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) forbids reaching the hub."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(var, "").strip().lower() in {"1", "on", "yes", "true"}:
            return True
    return False


def find_model(model: str) -> Path | None:
    """The local directory of ``model`` (a directory, or a hub id in the store or the HF
    cache), or ``None`` when it is nowhere on this machine."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if is_local_path(model):
        return None
    stored = models_home() / model_slug(model)
    if (stored / "config.json").is_file():
        return stored
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - huggingface_hub is a dependency
        return None
    cached = try_to_load_from_cache(model, "config.json", cache_dir=str(hf_hub_cache()))
    if isinstance(cached, str):
        return Path(cached).parent
    return None


def hf_hub_cache() -> Path:
    """The Hugging Face hub cache, read from the environment at call time
    (``HF_HUB_CACHE``, else ``$HF_HOME/hub``, else huggingface_hub's default)."""
    env = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if env:
        return Path(env).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(home).expanduser() / "hub"
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def missing_model_message(model: str, pull: str | None = None) -> str:
    """The one-sentence error for a model that is neither local nor downloadable."""
    return (
        f"model {model} is not in the local cache and the hub cannot be reached; run "
        f"'aligntext models pull {pull or model}' on a connected machine or pass --model DIR"
    )


def incomplete_copy(model: str) -> tuple[Path, str] | None:
    """The store's folder of hub id ``model`` and what is wrong with it, when the folder is
    there but holds no usable model (a pull cut short, a damaged copy); ``None`` when there
    is no such folder or it has its ``config.json``.

    Without this the folder is passed over, and the user is told the model is "not in the
    local cache", while its folder is right there.
    """
    if is_local_path(model):
        return None
    folder = models_home() / model_slug(model)
    if not folder.is_dir() or (folder / "config.json").is_file():
        return None
    problems = ["no config.json"]
    info = folder / MODEL_INFO_FILE
    if info.exists():
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or not data.get("revision"):
            problems.append(f"{MODEL_INFO_FILE} damaged")
    return folder, ", ".join(problems)


def incomplete_message(model: str, pull: str | None = None) -> str | None:
    """The one line for a store folder :func:`incomplete_copy` finds wrong, else ``None``."""
    broken = incomplete_copy(model)
    if broken is None:
        return None
    folder, why = broken
    return (
        f"the local copy of {model} in {folder} is incomplete ({why}): pull it again with "
        f"'aligntext models pull {pull or model}'"
    )


def hub_answered(exc: BaseException) -> bool:
    """Whether ``exc`` (or its cause) is the hub's answer about the repository itself."""
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    answered = (RepositoryNotFoundError, GatedRepoError)  # GatedRepoError is a subclass, too
    return isinstance(exc, answered) or isinstance(exc.__cause__, answered)


def pull_model(model: str, *, home: Path | None = None) -> Path:
    """Download ``model`` from the hub into the store (safetensors weights when the repo
    has them) and record its revision. Returns the model's folder.

    Raises:
        ModelNotFoundError: the hub cannot be reached or has no such model.
    """
    if hub_offline():
        raise ModelNotFoundError(
            f"cannot download {model}: HF_HUB_OFFLINE is set; unset it on a connected machine"
        )
    from huggingface_hub import HfApi, snapshot_download

    target = (home or models_home()) / model_slug(model)
    try:
        info = HfApi().model_info(model)
        files = [s.rfilename for s in info.siblings or ()]
        # safetensors when the repo has them: no pickle is ever loaded
        weights = ["*.safetensors"] if any(f.endswith(".safetensors") for f in files) else []
        if not weights:
            weights = ["pytorch_model.bin"]
        snapshot_download(
            model,
            revision=info.sha,
            local_dir=str(target),
            allow_patterns=[*DOWNLOAD_PATTERNS, *weights],
        )
    except Exception as exc:
        raise ModelNotFoundError(
            f"cannot download {model} from the hub ({type(exc).__name__}); check the id "
            f"and the connection, or pass --model DIR"
        ) from exc
    (target / MODEL_INFO_FILE).write_text(
        json.dumps({"id": model, "revision": info.sha}, indent=2) + "\n", encoding="utf-8"
    )
    return target


def folder_stamp(path: Path) -> dict[str, list[int]]:
    """What identifies a model folder's contents: each file's size and modification time
    (ns), by name; hidden files left out. Weights, config and tokenizer files all count:
    any of them changes what the model translates."""
    try:
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in files}
    except OSError:
        return {}


def local_revision(path: Path) -> str:
    """``local@<12 hex digits>`` for a model folder of no known hub revision: a digest of
    where it is and of its files' names, sizes and modification times.

    The revision is part of every translation's signature, which keys the segment cache: a
    bare ``local`` made two different folders both typed ``--model mdl`` (or new weights
    saved over old ones) share cached translations, so one model's output was served for
    another's.
    """
    import hashlib

    stamp = [str(path.resolve()), folder_stamp(path)]
    digest = hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()
    return f"local@{digest[:12]}"


def model_revision(path: Path) -> str:
    """The hub revision a local model folder was fetched at, else :func:`local_revision`."""
    info = path / MODEL_INFO_FILE
    if info.is_file():
        try:
            revision = json.loads(info.read_text(encoding="utf-8")).get("revision")
        except (OSError, ValueError):
            revision = None
        return str(revision) if revision else local_revision(path)
    # hub cache layout: .../models--org--name/snapshots/<commit>/
    if path.parent.name == "snapshots" and re.fullmatch(r"[0-9a-f]{40}", path.name):
        return path.name
    return local_revision(path)


def ct2_dir(model: str, quantization: str = "int8") -> Path:
    """Where the CTranslate2 copy of ``model`` (hub id or directory) is cached."""
    if is_local_path(model):
        path = Path(model).expanduser().resolve()
        digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
        slug = f"local--{path.name}-{digest}"
    else:
        slug = model_slug(model)
    return models_home() / "ct2" / f"{slug}-{quantization}"


#: A working folder's name: ``.<target>.<pid>.<host tag>.<random>``; the pid and host say
#: which process writes into it, so a run killed outright (SIGKILL, a power cut) leaves a
#: folder the next run can tell is nobody's.
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.(?P<host>[0-9a-f]{8})\.[^.]+$")

#: A working folder of a version that recorded no owner (``tempfile.mkdtemp``'s 8 characters).
_UNOWNED_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}$")

#: Working folders of versions that recorded no owner: swept once untouched this long.
_UNOWNED_AGE_S = 24 * 3600

#: What a store the user may not write raises (EROFS: a read-only mount).
STORE_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


def _host_tag() -> str:
    return hashlib.sha1(platform.node().encode("utf-8")).hexdigest()[:8]


def make_temp_dir(target: Path) -> Path:
    """A new working folder next to ``target``, named after this process, for a copy to be
    built in and renamed into place. :func:`sweep_temp_dirs` removes it if the process dies
    without cleaning up."""
    prefix = f".{target.name}.{os.getpid()}.{_host_tag()}."
    return Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (a process of another user counts)."""
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would send CTRL_C_EVENT there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, and someone else's
        return True
    return True


def _stale(entry: Path) -> bool:
    """Whether working folder ``entry`` belongs to no live process."""
    match = _TEMP_NAME.match(entry.name)
    if match is None:
        if not _UNOWNED_NAME.match(entry.name):
            return False  # not a working folder of ours
        # From a version that recorded no owner: only age tells it is abandoned.
        try:
            return time.time() - entry.stat().st_mtime > _UNOWNED_AGE_S
        except OSError:
            return False
    if match.group("host") != _host_tag():
        return False  # a shared store: a process on another machine cannot be asked
    return not _alive(int(match.group("pid")))


def sweep_temp_dirs(folder: Path, target: str | None = None) -> list[Path]:
    """Remove the working folders in ``folder`` (of ``target`` only, when given) that runs
    killed before they could clean up left behind; a folder a live process is writing into
    stays. Returns the folders removed (those that could not be are left quietly).
    """
    removed: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return removed
    prefix = f".{target}." if target else "."
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.is_dir() or entry.is_symlink():
            continue
        if _stale(entry):
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                removed.append(entry)
    return removed


#: The transformers ``model_type`` of each family aligntext runs, and that family (NLLB-200
#: is an ``m2m_100`` model too, told apart by its tokenizer); transformers' own classes load
#: them, so no code of the folder's runs.
MODEL_TYPE_FAMILIES: dict[str, str] = {"marian": "marian", "m2m_100": "m2m100"}


def check_model_type(model: str, folder: Path) -> None:
    """Refuse, from ``config.json`` alone, a transformers folder aligntext cannot run.

    A folder whose ``model_type`` is not a supported family and which names its own classes
    in ``auto_map`` needs its Python files run to load; transformers' refusal of that runs
    to many lines and tells the user to pass ``trust_remote_code``, which aligntext never
    does. Checked before transformers is called, so every backend and ``models convert``
    gives the same one line. A CTranslate2 folder (its own config) and a folder without a
    ``model_type`` or ``auto_map`` (the tokenizer may still tell its family) pass.

    Raises:
        InputError: the folder needs custom code, or is of an unsupported architecture.
    """
    if is_ct2_model(folder):
        return
    config = read_json_object(folder / "config.json")
    model_type = config.get("model_type")
    custom = "auto_map" in config
    if model_type in MODEL_TYPE_FAMILIES or (model_type is None and not custom):
        return
    kind = f"model_type {model_type!r}" if model_type else "no model_type"
    if custom:
        raise InputError(
            f"model {model} needs custom code ({kind}, auto_map), which aligntext never runs; "
            "use a Marian, NLLB or M2M100 model"
        )
    raise InputError(
        f"model {model} is of {kind}, which aligntext does not run; use a Marian, NLLB or "
        "M2M100 model"
    )


def is_ct2_model(path: Path) -> bool:
    """Whether ``path`` is a CTranslate2 model directory."""
    return (path / "model.bin").is_file()


#: What a pickle that would run code says (torch's ``weights_only`` loader refused it).
_PICKLE_GLOBAL = re.compile(r"unsupported GLOBAL (\S+)")


def weights_error(model: str, folder: Path, exc: BaseException) -> InputError:
    """One line for a model whose weights do not load: missing, damaged or unsafe files.

    The loaders' own messages run to many lines and torch's even suggests
    ``weights_only=False``, which would run the code a hostile pickle carries; the user only
    needs to know which folder is bad and how to get a good one.

    Args:
        model: the model as the user named it (hub id or folder).
        folder: the folder whose weights failed.
        exc: what the loader raised.
    """
    text = str(exc)
    unsafe = _PICKLE_GLOBAL.search(text)
    if unsafe:
        reason = f"a pickle that would call {unsafe.group(1)}, which is not plain weights"
    elif "weights only load failed" in text.lower():
        reason = "a pickle that holds more than plain weights"
    else:
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        reason = first if len(first) <= 160 else first[:157] + "..."
    # A copy the store converted is made again from its source; a folder of the user's is theirs.
    source = read_json_object(folder / "aligntext-source.json").get("source")
    if source and folder.resolve().parent == (models_home() / "ct2").resolve():
        fix = f"convert it again with `aligntext models convert {source} --force`"
    elif is_local_path(model):
        fix = "replace its files"
    else:
        fix = f"download it again with `aligntext models pull {model}`"
    return InputError(
        f"model {folder}: its weights cannot be loaded ({reason.rstrip('.')}); {fix} or give "
        "another --model"
    )


def weight_load_errors() -> tuple[type[BaseException], ...]:
    """What loading a model's weights raises on a missing, damaged or unsafe file: torch's
    refused pickle, safetensors' bad header, transformers' missing file, a bad tensor."""
    import pickle

    errors: tuple[type[BaseException], ...] = (OSError, RuntimeError, pickle.UnpicklingError)
    try:
        from safetensors import SafetensorError
    except ImportError:  # pragma: no cover - transformers needs safetensors
        return errors
    return (*errors, SafetensorError)
