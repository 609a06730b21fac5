"""translate holds one input and one chunk at a time, and a rerun reads no finished file.

docs/reliability.md promises memory bounded per input: a job of many files must not read
every document before translating the first (it did: five 40 MiB files reached 2.9 GB), and
a rerun with nothing to do must not read the files an earlier run finished.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

import aligntext.pipeline.runner as runner
import aligntext.pipeline.versions as versions
from aligntext.pipeline import translate_folder


class Upper:
    """A fake model: upper-cases; calls ``hook`` before each batch."""

    def __init__(self, src: str, tgt: str, log: list[str], hook=None) -> None:
        self.src_lang, self.tgt_lang = src, tgt
        self.log, self.hook = log, hook

    def translate(self, sentences, progress=None):
        if self.hook is not None:
            self.hook()
        self.log.extend(sentences)
        if progress is not None:
            progress(len(sentences))
        return [s.upper() for s in sentences]

    def signature_fields(self):
        return (("model", "upper"),)


def write_notes(root: Path, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = " ".join(f"Note {i} names point {j} of the plan." for j in range(4))
        (root / f"n{i:02}.txt").write_text(body + "\n", encoding="utf-8")


@pytest.fixture
def reads(monkeypatch):
    """Every document the job reads, weakly: which files, and which are still alive.

    The job keeps nothing between its scan and the chunks (as for files over 32 MiB).
    """
    monkeypatch.setattr(runner, "KEEP_BYTES", 0)
    real = versions.load_version
    paths: list[str] = []
    alive: weakref.WeakSet = weakref.WeakSet()

    def load_version(path, *args, **kw):
        loaded = real(path, *args, **kw)
        paths.append(Path(path).name)
        if loaded.document is not None:
            alive.add(loaded.document)
        return loaded

    monkeypatch.setattr(versions, "load_version", load_version)
    return paths, alive


def test_documents_are_held_one_chunk_at_a_time(tmp_path, reads):
    _, alive = reads
    write_notes(tmp_path / "in", 12)  # 4 sentences each: a chunk of 8 is two files
    most: list[int] = []

    def count() -> None:
        gc.collect()
        most.append(len(alive))

    log: list[str] = []
    result = translate_folder(
        [tmp_path / "in"], "en", ["ru"], tmp_path / "out", cache=False, chunk_sentences=8,
        translator_factory=lambda s, t: Upper(s, t, log, hook=count),
    )  # fmt: skip
    assert {f.status for f in result.files} == {"done"} and len(log) == 48
    assert len(most) == 6  # a batch a chunk
    assert max(most) <= 2, most  # was 12: every document read before the first batch
    assert (tmp_path / "out" / "ru" / "n11.txt").read_text(encoding="utf-8").startswith("NOTE 11")


def test_a_rerun_with_nothing_to_do_reads_no_input(tmp_path, reads):
    paths, _ = reads
    write_notes(tmp_path / "in", 3)
    (tmp_path / "in" / "blank.txt").write_bytes(b" \n\n")
    out = tmp_path / "out"

    def run(log: list[str]):
        return translate_folder(
            [tmp_path / "in"], None, ["ru", "az"], out, cache=False,
            translator_factory=lambda s, t: Upper(s, t, log),
        )  # fmt: skip

    first: list[str] = []
    run(first)
    assert len(first) == 2 * 12
    blank = out / "ru" / "blank.txt"
    written = blank.stat().st_mtime_ns
    paths.clear()
    second: list[str] = []
    again = run(second)
    assert second == [] and paths == []  # was: every finished file read and split again
    assert {f.status for f in again.files} == {"skipped"}
    assert {f.message for f in again.files} == {"done by an earlier run"}
    assert blank.stat().st_mtime_ns == written  # was rewritten by every rerun
    assert blank.read_bytes() == b" \n\n"


def test_a_resumed_chunk_reads_only_its_own_files(tmp_path, reads):
    paths, _ = reads
    write_notes(tmp_path / "in", 6)
    out = tmp_path / "out"

    def run(**kw):
        return translate_folder(
            [tmp_path / "in"], "en", ["ru"], out, cache=False, chunk_sentences=8,
            translator_factory=lambda s, t: Upper(s, t, []), **kw,
        )  # fmt: skip

    run()
    (out / "ru" / "n03.txt").unlink()  # the second file of the second chunk is to redo
    paths.clear()
    again = run()
    assert [f.status for f in again.files] == ["skipped"] * 3 + ["done"] + ["skipped"] * 2
    # Read at the scan, then with the finished file of its chunk for their batches.
    assert sorted(paths) == ["n02.txt", "n03.txt", "n03.txt"]


def test_a_job_of_small_files_reads_each_once(tmp_path, monkeypatch, reads):
    paths, _ = reads
    monkeypatch.setattr(runner, "KEEP_BYTES", 32 << 20)
    write_notes(tmp_path / "in", 6)
    result = translate_folder(
        [tmp_path / "in"], None, ["ru", "tr"], tmp_path / "out", cache=False,
        chunk_sentences=8, translator_factory=lambda s, t: Upper(s, t, []),
    )  # fmt: skip
    assert {f.status for f in result.files} == {"done"} and len(result.files) == 12
    assert sorted(paths) == [f"n{i:02}.txt" for i in range(6)]


def test_a_file_removed_before_its_chunk_fails_alone(tmp_path, reads):
    write_notes(tmp_path / "in", 4)
    gone = tmp_path / "in" / "n03.txt"

    def remove() -> None:
        gone.unlink(missing_ok=True)

    result = translate_folder(
        [tmp_path / "in"], "en", ["ru"], tmp_path / "out", cache=False, chunk_sentences=8,
        translator_factory=lambda s, t: Upper(s, t, [], hook=remove),
    )  # fmt: skip
    status = {f.relpath: f.status for f in result.files}
    assert status == {"ru/n00.txt": "done", "ru/n01.txt": "done", "ru/n02.txt": "done",
                      "ru/n03.txt": "failed"}  # fmt: skip
    (failed,) = [f for f in result.files if f.status == "failed"]
    assert "n03.txt" in failed.message
    assert (tmp_path / "out" / "ru" / "n02.txt").is_file()


class TakesAll:
    """An engine that takes every batch before translating any, as Ray's pool does."""

    lazy = False

    def __init__(self, before=None) -> None:
        self.before = before

    def driver_factory(self, factory):
        return factory

    def translate_batches(self, translator, batches, progress):
        batches = list(batches)
        if self.before is not None:
            self.before()
        for index, batch in enumerate(batches):
            yield index, translator.translate(batch, progress=progress)


def test_an_engine_that_takes_every_batch_holds_no_document(tmp_path, reads):
    _, alive = reads
    write_notes(tmp_path / "in", 12)
    most: list[int] = []

    def count() -> None:
        gc.collect()
        most.append(len(alive))

    def run(out: str, engine=None):
        return translate_folder(
            [tmp_path / "in"], "en", ["ru"], tmp_path / out, cache=False, chunk_sentences=8,
            translator_factory=lambda s, t: Upper(s, t, []), engine=engine,
        )  # fmt: skip

    result = run("all", TakesAll(before=count))
    assert {f.status for f in result.files} == {"done"}
    assert most == [0]  # was every document of the direction, read and planned
    run("local")
    for i in range(12):
        name = f"ru/n{i:02}.txt"
        assert (tmp_path / "all" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_a_file_changed_before_it_is_written_fails_alone(tmp_path, reads):
    write_notes(tmp_path / "in", 4)
    changed = tmp_path / "in" / "n01.txt"

    def change() -> None:
        changed.write_text("A sentence nobody translated.\n", encoding="utf-8")

    result = translate_folder(
        [tmp_path / "in"], "en", ["ru"], tmp_path / "out", cache=False, chunk_sentences=8,
        translator_factory=lambda s, t: Upper(s, t, []), engine=TakesAll(before=change),
    )  # fmt: skip
    status = {f.relpath: (f.status, f.message) for f in result.files}
    assert status["ru/n01.txt"][0] == "failed"
    assert "changed while the job ran" in status["ru/n01.txt"][1]
    assert {status[f"ru/n0{i}.txt"][0] for i in (0, 2, 3)} == {"done"}
    assert not (tmp_path / "out" / "ru" / "n01.txt").exists()
