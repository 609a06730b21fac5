"""Make the CUDA 12 libraries of the ``nvidia-*-cu12`` wheels findable for CTranslate2.

CTranslate2 4.x wheels are built against CUDA 12 and open ``libcublas.so.12`` (and, for some
models, cuDNN 9) with ``dlopen`` when they first run on a GPU. A machine whose driver comes
with CUDA 13 only has no such files, so the GPU is seen but the first translation fails.
``pip install 'aligntext[gpu]'`` installs ``nvidia-cublas-cu12`` and ``nvidia-cudnn-cu12``,
whose libraries live in ``site-packages/nvidia/<name>/lib`` where the dynamic loader does not
look. :func:`preload_cuda12` loads them by full path before ``ctranslate2`` is imported: the
loader then answers CTranslate2's ``dlopen("libcublas.so.12")`` with the library already in
the process (a loaded library is matched by its soname), and no ``LD_LIBRARY_PATH`` is
needed. It does nothing where the wheels are not installed, or off Linux.

Not verified on a GPU machine in the session that wrote it (none was lent); tested on CPU
for finding the files and for doing nothing without them.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path

#: Libraries to load, in dependency order (``libcublas`` needs ``libcublasLt``): the wheel
#: folder under ``nvidia/`` and the file name.
CUDA12_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("cuda_runtime", "libcudart.so.12"),
    ("cublas", "libcublasLt.so.12"),
    ("cublas", "libcublas.so.12"),
    ("cudnn", "libcudnn.so.9"),
)

_loaded: list[str] | None = None


def nvidia_roots() -> list[Path]:
    """The folders of the ``nvidia`` namespace package (empty when no wheel is installed)."""
    try:
        spec = importlib.util.find_spec("nvidia")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.submodule_search_locations is None:
        return []
    return [Path(p) for p in spec.submodule_search_locations]


def find_cuda12_libraries(roots: Iterable[Path] | None = None) -> list[Path]:
    """The CUDA 12 library files the ``nvidia-*-cu12`` wheels installed, in load order."""
    found: list[Path] = []
    search = list(roots) if roots is not None else nvidia_roots()
    for package, name in CUDA12_LIBRARIES:
        for root in search:
            candidate = root / package / "lib" / name
            if candidate.is_file():
                found.append(candidate)
                break
    return found


def preload_cuda12(roots: Iterable[Path] | None = None) -> list[str]:
    """Load the wheels' CUDA 12 libraries into this process (once); return their paths.

    A library that fails to load (a broken or foreign file) is skipped: CTranslate2 then
    reports the missing library as it would have, and :func:`~aligntext.translate.ct2
    .cuda_status` names it.
    """
    global _loaded
    if _loaded is not None and roots is None:
        return list(_loaded)
    loaded: list[str] = []
    if sys.platform.startswith("linux"):
        for path in find_cuda12_libraries(roots):
            try:
                # RTLD_GLOBAL: the symbols serve the libraries loaded after (cuBLAS needs
                # cuBLASLt's), and the soname is then known to later dlopen calls.
                ctypes.CDLL(str(path), mode=ctypes.RTLD_GLOBAL)
            except OSError:
                continue
            loaded.append(str(path))
    if roots is None:
        _loaded = loaded
    return list(loaded)
