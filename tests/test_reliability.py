"""What the tool promises about the user's data (docs/reliability.md), one test per promise.

Never writes over an input, never reads outside its inputs, reads in bounded memory, and a
kill leaves nothing the next run cannot clean up. Each test names the item of issue 12 (or
13) it holds; every one of them failed on the code before that issue was fixed.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from aligntext.cli import cli
from aligntext.errors import InputError
from aligntext.pipeline import ProgressEvent, translate_folder

EN = "The Ministry met the delegation on 21 March 2024. Both sides agreed to continue.\n"
RU = "Министерство встретилось с делегацией 21 марта 2024 года. Стороны договорились.\n"


class Upper:
    """A translator that upper-cases; records what it is sent."""

    def __init__(self, src: str, tgt: str, log: list[str] | None = None) -> None:
        self.src_lang, self.tgt_lang = src, tgt
        self.log = log if log is not None else []

    def translate(self, sentences, progress=None):
        self.log.extend(sentences)
        if progress is not None:
            progress(len(sentences))
        return [s.upper() for s in sentences]

    def signature_fields(self):
        return (("model", "upper"), ("backend", "fake"))


def upper_factory(log: list[str] | None = None):
    return lambda src, tgt: Upper(src, tgt, log)


def translate(inputs, out, **kw):
    kw.setdefault("cache", False)
    kw.setdefault("translator_factory", upper_factory())
    return translate_folder([str(i) for i in inputs], "en", ["ru"], out, **kw)


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("aligntext: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- 1, 2: never write over an input --------------------------------------------------------


@pytest.mark.parametrize("named", ["folder", "file"])
def test_item01_translate_refuses_an_input_inside_its_output_folder(tmp_path, named):
    source = tmp_path / "ov" / "ru" / "a.txt"
    source.parent.mkdir(parents=True)
    source.write_text(EN, encoding="utf-8")
    given = source.parent if named == "folder" else source
    with pytest.raises(InputError, match="destroy the input"):
        translate([given], tmp_path / "ov")
    assert source.read_text(encoding="utf-8") == EN


@pytest.mark.parametrize("command", ["compare", "check"])
@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_item02_report_output_over_an_input_is_refused(cli_runner, tmp_path, command, how):
    en, ru, pairs = tmp_path / "en.txt", tmp_path / "ru.txt", tmp_path / "p.tsv"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(RU, encoding="utf-8")
    pairs.write_text(f"{EN.strip()}\t{RU.strip()}\n", encoding="utf-8")
    victim = en if command == "compare" else pairs
    before = victim.read_bytes()
    output = victim
    if how == "symlink":
        output = tmp_path / "link"
        output.symlink_to(victim)
    elif how == "hard link":
        output = tmp_path / "hard"
        os.link(victim, output)
    args = [str(en), str(ru)] if command == "compare" else [str(pairs)]
    result = cli_runner.invoke(cli, [command, *args, "-o", str(output)])
    assert "destroy the input" in one_line_error(result)
    assert victim.read_bytes() == before


# --- 3: never rename over a device or a FIFO ------------------------------------------------


def test_item03_output_to_a_fifo_is_written_through(cli_runner, tmp_path):
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(RU, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli_runner.invoke(cli, ["compare", str(en), str(ru), "-o", str(fifo)])
    reader.join(timeout=30)
    if reader.is_alive() and stat.S_ISFIFO(os.lstat(fifo).st_mode):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # release the reader
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, not a regular file
    assert received and b"aligntext compare" in received[0]


def test_item03_symlink_to_a_device_is_kept(cli_runner, tmp_path):
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(RU, encoding="utf-8")
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    result = cli_runner.invoke(cli, ["compare", str(en), str(ru), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


# --- 4, 5, 6: never read or write outside the job ---------------------------------------------


def test_item04_symlinked_file_leaving_the_input_folder_is_skipped(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret password is swordfish.\n", encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    (root / "p.txt").symlink_to(secret)
    (root / "inner.txt").symlink_to(root / "a.txt")  # stays inside: read
    log: list[str] = []
    run = translate([root], tmp_path / "out", translator_factory=upper_factory(log))
    assert not (tmp_path / "out" / "ru" / "p.txt").exists()
    assert not any("swordfish" in s for s in log)
    assert any("p.txt" in w and "--follow-links" in w for w in run.warnings)
    assert (tmp_path / "out" / "ru" / "inner.txt").is_file()

    followed = translate([root], tmp_path / "out2", follow_links=True)
    assert "SWORDFISH" in (tmp_path / "out2" / "ru" / "p.txt").read_text(encoding="utf-8")
    assert followed.warnings == ()


def test_item05_lock_file_symlink_is_not_followed(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere" / "planted"
    elsewhere.parent.mkdir()
    (out / ".aligntext-translate.lock").symlink_to(elsewhere)
    with pytest.raises(InputError, match=r"lock file .* is a symlink"):
        translate([root], out)
    assert not elsewhere.exists()


def test_item06_translated_files_get_the_umask_mode(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    old = os.umask(0o022)
    try:
        translate([root], tmp_path / "out")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "out" / "ru" / "a.txt").stat().st_mode)
    assert mode == 0o644


# --- 7, 8, 9: bounded reading, and no limit where it does not belong ------------------------


def docx_with_padding(path: Path, padding_mb: int) -> None:
    """A valid .docx whose document.xml carries ``padding_mb`` MiB of whitespace."""
    import docx

    plain = path.with_suffix(".plain.docx")
    document = docx.Document()
    document.add_paragraph("The committee approved the budget.")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml":
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"</w:body>")
            with dst.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write(head)
                block = b" " * (1 << 20)
                for _ in range(padding_mb):
                    fh.write(block)
                fh.write(b"</w:body>" + tail)
    plain.unlink()


def test_item07_docx_that_unpacks_past_the_cap_is_refused_in_seconds(tmp_path):
    from aligntext.io.documents import read_document

    bomb = tmp_path / "bomb.docx"
    docx_with_padding(bomb, 60)
    assert bomb.stat().st_size < 1 << 20  # 60 MiB of XML packed into well under 1 MiB
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"zip bomb|over the limit"):
        read_document(bomb)
    assert time.perf_counter() - started < 5


def test_item07_max_input_mb_caps_and_raises_the_limit(cli_runner, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(EN * 3000, encoding="utf-8")  # about 250 KB
    refused = cli_runner.invoke(cli, ["segment", str(big), "--max-input-mb", "0.1"])
    assert "--max-input-mb" in one_line_error(refused)
    allowed = cli_runner.invoke(cli, ["segment", str(big), "--max-input-mb", "1"])
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize("value", ["inf", "1e300", "Infinity"])
def test_item07_an_endless_or_huge_cap_reads_as_no_cap(cli_runner, tmp_path, monkeypatch, value):
    import aligntext.translate.loader as loader

    monkeypatch.setattr(loader, "translator_factory", lambda *a, **k: upper_factory())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    args = ["translate", str(tmp_path / "in"), "--src", "en", "--tgt", "ru", "--no-cache", "-q"]
    result = cli_runner.invoke(cli, [*args, "--out", str(out), "--max-input-mb", value])
    assert result.exit_code == 0, result.output  # was an OverflowError traceback
    assert (out / "ru" / "a.txt").is_file()
    segmented = cli_runner.invoke(
        cli, ["segment", str(tmp_path / "in" / "a.txt"), "--max-input-mb", value]
    )
    assert segmented.exit_code == 0, segmented.output


def test_item07_translate_fails_a_file_over_the_cap_alone(cli_runner, tmp_path, monkeypatch):
    import aligntext.translate.loader as loader

    monkeypatch.setattr(loader, "translator_factory", lambda *a, **k: upper_factory())
    root = tmp_path / "in"
    root.mkdir()
    (root / "big.txt").write_text(EN * 3000, encoding="utf-8")  # about 250 KB
    (root / "small.txt").write_text(EN, encoding="utf-8")
    args = ["translate", str(root), "--src", "en", "--tgt", "ru", "--no-cache", "-q"]
    capped = cli_runner.invoke(cli, [*args, "--out", str(tmp_path / "o1"), "--max-input-mb", "0.1"])
    assert capped.exit_code == 2, capped.output
    files = json.loads((tmp_path / "o1" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert "over the limit" in files["ru/big.txt"]["message"]
    assert (tmp_path / "o1" / "ru" / "small.txt").is_file()
    assert not (tmp_path / "o1" / "ru" / "big.txt").exists()
    raised = cli_runner.invoke(cli, [*args, "--out", str(tmp_path / "o2"), "--max-input-mb", "1"])
    assert raised.exit_code == 0, raised.output
    assert (tmp_path / "o2" / "ru" / "big.txt").is_file()


def test_item08_minified_page_on_one_line_is_read(tmp_path):
    from aligntext.io.documents import read_document

    paragraphs = "".join(
        f"<p>The Ministry published report number {i} on its website today.</p>"
        for i in range(4000)
    )
    page = tmp_path / "page.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>x</title></head><body><article>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert page.stat().st_size > 260_000 and "\n" not in page.read_text(encoding="utf-8")
    assert len(read_document(page).paragraphs) == 4000


def test_item09_mixed_utf8_and_cp1251_lines_decode_each_line(tmp_path):
    from aligntext.io.encoding import read_text

    utf8 = "Президент посетил Баку 12 марта 2024 года."
    cp1251 = "Министр заявил, что рост составил 15 процентов."
    path = tmp_path / "mixed.txt"
    path.write_bytes(utf8.encode("utf-8") + b"\n" + cp1251.encode("cp1251") + b"\n")
    text, used = read_text(path)
    assert text.splitlines() == [utf8, cp1251]
    assert used == "utf-8+cp1251"
    assert read_text(path, encoding=used)[0] == text  # the name reads the file back


# --- 10: one long sentence never sinks a run ---------------------------------------------------


@pytest.mark.model
def test_item10_sentence_longer_than_the_model_is_split_and_translated(tmp_path, monkeypatch):
    from aligntext.translate import load_translator
    from tiny_models import tiny_model

    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "models"))
    translator = load_translator(
        "en", "ru", model=str(tiny_model("marian")), backend="ct2", beam_size=1
    )
    clauses = ", ".join(f"the minister visited city number {i}" for i in range(60))
    words = " ".join(f"word{i}" for i in range(400))  # no punctuation to cut at
    seen: list[int] = []
    out = translator.translate([clauses + ".", words, "Short."], progress=seen.append)
    assert len(out) == 3 and all(o.strip() for o in out)
    assert sum(seen) == 3  # progress counts sentences, not the pieces
    root = tmp_path / "in"
    root.mkdir()
    (root / "long.txt").write_text(f"{clauses}.\n\nA short one.\n", encoding="utf-8")
    run = translate_folder(
        [root], "en", ["ru"], tmp_path / "out", cache=False,
        translator_factory=lambda s, t: translator,
    )  # fmt: skip
    assert [f.status for f in run.files] == ["done"]


# --- 11: signals and what a kill leaves ----------------------------------------------------------

SLOW_RUNNER = """
import sys, time
import aligntext.translate.loader as loader
from aligntext.cli import main

class Slow:
    def __init__(self, src, tgt):
        self.src_lang, self.tgt_lang = src, tgt
    def translate(self, sentences, progress=None):
        try:
            time.sleep(1.0)
        except KeyboardInterrupt:
            if "--rewrap" in sys.argv:  # as Ray's get does: the signal's own type is lost
                raise KeyboardInterrupt() from None
            raise
        if progress:
            progress(len(sentences))
        return [s.upper() for s in sentences]
    def signature_fields(self):
        return (("model", "slow"),)

loader.translator_factory = lambda *a, **k: (lambda s, t: Slow(s, t))
sys.exit(main([a for a in sys.argv[1:] if a != "--rewrap"]))
"""


@pytest.mark.parametrize("rewrap", [False, True])
def test_item11_sigterm_is_handled_like_ctrl_c(tmp_path, rewrap):
    """With --ray the SIGTERM reached the CLI as a plain KeyboardInterrupt (Ray's get makes
    one), and the run said 'interrupted' and exited 130; the signal itself now decides."""
    import signal
    import subprocess

    root = tmp_path / "in"
    root.mkdir()
    for i in range(40):
        (root / f"f{i:02}.txt").write_text(f"Report number {i} was published.\n", "utf-8")
    out = tmp_path / "out"
    script = tmp_path / "run.py"
    script.write_text(SLOW_RUNNER, encoding="utf-8")
    args = [sys.executable, str(script), "translate", str(root), "--src", "en", "--tgt", "ru"]
    args += ["--out", str(out), "--cache", str(tmp_path / "c.sqlite")]
    args += ["--rewrap"] if rewrap else []
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    manifest = out / "manifest.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if manifest.exists() and '"pending"' in manifest.read_text(encoding="utf-8"):
            break  # translating now
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert "terminated" in stderr and "Traceback" not in stderr
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["state"] == "interrupted"
    assert not [p for p in out.rglob("*") if ".part" in p.name]
    assert not (out / ".aligntext-translate.lock").exists()


def test_item11_next_run_removes_part_files_a_kill_left(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    (out / "ru" / "sub").mkdir(parents=True)
    left = [out / ".manifest.json.k3j_x9a2.part", out / "ru" / "sub" / ".b.txt.ab12cd34.part"]
    for path in left:
        path.write_text("half", encoding="utf-8")
    keep = out / "ru" / "notes.part"  # not a name atomic writes make
    keep.write_text("mine", encoding="utf-8")
    translate([root], out)
    assert not any(p.exists() for p in left)
    assert keep.exists()


# --- 12: the same job gives the same files however often it was interrupted ----------------


class BatchDependent:
    """Output depends on the company a sentence keeps, as CTranslate2's does."""

    def __init__(self, src: str, tgt: str, stop_after: int | None = None) -> None:
        self.src_lang, self.tgt_lang = src, tgt
        self.stop_after = stop_after

    def translate(self, sentences, progress=None):
        if self.stop_after is not None:
            if self.stop_after <= 0:
                raise KeyboardInterrupt
            self.stop_after -= 1
        if progress is not None:
            progress(len(sentences))
        return [f"{s.upper()} /{len(sentences)}" for s in sentences]

    def signature_fields(self):
        return (("model", "batch-dependent"),)


def test_item12_resumed_job_gives_byte_identical_outputs(tmp_path, monkeypatch):
    import aligntext.io.documents as documents

    root = tmp_path / "in"
    root.mkdir()
    for i in range(8):
        body = " ".join(f"File {i} says thing {j}." for j in range(5))
        (root / f"f{i}.txt").write_text(body + " The text is final.\n", encoding="utf-8")
    common = {"chunk_sentences": 12}

    def run(out: Path, cache: Path, **kw):
        return translate_folder(
            [root], "en", ["ru"], out, cache=cache,
            translator_factory=lambda s, t: BatchDependent(s, t, **kw), **common,
        )  # fmt: skip

    run(tmp_path / "whole", tmp_path / "c1.sqlite")
    # Interrupt once in the middle of translating, once in the middle of writing a chunk.
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "cut", tmp_path / "c2.sqlite", stop_after=1)
    real = documents.write_document
    written: list[int] = []

    def write_then_stop(*args, **kw):
        if len(written) == 1:  # the second file of a chunk
            raise KeyboardInterrupt
        written.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(documents, "write_document", write_then_stop)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "cut", tmp_path / "c2.sqlite")
    monkeypatch.setattr(documents, "write_document", real)
    run(tmp_path / "cut", tmp_path / "c2.sqlite")
    for i in range(8):
        whole = (tmp_path / "whole" / "ru" / f"f{i}.txt").read_bytes()
        assert (tmp_path / "cut" / "ru" / f"f{i}.txt").read_bytes() == whole, i


@pytest.mark.parametrize(("budget", "size"), [(None, 64), (1280, 64), (2560, 128), (10**6, 512)])
def test_item12_batch_size_follows_the_backend_settings_only(budget, size):
    from aligntext.pipeline.batch import translator_batch_size

    class Backend(Upper):
        def batch_budget(self):
            return budget

    translator = Upper("en", "ru") if budget is None else Backend("en", "ru")
    assert translator_batch_size(translator) == size


# --- 13: bidi controls shown, not obeyed ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_item13_bidi_controls_are_shown_and_flagged(cli_runner, tmp_path, fmt):
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(
        "Министерство встретилось с делегацией \u202e4202 атрам 12\u202c. Стороны договорились.\n",
        encoding="utf-8",
    )
    result = cli_runner.invoke(cli, ["compare", str(en), str(ru), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.stdout and "\u202c" not in result.stdout
    assert "\u27e8U+202E\u27e9" in result.stdout
    assert "U+202E" in result.stderr  # the warning flags it too


# --- 14: the small ones -------------------------------------------------------------------------


def test_item14_warning_never_names_the_language_given_as_the_mismatch():
    from aligntext.langid import verify_language

    text = (
        "Компания Microsoft Corporation and Apple Inc. заявили о партнерстве в Baku Summit "
        "2024 с Google LLC"
    )
    message = verify_language(text, "ru", name="ru.txt")
    # Mostly Latin letters (names), yet Russian: no "looks like Russian (ru), not Russian".
    assert message is None or "looks like Russian" not in message


def test_item14_encoding_hint_names_no_missing_option(monkeypatch):
    import aligntext.io.encoding as encoding

    def cannot_tell(data):
        raise InputError("cannot tell the text encoding")

    monkeypatch.setattr(encoding, "detect_encoding", cannot_tell)
    with pytest.raises(InputError) as info:
        encoding.decode_bytes("Привет".encode("cp1251"), "p.tsv")
    assert "--encoding" not in str(info.value) and "UTF-8" in str(info.value)


def test_item14_nul_byte_in_a_po_file_is_not_echoed_raw(cli_runner, tmp_path):
    po = tmp_path / "nul.po"
    po.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "The budget grew by 12 percent."\n'
        + 'msgstr "Бюджет вырос на 15\x00 процентов."\n'.encode()
    )
    result = cli_runner.invoke(cli, ["check", str(po), "--src-lang", "en", "--tgt-lang", "ru"])
    assert result.exit_code in (0, 1), result.output
    assert "\x00" not in result.stdout and "\u27e8U+0000\u27e9" in result.stdout


def test_item14_refused_concurrent_run_creates_no_cache_file(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    cache = tmp_path / "new-cache.sqlite"
    with (out / ".aligntext-translate.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(InputError, match="another 'aligntext translate'"):
            translate([root], out, cache=cache)
    assert not cache.exists()


def test_item14_pending_entries_of_removed_inputs_are_dropped(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(f"{name} says the talks resumed.\n", encoding="utf-8")

    class StopAtOnce(Upper):
        def translate(self, sentences, progress=None):
            raise KeyboardInterrupt

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        translate([root], out, translator_factory=lambda s, t: StopAtOnce(s, t))
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {e["status"] for e in files.values()} == {"pending"}
    (root / "b.txt").unlink()
    translate([root], out)
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert set(files) == {"ru/a.txt"} and files["ru/a.txt"]["status"] == "done"


# --- issue 13 item 6: honest progress, work kept on Ctrl-C, lock removed ----------------------


def test_progress_counts_model_work_only(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    text = " ".join(f"Sentence {w} is repeated." for w in ("one", "two", "three", "four"))
    for i in range(5):
        (root / f"f{i}.txt").write_text(text + f" File {i} is unique.\n", encoding="utf-8")
    log: list[str] = []
    events: list[ProgressEvent] = []
    cache = tmp_path / "c.sqlite"
    translate(
        [root], tmp_path / "o1", cache=cache, progress=events.append,
        translator_factory=upper_factory(log),
    )  # fmt: skip
    start = next(e for e in events if e.kind == "start")
    steps = [e.sentences for e in events if e.kind == "sentences"]
    assert start.sentences == len(log) == 9  # 4 repeated + 5 unique, each sent once
    assert sum(steps) == start.sentences  # no jump for the repeats
    events.clear()
    translate([root], tmp_path / "o2", cache=cache, progress=events.append)
    assert [e.sentences for e in events if e.kind in ("start", "sentences")] == [0]


def test_ctrl_c_keeps_the_sentences_finished_so_far(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    body = " ".join(f"The report lists item number {i} today." for i in range(300))
    (root / "long.txt").write_text(body + "\n", encoding="utf-8")

    class Slowed(Upper):
        """A slow model; Ctrl-C arrives after 100 sentences."""

        def translate(self, sentences, progress=None):
            out = []
            for s in sentences:
                if len(self.log) >= 100:
                    raise KeyboardInterrupt
                time.sleep(0.0005)
                self.log.append(s)
                out.append(s.upper())
            if progress is not None:
                progress(len(sentences))
            return out

    cache = tmp_path / "c.sqlite"
    first: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        translate([root], tmp_path / "out", cache=cache,
                  translator_factory=lambda s, t: Slowed(s, t, first))  # fmt: skip
    second: list[str] = []
    translate([root], tmp_path / "out", cache=cache, translator_factory=upper_factory(second))
    assert len(second) <= 300 - 64  # at least one committed batch was not sent again
    assert len(second) < 300


def test_lock_file_is_removed_when_a_run_ends(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    translate([root], tmp_path / "out")
    assert not (tmp_path / "out" / ".aligntext-translate.lock").exists()
