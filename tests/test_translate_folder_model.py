"""The folder job with tiny real models, loaded the way a downloaded model is.

Random weights translate into nonsense: these tests check files, structure, caching and
resume through the real backends (transformers and CTranslate2), not wording.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligntext.cli import cli
from aligntext.pipeline import translate_folder
from tiny_models import tiny_model

pytestmark = pytest.mark.model


@pytest.fixture()
def models_home(tmp_path, monkeypatch):
    """Converted CTranslate2 copies go to a temporary folder, not the checkout."""
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    import docx

    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    (root / "note.txt").write_text(
        "The delegation met the President in Baku on Monday.\n\n"
        "The parties agreed to continue the negotiations. Exports grew by 12.5 percent.\n",
        encoding="utf-8",
    )
    (root / "a" / "release.md").write_text(
        "# Statement\n\nThe government will publish the full report next month.\n\n"
        "- Parliament approved the budget.\n- The vote was 95 to 12.\n",
        encoding="utf-8",
    )
    document = docx.Document()
    document.add_heading("Annual report", level=1)
    document.add_paragraph("A new railway line will open in May. It links two cities.")
    document.add_paragraph("The Prime Minister thanked the partners.")
    document.save(str(root / "a" / "b" / "report.docx"))
    return root


RELS = ("a/b/report.docx", "a/release.md", "note.txt")


def paragraphs(path: Path) -> list[str]:
    from aligntext.io.documents import read_document

    return [p.text for p in read_document(path).paragraphs]


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_cli_translates_a_folder_and_a_rerun_costs_nothing(
    cli_runner, models_home, folder, tmp_path, backend
):
    model = str(tiny_model("marian", target_tokens=True))
    common = ["--src", "en", "--tgt", "ru", "--tgt", "az", "--model", model]
    common += ["--backend", backend, "--beam", "1", "--cache", str(tmp_path / "c.sqlite")]
    first = cli_runner.invoke(
        cli, ["translate", str(folder), *common, "--out", str(tmp_path / "o1")]
    )
    assert first.exit_code == 0, first.output
    for tgt in ("ru", "az"):
        for rel in RELS:
            out = tmp_path / "o1" / tgt / rel
            assert len(paragraphs(out)) == len(paragraphs(folder / rel)), rel
            assert all(p.strip() for p in paragraphs(out))
    manifest = json.loads((tmp_path / "o1" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signatures"]["en-ru"]["backend"] == backend
    assert manifest["signatures"]["en-ru"]["beam"] == "1"
    assert manifest["totals"]["translated"] > 0
    assert not [p for p in (tmp_path / "o1").rglob("*") if ".part" in p.name]

    # A new output folder: only the segment cache can make this free.
    second = cli_runner.invoke(
        cli, ["translate", str(folder), *common, "--out", str(tmp_path / "o2")]
    )
    assert second.exit_code == 0, second.output
    manifest = json.loads((tmp_path / "o2" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["translated"] == 0
    assert manifest["totals"]["cached"] == manifest["totals"]["sentences"] > 0
    for rel in RELS:
        assert paragraphs(tmp_path / "o2" / "ru" / rel) == paragraphs(tmp_path / "o1" / "ru" / rel)


class Recording:
    """A real translator that records what it is sent; Ctrl-C on call ``stop_at``."""

    def __init__(self, inner, sent: list[str], stop_at: int | None = None) -> None:
        self.inner, self.sent, self.calls, self.stop_at = inner, sent, 0, stop_at
        self.src_lang, self.tgt_lang = inner.src_lang, inner.tgt_lang

    def translate(self, sentences, progress=None):
        self.calls += 1
        if self.calls == self.stop_at:
            raise KeyboardInterrupt
        self.sent.extend(sentences)
        return self.inner.translate(sentences, progress)

    def signature_fields(self):
        return self.inner.signature_fields()


def test_resume_after_interruption_with_ct2(models_home, folder, tmp_path):
    from aligntext.translate import load_translator

    model = str(tiny_model("marian"))

    def real(src, tgt):
        return load_translator(src, tgt, model=model, backend="ct2", beam_size=1)

    out, cache = tmp_path / "out", tmp_path / "c.sqlite"
    first: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        translate_folder(
            [folder], "en", ["ru"], out, cache=cache, chunk_sentences=1,
            translator_factory=lambda s, t: Recording(real(s, t), first, stop_at=2),
        )  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    done = {k for k, v in manifest["files"].items() if v["status"] == "done"}
    assert done == {"ru/note.txt"}  # the first file; Ctrl-C came during the second
    assert not (out / "ru" / "a").exists()
    assert not [p for p in out.rglob("*") if ".part" in p.name]
    stamp = (out / "ru/note.txt").stat().st_mtime_ns

    second: list[str] = []
    result = translate_folder(
        [folder], "en", ["ru"], out, cache=cache,
        translator_factory=lambda s, t: Recording(real(s, t), second),
    )  # fmt: skip
    assert [(f.relpath, f.status) for f in result.files] == [
        ("ru/note.txt", "skipped"),
        ("ru/a/release.md", "done"),
        ("ru/a/b/report.docx", "done"),
    ]
    assert (out / "ru/note.txt").stat().st_mtime_ns == stamp
    assert result.translated == result.sentences - result.cached
    assert not set(first) & set(second)
    for rel in RELS:
        assert len(paragraphs(out / "ru" / rel)) == len(paragraphs(folder / rel))


def test_a_single_target_marian_folder_serves_one_target_only(models_home, tmp_path, cli_runner):
    model = str(tiny_model("marian"))  # no >>xxx<< tokens: it writes one language
    src = tmp_path / "in.txt"
    src.write_text("The delegation met the President in Baku on Monday.\n", encoding="utf-8")
    args = ["translate", str(src), "--src", "en", "--out", str(tmp_path / "o"), "--no-cache"]
    result = cli_runner.invoke(cli, [*args, "--tgt", "ru,az", "--model", model])
    assert result.exit_code == 2, result.output
    assert "translates into one language" in result.stderr
    assert "--model ru=DIR --model az=DIR" in result.stderr
    assert not (tmp_path / "o" / "az" / "in.txt").exists()  # never the Russian model's text
    # One target: fine.
    one = cli_runner.invoke(cli, [*args, "--tgt", "ru", "--model", model])
    assert one.exit_code == 0, one.output


def test_a_model_for_a_target_the_run_lacks_is_refused(tmp_path, cli_runner):
    src = tmp_path / "in.txt"
    src.write_text("The delegation met the President.\n", encoding="utf-8")
    args = ["translate", str(src), "--src", "en", "--tgt", "ru", "--out", str(tmp_path / "o")]
    for given in ("tr=somewhere", "ru-en=somewhere"):
        result = cli_runner.invoke(cli, [*args, "--model", given])
        assert result.exit_code == 2, result.output
        assert "which this run does not translate into (ru)" in result.stderr
