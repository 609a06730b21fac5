"""Where aligntext keeps per-user caches (nothing is created by looking it up)."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    """``$ALIGNTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/aligntext``, else ``~/.cache/aligntext``."""
    explicit = os.environ.get("ALIGNTEXT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(base).expanduser() / "aligntext"
