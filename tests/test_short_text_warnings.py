"""A language detected from a few letters is a guess: detect and align say so on stderr."""

from __future__ import annotations

import json

import pytest

from aligntext.cli import cli


def test_detect_warns_on_a_very_short_text(cli_runner, tmp_path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Ok\n", encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 0
    # stdout stays the bare answer that scripts read.
    assert result.stdout.strip() in {"en", "az", "ru", "tr"}
    assert "too short to tell its language for sure" in result.stderr
    quiet = cli_runner.invoke(cli, ["detect", str(path), "--quiet"])
    assert quiet.stderr == ""
    as_json = cli_runner.invoke(cli, ["detect", str(path), "--format", "json"])
    assert json.loads(as_json.stdout)["lang"] == result.stdout.strip()


@pytest.mark.parametrize(
    "text",
    [
        "The delegation will visit the new port next week to discuss customs duties.",
        "Yes, thanks.",  # short, but clearly English: no guess
    ],
)
def test_detect_is_silent_on_a_clear_sentence(cli_runner, tmp_path, text) -> None:
    path = tmp_path / "clear.txt"
    path.write_text(text + "\n", encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "en"
    assert "too short" not in result.stderr


def test_align_warns_when_guessed_languages_go_into_the_output(cli_runner, tmp_path) -> None:
    en, az = tmp_path / "ok.en", tmp_path / "s.az"
    en.write_text("Ok.\n", encoding="utf-8")
    az.write_text("Salam.\n", encoding="utf-8")
    result = cli_runner.invoke(cli, ["align", str(en), str(az), "--format", "tsv"])
    assert result.exit_code == 0
    assert result.stderr.count("too short to tell its language for sure") == 2
    given = cli_runner.invoke(
        cli, ["align", str(en), str(az), "--format", "tsv", "--src", "en", "--tgt", "az"]
    )
    assert given.exit_code == 0
    assert "too short" not in given.stderr
    assert given.stdout.splitlines()[0].startswith("en\taz\t")
