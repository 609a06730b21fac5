"""Working folders of conversions: removed on Ctrl-C and SIGTERM, swept after a SIGKILL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligntext.cli import cli
from aligntext.translate import store as model_store

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "store"


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _working_folder(parent: Path, target: str, pid: int, host: str | None = None) -> Path:
    folder = parent / f".{target}.{pid}.{host or model_store._host_tag()}.k2x_9qzr"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"half a model")
    return folder


def _fake_model(tmp_path: Path) -> Path:
    """A folder that passes for a Marian model until the (faked) converter reads it."""
    folder = tmp_path / "mdl"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    return folder


def test_sweep_removes_the_folders_of_dead_runs_only(tmp_path):
    dead = _working_folder(tmp_path, "m-int8", _dead_pid())
    mine = _working_folder(tmp_path, "m-int8", os.getpid())
    elsewhere = _working_folder(tmp_path, "m-int8", _dead_pid(), host="0123abcd")
    other_model = _working_folder(tmp_path, "n-int8", _dead_pid())
    old_unowned = tmp_path / ".m-int8.ab_cd123"
    old_unowned.mkdir()
    os.utime(old_unowned, (time.time() - 3 * 86400,) * 2)
    fresh_unowned = tmp_path / ".m-int8.xy_z9876"
    fresh_unowned.mkdir()
    not_ours = tmp_path / ".git"
    not_ours.mkdir()
    os.utime(not_ours, (time.time() - 3 * 86400,) * 2)

    assert model_store.sweep_temp_dirs(tmp_path, "m-int8") == sorted([dead, old_unowned])
    assert mine.is_dir() and elsewhere.is_dir() and other_model.is_dir()
    assert fresh_unowned.is_dir() and not_ours.is_dir()
    assert model_store.sweep_temp_dirs(tmp_path) == [other_model]


def test_working_folder_names_its_owner(tmp_path):
    folder = model_store.make_temp_dir(tmp_path / "m-int8")
    assert folder.parent == tmp_path
    assert folder.name.startswith(f".m-int8.{os.getpid()}.")
    assert model_store.sweep_temp_dirs(tmp_path) == []  # this process is alive
    assert folder.is_dir()


def test_convert_sweeps_what_a_killed_conversion_left(cli_runner, store, tmp_path, monkeypatch):
    from aligntext.translate import ct2

    model = _fake_model(tmp_path)
    target = model_store.ct2_dir(str(model))
    dead = _working_folder(target.parent, target.name, _dead_pid())
    live = _working_folder(target.parent, target.name, os.getpid())

    class Converter:
        def convert(self, out: str, **_kwargs: object) -> str:
            (Path(out) / "model.bin").write_bytes(b"model")
            return out

    monkeypatch.setattr(ct2, "_convert_family", lambda _path: Converter())
    result = cli_runner.invoke(cli, ["models", "convert", str(model)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert not dead.exists() and live.is_dir()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, live.name])


def test_interrupted_convert_leaves_no_working_folder(cli_runner, store, tmp_path, monkeypatch):
    from aligntext.translate import ct2

    model = _fake_model(tmp_path)

    class Converter:
        def convert(self, out: str, **_kwargs: object) -> str:
            (Path(out) / "model.bin").write_bytes(b"half")
            raise KeyboardInterrupt

    monkeypatch.setattr(ct2, "_convert_family", lambda _path: Converter())
    result = cli_runner.invoke(cli, ["models", "convert", str(model)])
    assert result.exit_code == 130, result.output
    assert result.stderr == (
        "aligntext: interrupted; nothing was converted; run the same command again\n"
    )
    assert list((store / "ct2").iterdir()) == []


# A conversion that sends itself SIGTERM halfway, in a process of its own.
_TERMINATED_RUN = """
import os, signal, sys, time
from pathlib import Path
from aligntext.translate import ct2
from aligntext.cli import main

class Converter:
    def convert(self, out, **kwargs):
        (Path(out) / "model.bin").write_bytes(b"half")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)

ct2._convert_family = lambda path: Converter()
sys.exit(main(["models", "convert", sys.argv[1]]))
"""


def test_sigterm_during_convert_exits_143_and_leaves_no_working_folder(store, tmp_path):
    model = _fake_model(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", _TERMINATED_RUN, str(model)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 143, (done.returncode, done.stderr)
    assert done.stderr.strip().splitlines()[-1] == (
        "aligntext: terminated (SIGTERM); nothing was converted; run the same command again"
    )
    assert list((store / "ct2").iterdir()) == []


def test_models_clean_lists_what_it_removed(cli_runner, store):
    ct2_root = store / "ct2"
    dead = _working_folder(ct2_root, "m-int8", _dead_pid())
    live = _working_folder(ct2_root, "m-int8", os.getpid())
    result = cli_runner.invoke(cli, ["models", "clean"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{dead}\n"
    assert live.is_dir() and not dead.exists()
    again = cli_runner.invoke(cli, ["models", "clean"])
    assert again.exit_code == 0 and again.stdout == ""
