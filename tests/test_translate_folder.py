"""The folder translation job with a fake translator: structure, cache, resume, manifest.

The job must work with any :class:`~aligntext.translate.base.Translator`; a fake one that
rewrites sentences predictably lets these tests check every output exactly. Tests with the
tiny real models are in ``test_translate_folder_model.py``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from aligntext.errors import InputError
from aligntext.pipeline import ProgressEvent, translate_folder
from aligntext.pipeline.batch import collect_inputs, safe_output
from aligntext.translate.base import Translator
from aligntext.translate.cache import CachedTranslator, SegmentCache, cache_key

# --- a fake translator ------------------------------------------------------------------------


def fake(sentence: str, tgt: str) -> str:
    """What the fake translator makes of a sentence: target tag plus upper-cased words."""
    return f"({tgt}) " + " ".join(w.upper() for w in sentence.split())


class FakeTranslator:
    """Upper-cases sentences; logs what it is sent; can stop after a number of calls."""

    def __init__(
        self, src: str, tgt: str, log: list[str], *, stop_after_calls: int | None = None
    ) -> None:
        self.src_lang, self.tgt_lang = src, tgt
        self.log = log
        self.calls = 0
        self.stop_after_calls = stop_after_calls
        self.beam = "1"

    def translate(self, sentences, progress=None):
        if self.stop_after_calls is not None and self.calls >= self.stop_after_calls:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a run
        self.calls += 1
        self.log.extend(sentences)
        if progress is not None:
            progress(len(sentences))
        return [fake(s, self.tgt_lang) for s in sentences]

    def signature_fields(self):
        return (("model", "fake"), ("backend", "fake"), ("beam", self.beam))


def factory(log: list[str], **kw):
    return lambda src, tgt: FakeTranslator(src, tgt, log, **kw)


# --- fixtures written for these tests ---------------------------------------------------------

TXT = (
    "Statement of the Ministry\n\n"
    "The Ministry met the delegation on Monday. Both sides agreed to continue the talks.\n\n"
    "The full text will be published next week.\n"
)
MD = (
    "# Press release\n\n"
    "The parties signed three agreements. The next round is planned for May.\n\n"
    "- Trade grew by 12 percent.\n"
    "- The full text will be published next week.\n"
)
DOCX_PARAS = [
    ("Title", "Annual report"),
    (None, "The committee approved the budget. The vote was unanimous."),
    (None, "2024"),
    (None, "The full text will be published next week."),
]


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for style, text in DOCX_PARAS:
        document.add_paragraph(text, style=style) if style else document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder with nested .txt, .md and .docx files (and things to ignore)."""
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(TXT, encoding="utf-8")
    (root / "sub" / "b.md").write_text(MD, encoding="utf-8")
    make_docx(root / "sub" / "deeper" / "c.docx")
    (root / "notes.csv").write_text("not,a,document\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("Hidden files are skipped.\n", encoding="utf-8")
    return root


def run(tree: Path, out: Path, log: list[str], tgts=("ru",), **kw):
    kw.setdefault("cache", out.parent / "cache.sqlite")
    factory_kw = {k: kw.pop(k) for k in ("stop_after_calls",) if k in kw}
    return translate_folder(
        [tree], "en", list(tgts), out, translator_factory=factory(log, **factory_kw), **kw
    )


def read_paragraphs(path: Path) -> list[str]:
    from aligntext.io.documents import read_document

    return [p.text for p in read_document(path).paragraphs]


def part_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if ".part" in p.name]


def expected_paragraph(text: str, tgt: str) -> str:
    from aligntext.segment import split_sentences

    return " ".join(
        fake(s, tgt) if any(c.isalpha() for c in s) else s for s in split_sentences(text, "en")
    )


RELS = ["a.txt", "sub/b.md", "sub/deeper/c.docx"]


# --- structure ----------------------------------------------------------------------------


def test_folder_is_mirrored_with_same_formats_and_paragraphs(tree, tmp_path):
    log: list[str] = []
    result = run(tree, tmp_path / "out", log, tgts=("ru", "tr"))
    assert [f.relpath for f in result.files] == [f"{t}/{r}" for r in RELS for t in ("ru", "tr")]
    assert {f.status for f in result.files} == {"done"}
    for tgt in ("ru", "tr"):
        for rel in RELS:
            source, output = tree / rel, tmp_path / "out" / tgt / rel
            assert output.is_file()
            src_paras = read_paragraphs(source)
            out_paras = read_paragraphs(output)
            assert len(out_paras) == len(src_paras)
            assert out_paras == [expected_paragraph(p, tgt) for p in src_paras]
    assert not (tmp_path / "out" / "ru" / "notes.csv").exists()
    assert not (tmp_path / "out" / "ru" / ".hidden").exists()
    assert part_files(tmp_path / "out") == []


def test_markdown_and_docx_structure_survive(tree, tmp_path):
    from aligntext.io.documents import read_document

    run(tree, tmp_path / "out", [])
    md = (tmp_path / "out" / "ru" / "sub" / "b.md").read_text(encoding="utf-8")
    assert md.startswith("# (ru) PRESS RELEASE\n")
    assert "\n- (ru) TRADE GREW BY 12 PERCENT.\n" in md
    src_kinds = [p.kind for p in read_document(tree / "sub" / "deeper" / "c.docx")]
    out_kinds = [p.kind for p in read_document(tmp_path / "out" / "ru/sub/deeper/c.docx")]
    assert out_kinds == src_kinds


def test_sentences_without_letters_are_copied_not_translated(tree, tmp_path):
    log: list[str] = []
    run(tree, tmp_path / "out", log)
    assert "2024" not in log
    assert "2024" in read_paragraphs(tmp_path / "out" / "ru/sub/deeper/c.docx")


def test_sentences_are_batched_across_files_and_deduplicated(tree, tmp_path):
    log: list[str] = []
    run(tree, tmp_path / "out", log, cache=False)
    boiler = "The full text will be published next week."
    assert log.count(boiler) == 1  # in all three files, sent once
    assert len(log) == len(set(log))
    # One chunk: every file's sentences in one call, so the backend can fill its batches.
    assert any(s.startswith("Statement") for s in log) and "Annual report" in log


def test_chunks_split_between_files(tree, tmp_path):
    calls: list[int] = []

    class Counting(FakeTranslator):
        def translate(self, sentences, progress=None):
            calls.append(len(sentences))
            return super().translate(sentences, progress)

    translate_folder(
        [tree],
        "en",
        ["ru"],
        tmp_path / "out",
        translator_factory=lambda s, t: Counting(s, t, []),
        cache=False,
        chunk_sentences=1,
    )
    assert len(calls) == 3  # one chunk per file


# --- cache ----------------------------------------------------------------------------------


def test_second_run_sends_nothing_to_the_translator(tree, tmp_path):
    first: list[str] = []
    result1 = run(tree, tmp_path / "out1", first)
    assert result1.translated == len(first) > 0
    second: list[str] = []
    result2 = run(tree, tmp_path / "out2", second)  # a new folder: only the cache helps
    assert second == []
    assert result2.translated == 0 and result2.cached == result1.translated + result1.cached
    for rel in RELS:
        assert read_paragraphs(tmp_path / "out2" / "ru" / rel) == read_paragraphs(
            tmp_path / "out1" / "ru" / rel
        )


def test_rerun_into_same_folder_skips_finished_files(tree, tmp_path):
    run(tree, tmp_path / "out", [])
    before = {r: (tmp_path / "out" / "ru" / r).stat().st_mtime_ns for r in RELS}
    log: list[str] = []
    result = run(tree, tmp_path / "out", log, cache=False)
    assert log == []
    assert {f.status for f in result.files} == {"skipped"}
    assert before == {r: (tmp_path / "out" / "ru" / r).stat().st_mtime_ns for r in RELS}


@pytest.mark.parametrize(
    "change",
    ["edit source", "delete output", "other beam", "force"],
)
def test_rerun_redoes_a_file_when_something_changed(tree, tmp_path, change):
    out = tmp_path / "out"
    run(tree, out, [], cache=False)
    kw: dict = {"cache": False}
    log: list[str] = []
    fac = factory(log)
    if change == "edit source":
        (tree / "a.txt").write_text(TXT + "\nA new closing line.\n", encoding="utf-8")
    elif change == "delete output":
        (out / "ru" / "a.txt").unlink()
    elif change == "other beam":

        def fac(src, tgt):
            t = FakeTranslator(src, tgt, log)
            t.beam = "4"
            return t

    else:
        kw["force"] = True
    result = translate_folder([tree], "en", ["ru"], out, translator_factory=fac, **kw)
    done = [f.relpath for f in result.by_status("done")]
    if change in ("edit source", "delete output"):
        assert done == ["ru/a.txt"]
    else:
        assert done == [f"ru/{r}" for r in RELS]


# --- resume -------------------------------------------------------------------------------------


@pytest.mark.parametrize("with_cache", [True, False])
def test_interrupted_run_resumes_without_redoing_files(tree, tmp_path, with_cache):
    out = tmp_path / "out"
    cache = tmp_path / "cache.sqlite" if with_cache else False
    first: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        translate_folder(
            [tree],
            "en",
            ["ru"],
            out,
            translator_factory=factory(first, stop_after_calls=1),
            cache=cache,
            chunk_sentences=1,  # one file per chunk: the first file finishes, then Ctrl-C
        )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "interrupted"
    statuses = {rel: entry["status"] for rel, entry in manifest["files"].items()}
    assert statuses == {
        "ru/a.txt": "done",
        "ru/sub/b.md": "pending",
        "ru/sub/deeper/c.docx": "pending",
    }
    assert (out / "ru" / "a.txt").is_file()
    assert not (out / "ru" / "sub").exists()  # no partial or empty outputs
    assert part_files(out) == []
    finished = (out / "ru" / "a.txt").stat().st_mtime_ns

    second: list[str] = []
    result = translate_folder(
        [tree], "en", ["ru"], out, translator_factory=factory(second), cache=cache
    )
    assert [(f.relpath, f.status) for f in result.files] == [
        ("ru/a.txt", "skipped"),
        ("ru/sub/b.md", "done"),
        ("ru/sub/deeper/c.docx", "done"),
    ]
    assert (out / "ru" / "a.txt").stat().st_mtime_ns == finished  # not written twice
    if with_cache:
        assert not set(first) & set(second)  # no sentence translated twice
    else:
        # Without a cache the batch a.txt shares with b.md (the boilerplate sentence) is
        # translated again whole, so every sentence keeps the company it had in a.txt's run.
        assert "Annual report" in second and "Press release" in second
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "finished"
    assert {e["status"] for e in manifest["files"].values()} == {"done"}
    assert part_files(out) == []


def test_failure_while_writing_leaves_no_partial_file(tree, tmp_path, monkeypatch):
    import aligntext.io.documents as documents

    real = documents.write_document

    def half_then_crash(doc, texts, path, **kw):
        from aligntext.io.atomic import atomic_open

        with atomic_open(path) as fh:
            fh.write("half")
            raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "write_document", half_then_crash)
    with pytest.raises(RuntimeError, match="disk full"):
        run(tree, tmp_path / "out", [])
    assert not (tmp_path / "out" / "ru" / "a.txt").exists()
    assert part_files(tmp_path / "out") == []
    monkeypatch.setattr(documents, "write_document", real)
    log: list[str] = []
    result = run(tree, tmp_path / "out", log)
    assert log == []  # the crashed run's translations were cached
    assert {f.status for f in result.files} == {"done"}


def test_cache_keeps_slices_finished_before_an_interruption(tmp_path):
    log: list[str] = []
    inner = FakeTranslator("en", "ru", log, stop_after_calls=2)
    cached = CachedTranslator(inner, tmp_path / "c.sqlite", commit_every=2)
    sentences = [f"Sentence number {w}." for w in ("one", "two", "three", "four", "five")]
    with pytest.raises(KeyboardInterrupt):
        cached.translate(sentences)
    assert cached.cache.count() == 4
    again = FakeTranslator("en", "ru", log)
    out = CachedTranslator(again, tmp_path / "c.sqlite", commit_every=2).translate(sentences)
    assert out == [fake(s, "ru") for s in sentences]
    assert len(log) == len(set(log)) == 5


# --- the segment cache ----------------------------------------------------------------------


def test_cached_translator_counts_hits_and_progress(tmp_path):
    log: list[str] = []
    cached = CachedTranslator(FakeTranslator("en", "ru", log), tmp_path / "c.sqlite")
    seen: list[int] = []
    assert cached.translate(["A b.", "C d.", "A b."], progress=seen.append) == [
        fake("A b.", "ru"),
        fake("C d.", "ru"),
        fake("A b.", "ru"),
    ]
    assert sum(seen) == 3 and log == ["A b.", "C d."]
    seen.clear()
    cached.translate(["C d.", "E f."], progress=seen.append)
    assert sum(seen) == 2 and log[-1] == "E f." and len(log) == 3
    assert (cached.stats.hits, cached.stats.misses) == (2, 3)
    assert isinstance(cached, Translator)


@pytest.mark.parametrize(
    ("fields_a", "fields_b", "same"),
    [
        ((("model", "m"), ("beam", "1")), (("beam", "1"), ("model", "m")), True),
        ((("model", "m"), ("device", "cpu")), (("model", "m"), ("device", "cuda")), True),
        ((("model", "m"), ("beam", "1")), (("model", "m"), ("beam", "4")), False),
        ((("model", "m"),), (("model", "m2"),), False),
    ],
)
def test_cache_key_covers_what_changes_the_output(fields_a, fields_b, same):
    assert (cache_key("en", "ru", fields_a) == cache_key("en", "ru", fields_b)) is same
    assert cache_key("en", "ru", fields_a) != cache_key("en", "tr", fields_a)


def test_cache_file_is_wal_and_shared_between_threads(tmp_path):
    cache = SegmentCache(tmp_path / "c.sqlite")
    mode = sqlite3.connect(tmp_path / "c.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"

    def work(n: int) -> None:
        cache.put_many("k", [(f"s{n}-{i}", f"t{n}-{i}") for i in range(50)])
        other = SegmentCache(tmp_path / "c.sqlite")  # a second connection, as another process
        other.put_many("k", [(f"o{n}-{i}", "x") for i in range(50)])
        other.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.count("k") == 400
    assert cache.get_many("k", ["s1-3", "zz"]) == {"s1-3": "t1-3"}


def test_corrupt_cache_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match=r"segment cache .*bad\.sqlite.*--no-cache"):
        SegmentCache(bad)


def test_default_cache_path_honours_environment(monkeypatch, tmp_path):
    from aligntext.translate.cache import default_cache_path

    monkeypatch.setenv("ALIGNTEXT_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_path() == tmp_path / "c" / "segments.sqlite"
    monkeypatch.delenv("ALIGNTEXT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert default_cache_path() == tmp_path / "x" / "aligntext" / "segments.sqlite"


# --- manifest and progress --------------------------------------------------------------------


def test_manifest_records_signature_files_and_timing(tree, tmp_path):
    from aligntext import __version__

    result = run(tree, tmp_path / "out", [], tgts=("ru", "az"))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "finished"
    assert manifest["aligntext_version"] == __version__
    assert manifest["tgts"] == ["ru", "az"]
    sig = manifest["signatures"]["en-ru"]
    assert sig["model"] == "fake" and sig["beam"] == "1" and sig["version"] == __version__
    assert sig["signature"].startswith("model:fake|backend:fake|beam:1")
    entry = manifest["files"]["az/sub/b.md"]
    assert entry["status"] == "done" and entry["src"] == "en" and entry["tgt"] == "az"
    assert entry["sentences"] == 5 and entry["paragraphs"] == 4
    assert len(entry["sha256"]) == 64 and entry["seconds"] >= 0
    assert entry["signature"] == str(dict(result.signatures)["en-az"])
    assert manifest["totals"]["done"] == 6
    assert manifest["totals"]["sentences"] == result.sentences


def test_totals_count_the_sentences_the_files_count(tmp_path):
    # A file holding only a figure is one sentence in its manifest entry; the totals said 0
    # (they counted the sentences sent to the model or the cache, not those kept as written).
    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "a.txt").write_text("2023\n", encoding="utf-8")
    (tree / "b.txt").write_text("The fund paid 500 manat.\n", encoding="utf-8")
    result = run(tree, tmp_path / "out", [])
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    entries = [e["sentences"] for e in manifest["files"].values()]
    assert entries == [1, 1]
    assert manifest["totals"]["sentences"] == result.sentences == 2
    assert (result.translated, result.cached) == (1, 0)


def test_progress_events_add_up(tree, tmp_path):
    events: list[ProgressEvent] = []
    run(tree, tmp_path / "out", [], tgts=("ru", "tr"), progress=events.append)
    start = [e for e in events if e.kind == "start"]
    assert len(start) == 1 and start[0].files == 6
    assert sum(e.sentences for e in events if e.kind == "sentences") == start[0].sentences
    assert [e.status for e in events if e.kind == "file"] == ["done"] * 6


# --- languages ------------------------------------------------------------------------------


def test_source_language_is_detected_per_file(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "en.txt").write_text(
        "The government will publish the full report next month after the debate.\n",
        encoding="utf-8",
    )
    (root / "ru.txt").write_text(
        "Правительство опубликует полный доклад в следующем месяце после обсуждения.\n",
        encoding="utf-8",
    )
    log: list[str] = []
    result = translate_folder(
        [root], None, ["ru"], tmp_path / "out", translator_factory=factory(log), cache=False
    )
    by_rel = {f.relpath: f for f in result.files}
    assert by_rel["ru/en.txt"].status == "done" and by_rel["ru/en.txt"].src_lang == "en"
    assert by_rel["ru/ru.txt"].status == "skipped"
    assert "already in ru" in by_rel["ru/ru.txt"].message
    assert all("опубликует" not in s for s in log)


def test_wrong_source_language_gives_a_warning(tmp_path):
    (tmp_path / "ru.txt").write_text(
        "Правительство опубликует полный доклад в следующем месяце после обсуждения в "
        "парламенте и консультаций с экспертами.\n",
        encoding="utf-8",
    )
    result = translate_folder(
        [tmp_path / "ru.txt"],
        "en",
        ["tr"],
        tmp_path / "out",
        translator_factory=factory([]),
        cache=False,
    )
    assert "Russian" in result.files[0].warning


# --- bad input and path safety ------------------------------------------------------------


@pytest.mark.parametrize(
    ("make_inputs", "src", "tgts", "match"),
    [
        (lambda p: [p / "missing"], "en", ["ru"], "does not exist"),
        (lambda p: [p / "empty"], "en", ["ru"], "no .* files found"),
        (lambda p: [p / "scan.en"], "en", ["ru"], "is a PNG image, not a text document"),
        (lambda p: [p / "in"], "en", ["en"], "both 'en'"),
        (lambda p: [p / "in"], "en", ["de"], "unknown language 'de'"),
        (lambda p: [p / "in"], "xx", ["ru"], "unknown language 'xx'"),
        (lambda p: [p / "in"], "en", [], "no target language"),
        (lambda p: [p / "in", p / "in2"], "en", ["ru"], "would both be written"),
    ],
)
def test_bad_input_raises(tmp_path, make_inputs, src, tgts, match):
    (tmp_path / "empty").mkdir()
    (tmp_path / "scan.en").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for name in ("in", "in2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text("A sentence.\n", encoding="utf-8")
    with pytest.raises(InputError, match=match):
        translate_folder(
            make_inputs(tmp_path), src, tgts, tmp_path / "out", translator_factory=factory([])
        )


def test_output_folder_inside_input_is_refused(tree):
    with pytest.raises(InputError, match="inside input folder"):
        collect_inputs([tree], tree / "out")


def test_output_paths_cannot_leave_the_output_folder(tmp_path):
    from pathlib import PurePosixPath

    out = tmp_path / "out"
    (out / "ru").mkdir(parents=True)
    with pytest.raises(InputError, match="leaves the output folder"):
        safe_output(out, "ru", PurePosixPath("../escape.txt"))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, out / "ru" / "linked")
    with pytest.raises(InputError, match="outside the output folder"):
        safe_output(out, "ru", PurePosixPath("linked/a.txt"))
    assert safe_output(out, "ru", PurePosixPath("sub/a.txt")) == (out / "ru/sub/a.txt").resolve()


def test_symlinked_output_subfolder_fails_that_file_only(tree, tmp_path):
    out = tmp_path / "out"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (out / "ru").mkdir(parents=True)
    os.symlink(outside, out / "ru" / "sub")
    result = run(tree, out, [])
    status = {f.relpath: f.status for f in result.files}
    assert status == {"ru/a.txt": "done", "ru/sub/b.md": "failed", "ru/sub/deeper/c.docx": "failed"}
    assert list(outside.iterdir()) == []


def test_unreadable_file_fails_alone(tree, tmp_path):
    (tree / "broken.docx").write_bytes(b"not a zip file")
    result = run(tree, tmp_path / "out", [])
    status = {f.relpath: f.status for f in result.files}
    assert status["ru/broken.docx"] == "failed"
    assert status["ru/a.txt"] == "done"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["ru/broken.docx"]["message"]


# --- --check ----------------------------------------------------------------------------------


class WrongNumber(FakeTranslator):
    """Translates into Russian, getting one figure wrong."""

    TABLE: ClassVar[dict[str, str]] = {
        "Exports grew by 12 percent.": "Экспорт вырос на 13 процентов.",
        "The talks will resume in May.": "Переговоры возобновятся в мае.",
    }

    def translate(self, sentences, progress=None):
        return [self.TABLE[s] for s in sentences]


def test_check_lists_suspect_sentences(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "The talks will resume in May. Exports grew by 12 percent.\n", encoding="utf-8"
    )
    result = translate_folder(
        [tmp_path / "in"],
        "en",
        ["ru"],
        tmp_path / "out",
        translator_factory=lambda s, t: WrongNumber(s, t, []),
        cache=False,
        check=True,
    )
    [(file, finding)] = result.findings
    assert file.relpath == "ru/a.txt"
    assert (finding.pair, finding.type, finding.severity) == (1, "number", "error")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["files"]["ru/a.txt"]["findings"]
    # The manifest counts sentences from 1, as stderr does ("sentence 2").
    assert entry["sentence"] == 2 and entry["type"] == "number" and "12" in entry["source"]


def test_html_keeps_its_page_and_gets_the_target_language(tmp_path):
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><title>Statement</title></head><body>\n'
        "<h1>Press release</h1>\n<p>The talks will resume in May. Both sides agreed.</p>\n"
        '<ul><li>Trade grew by 12 percent.</li></ul>\n<script>var x = "keep me";</script>\n'
        "</body></html>\n"
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(page, encoding="utf-8")
    translate_folder(
        [tmp_path / "in"], "en", ["tr"], tmp_path / "out",
        translator_factory=factory([]), cache=False,
    )  # fmt: skip
    out = tmp_path / "out" / "tr" / "page.html"
    html = out.read_text(encoding="utf-8")
    assert 'lang="tr"' in html and 'var x = "keep me";' in html
    assert "(tr) THE TALKS WILL RESUME IN MAY. (tr) BOTH SIDES AGREED." in html
    assert len(read_paragraphs(out)) == len(read_paragraphs(tmp_path / "in" / "page.html"))


PRE_PAGE = (
    "<html><head><title>Guide</title></head><body><article><h1>Install guide</h1>"
    "<p>Run the commands below. They take 12 minutes.</p>"
    "<pre>make build --jobs 4\n  make install\necho Done in 3 steps.</pre>"
    "<p>The tool is ready.</p></article></body></html>"
)


def test_html_pre_never_reaches_the_translator_and_is_written_as_it_was(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "guide.html").write_text(PRE_PAGE, encoding="utf-8")
    log: list[str] = []
    events: list[ProgressEvent] = []
    result = translate_folder(
        [tmp_path / "in"], "en", ["ru"], tmp_path / "out", translator_factory=factory(log),
        cache=tmp_path / "c.sqlite", check=True, progress=events.append,
    )  # fmt: skip
    sent = [
        "Install guide",
        "Run the commands below.",
        "They take 12 minutes.",
        "The tool is ready.",
    ]
    # The listing is neither translated nor counted, cached or checked.
    assert sorted(log) == sorted(sent)
    assert [e.sentences for e in events if e.kind == "start"] == [len(sent)]
    assert result.sentences == result.translated == len(sent)
    rows = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT * FROM segments").fetchall()
    assert len(rows) == len(sent) and not any("make" in str(row) for row in rows)
    [file] = result.files
    assert file.findings and {source for _, source, _ in file.flagged} <= set(sent)
    assert (tmp_path / "out" / "ru" / "guide.html").read_bytes() == (
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN" '
        b'"http://www.w3.org/TR/REC-html40/loose.dtd">\n<html lang="ru"><head>'
        b'<meta charset="utf-8"><title>Guide</title></head><body><article>'
        b"<h1>(ru) INSTALL GUIDE</h1><p>(ru) RUN THE COMMANDS BELOW. (ru) THEY TAKE 12 MINUTES.</p>"
        b"<pre>make build --jobs 4\n  make install\necho Done in 3 steps.</pre>"
        b"<p>(ru) THE TOOL IS READY.</p></article></body></html>"
    )


def test_a_second_run_into_the_same_folder_is_refused(tree, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".aligntext-translate.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(InputError, match="another 'aligntext translate' is writing"):
            run(tree, out, [])
    assert {f.status for f in run(tree, out, []).files} == {"done"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.timeout(30)  # the old job blocked for ever on a pipe
def test_a_pipe_is_refused_or_left_out_never_waited_on(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("The port opened.\n", encoding="utf-8")
    os.mkfifo(root / "b.txt")
    notes: list[str] = []
    found = collect_inputs([root], tmp_path / "out", tgts=["ru"], warnings=notes)
    assert [rel.as_posix() for _, rel in found] == ["a.txt"]
    assert any("b.txt" in n and "not a regular file" in n for n in notes)
    with pytest.raises(InputError, match="is a pipe or a device, not a file"):
        collect_inputs([root / "b.txt"], tmp_path / "out", tgts=["ru"])


# --- file names, outputs that cannot be written ----------------------------------------------


def test_a_file_name_that_is_not_utf8_is_translated_and_resumed(tmp_path):
    raw = b"otchet_\xcf\xf0.txt"  # cp1251 bytes: no UTF-8 decoding
    root = tmp_path / "in"
    root.mkdir()
    try:
        (root / os.fsdecode(raw)).write_text("The board met on Friday.\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only valid names")
    (root / "plain.txt").write_text("The river was calm.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run(root, out, [])
    assert {f.status for f in first.files} == {"done"}
    assert set(os.listdir(os.fsencode(out / "ru"))) == {b"plain.txt", raw}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "finished"
    assert f"ru/{os.fsdecode(raw)}" in manifest["files"]  # the name round-trips
    again = run(root, out, [])
    assert {f.status for f in again.files} == {"skipped"}


def test_an_output_that_cannot_be_written_fails_alone(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    long_name = "l" * 246 + ".txt"  # legal (250 bytes); its temporary name was not
    for rel in ("a.txt", "sub/b.txt", long_name):
        (root / rel).write_text("The board met on Friday.\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "ru").mkdir(parents=True)
    (out / "ru" / "sub").write_text("in the way\n", encoding="utf-8")  # where a folder goes
    first = run(root, out, [])
    status = {f.relpath: f.status for f in first.files}
    assert status == {"ru/a.txt": "done", "ru/sub/b.txt": "failed", f"ru/{long_name}": "done"}
    [failed] = first.by_status("failed")
    assert "cannot write" in failed.message and "\n" not in failed.message
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["state"] == "finished"
    (out / "ru" / "sub").unlink()
    again = run(root, out, [])
    assert {f.relpath: f.status for f in again.files}["ru/sub/b.txt"] == "done"


def locked(monkeypatch, folder: Path) -> None:
    """Make ``folder`` unlistable, as chmod 000 does for a user other than root."""
    real = os.scandir

    def scandir(path=".", *a, **kw):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *a, **kw)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_fails_and_is_named(tree, tmp_path, monkeypatch):
    locked(monkeypatch, tree / "sub")
    result = run(tree, tmp_path / "out", [])
    assert {f.relpath: f.status for f in result.files} == {"ru/a.txt": "done", "ru/sub": "failed"}
    [failed] = result.by_status("failed")
    assert f"cannot read folder {str(tree / 'sub')!r}: Permission denied" in failed.message
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["failed"] == 1


def test_the_manifest_is_saved_every_few_seconds_not_after_every_file(tmp_path, monkeypatch):
    from aligntext.pipeline.manifest import Manifest

    root = tmp_path / "in"
    root.mkdir()
    for i in range(60):
        (root / f"n{i:02d}.txt").write_text(f"Note {i} was filed on time.\n", encoding="utf-8")
    saves: list[str] = []
    real = Manifest.save

    def counted(self):
        saves.append(self.data.get("state", ""))
        real(self)

    monkeypatch.setattr(Manifest, "save", counted)
    result = run(root, tmp_path / "out", [])
    assert len(result.by_status("done")) == 60
    # Rewriting the whole file after each of 4,000 files made a run quadratic.
    assert len(saves) < 10 and saves[-1] == "finished"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["status"] for e in manifest["files"].values()} == {"done"}


def test_a_file_done_after_the_last_save_is_redone_after_a_kill(tmp_path, monkeypatch):
    from aligntext.pipeline.manifest import Manifest

    root = tmp_path / "in"
    root.mkdir()
    for i in range(3):
        (root / f"n{i}.txt").write_text(f"Note {i} was filed on time.\n", encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setattr(Manifest, "interval", float("inf"))
    real = Manifest.save

    def killed(self):  # a kill -9 right before the end: the last save never happens
        if self.data.get("state") == "finished":
            raise SystemExit(137)
        real(self)

    monkeypatch.setattr(Manifest, "save", killed)
    with pytest.raises(SystemExit):
        run(root, out, [])
    states = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {e["status"] for e in states.values()} == {"pending"}
    monkeypatch.setattr(Manifest, "save", real)
    log: list[str] = []
    again = run(root, out, log, cache=False)
    assert {f.status for f in again.files} == {"done"} and len(log) == 3
    assert (out / "ru" / "n0.txt").read_text(encoding="utf-8") == fake(
        "Note 0 was filed on time.", "ru"
    ) + "\n"


def test_files_with_no_text_are_written_as_they_are(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "empty.txt").write_bytes(b"")
    (root / "sub" / "blank.md").write_bytes(b"  \n\n\t\n")
    (root / "note.txt").write_text("The plan was approved.\n", encoding="utf-8")
    for src in ("en", None):
        out = tmp_path / f"out-{src}"
        result = translate_folder(
            [root], src, ["ru"], out, translator_factory=factory([]), cache=False
        )
        assert {f.relpath: (f.status, f.sentences) for f in result.files} == {
            "ru/empty.txt": ("done", 0),
            "ru/note.txt": ("done", 1),
            "ru/sub/blank.md": ("done", 0),
        }
        assert (out / "ru" / "empty.txt").read_bytes() == b""
        assert (out / "ru" / "sub" / "blank.md").read_bytes() == b"  \n\n\t\n"
        assert not any(f.warning for f in result.files)


def test_names_differing_in_case_are_two_outputs_where_case_counts(tmp_path, monkeypatch):
    import aligntext.pipeline.collect as collect

    root = tmp_path / "in"
    root.mkdir()
    (root / "Report.txt").write_text("The first report is long.\n", encoding="utf-8")
    (root / "report.txt").write_text("The second report is short.\n", encoding="utf-8")
    if (root / "REPORT.txt").exists():
        pytest.skip("this file system ignores case")
    assert not collect.ignores_case(tmp_path / "out", ["ru"])
    result = run(root, tmp_path / "out", [])
    assert sorted(f.relpath for f in result.by_status("done")) == [
        "ru/Report.txt",
        "ru/report.txt",
    ]
    assert "SECOND" in (tmp_path / "out" / "ru" / "report.txt").read_text(encoding="utf-8")
    # Where the output's file system ignores case they would be one file: refused.
    monkeypatch.setattr(collect, "ignores_case", lambda *a: True)
    with pytest.raises(InputError, match=r"differ only in case .* ignores case"):
        run(root, tmp_path / "out2", [])
