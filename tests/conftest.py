"""Shared fixtures. Test data is written here, never copied from ../shared."""

from __future__ import annotations

import os

import pytest

# Tests never reach a model hub, whatever the machine can do.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture()
def cli_runner():
    """A click runner for the ``aligntext`` CLI, stderr kept apart from stdout."""
    from click.testing import CliRunner

    return CliRunner()
