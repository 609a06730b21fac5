"""Shared fixtures. Test data is written here, never copied from ../shared."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# Tests never reach a model hub, whatever the machine can do.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Nor do they write to the user's segment cache or model store: each run gets its own.
_SCRATCH = tempfile.mkdtemp(prefix="aligntext-tests-")
# Removed at exit: it holds the unpacked language-ID model (about 70 MB) among other things.
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
os.environ["ALIGNTEXT_CACHE_DIR"] = os.path.join(_SCRATCH, "cache")
os.environ["ALIGNTEXT_MODELS"] = os.path.join(_SCRATCH, "models")


@pytest.fixture()
def cli_runner():
    """A click runner for the ``aligntext`` CLI, stderr kept apart from stdout."""
    from click.testing import CliRunner

    return CliRunner()
