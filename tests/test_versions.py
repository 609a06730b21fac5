"""pipeline.versions.load_version (the one loader of a version) and io.walk (the one walker)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligntext.errors import InputError, LanguageMismatchError
from aligntext.io.documents import document_from_text
from aligntext.io.walk import list_files, walk_files
from aligntext.pipeline.versions import load_version

EN = (
    "The committee met on Monday to discuss the new budget.\n\n"
    "It approved 12 projects worth 4.5 million dollars. The next meeting is in May.\n"
)
RU = "Комитет собрался в понедельник, чтобы обсудить новый бюджет. Следующее заседание в мае.\n"


def test_detects_and_segments_a_file(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(EN, encoding="utf-8")
    loaded = load_version(path)
    assert loaded.lang == "en"
    assert loaded.name == f"'{path}'"
    assert [s.text for s in loaded.segments] == [
        "The committee met on Monday to discuss the new budget.",
        "It approved 12 projects worth 4.5 million dollars.",
        "The next meeting is in May.",
    ]
    assert [p for p, _, _ in loaded.offsets] == [0, 1, 1]
    version = loaded.version()
    assert version.lang == "en" and version.segments == loaded.segments
    assert version.document is loaded.document


def test_a_wrong_language_warns_or_fails_when_strict() -> None:
    doc = document_from_text(RU)
    loaded = load_version(doc, "en", name="ru.txt")
    assert loaded.lang == "en"
    assert len(loaded.warnings) == 1 and loaded.warnings[0].startswith("ru.txt ")
    with pytest.raises(LanguageMismatchError):
        load_version(doc, "en", strict=True)
    assert load_version(doc, "en", verify=False).warnings == ()


def test_lines_mode_keeps_one_segment_per_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("First line here.\n\nSecond line. Still the second.\n", encoding="utf-8")
    loaded = load_version(path, "en", input_format="lines")
    assert loaded.document is None
    assert [(s.index, s.text) for s in loaded.segments] == [
        (0, "First line here."),
        (1, "Second line. Still the second."),
    ]


def test_without_segmenting_and_with_a_detect_hook() -> None:
    doc = document_from_text(EN)
    loaded = load_version(doc, segment=False, detect=lambda d: "tr")
    assert loaded.lang == "tr" and loaded.segments == ()


def test_unknown_format_and_language_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(EN, encoding="utf-8")
    with pytest.raises(InputError, match="unknown input format 'pdf'"):
        load_version(path, input_format="pdf")
    with pytest.raises(InputError, match="unknown language"):
        load_version(path, "fr")


def test_the_walker_skips_hidden_lock_files_and_links_leading_out(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ("a.txt", "sub/b.md", ".hidden.txt", ".git/c.txt", "~$d.docx", "e.pdf"):
        (root / rel).write_text("x", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("x", encoding="utf-8")
    os.symlink(outside, root / "link.txt")
    notes: list[str] = []
    found = walk_files(root, (".txt", ".md", ".docx"), notes=notes)
    assert [p.relative_to(root).as_posix() for p in found] == ["a.txt", "sub/b.md"]
    assert len(notes) == 1 and "link.txt" in notes[0]
    followed = walk_files(root, (".txt",), follow_links=True)
    assert [p.name for p in followed] == ["a.txt", "link.txt"]
    assert sorted(list_files(root)) == ["a.txt", "e.pdf", "sub/b.md"]


_MIXED = (
    "Делегации большую часть утра обсуждали торговлю и транспортное сообщение.\n"
    "Стороны договорились снова встретиться в столице до конца года.\n"
    "Министры также обсудили подготовку нового соглашения о транзите грузов.\n"
    "The delegations spent most of the morning on trade and transport links.\n"
    "Both sides agreed to meet again in the capital before the end of the year.\n"
    "The ministers also discussed a new agreement on the transit of goods.\n"
)


def test_a_detected_language_warns_on_a_file_mixing_two(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(_MIXED, encoding="utf-8")
    loaded = load_version(path)
    assert loaded.lang in ("ru", "en")
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith(f"'{path}' mixes {loaded.lang} and ")
    assert "read as" in loaded.warnings[0]
    # One language throughout: nothing to say.
    assert load_version(document_from_text(RU)).warnings == ()
