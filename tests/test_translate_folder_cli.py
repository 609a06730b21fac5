"""``aligntext translate``: options, one-line errors (exit 2), summary, offline model error."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar

import pytest

import aligntext.translate.loader as loader
from aligntext.cli import cli


class Upper:
    """A stand-in translator: upper-cases, remembers how it was built."""

    built: ClassVar[list[tuple[str, str, dict]]] = []

    def __init__(self, src: str, tgt: str, **options) -> None:
        self.src_lang, self.tgt_lang = src, tgt
        Upper.built.append((src, tgt, options))

    def translate(self, sentences, progress=None):
        return [s.upper() for s in sentences]

    def signature_fields(self):
        return (("model", "upper"), ("backend", "fake"))


@pytest.fixture()
def fake_models(monkeypatch):
    """Route the CLI's default translator factory to :class:`Upper`."""
    Upper.built = []

    def fake_factory(model, backend, device, beam_size, batch_tokens, options):
        def make(src, tgt):
            chosen = model.get(tgt) if isinstance(model, dict) else model
            return Upper(
                src,
                tgt,
                model=chosen,
                backend=backend,
                device=device,
                beam=beam_size,
                batch_tokens=batch_tokens,
            )

        return make

    monkeypatch.setattr(loader, "translator_factory", fake_factory)
    return Upper


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "note.txt").write_text(
        "The talks will resume in May. Both delegations agreed.\n", encoding="utf-8"
    )
    (root / "readme.md").write_text("# Summary\n\nA short summary follows.\n", encoding="utf-8")
    return root


def invoke(cli_runner, args):
    return cli_runner.invoke(cli, ["translate", *args])


def test_translates_into_several_targets(cli_runner, fake_models, docs, tmp_path):
    out = tmp_path / "out"
    result = invoke(
        cli_runner,
        [
            str(docs),
            "--src",
            "en",
            "--tgt",
            "ru",
            "--tgt",
            "az,tr",
            "--out",
            str(out),
            "--cache",
            str(tmp_path / "c.sqlite"),
            "--beam",
            "4",
            "--backend",
            "ct2",
        ],
    )
    assert result.exit_code == 0, result.output
    for tgt in ("ru", "az", "tr"):
        assert (out / tgt / "2024" / "note.txt").read_text(encoding="utf-8") == (
            "THE TALKS WILL RESUME IN MAY. BOTH DELEGATIONS AGREED.\n"
        )
        assert (out / tgt / "readme.md").read_text(encoding="utf-8").startswith("# SUMMARY\n")
    assert {(s, t) for s, t, _ in fake_models.built} == {("en", "ru"), ("en", "az"), ("en", "tr")}
    assert all(o["beam"] == 4 and o["backend"] == "ct2" for _, _, o in fake_models.built)
    assert "6 files translated" in result.stderr
    assert result.stdout == ""  # data goes to files; the summary to stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tgts"] == ["ru", "az", "tr"]


def test_quiet_prints_nothing_and_rerun_skips(cli_runner, fake_models, docs, tmp_path):
    args = [str(docs), "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o"), "--no-cache"]
    first = invoke(cli_runner, [*args, "--quiet"])
    assert first.exit_code == 0 and first.stderr == ""
    second = invoke(cli_runner, args)
    assert second.exit_code == 0
    assert "0 files translated, 2 skipped" in second.stderr


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (["DIR"], {"ru": "DIR", "tr": "DIR"}),
        (["ru=A", "tr=B"], {"ru": "A", "tr": "B"}),
        (["ru=A", "DIR"], {"ru": "A", "tr": "DIR"}),
        (["./x=y"], {"ru": "./x=y", "tr": "./x=y"}),
    ],
)
def test_model_option_per_target(cli_runner, fake_models, docs, tmp_path, models, expected):
    args = [str(docs), "--src", "en", "--tgt", "ru", "--tgt", "tr", "--out", str(tmp_path / "o")]
    for m in models:
        args += ["--model", m]
    result = invoke(cli_runner, [*args, "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert {t: o["model"] for _, t, o in fake_models.built} == expected


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["{tmp}/missing", "--src", "en", "--tgt", "ru"], "does not exist"),
        (["{tmp}/empty", "--src", "en", "--tgt", "ru"], "no .* files found"),
        (["{docs}", "--src", "en", "--tgt", "en"], "both 'en'"),
        (["{docs}", "--src", "en", "--tgt", "de"], "unknown language 'de'"),
        (["{docs}", "--src", "klingon", "--tgt", "ru"], "unknown language 'klingon'"),
        (["{docs}", "--src", "en", "--tgt", "ru", "--out", "{docs}/out"], "inside input folder"),
        (["{docs}", "--src", "en", "--tgt", "ru", "--out", "{docs}/readme.md"], "file"),
        (["{docs}", "--src", "en", "--tgt", "ru", "--cache", "c", "--no-cache"], "exclude"),
        (["{docs}", "--src", "en", "--tgt", "ru", "--model", "A", "--model", "B"], "twice"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli_runner, fake_models, docs, tmp_path, args, match):
    import re

    (tmp_path / "empty").mkdir()
    args = [a.format(tmp=tmp_path, docs=docs) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    result = invoke(cli_runner, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or lines[0].startswith("Usage:"), result.stderr
    assert re.search(match, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_failed_file_is_reported_and_exits_2(cli_runner, fake_models, docs, tmp_path):
    (docs / "broken.docx").write_bytes(b"not a docx")
    result = invoke(
        cli_runner,
        [str(docs), "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o"), "--no-cache"],
    )
    assert result.exit_code == 2
    assert "broken.docx" in result.stderr
    assert "1 of 3 files failed" in result.stderr
    assert (tmp_path / "o" / "ru" / "readme.md").is_file()  # the others are done
    # The failure is said once, with its reason (it was a bare "translation failed", then
    # the reason on a line of its own).
    [line] = [x for x in result.stderr.splitlines() if "broken.docx" in x and "warning" in x]
    assert "translation failed: " in line and "not a zip archive" in line


def test_offline_without_model_is_one_line_exit_2(cli_runner, docs, tmp_path, monkeypatch):
    pytest.importorskip("aligntext.translate.hf", reason="transformers backend not built yet")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    result = invoke(
        cli_runner,
        [str(docs), "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o"), "--no-cache"],
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Helsinki-NLP/opus-mt-en-ru" in lines[0] or "opus-mt" in lines[0]
    assert "models pull" in lines[0] and "--model" in lines[0]
    assert not (tmp_path / "o" / "ru" / "readme.md").exists()


def test_check_lists_suspects_on_stderr(cli_runner, monkeypatch, tmp_path):
    class OffByOne(Upper):
        def translate(self, sentences, progress=None):
            return ["Торговля выросла на 13 процентов в мае." for s in sentences]

    monkeypatch.setattr(
        loader, "translator_factory", lambda *a, **k: lambda src, tgt: OffByOne(src, tgt)
    )
    (tmp_path / "a.txt").write_text("Trade grew by 12 percent in May.\n", encoding="utf-8")
    result = invoke(
        cli_runner,
        [str(tmp_path / "a.txt"), "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o"),
         "--no-cache", "--check", "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("ru/a.txt: sentence 1: error: number:")
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["ru/a.txt"]["findings"][0]["type"] == "number"


def test_a_file_named_by_language_is_translated_as_text(cli_runner, fake_models, tmp_path):
    news = tmp_path / "news.en"
    news.write_text("The port reopened on Monday.\n\nShips wait outside.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli_runner.invoke(cli, ["translate", str(news), "--src", "en", "--tgt", "ru",
                                     "--out", str(out), "--no-cache"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (out / "ru" / "news.en").read_text(encoding="utf-8") == (
        "THE PORT REOPENED ON MONDAY.\n\nSHIPS WAIT OUTSIDE.\n"
    )
    # --input-format md reads such a file as Markdown: a code block is not text to translate.
    notes = tmp_path / "notes.en"
    notes.write_text("Ships wait outside.\n\n```\nport.reopen()\n```\n", encoding="utf-8")
    args = ["translate", str(notes), "--src", "en", "--tgt", "ru", "--out", str(out)]
    result = cli_runner.invoke(cli, [*args, "--no-cache", "--input-format", "md"])
    assert result.exit_code == 0, result.output
    assert (out / "ru" / "notes.en").read_text(encoding="utf-8") == (
        "SHIPS WAIT OUTSIDE.\n\n```\nport.reopen()\n```\n"
    )


def test_figures_only_files_are_counted_and_said_kept(cli_runner, fake_models, tmp_path):
    # `-o` is --out, as every other command's -o names its output.
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.txt").write_text("2023\n", encoding="utf-8")
    (root / "b.txt").write_text("Both delegations agreed.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [str(root), "--src", "en", "--tgt", "ru", "-o", str(out)]
    result = invoke(cli_runner, [*args, "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    assert (out / "ru" / "a.txt").read_text(encoding="utf-8") == "2023\n"
    assert "; 2 sentences (1 sent to the model, 0 from the cache" in result.stderr
    assert ", 1 of figures or symbols only kept as written)" in result.stderr


def test_old_spellings_of_the_language_flags_still_work(cli_runner, fake_models, docs, tmp_path):
    args = ["translate", str(docs), "--src-lang", "en", "--tgt-lang", "ru", "--out"]
    result = cli_runner.invoke(cli, [*args, str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert {(s, t) for s, t, _ in fake_models.built} == {("en", "ru")}


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        (
            ["--retry-failed", "--fallback-model", "/nonexistent/m"],
            "--fallback-model .* does not exist",
        ),
        (["--cache", "{docs}/2024/note.txt"], "--cache .* is one of the inputs"),
        # A cache on a translation or the manifest: the run and the database take turns
        # writing over each other.
        (["--cache", "{tmp}/o/ru/2024/note.txt"], "--cache .* would replace the run's own"),
        (["--cache", "{tmp}/o/manifest.json"], "--cache .* would replace the run's own"),
        (["--cache", "{tmp}/r.html", "--report", "{tmp}/r.html"], "name the same file"),
        (["--out", "{tmp}/o2"], "is a file, where the ru translations go"),
    ],
)
def test_options_that_would_fail_late_or_touch_an_input_fail_first(
    cli_runner, fake_models, docs, tmp_path, extra, match
):
    (tmp_path / "o2").mkdir()
    (tmp_path / "o2" / "ru").write_text("not a folder", encoding="utf-8")
    before = (docs / "2024" / "note.txt").read_bytes()
    args = [a.format(docs=docs, tmp=tmp_path) for a in extra]
    out = [] if "--out" in args else ["--out", str(tmp_path / "o")]
    result = invoke(cli_runner, [str(docs), "--src", "en", "--tgt", "ru", *out, *args])
    assert result.exit_code == 2, result.output
    assert re.search(match, result.stderr), result.stderr
    assert Upper.built == []  # refused before any model or file was touched
    assert (docs / "2024" / "note.txt").read_bytes() == before


def test_a_folder_that_cannot_be_read_is_warned_and_fails(
    cli_runner, fake_models, docs, tmp_path, monkeypatch
):
    import os

    real, blocked = os.scandir, str(docs / "2024")

    def scandir(path=".", *a, **kw):  # chmod 000 for a user other than root
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", blocked)
        return real(path, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out"
    result = invoke(cli_runner, [str(docs), "--src", "en", "--tgt", "ru", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"cannot read folder {blocked!r}: Permission denied" in result.stderr
    assert (out / "ru" / "readme.md").is_file()


def test_a_folder_with_an_empty_file_exits_0(cli_runner, fake_models, docs, tmp_path):
    (docs / "placeholder.txt").write_bytes(b"\n")
    out = tmp_path / "out"
    result = invoke(cli_runner, [str(docs), "--tgt", "ru", "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "3 files translated (1 with no text, written as they are)" in result.stderr
    assert "warning" not in result.stderr
    assert (out / "ru" / "placeholder.txt").read_bytes() == b"\n"


def test_ray_before_a_lone_input_names_the_address_problem(cli_runner, tmp_path):
    """`--ray DIR` with one input said "missing argument 'INPUTS...'"; docs/scale.md
    promises the message about --ray=ADDRESS."""
    from aligntext.cli import cli

    (tmp_path / "a.txt").write_text("The talks went on.\n", encoding="utf-8")
    result = cli_runner.invoke(
        cli, ["translate", "--src", "en", "--tgt", "ru", "--ray", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "is not a Ray address" in result.stderr and "--ray=ADDRESS" in result.stderr
    assert "INPUTS" not in result.stderr


def test_stdin_is_refused_with_what_to_do(cli_runner, fake_models, tmp_path):
    result = invoke(cli_runner, ["-", "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "translate reads files and folders, not stdin" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
