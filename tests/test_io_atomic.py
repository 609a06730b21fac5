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
