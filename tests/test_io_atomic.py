"""Atomic writes: all or nothing, and ordinary file permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from aligntext.errors import InputError
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


def test_symlinked_output_writes_the_file_it_points_to(tmp_path):
    """``-o link``: the linked file gets the text (as ``cp`` or ``>`` would); the link stays."""
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "out.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(Path("real") / "out.txt")
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.txt")
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    # The temporary file was made beside the target, and nothing is left behind.
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.txt"]


def test_chain_of_symlinks_is_followed_to_the_end(tmp_path):
    real = tmp_path / "real.txt"
    (tmp_path / "b").symlink_to(real)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    atomic_write_text(tmp_path / "a", "text")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
    assert real.read_text(encoding="utf-8") == "text"


def test_dangling_symlink_creates_its_target_when_the_folder_exists(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to("new.txt")
    atomic_write_text(link, "text")
    assert link.is_symlink() and (tmp_path / "new.txt").read_text(encoding="utf-8") == "text"


def test_dangling_symlink_into_a_missing_folder_is_refused(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere" / "new.txt")
    with pytest.raises(InputError, match="folder does not exist"):
        atomic_write_text(link, "text")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError, match="symlink loop"):
        atomic_write_text(tmp_path / "a", "text")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


@pytest.mark.parametrize("command", ["segment", "check"])
def test_cli_output_through_a_symlink(cli_runner, tmp_path, command):
    """Every command writes through ``atomic_open``: the link's file is written, a link to
    the input is still refused, a dangling link into no folder is one line, exit 2."""
    from aligntext.cli import cli

    source = tmp_path / ("en.txt" if command == "segment" else "pairs.tsv")
    text = (
        "The pier is 212 metres long.\n"
        if command == "segment"
        else "The pier is 212 metres long.\tИскеле длиной 212 метров.\n"
    )
    source.write_text(text, encoding="utf-8")
    real = tmp_path / "report.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    extra = [] if command == "segment" else ["--src", "en", "--tgt", "ru"]
    result = cli_runner.invoke(cli, [command, str(source), *extra, "-o", str(link)])
    assert result.exit_code in (0, 1), result.output
    assert link.is_symlink() and real.read_text(encoding="utf-8") not in ("old", "")

    to_input = tmp_path / "to-input"
    to_input.symlink_to(source)
    refused = cli_runner.invoke(cli, [command, str(source), *extra, "-o", str(to_input)])
    assert refused.exit_code == 2 and "destroy the input" in refused.stderr
    assert source.read_text(encoding="utf-8") == text and to_input.is_symlink()

    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "no-folder" / "x.txt")
    failed = cli_runner.invoke(cli, [command, str(source), *extra, "-o", str(dangling)])
    lines = failed.stderr.strip().splitlines()
    assert failed.exit_code == 2 and len(lines) == 1 and "folder does not exist" in lines[0]
    assert dangling.is_symlink()
