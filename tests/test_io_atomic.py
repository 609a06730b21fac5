"""Atomic writes: all or nothing, and ordinary file permissions."""

from __future__ import annotations

import os
import stat

import pytest

from aligntext.io.atomic import atomic_open, atomic_write_text


def test_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"), atomic_open(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_new_file_gets_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "report.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "script.txt"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "b")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_output_that_is_the_file_stdin_reads_is_refused(tmp_path):
    """``segment - -o en.txt < en.txt``: '-' reads the very file the output would replace."""
    import subprocess
    import sys
    from pathlib import Path

    import aligntext

    text = "The pier was rebuilt in 2011. It is 212 metres long.\n"
    target = tmp_path / "en.txt"
    target.write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(aligntext.__file__).parents[1]))
    args = [sys.executable, "-m", "aligntext.cli", "segment", "-", "-o"]
    with target.open("rb") as stdin:
        done = subprocess.run(
            [*args, str(target)], stdin=stdin, capture_output=True, text=True, env=env
        )
    assert done.returncode == 2
    assert "standard input" in done.stderr and "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == text
    # Another output path is fine.
    with target.open("rb") as stdin:
        done = subprocess.run(
            [*args, str(tmp_path / "out.txt")], stdin=stdin, capture_output=True, env=env
        )
    assert done.returncode == 0 and (tmp_path / "out.txt").exists()


def test_a_name_of_250_bytes_is_written(tmp_path):
    # The temporary name adds 15 bytes: uncut, it passed the 255 of NAME_MAX.
    name = "я" * 122 + ".txt"  # 248 bytes in UTF-8
    target = tmp_path / name
    atomic_write_text(target, "kept\n")
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert os.listdir(tmp_path) == [name]
